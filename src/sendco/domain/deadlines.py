"""The deadline engine: every statutory date for EHC needs assessments, EHC plans,
annual reviews, phase transfers, amendments and tribunal appeals (England).

Pure standard-library code: the Django app stores the events (dates that happened) and
calls these functions to show deadlines in the dashboard, the API, iCalendar feeds and
reminder emails.  Each computed ``Deadline`` carries the ``Rule`` it comes from, so the
source of every date can be shown next to it.

Conventions used throughout (see /work/shared/domain/README.md sections 3 and 4):

* ``due`` is the LAST day on which doing the thing is still on time.
* "within N weeks/months of X" ends on the corresponding day N weeks/months after X
  (the worked example: request received 2025-09-01, decision due 2025-10-13).
* "N days beginning with the day X" includes day X, so it ends on X + (N - 1) days.
* "the period of 12 months starting with X" (CFA s44(1)) includes day X, so it ends the
  day before the anniversary of X.
* "before 15 February" (Reg 18(1)) means 14 February is the last day on time.
* Citations that the reference marks CHECK contain "(CHECK: secondary source)" so the UI
  can flag them.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "ADVICE_RETURN",
    "AMENDMENT_COMMENTS",
    "AMENDMENT_FINAL",
    "ANNUAL_REVIEW",
    "ANNUAL_REVIEW_UNDER5",
    "ASSESSMENT_DECISION",
    "CHECK",
    "DRAFT_COMMENTS",
    "EXCEPTION_GROUNDS",
    "FINAL_PLAN",
    "NO_PLAN_NOTICE",
    "PHASE_TRANSFER",
    "PHASE_TRANSFER_POST16",
    "POST16_MOVE",
    "PREPARING_FOR_ADULTHOOD",
    "REVIEW_ADVICE",
    "REVIEW_INVITATIONS",
    "REVIEW_LA_DECISION",
    "REVIEW_REPORT",
    "RULES",
    "SCHOOL_PHASES",
    "TRANSFER_KINDS",
    "TRIBUNAL_APPEAL",
    "Deadline",
    "Rule",
    "TimelineError",
    "add_days",
    "add_months",
    "add_weeks",
    "add_working_days",
    "amendment_deadlines",
    "annual_review_due",
    "appeal_deadline",
    "assessment_deadlines",
    "fifth_birthday",
    "last_day_of_months_starting",
    "phase_transfer_deadline",
    "post16_move_deadline",
    "review_meeting_deadlines",
    "transfer_year",
    "validate_amendment_dates",
    "validate_annual_review_dates",
    "validate_assessment_dates",
    "validate_review_meeting_dates",
]

# Appended to citations the reference could only source from secondary material.
CHECK = "(CHECK: secondary source)"


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One statutory (or guidance) time limit, with where it comes from."""

    code: str
    title: str
    citation: str
    explanation: str
    # Regs 5(4), 8(2), 10(4), 13(3) let the 6/16/20-week limits lapse in listed circumstances.
    can_be_excepted: bool = False


