"""Records for the professionals' access tests and the permission matrix: a visiting
professional per school (with their service), parents' consent for each pupil, and a live
grant for each of the matrix's pupils."""

import datetime as dt
import itertools

from sendco.accounts.roles import Role
from sendco.agencies import services_access
from sendco.agencies.models import AgencyProfessional
from sendco.core.models import AccessGrant
from tests import factories as f

from .referral_helpers import agency, consent, today

_emails = itertools.count(1)


def professional(school, service, username=None):
    """A login with the professional role at `school`, linked to `service`."""
    user = f.UserFactory(
        username=username or f"visiting-{next(_emails)}", first_name="Vic", last_name="Visitor"
    )
    f.MembershipFactory(user=user, role=Role.PROFESSIONAL, school=school)
    AgencyProfessional.objects.create(user=user, agency=service)
    return user


def senco_for(cast, pupil):
    return cast.other_senco if pupil.school_id == cast.other.pk else cast.user(Role.SENCO)


def grant(cast, pupil, user, given, days=30, **kw):
    values = {
        "actor": senco_for(cast, pupil),
        "pupil": pupil,
        "professional": user,
        "starts_on": today(),
        "expires_on": today() + dt.timedelta(days=days),
        "reason": "Educational psychology assessment",
        "consent": given,
    } | kw
    return services_access.grant_access(**values)


def access_for_matrix(cast):
    """For each of the matrix's pupils: a service at its school, a visiting professional there,
    the parents' consent for professional access (any service) and a live grant."""
    made = {}
    visitors = {}
    for which, pupil in (("linked", cast.pupil), ("unlinked", cast.unlinked), ("other", cast.other_pupil)):
        if pupil.school_id not in visitors:
            service = agency(pupil.school, name=f"EP service {pupil.school_id}")
            visitors[pupil.school_id] = (service, professional(pupil.school, service))
        service, visitor = visitors[pupil.school_id]
        given = consent(pupil, None, purpose="professional_access")
        made[which] = {
            "agency": service,
            "professional": visitor,
            "consent": given,
            "grant": grant(cast, pupil, visitor, given),
        }
    cast.extra["access"] = made


def unrevoke(cast):
    """Undo a revocation, so the next role in the matrix revokes a live grant."""
    for made in cast.extra["access"].values():
        AccessGrant.objects.filter(pk=made["grant"].pk).update(revoked_at=None, revoked_by=None)
