"""Every deadline of one pupil's statutory record (EHC needs assessment requests, EHC plans,
annual reviews, amendments, phase transfer), computed from the dates that happened.

The Django app stores events only; this module turns them into ``Tracked`` deadlines with
the engine in ``deadlines``.  Pure standard library (no Django).

Two readings of the law, decided here and shown to users (``INTERPRETATIONS``):

* Reg 18(1) says the transfer amendment must be made "before 15 February" ("before 31 March"
  for post-16).  sendco keeps the strict reading: the last day on time is 14 February (30
  March), displayed as "before 15 February 2027 (so by 14 February 2027)".  The domain
  reference and much LA guidance say "by 15 February"; flagging a plan finalised on 15
  February as late costs a SENCO nothing, missing a breach would.
* CFA s44(1) "within the period of 12 months starting with the date" counts that date, so
  the review is due the day before the anniversary (plan made 10 March 2026: review by
  9 March 2027).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from . import deadlines as dl
from .term_dates import academic_year_of, default_calendar

__all__ = [
    "INTERPRETATIONS",
    "KIND_LABELS",
    "AdviceEvents",
    "AmendmentEvents",
    "LaPaperwork",
    "PlanEvents",
    "PupilFacts",
    "RequestEvents",
    "ReviewEvents",
    "Tracked",
    "bucket",
    "bucket_for_due",
    "bucket_for_status",
    "describe_due",
    "half_term_end",
    "la_paperwork_deadline",
    "nc_year_on",
    "plan_deadlines",
    "record_deadlines",
    "request_deadlines",
    "validate_plan_events",
]

INTERPRETATIONS: dict[str, str] = {
    "phase_transfer": (
        "Regulation 18(1) says the amended plan must be issued before 15 February, so "
        "14 February is the last day on time; a plan issued on 15 February is late."
    ),
    "phase_transfer_post16": (
        "Regulation 18(1) says the amended plan must be issued before 31 March, so "
        "30 March is the last day on time; a plan issued on 31 March is late."
    ),
    "annual_review": (
        "Section 44(1) counts 12 months starting with the day the plan was made (or last "
        "reviewed), so the period ends the day before the anniversary."
    ),
}

# Which part of the statutory record a deadline belongs to (dashboards group by these).
KIND_LABELS: dict[str, str] = {
    "request": "Needs assessment",
    "plan": "EHC plan",
    "review": "Annual review",
    "amendment": "Amendment",
    "transfer": "Phase transfer",
    "internal": "LA internal deadline",
}


@dataclass(frozen=True)
class PupilFacts:
    date_of_birth: date
    nc_year: int
    school_phase: str
    has_sixth_form: bool = False
    left_on: date | None = None  # leaving date, or the day the record was removed


@dataclass(frozen=True)
class AdviceEvents:
    id: int
    label: str
    requested_on: date
    returned_on: date | None = None
    exception: str | None = None


@dataclass(frozen=True)
class RequestEvents:
    id: int
    la: str
    request_made: date | None = None
    request_received: date | None = None  # deadlines start only when the LA has it
    decision_made: date | None = None
    decided_to_assess: bool | None = None
    advice: Sequence[AdviceEvents] = ()
    draft_sent: date | None = None
    draft_comments_received: date | None = None
    final_issued: date | None = None
    decided_not_to_issue: date | None = None
    exception: str | None = None
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class ReviewEvents:
    id: int
    meeting_date: date
    held: bool = False
    invitations_sent: date | None = None
    advice_circulated: date | None = None
    report_sent: date | None = None
    la_decision_date: date | None = None
    pfa_discussed: bool = False
    cancelled: bool = False


@dataclass(frozen=True)
class AmendmentEvents:
    id: int
    notice_sent: date
    comments_received: date | None = None
    final_issued: date | None = None


@dataclass(frozen=True)
class PlanEvents:
    id: int
    la: str
    issued_on: date
    ceased_on: date | None = None
    ceased_reason: str = ""
    transfer_override: bool | None = None  # None: detect from NC year and school phase
    reviews: Sequence[ReviewEvents] = ()
    amendments: Sequence[AmendmentEvents] = ()


@dataclass(frozen=True)
class LaPaperwork:
    """An LA's own extra deadline: review paperwork within N working days of the meeting.
    It adds to the statutory 2-week report deadline, never replaces it."""

    la: str
    working_days: int
    weekend: tuple[int, ...] = (5, 6)
    holidays: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Tracked:
    """A deadline with where it belongs: ``kind`` (see KIND_LABELS), the id of the request,
    plan, review or amendment it comes from, the plan or request's id and the LA."""

    deadline: dl.Deadline
    kind: str
    subject_id: int
    root_id: int  # the request (kind "request") or plan it belongs to
    la: str
    internal: bool = field(default=False)

    @property
    def rule(self) -> dl.Rule:
        return self.deadline.rule

    def status(self, today: date) -> str:
        return self.deadline.status(today)


