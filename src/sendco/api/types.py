"""Types shared by the API's input schemas and query parameters.

`BoundedDate` is a date inside sendco's range (sendco.domain.date_bounds): pydantic refuses any
other with the API's usual 422, so 9999-12-31 never reaches the deadline arithmetic. Use it for
every date the API reads (bodies and query parameters); answers keep plain `date`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator

from sendco.domain import date_bounds


def _in_bounds(value: date) -> date:
    if message := date_bounds.date_problem(value):
        raise ValueError(message)
    return value


BoundedDate = Annotated[date, AfterValidator(_in_bounds)]
