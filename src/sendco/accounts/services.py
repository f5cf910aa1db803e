"""Writes to accounts. People leave by deactivation, never deletion: the access log and every
history row keep pointing at them, so the record still says who read and changed what."""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .mfa import recovery_digest
from .models import ApiToken, Membership, User


def _save_roles(memberships, *, actor, reason: str, active: bool) -> int:
    # One save per role, not a queryset update, so each change has its history row (with who
    # and why) and shows on that school's access changes page.
    changed = 0
    for membership in memberships:
        membership.active = active
        membership._history_user = actor
        membership._change_reason = reason
        membership.save(update_fields=["active"])
        changed += 1
    return changed


@transaction.atomic
def deactivate_user(*, actor, user: User, reason: str = "User deactivated") -> int:
    """Sign-in stops (`is_active`) and every role ends, each recorded; returns the roles ended."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return _save_roles(
        Membership.objects.filter(user=user, active=True), actor=actor, reason=reason, active=False
    )


@transaction.atomic
def reactivate_user(*, actor, user: User) -> None:
    """Sign-in again; roles stay ended until an administrator gives back each one needed, so
    returning staff get only the access they need now (least privilege)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = True
    user.save(update_fields=["is_active"])


RECOVERY_CODE_COUNT = 10


@transaction.atomic
def confirm_two_step(*, user: User, device: TOTPDevice) -> list[str]:
    """The app's first code was right: the device is confirmed, any other half-finished set-up
    removed, and fresh recovery codes made. Returns the codes, to be shown to the user once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=static, token=recovery_digest(code)) for code in codes]
    )
    return codes


@transaction.atomic
def reset_two_step(*, actor: User, user: User) -> int:
    """A lost phone: every device of the user goes, so their next sign-in sets up again. Kept
    in the admin's history of the user (who reset it, when). Returns the devices removed."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=f"Reset two-step verification; {removed} device(s) removed.",
        single_object=True,
    )
    return removed


@transaction.atomic
def revoke_token(*, actor, token_id: int) -> ApiToken:
    """The owner ends one of their own API tokens; the API refuses it from now on. Another
    person's token is not found (ApiToken.DoesNotExist), so nobody learns which ids exist."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=actor)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
