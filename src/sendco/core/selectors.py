"""Reads of pupil data for pages and the API, always starting from the access policy."""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .access import key_adult_on, policy
from .models import KeyAdult, Pupil, PupilContact, School, TeachingGroupStaff
from .pupil_parts import LIST_PREFETCHES, PAGE_PARTS

UPN_LIKE = re.compile(r"^[A-Za-z]\d{3,}[0-9A-Za-z]*$")


def pupil_list(
    user,
    *,
    school_id: int | None = None,
    nc_year: int | None = None,
    sen_status: str | None = None,
    q: str = "",
    order: str = "name",
) -> QuerySet[Pupil]:
    qs = policy.pupils(user)
    if school_id:
        qs = qs.filter(school_id=school_id)
    if nc_year is not None:
        qs = qs.filter(nc_year=nc_year)
    if sen_status:
        qs = qs.filter(sen_status=sen_status)
    if q:
        qs = qs.filter(search_filter(q))
    ordering = {
        "name": ["legal_surname", "legal_forename", "id"],
        "-name": ["-legal_surname", "-legal_forename", "-id"],
        "year": ["nc_year", "legal_surname", "id"],
        "-year": ["-nc_year", "legal_surname", "id"],
        "status": ["sen_status", "legal_surname", "id"],
        "-status": ["-sen_status", "legal_surname", "id"],
    }.get(order, ["legal_surname", "legal_forename", "id"])
    # Other apps' columns (the register's current needs) come through core.pupil_parts.
    prefetches = [make() for make in LIST_PREFETCHES]
    return qs.select_related("school").prefetch_related(*prefetches).order_by(*ordering)


def search_filter(q: str) -> Q:
    """Every word must match a name (legal or preferred) or the UPN."""
    condition = Q()
    for term in q.split()[:5]:
        if UPN_LIKE.match(term):
            condition &= Q(upn__istartswith=term)
            continue
        condition &= (
            Q(legal_forename__icontains=term)
            | Q(legal_surname__icontains=term)
            | Q(preferred_forename__icontains=term)
            | Q(preferred_surname__icontains=term)
        )
    return condition


def search_pupils(user, q: str, limit: int = 25) -> list[Pupil]:
    q = q.strip()[:100]
    if len(q) < 2:
        return []
    return list(pupil_list(user, q=q)[:limit])


def pupil_page(pupil: Pupil, *, with_contacts: bool) -> dict:
    """Everything the pupil page shows, in a fixed number of queries (other apps' parts, such
    as the register's statuses and needs, through core.pupil_parts)."""
    today = timezone.localdate()
    groups = list(pupil.teaching_groups.order_by("subject", "name"))
    staff_by_group: dict[int, list] = {}
    for link in TeachingGroupStaff.objects.filter(group__in=groups).select_related("user").order_by("role"):
        staff_by_group.setdefault(link.group_id, []).append(link)
    key_adults = KeyAdult.objects.filter(key_adult_on(today), pupil=pupil).select_related("user")
    contacts = (
        PupilContact.objects.filter(pupil=pupil).select_related("contact").order_by("priority")
        if with_contacts
        else []
    )
    return {
        "classes": [{"group": g, "staff": staff_by_group.get(g.pk, [])} for g in groups],
        "key_adults": list(key_adults),
        "contacts": list(contacts),
        **{key: build(pupil) for key, build in PAGE_PARTS.items()},
    }


def school_counts(schools: QuerySet[School]) -> list[dict]:
    """Pupil numbers by SEN status per school, for people who may see counts but not names."""
    rows = (
        Pupil.objects.on_roll()
        .filter(school__in=schools, leaving_date__isnull=True)
        .values("school_id")
        .annotate(
            total=Count("id"),
            k=Count("id", filter=Q(sen_status="K")),
            e=Count("id", filter=Q(sen_status="E")),
        )
    )
    by_school = {r["school_id"]: r for r in rows}
    result = []
    for school in schools:
        r = by_school.get(school.pk, {"total": 0, "k": 0, "e": 0})
        total = r["total"]
        result.append(
            {
                "school": school,
                "total": total,
                "k": r["k"],
                "e": r["e"],
                "n": total - r["k"] - r["e"],
                "k_pct": _pct(r["k"], total),
                "e_pct": _pct(r["e"], total),
                "sen_pct": _pct(r["k"] + r["e"], total),
            }
        )
    return result


def totals(rows: list[dict]) -> dict:
    total = sum(r["total"] for r in rows)
    k = sum(r["k"] for r in rows)
    e = sum(r["e"] for r in rows)
    return {
        "total": total,
        "k": k,
        "e": e,
        "n": total - k - e,
        "k_pct": _pct(k, total),
        "e_pct": _pct(e, total),
        "sen_pct": _pct(k + e, total),
    }


def year_group_counts(school_ids) -> list[dict]:
    rows = (
        Pupil.objects.on_roll()
        .filter(school_id__in=school_ids, leaving_date__isnull=True)
        .values("nc_year")
        .annotate(
            total=Count("id"),
            k=Count("id", filter=Q(sen_status="K")),
            e=Count("id", filter=Q(sen_status="E")),
        )
        .order_by("nc_year")
    )
    return list(rows)


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
