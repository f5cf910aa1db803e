"""Demo exam access arrangements at every secondary school: two summer series (the one running
now or next, and the year after) with a timetable of papers, a register of three assessors (a
specialist teacher with a practising certificate, an educational psychologist, and one whose
qualification the head has not checked yet), and about 12% of Years 10 and 11 with
arrangements: mostly 25% extra time on a complete Form 8, some with a reader, a word processor,
separate invigilation or rest breaks, teachers' evidence of normal way of working, decisions
and approval references. A few chains are deliberately incomplete (``GAPS``) and exactly one
approval per school has expired, so the centre check has something to find.

Synthetic data only; randomness from ``ctx.rng``; dates relative to ``ctx.today``.
"""

from __future__ import annotations

import datetime as dt
from statistics import NormalDist

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment, Score
from sendco.core.models import Pupil, TeachingGroupStaff
from sendco.domain import access_arrangements as rules_
from sendco.domain.term_dates import academic_year_of

from .models import AlternativeEvidence, Arrangement, Assessor, ExamPaper, ExamSeries, Form8, NormalWayRequest

SHARE = 0.12  # of Years 10 and 11
# (title, minutes, year group): the summer timetable, in order.
PAPERS = [
    ("GCSE English Language Paper 1", 105, 11),
    ("GCSE Mathematics Paper 1 (Non-calculator)", 90, 11),
    ("GCSE Combined Science: Biology Paper 1", 75, 11),
    ("GCSE Religious Studies Paper 1 (early entry)", 105, 10),
    ("GCSE English Literature Paper 1", 105, 11),
    ("GCSE History Paper 1", 120, 11),
    ("GCSE Combined Science: Chemistry Paper 1", 75, 11),
    ("GCSE Mathematics Paper 2 (Calculator)", 90, 11),
    ("GCSE English Language Paper 2", 105, 11),
    ("GCSE Statistics Paper 1 (early entry)", 90, 10),
    ("GCSE English Literature Paper 2", 135, 11),
    ("GCSE Mathematics Paper 3 (Calculator)", 90, 11),
]
TESTS = {
    "reading_speed": "ART-2 (Access Reading Test), speed of reading",
    "reading_comprehension_speed": "TOSREC (silent reading efficiency and comprehension)",
    "writing_speed": "DASH (Detailed Assessment of Speed of Handwriting), free writing",
    "cognitive_processing": "SDMT (Symbol Digit Modalities Test)",
    "spelling_accuracy": "WRAT5 Spelling",
    "reading_accuracy": "WRAT5 Word Reading",
}
SPEED = ["reading_speed", "reading_comprehension_speed", "writing_speed", "cognitive_processing"]
# Complete profiles: the arrangements a candidate has, and how often.
PROFILES = {
    ("extra_time_25",): 45,
    ("extra_time_25", "word_processor"): 15,
    ("extra_time_25", "rest_breaks"): 8,
    ("extra_time_25", "reader"): 6,
    ("rest_breaks", "separate_invigilation"): 12,
    ("word_processor",): 8,
    ("reader",): 6,
}
# The deliberately incomplete chains (one candidate each, at every secondary).
# The expired approval is a Year 11 candidate's; the unchecked assessor saw a Year 10 (in that order).
GAPS = ("expired", "unchecked_assessor", "part1_after", "scores_short", "no_teacher_evidence")
SUBJECTS = ["English", "Mathematics", "Science", "History", "Geography", "Religious studies"]
ANSWERS = {
    "extra_time_25": "Runs out of time in timed work; with extra time in mocks finished every paper.",
    "word_processor": "Types extended writing in lessons; handwriting is illegible after 20 minutes.",
    "rest_breaks": "Uses a rest-break card in lessons and mocks; returns to the task after a short pause.",
    "separate_invigilation": "Sat mocks in the small exam room; anxious and unable to start in the hall.",
    "reader": "A TA reads questions aloud in assessments; answers well once the text is read to them.",
}
SOURCES = {"extra_time_25": "mocks", "separate_invigilation": "mocks"}
NEED = "Slow reading and writing since Year 7 (SEN support); tires quickly in long tasks."
DAY = dt.timedelta(days=1)


