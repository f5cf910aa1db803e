"""The audit tab shows a change only to someone who may read that record and field, by the
record's own rule (chronology levels, concern readers, plan notes, money)."""

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.registry import audited_models
from sendco.chronology import services as chronology_services
from sendco.provision import services as provision_services

from .chronology.helpers import attach, make_entry
from .concerns.helpers import add_evidence, ask, make_concern
from .plans.conftest import make_plan

AUDITORS = (Role.SENCO, Role.HEAD)


def audit_page(client, user, pupil) -> str:
    client.force_login(user)
    response = client.get(reverse("pupil-audit", args=[pupil.pk]))
    assert response.status_code == 200
    return response.content.decode()


# level -> the auditors who may read an entry at that level (neither recorded it)
CHRONOLOGY_READERS = {
    "senco": {Role.SENCO},
    "sen_team": {Role.SENCO},
    "staff": {Role.SENCO, Role.HEAD},
    "parents": {Role.SENCO, Role.HEAD},
}


@pytest.mark.parametrize("level", list(CHRONOLOGY_READERS))
@pytest.mark.parametrize("role", AUDITORS)
def test_chronology_entry_on_the_audit_tab_follows_its_level(cast, client, level, role):
    entry = make_entry(
        cast.pupil, by=cast.user(Role.ASSISTANT_SENCO), level=level, title="ENTRY-TITLE", body="ENTRY-BODY"
    )
    attach(entry, name="ENTRY-FILE.pdf")
    page = audit_page(client, cast.user(role), cast.pupil)
    shown = role in CHRONOLOGY_READERS[level]
    for secret in ("ENTRY-TITLE", "ENTRY-BODY", "ENTRY-FILE.pdf"):
        assert (secret in page) is shown, (secret, level, role)


def test_author_reads_the_history_of_their_own_entry(cast, client):
    make_entry(cast.pupil, by=cast.user(Role.HEAD), level="senco", body="HEAD-WROTE-THIS")
    assert "HEAD-WROTE-THIS" in audit_page(client, cast.user(Role.HEAD), cast.pupil)


def _correct(entry, actor, **data):
    return chronology_services.update_entry(
        actor=actor, entry=entry, data=data, expected_version=entry.version, reason="Level reviewed"
    )


def test_an_entry_opened_to_staff_does_not_show_its_senco_only_version(cast, client):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco, level="senco", body="SECRET-FIRST-VERSION")
    _correct(entry, senco, confidentiality="staff", body="Shared version")
    head = audit_page(client, cast.user(Role.HEAD), cast.pupil)
    assert "Shared version" in head and "SECRET-FIRST-VERSION" not in head
    assert "an earlier version you may not read" in head  # the change is there, its old values are not
    assert "SECRET-FIRST-VERSION" in audit_page(client, senco, cast.pupil)


def test_an_entry_made_senco_only_hides_its_earlier_versions(cast, client):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco, level="staff", body="WRONGLY-SHARED")
    _correct(entry, senco, confidentiality="senco", body="Now SENCO only")
    head = audit_page(client, cast.user(Role.HEAD), cast.pupil)
    assert "WRONGLY-SHARED" not in head and "Now SENCO only" not in head


def test_entry_page_history_leaves_out_versions_the_reader_may_not_read(cast, client):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco, level="senco", body="SECRET-FIRST-VERSION")
    entry = _correct(entry, senco, confidentiality="staff", body="Shared version")
    client.force_login(cast.user(Role.HEAD))
    page = client.get(reverse("chronology-detail", args=[entry.pk])).content.decode()
    assert "Shared version" in page and "SECRET-FIRST-VERSION" not in page
    client.force_login(senco)
    page = client.get(reverse("chronology-detail", args=[entry.pk])).content.decode()
    assert "SECRET-FIRST-VERSION" in page


@pytest.mark.parametrize("role", AUDITORS)
def test_concern_content_and_input_requests_only_for_its_readers(cast, client, role):
    teacher = cast.user(Role.TEACHER)
    concern = make_concern(cast.pupil, by=teacher)
    request = ask(concern, cast.user(Role.TA), cast.user(Role.SENCO))
    request.message = "INPUT-MESSAGE"
    request.save()
    add_evidence(concern)
    page = audit_page(client, cast.user(role), cast.pupil)
    shown = role == Role.SENCO  # the head neither raised it nor was asked
    for secret in ("Avoids reading aloud", "INPUT-MESSAGE", "reading-sample.pdf", "Concern input request"):
        assert (secret in page) is shown, (secret, role)


def test_head_reads_the_history_of_a_concern_they_raised(cast, client):
    make_concern(cast.pupil, by=cast.user(Role.HEAD))
    assert "Avoids reading aloud" in audit_page(client, cast.user(Role.HEAD), cast.pupil)


@pytest.mark.parametrize("role", AUDITORS)
def test_plan_senco_notes_only_for_the_senco_team(cast, client, role):
    make_plan(cast.pupil, cast.user(Role.SENCO), staff_only_target=True)
    page = audit_page(client, cast.user(role), cast.pupil)
    assert ("SENCO-ONLY-NOTE" in page) is (role == Role.SENCO)
    assert ("Notes for the SENCO team only" in page) is (role == Role.SENCO)
    assert "STAFF-ONLY-NOTE" in page and "SECRET-TARGET" in page  # both auditors are staff


@pytest.mark.parametrize("role", AUDITORS)
def test_top_up_amount_follows_the_money_rule(cast, client, role):
    provision_services.set_top_up(
        actor=cast.user(Role.SENCO),
        school=cast.school,
        financial_year=2026,
        data={"pupil_id": cast.pupil.pk, "amount": "4321.09", "notes": ""},
    )
    assert "4321.09" in audit_page(client, cast.user(role), cast.pupil)  # SENCO and head see money


def test_audit_rules_hide_money_from_someone_without_the_money_rule(cast, client):
    """Should an assistant SENCO ever open the tab, a top-up stays hidden (provision.pupil_money)."""
    from sendco.core.audit_trail import change_entries

    provision_services.set_top_up(
        actor=cast.user(Role.SENCO),
        school=cast.school,
        financial_year=2026,
        data={"pupil_id": cast.pupil.pk, "amount": "4321.09", "notes": ""},
    )
    shown = change_entries(cast.pupil, cast.user(Role.ASSISTANT_SENCO))
    assert not any("4321.09" in c.new for e in shown for c in e.changes)
    head = change_entries(cast.pupil, cast.user(Role.HEAD))
    assert any("4321.09" in c.new for e in head for c in e.changes)


def test_every_registered_model_declares_who_reads_its_history():
    undeclared = [a.model.__name__ for a in audited_models() if a.can_read is None]
    assert not undeclared, f"no read rule for the audit tab: {undeclared}"


def test_field_rules_name_real_fields():
    for audited in audited_models():
        names = {f.name for f in audited.model._meta.concrete_fields}
        assert set(audited.field_perms) <= names, audited.model.__name__


def test_assistant_senco_does_not_open_the_audit_tab(cast, client):
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    assert client.get(reverse("pupil-audit", args=[cast.pupil.pk])).status_code == 404
