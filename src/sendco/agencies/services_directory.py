"""Writes for the directory (local offer) and the traded time a school buys.

Each write: permission check, then validation (every field's error at once, nothing saved),
then the change with ``stamp_change`` so history says who and why, in one transaction. Edits
name the version they were based on (ConflictError otherwise)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change

from .models import Agency, AgencyPurchase

if TYPE_CHECKING:
    from sendco.accounts.models import User
    from sendco.core.models import Organisation, School

__all__ = [
    "AGENCY_FIELDS",
    "PURCHASE_FIELDS",
    "ConflictError",
    "locked",
    "require_version",
    "save_agency",
    "save_purchase",
    "set_active",
]

AGENCY_FIELDS = (
    "name",
    "kind",
    "local_authority",
    "contact_name",
    "email",
    "phone",
    "address",
    "website",
    "local_offer_url",
    "referral_route",
    "referral_criteria",
    "typical_wait_days",
    "traded",
    "day_rate",
    "cost_notes",
)
TEXT_LIMITS = {"name": 150, "local_authority": 100, "contact_name": 120, "phone": 40, "cost_notes": 200}
PURCHASE_FIELDS = ("year_start", "days_bought", "cost", "notes")


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _check_agency(data: dict) -> dict:
    """The cleaned values, or a ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    clean = dict(data)
    for field in AGENCY_FIELDS:
        if isinstance(clean.get(field), str):
            clean[field] = clean[field].strip()
    if not clean.get("name"):
        errors["name"] = "Enter the service's name."
    for field, limit in TEXT_LIMITS.items():
        if len(clean.get(field) or "") > limit:
            errors[field] = f"Use {limit} characters or fewer."
    if clean.get("kind") not in Agency.Kind.values:
        errors["kind"] = "Choose what kind of service it is."
    if clean.get("email"):
        try:
            EmailValidator()(clean["email"])
        except ValidationError:
            errors["email"] = "Enter an email address like name@example.org."
    for field in ("website", "local_offer_url"):
        if clean.get(field):
            try:
                URLValidator(schemes=["http", "https"])(clean[field])
            except ValidationError:
                errors[field] = (
                    "Enter a web address starting with https://, like https://www.example.org/send."
                )
            if len(clean[field]) > 200:
                errors[field] = "Use a web address of 200 characters or fewer."
    wait = clean.get("typical_wait_days")
    if wait not in (None, "") and (
        isinstance(wait, bool) or not isinstance(wait, int) or not 0 <= wait <= 1000
    ):
        errors["typical_wait_days"] = "Enter the usual wait in days, from 0 to 1000."
    if wait == "":
        clean["typical_wait_days"] = None
    try:
        rate = _decimal(clean.get("day_rate"))
        if rate is not None and not Decimal(0) <= rate < Decimal(1_000_000):
            raise ValueError
        clean["day_rate"] = rate
    except ValueError:
        errors["day_rate"] = "Enter the cost per day in pounds, 0 or more, like 450.00."
    clean["traded"] = bool(clean.get("traded"))
    if errors:
        raise ValidationError(errors)
    return clean


MISSING_VERSION = (
    "The version of the record you changed is missing: reload the page and make your change again."
)


