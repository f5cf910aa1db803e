"""The start of every page that adopts a recommendation (plans: a target; provision: a place),
written once: fetch it for someone who may decide on reports and do the adopting app's `perm`
(404 otherwise), and send them back to the report when it was already adopted."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from sendco.audit.services import Read
from sendco.core.access import policy

from .models import Recommendation
from .selectors_reports import get_recommendation
from .services_reports import ADOPTED


@dataclass
class Adoption:
    item: Recommendation
    back: str  # the report's page
    done: HttpResponse | None  # already adopted: the way back, with a message


def start_adoption(request, pk: int, recommendation: int, *, perm: str, what: str) -> Adoption:
    item = get_recommendation(
        request.user, recommendation, "report.decide", pupil_pk=pk, audit=Read.form(request, what)
    )
    if not policy.can(request.user, perm, item.pupil):
        raise Http404
    back = reverse("report-detail", args=[item.report_id])
    done = None
    if item.status in ADOPTED:
        messages.info(request, f"This recommendation was already adopted: {item.action_label}.")
        done = redirect(back)
    return Adoption(item, back, done)
