"""Changes of who can see which children at a school: kept in history, shown to the school's
auditors (SENCO, head) on /audit/access/, never another school's (issue 20 item 5)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.core.access_changes import access_changes
from sendco.core.models import KeyAdult, TeachingGroupPupil, TeachingGroupStaff

from . import factories as f

URL = reverse("audit-access-changes")


def _admin_post_for(user, memberships):
    """The admin's change form for `user`, posted back with `memberships` in the inline."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "display_name": user.display_name,
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in memberships if m.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "api_tokens-TOTAL_FORMS": "0",
        "api_tokens-INITIAL_FORMS": "0",
    }
    for i, m in enumerate(memberships):
        defaults = {"user": user.pk, "active": "on", "job_title": "", "staff_grade": "", "organisation": ""}
        for key, value in (defaults | m).items():
            data[f"memberships-{i}-{key}"] = value
    return data


def test_admin_adding_themselves_as_senco_shows_on_the_schools_access_changes(cast, client):
    admin = cast.user(Role.ADMIN)
    own = admin.memberships.get()
    client.force_login(admin)
    data = _admin_post_for(
        admin,
        [
            {"id": own.pk, "role": own.role, "school": ""},
            {"role": Role.SENCO, "school": cast.school.pk},
        ],
    )
    response = client.post(reverse("admin:accounts_user_change", args=[admin.pk]), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    added = Membership.objects.get(user=admin, school=cast.school)
    assert added.history.get().history_user == admin

    client.force_login(cast.user(Role.SENCO))
    page = client.get(URL).content.decode()
    assert "Role added" in page and "SENCO" in page
    assert page.count(str(admin)) >= 2  # who did it, and whose access it is

    client.force_login(cast.other_senco)
    assert str(admin) not in client.get(URL).content.decode()


def test_links_to_pupils_have_history_with_who_made_them(cast):
    senco = cast.user(Role.SENCO)
    group = f.TeachingGroupFactory(school=cast.school, name="7Q")
    place = TeachingGroupPupil(group=group, pupil=cast.unlinked, school=cast.school)
    place._history_user = senco
    place.save()
    staff = TeachingGroupStaff(group=group, user=cast.user(Role.TA), role="ta", school=cast.school)
    staff._history_user = senco
    staff.save()
    staff_id = staff.pk
    staff.delete()
    assert place.history.get().history_user == senco
    assert [h.history_type for h in TeachingGroupStaff.history.filter(id=staff_id)] == ["-", "+"]
    m = Membership.objects.get(user=cast.user(Role.TEACHER))
    m.role = Role.HEAD
    m.save()
    assert [h.role for h in m.history.all()] == [Role.HEAD, Role.TEACHER]


def test_each_kind_of_change_is_listed_with_before_and_after(cast):
    teacher = cast.user(Role.TEACHER)
    membership = Membership.objects.get(user=teacher)
    membership.role = Role.HEAD
    membership.save()
    f.put_in_group(f.TeachingGroupFactory(school=cast.school, name="7Z"), cast.unlinked)
    link = KeyAdult.objects.get(pupil=cast.pupil)
    link.end_date = dt.date(2026, 7, 20)
    link.save()
    entries = access_changes(cast.school)
    texts = [(e.kind, e.what) for e in entries]
    assert ("Role changed", f"{teacher} at {cast.school}") in texts
    role_change = next(e for e in entries if e.kind == "Role changed")
    assert [(c.field, c.old, c.new) for c in role_change.changes] == [
        ("Role", "Teacher", "Headteacher / SLT")
    ]
    assert any(e.kind == "Class place added" and "Unlinked Learner" in e.what for e in entries)
    ended = next(e for e in entries if e.kind == "Key adult changed")
    assert ("End date", "—", "2026-07-20") in [(c.field, c.old, c.new) for c in ended.changes]
    # newest first
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)


def test_another_schools_changes_never_appear(cast, client):
    other_teacher = Membership.objects.get(user__username="other-teacher")
    other_teacher.role = Role.TA
    other_teacher.save()
    f.make_key_adult(cast.other_pupil, cast.other_senco)
    client.force_login(cast.user(Role.SENCO))
    page = client.get(URL).content.decode()
    assert "other-teacher" not in page and cast.other_pupil.legal_surname not in page
    assert all(e.school_id == cast.school.pk for e in access_changes(cast.school))
    # nor by asking for the other school
    page = client.get(URL, {"school": cast.other.pk}).content.decode()
    assert cast.other_pupil.legal_surname not in page and "Alder Secondary" in page


def test_a_membership_moved_away_shows_at_the_school_it_left(cast):
    m = Membership.objects.get(user=cast.user(Role.TEACHER))
    m.school = cast.sister
    m.save()
    at_school = [e.kind for e in access_changes(cast.school)]
    assert "Role moved away" in at_school
    later = Membership.objects.get(pk=m.pk)
    later.job_title = "Maths"
    later.save()
    mine = [e for e in access_changes(cast.school) if e.what.startswith(f"{m.user} at")]
    roles = [e.kind for e in mine]
    assert roles == ["Role moved away", "Role added"]  # not what happened to it at the sister school


def test_date_range_and_pages(cast, client):
    client.force_login(cast.user(Role.HEAD))
    today = timezone.localdate()
    response = client.get(URL, {"from": (today + dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "No changes" in response.content.decode()
    response = client.get(URL, {"from": today.isoformat(), "to": today.isoformat()})
    assert "Key adult added" in response.content.decode()
    group = f.TeachingGroupFactory(school=cast.school, name="Big")
    for _ in range(55):
        f.put_in_group(group, f.PupilFactory(school=cast.school))
    first = client.get(URL)
    assert first.context["page"].paginator.num_pages >= 2 and len(first.context["page"].object_list) == 50
    second = client.get(URL, {"page": 2})
    assert second.status_code == 200 and second.context["page"].number == 2


def test_reading_the_page_is_logged_against_the_school(cast, client):
    client.force_login(cast.user(Role.SENCO))
    client.get(URL)
    row = AccessLog.objects.get(user=cast.user(Role.SENCO))
    assert (row.action, row.school) == ("list", cast.school) and row.what.startswith("Access changes")


def test_only_auditors_see_the_page_and_the_nav_link(cast, client):
    for role in Role:
        client.force_login(cast.user(role))
        response = client.get(URL)
        allowed = role in (Role.SENCO, Role.HEAD)
        assert response.status_code == (200 if allowed else 404), role
        home = client.get(reverse("home")).content.decode()
        assert (URL in home) == allowed, role