def build(ctx) -> None:
    schools = [s for s in ctx.schools if s.phase == "secondary"]
    if not schools:
        return
    rows = _Rows()
    for school in schools:
        _School(ctx, school, rows).build()
    rows.write(history=ctx.size != "trust")
    ctx.say(
        f"Writing {len(rows.arrangements)} exam access arrangements at {len(schools)} secondary school(s)"
    )


class _Rows:
    def __init__(self):
        self.series, self.papers, self.assessors, self.assessments = [], [], [], []
        self.scores, self.form8s, self.arrangements, self.requests, self.alternatives = [], [], [], [], []

    def write(self, *, history: bool) -> None:
        def save(model, objs):
            if not objs:
                return
            if history:
                bulk_create_with_history(objs, model, default_change_reason="Demo data")
            else:
                model.objects.bulk_create(objs)

        for model, objs in (
            (ExamSeries, self.series), (ExamPaper, self.papers), (Assessor, self.assessors),
            (Assessment, self.assessments), (Score, self.scores), (Form8, self.form8s),
            (Arrangement, self.arrangements), (NormalWayRequest, self.requests),
            (AlternativeEvidence, self.alternatives),
        ):  # fmt: skip
            save(model, objs)


def summer_dates(year: int) -> tuple[dt.date, dt.date, dt.date]:
    """First exam (the Monday on or after 11 May), last exam (about six weeks on) and the
    application deadline (21 February) of the summer series of ``year``."""
    first = dt.date(year, 5, 11)
    first += dt.timedelta(days=(7 - first.weekday()) % 7)
    return first, first + dt.timedelta(days=44), dt.date(year, 2, 21)


