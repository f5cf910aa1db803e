"""Reading consent: which consents are current for a pupil and a purpose (shared by the
referral, grant and information-sharing parts)."""

from django.db.models import Q, QuerySet

from .models import Consent


def current_consents(pupil, purpose: str, *, agency=None) -> QuerySet[Consent]:
    """Current (not withdrawn) consents of `pupil` for `purpose`; with `agency`, those for that
    service or for no one service in particular."""
    qs = Consent.objects.filter(pupil=pupil, purpose=purpose, withdrawn_on__isnull=True)
    if agency is not None:
        qs = qs.filter(Q(agency=agency) | Q(agency__isnull=True))
    return qs.order_by("-given_on", "-pk")
