"""409 answers for the whole API, in one place. A service raises ConflictError
(core/concurrency.py) when the record changed since the caller read its `version`; the handler
in root.py answers 409 with the body the operation documents for 409 (a `Conflict` schema), so
no operation catches the error itself.

The body is built from the error: `detail` (the schema's fixed `message`, else the error's
text), `current` (the record as it is now) and `version` (its version); the documented schema
keeps the fields it declares and drops the others, exactly as when an operation returned it."""

from __future__ import annotations

from functools import wraps
from typing import ClassVar

from ninja import Schema, Status

from sendco.core.concurrency import ConflictError


class Conflict(Schema):
    detail: str

    # A fixed `detail` for this kind of record (None: the ConflictError's own message).
    message: ClassVar[str | None] = None


def remember_operation(run):
    """API-wide "view" decorator: note on the request which operation runs, so the ConflictError
    handler can answer with that operation's documented 409 schema."""
    operation = getattr(run, "__self__", None)

    @wraps(run)
    def noted(request, *args, **kwargs):
        request.api_operation = operation
        return run(request, *args, **kwargs)

    return noted


def conflict_response(api, request, exc: ConflictError):
    operation = getattr(request, "api_operation", None)
    model = operation.response_models.get(409) if operation is not None else None
    if not model:  # not documented: still a 409, never a 500
        return api.create_response(request, {"detail": str(exc)}, status=409)
    schema = model.model_fields["response"].annotation
    current = exc.current
    body = {
        "detail": getattr(schema, "message", None) or str(exc),
        "current": current,
        "version": getattr(current, "version", None),
    }
    # The operation's own serialisation (aliases, resolvers), as if it had returned the body.
    return operation._result_to_response(request, Status(409, body), api.create_temporal_response(request))
