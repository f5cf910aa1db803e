"""A school's category lists (chronology categories, areas of concern): one description per
list (`CategoryList`), and the reads and writes every such list shares. The pages are in
`core.category_views`; the model base is `core.models.SchoolCategory`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from .access import policy
from .models import School, SchoolCategory

if TYPE_CHECKING:
    from django import forms

    from sendco.accounts.models import User


@dataclass(frozen=True)
class Wording:
    """What the pages and errors call the list, so each capability keeps its own words."""

    title: str  # the list page's heading, e.g. "Chronology categories"
    intro: str
    add_heading: str
    add_button: str
    edit_title: str
    added: str  # message after adding; may name the category as {name}
    saved: str
    no_name: str
    clash: str


@dataclass(frozen=True)
class CategoryList:
    model: type[SchoolCategory]
    permission: str  # the rules permission to manage a school's list
    defaults: tuple[dict, ...]  # field values of the categories each school starts with
    form: type[forms.Form]  # name, active and the model's other fields (the add page omits active)
    list_url: str
    edit_url: str
    words: Wording


def ensure_defaults(kind: CategoryList, school: School) -> None:
    if not kind.model._default_manager.filter(school=school).exists():
        kind.model._default_manager.bulk_create(
            [kind.model(school=school, **values) for values in kind.defaults], ignore_conflicts=True
        )


def school_categories(kind: CategoryList, school: School, *, active_only: bool = True) -> QuerySet:
    ensure_defaults(kind, school)
    qs = kind.model._default_manager.filter(school=school)
    return qs.filter(active=True) if active_only else qs


@transaction.atomic
def save_category(
    *,
    kind: CategoryList,
    actor: User,
    school: School,
    name: str,
    active: bool = True,
    category: SchoolCategory | None = None,
    **fields: str,
) -> SchoolCategory:
    """Add a category to the school's list, or change one (`category`); `fields` are the
    model's other text fields (e.g. a concern area's description)."""
    if not policy.can(actor, kind.permission, school):
        raise PermissionDenied
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": kind.words.no_name})
    clash = kind.model._default_manager.filter(school=school, name__iexact=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise ValidationError({"name": kind.words.clash})
    unknown = set(fields) - set(kind.form.base_fields) - {"name", "active"}
    if unknown:
        raise TypeError(f"{kind.model.__name__} has no editable {', '.join(sorted(unknown))}")
    category = category or kind.model(school=school)
    category.name, category.active = name, active
    for field, value in fields.items():
        setattr(category, field, value.strip())
    category._history_user, category._change_reason = actor, "Category saved"
    category.save()
    return category
