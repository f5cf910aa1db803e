"""Agencies under /api/v1/agencies/: the directory and visits (api_directory), consent,
referrals and waiting times (api_referrals), professionals' access grants (api_access).
Same policy and services as the pages; 404 when unseen."""

from ninja import Router

from . import api_access, api_directory, api_referrals

API_PREFIX = "/agencies"
router = Router(tags=["agencies"])
router.add_router("", api_directory.router)
router.add_router("", api_referrals.router)
router.add_router("", api_access.router)
