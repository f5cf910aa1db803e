"""Retention settings, legal holds, the disposal log and subject access requests."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendco.core.models import PupilScoped, SchoolScoped
from sendco.domain import retention

# Each model declares `objects` for mypy only: the django-stubs plugin did not infer the default
# manager of this app's models (it does for the other apps'; the cause was not found in time).
RULE_CHOICES = [(rule.key, rule.record_type) for rule in retention.RULES.values()]


class RetentionSetting(SchoolScoped):
    """A school's own period for one rule, where its schedule differs from the default."""

    rule = models.CharField(max_length=30, choices=RULE_CHOICES)
    years = models.PositiveSmallIntegerField()
    objects: ClassVar[models.Manager["RetentionSetting"]]
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "rule"], name="uniq_retention_rule")]


class LegalHold(PupilScoped):
    """While a hold is in place (not lifted), the pupil's file is never disposed of (a claim,
    a complaint, an inquiry: UK GDPR Art. 17(3)(e))."""

    reason = models.CharField(max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_on = models.DateField(default=timezone.localdate)
    lifted_on = models.DateField(null=True, blank=True)
    objects: ClassVar[models.Manager["LegalHold"]]
    history = HistoricalRecords(excluded_fields=["updated_at"])


class DisposalLog(SchoolScoped):
    """What the retention process destroyed: one row per school, rule and run. It names no
    pupil, not even by id or a hash of one (ids are few enough to guess a hash back): only the
    rule, how many pupils' files and how many records and files went."""

    rule = models.CharField(max_length=30, choices=RULE_CHOICES)
    record_type = models.CharField(max_length=100)
    years = models.PositiveSmallIntegerField()
    pupils = models.PositiveIntegerField()
    records = models.JSONField(default=dict)  # {"Chronology entry": 4, ...}: counts only
    history_rows = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)
    run_on = models.DateField()  # the date the rules were applied for
    at = models.DateTimeField(default=timezone.now)
    by = models.CharField(max_length=300)  # who ran it, in words (a command has no session)
    objects: ClassVar[models.Manager["DisposalLog"]]

    class Meta:
        ordering = ["-at"]


class SubjectAccessRequest(PupilScoped):
    """A pupil's (or their representative's) request under UK GDPR Art. 15."""

    received_on = models.DateField()
    extended = models.BooleanField(default=False, help_text="Complex: two more months (Art. 12(3))")
    requested_by = models.CharField(max_length=200)
    completed_on = models.DateField(null=True, blank=True)
    objects: ClassVar[models.Manager["SubjectAccessRequest"]]
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-received_on", "-id"]

    @property
    def due_on(self):
        return retention.sar_due_on(self.received_on, extended=self.extended)
