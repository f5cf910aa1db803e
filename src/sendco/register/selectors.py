"""Reads of the SEND register. Every query starts from the access policy.

`register_view` returns the rows *and* the counts from the same filtered queryset, so the
figures at the top of the page always add up to the rows below them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.models import Pupil
from sendco.domain import sen_codes
from sendco.domain.census import CensusRecord, NeedPeriod, StatusPeriod, census_record
from sendco.domain.register_rules import Problem, census_problems

from .columns import register_columns
from .models import PupilNeed, SenStatus

ON_REGISTER = ("K", "E")
ORDERS = {
    "name": ("legal_surname", "legal_forename", "pk"),
    "year": ("nc_year", "reg_group", "legal_surname", "pk"),
    "reg": ("reg_group", "legal_surname", "pk"),
    "status": ("sen_status", "legal_surname", "pk"),
    "need": ("primary_need", "legal_surname", "pk"),
    "added": ("added_on", "legal_surname", "pk"),
}
YES_NO_FILTERS = ("pupil_premium", "looked_after", "eal", "fsm")


@dataclass
class RegisterFilters:
    school: int | None = None
    status: str = ""  # "", "K" or "E"
    need: str = ""  # primary need type
    secondary: str = ""
    area: str = ""  # broad area of the primary need
    year: int | None = None
    reg: str = ""
    sex: str = ""
    pupil_premium: str = ""  # "", "yes" or "no"
    looked_after: str = ""
    eal: str = ""
    fsm: str = ""
    added_from: dt.date | None = None
    added_to: dt.date | None = None
    removed_from: dt.date | None = None
    removed_to: dt.date | None = None
    q: str = ""
    order: str = "name"

    @property
    def removed_mode(self) -> bool:
        return bool(self.removed_from or self.removed_to)

    def as_query(self) -> dict:
        return {k: ("" if v is None else v) for k, v in self.__dict__.items()}


@dataclass
class RegisterView:
    rows: QuerySet
    on_roll: int
    status_counts: dict[str, int]
    need_counts: list[tuple[str, str, int]]
    year_counts: list[tuple[int, int]]
    total: int
    columns: list = field(default_factory=list)

    @staticmethod
    def _pct(n: int, of: int) -> float:
        return round(100 * n / of, 1) if of else 0.0

    @property
    def status_rows(self) -> list[tuple[str, str, int, float]]:
        return [
            (code, sen_codes.provision_label(code), n, self._pct(n, self.on_roll))
            for code, n in self.status_counts.items()
        ]

    @property
    def need_rows(self) -> list[tuple[str, str, int, float]]:
        return [(c, name, n, self._pct(n, self.total)) for c, name, n in self.need_counts]

    @property
    def year_rows(self) -> list[tuple[int, int, float]]:
        return [(y, n, self._pct(n, self.total)) for y, n in self.year_counts]


def register_schools(user):
    return policy.schools(user, "register.view")


def _open(model, field_name: str, **extra):
    return Subquery(
        model.objects.filter(pupil=OuterRef("pk"), end_date__isnull=True, **extra)
        .order_by("-start_date")
        .values(field_name)[:1]
    )


def _episode_start():
    """Start of the current run of K/E periods: the first K/E period after the last N one."""
    last_off = (
        SenStatus.objects.filter(pupil=OuterRef(OuterRef("pk")))
        .exclude(code__in=ON_REGISTER)
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    return Subquery(
        SenStatus.objects.filter(
            pupil=OuterRef("pk"),
            code__in=ON_REGISTER,
            start_date__gt=Coalesce(Subquery(last_off), Value(dt.date(1900, 1, 1), output_field=DateField())),
        )
        .order_by("start_date")
        .values("start_date")[:1]
    )


def _annotated(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        primary_need=_open(PupilNeed, "need_type", rank=1),
        secondary_need=_open(PupilNeed, "need_type", rank=2),
        added_on=_episode_start(),
    )


def _removed_on():
    return Subquery(
        SenStatus.objects.filter(pupil=OuterRef("pk"), code__in=ON_REGISTER, end_date__isnull=False)
        .order_by("-end_date")
        .values("end_date")[:1]
    )


def _population(user, schools, f: RegisterFilters) -> QuerySet:
    """Current pupils of the chosen schools matching every filter except the status.
    Leavers drop off from their leaving date."""
    today = timezone.localdate()
    qs = policy.pupils(user).filter(school_id__in=schools)
    qs = qs.filter(Q(leaving_date__isnull=True) | Q(leaving_date__gt=today))
    if f.school:
        qs = qs.filter(school_id=f.school)
    if f.year is not None:
        qs = qs.filter(nc_year=f.year)
    if f.reg:
        qs = qs.filter(reg_group__iexact=f.reg)
    if f.sex:
        qs = qs.filter(sex=f.sex)
    for name in YES_NO_FILTERS:
        value = getattr(f, name)
        if value in ("yes", "no"):
            qs = qs.filter(**{name: value == "yes"})
    if f.q:
        words = Q()
        for word in f.q.split()[:4]:
            words &= (
                Q(legal_surname__icontains=word)
                | Q(legal_forename__icontains=word)
                | Q(preferred_forename__icontains=word)
                | Q(upn__iexact=word)
            )
        qs = qs.filter(words)
    # alias(), not annotate(): filter on the subqueries without selecting or grouping by them,
    # so the counts below stay cheap group-bys over plain columns.
    if f.need or f.area:
        qs = qs.alias(f_primary=_open(PupilNeed, "need_type", rank=1))
    if f.need:
        qs = qs.filter(f_primary=f.need)
    if f.area:
        qs = qs.filter(f_primary__in=[n.code for n in sen_codes.need_types_in_area(f.area)])
    if f.secondary:
        qs = qs.alias(f_secondary=_open(PupilNeed, "need_type", rank=2)).filter(f_secondary=f.secondary)
    if f.added_from or f.added_to:
        qs = qs.alias(f_added=_episode_start())
    if f.added_from:
        qs = qs.filter(f_added__gte=f.added_from)
    if f.added_to:
        qs = qs.filter(f_added__lte=f.added_to)
    if f.removed_mode:
        qs = qs.alias(f_removed=_removed_on()).filter(sen_status="N", f_removed__isnull=False)
        if f.removed_from:
            qs = qs.filter(f_removed__gte=f.removed_from)
        if f.removed_to:
            qs = qs.filter(f_removed__lte=f.removed_to)
    return qs


def register_view(user, f: RegisterFilters) -> RegisterView:
    """The register rows and their counts; a fixed number of queries."""
    school_ids = list(register_schools(user).values_list("pk", flat=True))
    population = _population(user, school_ids, f)
    if f.removed_mode:
        matching = population
    else:
        matching = population.filter(sen_status__in=[f.status] if f.status in ON_REGISTER else ON_REGISTER)
    columns = register_columns()
    rows = _annotated(matching)
    for column in columns:
        rows = column.annotate(rows)
    rows = rows.select_related("school").order_by(*_order(f.order))

    by_status = dict(population.order_by().values_list("sen_status").annotate(n=Count("pk")))
    on_roll = sum(by_status.values())
    primary = _open(PupilNeed, "need_type", rank=1)
    needs = dict(
        matching.order_by().annotate(c_primary=primary).values_list("c_primary").annotate(n=Count("pk"))
    )
    year_counts = sorted(matching.order_by().values_list("nc_year").annotate(n=Count("pk")))
    need_counts = [
        (code, sen_codes.NEED_TYPES[code].name if code in sen_codes.NEED_TYPES else "No primary need", n)
        for code, n in sorted(needs.items(), key=lambda item: (-item[1], item[0] or ""))
    ]
    return RegisterView(
        rows=rows,
        on_roll=on_roll,
        status_counts={c: by_status.get(c, 0) for c in ("N", "K", "E")},
        need_counts=need_counts,
        year_counts=year_counts,
        total=sum(n for _, _, n in need_counts),
        columns=columns,
    )


def _order(key: str) -> tuple:
    desc = key.startswith("-")
    fields = ORDERS.get(key.lstrip("-"), ORDERS["name"])
    if not desc:
        return fields
    return tuple(F(name).desc(nulls_last=True) for name in fields)


def register_row(pupil, columns, url_pattern: str = "") -> dict:
    """One row as plain values, for the table and the exports alike. `url_pattern` holds "{pk}"
    (one reverse() for the page instead of one per row)."""
    primary = sen_codes.NEED_TYPES.get(pupil.primary_need or "")
    return {
        "pupil": pupil,
        "url": url_pattern.replace("{pk}", str(pupil.pk)),
        "primary": primary,
        "secondary": sen_codes.NEED_TYPES.get(pupil.secondary_need or ""),
        "area": primary.area.name if primary else "",
        "extra": [column.value(pupil) for column in columns],
    }


# --------------------------------------------------------------------------- census


@dataclass
class CensusPupil:
    pupil: Pupil
    record: CensusRecord
    problems: list[Problem]


@dataclass
class CensusReturn:
    day: dt.date
    pupils: list[CensusPupil]  # everyone on roll on census day
    summary: list[tuple[str, str, int, int]]  # need code, name, K count, E count

    @property
    def on_sen(self) -> list[CensusPupil]:
        return [p for p in self.pupils if p.record.provision != "N"]

    @property
    def failing(self) -> list[CensusPupil]:
        return [p for p in self.pupils if p.problems]

    @property
    def k_count(self) -> int:
        return sum(1 for p in self.pupils if p.record.provision == "K")

    @property
    def e_count(self) -> int:
        return sum(1 for p in self.pupils if p.record.provision == "E")

    @property
    def summary_rows(self) -> list[tuple[str, str, int, int, int]]:
        rows = [(c, name, k, e, k + e) for c, name, k, e in self.summary]
        no_primary = [p for p in self.on_sen if p.record.primary_need is None]
        if no_primary:
            k = sum(1 for p in no_primary if p.record.provision == "K")
            rows.append(("-", "No primary need recorded", k, len(no_primary) - k, len(no_primary)))
        rows.append(("all", "All pupils", self.k_count, self.e_count, self.k_count + self.e_count))
        return rows


def census_return(school, day: dt.date) -> CensusReturn:
    """The SEN part of the census for everyone on roll at `school` on `day` (three queries)."""
    pupils = list(
        Pupil.objects.filter(school=school, deleted_at__isnull=True, admission_date__lte=day)
        .filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=day))
        .order_by("legal_surname", "legal_forename", "pk")
    )
    ids = [p.pk for p in pupils]
    statuses: dict[int, list[StatusPeriod]] = {}
    for pid, code, start, end in SenStatus.objects.filter(pupil_id__in=ids).values_list(
        "pupil_id", "code", "start_date", "end_date"
    ):
        statuses.setdefault(pid, []).append(StatusPeriod(code, start, end))
    needs: dict[int, list[NeedPeriod]] = {}
    for pid, code, rank, start, end in PupilNeed.objects.filter(pupil_id__in=ids).values_list(
        "pupil_id", "need_type", "rank", "start_date", "end_date"
    ):
        needs.setdefault(pid, []).append(NeedPeriod(code, rank, start, end))
    result = []
    for pupil in pupils:
        s, n = statuses.get(pupil.pk, []), needs.get(pupil.pk, [])
        result.append(
            CensusPupil(pupil, census_record(s, n, day), census_problems(s, n, pupil.date_of_birth, day))
        )
    summary = []
    for code, need in sen_codes.NEED_TYPES.items():
        k = sum(1 for p in result if p.record.primary_need == code and p.record.provision == "K")
        e = sum(1 for p in result if p.record.primary_need == code and p.record.provision == "E")
        summary.append((code, need.name, k, e))
    return CensusReturn(day, result, summary)


def pupil_sen_history(pupil) -> dict:
    """The status periods, need periods and a merged timeline, newest first (two queries)."""
    statuses = list(
        SenStatus.objects.filter(pupil=pupil).select_related("recorded_by").order_by("-start_date")
    )
    needs = list(PupilNeed.objects.filter(pupil=pupil).order_by("end_date", "rank", "-start_date"))
    events = [(s.start_date, "status", s) for s in statuses]
    events += [(n.start_date, "need_start", n) for n in needs]
    events += [(n.end_date, "need_end", n) for n in needs if n.end_date]
    events.sort(key=lambda e: (e[0], e[1] == "status"), reverse=True)  # status first on a day
    return {
        "statuses": statuses,
        "current_needs": [n for n in needs if n.end_date is None],
        "past_needs": [n for n in needs if n.end_date is not None],
        "timeline": [{"date": d, "kind": k, "obj": o} for d, k, o in events],
    }


def register_version(pupil_id: int) -> str:
    """A token that changes whenever the pupil's status or needs change (for edit conflicts)."""
    parts = []
    for model in (SenStatus, PupilNeed):
        agg = model.objects.filter(pupil_id=pupil_id).aggregate(n=Count("pk"), last=Max("updated_at"))
        parts.append(f"{agg['n']}:{agg['last'].timestamp() if agg['last'] else 0}")
    return "|".join(parts)


def home_panel(user) -> dict | None:
    """The SENCO's/head's home-page register tasks (two queries), or None for other roles.
    The K/E counts are on the home page already; this shows what needs attention."""
    from .models import RegisterImport

    schools = register_schools(user)
    if not schools:
        return None
    today = timezone.localdate()
    current = Pupil.objects.on_roll().filter(
        Q(leaving_date__isnull=True) | Q(leaving_date__gt=today), school__in=schools
    )
    no_primary = (
        current.filter(sen_status__in=ON_REGISTER)
        .exclude(Exists(PupilNeed.objects.filter(pupil=OuterRef("pk"), rank=1, end_date__isnull=True)))
        .count()
    )
    return {
        "no_primary": no_primary,
        "last_import": RegisterImport.objects.filter(school__in=schools).first(),
    }
