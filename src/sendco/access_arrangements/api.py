"""Exam access arrangements under /api/v1/access-arrangements/: a candidate's arrangements,
Form 8 and evidence (api_candidates; Form 8's writes and the alternative evidence in api_form8)
and the centre's series, papers, assessors, evidence check and exam-day lists (api_centre).
Same policy and services as the pages; 404 when unseen."""

from ninja import Router

from . import api_candidates, api_centre, api_form8

API_PREFIX = "/access-arrangements"
router = Router(tags=["access arrangements"])
router.add_router("", api_candidates.router)
router.add_router("", api_form8.router)
router.add_router("", api_centre.router)
