"""Schemas of the referrals and consent API (names prefixed Referral/Consent/Wait: unique
across the whole API)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.domain import referrals as rules_


class ReferralFlagOut(Schema):
    code: str
    reason: str
    days_overdue: int | None


class ReferralEventOut(Schema):
    id: int
    status: str
    on: date
    note: str


class ReferralDocumentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    description: str
    created_at: datetime


class ReferralOut(Schema):
    id: int
    pupil_id: int
    agency_id: int
    agency_name: str
    consent_id: int
    reason: str
    status: str
    status_label: str
    status_on: date
    sent_on: date | None
    expected_response_days: int | None
    appointment_at: datetime | None
    first_seen_on: date | None
    report_received_on: date | None
    closed_on: date | None
    outcome: str
    report_id: int | None
    version: int

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status_label(obj) -> str:
        return rules_.LABELS.get(obj.status, obj.status)


class ReferralRowOut(Schema):
    """A dashboard or pupil-list row: the referral, its flags and the days waiting so far."""

    id: int
    pupil_id: int
    pupil_name: str
    referral: ReferralOut
    flags: list[ReferralFlagOut]
    days_waiting: int | None
    expected_on: date | None


class ReferralDetailOut(ReferralOut):
    flags: list[ReferralFlagOut]
    days_waiting: int | None
    allowed_next: list[str]
    events: list[ReferralEventOut]
    documents: list[ReferralDocumentOut]

    @staticmethod
    def resolve_allowed_next(obj) -> list[str]:
        return rules_.allowed_next(obj.status)

    @staticmethod
    def resolve_events(obj) -> list:
        return list(obj.events.all())

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())


class ReferralConsentInlineIn(Schema):
    given_by: str
    given_on: BoundedDate
    how: str = "written"
    relationship: str = ""


class ReferralIn(Schema):
    """Consent: `consent_id` (a current referral consent of the pupil) or `consent` recorded now."""

    agency_id: int
    reason: str
    consent_id: int | None = None
    consent: ReferralConsentInlineIn | None = None
    expected_response_days: int | None = None
    send: bool = False
    sent_on: BoundedDate | None = None


class ReferralUpdateIn(Schema):
    version: int
    reason: str
    expected_response_days: int | None = None
    outcome: str = ""
    report_id: int | None = None


class ReferralStatusIn(Schema):
    version: int
    status: str
    on: BoundedDate | None = None
    note: str = ""
    appointment_at: datetime | None = None
    report_id: int | None = None


class ReferralConflict(Conflict):
    current: ReferralOut
    version: int
    message = "This referral was changed by someone else since you read it: nothing was saved."


class ConsentOut(Schema):
    id: int
    pupil_id: int
    purpose: str
    agency_id: int | None
    agency_name: str
    given_by: str
    relationship: str
    given_on: date
    how: str
    notes: str
    withdrawn_on: date | None
    withdrawn_by: str
    withdrawal_reason: str
    current: bool
    version: int

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name if obj.agency_id else ""


class ConsentIn(Schema):
    purpose: str
    agency_id: int | None = None
    given_by: str
    given_on: BoundedDate
    how: str = "written"
    relationship: str = ""
    notes: str = ""


class ConsentWithdrawIn(Schema):
    version: int
    withdrawn_on: BoundedDate
    withdrawn_by: str
    reason: str = ""


class ConsentConflict(Conflict):
    current: ConsentOut
    version: int
    message = "This consent was changed by someone else since you read it: nothing was saved."


class WaitServiceOut(Schema):
    agency_id: int
    name: str
    kind: str
    median_days: float | None
    count: int
    still_waiting: int


class WaitSchoolOut(Schema):
    id: int
    name: str


class WaitTimesOut(Schema):
    """`school_id` null: the figures cover every school listed."""

    school_id: int | None
    schools: list[WaitSchoolOut]
    services: list[WaitServiceOut]
