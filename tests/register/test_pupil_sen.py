import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.register import services
from sendco.register.models import PupilNeed, SenStatus
from sendco.register.selectors import register_version

TODAY = dt.date.today()


def _page(cast, pupil=None):
    return reverse("register-pupil", args=[(pupil or cast.pupil).pk])


def test_tab_shows_history_timeline_and_logs_the_view(cast, client):
    client.force_login(cast.user(Role.SENCO))
    services.set_needs(
        actor=cast.user(Role.SENCO), pupil=cast.pupil, needs=[("SPLD", 1), ("SLCN", 2)], on=TODAY
    )
    response = client.get(_page(cast))
    body = response.content.decode()
    assert response.status_code == 200 and 'id="sen-timeline"' in body
    assert "Speech, language and communication needs (SLCN) recorded as secondary need" in body
    assert 'id="status-form"' in body and 'id="needs-form"' in body
    assert AccessLog.objects.filter(pupil=cast.pupil, what="SEN history").exists()
    assert "SEN" in [t["label"] for t in response.context["tabs"]]


def test_teacher_sees_history_without_forms(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    body = client.get(_page(cast)).content.decode()
    assert 'id="sen-timeline"' in body and 'id="status-form"' not in body


def test_change_to_k_with_needs(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("register-pupil-status", args=[cast.unlinked.pk])
    response = client.post(
        url,
        {
            "code": "K",
            "start_date": TODAY.isoformat(),
            "reason": "Assessed",
            "primary": "SLCN",
            "secondary": "SEMH",
        },
    )
    assert response.status_code == 302
    cast.unlinked.refresh_from_db()
    assert cast.unlinked.sen_status == "K"
    assert set(PupilNeed.objects.filter(pupil=cast.unlinked).values_list("need_type", "rank")) == {
        ("SLCN", 1),
        ("SEMH", 2),
    }


def test_rules_give_clear_messages_and_save_nothing(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("register-pupil-status", args=[cast.unlinked.pk])
    cases = [
        ({"code": "K", "start_date": TODAY.isoformat(), "reason": "x"}, "must have a primary need"),
        ({"code": "E", "start_date": TODAY.isoformat(), "reason": "x", "primary": "NSA"}, "NSA"),
        (
            {"code": "K", "start_date": "2000-01-01", "reason": "x", "primary": "MLD"},
            "before the pupil&#x27;s date of birth",
        ),
        (
            {
                "code": "K",
                "start_date": (TODAY + dt.timedelta(days=3)).isoformat(),
                "reason": "x",
                "primary": "MLD",
            },
            "in the future",
        ),
        (
            {"code": "K", "start_date": TODAY.isoformat(), "reason": "", "primary": "MLD"},
            "This field is required",
        ),
        ({"code": "S", "start_date": TODAY.isoformat(), "reason": "x"}, "Select a valid choice"),
        ({"code": "N", "start_date": TODAY.isoformat(), "reason": "x"}, "nothing to change"),
        (
            {
                "code": "K",
                "start_date": TODAY.isoformat(),
                "reason": "x",
                "primary": "ASD",
                "secondary": "ASD",
            },
            "more than once",
        ),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 422, data
        assert message in response.content.decode(), (data, message)
        assert b"govuk-error-summary" in response.content
    assert not SenStatus.objects.filter(pupil=cast.unlinked).exists()
    assert not PupilNeed.objects.filter(pupil=cast.unlinked).exists()


def test_needs_form_replaces_and_ranks(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("register-pupil-needs", args=[cast.pupil.pk])
    response = client.post(
        url,
        {
            "primary": "ASD",
            "secondary": "SPLD",
            "rank3": "SEMH",
            "on": TODAY.isoformat(),
            "reason": "Diagnosis",
        },
    )
    assert response.status_code == 302
    current = set(
        PupilNeed.objects.filter(pupil=cast.pupil, end_date__isnull=True).values_list("need_type", "rank")
    )
    assert current == {("ASD", 1), ("SPLD", 2), ("SEMH", 3)}
    response = client.post(url, {"primary": "", "secondary": "SPLD", "on": TODAY.isoformat(), "reason": "x"})
    assert response.status_code == 422 and b"primary need" in response.content
    assert current == set(
        PupilNeed.objects.filter(pupil=cast.pupil, end_date__isnull=True).values_list("need_type", "rank")
    )


def test_concurrent_edit_is_refused_with_conflict_screen(cast, client):
    client.force_login(cast.user(Role.SENCO))
    stale = register_version(cast.pupil.pk)
    services.set_needs(actor=cast.user(Role.ASSISTANT_SENCO), pupil=cast.pupil, needs=[("MLD", 1)], on=TODAY)
    response = client.post(
        reverse("register-pupil-needs", args=[cast.pupil.pk]),
        {"primary": "ASD", "on": TODAY.isoformat(), "reason": "x", "version": stale},
    )
    assert response.status_code == 409 and b"Someone else changed" in response.content
    assert list(
        PupilNeed.objects.filter(pupil=cast.pupil, end_date__isnull=True).values_list("need_type", flat=True)
    ) == ["MLD"]
    response = client.post(
        reverse("register-pupil-status", args=[cast.pupil.pk]),
        {"code": "N", "start_date": TODAY.isoformat(), "reason": "x", "version": stale},
    )
    assert response.status_code == 409
    cast.pupil.refresh_from_db()
    assert cast.pupil.sen_status == "K"


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_tab_constant_queries(cast, client):
    client.force_login(cast.user(Role.SENCO))
    senco = cast.user(Role.SENCO)
    url = _page(cast)
    before = _count(client, url)
    for i, need in enumerate(["MLD", "SLCN", "ASD", "SEMH"]):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=30 * i)
        services.change_status(
            actor=senco, pupil=cast.pupil, code="E" if i % 2 == 0 else "K", start_date=day, reason="x"
        )
        services.set_needs(actor=senco, pupil=cast.pupil, needs=[(need, 1)], on=day)
    assert _count(client, url) == before


def test_need_given_with_a_new_status_replaces_the_old_primary(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("register-pupil-status", args=[cast.pupil.pk]),
        {"code": "E", "start_date": TODAY.isoformat(), "reason": "Plan issued", "primary": "ASD"},
    )
    assert response.status_code == 302
    needs = dict(PupilNeed.objects.filter(pupil=cast.pupil).values_list("need_type", "end_date"))
    assert needs == {"SPLD": TODAY - dt.timedelta(days=1), "ASD": None}
