"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json.

Each capability app contributes `router` (and `API_PREFIX`) in its `api.py`; every operation
goes through the same access policy as the web pages and answers 404 for records the caller
may not see."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from sendco.apps_registry import app_modules
from sendco.core.concurrency import ConflictError

from .auth import BearerToken
from .conflicts import conflict_response, remember_operation

api = NinjaAPI(
    title="sendco API",
    version="1",
    description="Pupils and SEND records. Authenticate with `Authorization: Bearer <token>`.",
    auth=BearerToken(),
    urls_namespace="api",
)
api.add_decorator(remember_operation, mode="view")


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = [
        {"loc": ["body", field], "msg": message, "type": "value_error"}
        for field, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items()
        for message in messages
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    # Existence must not leak: refusals look like absence.
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ConflictError)
def conflict(request, exc: ConflictError):
    # Someone saved the record since the caller read it: 409 with the body the operation documents.
    return conflict_response(api, request, exc)


for module in app_modules("api"):
    api.add_router(module.API_PREFIX, module.router)
