"""Bounded dates and years from request input (see sendco.domain.date_bounds for the range).

* Forms: `BoundedDates` (a mixin) gives every date field of a form the bounds validator, so
  9999-12-31 is a field error like any other; tests/test_hostile_input.py checks every form
  with a date field has it.
* Query parameters: `query_date` / `query_year` read ?date=, ?year= and friends. A missing or
  malformed value falls back to the default, as filter links always have; a well-formed value
  outside the range raises `BadInput`, which Django answers with 400 and our 400 page shows.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import BadRequest, ValidationError

from sendco.domain import date_bounds


class BadInput(BadRequest):
    """A 400 whose message is for the person who sent the request (shown on the 400 page)."""


def validate_date_in_bounds(value) -> None:
    if isinstance(value, dt.date) and (message := date_bounds.date_problem(value)):
        raise ValidationError(message, code="date_out_of_range")


class BoundedDates:
    """Form mixin: every DateField refuses dates outside sendco's range."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and validate_date_in_bounds not in field.validators:
                field.validators.append(validate_date_in_bounds)


def query_date(params, name: str, default: dt.date | None = None) -> dt.date | None:
    value = params.get(name)
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return default
    if day is None:
        return default
    if message := date_bounds.date_problem(day):
        raise BadInput(f"The date in “{name}” is out of range. {message}")
    return day


def query_year(params, name: str = "year", default: int | None = None) -> int | None:
    try:
        year = int(params.get(name))
    except (TypeError, ValueError):
        return default
    if message := date_bounds.year_problem(year):
        raise BadInput(f"The year in “{name}” is out of range. {message}")
    return year
