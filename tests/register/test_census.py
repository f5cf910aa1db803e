import csv
import datetime as dt
import io

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.domain.census import census_day
from sendco.register.models import PupilNeed, SenStatus

from .. import factories as f

URL = reverse("register-census")
AUTUMN_2025 = census_day("autumn", 2025)  # 2 October 2025


def test_census_uses_the_dated_history(cast, client):
    client.force_login(cast.user(Role.SENCO))
    # Joined SEN support after census day: N on census day.
    late = f.put_on_register(f.PupilFactory(school=cast.school), start=AUTUMN_2025 + dt.timedelta(days=1))
    result = client.get(URL, {"date": AUTUMN_2025.isoformat()}).context["result"]
    by_pupil = {p.pupil.pk: p.record for p in result.pupils}
    assert by_pupil[cast.pupil.pk].provision == "K" and by_pupil[cast.pupil.pk].primary_need == "SPLD"
    assert by_pupil[late.pk].provision == "N"
    assert cast.other_pupil.pk not in by_pupil
    row = next(r for r in result.summary_rows if r[0] == "SPLD")
    assert row[2:] == (1, 0, 1)


def test_census_lists_pupils_that_would_fail(cast, client):
    client.force_login(cast.user(Role.SENCO))
    broken = f.PupilFactory(school=cast.school, legal_surname="Broken")
    SenStatus.objects.create(pupil=broken, school=cast.school, code="K", start_date=dt.date(2024, 9, 1))
    historic = f.PupilFactory(school=cast.school, legal_surname="Historic")
    SenStatus.objects.create(pupil=historic, school=cast.school, code="S", start_date=dt.date(2014, 9, 1))
    PupilNeed.objects.create(
        pupil=historic, school=cast.school, need_type="MLD", rank=1, start_date=dt.date(2014, 9, 1)
    )
    response = client.get(URL, {"date": AUTUMN_2025.isoformat()})
    failing = {
        p.pupil.legal_surname: [x.code for x in p.problems] for p in response.context["result"].failing
    }
    assert failing == {"Broken": ["no_primary"], "Historic": ["historic"]}
    assert b"must have a primary need" in response.content


def test_census_export_is_logged_and_lists_sen_pupils(cast, client):
    client.force_login(cast.user(Role.HEAD))
    response = client.get(URL, {"date": AUTUMN_2025.isoformat(), "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][4] == "SEN provision" and [r[0] for r in rows[1:]] == [cast.pupil.upn]


def test_default_census_day_and_choices(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["day"] <= dt.date.today()
    assert len(response.context["choices"]) == 9


def test_any_year_and_term(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.get(URL, {"year": 2019, "term": "spring"})
    assert response.context["day"] == census_day("spring", 2019) and response.context["is_census_day"]
    response = client.get(URL, {"date": "2025-10-03"})
    assert not response.context["is_census_day"] and b"is not a census day" in response.content
