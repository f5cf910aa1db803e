from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sendco.core.access import policy
from sendco.core.navigation import pupil_tabs

from .models import AccessLog
from .selectors import pupil_audit_trail
from .services import log_access


@login_required
def pupil_audit(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "pupil.audit")
    log_access(
        user=request.user, action=AccessLog.Action.VIEW, request=request, pupil=pupil, what="Audit trail"
    )
    kind = request.GET.get("show", "all")
    entries = pupil_audit_trail(pupil, request.user)
    if kind == "changes":
        entries = [e for e in entries if e.kind in ("created", "changed", "deleted")]
    elif kind == "views":
        entries = [e for e in entries if e.kind not in ("created", "changed", "deleted")]
    return render(
        request,
        "audit/pupil_audit.html",
        {
            "pupil": pupil,
            "entries": entries,
            "tabs": pupil_tabs(request.user, pupil, "pupil-audit"),
            "show": kind,
        },
    )