ASSESSMENT_DECISION = Rule(
    code="assessment_decision",
    title="LA decides whether to assess",
    citation="SEND Regs 2014 reg 4(1), 5(1)",
    explanation=(
        "The LA must tell the family within 6 weeks of receiving the request whether it "
        "will carry out an EHC needs assessment."
    ),
    can_be_excepted=True,
)
ADVICE_RETURN = Rule(
    code="advice_return",
    title="Advice returned for the assessment",
    citation=f"SEND Regs 2014 reg 8(1), 8(2) {CHECK}",
    explanation=(
        "Anyone the LA asks for advice (school, health, educational psychologist, social "
        "care) must send it within 6 weeks of the request."
    ),
    can_be_excepted=True,
)
NO_PLAN_NOTICE = Rule(
    code="no_plan_notice",
    title="LA tells the family it will not issue a plan",
    citation="SEND Regs 2014 reg 10(1)",
    explanation=(
        "If, after assessing, the LA decides not to issue an EHC plan, it must tell the "
        "family within 16 weeks of receiving the request."
    ),
    can_be_excepted=True,
)
DRAFT_COMMENTS = Rule(
    code="draft_comments",
    title="Family's comments on the draft plan",
    citation="SEND Regs 2014 reg 13(1)",
    explanation=(
        "The family has at least 15 days, counting the day the draft plan is sent, to "
        "comment, ask for a meeting and ask for a school to be named."
    ),
)
FINAL_PLAN = Rule(
    code="final_plan",
    title="Final EHC plan issued",
    citation="SEND Regs 2014 reg 13(2)",
    explanation=(
        "The final EHC plan must be issued within 20 weeks of the LA receiving the request for an assessment."
    ),
    can_be_excepted=True,
)
ANNUAL_REVIEW = Rule(
    code="annual_review",
    title="Annual review of the EHC plan",
    citation="Children and Families Act 2014 s44(1)",
    explanation=(
        "The LA must review the plan within 12 months of it being made, counting the day "
        "it was made, and then within 12 months of each previous review."
    ),
)
ANNUAL_REVIEW_UNDER5 = Rule(
    code="annual_review_under5",
    title="Review of the EHC plan (child under 5)",
    citation="SEND Code of Practice 2015 para 9.178 (guidance)",
    explanation=(
        "For a child under 5 the plan should be reviewed every 3 to 6 months, so that "
        "support keeps up with fast development."
    ),
)
REVIEW_INVITATIONS = Rule(
    code="review_invitations",
    title="Review meeting invitations sent",
    citation="SEND Regs 2014 reg 20(3)",
    explanation="Everyone invited to the review meeting must get at least 2 weeks' notice of its date.",
)
REVIEW_ADVICE = Rule(
    code="review_advice",
    title="Advice circulated before the review meeting",
    citation="SEND Regs 2014 reg 20(4)",
    explanation=(
        "The advice and information gathered for the review must be sent to everyone "
        "invited at least 2 weeks before the meeting."
    ),
)
REVIEW_REPORT = Rule(
    code="review_report",
    title="Review report sent",
    citation=f"SEND Regs 2014 reg 20 {CHECK}",
    explanation=(
        "The school must send the review report to the LA and everyone invited within 2 weeks of the meeting."
    ),
)
REVIEW_LA_DECISION = Rule(
    code="review_la_decision",
    title="LA decision after the review",
    citation=f"SEND Regs 2014 reg 20; SEND Code of Practice 2015 para 9.176 {CHECK}",
    explanation=(
        "Within 4 weeks of the review meeting the LA must tell the family whether it will "
        "keep, amend or cease the plan (and, if amending, what the changes are)."
    ),
)
PREPARING_FOR_ADULTHOOD = Rule(
    code="preparing_for_adulthood",
    title="Review covers preparing for adulthood",
    citation="SEND Regs 2014 reg 20(6); SEND Code of Practice 2015 para 8.9",
    explanation=(
        "From Year 9 every review meeting must consider the support needed to prepare for "
        "adulthood and independent living."
    ),
)
AMENDMENT_COMMENTS = Rule(
    code="amendment_comments",
    title="Family's comments on proposed amendments",
    citation="SEND Regs 2014 reg 22(2)",
    explanation=(
        "The family has at least 15 days, counting the day the amendment notice is sent, "
        "to comment on the proposed changes and ask for a school to be named."
    ),
)
AMENDMENT_FINAL = Rule(
    code="amendment_final",
    title="Final amended EHC plan issued",
    citation="SEND Regs 2014 reg 22(3)",
    explanation="The final amended plan must be issued within 8 weeks of the amendment notice being sent.",
)
PHASE_TRANSFER = Rule(
    code="phase_transfer",
    title="Plan amended for phase transfer (before 15 February)",
    citation="SEND Regs 2014 reg 18(1)(b)",
    explanation=(
        "Before 15 February of the year the child moves (e.g. to Reception, junior or "
        "secondary school) the plan must be reviewed and amended to name the new setting."
    ),
)
PHASE_TRANSFER_POST16 = Rule(
    code="phase_transfer_post16",
    title="Plan amended for move to post-16 (before 31 March)",
    citation="SEND Regs 2014 reg 18(1)(a)",
    explanation=(
        "Before 31 March of the year a young person leaves secondary school for a post-16 "
        "institution the plan must be reviewed and amended to name it."
    ),
)
POST16_MOVE = Rule(
    code="post16_move",
    title="Plan amended for move between post-16 institutions",
    citation="SEND Regs 2014 reg 18(2)",
    explanation=(
        "When a young person moves between post-16 institutions mid-year, the plan must be "
        "reviewed and amended at least 5 months before the move."
    ),
)
TRIBUNAL_APPEAL = Rule(
    code="tribunal_appeal",
    title="Last day to appeal to the SEND Tribunal",
    citation=(f"Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 r20(1)(c) {CHECK}"),
    explanation=(
        "An appeal must reach the Tribunal within 2 months of the decision letter, or "
        "within 1 month of the mediation certificate if that is later."
    ),
)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        ASSESSMENT_DECISION,
        ADVICE_RETURN,
        NO_PLAN_NOTICE,
        DRAFT_COMMENTS,
        FINAL_PLAN,
        ANNUAL_REVIEW,
        ANNUAL_REVIEW_UNDER5,
        REVIEW_INVITATIONS,
        REVIEW_ADVICE,
        REVIEW_REPORT,
        REVIEW_LA_DECISION,
        PREPARING_FOR_ADULTHOOD,
        AMENDMENT_COMMENTS,
        AMENDMENT_FINAL,
        PHASE_TRANSFER,
        PHASE_TRANSFER_POST16,
        POST16_MOVE,
        TRIBUNAL_APPEAL,
    )
}

