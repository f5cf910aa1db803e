"""The Django admin is for system administrators: accounts, roles, schools. Pupil data is
deliberately not registered here, so that every read of it goes through the access policy.

Roles changed here are kept in Membership's history with the administrator as `history_user`
(simple-history's middleware) and show on the school's access changes page. People are
deactivated, not deleted, so the access log and history keep who they were.

Two-step verification devices are not registered (an administrator must not read someone's
authenticator secret or recovery codes); the one thing an administrator does with them is the
audited reset action below.

The sign-in logs (axes) can be read here but not changed or deleted; the lockouts themselves
(axes' access attempts) can be deleted, which is how an administrator lifts one."""

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import ApiToken, Membership, User
from .selectors import has_history


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class SendcoUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "display_name", "email", "is_active")
    fieldsets = UserAdmin.fieldsets + (("sendco", {"fields": ("display_name",)}),)
    actions = ["deactivate", "reactivate", "reset_mfa"]

    def get_readonly_fields(self, request, obj=None):
        # Deactivation ends the person's roles too; only the audited actions change it.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "is_active") if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        # No bulk delete; one user only if nothing recorded names them (a mistaken account).
        if obj is None or has_history(obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Deactivate the selected users (sign-in and roles end)")
    def deactivate(self, request, queryset):
        for user in queryset:
            ended = services.deactivate_user(actor=request.user, user=user)
            self.log_change(request, user, f"Deactivated; {ended} role(s) ended.")
        messages.success(request, f"{len(queryset)} user(s) deactivated.")

    @admin.action(description="Reactivate the selected users (roles stay ended)")
    def reactivate(self, request, queryset):
        for user in queryset:
            services.reactivate_user(actor=request.user, user=user)
            self.log_change(request, user, "Reactivated; roles to be given back one by one.")
        messages.success(request, f"{len(queryset)} user(s) reactivated.")

    @admin.action(description="Reset two-step verification (a lost phone: set up again at next sign-in)")
    def reset_mfa(self, request, queryset):
        # The service records each reset in the user's admin history.
        for user in queryset:
            services.reset_two_step(actor=request.user, user=user)
        messages.success(request, f"Two-step verification reset for {len(queryset)} user(s).")


for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """A log is evidence: readable by administrators, never edited or deleted from here."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, base in ((AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(f"ReadOnly{base.__name__}", (ReadOnlyLogAdmin, base), {}))