class _School:
    def __init__(self, ctx, school, rows: _Rows):
        self.ctx, self.rng, self.today, self.school, self.rows = ctx, ctx.rng, ctx.today, school, rows
        self.sy = academic_year_of(self.today)
        staff = dict(
            Membership.objects.filter(school=school, role__in=[Role.SENCO, Role.HEAD], active=True)
            .order_by("-role", "pk")  # senco after head: the SENCO's row wins below
            .values_list("role", "user_id")
        )
        self.senco_id, self.head_id = staff.get(Role.SENCO), staff.get(Role.HEAD)
        self.now = timezone.now()

    def build(self) -> None:
        self._series()
        self._assessors()
        pupils = self._candidates()
        if not pupils:
            return
        self.teachers = self._teachers(pupils)
        y11 = [p for p in pupils if p.nc_year == 11]
        y10 = [p for p in pupils if p.nc_year == 10]
        ordered = y11[:1] + y10[:1] + [p for p in pupils if p not in y11[:1] + y10[:1]]
        pending = ["applied", "evidence"] if len(pupils) >= 30 else []
        for i, pupil in enumerate(ordered):
            gap = GAPS[i] if i < len(GAPS) else None
            if gap is None and pending and pupil.nc_year == 10:
                gap = pending.pop()
            kinds = ("extra_time_25",) if gap else self._profile()
            self._candidate(pupil, kinds, gap)

    def _series(self) -> None:
        year = self.today.year if self.today <= summer_dates(self.today.year)[1] else self.today.year + 1
        for n, y in enumerate((year, year + 1)):
            first, last, deadline = summer_dates(y)
            series = ExamSeries(
                school=self.school, name=f"Summer {y} (GCSE)", first_exam_on=first, last_exam_on=last,
                application_deadline=deadline,
            )  # fmt: skip
            self.rows.series.append(series)
            if n == 0:
                self.series = series
                self._papers(series)

    def _papers(self, series: ExamSeries) -> None:
        day, session = series.first_exam_on, ExamPaper.Session.AM
        for title, minutes, year in PAPERS:
            self.rows.papers.append(
                ExamPaper(
                    school=self.school,
                    series=series,
                    title=title,
                    sat_on=day,
                    session=session,
                    duration_minutes=minutes,
                    nc_year=year,
                )  # fmt: skip
            )
            if session == ExamPaper.Session.AM:
                session = ExamPaper.Session.PM
            else:
                session, day = ExamPaper.Session.AM, day + DAY * (3 if day.weekday() == 4 else 1)

    def _assessors(self) -> None:
        checked = dt.date(self.sy - 2, 9, 2)  # before any assessment of today's Year 11
        self.specialist, self.psychologist, self.unchecked = (
            Assessor(
                school=self.school, name=name, organisation=org, email=email, qualification_route=route,
                qualification_detail=detail, apc_expires_on=apc, checked_by_id=self.head_id if ok else None,
                checked_on=checked if ok else None,
            )  # fmt: skip
            for name, org, email, route, detail, apc, ok in (
                ("Ms Rachel Tomlinson", "Learning Support (specialist teacher)", "r.tomlinson@example.org",
                 "spld_apc", "SpLD Assessment Practising Certificate, demo certificate APC-0001",
                 self.today + dt.timedelta(days=500), True),
                ("Dr Marcus Ellery", "Northshire Educational Psychology Service", "m.ellery@example.org",
                 "hcpc_psychologist", "HCPC registration (demo) PYL-DEMO-017", None, True),
                ("Mrs Joanne Pike", "Independent specialist assessor", "j.pike@example.com", "level7",
                 "Postgraduate Certificate in Specialist Assessment (Level 7), certificate not yet seen",
                 None, False),
            )
        )  # fmt: skip
        self.rows.assessors += [self.specialist, self.psychologist, self.unchecked]

    def _candidates(self) -> list[Pupil]:
        pupils = list(Pupil.objects.on_roll().filter(school=self.school, nc_year__in=(10, 11)).order_by("pk"))
        wanted = round(SHARE * len(pupils))
        sen = [p for p in pupils if p.sen_status != "N"]
        others = [p for p in pupils if p.sen_status == "N"]
        self.rng.shuffle(sen)
        self.rng.shuffle(others)
        from_sen = min(len(sen), round(wanted * 0.7))
        chosen = sen[:from_sen] + others[: wanted - from_sen]
        return sorted(chosen, key=lambda p: p.pk)

    def _teachers(self, pupils) -> dict[int, list[int]]:
        links = TeachingGroupStaff.objects.filter(
            school=self.school, role="teacher", group__memberships__pupil__in=pupils
        ).values_list("group__memberships__pupil_id", "user_id")
        taught: dict[int, list[int]] = {}
        for pupil_id, user_id in links.order_by("group__memberships__pupil_id", "pk"):
            taught.setdefault(pupil_id, []).append(user_id)
        fallback = list(
            Membership.objects.filter(school=self.school, role=Role.TEACHER).values_list(
                "user_id", flat=True
            )[:5]
        )
        return {p.pk: taught.get(p.pk) or fallback for p in pupils}

    def _profile(self) -> tuple[str, ...]:
        return self.rng.choices(list(PROFILES), weights=list(PROFILES.values()))[0]

    def _day(self, lo: dt.date, hi: dt.date) -> dt.date:
        d = lo + DAY * self.rng.randint(0, max(0, (hi - lo).days))
        return d - DAY * max(0, d.weekday() - 4)  # a weekend moves back to Friday

    def _candidate(self, pupil: Pupil, kinds: tuple[str, ...], gap: str | None) -> None:
        form8 = self._form8(pupil, gap) if "extra_time_25" in kinds else None
        for kind in kinds:
            self._arrangement(pupil, kind, form8 if kind == "extra_time_25" else None, gap)

    def _form8(self, pupil: Pupil, gap: str | None) -> Form8:
        if gap == "expired":
            expires = self.today - DAY * self.rng.randint(10, 40)
            decided = max(rules_.add_months(expires, -26), dt.date(self.sy - 2, 10, 15))
            assessed = decided - DAY * self.rng.randint(25, 40)
        else:
            if pupil.nc_year == 11:
                lo, hi = dt.date(self.sy - 1, 9, 15), dt.date(self.sy, 7, 10)
            else:
                lo, hi = dt.date(self.sy, 2, 1), self.today - DAY * 25
            assessed = self._day(lo, max(lo, hi))
            decided = min(self.today - DAY, assessed + DAY * self.rng.randint(10, 24))
        signed = (
            assessed + DAY * self.rng.randint(3, 10)
            if gap == "part1_after"
            else assessed - DAY * self.rng.randint(7, 35)
        )
        assessor = self.unchecked if gap == "unchecked_assessor" else (
            self.specialist if self.rng.random() < 0.7 else self.psychologist
        )  # fmt: skip
        assessment = Assessment(
            school=self.school, pupil=pupil, taken_on=assessed, assessor_name=assessor.name,
            assessor_role="Educational psychologist" if assessor is self.psychologist else "Specialist",
            purpose=Assessment.Purpose.ACCESS_ARRANGEMENTS, recorded_by_id=self.senco_id,
            summary="Below average speed of working; 25% extra time recommended.",
        )  # fmt: skip
        self.rows.assessments.append(assessment)
        self._scores(assessment, pupil, short=gap == "scores_short")
        pending = gap in ("evidence", "unchecked_assessor")
        form8 = Form8(
            school=self.school, pupil=pupil, history_of_need=NEED,
            normal_way_of_working="Extra time in class tests and mocks; uses it in most timed work.",
            part1_signed_by_id=self.senco_id, part1_signed_on=signed, assessment=assessment,
            assessor=assessor,
            part3_completed_on=None if pending else decided - DAY * 2, part3_completed_by_id=self.senco_id,
        )  # fmt: skip
        self.rows.form8s.append(form8)
        form8._demo_decided = decided  # type: ignore[attr-defined]
        form8._demo_expires = expires if gap == "expired" else None  # type: ignore[attr-defined]
        return form8

    def _scores(self, assessment: Assessment, pupil: Pupil, *, short: bool) -> None:
        first, second = self.rng.sample(SPEED, 2)
        if short:  # one low average area only: not enough for 25% extra time
            values = {first: self.rng.randint(86, 89), second: self.rng.randint(91, 99)}
        else:
            values = {first: self.rng.randint(70, 84), second: self.rng.randint(76, 89)}
        values["spelling_accuracy"] = self.rng.randint(78, 99)
        for area, score in values.items():
            percentile = round(NormalDist(100, 15).cdf(score) * 100, 1)
            self.rows.scores.append(
                Score(
                    school=self.school,
                    pupil=pupil,
                    assessment=assessment,
                    test_name=TESTS[area],
                    area=area,
                    standard_score=score,
                    percentile=percentile,
                )  # fmt: skip
            )

    def _arrangement(self, pupil: Pupil, kind: str, form8, gap: str | None) -> None:
        basis = rules_.KIND_BY_CODE[kind].basis
        status = Arrangement.Status.APPROVED
        if gap in ("scores_short", "applied"):
            status = Arrangement.Status.APPLIED
        elif gap in ("evidence", "unchecked_assessor"):
            status = Arrangement.Status.EVIDENCE
        decided = getattr(form8, "_demo_decided", None) or self.today - DAY * self.rng.randint(30, 200)
        approved = status == Arrangement.Status.APPROVED
        online = basis != rules_.DELEGATED
        expires = getattr(form8, "_demo_expires", None) or rules_.default_expiry(decided)
        arrangement = Arrangement(
            school=self.school, pupil=pupil, kind=kind, status=status, form8=form8,
            decided_by_id=self.senco_id if approved else None, decided_on=decided if approved else None,
            approval_reference=self._reference() if approved and online else "",
            expires_on=expires if approved and online else None,
        )  # fmt: skip
        self.rows.arrangements.append(arrangement)
        teacher = self.rng.choice(self.teachers[pupil.pk]) if self.teachers[pupil.pk] else None
        if teacher is not None:
            answered = None if gap == "no_teacher_evidence" else self.now - DAY * self.rng.randint(20, 120)
            self.rows.requests.append(
                NormalWayRequest(
                    school=self.school,
                    pupil=pupil,
                    arrangement=arrangement,
                    requested_from_id=teacher,
                    requested_by_id=self.senco_id,
                    subject=self.rng.choice(SUBJECTS),
                    question="Is this how the candidate works in your lessons and assessments?",
                    source=SOURCES.get(kind, "class_work") if answered else "",
                    answer=ANSWERS[kind] if answered else "",
                    answered_at=answered,
                    created_at=(answered or self.now) - DAY * self.rng.randint(3, 10),
                )  # fmt: skip
            )
        if kind == "reader" and pupil.sen_status == "E":
            self.rows.alternatives.append(
                AlternativeEvidence(
                    school=self.school,
                    pupil=pupil,
                    arrangement=arrangement,
                    kind=AlternativeEvidence.Kind.EHC_PLAN,
                    author="Northshire County Council SEND team",
                    dated=decided - DAY * 60,
                    summary="Section F: questions and texts read aloud in assessments.",
                )  # fmt: skip
            )

    def _reference(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        return "AAO-" + "".join(self.rng.choice(letters + "23456789") for _ in range(8))
