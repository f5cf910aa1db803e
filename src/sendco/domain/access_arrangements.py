"""Exam access arrangements: JCQ's rules, once, in plain Python.

Source: JCQ, *Access Arrangements and Reasonable Adjustments* (AARA), 2025/26 edition, in force
1 September 2025 to 31 August 2026; `../shared/domain/README.md` section 5 keeps the summary.
Citations name the AARA section by its heading (chapter 5 describes each arrangement, chapter 7
the Form 8 assessment and the assessor). Paragraph numbers change between editions, so they
are not relied on here.

What a centre must show a JCQ inspector, for each arrangement in use:
* it is the candidate's normal way of working (teachers' evidence: class work, mocks);
* for 25% extra time, more than 25%, and a scribe: a Form 8 whose Part 1 (history of need, normal
  way of working) was completed before the assessment of Part 2, by an assessor whose
  qualification the head of centre checked *before* the assessment, no earlier than the start of
  Year 9; scores that meet the rule; Part 3 (the application) and a current online approval;
* or, instead of test scores, an EHC plan or a professional's letter (medical, autism, SEMH,
  sensory), for the arrangements where JCQ allows that route;
* for an arrangement delegated to the centre: the SENCO's decision, and the need shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .standardised_scores import (
    AREA_LABELS,
    BELOW_AVERAGE_MAX,
    LOW_AVERAGE_MAX,
    SPEED_AREAS,
    VERY_LOW_MAX,
    score_problem,
)

AARA = "JCQ AARA 2025/26"
CITE_EXTRA_TIME = f"{AARA}, chapter 5, '25% extra time'"
CITE_OVER_25 = f"{AARA}, chapter 5, 'Extra time of more than 25%' (awarding body decides)"
CITE_SCRIBE = f"{AARA}, chapter 5, 'Scribe / speech recognition technology'"
CITE_NEED = f"{AARA}, chapter 5: evidence of need and normal way of working, no test scores"
CITE_DELEGATED = f"{AARA}, chapter 5: arrangements delegated to centres (no online application)"
CITE_FORM8 = f"{AARA}, chapter 7, 'Form 8' (Part 1 before the assessment; from Year 9)"
CITE_ASSESSOR = f"{AARA}, chapter 7, 'The qualifications of the assessor' (checked before assessing)"
CITE_NORMAL_WAY = f"{AARA}, chapter 4, 'Normal way of working'"
CITE_APPROVAL = f"{AARA}, chapter 8, 'Access Arrangements Online' (approval for the course)"

# How the centre shows need for an arrangement.
ASSESSMENT = "assessment"  # Form 8 with standardised scores
NEED = "need"  # evidence of need and normal way of working; no test scores
DELEGATED = "delegated"  # the SENCO decides; no online application


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    basis: str  # ASSESSMENT, NEED or DELEGATED
    citation: str
    # An EHC plan or a professional's letter may stand in for the Form 8 scores.
    alternative_route: bool = True
    extra_time: int = 0  # percent, for an extra-time arrangement


KINDS: tuple[Kind, ...] = (
    Kind("extra_time_25", "25% extra time", ASSESSMENT, CITE_EXTRA_TIME, extra_time=25),
    Kind("extra_time_over_25", "Extra time over 25%", ASSESSMENT, CITE_OVER_25, extra_time=50),
    Kind("reader", "Reader", NEED, CITE_NEED),
    Kind("computer_reader", "Computer reader", NEED, CITE_NEED),
    Kind("scribe", "Scribe", ASSESSMENT, CITE_SCRIBE),
    Kind("speech_recognition", "Speech recognition technology", ASSESSMENT, CITE_SCRIBE),
    Kind("word_processor", "Word processor", DELEGATED, CITE_DELEGATED),
    Kind("separate_invigilation", "Separate invigilation (own room)", DELEGATED, CITE_DELEGATED),
    Kind("rest_breaks", "Supervised rest breaks", DELEGATED, CITE_DELEGATED),
    Kind("prompter", "Prompter", DELEGATED, CITE_DELEGATED),
    Kind("practical_assistant", "Practical assistant", NEED, CITE_NEED),
    Kind("modified_papers", "Modified papers (enlarged, braille, modified language)", NEED, CITE_NEED),
    Kind("coloured_overlays", "Coloured overlays or coloured paper", DELEGATED, CITE_DELEGATED),
    Kind("bilingual_dictionary", "Bilingual translation dictionary", DELEGATED, CITE_DELEGATED),
    Kind("other", "Other (as configured)", DELEGATED, CITE_DELEGATED),
)
KIND_BY_CODE = {k.code: k for k in KINDS}
KIND_CHOICES = [(k.code, k.label) for k in KINDS]


@dataclass(frozen=True)
class Decision:
    eligible: bool
    reasons: tuple[str, ...]
    citation: str


def _lowest_by_area(scores: Iterable[tuple[str, int]]) -> dict[str, int]:
    """The lowest score in each area (several tests may measure one area; the lowest counts)."""
    lowest: dict[str, int] = {}
    for area, score in scores:
        problem = score_problem(score)
        if problem:
            raise ValueError(f"{area}: {problem}")
        lowest[area] = min(score, lowest.get(area, score))
    return lowest


def extra_time_25(scores: Iterable[tuple[str, int]]) -> Decision:
    """25% extra time on the assessment route: in two *different* areas of speed of working,
    two below average scores (≤ 84), or one below average and one low average (85–89)."""
    speed = {a: s for a, s in _lowest_by_area(scores).items() if a in SPEED_AREAS}
    below = sorted(a for a, s in speed.items() if s <= BELOW_AVERAGE_MAX)
    low = sorted(a for a, s in speed.items() if BELOW_AVERAGE_MAX < s <= LOW_AVERAGE_MAX)
    reasons = [
        f"{_area_label(a)}: {speed[a]} ({'below average' if a in below else 'low average'})"
        for a in below + low
    ]
    if len(below) >= 2:
        reasons.append("Two areas of speed of working are below average (84 or less).")
        return Decision(True, tuple(reasons), CITE_EXTRA_TIME)
    if below and low:
        reasons.append("One area of speed of working is below average and another is low average.")
        return Decision(True, tuple(reasons), CITE_EXTRA_TIME)
    if not speed:
        reasons.append(
            "No scores in an area of speed of working "
            "(reading, reading comprehension, writing, cognitive processing)."
        )
    elif below:
        reasons.append("Only one area of speed of working is below average; a second area needs 89 or less.")
    else:
        reasons.append("No area of speed of working is below average (84 or less).")
    return Decision(False, tuple(reasons), CITE_EXTRA_TIME)


def extra_time_over_25(scores: Iterable[tuple[str, int]]) -> Decision:
    """More than 25%: the awarding body decides. The centre may apply when two different areas
    of speed of working are very low (69 or less). CHECK against the current AARA: the reference
    marks this threshold as unverified."""
    speed = {a: s for a, s in _lowest_by_area(scores).items() if a in SPEED_AREAS}
    very_low = sorted(a for a, s in speed.items() if s <= VERY_LOW_MAX)
    reasons = [f"{_area_label(a)}: {speed[a]} (very low)" for a in very_low]
    if len(very_low) >= 2:
        reasons.append("Two areas of speed of working are very low (69 or less): apply to the awarding body.")
        return Decision(True, tuple(reasons), CITE_OVER_25)
    reasons.append("Needs two areas of speed of working at 69 or less; otherwise consider 25%.")
    return Decision(False, tuple(reasons), CITE_OVER_25)


def scribe(scores: Iterable[tuple[str, int]], *, illegible_handwriting: bool = False) -> Decision:
    """A scribe or speech recognition: spelling accuracy or writing speed below average (≤ 84),
    or handwriting an assessor judged illegible. A word processor is preferred where it works."""
    lowest = _lowest_by_area(scores)
    reasons = []
    for area in ("spelling_accuracy", "writing_speed"):
        if area in lowest and lowest[area] <= BELOW_AVERAGE_MAX:
            reasons.append(f"{_area_label(area)}: {lowest[area]} (below average)")
    if illegible_handwriting:
        reasons.append("The assessor recorded that the candidate's handwriting is illegible.")
    if reasons:
        reasons.append("Consider a word processor first where the candidate can use one.")
        return Decision(True, tuple(reasons), CITE_SCRIBE)
    return Decision(
        False,
        ("Needs spelling accuracy or speed of writing at 84 or less, or illegible handwriting.",),
        CITE_SCRIBE,
    )


def decide(
    kind: str, scores: Iterable[tuple[str, int]] = (), *, illegible_handwriting: bool = False
) -> Decision:
    """Whether the scores support arrangement ``kind``. Arrangements that need no scores answer
    eligible, with the evidence they do need as the reason."""
    k = KIND_BY_CODE[kind]
    if kind == "extra_time_25":
        return extra_time_25(scores)
    if kind == "extra_time_over_25":
        return extra_time_over_25(scores)
    if kind in ("scribe", "speech_recognition"):
        return scribe(scores, illegible_handwriting=illegible_handwriting)
    if k.basis == NEED:
        return Decision(True, ("No test scores: evidence of need and normal way of working.",), k.citation)
    return Decision(
        True, ("Delegated to the centre: the SENCO decides on the evidence of need.",), k.citation
    )


# --- extra time on the day ------------------------------------------------------------------------


def extended_minutes(minutes: int, percent: int) -> int:
    """A paper's length with extra time, rounded up to the whole minute (90 min at 25% is 113)."""
    if not (_whole(minutes) and _whole(percent)):
        raise ValueError("Enter the paper's length and the extra time as whole numbers.")
    if minutes <= 0 or percent < 0:
        raise ValueError("A paper lasts a positive number of minutes, and extra time is not negative.")
    # Whole-number arithmetic: the ceiling of minutes * (100 + percent) / 100.
    return -(-minutes * (100 + percent) // 100)


def format_minutes(minutes: int) -> str:
    """113 -> '1 h 53', 45 -> '45 min', 120 -> '2 h'."""
    if not _whole(minutes) or minutes < 0:
        raise ValueError("Enter a whole number of minutes, 0 or more.")
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


# --- dates ---------------------------------------------------------------------------------------


def year9_start(nc_year: int, today: dt.date) -> dt.date:
    """1 September of the school year in which a pupil now in ``nc_year`` was (or will be) in
    Year 9: the earliest date of a Form 8 assessment."""
    school_year = today.year if today.month >= 9 else today.year - 1
    return dt.date(school_year - (nc_year - 9), 9, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


DEFAULT_APPROVAL_MONTHS = 26  # CHECK: commonly quoted; configurable per exam series


def default_expiry(approved_on: dt.date, months: int = DEFAULT_APPROVAL_MONTHS) -> dt.date:
    return add_months(approved_on, months)


# --- assessors -----------------------------------------------------------------------------------

QUALIFICATION_ROUTES = (
    ("level7", "Level 7 qualification in specialist assessment (100+ hours of individual assessment)"),
    ("hcpc_psychologist", "HCPC-registered psychologist"),
    ("spld_apc", "Current SpLD Assessment Practising Certificate"),
    ("none", "None of these (cannot assess for Form 8)"),
)
QUALIFICATION_LABELS = dict(QUALIFICATION_ROUTES)


def assessor_problems(
    *, route: str, checked_on: dt.date | None, apc_expires_on: dt.date | None, assessment_on: dt.date
) -> list[str]:
    """Why an assessment on ``assessment_on`` by this assessor would fail inspection ([] if none)."""
    problems = []
    if route not in QUALIFICATION_LABELS or route == "none":
        problems.append("The assessor holds none of the qualifications JCQ accepts for Form 8.")
    if checked_on is None:
        problems.append("The head of centre has not checked the assessor's qualification.")
    elif checked_on > assessment_on:
        problems.append("The assessor's qualification was checked after the assessment, not before.")
    if route == "spld_apc" and (apc_expires_on is None or apc_expires_on < assessment_on):
        problems.append("The assessor's practising certificate was not current on the assessment date.")
    return problems


# --- the evidence chain -----------------------------------------------------------------------------

IN_USE = frozenset({"approved"})  # statuses of an arrangement the candidate will have in exams


@dataclass(frozen=True)
class Chain:
    """What sendco knows about one arrangement's evidence, as plain facts."""

    kind: str
    status: str
    nc_year: int
    today: dt.date
    normal_way_answers: int = 0
    decided: bool = False  # the SENCO's decision (delegated) or approval is recorded
    alternative_evidence: int = 0  # EHC plan or professional letter on file
    part1_signed_on: dt.date | None = None
    assessment_on: dt.date | None = None
    assessor_problems: tuple[str, ...] = ()
    has_assessor: bool = False
    scores: tuple[tuple[str, int], ...] = ()
    illegible_handwriting: bool = False
    part3_on: dt.date | None = None
    approval_reference: str = ""
    expires_on: dt.date | None = None
    series_last_day: dt.date | None = None


@dataclass(frozen=True)
class Gap:
    code: str
    message: str
    citation: str


@dataclass
class ChainResult:
    gaps: list[Gap] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps


def check_chain(c: Chain) -> ChainResult:
    """Every gap in the evidence for one arrangement, as a JCQ inspector would list them."""
    kind = KIND_BY_CODE[c.kind]
    out = ChainResult()

    def gap(code: str, message: str, citation: str) -> None:
        out.gaps.append(Gap(code, message, citation))

    if c.normal_way_answers == 0:
        gap("normal_way", "No teacher's evidence that this is the normal way of working.", CITE_NORMAL_WAY)
    if not c.decided:
        gap("decision", "No recorded decision (the SENCO's delegation or the approval).", kind.citation)
    if kind.basis == ASSESSMENT:
        if c.alternative_evidence and kind.alternative_route and not c.assessment_on:
            pass  # an EHC plan or professional letter stands in for the Form 8 scores
        else:
            _check_form8(c, kind, gap)
        if c.status in IN_USE:
            if not c.approval_reference:
                gap("approval_reference", "No Access Arrangements Online approval reference.", CITE_APPROVAL)
            _check_expiry(c, gap)
    elif kind.basis == NEED and not (c.alternative_evidence or c.normal_way_answers):
        gap(
            "need",
            "No evidence of need (EHC plan, professional letter or teachers' evidence).",
            kind.citation,
        )
    if kind.basis == NEED and c.status in IN_USE:
        _check_expiry(c, gap)
    return out


def _check_form8(c: Chain, kind: Kind, gap) -> None:
    if c.part1_signed_on is None:
        gap("part1", "Form 8 Part 1 (history of need) is not signed off.", CITE_FORM8)
    if c.assessment_on is None:
        gap("part2", "Form 8 Part 2 (the assessment) is not recorded.", CITE_FORM8)
        return
    if c.part1_signed_on is not None and c.part1_signed_on > c.assessment_on:
        gap("part1_order", "Part 1 was signed off after the assessment; it must come before.", CITE_FORM8)
    if c.assessment_on < year9_start(c.nc_year, c.today):
        gap("year9", "The assessment is from before the start of Year 9.", CITE_FORM8)
    if not c.has_assessor:
        gap("assessor", "The assessment names no assessor from the centre's register.", CITE_ASSESSOR)
    for problem in c.assessor_problems:
        gap("assessor", problem, CITE_ASSESSOR)
    decision = decide(c.kind, c.scores, illegible_handwriting=c.illegible_handwriting)
    if not decision.eligible:
        gap("scores", "The scores do not meet the rule: " + decision.reasons[-1], decision.citation)
    if c.part3_on is None and c.status in IN_USE | {"applied"}:
        gap("part3", "Form 8 Part 3 (the application) is not completed.", CITE_FORM8)


def _check_expiry(c: Chain, gap) -> None:
    if c.expires_on is None:
        gap("expiry", "The approval has no expiry date.", CITE_APPROVAL)
    elif c.expires_on < c.today:
        gap("expired", f"The approval expired on {_long_date(c.expires_on)}.", CITE_APPROVAL)
    elif c.series_last_day is not None and c.expires_on < c.series_last_day:
        gap(
            "expires_in_series",
            f"The approval expires on {_long_date(c.expires_on)}, before the series ends.",
            CITE_APPROVAL,
        )


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _long_date(day: dt.date) -> str:
    """'1 February 2026', without strftime's unportable no-padding flag."""
    return f"{day.day} {day:%B %Y}"


def _area_label(code: str) -> str:
    return AREA_LABELS.get(code, code)