def _long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def describe_due(deadline: dl.Deadline) -> str:
    """The due date in words, saying how "before" and "within 12 months starting with" read."""
    code = deadline.rule.code
    if code in ("phase_transfer", "phase_transfer_post16"):
        before = dl.add_days(deadline.due, 1)
        return f"before {_long(before)} (so by {_long(deadline.due)})"
    if code in ("annual_review", "annual_review_under5"):
        return f"within the period starting {_long(deadline.start)}, so by {_long(deadline.due)}"
    if code in ("review_invitations", "review_advice"):
        return f"at least 2 weeks before the meeting, so by {_long(deadline.due)}"
    return f"by {_long(deadline.due)}"


def nc_year_on(nc_year_now: int, today: date, on: date) -> int:
    """The pupil's NC year on another date, assuming they moved up one year each September."""
    return nc_year_now - (academic_year_of(today) - academic_year_of(on))


def la_paperwork_deadline(setting: LaPaperwork, *, meeting_date: date, sent_on: date | None) -> dl.Deadline:
    rule = dl.Rule(
        code="la_review_paperwork",
        title=f"Review paperwork to {setting.la} ({setting.working_days} working days)",
        citation=f"{setting.la} local arrangement (not statutory)",
        explanation=(
            f"{setting.la} asks schools to send the review paperwork within "
            f"{setting.working_days} working days of the meeting. This is in addition to the "
            "statutory 2-week limit, which still applies."
        ),
    )
    due = dl.add_working_days(meeting_date, setting.working_days, setting.holidays, setting.weekend)
    return dl.Deadline(rule=rule, due=due, start=meeting_date, met_on=sent_on)


def _stop(deadline: dl.Deadline, reason: str | None) -> dl.Deadline:
    # Met deadlines keep their history; only the open ones stop, and they say why.
    if reason is None or deadline.met_on is not None or deadline.stopped_reason:
        return deadline
    return dataclasses.replace(deadline, stopped_reason=reason)


def _left_reason(pupil: PupilFacts) -> str | None:
    return f"The pupil left the school on {_long(pupil.left_on)}" if pupil.left_on else None


def request_deadlines(request: RequestEvents, pupil: PupilFacts) -> list[Tracked]:
    """Deadlines of one request; none until the LA has received it."""
    if request.request_received is None:
        return []
    stop = _left_reason(pupil)
    if request.withdrawn_on is not None:
        stop = f"The request was withdrawn on {_long(request.withdrawn_on)}"
    found = dl.assessment_deadlines(
        request_received=request.request_received,
        request_made=request.request_made,
        decision_made=request.decision_made,
        decided_to_assess=request.decided_to_assess,
        advice_requests=[(a.label, a.requested_on, a.returned_on, a.exception) for a in request.advice],
        draft_sent=request.draft_sent,
        draft_comments_received=request.draft_comments_received,
        final_issued=request.final_issued,
        decided_not_to_issue=request.decided_not_to_issue,
        exception=request.exception,
        stopped_reason=stop,
    )
    return [Tracked(d, "request", request.id, request.id, request.la) for d in found]


def _plan_stop(plan: PlanEvents, pupil: PupilFacts) -> str | None:
    if plan.ceased_on is not None:
        reason = f": {plan.ceased_reason}" if plan.ceased_reason else ""
        return f"The plan ceased on {_long(plan.ceased_on)}{reason}"
    return _left_reason(pupil)


def plan_deadlines(
    plan: PlanEvents,
    pupil: PupilFacts,
    *,
    today: date,
    la_paperwork: LaPaperwork | None = None,
) -> list[Tracked]:
    """Annual reviews (past ones met or late, the next one open), each review meeting's
    deadlines, LA extras, amendments, and this school year's phase transfer."""
    validate_plan_events(plan, pupil)
    stop = _plan_stop(plan, pupil)
    found: list[Tracked] = []

    def add(deadline: dl.Deadline, kind: str, subject_id: int, internal: bool = False) -> None:
        found.append(Tracked(_stop(deadline, stop), kind, subject_id, plan.id, plan.la, internal))

    reviews = sorted((r for r in plan.reviews if not r.cancelled), key=lambda r: r.meeting_date)
    last_held: date | None = None
    for review in (r for r in reviews if r.held):
        due = dl.annual_review_due(
            plan_issued=plan.issued_on, last_review_meeting=last_held, date_of_birth=pupil.date_of_birth
        )
        add(dataclasses.replace(due, met_on=review.meeting_date), "plan", plan.id)
        last_held = review.meeting_date
    add(
        dl.annual_review_due(
            plan_issued=plan.issued_on, last_review_meeting=last_held, date_of_birth=pupil.date_of_birth
        ),
        "plan",
        plan.id,
    )

    for review in reviews:
        year = nc_year_on(pupil.nc_year, today, review.meeting_date)
        for deadline in dl.review_meeting_deadlines(
            meeting_date=review.meeting_date,
            invitations_sent=review.invitations_sent,
            advice_circulated=review.advice_circulated,
            report_sent=review.report_sent,
            la_decision=review.la_decision_date,
            nc_year=max(year, -2),
            pfa_discussed=review.pfa_discussed,
        ):
            if deadline.rule.code == "preparing_for_adulthood" and review.held and not review.pfa_discussed:
                deadline = dataclasses.replace(
                    deadline, stopped_reason="The meeting was held without discussing preparing for adulthood"
                )
            add(deadline, "review", review.id)
        if la_paperwork is not None and la_paperwork.working_days > 0:
            paperwork = la_paperwork_deadline(
                la_paperwork, meeting_date=review.meeting_date, sent_on=review.report_sent
            )
            add(paperwork, "internal", review.id, internal=True)

    for amendment in sorted(plan.amendments, key=lambda a: a.notice_sent):
        for deadline in dl.amendment_deadlines(
            notice_sent=amendment.notice_sent,
            comments_received=amendment.comments_received,
            final_issued=amendment.final_issued,
        ):
            add(deadline, "amendment", amendment.id)

    transfer = _transfer_deadline(plan, pupil, today)
    if transfer is not None:
        add(transfer, "transfer", plan.id)
    return found


