"""Records for assessment tests and the permission matrix."""

import datetime as dt

from sendco.accounts.roles import Role
from sendco.assessments import services

TODAY = dt.date.today()


def score(**extra) -> dict:
    return {"test_name": "TOWRE-2", "area": "reading_speed", "standard_score": 82, "percentile": 12} | extra


def record(cast, pupil=None, *, by=None, scores=None, **extra):
    pupil = pupil or cast.pupil
    actor = by or (cast.other_senco if pupil.school_id != cast.school.pk else cast.user(Role.SENCO))
    fields = {"taken_on": TODAY - dt.timedelta(days=7), "assessor_name": "Ms Reid", "scores": scores} | extra
    if fields["scores"] is None:
        fields["scores"] = [score(), score(test_name="DASH", area="writing_speed", standard_score=91)]
    return services.record_assessment(actor=actor, pupil=pupil, **fields)


def assessments_for_matrix(cast):
    """A sitting for each of the matrix's pupils: linked, unlinked and at another school."""
    cast.extra["assessments"] = {
        "linked": record(cast, cast.pupil),
        "unlinked": record(cast, cast.unlinked),
        "other": record(cast, cast.other_pupil),
    }
