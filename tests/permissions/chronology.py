"""Pages and API operations of the chronology. Confidentiality cases: the detail page uses an
entry shared with parents; the API read, list and correction use a SENCO-only entry, which
everyone but the SENCO (teacher, TA, parent, professional, head...) must get as 404 / not listed.
tests/chronology/test_confidentiality.py covers every level against every role."""

from sendco.chronology.models import ChronologyCategory, ChronologyEntry
from sendco.chronology.selectors import categories
from tests.chronology.helpers import attach, entries_for_matrix

from .spec import Operation, Page, R, pupil_pk

WRITERS = frozenset({R.SENCO, R.ASSISTANT_SENCO, R.HEAD, R.TEACHER, R.TA})
MANAGERS = frozenset({R.SENCO, R.ASSISTANT_SENCO})
WHOLE = frozenset({R.SENCO, R.ASSISTANT_SENCO, R.HEAD})
STAFF_LEVEL_READERS = WRITERS
PARENT_LEVEL_READERS = WRITERS | {R.PARENT}


def _setup(level, owner_role=None, with_attachment=False):
    def setup(cast):
        entries = entries_for_matrix(cast, level, owner_role)
        if with_attachment:
            cast.extra["attachments"] = {k: attach(e) for k, e in entries.items()}
        cast.extra["entries"] = entries

    return setup


def _entry(cast, which):
    return {"entry_id": cast.extra["entries"][which].pk}


def _attachment(cast, which):
    return {"entry_id": cast.extra["entries"][which].pk, "attachment_id": cast.extra["attachments"][which].pk}


def _categories(cast):
    categories(cast.school)
    categories(cast.other)


def _category(cast, which):
    school = cast.other if which == "other" else cast.school
    return {"category_id": ChronologyCategory.objects.filter(school=school).first().pk}


PAGES = {
    "chronology-list": Page(PARENT_LEVEL_READERS, record=pupil_pk, allowed_unlinked=WHOLE),
    "chronology-create": Page(WRITERS, record=pupil_pk, allowed_unlinked=WHOLE),
    "chronology-pdf": Page(PARENT_LEVEL_READERS, record=pupil_pk, allowed_unlinked=WHOLE),
    "chronology-detail": Page(
        PARENT_LEVEL_READERS, record=_entry, setup=_setup("parents"), allowed_unlinked=WHOLE
    ),
    "chronology-edit": Page(MANAGERS, record=_entry, setup=_setup("parents"), allowed_unlinked=MANAGERS),
    "chronology-follow-up-done": Page(
        MANAGERS | {R.TEACHER},
        method="post",
        record=_entry,
        setup=_setup("staff", owner_role=R.TEACHER),
        allowed_unlinked=MANAGERS,
    ),
    "chronology-attachment": Page(
        STAFF_LEVEL_READERS,
        record=_attachment,
        setup=_setup("staff", with_attachment=True),
        allowed_unlinked=WHOLE,
    ),
    "chronology-categories": Page(MANAGERS),
    "chronology-category-edit": Page(
        MANAGERS, record=_category, setup=_categories, allowed_unlinked=MANAGERS
    ),
}


def _new_entry(cast):
    return {
        "pupil_id": cast.pupil.pk,
        "occurred_on": "2026-01-15",
        "kind": "meeting",
        "category": "Review meeting",
        "title": "Termly review",
        "body": "Reviewed targets with mum.",
        "confidentiality": "senco",
    }


def _version_patch(cast):
    entry = ChronologyEntry.objects.get(pk=cast.extra["entries"]["linked"].pk)
    return {"version": entry.version, "reason": "Typo", "title": "Phone call with Mum"}


OPERATIONS = {
    ("get", "/api/v1/chronology/"): Operation(
        frozenset({R.SENCO}),
        setup=_setup("senco"),
        lists_pupil=True,
        listed_id=lambda cast: cast.extra["entries"]["linked"].pk,
    ),
    ("post", "/api/v1/chronology/"): Operation(WRITERS, body=_new_entry),
    ("get", "/api/v1/chronology/{entry_id}"): Operation(
        frozenset({R.SENCO}), record=_entry, setup=_setup("senco")
    ),
    ("patch", "/api/v1/chronology/{entry_id}"): Operation(
        frozenset({R.SENCO}), record=_entry, setup=_setup("senco"), body=_version_patch
    ),
    ("get", "/api/v1/chronology/{entry_id}/attachments"): Operation(
        STAFF_LEVEL_READERS, record=_entry, setup=_setup("staff", with_attachment=True)
    ),
    ("get", "/api/v1/chronology/categories"): Operation(WHOLE | {R.TEACHER, R.TA, R.EXAMS_OFFICER}),
}
