"""Standardised assessment scores: the range sendco accepts, the descriptive bands, and the
areas a test can measure. One list for the whole product (plans, provision measures, agencies'
reports and exam access arrangements all record scores against these areas).

Standard scores have mean 100 and standard deviation 15. JCQ's Access Arrangements and
Reasonable Adjustments (AARA) use "below average" for 84 and under and "low average" for
85–89; the other bands are the usual descriptive labels test publishers print.
"""

from __future__ import annotations

SCORE_MIN = 40
SCORE_MAX = 160
PERCENTILE_MIN = 0
PERCENTILE_MAX = 100

# JCQ AARA 2025/26, 7.5 (extra time): below average is a standardised score of 84 or less,
# low average 85 to 89.
BELOW_AVERAGE_MAX = 84
LOW_AVERAGE_MAX = 89
# Very low (two standard deviations below the mean), used for more than 25% extra time.
VERY_LOW_MAX = 69

# (code, label, is a speed-of-working area for JCQ extra time)
AREAS: tuple[tuple[str, str, bool], ...] = (
    ("reading_speed", "Speed of reading", True),
    ("reading_comprehension_speed", "Speed of reading comprehension", True),
    ("writing_speed", "Speed of writing (handwriting)", True),
    ("cognitive_processing", "Cognitive processing speed", True),
    ("reading_accuracy", "Reading accuracy (single word or text)", False),
    ("reading_comprehension", "Reading comprehension", False),
    ("spelling_accuracy", "Spelling accuracy", False),
    ("phonological_processing", "Phonological processing", False),
    ("working_memory", "Working memory", False),
    ("verbal_reasoning", "Verbal reasoning", False),
    ("non_verbal_reasoning", "Non-verbal reasoning", False),
    ("vocabulary", "Vocabulary", False),
    ("mathematics", "Mathematics", False),
    ("motor_coordination", "Fine motor / co-ordination", False),
    ("other", "Other", False),
)
AREA_CHOICES = [(code, label) for code, label, _ in AREAS]
AREA_LABELS = dict(AREA_CHOICES)
SPEED_AREAS = frozenset(code for code, _, speed in AREAS if speed)


def band(score: int) -> str:
    """The descriptive band of a standard score (mean 100, SD 15)."""
    check_score(score)
    if score <= VERY_LOW_MAX:
        return "Very low"
    if score <= BELOW_AVERAGE_MAX:
        return "Below average"
    if score <= LOW_AVERAGE_MAX:
        return "Low average"
    if score <= 110:
        return "Average"
    if score <= 115:
        return "High average"
    if score <= 129:
        return "Above average"
    return "Very high"


def score_problem(score) -> str:
    """A message when ``score`` is not a whole number from SCORE_MIN to SCORE_MAX, else ''."""
    if isinstance(score, bool) or not isinstance(score, int):
        return "Enter the standard score as a whole number."
    if not SCORE_MIN <= score <= SCORE_MAX:
        return f"A standard score is from {SCORE_MIN} to {SCORE_MAX}; check the test's record form."
    return ""


def percentile_problem(percentile) -> str:
    if percentile is None:
        return ""
    if isinstance(percentile, bool) or not isinstance(percentile, int | float):
        return "Enter the percentile as a number."
    if not PERCENTILE_MIN <= percentile <= PERCENTILE_MAX:
        return f"A percentile is from {PERCENTILE_MIN} to {PERCENTILE_MAX}."
    return ""


def check_score(score) -> None:
    problem = score_problem(score)
    if problem:
        raise ValueError(problem)
