"""Helpers every app's services use: the history stamp and form validation, in one place."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.forms import BaseForm

T = TypeVar("T")
F = TypeVar("F", bound=BaseForm)


def stamp_change(obj: T, *, actor: AbstractBaseUser | None, reason: str) -> T:
    """Tell django-simple-history who made the next save of ``obj`` and why (services run
    outside a request, so its middleware cannot say). Returns ``obj`` for chaining ``.save()``."""
    # simple-history reads these private attributes on the next save; any model may carry them.
    obj._history_user = actor  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj


def validated(form: F) -> F:
    """``form`` if valid; otherwise a ValidationError with every field's messages at once."""
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    return form
