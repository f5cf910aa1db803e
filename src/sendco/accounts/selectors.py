"""Reads about accounts."""

from __future__ import annotations

from django.apps import apps

from sendco.audit.models import AccessLog


def _historical_models():
    return [
        m for m in apps.get_models() if m.__name__.startswith("Historical") and hasattr(m, "instance_type")
    ]


def has_history(user) -> bool:
    """Whether anything recorded names `user`: a sign-in, a read in the access log, a change
    they made (`history_user`) or a record about them (a role, a class, a key-adult link, a
    grant, a contact). Such a user may only be deactivated: deleting them would leave rows
    pointing at nobody. Only the admin's delete page asks, so one query per history table is fine."""
    if user.last_login or AccessLog.objects.filter(user=user).exists():
        return True
    for model in _historical_models():
        names = {f.name for f in model._meta.fields}
        by_them = (
            model.objects.filter(history_user_id=user.pk) if "history_user" in names else model.objects.none()
        )
        about_them = model.objects.filter(user_id=user.pk) if "user" in names else model.objects.none()
        if by_them.exists() or about_them.exists():
            return True
    return False


def tokens_of(user):
    """The user's API tokens, newest first (the key itself is never stored, only its prefix)."""
    from .models import ApiToken

    return ApiToken.objects.filter(user=user).order_by("-created_at")
