"""Two-step verification: who must use it, and the middleware that holds back every page
(the admin site too) until a signed-in person who must has verified this session.

Devices are django-otp's: an authenticator app (TOTP, `otp_totp`) and ten single-use recovery
codes (`otp_static`). Requests to the JSON API pass: they carry a bearer token, never a session,
and tokens are issued to a named user by `sendco token` on the server, not through the web."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device

# Reachable before verifying: the two-step pages themselves, signing out, static files, the
# health check and the token-authenticated API.
OPEN_URL_NAMES = ("mfa-verify", "mfa-setup", "logout")
OPEN_PREFIXES = ("/api/v1/", "/healthz")


def recovery_digest(code: str) -> str:
    """What is stored for a recovery code: a keyed hash (HMAC with the secret key), never the
    code, so a copy of the database gives no way in. 16 hex characters fit django-otp's token
    column; a new SECRET_KEY voids the codes, and the user asks an administrator for a reset."""
    return salted_hmac("sendco.recovery-code", code, algorithm="sha256").hexdigest()[:16]


def two_step_required(user) -> bool:
    """True when this signed-in user must verify with a second factor to use the site."""
    if not settings.SENDCO_MFA_REQUIRED:
        return False
    if settings.SENDCO_DEMO and settings.SENDCO_MFA_EXEMPT_DEMO:
        return False  # the demo's synthetic data and published logins; never honoured outside it
    if user.is_staff or user.is_superuser:
        return True
    return user.memberships.filter(active=True, role__in=settings.SENDCO_MFA_ROLES).exists()


class RequireTwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._open(request.path)
            and two_step_required(user)
        ):
            step = "mfa-verify" if user_has_device(user, confirmed=True) else "mfa-setup"
            target = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
            # A fragment swapped into a page would show the verify form inside it: htmx loads the
            # whole page instead. (The header, not request.htmx: HtmxMiddleware runs later.)
            if request.headers.get("HX-Request") == "true":
                return HttpResponseClientRedirect(target)
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        static = "/" + settings.STATIC_URL.lstrip("/")
        return path.startswith((static, *OPEN_PREFIXES)) or path in {reverse(name) for name in OPEN_URL_NAMES}
