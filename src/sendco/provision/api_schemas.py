"""Request and response schemas of the provision API (sendco.provision.api).

No schema has a rate or a cost field: salary figures never leave through the API
(tests/provision/test_money_never_leaks.py checks the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from ninja import Schema

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate


class ProvisionOut(Schema):
    id: int
    school_id: int
    name: str
    description: str
    need_area: str
    wave: int
    typical_group_size: int
    minutes_per_session: int
    sessions_per_week: int
    staff_type: str
    evidence_notes: str
    evidence_url: str
    measure_kind: str
    measure_name: str
    active: bool
    version: int


class MeasureOut(Schema):
    id: int
    kind: str
    name: str
    expected_gain: Decimal | None
    position: int
    version: int


class GroupOut(Schema):
    id: int
    provision_id: int
    name: str
    weekdays: list[int]
    start_time: time | None
    minutes_per_session: int
    room: str
    start_date: date
    end_date: date
    is_section_f: bool
    staff_take_turns: bool
    promised_hours_per_week: Decimal | None
    measures: list[MeasureOut]
    staff_ids: list[int]
    version: int

    @staticmethod
    def resolve_weekdays(obj):
        return obj.weekday_list

    @staticmethod
    def resolve_staff_ids(obj):
        return [s.user_id for s in obj.staff_links.all()]

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.all())


class ScoreOut(Schema):
    """A place's values on one measure; ``version`` 0: nothing recorded yet."""

    measure_id: int
    entry_value: Decimal | None
    entry_on: date | None
    exit_value: Decimal | None
    exit_on: date | None
    version: int


class MemberOut(Schema):
    id: int
    group_id: int
    pupil_id: int
    joined: date
    left: date | None
    reason: str
    scores: list[ScoreOut]
    version: int

    @staticmethod
    def resolve_scores(obj):
        return list(obj.scores.all())


class PlacePatch(Schema):
    """The leaving date (null: none); `version` is the place's (409 if it changed)."""

    left: BoundedDate | None = None
    version: int


class ScoreIn(Schema):
    """All four values of one measure (PUT: a value left out is cleared). `version` is the
    score's as you read it, 0 if it had none; 409 if it changed. Unchanged values save nothing."""

    entry_value: Decimal | None = None
    entry_on: BoundedDate | None = None
    exit_value: Decimal | None = None
    exit_on: BoundedDate | None = None
    version: int


class ScoreConflict(Conflict):
    message = "Someone else changed this score since you read it"
    current: ScoreOut | None


class MeasureIn(Schema):
    """Another measure for a group: its kind (MEASURE_KIND_CHOICES), name and expected gain."""

    kind: str = "standardised"
    name: str = ""
    expected_gain: Decimal | None = None


class AttendanceOut(Schema):
    pupil_id: int
    present: bool
    note: str


class SessionOut(Schema):
    id: int
    group_id: int
    date: date
    held: bool
    cancel_reason: str
    note: str
    attendance: list[AttendanceOut]
    version: int

    @staticmethod
    def resolve_attendance(obj):
        return list(obj.attendance.all())


class SessionIn(Schema):
    date: BoundedDate
    held: bool = True
    cancel_reason: str = ""
    note: str = ""
    present: list[int] = []
    notes: dict[int, str] = {}


class ProvisionIn(Schema):
    school_id: int
    name: str
    need_area: str
    description: str = ""
    wave: int = 2
    typical_group_size: int = 4
    minutes_per_session: int = 30
    sessions_per_week: int = 2
    staff_type: str = "ta"
    evidence_notes: str = ""
    evidence_url: str = ""
    measure_kind: str = "standardised"
    measure_name: str = ""
    active: bool = True


class ProvisionPatch(Schema):
    """Fields to change (the rest are kept); `version` is the one you read (409 if it changed)."""

    version: int
    name: str | None = None
    need_area: str | None = None
    description: str | None = None
    wave: int | None = None
    typical_group_size: int | None = None
    minutes_per_session: int | None = None
    sessions_per_week: int | None = None
    staff_type: str | None = None
    evidence_notes: str | None = None
    evidence_url: str | None = None
    measure_kind: str | None = None
    measure_name: str | None = None
    active: bool | None = None


class ProvisionConflict(Conflict):
    message = "Someone else changed this library entry: fetch it again"
    current: ProvisionOut


class GroupIn(Schema):
    """Start a group of a library entry. Left out: the entry's length, measure and resources.
    `measure_kind`, `measure_name` and `expected_gain` set the group's first measure (add more
    with POST /groups/{id}/measures)."""

    provision_id: int
    name: str
    weekdays: list[int]
    start_date: BoundedDate
    end_date: BoundedDate
    staff_ids: list[int]
    start_time: time | None = None
    minutes_per_session: int | None = None
    room: str = ""
    is_section_f: bool = False
    promised_hours_per_week: Decimal | None = None
    measure_kind: str | None = None
    measure_name: str | None = None
    expected_gain: Decimal | None = None
    charge_cancelled: bool = False
    staff_take_turns: bool = False


class GroupPatch(Schema):
    """Fields to change (the rest are kept); `version` is the one you read (409 if it changed).
    `measure_kind`, `measure_name` and `expected_gain` are the group's first measure's."""

    version: int
    name: str | None = None
    weekdays: list[int] | None = None
    start_date: BoundedDate | None = None
    end_date: BoundedDate | None = None
    start_time: time | None = None
    minutes_per_session: int | None = None
    room: str | None = None
    staff_ids: list[int] | None = None
    is_section_f: bool | None = None
    promised_hours_per_week: Decimal | None = None
    measure_kind: str | None = None
    measure_name: str | None = None
    expected_gain: Decimal | None = None
    charge_cancelled: bool | None = None
    staff_take_turns: bool | None = None


class GroupConflict(Conflict):
    message = "Someone else changed this group: fetch it again"
    current: GroupOut


class MemberIn(Schema):
    pupil_id: int
    joined: BoundedDate
    reason: str = ""
    left: BoundedDate | None = None
    entry_value: Decimal | None = None  # on the group's first measure
    entry_on: BoundedDate | None = None


class SessionPatch(Schema):
    """Correct a recorded session. Fields left out are kept (the present list and notes as
    recorded); the register is rewritten for the members on that date. 409 on an old version."""

    version: int
    held: bool | None = None
    cancel_reason: str | None = None
    note: str | None = None
    present: list[int] | None = None
    notes: dict[int, str] | None = None


class SessionConflict(Conflict):
    message = "Someone else changed this register: fetch it again"
    current: SessionOut


class MemberConflict(Conflict):
    message = "Someone else changed this place since you read it"
    current: MemberOut
