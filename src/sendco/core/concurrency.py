"""Optimistic concurrency, shared by every app: a form carries the `version` it was loaded
with, a service locks the row, compares, and raises ConflictError when someone saved in
between, so nothing is lost and the editor sees what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from .form_helpers import copy_errors


class ConflictError(Exception):
    """The record changed since the editor loaded it; nothing was saved. ``current`` is the
    record (or whatever identifies its state) as it is now."""

    def __init__(self, current, message: str = ""):
        super().__init__(message or "This record was changed by someone else while you were editing it.")
        self.current = current


@dataclass
class Attempt:
    """What came of a save from a page: ``ok`` and the service's ``result``, or not ok with the
    ``conflict`` (the record as it is now) or with the errors already on the form."""

    ok: bool
    result: Any = None
    conflict: Any = None


def attempt_save(form, save: Callable[[], Any]) -> Attempt:
    """Call ``save`` (one service call). A ValidationError goes onto ``form``; a ConflictError
    comes back as ``conflict`` with the form still showing what the user typed."""
    try:
        return Attempt(True, save())
    except ConflictError as exc:
        form.is_valid()
        return Attempt(False, conflict=exc.current)
    except ValidationError as exc:
        copy_errors(form, exc)
        return Attempt(False)


def keep_typed_on_current(form, current) -> None:
    """After a conflict: keep what the user typed, but carry the record's current ``version``,
    so that saving again (having seen the conflict) replaces the version they were just shown
    instead of conflicting again. Rebinds ``form`` in place, so its constructor's arguments
    (querysets, choices) stay."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    form.data = data
    form.full_clean()
