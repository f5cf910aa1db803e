"""Starting a group from the library, editing it (with conflicts), adding pupils, scores."""

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.provision.models import GroupMember, GroupStaff, Measure, ProvisionGroup, Score

from .fixtures import add_scores, provision_for, provision_setup, score_fields


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
    [first] = group.measures.all()  # the group form's measure is the first
    assert (first.kind, first.position, first.school) == ("age_months", 1, cast.school)


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
    measure = member.group.first_measure
    left = {"left": data.pop("left")} if "left" in data else {}
    client.force_login(cast.user(Role.TA))
    response = client.post(
        reverse("provision-place-measures", args=[member.pk]),
        {"version": 1, **left, **score_fields(measure, version=0, **data)},
    )
    assert message in response.content.decode()
    assert "<title>Error: " in response.content.decode()
    member.refresh_from_db()
    assert (member.left, member.version, Score.objects.count()) == (None, 1, 0)


def _two_measures(cast):
    """The linked place in a group tracking a reading age and a standardised score."""
    member = provision_setup(cast)["members"]["linked"]
    reading = member.group.first_measure
    reading.kind, reading.name = "age_months", "Reading age"
    reading.save()
    spelling = Measure.objects.create(
        school=cast.school, group=member.group, kind="standardised", name="Spelling", position=2
    )
    return member, reading, spelling


def test_ta_enters_scores_on_every_measure_in_one_form(client, cast):
    member, reading, spelling = _two_measures(cast)
    client.force_login(cast.user(Role.TA))
    url = reverse("provision-place-measures", args=[member.pk])
    page = client.get(url).content.decode()
    assert "Reading age" in page and "Spelling" in page
    response = client.post(
        url,
        {
            "version": 1,
            **score_fields(reading, version=0, entry_value="82", entry_on="2026-09-08", exit_value="90"),
            **score_fields(spelling, version=0, entry_value="85", exit_value="88", exit_on="2026-12-15"),
        },
    )
    assert response.status_code == 302
    got = {s.measure_id: (s.entry_value, s.exit_value, s.version) for s in Score.objects.all()}
    assert got == {reading.pk: (82, 90, 1), spelling.pk: (85, 88, 1)}
    member.refresh_from_db()
    assert member.version == 1  # the place itself did not change
    scores = client.get(reverse("provision-measures", args=[member.group_id])).content.decode()
    assert "Reading age" in scores and "88.0" in scores
    assert Score.objects.get(measure=spelling).history.first().history_user == cast.user(Role.TA)


def test_a_stale_score_is_refused_and_nothing_is_saved(client, cast):
    member, reading, spelling = _two_measures(cast)
    add_scores(member, 80, None, measure=reading)  # version 1
    client.force_login(cast.user(Role.TA))
    url = reverse("provision-place-measures", args=[member.pk])
    first = client.post(
        url, {"version": 1, **score_fields(reading, version=1, entry_value="80", exit_value="86")}
    )
    assert first.status_code == 302
    stale = client.post(
        url,
        {
            "version": 1,
            **score_fields(reading, version=1, entry_value="80", exit_value="99"),
            **score_fields(spelling, version=0, entry_value="70"),
        },
    )
    page = stale.content.decode()
    assert "Someone else saved scores" in page and "exit 86.0" in page
    assert f'name="m{reading.pk}-version" value="2"' in page  # saving again keeps theirs over it
    assert not Score.objects.filter(measure=spelling).exists()  # nothing of the stale save
    assert Score.objects.get(measure=reading).exit_value == 86
    # Another person entering a different measure is not a conflict: unchanged scores are not saved.
    other = client.post(
        url,
        {
            "version": 1,
            **score_fields(reading, version=1, entry_value="80", exit_value="86"),
            **score_fields(spelling, version=0, entry_value="70"),
        },
    )
    assert other.status_code == 302
    assert Score.objects.get(measure=spelling).entry_value == 70


def test_a_bad_score_for_the_kind_is_refused_and_nothing_is_saved(client, cast):
    member, reading, spelling = _two_measures(cast)
    spelling.kind = "target_rating"
    spelling.save()
    client.force_login(cast.user(Role.TA))
    response = client.post(
        reverse("provision-place-measures", args=[member.pk]),
        {
            "version": 1,
            "left": "2026-12-01",
            **score_fields(reading, version=0, entry_value="82"),
            **score_fields(spelling, version=0, entry_value="7"),
        },
    )
    page = response.content.decode()
    assert "Spelling, entry score: " in page and f'href="#id_m{spelling.pk}-entry_value"' in page
    member.refresh_from_db()
    assert (member.left, Score.objects.count()) == (None, 0)


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


