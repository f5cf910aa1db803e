"""The 400 page: a `BadInput` says what was wrong; any other bad request shows no detail
(a SuspiciousOperation's message is for the log, not the visitor)."""

from django.shortcuts import render

from .input_bounds import BadInput


def bad_request(request, exception=None):
    message = str(exception) if isinstance(exception, BadInput) else ""
    return render(request, "400.html", {"message": message}, status=400)
