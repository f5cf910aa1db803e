"""Records for concern tests and the permission matrix."""

from django.core.files.base import ContentFile

from sendco.accounts.roles import Role
from sendco.concerns.models import Concern, Evidence, InputRequest
from sendco.concerns.selectors import categories
from tests.files import PDF  # a real PDF that parses (re-exported for the tests)


def make_concern(pupil, *, by, status=Concern.Status.NEW, **extra):
    concern = Concern.objects.create(
        pupil=pupil,
        school_id=pupil.school_id,
        raised_by=by,
        subjects="English, history",
        observations="Avoids reading aloud; copies slowly from the board.",
        strategies_tried="Seated near the front; printed notes; extra time for 6 weeks.",
        status=status,
        **extra,
    )
    concern.categories.set(
        [categories(pupil.school).first()], through_defaults={"school_id": pupil.school_id}
    )
    return concern


def ask(concern, user, by=None):
    return InputRequest.objects.create(
        concern=concern,
        pupil_id=concern.pupil_id,
        school_id=concern.school_id,
        requested_from=user,
        requested_by=by,
    )


def add_evidence(concern, data=PDF):
    item = Evidence(
        concern=concern,
        pupil_id=concern.pupil_id,
        school_id=concern.school_id,
        original_name="reading-sample.pdf",
        content_type="application/pdf",
        size=len(data),
    )
    item.file.save(f"concerns/test/{concern.pk}.pdf", ContentFile(data), save=True)
    return item


def concerns_for_matrix(cast):
    """cast.pupil: raised by the teacher, the TA asked for input; cast.unlinked: raised by the
    SENCO, the TA asked although they cannot see the pupil; other school: its own SENCO."""
    teacher, ta, senco = cast.user(Role.TEACHER), cast.user(Role.TA), cast.user(Role.SENCO)
    linked = make_concern(cast.pupil, by=teacher, status=Concern.Status.AWAITING_INPUT)
    unlinked = make_concern(cast.unlinked, by=senco)
    other = make_concern(cast.other_pupil, by=cast.other_senco)
    requests = {
        "linked": ask(linked, ta, senco),
        "unlinked": ask(unlinked, ta, senco),
        "other": ask(other, cast.other_senco),
    }
    cast.extra["concerns"] = {"linked": linked, "unlinked": unlinked, "other": other}
    cast.extra["input_requests"] = requests
    cast.extra["evidence"] = {k: add_evidence(c) for k, c in cast.extra["concerns"].items()}
