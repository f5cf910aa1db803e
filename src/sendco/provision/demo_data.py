# ruff: noqa: E501  (model constructors kept one field group a line, under fmt: skip)
"""Demo provision for each demo school: the example library, staff rates by grade, term dates,
a budget, ~40 running groups (with section F 1:1s for pupils with EHC plans), last year's
finished groups with exit scores (about 3 in 10 groups track a second measure, such as a
spelling age beside Toe by Toe's reading age), and a register for every timetabled session so far (a few
left unrecorded, as happens). Fictional figures; bulk inserts; deterministic from ctx.rng."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.core.models import Pupil
from sendco.demo.context import DemoContext
from sendco.domain import term_dates as td

from .library_seed import example_rows
from .models import (
    Attendance,
    Budget,
    Closure,
    GroupMember,
    GroupStaff,
    Measure,
    ProvisionGroup,
    Score,
    Session,
    StaffRate,
    Term,
    TopUp,
)

# Illustrative hourly rates and on-costs by grade (not real pay scales).
GRADE_RATES = {
    "TA Level 2": ("12.40", "22"),
    "TA Level 3": ("13.70", "24"),
    "HLTA": ("15.60", "26"),
    "MPS": ("24.00", "30"),
    "UPS": ("30.50", "30"),
}
# (groups running now, last year's finished groups) for the first demo school and for the others.
# The trust size gives every school ~40 groups and a year of registers (for the benchmarks); the
# school size keeps the second school light so that it builds, with history, in seconds.
GROUPS = {
    "small": ((12, 4), (12, 4)),
    "school": ((40, 6), (12, 0)),
    "trust": ((40, 20), (40, 20)),
}
BATCH = 5000
# A second measure some groups of each library entry track besides the entry's own.
SECOND_MEASURES = {
    "Precision Teaching": ("scale", "Target words known (of 20)"),
    "Toe by Toe": ("age_months", "Spelling age (months)"),
    "Lexia Core5 / PowerUp": ("standardised", "Standardised spelling score"),
    "Read Write Inc. Fresh Start": ("age_months", "Spelling age (months)"),
    "Numicon intervention programme": ("scale", "Number facts known (of 20)"),
    "Talk Boost": ("standardised", "Standardised vocabulary score"),
    "ELSA (emotional literacy support)": ("target_rating", "ELSA target rating"),
    "Lego-based therapy": ("target_rating", "Social communication target rating"),
    "Zones of Regulation": ("scale", "Self-regulation rating (0–10)"),
    "Speech and language programme (delivered by TA)": ("standardised", "Standardised language score"),
    "Social skills group": ("target_rating", "Social skills target rating"),
    "Handwriting and fine motor group": ("scale", "Legibility rating (0–10)"),
    "Nurture group": ("scale", "Wellbeing rating (0–10)"),
}


def build(ctx: DemoContext) -> None:
    ctx.say("Provision: library, rates, term dates, groups and registers…")
    for school in ctx.schools:
        _School(ctx, school).build()


def _bulk(ctx: DemoContext, model, rows: list) -> list:
    if not rows:
        return rows
    if ctx.size == "trust":  # house rule: no history rows for the trust size (they would double the insert)
        return model.objects.bulk_create(rows, batch_size=BATCH)
    return bulk_create_with_history(rows, model, batch_size=BATCH, default_change_reason="Demo data")


class _School:
    def __init__(self, ctx: DemoContext, school):
        self.ctx, self.school, self.rng = ctx, school, ctx.rng
        self.today = ctx.today
        self.extra_rng = random.Random(f"second measures {school.urn}")  # leaves ctx.rng's sequence alone
        self.year = td.academic_year_of(self.today)

    def build(self) -> None:
        ctx, school = self.ctx, self.school
        first, others = GROUPS[ctx.size]
        self.n_groups, self.n_last_year = first if school == ctx.schools[0] else others
        self.library = _bulk(ctx, type(example_rows(school)[0]), example_rows(school))
        _bulk(
            ctx,
            StaffRate,
            [
                StaffRate(school=school, staff_grade=g, hourly=Decimal(h), on_cost_pct=Decimal(o))
                for g, (h, o) in GRADE_RATES.items()
            ],
        )
        self.calendars = {y: td.default_calendar(y) for y in (self.year - 1, self.year)}
        _bulk(ctx, Term, [Term(school=school, academic_year=y, name=t.name, start=t.start, end=t.end)
                          for y, cal in self.calendars.items() for t in cal.terms])  # fmt: skip
        _bulk(ctx, Closure, [Closure(school=school, academic_year=y, date=d, reason="INSET day or bank holiday")
                             for y, cal in self.calendars.items() for d in sorted(cal.closures)])  # fmt: skip
        self.calendar = td.SchoolCalendar(
            terms=tuple(t for c in self.calendars.values() for t in c.terms),
            closures=frozenset(d for c in self.calendars.values() for d in c.closures),
        )
        staff = list(
            Membership.objects.filter(school=school, active=True, role__in=[Role.TA, Role.TEACHER])
            .order_by("user_id")
            .values_list("user_id", "role", "user__username")
        )
        self.tas = [u for u, role, _ in staff if role == Role.TA] or [u for u, _, _ in staff]
        self.teachers = [u for u, role, _ in staff if role == Role.TEACHER] or self.tas
        self.demo_ta = next((u for u, _, name in staff if name == "ta"), None)
        self.demo_teacher = next((u for u, _, name in staff if name == "teacher"), None)
        pupils = list(
            Pupil.objects.filter(school=school, deleted_at__isnull=True, sen_status__in=["K", "E"])
            .order_by("pk")
            .values_list("pk", "sen_status", "admission_date")
        )
        if not pupils or not self.tas:
            return
        self.ehc = [p for p in pupils if p[1] == "E"]
        self.support = [p for p in pupils if p[1] == "K"] or pupils
        self._budget(pupils)
        self._groups()

    # ------------------------------------------------------------------ budget
    def _budget(self, pupils) -> None:
        fy = td.financial_year_of(self.today, self.school.financial_year_start)
        # A notional SEN budget of roughly £1,000 per pupil on SEN support (illustrative).
        amount = Decimal(max(20_000, round(len(pupils) * self.rng.uniform(900, 1300), -3)))
        _bulk(self.ctx, Budget, [Budget(school=self.school, financial_year=fy, notional_sen_budget=amount)])
        _bulk(
            self.ctx,
            TopUp,
            [
                TopUp(school=self.school, pupil_id=pk, financial_year=fy,
                      amount=Decimal(self.rng.choice([3500, 5200, 7800, 11000])), notes="Element 3 from the LA")
                for pk, _, _ in self.ehc
            ],
        )  # fmt: skip

    # ------------------------------------------------------------------ groups
    def _groups(self) -> None:
        rng, school = self.rng, self.school
        y0, y1 = self.calendars[self.year - 1], self.calendars[self.year]
        plans = []  # (group, pupil ids, staff ids, finished)
        wave3 = next(p for p in self.library if p.name == "1:1 TA support")
        one_to_one = [pk for pk, _, _ in self.ehc[: self.n_groups // 4]]
        # Schools name a 1:1 by the pupil's initials so that the map tells them apart.
        names = Pupil.objects.filter(pk__in=one_to_one).values_list("pk", "legal_forename", "legal_surname")
        initials = {pk: f"{forename[:1]}{surname[:1]}" for pk, forename, surname in names}
        for pk in one_to_one:
            hours = rng.choice([5, 10, 15])
            name = f"1:1 support for {initials[pk]} (EHC plan, {hours} h)"
            plans.append(self._group(wave3, y1, [pk], name, section_f=hours))
        groups_wanted = self.n_groups
        targeted = [p for p in self.library if p is not wave3]
        while len(plans) < groups_wanted:
            provision = rng.choice(targeted)
            size = 1 if provision.wave == 3 else max(2, provision.typical_group_size + rng.randint(-1, 1))
            pupils = [p[0] for p in rng.sample(self.support, min(size, len(self.support)))]
            plans.append(self._group(provision, y1, pupils, f"{provision.name} {len(plans) + 1}"))
        for i in range(self.n_last_year):
            provision = rng.choice(targeted)
            size = 1 if provision.wave == 3 else provision.typical_group_size
            pupils = [p[0] for p in rng.sample(self.support, min(size, len(self.support)))]
            plans.append(
                self._group(provision, y0, pupils, f"{provision.name} (last year) {i + 1}", finished=True)
            )
        groups = _bulk(self.ctx, ProvisionGroup, [g for g, *_ in plans])
        measures = self._measures(groups)
        links, members, values = [], [], []
        for group, (_, pupils, staff, finished) in zip(groups, plans, strict=True):
            links += [GroupStaff(school=school, group=group, user_id=u) for u in staff]
            for pk in pupils:
                members.append(self._member(group, pk))
                # The first measure draws from the main generator as before (the rest of the demo
                # stays the same); a second from its own.
                values.append(
                    [(m, _values(self.rng if m.position == 1 else self.extra_rng, m.kind, finished))
                     for m in measures[group.pk]]
                )  # fmt: skip
        _bulk(self.ctx, GroupStaff, links)
        members = _bulk(self.ctx, GroupMember, members)
        scores = [
            Score(
                school=school,
                pupil_id=member.pupil_id,
                place=member,
                measure=measure,
                entry_value=entry,
                entry_on=member.group.start_date,
                exit_value=exit_value,
                exit_on=member.group.end_date if exit_value is not None else None,
            )  # fmt: skip
            for member, pairs in zip(members, values, strict=True)
            for measure, (entry, exit_value) in pairs
        ]
        _bulk(self.ctx, Score, scores)
        self._sessions(groups, members)

    def _measures(self, groups) -> dict[int, list]:
        """Each group's first measure (its library entry's) and, for about 3 groups in 10 whose
        entry has one, a second (SECOND_MEASURES); chosen by position so the demo is the same
        every time."""
        rows = []
        for i, group in enumerate(groups):
            p = group.provision
            rows.append(
                Measure(school=self.school, group=group, kind=p.measure_kind, name=p.measure_name, position=1)
            )
            if i % 10 in (1, 4, 6, 8) and p.name in SECOND_MEASURES:
                kind, name = SECOND_MEASURES[p.name]
                rows.append(Measure(school=self.school, group=group, kind=kind, name=name, position=2))
        out: dict[int, list] = {}
        for m in _bulk(self.ctx, Measure, rows):
            out.setdefault(m.group_id, []).append(m)
        return out

    def _group(self, provision, cal, pupils, name, *, section_f=0, finished=False):
        rng = self.rng
        first_term = cal.terms[0] if finished or rng.random() < 0.6 else cal.terms[1]
        start = first_term.start + timedelta(days=rng.choice([7, 14]))
        end = cal.terms[-1].end if section_f or finished or rng.random() < 0.5 else cal.terms[3].end
        per_week = min(provision.sessions_per_week, 5)
        weekdays = sorted(rng.sample(range(5), per_week))
        minutes = provision.minutes_per_session
        if section_f:
            weekdays, minutes = [0, 1, 2, 3, 4], section_f * 60 // 5
        staff = [rng.choice(self.tas)]
        if provision.staff_type == "teacher":
            staff = [rng.choice(self.teachers)]
        if rng.random() < 0.1:
            staff.append(rng.choice(self.tas))
        if not finished and self.demo_ta and rng.random() < 0.15:
            staff = [self.demo_ta]
        group = ProvisionGroup(
            school=self.school, provision=provision, name=name, weekdays=",".join(map(str, weekdays)),
            start_time=None, minutes_per_session=minutes, room=rng.choice(["Library", "SEN base", "Room 4", "Pod"]),
            start_date=start, end_date=end, resource_cost_per_session=provision.resource_cost_per_session,
            one_off_resource_cost=provision.one_off_resource_cost, is_section_f=bool(section_f),
            promised_hours_per_week=Decimal(section_f) if section_f else None,
            staff_take_turns=bool(section_f) and len(set(staff)) > 1,  # a 1:1 shared on a rota
        )  # fmt: skip
        return group, pupils, sorted(set(staff)), finished

    def _member(self, group, pupil_id):
        return GroupMember(
            school=self.school, group=group, pupil_id=pupil_id, joined=group.start_date,
            reason="Identified at pupil progress meeting",
        )  # fmt: skip

    def _sessions(self, groups, members) -> None:
        rng = self.rng
        yesterday = self.today - timedelta(days=1)
        by_group: dict[int, list[int]] = {}
        for m in members:
            by_group.setdefault(m.group_id, []).append(m.pupil_id)
        sessions, plan = [], []
        for g in groups:
            days = td.expected_session_dates(
                self.calendar, weekdays=[int(d) for d in g.weekdays.split(",")], start=g.start_date,
                end=min(g.end_date, yesterday),
            )  # fmt: skip
            for d in days:
                if d > self.today - timedelta(days=14) and rng.random() < 0.1:
                    continue  # a few recent registers not taken yet
                held = rng.random() > 0.07
                sessions.append(
                    Session(
                        school=self.school,
                        group=g,
                        date=d,
                        held=held,
                        cancel_reason=""
                        if held
                        else rng.choice(["Staff absence", "School trip", "TA covering a class"]),
                    )  # fmt: skip
                )
                plan.append(by_group.get(g.pk, []))
        sessions = _bulk(self.ctx, Session, sessions)
        marks = [
            Attendance(school=self.school, session=s, pupil_id=p, present=rng.random() < 0.9)
            for s, pupils in zip(sessions, plan, strict=True)
            if s.held
            for p in pupils
        ]
        _bulk(self.ctx, Attendance, marks)


def _values(rng, kind: str, finished: bool) -> tuple[Decimal, Decimal | None]:
    """A made-up entry value and, for a finished group, an exit value, of a kind of measure."""
    entry, gain = {
        "standardised": (rng.gauss(82, 6), rng.gauss(3.5, 5)),
        "age_months": (rng.gauss(92, 12), rng.gauss(7, 4)),
        "scale": (rng.uniform(1, 5), rng.gauss(1.5, 1.2)),
        "target_rating": (rng.choice([0, 1, 1, 2]), rng.choice([0, 1, 1, 2])),
        "custom": (rng.gauss(40, 8), rng.gauss(5, 5)),
    }[kind]  # every kind draws, so the sequence does not depend on the kind
    entry = max(0, round(entry, 1))
    exit_value = None
    if finished:
        exit_value = max(0, round(entry + gain, 1))
        if kind == "target_rating":
            entry, exit_value = min(entry, 4), min(4, entry + gain)
    return Decimal(str(entry)), None if exit_value is None else Decimal(str(exit_value))
