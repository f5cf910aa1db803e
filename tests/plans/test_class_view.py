from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.core.models import TeachingGroup
from sendco.plans import services
from tests import factories as f

from .conftest import make_plan


def _sen_pupil(cast, group, senco, n):
    pupil = f.put_on_register(f.PupilFactory(school=cast.school, legal_surname=f"Sen{n:02d}"))
    f.put_in_group(group, pupil)
    services.save_passport(
        actor=senco,
        pupil=pupil,
        expected_version=None,
        data={"how_to_help": f"<ul><li>Strategy for {n}</li></ul>"},
    )
    make_plan(pupil, senco, targets=2, staff_only_target=True)
    return pupil


def test_teacher_sees_passports_and_key_strategies_of_sen_pupils(cast, client, senco):
    group = TeachingGroup.objects.get(name="10E1")
    _sen_pupil(cast, group, senco, 1)
    f.put_in_group(group, f.PupilFactory(school=cast.school, legal_surname="Nosen"))
    client.force_login(cast.user(Role.TEACHER))
    listing = client.get(reverse("plans-classes")).content.decode()
    assert "10E1" in listing
    body = client.get(reverse("plans-class", args=[group.pk])).content.decode()
    assert "Strategy for 1" in body and "Target number 1" in body and "Chunk instructions" in body
    assert "Nosen" not in body and "SECRET-TARGET" not in body and "STAFF-ONLY-NOTE" not in body
    assert "app-print-page" in body
    assert AccessLog.objects.filter(action="list", what__startswith="Class passports").exists()
    pdf = client.get(reverse("plans-class-pdf", args=[group.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(action="download", what__startswith="Class passports PDF").exists()


def test_class_view_constant_queries(cast, client, senco):
    group = TeachingGroup.objects.get(name="10E1")
    client.force_login(cast.user(Role.TEACHER))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("plans-class", args=[group.pk])).status_code == 200
        return len(ctx.captured_queries)

    for n in range(2):
        _sen_pupil(cast, group, senco, n)
    few = count()
    for n in range(2, 8):
        _sen_pupil(cast, group, senco, n)
    assert count() == few
