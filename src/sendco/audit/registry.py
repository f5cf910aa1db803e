"""Which models hold pupil data with a history, so that the audit tab can gather them.

Each app registers its history-tracked pupil models in AppConfig.ready(); the audit tab of a
pupil then shows every change to any of them. A model whose history is not registered here
does not appear, so the permission and audit tests check that every model with a `pupil`
foreign key and a history is registered.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class AuditedModel:
    model: type[models.Model]
    pupil_field: str  # the field of the history row that holds the pupil's id
    label: str


_REGISTRY: dict[type[models.Model], AuditedModel] = {}


def register_pupil_model(model, *, pupil_field: str = "pupil", label: str | None = None) -> None:
    lookup = "id" if pupil_field == "id" else f"{pupil_field}_id"
    _REGISTRY[model] = AuditedModel(model, lookup, label or model._meta.verbose_name.capitalize())


def audited_models() -> list[AuditedModel]:
    return list(_REGISTRY.values())
