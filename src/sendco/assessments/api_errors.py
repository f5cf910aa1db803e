"""The services' validation errors as the API's 422 detail, with where each is in the body
(``scores-0-area`` is the first score's area). Public: other apps' APIs that record scores
through these services use it too."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja.errors import ValidationError as InputError

from .services import SCORES_PREFIX


def located_errors(exc: ValidationError) -> InputError:
    """The service's errors with where they are in the body (``scores-0-area`` is the first
    score's area)."""
    detail = []
    for key, messages in exc.message_dict.items():
        if key.startswith(f"{SCORES_PREFIX}-"):
            _, n, field = key.split("-", 2)
            loc: list = ["body", "scores", int(n), field]
        else:
            loc = ["body", key]
        detail += [{"loc": loc, "msg": message, "type": "value_error"} for message in messages]
    return InputError(detail)
