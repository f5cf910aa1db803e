"""API bodies as form data, one way for every app.

An API write is validated by the same Django form as the web page, so its JSON body is turned
into what a browser would post: strings, "true"/"false", ISO dates, a related record's key. A
PATCH sends only the fields it changes; the form needs them all, so the stored values fill the
rest. Where the service locks the row (core's pupils, plans) it does that merge itself with
``merged``, against the locked row; elsewhere the API passes the record it read (``values_of``)
as ``base``, and the service's version check refuses a save based on a stale copy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Model


def form_value(value: Any) -> Any:
    """One value as a browser would post it (a list stays a list, for multiple choices)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set):
        return [form_value(v) for v in value]
    if hasattr(value, "isoformat"):  # dates, times, datetimes
        return value.isoformat()
    return str(value)


def values_of(instance: Model, fields: Iterable[str]) -> dict:
    """The stored values of a record's form fields (a new, unsaved record gives its defaults;
    a form field that is not the model's, such as a choice from a bank, is blank)."""
    return {name: getattr(instance, name, None) for name in fields}


def form_data(body: Mapping, *, base: Mapping | None = None) -> dict:
    """Form data for a service: ``base`` (the record as it is) with the fields ``body`` names."""
    return {k: form_value(v) for k, v in {**(base or {}), **body}.items()}


def merged(instance: Model, fields: Iterable[str], data: Mapping) -> dict:
    """A partial update (PATCH) against the row the service locked: the fields in ``data``
    that the form takes, and the stored values of the others."""
    fields = list(fields)
    return form_data({k: v for k, v in data.items() if k in fields}, base=values_of(instance, fields))
