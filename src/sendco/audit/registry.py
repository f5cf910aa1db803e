"""Which models hold pupil data with a history, so that the audit tab can gather them, and who
may read each one's history.

Each app registers its history-tracked pupil models in AppConfig.ready(); the audit tab of a
pupil then shows every change to any of them that the reader may read. A model whose history
is not registered here does not appear, so the permission and audit tests check that every
model with a `pupil` foreign key and a history is registered.

Each registration says, with the app's own permission rules, who reads it:

* `can_read`: a permission name checked on the pupil ("plans.view"), or a function
  `(user, pupil) -> (history row -> bool)` for rules that depend on the record's values (a
  chronology entry's confidentiality level at that version, who raised a concern). The function
  is built once per page, so it may run a fixed number of queries, never one per row.
* `field_perms`: {field name: permission on the pupil} for fields some readers may not see
  (a plan's SENCO-only notes, a top-up's amount).

`can_read=None` (not declared) falls back to whoever may open the audit tab; a test requires
every registration to declare it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models

RowCheck = Callable[[object], bool]
ReaderFactory = Callable[[object, object], RowCheck]


@dataclass(frozen=True)
class AuditedModel:
    model: type[models.Model]
    pupil_field: str  # the field of the history row that holds the pupil's id
    label: str
    can_read: str | ReaderFactory | None = None
    field_perms: Mapping[str, str] = field(default_factory=dict)

    def row_check(self, user, pupil, can: Callable[[str], bool]) -> RowCheck:
        """Which history rows of this model `user` may read; `can(perm)` answers for the pupil."""
        if self.can_read is None:
            return lambda row: True
        if isinstance(self.can_read, str):
            allowed = can(self.can_read)
            return lambda row: allowed
        return self.can_read(user, pupil)

    def hidden_fields(self, can: Callable[[str], bool]) -> set[str]:
        return {name for name, perm in self.field_perms.items() if not can(perm)}


_REGISTRY: dict[type[models.Model], AuditedModel] = {}


def register_pupil_model(
    model,
    *,
    pupil_field: str = "pupil",
    label: str | None = None,
    can_read: str | ReaderFactory | None = None,
    field_perms: Mapping[str, str] | None = None,
) -> None:
    lookup = "id" if pupil_field == "id" else f"{pupil_field}_id"
    _REGISTRY[model] = AuditedModel(
        model, lookup, label or model._meta.verbose_name.capitalize(), can_read, dict(field_perms or {})
    )


def audited_models() -> list[AuditedModel]:
    return list(_REGISTRY.values())
