"""Records for chronology tests and the permission matrix."""

from django.core.files.base import ContentFile
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.chronology.models import ChronologyAttachment, ChronologyEntry
from sendco.chronology.selectors import categories
from tests.files import PDF  # a real PDF that parses (re-exported for the tests)


def make_entry(pupil, *, by, level="staff", title="Phone call with mum", days_ago=3, owner=None, **extra):
    entry = ChronologyEntry(
        pupil=pupil,
        school_id=pupil.school_id,
        occurred_on=timezone.localdate() - timezone.timedelta(days=days_ago),
        kind=extra.pop("kind", "phone"),
        category=extra.pop("category", None) or categories(pupil.school).first(),
        title=title,
        body=extra.pop("body", "Mum says sleep has improved."),
        confidentiality=level,
        recorded_by=by,
        follow_up=extra.pop("follow_up", "Send the visual timetable home" if owner else ""),
        follow_up_owner=owner,
        follow_up_due=timezone.localdate() + timezone.timedelta(days=7) if owner else None,
        **extra,
    )
    entry.save()
    return entry


def attach(entry, data=PDF, name="letter.pdf"):
    attachment = ChronologyAttachment(
        entry=entry,
        pupil=entry.pupil,
        school_id=entry.school_id,
        original_name=name,
        content_type="application/pdf",
        size=len(data),
    )
    attachment.file.save(f"chronology/test/{entry.pk}-{name}", ContentFile(data), save=True)
    return attachment


def entries_for_matrix(cast, level="staff", owner_role=None):
    """One entry at `level` for cast.pupil, cast.unlinked and cast.other_pupil, recorded by their SENCO."""
    senco = cast.user(Role.SENCO)
    owner = cast.user(owner_role) if owner_role else None
    return {
        "linked": make_entry(cast.pupil, by=senco, level=level, owner=owner),
        "unlinked": make_entry(cast.unlinked, by=senco, level=level, owner=owner),
        "other": make_entry(cast.other_pupil, by=cast.other_senco, level=level),
    }
