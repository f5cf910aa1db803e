"""Pupil-level referral and consent pages (issue 11). The SEN team and the head read a pupil's
referrals and consents (and download their documents and the printable form); only the SEN
team records or withdraws consent, refers and changes a referral. Nobody else, and never
another school's records."""

from django.core.files.base import ContentFile

from sendco.agencies.models import ReferralDocument
from tests.agencies.referral_helpers import for_matrix

from .spec import Page, R, pupil_pk

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
READERS = SEN_TEAM | {R.HEAD}


def _setup(cast):
    for_matrix(cast)
    for made in cast.extra["ref"].values():
        ref = made["referral"]
        if "document" not in made:
            doc = ReferralDocument(
                referral=ref, pupil_id=ref.pupil_id, school_id=ref.school_id, original_name="form.pdf",
                content_type="application/pdf", size=8,
            )  # fmt: skip
            doc.file.save(f"referrals/test-{ref.pk}.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
            doc.save()
            made["document"] = doc


def _referral(cast, which):
    return {"referral_id": cast.extra["ref"][which]["referral"].pk}


def _document(cast, which):
    made = cast.extra["ref"][which]
    return {"referral_id": made["referral"].pk, "document_id": made["document"].pk}


def _consent(cast, which):
    return {"consent_id": cast.extra["ref"][which]["consent"].pk}


def _read(record):
    return Page(READERS, record=record, setup=_setup, allowed_unlinked=READERS)


def _sen(record):
    return Page(SEN_TEAM, record=record, setup=_setup, allowed_unlinked=SEN_TEAM)


PAGES = {
    "referral-pupil-list": _read(pupil_pk),
    "referral-detail": _read(_referral),
    "referral-document": _read(_document),
    "referral-print": _read(_referral),
    "referral-create": _sen(pupil_pk),
    "consent-create": _sen(pupil_pk),
    "consent-withdraw": _sen(_consent),
    "referral-status": _sen(_referral),
    "referral-edit": _sen(_referral),
    "referral-document-add": _sen(_referral),
}
