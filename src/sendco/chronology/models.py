"""The pupil's chronology: a dated log of notes, meetings, calls, emails, observations and
contacts with parents, each with a confidentiality level that decides who may read it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped, SchoolCategory, SchoolScoped

DEFAULT_CATEGORIES = [
    "Academic progress",
    "Attendance",
    "Behaviour",
    "Communication with parents",
    "External agency",
    "Health and medical",
    "Review meeting",
    "Social and emotional",
    "Transition",
]


class ChronologyCategory(SchoolCategory):
    """A school's own list of categories (the SENCO edits it; defaults seeded per school)."""

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta(SchoolCategory.Meta):
        verbose_name_plural = "chronology categories"
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="uniq_chronology_category")]


class ChronologyEntry(PupilScoped):
    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        MEETING = "meeting", "Meeting"
        PHONE = "phone", "Phone call"
        EMAIL = "email", "Email"
        OBSERVATION = "observation", "Observation"
        PARENT_CONTACT = "parent_contact", "Parent contact"

    class Confidentiality(models.TextChoices):
        # Ordered from the narrowest audience to the widest; see permissions.LEVELS_SEEN.
        SENCO = "senco", "SENCO only"
        SEN_TEAM = "sen_team", "SEN team (SENCO and assistant SENCO)"
        STAFF = "staff", "All staff who teach or support the pupil"
        PARENTS = "parents", "Shared with parents and carers"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="chronology_entries")
    occurred_on = models.DateField()
    occurred_time = models.TimeField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.ForeignKey(ChronologyCategory, on_delete=models.PROTECT, related_name="entries")
    title = models.CharField(max_length=200)
    body = models.TextField()
    confidentiality = models.CharField(max_length=10, choices=Confidentiality.choices)
    staff_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="EntryParticipant", blank=True, related_name="+"
    )
    other_participants = models.CharField(max_length=300, blank=True)
    follow_up = models.CharField(max_length=300, blank=True)
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up_due = models.DateField(null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        # Back-dated entries sit where they happened, not where they were typed.
        ordering = ["-occurred_on", "-occurred_time", "-id"]
        verbose_name_plural = "chronology entries"
        indexes = [
            models.Index(fields=["pupil", "-occurred_on"]),
            models.Index(fields=["follow_up_owner", "follow_up_done_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.title}"

    @property
    def follow_up_overdue(self) -> bool:
        return bool(
            self.follow_up_due and not self.follow_up_done_at and self.follow_up_due < timezone.localdate()
        )


class EntryParticipant(SchoolScoped):
    """A member of staff who took part (an explicit table so that it carries `school`)."""

    entry = models.ForeignKey(ChronologyEntry, on_delete=models.CASCADE, related_name="participant_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "user"], name="uniq_entry_participant")]


class ChronologyAttachment(PupilScoped):
    entry = models.ForeignKey(ChronologyEntry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
