"""Reads: load the stored events of many pupils in a fixed number of queries and compute
their deadlines with the engine (sendco.domain.ehc_record)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from sendco.core.access import policy
from sendco.domain import ehc_record as er
from sendco.domain.deadlines import TimelineError
from sendco.domain.term_dates import england_bank_holidays

from .models import (
    AdviceRequest,
    Amendment,
    AnnualReview,
    AssessmentRequest,
    EhcPlan,
    LaSetting,
    OpenDeadline,
    PlanOutcome,
    ProvisionItem,
)

BUCKETS = [
    ("overdue", "Overdue"),
    ("this_week", "Due this week"),
    ("this_half_term", "Due this half-term"),
    ("later", "Later"),
    ("excepted", "Excepted"),
]
STATUS_LABELS = {
    "upcoming": "Upcoming",
    "due": "Due",
    "overdue": "Overdue",
    "met": "Met",
    "met_late": "Met late",
    "excepted": "Excepted",
    "stopped": "Stopped",
}


@dataclass
class Row:
    """One computed deadline of one pupil, ready for a page, the API, a feed or an email."""

    pupil_id: int
    school_id: int
    tracked: er.Tracked
    status: str
    bucket: str | None
    today: dt.date
    pupil_name: str = ""

    @property
    def deadline(self):
        return self.tracked.deadline

    @property
    def rule(self):
        return self.tracked.rule

    @property
    def kind_label(self) -> str:
        return er.KIND_LABELS[self.tracked.kind]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def due_text(self) -> str:
        return er.describe_due(self.deadline)

    @property
    def interpretation(self) -> str:
        return er.INTERPRETATIONS.get(self.rule.code, "")

    @property
    def title(self) -> str:
        label = self.deadline.label
        if label and self.rule.code == "advice_return":
            return f"{self.rule.title}: {label}"
        return self.rule.title

    @property
    def days_text(self) -> str:
        if self.status not in ("overdue", "due", "upcoming", "excepted"):
            return ""
        n = (self.deadline.due - self.today).days
        if n < 0:
            return f"{-n} day{'s' if n != -1 else ''} overdue"
        if n == 0:
            return "due today"
        return f"{n} day{'s' if n != 1 else ''} left"

    @property
    def reason(self) -> str:
        return self.deadline.stopped_reason or self.deadline.excepted_reason or ""


def _d(value) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _facts(p: dict, today: dt.date) -> er.PupilFacts:
    left = p["leaving_date"] if p["leaving_date"] and p["leaving_date"] <= today else None
    if p["deleted_at"] is not None:
        left = left or _d(timezone.localtime(p["deleted_at"]))
    return er.PupilFacts(
        date_of_birth=p["date_of_birth"],
        nc_year=p["nc_year"],
        school_phase=p["school__phase"],
        has_sixth_form=p["school__has_sixth_form"],
        left_on=left,
    )


def _bank_holidays() -> frozenset[dt.date]:
    # Councils do not count bank holidays as working days.
    year = timezone.localdate().year
    return frozenset().union(*(england_bank_holidays(y) for y in range(year - 3, year + 3)))


def la_paperwork_by_school(school_ids) -> dict[int, dict[str, er.LaPaperwork]]:
    found: dict[int, dict[str, er.LaPaperwork]] = defaultdict(dict)
    holidays = _bank_holidays()
    for s in LaSetting.objects.filter(school_id__in=school_ids, review_paperwork_working_days__gt=0):
        found[s.school_id][s.la_name] = er.LaPaperwork(
            s.la_name, s.review_paperwork_working_days, s.weekend, holidays
        )
    return found


@dataclass
class Loaded:
    pupil: dict
    facts: er.PupilFacts
    requests: list
    plans: list
    paperwork: dict

    def deadlines(self, today: dt.date) -> list[er.Tracked]:
        return er.record_deadlines(
            pupil=self.facts,
            requests=self.requests,
            plans=self.plans,
            today=today,
            la_paperwork=self.paperwork,
        )


def load(pupil_filter: Q, *, today: dt.date, names: bool = False) -> list[Loaded]:
    """The stored events of the pupils matching `pupil_filter` (a Q on Pupil, already limited
    by the access policy or to schools the caller may count), in seven queries."""
    from sendco.core.models import Pupil

    with_statutory = Q(pk__in=EhcPlan.objects.values("pupil_id")) | Q(
        pk__in=AssessmentRequest.objects.values("pupil_id")
    )
    fields = ["id", "school_id", "date_of_birth", "nc_year", "school__phase", "school__has_sixth_form"]
    fields += ["leaving_date", "deleted_at"]
    if names:
        fields += ["legal_forename", "preferred_forename", "legal_surname", "preferred_surname"]
    matching = Pupil.objects.filter(pupil_filter).filter(with_statutory)
    pupils = {p["id"]: p for p in matching.values(*fields)}
    if not pupils:
        return []
    # A subquery, not a list of ids: thousands of bound parameters are slow to send.
    ids = matching.values("pk") if len(pupils) > 50 else list(pupils)
    requests: dict[int, list] = defaultdict(list)
    advice: dict[int, list] = defaultdict(list)
    for a in AdviceRequest.objects.filter(pupil_id__in=ids).values_list(
        "id", "request_id", "advice_from", "requested_on", "returned_on", "exception"
    ):
        advice[a[1]].append(er.AdviceEvents(a[0], a[2], a[3], a[4], a[5] or None))
    for r in AssessmentRequest.objects.filter(pupil_id__in=ids).values(
        "id", "pupil_id", "la_name", *REQUEST_EVENT_FIELDS
    ):
        requests[r["pupil_id"]].append(
            er.RequestEvents(
                id=r["id"],
                la=r["la_name"],
                advice=tuple(advice[r["id"]]),
                exception=r["exception"] or None,
                **{k: r[k] for k in REQUEST_EVENT_FIELDS if k != "exception"},
            )
        )
    reviews: dict[int, list] = defaultdict(list)
    for v in AnnualReview.objects.filter(pupil_id__in=ids).values_list("id", "plan_id", *REVIEW_EVENT_FIELDS):
        reviews[v[1]].append(er.ReviewEvents(v[0], *v[2:]))
    amendments: dict[int, list] = defaultdict(list)
    for a in Amendment.objects.filter(pupil_id__in=ids).values_list(
        "id", "plan_id", "notice_sent", "comments_received", "final_issued"
    ):
        amendments[a[1]].append(er.AmendmentEvents(a[0], *a[2:]))
    plans: dict[int, list] = defaultdict(list)
    for p in EhcPlan.objects.filter(pupil_id__in=ids).values_list(
        "id", "pupil_id", "la_name", "issued_on", "ceased_on", "ceased_reason", "transfer_override"
    ):
        plans[p[1]].append(
            er.PlanEvents(
                id=p[0],
                la=p[2],
                issued_on=p[3],
                ceased_on=p[4],
                ceased_reason=p[5],
                transfer_override=p[6],
                reviews=tuple(reviews[p[0]]),
                amendments=tuple(amendments[p[0]]),
            )
        )
    paperwork = la_paperwork_by_school({p["school_id"] for p in pupils.values()})
    return [
        Loaded(p, _facts(p, today), requests[pid], plans[pid], paperwork.get(p["school_id"], {}))
        for pid, p in pupils.items()
    ]


REQUEST_EVENT_FIELDS = [
    "request_made",
    "request_received",
    "decision_made",
    "decided_to_assess",
    "draft_sent",
    "draft_comments_received",
    "final_issued",
    "decided_not_to_issue",
    "exception",
    "withdrawn_on",
]
REVIEW_EVENT_FIELDS = [
    "meeting_date",
    "held",
    "invitations_sent",
    "advice_circulated",
    "report_sent",
    "la_decision_date",
    "pfa_discussed",
    "cancelled",
]


def _name(p: dict) -> str:
    return f"{p['preferred_forename'] or p['legal_forename']} {p['preferred_surname'] or p['legal_surname']}"


def compute(
    pupil_filter: Q, *, today: dt.date | None = None, names: bool = False
) -> tuple[list[Row], list[str]]:
    """Every deadline of the pupils matching `pupil_filter`. Returns the rows and the records
    whose stored dates are inconsistent (listed on the dashboards, never silently dropped)."""
    today = today or timezone.localdate()
    rows: list[Row] = []
    problems: list[str] = []
    for loaded in load(pupil_filter, today=today, names=names):
        p = loaded.pupil
        try:
            tracked = loaded.deadlines(today)
        except TimelineError as exc:
            problems.append(f"{_name(p) if names else 'A pupil record'}: {exc}")
            continue
        name = _name(p) if names else ""
        for t in tracked:
            status = t.deadline.status(today)
            rows.append(
                Row(
                    p["id"],
                    p["school_id"],
                    t,
                    status,
                    er.bucket_for_status(t.deadline.due, status, today),
                    today,
                    name,
                )
            )
    return rows, problems


def next_open(rows: list[Row]) -> Row | None:
    open_rows = [r for r in rows if r.bucket is not None]
    return min(open_rows, key=lambda r: r.deadline.due, default=None)


# --- pupil page -------------------------------------------------------------------------------


def _shareable_targets():
    # The SEN support plan targets that link to an outcome (plans.Target.ehc_outcome), reached
    # through that relation (`PlanOutcome.targets`), so statutory does not import the plans app.
    Target = PlanOutcome._meta.get_field("targets").related_model
    return Target.objects.filter(staff_only=False, cycle__status="current").order_by("position", "id")


def pupil_record(user, pupil, today: dt.date | None = None) -> dict:
    """Everything the EHC tab shows for one pupil (already checked by the caller)."""
    today = today or timezone.localdate()
    rows, problems = compute(Q(pk=pupil.pk), today=today)
    requests = list(AssessmentRequest.objects.filter(pupil=pupil).prefetch_related("advice"))
    plans = list(
        EhcPlan.objects.filter(pupil=pupil).prefetch_related(
            "outcomes",
            # The SEN support plan's targets that work towards each outcome (never staff-only ones:
            # parents read this page).
            Prefetch("outcomes__targets", queryset=_shareable_targets()),
            Prefetch("provision", queryset=ProvisionItem.objects.select_related("provision_group")),
            "documents",
            "reviews",
            "amendments",
        )
    )
    by_root: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for row in rows:
        root_kind = "request" if row.tracked.kind == "request" else "plan"
        by_root[(root_kind, row.tracked.root_id)].append(row)
    for r in requests:
        r.deadline_rows = by_root[("request", r.pk)]
    for p in plans:
        p.deadline_rows = by_root[("plan", p.pk)]
        p.open_rows = [row for row in p.deadline_rows if row.bucket is not None]
    return {
        "requests": requests,
        "plans": plans,
        "problems": problems,
        "open_rows": [r for r in rows if r.bucket is not None],
        "today": today,
    }


def review_rows(review, today: dt.date | None = None) -> list[Row]:
    rows, _ = compute(Q(pk=review.pupil_id), today=today)
    return [r for r in rows if r.tracked.subject_id == review.pk and r.tracked.kind in ("review", "internal")]


# --- dashboards ----------------------------------------------------------------------------------


def _count_table(rows, key) -> list[dict]:
    table: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        table[key(r)][r.bucket] += 1
    return [
        {"label": label, "counts": [counts[b] for b, _ in BUCKETS], "total": sum(counts.values())}
        for label, counts in sorted(table.items())
    ]


def school_dashboard(user, *, school_ids=None, today: dt.date | None = None) -> dict:
    """Named rows (for whole-school roles) of every open deadline, plus counts."""
    today = today or timezone.localdate()
    schools = policy.schools(user, "school.statutory_dashboard")
    if school_ids:
        schools = schools.filter(pk__in=school_ids)
    rows, problems = compute(Q(school__in=schools), today=today, names=True)
    open_rows = sorted(
        (r for r in rows if r.bucket is not None), key=lambda r: (r.deadline.due, r.pupil_name)
    )
    return {
        "schools": schools,
        "rows": open_rows,
        "sections": [
            (b, label, [r for r in open_rows if r.bucket == b]) for b, label in BUCKETS if b != "later"
        ],
        "later_count": sum(r.bucket == "later" for r in open_rows),
        "by_kind": _count_table(open_rows, lambda r: r.kind_label),
        "by_la": _count_table(open_rows, lambda r: r.tracked.la),
        "problems": problems,
        "half_term_end": er.half_term_end(today),
        "today": today,
    }


def refresh_cache(pupil_filter: Q, *, today: dt.date | None = None) -> int:
    """Recompute the open deadlines of the matching pupils and store them in OpenDeadline
    (and each plan's next due date). Returns the number of open deadlines stored."""
    from sendco.core.models import Pupil

    today = today or timezone.localdate()
    rows, _ = compute(pupil_filter, today=today)
    pupils = Pupil.objects.filter(pupil_filter).values("pk")
    OpenDeadline.objects.filter(Q(plan__pupil__in=pupils) | Q(request__pupil__in=pupils)).delete()
    cached, next_due = [], {}
    for r in rows:
        if r.bucket is None:
            continue
        is_request = r.tracked.kind == "request"
        cached.append(
            OpenDeadline(
                school_id=r.school_id,
                request_id=r.tracked.root_id if is_request else None,
                plan_id=None if is_request else r.tracked.root_id,
                kind=r.tracked.kind,
                rule=r.rule.code,
                la_name=r.tracked.la,
                due=r.deadline.due,
                excepted=r.status == "excepted",
            )
        )
        if not is_request:
            root = r.tracked.root_id
            next_due[root] = min(next_due.get(root, r.deadline.due), r.deadline.due)
    OpenDeadline.objects.bulk_create(cached, batch_size=2000)
    plans = list(EhcPlan.objects.filter(pupil__in=pupils).only("id", "next_due"))
    changed = [p for p in plans if p.next_due != next_due.get(p.pk)]
    for p in changed:
        p.next_due = next_due.get(p.pk)
    EhcPlan.objects.bulk_update(changed, ["next_due"], batch_size=1000)
    return len(cached)


def _bucket_counts(school_ids, today: dt.date, group: str) -> dict:
    """{group value: Counter(bucket)} counted by the database."""
    week = today + dt.timedelta(days=7)
    half_term = er.half_term_end(today)
    live = OpenDeadline.objects.filter(school_id__in=school_ids)
    open_ = Q(excepted=False)
    rows = live.values(group).annotate(
        overdue=Count("id", filter=open_ & Q(due__lt=today)),
        this_week=Count("id", filter=open_ & Q(due__gte=today, due__lte=week)),
        this_half_term=Count("id", filter=open_ & Q(due__gt=week, due__lte=half_term)),
        later=Count("id", filter=open_ & Q(due__gt=week) & Q(due__gt=half_term)),
        excepted=Count("id", filter=Q(excepted=True)),
    )
    return {row[group]: Counter({b: row[b] for b, _ in BUCKETS}) for row in rows}


def _table(counts: dict, label) -> list[dict]:
    return [
        {"label": label(key), "counts": [c[b] for b, _ in BUCKETS], "total": sum(c.values())}
        for key, c in sorted(counts.items(), key=lambda item: label(item[0]))
    ]


def trust_dashboard(user, *, today: dt.date | None = None) -> dict:
    """Counts only (no pupil rows, no names) by school, kind and LA, counted in SQL from the
    OpenDeadline cache. Trust officers see the trust's schools; governors and whole-school
    roles their own."""
    today = today or timezone.localdate()
    schools = policy.schools(user, "school.aggregates")
    names = dict(schools.values_list("pk", "name"))
    ids = list(names)
    by_school = _bucket_counts(ids, today, "school_id")
    total = sum(by_school.values(), Counter())
    return {
        "schools": schools,
        "by_school": _table(by_school, lambda pk: names[pk]),
        "by_kind": _table(_bucket_counts(ids, today, "kind"), lambda kind: er.KIND_LABELS[kind]),
        "by_la": _table(_bucket_counts(ids, today, "la_name"), lambda la: la),
        "total": total,
        "totals": [(label, total[b]) for b, label in BUCKETS],
        "today": today,
    }


def home_panel_context(user) -> dict | None:
    if not policy.schools(user, "school.aggregates").exists():
        return None  # counts only, so governors and trust officers get the panel too
    data = trust_dashboard(user)
    return {"overdue": data["total"]["overdue"], "this_week": data["total"]["this_week"]}


# --- feeds and reminders ------------------------------------------------------------------------


def user_rows(user, *, today: dt.date | None = None) -> list[Row]:
    """Open deadlines of the pupils whose statutory record `user` may see (feeds, reminders):
    the policy's pupils at schools where the user's role sees plans ("statutory.view")."""
    from .permissions import SEES_PLANS

    schools = policy.roles(user).schools_with(SEES_PLANS)
    visible = policy.pupils(user).filter(school_id__in=schools)
    rows, _ = compute(Q(pk__in=visible.values("pk")), today=today, names=True)
    return [r for r in rows if r.bucket is not None]
