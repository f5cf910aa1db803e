"""Emails about concerns. The home page panels are the main notification (they need no mail
server); these emails only say that something is waiting and never name the pupil's needs:
email leaves the school's systems, so it carries the pupil's initials and a link, nothing more."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from sendco.accounts.roles import Role

log = logging.getLogger(__name__)


def _initials(pupil) -> str:
    return f"{pupil.forename[:1]}{pupil.surname[:1]}".upper()


def _send(users, subject: str, body: str) -> None:
    recipients = sorted({u.email for u in users if u.email})
    if not recipients:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except OSError:  # a mail outage must never lose a concern: the home page still shows it
        log.warning("could not send concern notification %r", subject)


def _triage_team(school_id):
    return get_user_model().objects.filter(
        memberships__school_id=school_id,
        memberships__active=True,
        memberships__role__in=[Role.SENCO, Role.ASSISTANT_SENCO],
    )


def concern_raised(concern) -> None:
    _send(
        _triage_team(concern.school_id),
        f"New concern #{concern.pk} to triage",
        f"{concern.raised_by} raised a concern about a pupil ({_initials(concern.pupil)}). "
        "Sign in to sendco to see it in your triage queue.",
    )


def input_requested(request) -> None:
    _send(
        [request.requested_from],
        f"Your input is requested on concern #{request.concern_id}",
        f"{request.requested_by} would like to know what you see in your lessons for a pupil "
        f"({_initials(request.concern.pupil)}). Sign in to sendco: it is on your home page.",
    )


def decided(concern) -> None:
    if concern.raised_by is not None:
        _send(
            [concern.raised_by],
            f"Decision on concern #{concern.pk}",
            f"The SENCO has recorded a decision on the concern you raised ({_initials(concern.pupil)}). "
            "Sign in to sendco to read it.",
        )
