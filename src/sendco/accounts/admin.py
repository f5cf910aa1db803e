"""The Django admin is for system administrators: accounts, roles, schools. Pupil data is
deliberately not registered here, so that every read of it goes through the access policy."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class SendcoUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "display_name", "email", "is_active")
    fieldsets = UserAdmin.fieldsets + (("sendco", {"fields": ("display_name",)}),)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