# Grounds in Regs 5(4), 10(4)(a)-(d) and 13(3) for not meeting the 6/16/20-week limits.
# ``exception=`` accepts one of these codes (shown as its label) or free text.
EXCEPTION_GROUNDS: dict[str, str] = {
    "school_closed": "School or college closed for at least 4 weeks around the advice request",
    "early_years_closed": "Early years provider closed for at least 4 weeks around the advice request",
    "personal_circumstances": "Exceptional personal circumstances of the child, parent or young person",
    "away_from_area": "Child, parent or young person away from the LA's area for at least 4 weeks",
}


# ---------------------------------------------------------------------------
# Deadline
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A computed due date.  It never disappears: a deadline that no longer runs is
    returned with ``stopped_reason`` so the history stays explainable."""

    rule: Rule
    due: date
    start: date  # the date the period runs from (or is counted back from)
    met_on: date | None = None
    excepted_reason: str | None = None
    stopped_reason: str | None = None
    label: str | None = None  # tells apart several deadlines of one rule (e.g. "EP advice")

    def days_remaining(self, today: date) -> int:
        """Days from ``today`` to ``due``; negative when overdue."""
        return (self.due - today).days

    def status(self, today: date, due_window_days: int = 7) -> str:
        """One of upcoming, due, overdue, met, met_late, excepted, stopped."""
        if self.met_on is not None:
            if self.met_on <= self.due:
                return "met"
            # An exception lifts the time limit, so late completion is not a breach.
            return "met" if self.excepted_reason else "met_late"
        if self.stopped_reason:
            return "stopped"
        if self.excepted_reason:
            return "excepted"
        remaining = self.days_remaining(today)
        if remaining < 0:
            return "overdue"
        if remaining <= due_window_days:
            return "due"
        return "upcoming"


class TimelineError(ValueError):
    """Dates that cannot all be true; ``field`` names the input to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# ---------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------

_NO_HOLIDAYS: frozenset[date] = frozenset()


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def add_weeks(d: date, n: int) -> date:
    # Calendar weeks: "within 6 weeks of" ends on the same weekday 6 weeks later.
    return d + timedelta(weeks=n)


