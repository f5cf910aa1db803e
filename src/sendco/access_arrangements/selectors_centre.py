"""Reads for the centre side: the centre's evidence check, the exams officer's lists, the
SENCO's home panel. All start from ``selectors.visible_arrangements`` (the access policy) and
cost a fixed number of queries however many candidates there are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.models import Pupil
from sendco.domain import access_arrangements as rules_

from . import selectors
from .models import Arrangement, Assessor, ExamPaper, ExamSeries
from .permissions import SEN_TEAM

CHECKED_STATUSES = ("proposed", "evidence", "applied", "approved")
READER_KINDS = frozenset({"reader", "computer_reader"})
SCRIBE_KINDS = frozenset({"scribe", "speech_recognition"})
ROOM_KINDS = frozenset({"separate_invigilation"})
BREAK_KINDS = frozenset({"rest_breaks"})
EXTRA_KINDS = frozenset({"extra_time_25", "extra_time_over_25"})
DELEGATED_KINDS = [k.code for k in rules_.KINDS if k.basis == rules_.DELEGATED]


def school_for(user, perm: str, school_id: int | None):
    """The school a centre page is about: the one asked for, or the user's first where they
    may ``perm``; None when there is none (the view answers 404)."""
    schools = policy.schools(user, perm)
    if school_id is not None:
        return schools.filter(pk=school_id).first()
    return schools.first()


def series_for(school, series_id: int | None) -> ExamSeries | None:
    if series_id is not None:
        return ExamSeries.objects.filter(school=school, pk=series_id).first()
    return selectors.next_series(school)


def centre_check(user, school, series: ExamSeries | None, *, gaps_only: bool = False):
    """Every arrangement being worked on or in use at ``school``, with its gaps."""
    qs = (
        selectors.visible_arrangements(user, detail=True)
        .filter(school=school, status__in=CHECKED_STATUSES)
        .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil_id", "kind", "pk")
    )
    rows = selectors.check_all(qs, series=series)
    complete = sum(1 for r in rows if not r.gaps)
    counts = {"total": len(rows), "complete": complete, "gaps": len(rows) - complete}
    if gaps_only:
        rows = [r for r in rows if r.gaps]
    return rows, counts


def assessors(school):
    return Assessor.objects.filter(school=school).select_related("checked_by").order_by("-active", "name")


def assessor_rows(school, today: dt.date | None = None):
    """Each assessor with what would fail inspection in an assessment today."""
    today = today or timezone.localdate()
    return [(a, a.problems_for(today)) for a in assessors(school)]


# --- exams officer's lists --------------------------------------------------------------------


@dataclass
class PaperTime:
    paper: ExamPaper
    extended: str  # "" without extra time

    @property
    def original(self) -> str:
        return rules_.format_minutes(self.paper.duration_minutes)


@dataclass
class Candidate:
    pupil: Pupil
    arrangements: list = field(default_factory=list)
    papers: list[PaperTime] = field(default_factory=list)

    def _has(self, kinds) -> bool:
        return any(a.kind in kinds for a in self.arrangements)

    @property
    def extra_time(self) -> int:
        return max((a.extra_time for a in self.arrangements if a.kind in EXTRA_KINDS), default=0)

    @property
    def separate_room(self) -> bool:
        return self._has(ROOM_KINDS)

    @property
    def reader(self) -> bool:
        return self._has(READER_KINDS)

    @property
    def scribe(self) -> bool:
        return self._has(SCRIBE_KINDS)

    @property
    def rest_breaks(self) -> bool:
        return self._has(BREAK_KINDS)

    @property
    def other(self) -> list[str]:
        named = EXTRA_KINDS | READER_KINDS | SCRIBE_KINDS | ROOM_KINDS | BREAK_KINDS
        return [a.label for a in self.arrangements if a.kind not in named]


def sessions(series: ExamSeries) -> list[tuple[dt.date, str]]:
    """The (day, session) pairs of the series' timetable, in order."""
    pairs = series.papers.order_by("sat_on", "session").values_list("sat_on", "session").distinct()
    return list(pairs)


def exam_list(user, series: ExamSeries, *, day: dt.date | None = None, session: str = "") -> list[Candidate]:
    """Candidates with arrangements in use for ``series`` (approved, or delegated and decided),
    with the papers they sit that day/session and each paper's length with their extra time.
    Only the arrangements themselves: no need types, scores or Form 8 (the exams officer's view).
    With a day (and session), only candidates whose year sits a paper then."""
    papers = list(series.papers.all())
    if day is not None:
        papers = [p for p in papers if p.sat_on == day and (not session or p.session == session)]
    in_use = Q(status=Arrangement.Status.APPROVED) | Q(
        kind__in=DELEGATED_KINDS, decided_on__isnull=False, status__in=CHECKED_STATUSES
    )
    arrangements = (
        selectors.visible_arrangements(user)
        .filter(in_use, school_id=series.school_id)
        .select_related("pupil")
        .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil_id", "kind")
    )
    by_pupil: dict[int, Candidate] = {}
    for a in arrangements:
        by_pupil.setdefault(a.pupil_id, Candidate(a.pupil)).arrangements.append(a)
    out = []
    for candidate in by_pupil.values():
        pct = candidate.extra_time
        for p in papers:
            if p.nc_year == candidate.pupil.nc_year:
                extended = (
                    rules_.format_minutes(rules_.extended_minutes(p.duration_minutes, pct)) if pct else ""
                )
                candidate.papers.append(PaperTime(p, extended))
        if day is None or candidate.papers:
            out.append(candidate)
    return out


EXPORT_HEADERS = [
    "Candidate",
    "Year",
    "Papers (length)",
    "Extra time",
    "Papers with extra time",
    "Separate room",
    "Reader",
    "Scribe",
    "Rest breaks",
    "Other arrangements",
]


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def export_rows(candidates: list[Candidate]) -> list[list]:
    return [
        [
            c.pupil.full_name,
            c.pupil.nc_year,
            "; ".join(f"{t.paper.title} ({t.original})" for t in c.papers),
            f"{c.extra_time}%" if c.extra_time else "None",
            "; ".join(f"{t.paper.title}: {t.extended}" for t in c.papers if t.extended),
            _yes(c.separate_room),
            _yes(c.reader),
            _yes(c.scribe),
            _yes(c.rest_breaks),
            ", ".join(c.other),
        ]
        for c in candidates
    ]


# --- the SENCO's home panel -------------------------------------------------------------------


def home_panel(user):
    """For the SEN team: arrangements with gaps, approvals that expire before the next series
    ends, and that series' application deadline. None for everyone else."""
    if not user.is_authenticated:
        return None
    school_ids = policy.roles(user).schools_with(SEN_TEAM)
    if not school_ids:
        return None
    school_id = min(school_ids)
    series = ExamSeries.objects.filter(school_id=school_id, last_exam_on__gte=timezone.localdate()).first()
    qs = selectors.visible_arrangements(user, detail=True).filter(
        school_id=school_id, status__in=CHECKED_STATUSES
    )
    with_gaps = sum(1 for r in selectors.check_all(qs, series=series) if r.gaps)
    expiring = 0
    if series is not None:
        expiring = qs.filter(status=Arrangement.Status.APPROVED, expires_on__lt=series.last_exam_on).count()
    if not (with_gaps or expiring or series):
        return None
    return {"with_gaps": with_gaps, "expiring": expiring, "series": series}