def test_the_group_form_changes_the_first_measure(client, cast):
    group = provision_setup(cast)["linked"]
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-group-edit", args=[group.pk])
    assert client.get(url).context["form"].initial["measure_kind"] == "standardised"
    data = _group_data(cast, measure_kind="standardised", measure_name="Reading score", expected_gain="2")
    assert client.post(url, {**data, "version": str(group.version)}).status_code == 302
    [first] = group.measures.all()
    assert (first.kind, first.name, first.expected_gain) == ("standardised", "Reading score", 2)


def test_senco_adds_renames_and_removes_measures(client, cast):
    member = provision_setup(cast)["members"]["linked"]
    group = member.group
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("provision-group", args=[group.pk])).content.decode()
    assert reverse("provision-measure-add", args=[group.pk]) in page
    added = client.post(
        reverse("provision-measure-add", args=[group.pk]), {"kind": "age_months", "name": "Spelling age"}
    )
    assert added.status_code == 302
    spelling = group.measures.get(position=2)
    client.post(
        reverse("provision-measure-edit", args=[spelling.pk]),
        {"kind": "age_months", "name": "Spelling age (SWST)"},
    )
    spelling.refresh_from_db()
    assert (spelling.name, spelling.history.first().history_user) == (
        "Spelling age (SWST)",
        cast.user(Role.SENCO),
    )
    add_scores(member, 96, 104, measure=spelling)
    # A reading age of 96 months is not a target rating (0–4): the kind cannot change under it.
    refused = client.post(
        reverse("provision-measure-edit", args=[spelling.pk]), {"kind": "target_rating", "name": "Spelling"}
    )
    assert "1 pupil has scores that cannot be this kind of measure" in refused.content.decode()
    delete = reverse("provision-measure-delete", args=[spelling.pk])
    assert "1 pupil has scores on this measure" in client.get(delete).content.decode()
    unconfirmed = client.post(delete)
    assert "confirm to remove them too" in unconfirmed.content.decode()
    assert Score.objects.filter(measure=spelling).exists()
    assert client.post(delete, {"confirm": "yes"}).status_code == 302
    assert not Measure.objects.filter(pk=spelling.pk).exists() and not Score.objects.exists()
    assert Score.history.filter(history_type="-").get().history_user == cast.user(Role.SENCO)
    only = reverse("provision-measure-delete", args=[group.first_measure.pk])
    assert "cannot be removed" in client.get(only).content.decode()
    assert client.post(only, {"confirm": "yes"}).status_code == 200
    assert group.measures.count() == 1


def test_a_new_place_may_have_an_entry_score_on_the_first_measure(client, cast):
    group = provision_setup(cast)["linked"]
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-member-add", args=[group.pk])
    assert "On the group’s first measure: Standardised score" in client.get(url).content.decode()
    place = {"pupil_id": cast.unlinked.pk, "joined": "2026-10-01"}
    bad = client.post(url, {**place, "entry_value": "-3"})
    assert "cannot be negative" in bad.content.decode()
    assert GroupMember.objects.filter(group=group).count() == 1 and not Score.objects.exists()
    assert client.post(url, {**place, "entry_value": "84", "entry_on": "2026-10-01"}).status_code == 302
    score = Score.objects.get()
    assert (score.measure, score.pupil, score.school, score.entry_value) == (
        group.first_measure, cast.unlinked, cast.school, 84,
    )  # fmt: skip


def test_a_stale_measure_edit_shows_the_conflict_and_saves_nothing(client, cast):
    group = provision_setup(cast)["linked"]
    first = group.first_measure
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-measure-edit", args=[first.pk])
    assert f'name="version" value="{first.version}"' in client.get(url).content.decode()
    ok = client.post(url, {"kind": first.kind, "name": "Renamed", "version": first.version})
    assert ok.status_code == 302
    stale = client.post(url, {"kind": first.kind, "name": "Mine", "version": first.version})
    page = stale.content.decode()
    assert "Someone else changed this measure" in page and "Renamed" in page
    first.refresh_from_db()
    assert (first.name, first.version) == ("Renamed", 2)
