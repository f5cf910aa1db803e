"""Refuse text no database can store before it reaches a view: a NUL character (PostgreSQL
refuses it in text) or an unpaired surrogate (not Unicode at all: encoding it to UTF-8 for
the database raises UnicodeEncodeError). JSON's \\ud800 escape is the usual way in; form
encoding cannot carry a surrogate (Django decodes it as U+FFFD), but it can carry %00.

Checked: query parameters, urlencoded and multipart text fields and uploaded file names (never
a file's bytes), and every key and string of a JSON body. A web request gets a 400 page that
says which field; an /api/ request gets 422 in the shape of the API's other validation errors.
"""

from __future__ import annotations

import json
import re

from django.http import JsonResponse
from django.shortcuts import render

BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
MESSAGE = "Contains a character that is not allowed (a NUL character or an unpaired surrogate)."


def _printable(text) -> str:
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def _walk_json(value, loc):
    """The location of the first bad key or string in a decoded JSON value, or None."""
    if isinstance(value, str):
        return loc if BAD_TEXT.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if BAD_TEXT.search(key):
                return [*loc, key]
            if (found := _walk_json(item, [*loc, key])) is not None:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            if (found := _walk_json(item, [*loc, i])) is not None:
                return found
    return None


def _walk_querydict(params, where):
    for key, values in params.lists():
        if BAD_TEXT.search(key) or any(BAD_TEXT.search(v) for v in values):
            return [where, key]
    return None


def find_bad_text(request):
    """Where the request carries text that cannot be stored, as an API-style loc, or None."""
    if found := _walk_querydict(request.GET, "query"):
        return found
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return None
    content_type = request.content_type or ""
    if content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        if request.method != "POST":
            return None  # Django parses form bodies only for POST; views of other verbs read none
        if found := _walk_querydict(request.POST, "form"):
            return found
        for key, files in request.FILES.lists():
            if BAD_TEXT.search(key) or any(BAD_TEXT.search(f.name or "") for f in files):
                return ["file", key]
        return None
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            data = json.loads(request.body)
        except ValueError:
            return None  # malformed JSON: the API answers that itself
        return _walk_json(data, ["body"])
    return None


class RefuseBadTextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        loc = find_bad_text(request)
        if loc is None:
            return self.get_response(request)
        printable = [p if isinstance(p, int) else _printable(p) for p in loc]
        if request.path.startswith("/api/"):
            detail = [{"loc": printable, "msg": MESSAGE, "type": "value_error"}]
            return JsonResponse({"detail": detail}, status=422)
        field = printable[-1]
        message = f"The field “{field}” {MESSAGE[0].lower()}{MESSAGE[1:]}"
        return render(request, "400.html", {"message": message}, status=400)
