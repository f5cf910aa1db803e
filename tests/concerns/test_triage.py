import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.concerns.models import Concern, InputRequest
from sendco.register.models import PupilNeed, SenStatus
from tests import factories as f

from . import helpers as h


def test_senco_asks_the_ta_who_answers_from_their_home_page(cast, client):
    senco, ta = cast.user(Role.SENCO), cast.user(Role.TA)
    concern = h.make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    client.force_login(senco)
    page = client.get(reverse("concern-request-input", args=[concern.pk])).content.decode()
    assert str(ta) in page and str(cast.user(Role.HEAD)) not in page  # only adults who teach the pupil
    response = client.post(
        reverse("concern-request-input", args=[concern.pk]),
        {"users": [ta.pk], "message": "Seen this in maths?"},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "awaiting_input"
    request = InputRequest.objects.get()
    client.force_login(ta)
    home = client.get(reverse("home")).content.decode()
    assert "The SENCO asked for your input" in home and cast.pupil.full_name in home
    html = client.post(
        reverse("concern-respond", args=[concern.pk, request.pk]), {"response": ""}
    ).content.decode()
    assert "This field is required" in html
    response = client.post(
        reverse("concern-respond", args=[concern.pk, request.pk]),
        {"response": "Yes: loses track in multi-step tasks."},
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "awaiting_decision"
    assert "The SENCO asked for your input" not in client.get(reverse("home")).content.decode()


def test_senco_cannot_ask_someone_who_does_not_teach_the_pupil(cast, client):
    concern = h.make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("concern-request-input", args=[concern.pk]), {"users": [cast.user(Role.HEAD).pk]}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not InputRequest.objects.exists()


def test_parents_views_are_recorded(cast, client):
    concern = h.make_concern(cast.unlinked, by=cast.user(Role.SENCO))
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    url = reverse("concern-parents", args=[concern.pk])
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    html = client.post(url, {"version": 1, "parents_views": "Same at home", "parents_views_on": future})
    assert "Enter the date you spoke to them" in html.content.decode()
    today = dt.date.today().isoformat()
    assert (
        client.post(
            url, {"version": 1, "parents_views": "Same at home", "parents_views_on": today}
        ).status_code
        == 302
    )
    concern.refresh_from_db()
    assert concern.parents_views == "Same at home" and concern.status == "awaiting_decision"


def _decide(client, concern, **data):
    return client.post(reverse("concern-decide", args=[concern.pk]), {"version": concern.version} | data)


def test_decision_to_sen_support_updates_the_register_with_a_link_back(cast, client):
    teacher = cast.user(Role.TEACHER)
    f.make_key_adult(cast.unlinked, teacher)
    concern = h.make_concern(cast.unlinked, by=teacher)
    client.force_login(cast.user(Role.SENCO))
    told = dt.date.today().isoformat()
    response = _decide(
        client,
        concern,
        decision="sen_support",
        primary_need="SLCN",
        secondary_need="SPLD",
        parents_told_on=told,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    concern.refresh_from_db()
    cast.unlinked.refresh_from_db()
    assert concern.status == "decided" and concern.need_types == ["SLCN", "SPLD"]
    assert concern.parents_told_on == dt.date.today()
    assert cast.unlinked.sen_status == "K"
    status = SenStatus.objects.get(pupil=cast.unlinked, end_date__isnull=True)
    assert concern.sen_status == status and f"from concern #{concern.pk}" in status.reason
    needs = PupilNeed.objects.filter(pupil=cast.unlinked).order_by("rank")
    assert [(n.need_type, n.rank) for n in needs] == [("SLCN", 1), ("SPLD", 2)]
    pupil_page = client.get(reverse("pupil-detail", args=[cast.unlinked.pk])).content.decode()
    assert f"from concern #{concern.pk}" in pupil_page
    client.force_login(teacher)
    assert "Decisions on concerns you raised" in client.get(reverse("home")).content.decode()


def test_decisions_are_checked(cast, client):
    concern = h.make_concern(cast.unlinked, by=cast.user(Role.SENCO))
    client.force_login(cast.user(Role.SENCO))
    cases = [
        ({"decision": "monitor"}, "Enter a review date in the future."),
        (
            {"decision": "monitor", "review_date": dt.date.today().isoformat()},
            "Enter a review date in the future.",
        ),
        ({"decision": "sen_support"}, "Choose the primary need"),
        ({"decision": "sen_support", "primary_need": "MLD"}, "Enter the date the parents were told"),
        ({"decision": "sen_support", "primary_need": "MLD", "secondary_need": "MLD"}, "can be chosen once"),
        ({"decision": "refer"}, "Say which agency"),
        ({"decision": "refer", "agency": "EP service"}, "Say why you are referring."),
        ({"decision": "maybe"}, "Select a valid choice"),
    ]
    for data, message in cases:
        html = _decide(client, concern, **data).content.decode()
        assert message in html, data
    concern.refresh_from_db()
    assert concern.decision == "" and not SenStatus.objects.filter(pupil=cast.unlinked).exists()
    # A pupil already on the register: change needs on the register instead.
    linked = h.make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    html = _decide(client, linked, decision="sen_support", primary_need="MLD").content.decode()
    assert "already on the SEN register" in html


def test_monitor_and_refer_record_their_details(cast, client):
    concern = h.make_concern(cast.unlinked, by=cast.user(Role.SENCO))
    client.force_login(cast.user(Role.SENCO))
    review = (dt.date.today() + dt.timedelta(weeks=6)).isoformat()
    assert _decide(client, concern, decision="monitor", review_date=review).status_code == 302
    concern.refresh_from_db()
    assert concern.review_date.isoformat() == review
    response = _decide(
        client, concern, decision="refer", agency="Educational psychology", agency_reason="Plateau"
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.agency == "Educational psychology" and concern.review_date is None
    assert concern.history.count() == 3
    stale = client.post(reverse("concern-decide", args=[concern.pk]), {"version": 1, "decision": "no_action"})
    assert "Someone else changed this concern" in stale.content.decode()
    assert Concern.objects.get().decision == "refer"