def validate_plan_events(plan: PlanEvents, pupil: PupilFacts) -> None:
    """Dates of a plan's own events that cannot be true (raise ``TimelineError``)."""
    if plan.issued_on < pupil.date_of_birth:
        raise dl.TimelineError("issued_on", "The plan cannot be made before the child was born.")
    if plan.ceased_on is not None and plan.ceased_on < plan.issued_on:
        raise dl.TimelineError("ceased_on", "The plan cannot cease before it was made.")
    for review in plan.reviews:
        if not review.cancelled and review.meeting_date < plan.issued_on:
            raise dl.TimelineError("meeting_date", "A review meeting cannot be before the plan was issued.")
    for amendment in plan.amendments:
        if amendment.notice_sent < plan.issued_on:
            raise dl.TimelineError("notice_sent", "An amendment notice cannot be before the plan was issued.")


def _transfer_deadline(plan: PlanEvents, pupil: PupilFacts, today: date) -> dl.Deadline | None:
    try:
        kind = dl.transfer_year(
            nc_year=pupil.nc_year,
            school_phase=pupil.school_phase,
            override=plan.transfer_override,
            has_sixth_form=pupil.has_sixth_form,
        )
    except ValueError:
        return None
    if kind is None:
        return None
    year_start = academic_year_of(today)
    # The amendment that names the new setting: the first final amended plan this school year.
    issued = sorted(
        a.final_issued
        for a in plan.amendments
        if a.final_issued is not None and academic_year_of(a.final_issued) == year_start
    )
    return dl.phase_transfer_deadline(
        transfer_kind=kind, school_year_start=year_start, met_on=issued[0] if issued else None
    )


def record_deadlines(
    *,
    pupil: PupilFacts,
    requests: Sequence[RequestEvents] = (),
    plans: Sequence[PlanEvents] = (),
    today: date,
    la_paperwork: Mapping[str, LaPaperwork] | None = None,
) -> list[Tracked]:
    """Every deadline of one pupil's statutory record, sorted by due date."""
    la_paperwork = la_paperwork or {}
    found: list[Tracked] = []
    for request in requests:
        found += request_deadlines(request, pupil)
    for plan in plans:
        found += plan_deadlines(plan, pupil, today=today, la_paperwork=la_paperwork.get(plan.la))
    return sorted(found, key=lambda t: (t.deadline.due, t.kind, t.subject_id))


def half_term_end(today: date) -> date:
    """The last day of the current half term (or of the next one, in a holiday), from the
    default English term dates."""
    for year in (academic_year_of(today), academic_year_of(today) + 1):
        for end in _term_ends(year):
            if end >= today:
                return end
    raise AssertionError("unreachable: next year's calendar always has a term ending later")


@functools.cache
def _term_ends(year_start: int) -> tuple[date, ...]:
    return tuple(term.end for term in default_calendar(year_start, inset_days=False).terms)


OPEN_STATUSES = frozenset({"overdue", "due", "upcoming", "excepted"})


def bucket(tracked: Tracked, today: date) -> str | None:
    """The dashboard group of an open deadline: overdue, this_week, this_half_term, later or
    excepted (a time limit lifted by an exception is never overdue); None for a met or
    stopped one."""
    return bucket_for_status(tracked.deadline.due, tracked.status(today), today)


def bucket_for_status(due: date, status: str, today: date) -> str | None:
    if status not in OPEN_STATUSES:
        return None
    return bucket_for_due(due, today, excepted=status == "excepted")


def bucket_for_due(due: date, today: date, *, excepted: bool = False) -> str:
    """The dashboard group of an open deadline due on ``due`` (also used on cached dates)."""
    if excepted:
        return "excepted"
    if due < today:
        return "overdue"
    if (due - today).days <= 7:
        return "this_week"
    if due <= half_term_end(today):
        return "this_half_term"
    return "later"
