"""Starting a group from the library, editing it (with conflicts), adding pupils, scores."""

from datetime import date

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.provision.models import GroupMember, GroupStaff, ProvisionGroup

from .fixtures import provision_for, provision_setup


def _group_data(cast, **overrides):
    data = {
        "name": "Y7 Toe by Toe",
        "weekday_set": ["0", "2", "4"],
        "minutes_per_session": "20",
        "start_date": "2026-09-07",
        "end_date": "2026-12-18",
        "resource_cost_per_session": "0.20",
        "one_off_resource_cost": "30",
        "measure_kind": "age_months",
        "staff_ids": [str(cast.user(Role.TA).pk)],
    }
    data.update(overrides)
    return data


def test_senco_starts_a_group_from_the_library(client, cast):
    provision = provision_for(cast.school)
    client.force_login(cast.user(Role.SENCO))
    form = client.get(reverse("provision-group-new", args=[provision.pk]))
    assert "Toe by Toe" in form.content.decode()
    response = client.post(reverse("provision-group-new", args=[provision.pk]), _group_data(cast))
    group = ProvisionGroup.objects.get()
    assert response["Location"] == reverse("provision-group", args=[group.pk])
    assert (group.weekdays, group.provision, group.school) == ("0,2,4", provision, cast.school)
    assert list(GroupStaff.objects.values_list("user", flat=True)) == [cast.user(Role.TA).pk]
    assert group.history.first().history_user == cast.user(Role.SENCO)


def test_a_group_ending_before_it_starts_is_refused(client, cast):
    provision = provision_for(cast.school)
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("provision-group-new", args=[provision.pk]), _group_data(cast, end_date="2026-09-01")
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date" in response.content.decode()
    assert 'href="#id_end_date"' in response.content.decode()
    assert not ProvisionGroup.objects.exists() and not GroupStaff.objects.exists()


def test_section_f_needs_the_promised_hours(client, cast):
    provision = provision_for(cast.school)
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("provision-group-new", args=[provision.pk]), _group_data(cast, is_section_f="on")
    )
    assert "Enter the hours a week the EHC plan promises" in response.content.decode()
    assert not ProvisionGroup.objects.exists()


def test_negative_costs_are_refused(client, cast):
    provision = provision_for(cast.school)
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("provision-group-new", args=[provision.pk]), _group_data(cast, resource_cost_per_session="-1")
    )
    assert "greater than or equal to 0" in response.content.decode()
    assert not ProvisionGroup.objects.exists()


def test_editing_a_group_changed_meanwhile_shows_the_conflict(client, cast):
    group = provision_setup(cast)["linked"]
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-group-edit", args=[group.pk])
    ok = client.post(url, _group_data(cast, name="First edit", version=str(group.version)))
    assert ok.status_code == 302
    stale = client.post(url, _group_data(cast, name="Second edit", version=str(group.version)))
    assert "Someone else changed this group" in stale.content.decode()
    group.refresh_from_db()
    assert (group.name, group.version) == ("First edit", 2)


def test_adding_a_pupil_checks_dates_and_duplicates(client, cast):
    group = provision_setup(cast)["linked"]
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-member-add", args=[group.pk])
    early = client.post(url, {"pupil_id": cast.unlinked.pk, "joined": "2026-01-01"})
    assert "within the dates the group runs" in early.content.decode()
    again = client.post(url, {"pupil_id": cast.pupil.pk, "joined": "2026-10-01"})
    assert "already has a place" in again.content.decode()
    elsewhere = client.post(url, {"pupil_id": cast.other_pupil.pk, "joined": "2026-10-01"})
    assert elsewhere.status_code == 200  # not a choice: another school's pupil
    assert GroupMember.objects.filter(group=group).count() == 1
    ok = client.post(
        url, {"pupil_id": cast.unlinked.pk, "joined": "2026-10-01", "reason": "Reading age 7y2m"}
    )
    assert ok.status_code == 302
    assert GroupMember.objects.filter(group=group).count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"entry_value": "-5"}, "cannot be negative"),
        ({"entry_on": "2026-10-01", "exit_on": "2026-09-01"}, "on or after the entry measure"),
        ({"left": "2026-01-01"}, "on or after the joining date"),
    ],
)
def test_bad_scores_are_refused(client, cast, data, message):
    member = provision_setup(cast)["members"]["linked"]
    client.force_login(cast.user(Role.TA))
    response = client.post(reverse("provision-place-measures", args=[member.pk]), {"version": 1, **data})
    assert message in response.content.decode()
    member.refresh_from_db()
    assert (member.entry_value, member.left, member.version) == (None, None, 1)


def test_ta_enters_scores(client, cast):
    member = provision_setup(cast)["members"]["linked"]
    client.force_login(cast.user(Role.TA))
    response = client.post(
        reverse("provision-place-measures", args=[member.pk]),
        {
            "version": 1,
            "entry_value": "82",
            "entry_on": "2026-09-08",
            "exit_value": "90",
            "exit_on": "2026-12-15",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.entry_value, member.exit_value, member.version, member.exit_on) == (
        82,
        90,
        2,
        date(2026, 12, 15),
    )


def test_group_list_shows_a_ta_only_their_groups(client, cast):
    provision_setup(cast)
    client.force_login(cast.user(Role.TA))
    page = client.get(reverse("provision-group-list")).content.decode()
    assert "Linked reading group" in page and "Unlinked reading group" not in page


def test_library_examples_are_added_once(client, cast):
    client.force_login(cast.user(Role.SENCO))
    client.post(reverse("provision-library"))
    client.post(reverse("provision-library"))
    page = client.get(reverse("provision-library")).content.decode()
    for name in ("Precision Teaching", "Lexia", "Talk Boost", "ELSA", "Lego-based therapy", "1:1 TA support"):
        assert name in page
    from sendco.provision.models import Provision

    assert Provision.objects.filter(school=cast.school).count() == 14


def test_group_page_links_pupils_only_where_the_user_may_open_them(client, cast):
    made = provision_setup(cast)
    group = made["linked"]
    GroupMember.objects.create(school=cast.school, group=group, pupil=cast.unlinked, joined=group.start_date)
    client.force_login(cast.user(Role.TA))  # runs the group; is linked to cast.pupil only
    page = client.get(reverse("provision-group", args=[group.pk])).content.decode()
    assert reverse("provision-pupil", args=[cast.pupil.pk]) in page
    assert reverse("provision-pupil", args=[cast.unlinked.pk]) not in page
    assert cast.unlinked.legal_surname in page  # named on the register of a group they run
