"""Pages of the privacy app: the subject access page and export, the SENCO's alone."""

import datetime as dt

from sendco.privacy.models import LegalHold, SubjectAccessRequest

from .spec import Page, R, pupil_pk

SENCO = frozenset({R.SENCO})


def _requests(cast):
    cast.extra["sars"] = {
        which: SubjectAccessRequest.objects.create(
            pupil=pupil, received_on=dt.date(2026, 3, 2), requested_by="The pupil"
        )
        for which, pupil in (("linked", cast.pupil), ("unlinked", cast.unlinked), ("other", cast.other_pupil))
    }


def _sar(cast, which):
    sar = cast.extra["sars"][which]
    return {"pk": sar.pupil_id, "sar_id": sar.pk}


def _holds(cast):
    cast.extra["holds"] = {
        which: LegalHold.objects.create(pupil=pupil, reason="Tribunal claim")
        for which, pupil in (("linked", cast.pupil), ("unlinked", cast.unlinked), ("other", cast.other_pupil))
    }


def _hold(cast, which):
    hold = cast.extra["holds"][which]
    return {"pk": hold.pupil_id, "hold_id": hold.pk}


PAGES = {
    "privacy-sar": Page(SENCO, record=pupil_pk, allowed_unlinked=SENCO),
    "privacy-sar-export": Page(SENCO, record=_sar, setup=_requests, allowed_unlinked=SENCO),
    "privacy-sar-complete": Page(SENCO, method="post", record=_sar, setup=_requests, allowed_unlinked=SENCO),
    "privacy-hold-lift": Page(SENCO, method="post", record=_hold, setup=_holds, allowed_unlinked=SENCO),
}