def add_months(d: date, n: int) -> date:
    """Calendar months, clamping to month end (31 Jan + 1 = 28/29 Feb; 29 Feb + 12 = 28 Feb)."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    # calendar.monthrange also computes the weekday, which the dashboards do not need (speed).
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def last_day_of_months_starting(start: date, months: int) -> date:
    """Last day of "the period of ``months`` months starting with ``start``" (CFA s44(1)).

    The period includes ``start``, so it ends the day before the corresponding date; when
    that date does not exist (31 Jan -> "31 Feb") the period ends on the month's last day.
    """
    corresponding = add_months(start, months)
    if corresponding.day < start.day:  # clamped: no corresponding date in that month
        return corresponding
    return corresponding - timedelta(days=1)


def add_working_days(
    d: date,
    n: int,
    holidays: frozenset[date] = _NO_HOLIDAYS,
    weekend: tuple[int, ...] = (5, 6),
) -> date:
    """``n`` working days after ``d`` (before it when negative), skipping weekend days
    (Monday=0) and ``holidays``.  For LA-specific internal deadlines only: statutory
    periods are calendar weeks and months."""
    if len(set(weekend)) >= 7:
        raise ValueError("weekend cannot cover every day of the week")
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = d
    while remaining:
        current += timedelta(days=step)
        if current.weekday() not in weekend and current not in holidays:
            remaining -= 1
    return current


def _last_day_of_days_beginning(start: date, days: int) -> date:
    # "at least 15 days, beginning with the day on which the draft was served" counts
    # the serving day as day 1 (Regs 13(1), 22(2)).
    return start + timedelta(days=days - 1)


def fifth_birthday(date_of_birth: date) -> date:
    # A child born on 29 February is treated as turning 5 on 1 March in a common year.
    try:
        return date_of_birth.replace(year=date_of_birth.year + 5)
    except ValueError:
        return date(date_of_birth.year + 5, 3, 1)


# ---------------------------------------------------------------------------
# EHC needs assessment (Regs 4-13)
# ---------------------------------------------------------------------------

# (label, requested_on, returned_on) or (label, requested_on, returned_on, exception under Reg 8(2))
AdviceRequest = tuple[str, date, date | None] | tuple[str, date, date | None, str | None]


def _before(later: date | None, earlier: date | None, field: str, message: str) -> None:
    if later is not None and earlier is not None and later < earlier:
        raise TimelineError(field, message)


def validate_assessment_dates(
    *,
    request_received: date,
    request_made: date | None = None,
    decision_made: date | None = None,
    decided_to_assess: bool | None = None,
    advice_requests: Sequence[AdviceRequest] = (),
    draft_sent: date | None = None,
    draft_comments_received: date | None = None,
    final_issued: date | None = None,
    decided_not_to_issue: date | None = None,
) -> None:
    """Raise ``TimelineError`` for dates that cannot all be true.  Used by the engine
    and by forms."""
    if decided_to_assess is not None and decision_made is None:
        raise TimelineError("decision_made", "Record the date of the LA's decision whether to assess.")
    if decision_made is not None and decided_to_assess is None:
        raise TimelineError("decided_to_assess", "Record whether the LA decided to assess.")
    if draft_comments_received is not None and draft_sent is None:
        raise TimelineError("draft_comments_received", "Comments on a draft need the date it was sent.")
    if decided_not_to_issue is not None and final_issued is not None:
        raise TimelineError("decided_not_to_issue", "A plan cannot be both issued and refused.")
    if decided_to_assess is False and (advice_requests or draft_sent or final_issued or decided_not_to_issue):
        # After a refusal to assess nothing else of this timeline can happen; a tribunal
        # order to assess starts a new timeline (Reg 44).
        raise TimelineError("decided_to_assess", "The LA decided not to assess, so no later step can happen.")
    # (later, earlier, field to correct, message): "later" may not precede "earlier".
    checks: list[tuple[date | None, date | None, str, str]] = [
        (
            request_received,
            request_made,
            "request_received",
            "The LA received the request before it was made.",
        ),
        (
            decision_made,
            request_received,
            "decision_made",
            "The decision is before the request was received.",
        ),
        (draft_sent, request_received, "draft_sent", "The draft is before the request was received."),
        (draft_sent, decision_made, "draft_sent", "The draft is before the decision to assess."),
        (draft_comments_received, draft_sent, "draft_comments_received", "Comments are before the draft."),
        (
            final_issued,
            request_received,
            "final_issued",
            "The final plan is before the request was received.",
        ),
        (final_issued, draft_sent, "final_issued", "The final plan is before the draft."),
        (final_issued, decision_made, "final_issued", "The final plan is before the decision to assess."),
        (decided_not_to_issue, request_received, "decided_not_to_issue", "Refusal is before the request."),
        (
            decided_not_to_issue,
            decision_made,
            "decided_not_to_issue",
            "Refusal is before the decision to assess.",
        ),
    ]
    for advice in advice_requests:
        label, requested_on, returned_on = advice[0], advice[1], advice[2]
        checks.append(
            (requested_on, request_received, "advice_requests", f"{label}: requested before the request.")
        )
        checks.append(
            (returned_on, requested_on, "advice_requests", f"{label}: returned before it was requested.")
        )
    for later, earlier, field, message in checks:
        _before(later, earlier, field, message)


def _excepted(exception: str | None) -> str | None:
    if not exception:
        return None
    return EXCEPTION_GROUNDS.get(exception, exception)


def assessment_deadlines(
    *,
    request_received: date,
    request_made: date | None = None,
    decision_made: date | None = None,
    decided_to_assess: bool | None = None,
    advice_requests: Sequence[AdviceRequest] = (),
    draft_sent: date | None = None,
    draft_comments_received: date | None = None,
    final_issued: date | None = None,
    decided_not_to_issue: date | None = None,
    exception: str | None = None,
    stopped_reason: str | None = None,
) -> list[Deadline]:
    """Every deadline of one EHC needs assessment, in timeline order.

    All 6/16/20-week limits run from the day the LA RECEIVED the request (Regs 5(1),
    10(1), 13(2)).  ``exception`` (a code of ``EXCEPTION_GROUNDS`` or free text) marks
    the excepted-capable ones; ``stopped_reason`` (e.g. "pupil left on ...") stops every
    deadline not yet met.
    """
    validate_assessment_dates(
        request_received=request_received,
        request_made=request_made,
        decision_made=decision_made,
        decided_to_assess=decided_to_assess,
        advice_requests=advice_requests,
        draft_sent=draft_sent,
        draft_comments_received=draft_comments_received,
        final_issued=final_issued,
        decided_not_to_issue=decided_not_to_issue,
    )
    excepted = _excepted(exception)

    def make(
        rule: Rule,
        due: date,
        start: date,
        met_on: date | None,
        *,
        label: str | None = None,
        excepted_reason: str | None = None,
        stop: str | None = None,
    ) -> Deadline:
        return Deadline(
            rule=rule,
            due=due,
            start=start,
            met_on=met_on,
            excepted_reason=excepted_reason,
            stopped_reason=(stop or stopped_reason) if met_on is None else None,
            label=label,
        )

    received = request_received
    deadlines = [
        make(ASSESSMENT_DECISION, add_weeks(received, 6), received, decision_made, excepted_reason=excepted)
    ]

    if decided_to_assess is False:
        # A refusal ends the timeline: show the later limits as stopped, not missing.
        refused = f"LA decided not to assess on {decision_made}"
        for rule, weeks in ((NO_PLAN_NOTICE, 16), (FINAL_PLAN, 20)):
            deadlines.append(make(rule, add_weeks(received, weeks), received, None, stop=refused))
        return deadlines

    for advice in advice_requests:
        label, requested_on, returned_on = advice[0], advice[1], advice[2]
        advice_exception = advice[3] if len(advice) > 3 else None  # Reg 8(2) grounds differ
        deadlines.append(
            make(
                ADVICE_RETURN,
                add_weeks(requested_on, 6),
                requested_on,
                returned_on,
                label=label,
                excepted_reason=_excepted(advice_exception),
            )
        )

    # The 16-week notice only applies while assessing without a plan being drafted.
    plan_under_way = draft_sent is not None or final_issued is not None
    if decided_to_assess and (decided_not_to_issue is not None or not plan_under_way):
        deadlines.append(
            make(
                NO_PLAN_NOTICE,
                add_weeks(received, 16),
                received,
                decided_not_to_issue,
                excepted_reason=excepted,
            )
        )

    if draft_sent is not None:
        deadlines.append(
            make(
                DRAFT_COMMENTS,
                _last_day_of_days_beginning(draft_sent, 15),
                draft_sent,
                draft_comments_received,
            )
        )

    final_stop = f"LA decided not to issue a plan on {decided_not_to_issue}" if decided_not_to_issue else None
    deadlines.append(
        make(
            FINAL_PLAN,
            add_weeks(received, 20),
            received,
            final_issued,
            excepted_reason=excepted,
            stop=final_stop,
        )
    )
    return deadlines


# ---------------------------------------------------------------------------
# Annual review (CFA s44, CoP 9.178)
# ---------------------------------------------------------------------------


def validate_annual_review_dates(
    *,
    plan_issued: date,
    last_review_meeting: date | None,
    date_of_birth: date,
    today: date | None = None,
) -> None:
    _before(plan_issued, date_of_birth, "plan_issued", "The plan cannot be issued before the child was born.")
    _before(
        last_review_meeting,
        plan_issued,
        "last_review_meeting",
        "A review meeting cannot be before the plan was issued.",
    )
    if today is not None:
        _before(today, plan_issued, "plan_issued", "The plan issue date is in the future.")
        _before(
            today, last_review_meeting, "last_review_meeting", "The last review meeting is in the future."
        )


def annual_review_due(
    *,
    plan_issued: date,
    last_review_meeting: date | None = None,
    date_of_birth: date,
    today: date | None = None,
    under5_interval_months: int = 6,
    stopped_reason: str | None = None,
) -> Deadline:
    """The next review deadline.

    The 12 months run from the plan, then from the last review meeting, whether that
    meeting was early or late (CFA s44(1)(b): "starting with the date on which the plan
    was last reviewed").  A child still under 5 when the shorter review would fall due
    gets the 3-6 month guidance interval instead (CoP 9.178).  ``today`` only guards
    against review dates in the future.
    """
    validate_annual_review_dates(
        plan_issued=plan_issued,
        last_review_meeting=last_review_meeting,
        date_of_birth=date_of_birth,
        today=today,
    )
    anchor = last_review_meeting or plan_issued
    interval = max(3, min(6, under5_interval_months))  # guidance says 3 to 6 months
    under5_due = last_day_of_months_starting(anchor, interval)
    if under5_due < fifth_birthday(date_of_birth):
        return Deadline(
            rule=ANNUAL_REVIEW_UNDER5, due=under5_due, start=anchor, stopped_reason=stopped_reason
        )
    return Deadline(
        rule=ANNUAL_REVIEW,
        due=last_day_of_months_starting(anchor, 12),
        start=anchor,
        stopped_reason=stopped_reason,
    )


# ---------------------------------------------------------------------------
# Review meeting workflow (Reg 20; Reg 21 is the same for pupils not in school)
# ---------------------------------------------------------------------------


def validate_review_meeting_dates(
    *,
    meeting_date: date,
    invitations_sent: date | None = None,
    advice_circulated: date | None = None,
    report_sent: date | None = None,
    la_decision: date | None = None,
) -> None:
    _before(
        meeting_date, invitations_sent, "invitations_sent", "Invitations cannot be sent after the meeting."
    )
    _before(
        meeting_date, advice_circulated, "advice_circulated", "Advice cannot be circulated after the meeting."
    )
    _before(report_sent, meeting_date, "report_sent", "The review report cannot be sent before the meeting.")
    _before(la_decision, meeting_date, "la_decision", "The LA's decision cannot be before the meeting.")


def review_meeting_deadlines(
    *,
    meeting_date: date,
    invitations_sent: date | None = None,
    advice_circulated: date | None = None,
    report_sent: date | None = None,
    la_decision: date | None = None,
    nc_year: int,
    pfa_discussed: bool = False,
    stopped_reason: str | None = None,
) -> list[Deadline]:
    """Deadlines around one review meeting (planned or held)."""
    validate_review_meeting_dates(
        meeting_date=meeting_date,
        invitations_sent=invitations_sent,
        advice_circulated=advice_circulated,
        report_sent=report_sent,
        la_decision=la_decision,
    )

    def make(rule: Rule, due: date, met_on: date | None) -> Deadline:
        stop = stopped_reason if met_on is None else None
        return Deadline(rule=rule, due=due, start=meeting_date, met_on=met_on, stopped_reason=stop)

    two_weeks_before = add_days(meeting_date, -14)  # "at least two weeks" before
    deadlines = [
        make(REVIEW_INVITATIONS, two_weeks_before, invitations_sent),
        make(REVIEW_ADVICE, two_weeks_before, advice_circulated),
        make(REVIEW_REPORT, add_weeks(meeting_date, 2), report_sent),
        make(REVIEW_LA_DECISION, add_weeks(meeting_date, 4), la_decision),
    ]
    if nc_year >= 9:  # "in or beyond year 9" (Reg 20(6))
        deadlines.append(make(PREPARING_FOR_ADULTHOOD, meeting_date, meeting_date if pfa_discussed else None))
    return deadlines


# ---------------------------------------------------------------------------
# Amendment after review (Reg 22)
# ---------------------------------------------------------------------------


def validate_amendment_dates(
    *, notice_sent: date, comments_received: date | None = None, final_issued: date | None = None
) -> None:
    _before(
        comments_received,
        notice_sent,
        "comments_received",
        "Comments cannot arrive before the notice was sent.",
    )
    _before(final_issued, notice_sent, "final_issued", "The amended plan cannot be issued before the notice.")


def amendment_deadlines(
    *,
    notice_sent: date,
    comments_received: date | None = None,
    final_issued: date | None = None,
    stopped_reason: str | None = None,
) -> list[Deadline]:
    validate_amendment_dates(
        notice_sent=notice_sent, comments_received=comments_received, final_issued=final_issued
    )
    return [
        Deadline(
            rule=AMENDMENT_COMMENTS,
            due=_last_day_of_days_beginning(notice_sent, 15),
            start=notice_sent,
            met_on=comments_received,
            stopped_reason=stopped_reason if comments_received is None else None,
        ),
        Deadline(
            rule=AMENDMENT_FINAL,
            due=add_weeks(notice_sent, 8),
            start=notice_sent,
            met_on=final_issued,
            stopped_reason=stopped_reason if final_issued is None else None,
        ),
    ]


# ---------------------------------------------------------------------------
# Phase transfer (Reg 2 "transfer between phases of education", Reg 18)
# ---------------------------------------------------------------------------

SCHOOL_PHASES = frozenset(
    {
        "nursery",
        "primary",
        "infant",
        "junior",
        "middle",
        "secondary",
        "all-through",
        "special",
        "post-16",
        "ap",
    }
)
TRANSFER_KINDS = frozenset(
    {
        "early_years_to_school",
        "infant_to_junior",
        "primary_to_middle",  # Reg 2(c); never inferred, since "first" schools are not a phase here
        "primary_to_secondary",
        "middle_to_upper",  # Reg 2(e) "middle school to secondary school"
        "secondary_to_post16",
    }
)


def _transfer_by_year(nc_year: int) -> str:
    # Used only when a transfer is forced (override=True) for a school whose own phase
    # does not say which move comes next, e.g. a special school.
    if nc_year <= -1:
        return "early_years_to_school"
    if nc_year <= 2:
        return "infant_to_junior"
    if nc_year <= 6:
        return "primary_to_secondary"
    if nc_year <= 8:
        return "middle_to_upper"
    return "secondary_to_post16"


def transfer_year(
    *,
    nc_year: int,
    school_phase: str,
    override: bool | None = None,
    has_sixth_form: bool = False,
    middle_school_last_year: int = 8,
) -> str | None:
    """The phase transfer the pupil makes at the END of this school year, or None.

    NC years: N1=-2, N2=-1, Reception=0 ... Year 13=13.  Secondary and all-through
    schools are assumed to have no sixth form unless ``has_sixth_form``.  Middle schools
    vary (8-12, 9-13): ``middle_school_last_year`` is the school's final year.
    ``override`` True forces a transfer (inferred from the NC year when the phase does not
    say), False suppresses one.
    """
    if school_phase not in SCHOOL_PHASES:
        raise ValueError(f"unknown school phase {school_phase!r}")
    if not -2 <= nc_year <= 14:
        raise ValueError(f"NC year {nc_year} is outside N1 (-2) to Year 14")
    if override is False:
        return None
    last_year_kind = {
        "nursery": (-1, "early_years_to_school"),
        "infant": (2, "infant_to_junior"),
        "primary": (6, "primary_to_secondary"),
        "junior": (6, "primary_to_secondary"),  # a junior school is a primary school (Reg 2)
        "middle": (middle_school_last_year, "middle_to_upper"),
        "secondary": (11, "secondary_to_post16"),
        "all-through": (11, "secondary_to_post16"),
    }.get(school_phase)
    if last_year_kind is not None and nc_year == last_year_kind[0]:
        sixth_form_stays = school_phase in {"secondary", "all-through"} and has_sixth_form
        if not sixth_form_stays:
            return last_year_kind[1]
    if override is True:
        return _transfer_by_year(nc_year)
    return None


def phase_transfer_deadline(
    *,
    transfer_kind: str,
    school_year_start: int,
    met_on: date | None = None,
    stopped_reason: str | None = None,
) -> Deadline:
    """Reg 18(1): review and amend the plan BEFORE 15 February (31 March for secondary to
    post-16) of the calendar year of transfer, i.e. ``school_year_start + 1``.  Because
    the regulation says "before", the last day on time is 14 February / 30 March."""
    if transfer_kind not in TRANSFER_KINDS:
        raise ValueError(f"unknown transfer kind {transfer_kind!r}")
    transfer_calendar_year = school_year_start + 1  # 2025/26 year -> moves in Sep 2026
    if transfer_kind == "secondary_to_post16":
        rule, before = PHASE_TRANSFER_POST16, date(transfer_calendar_year, 3, 31)
    else:
        rule, before = PHASE_TRANSFER, date(transfer_calendar_year, 2, 15)
    return Deadline(
        rule=rule,
        due=before - timedelta(days=1),
        start=date(school_year_start, 9, 1),
        met_on=met_on,
        stopped_reason=stopped_reason if met_on is None else None,
        label=transfer_kind,
    )


def post16_move_deadline(
    *, move_date: date, met_on: date | None = None, stopped_reason: str | None = None
) -> Deadline:
    """Reg 18(2): amend at least 5 months before a mid-year move between post-16
    institutions.  Clamping backwards (31 Jul -> 28 Feb) keeps it at least 5 months."""
    return Deadline(
        rule=POST16_MOVE,
        due=add_months(move_date, -5),
        start=move_date,
        met_on=met_on,
        stopped_reason=stopped_reason if met_on is None else None,
    )


# ---------------------------------------------------------------------------
# Tribunal appeal
# ---------------------------------------------------------------------------


def appeal_deadline(
    *,
    decision_date: date,
    mediation_certificate_date: date | None = None,
    lodged_on: date | None = None,
    stopped_reason: str | None = None,
) -> Deadline:
    """2 months after the decision letter was sent, or 1 month after the mediation
    certificate was issued if that is later."""
    _before(
        mediation_certificate_date,
        decision_date,
        "mediation_certificate_date",
        "A mediation certificate cannot predate the decision.",
    )
    _before(lodged_on, decision_date, "lodged_on", "An appeal cannot be lodged before the decision.")
    due, start = add_months(decision_date, 2), decision_date
    if mediation_certificate_date is not None:
        after_mediation = add_months(mediation_certificate_date, 1)
        if after_mediation > due:
            due, start = after_mediation, mediation_certificate_date
    return Deadline(
        rule=TRIBUNAL_APPEAL,
        due=due,
        start=start,
        met_on=lodged_on,
        stopped_reason=stopped_reason if lodged_on is None else None,
    )
