"""Extra columns of the SEND register that other apps contribute (plans, provision, statutory).

An app calls `add_register_column(RegisterColumn(...))` in its AppConfig.ready(). A column
annotates the register queryset (so the page keeps a constant number of queries, whatever
the number of rows) and reads its value from each annotated pupil. A column with the key of
an existing one replaces it: the plans app fills the "plan_review" placeholder that way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet


@dataclass(frozen=True)
class RegisterColumn:
    key: str
    label: str
    # queryset -> queryset with the annotations `value` reads (Subquery, Exists, ...).
    annotate: Callable[[QuerySet], QuerySet] = field(default=lambda qs: qs)
    value: Callable[[object], object] = field(default=lambda pupil: "")
    order: int = 100


REGISTER_COLUMNS: dict[str, RegisterColumn] = {}


def add_register_column(column: RegisterColumn) -> None:
    REGISTER_COLUMNS[column.key] = column


def register_columns() -> list[RegisterColumn]:
    return sorted(REGISTER_COLUMNS.values(), key=lambda c: (c.order, c.key))


# Placeholder until the plans app records plans and reviews: it replaces this column.
add_register_column(
    RegisterColumn(
        key="plan_review",
        label="Plan / review",
        value=lambda pupil: "Not recorded yet",
        order=10,
    )
)