def require_version(expected_version) -> int:
    """An edit from a page or the API must say which version it was based on; without one the
    check would be skipped and someone else's change silently overwritten."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise ValidationError({"version": MISSING_VERSION})
    return expected_version


def locked(model, obj, expected_version: int | None, *related: str):
    """The row locked for the change (with `related` joined), or ConflictError when someone
    saved since `expected_version`; None skips the check (an action that reads no form)."""
    current = model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    return current


@transaction.atomic
def save_agency(
    *,
    actor: User,
    data: dict,
    school: School | None = None,
    organisation: Organisation | None = None,
    agency: Agency | None = None,
    expected_version: int | None = None,
) -> Agency:
    """Add an entry owned by ``school`` or shared across ``organisation`` (exactly one), or
    change ``agency`` (its owner stays)."""
    if agency is None:
        if (school is None) == (organisation is None):
            raise ValidationError({"shared": "An entry belongs to one school or is shared across one trust."})
        agency = Agency(school=school, organisation=organisation)
        if not policy.can(actor, "agencies.edit_directory", agency):
            raise PermissionDenied
        merged, reason = {"kind": "", "traded": False} | data, "Directory entry added"
    else:
        if not policy.can(actor, "agencies.edit_directory", agency):
            raise PermissionDenied
        agency = locked(Agency, agency, require_version(expected_version))
        merged = {f: getattr(agency, f) for f in AGENCY_FIELDS} | data
        agency.version += 1
        reason = "Directory entry changed"
    clean = _check_agency(merged)
    for field in AGENCY_FIELDS:
        value = clean.get(field)
        setattr(
            agency, field, "" if value is None and field not in ("typical_wait_days", "day_rate") else value
        )
    stamp_change(agency, actor=actor, reason=reason).save()
    return agency


@transaction.atomic
def set_active(*, actor: User, agency: Agency, active: bool) -> Agency:
    """Take an entry out of the directory (its referrals and visits keep it) or put it back."""
    if not policy.can(actor, "agencies.edit_directory", agency):
        raise PermissionDenied
    agency = locked(Agency, agency, None)
    if agency.active != active:
        agency.active = active
        agency.version += 1
        reason = "Directory entry reactivated" if active else "Directory entry deactivated"
        stamp_change(agency, actor=actor, reason=reason).save()
    return agency


def _check_purchase(school, agency: Agency, data: dict, purchase: AgencyPurchase | None) -> dict:
    errors: dict[str, str] = {}
    clean = dict(data)
    year = clean.get("year_start")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year_start"] = "Choose the academic year, for example 2026 for 2026 to 2027."
    elif (
        AgencyPurchase.objects.filter(school=school, agency=agency, year_start=year)
        .exclude(pk=purchase.pk if purchase and purchase.pk else 0)
        .exists()
    ):
        errors["year_start"] = "The school already has a purchase for that year: change it instead."
    try:
        days = _decimal(clean.get("days_bought"))
        if days is None or not Decimal(0) <= days <= Decimal(999) or days != days.quantize(Decimal("0.1")):
            raise ValueError
        clean["days_bought"] = days
    except ValueError:
        errors["days_bought"] = "Enter the days bought, 0 or more in half or tenth days, like 6 or 7.5."
    try:
        cost = _decimal(clean.get("cost"))
        if cost is not None and not Decimal(0) <= cost < Decimal(100_000_000):
            raise ValueError
        clean["cost"] = cost
    except ValueError:
        errors["cost"] = "Enter the cost in pounds, 0 or more, like 2700.00."
    clean["notes"] = (clean.get("notes") or "").strip()
    if len(clean["notes"]) > 200:
        errors["notes"] = "Use 200 characters or fewer."
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def save_purchase(
    *,
    actor: User,
    data: dict,
    school: School | None = None,
    agency: Agency | None = None,
    purchase: AgencyPurchase | None = None,
    expected_version: int | None = None,
) -> AgencyPurchase:
    """Record the time ``school`` bought from ``agency`` for a year, or change ``purchase``."""
    if purchase is None:
        if school is None or agency is None:
            raise ValueError("a new purchase needs its school and agency")
        if not (
            policy.can(actor, "agencies.school_manage", school)
            and policy.can(actor, "agencies.view_directory", agency)
        ):
            raise PermissionDenied
        merged, reason = dict(data), "Traded time bought"
        purchase = AgencyPurchase(school=school, agency=agency)
    else:
        if not policy.can(actor, "agencies.school_manage", purchase.school):
            raise PermissionDenied
        purchase = locked(AgencyPurchase, purchase, require_version(expected_version))
        merged = {f: getattr(purchase, f) for f in PURCHASE_FIELDS} | data
        purchase.version += 1
        reason = "Traded time changed"
    clean = _check_purchase(purchase.school, purchase.agency, merged, purchase if purchase.pk else None)
    for field in PURCHASE_FIELDS:
        setattr(purchase, field, clean[field])
    stamp_change(purchase, actor=actor, reason=reason).save()
    return purchase
