"""The signed-in person's own account: two-step verification (set up an authenticator app,
verify each session; who must, and the middleware that sends them here, are in mfa.py) and
their API tokens."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import AuthenticatorCodeForm, RecoveryCodeForm
from .mfa import recovery_digest
from .models import ApiToken
from .selectors import tokens_of

WRONG_CODE = "That code is not right. Check the time on your phone, or wait for the next code."
WRONG_RECOVERY_CODE = "That recovery code is not right, or it was used already."
THROTTLED = "Too many wrong codes. Wait a minute, then enter the code the app shows then."


class Throttled(Exception):
    pass


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


def _matching_device(user, model, token: str):
    # verify_token throttles repeated failures per device (django-otp's ThrottlingMixin) and
    # refuses a TOTP code already used; a recovery code is deleted once used.
    if model is StaticDevice:
        token = recovery_digest(token)  # recovery codes are stored hashed
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    for device in devices:
        if device.verify_token(token):
            return device
    if devices and not any(device.verify_is_allowed()[0] for device in devices):
        raise Throttled
    return None


@login_required
def setup(request):
    user = request.user
    if user_has_device(user, confirmed=True):
        # Enrolled already: a new device only after an administrator's reset (a lost phone).
        return redirect(_with_next("mfa-verify", request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = AuthenticatorCodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.confirm_two_step(user=user, device=device)
            otp_login(request, device)
            context = {"codes": codes, "next": _next(request)}
            return render(request, "accounts/mfa_recovery_codes.html", context)
        form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "next": _next(request),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not user_has_device(user, confirmed=True):
        return redirect(_with_next("mfa-setup", request))
    posted = request.POST if request.method == "POST" else None
    code_form = AuthenticatorCodeForm(posted if posted and "code" in posted else None)
    recovery_form = RecoveryCodeForm(posted if posted and "recovery_code" in posted else None)
    steps = ((code_form, "code", TOTPDevice), (recovery_form, "recovery_code", StaticDevice))
    for form, field, model in steps:
        if form.is_valid():
            try:
                device = _matching_device(user, model, form.cleaned_data[field])
            except Throttled:
                form.add_error(field, THROTTLED)
                continue
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            form.add_error(field, WRONG_CODE if model is TOTPDevice else WRONG_RECOVERY_CODE)
    has_recovery = StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    context = {
        "code_form": code_form,
        "recovery_form": recovery_form,
        "form": code_form if code_form.errors else recovery_form,  # the error summary and title
        "has_recovery": has_recovery,
        "next": _next(request),
    }
    return render(request, "accounts/mfa_verify.html", context)


@login_required
def api_tokens(request):
    return render(request, "accounts/api_tokens.html", {"tokens": tokens_of(request.user)})


@login_required
@require_POST
def revoke_api_token(request, pk: int):
    try:
        token = services.revoke_token(actor=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, f"Token {token.prefix}… revoked: the API no longer accepts it.")
    return redirect("account-tokens")
