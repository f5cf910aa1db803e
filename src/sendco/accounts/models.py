import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .roles import ORGANISATION_ROLES, ROLE_CHOICES, Role


class User(AbstractUser):
    """A person who signs in: staff, governor, parent, professional or officer."""

    display_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def name(self) -> str:
        return str(self)


class Membership(models.Model):
    """A role a user holds at a school, or (trust/LA officers) at an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=ROLE_CHOICES)
    school = models.ForeignKey("core.School", null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.CASCADE)
    job_title = models.CharField(max_length=120, blank=True)
    # Staff grade keys into the pay rates that the provision map uses for costs.
    staff_grade = models.CharField(max_length=60, blank=True)
    active = models.BooleanField(default=True)
    # A role decides which children someone sees: every grant, change and removal is kept
    # (with who made it) and shown to the school's auditors (core.access_changes).
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "school"], name="uniq_role_at_school"),
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="uniq_role_at_org"),
        ]
        indexes = [models.Index(fields=["school", "role"])]

    def __str__(self) -> str:
        where = self.school or self.organisation or "system"
        return f"{self.user} — {Role(self.role).label} at {where}"

    def clean(self):
        if self.role in ORGANISATION_ROLES:
            if not self.organisation_id or self.school_id:
                raise ValidationError("A trust or LA officer belongs to an organisation, not a school.")
        elif self.role != Role.ADMIN and not self.school_id:
            raise ValidationError({"school": "This role is held at a school."})


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_token_expiry():
    return timezone.now() + timedelta(days=settings.SENDCO_API_TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is stored; the key is shown once.

    Every token expires (a forgotten one in a script stops working by itself) and its owner can
    revoke it on "Your API tokens"; the API refuses both."""

    PREFIX_LEN = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=PREFIX_LEN, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_token_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def issue(cls, user: User, name: str = "", days: int | None = None) -> tuple["ApiToken", str]:
        key = "sco_" + secrets.token_urlsafe(32)
        expires_at = timezone.now() + timedelta(days=days) if days else default_token_expiry()
        token = cls.objects.create(
            user=user, name=name, prefix=key[: cls.PREFIX_LEN], key_hash=_hash(key), expires_at=expires_at
        )
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        now = timezone.now()
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=_hash(key), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
