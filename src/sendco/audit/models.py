"""Who looked at what. Writes are kept by django-simple-history on each model; reads here.

Rows are only ever inserted: no view, API operation or admin page changes or deletes them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


def actor_label(user) -> str:
    """Who a user is, in words kept on the row: "username (Full Name)"."""
    name = user.get_full_name() or getattr(user, "display_name", "")
    return f"{user.username} ({name})"[:300] if name else user.username[:300]


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):  # pragma: no cover - guard
        raise PermissionError("The access log is append-only.")


class AccessLog(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed record"
        API_VIEW = "api_view", "Viewed record through the API"
        LIST = "list", "Listed records"
        EXPORT = "export", "Exported"
        DOWNLOAD = "download", "Downloaded a document"
        SEARCH = "search", "Searched"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: a user who read pupil data cannot be deleted (they are deactivated instead), and
    # `actor_label` copies who they were when the row was written, so the row says who it was
    # even if the account is later renamed.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=300, blank=True)
    school = models.ForeignKey("core.School", null=True, on_delete=models.PROTECT, related_name="+")
    pupil = models.ForeignKey("core.Pupil", null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    what = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["pupil", "-at"]), models.Index(fields=["school", "-at"])]

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("The access log is append-only.")
        if self.user_id and not self.actor_label:
            self.actor_label = actor_label(self.user)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only.")
