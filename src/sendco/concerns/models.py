"""Identification of need: a teacher's concern about a pupil, the SENCO's triage of it
(input from other staff, parents' views) and the decision that starts the graduated approach."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped, SchoolCategory, SchoolScoped

DEFAULT_CATEGORIES = [
    ("Cognition and learning", "Progress, memory, reading, writing or number well below peers."),
    ("Communication and interaction", "Speech, understanding language, social communication."),
    ("Social, emotional and mental health", "Anxiety, low mood, withdrawal, dysregulated behaviour."),
    ("Sensory and/or physical", "Hearing, vision, motor skills, sensory sensitivities."),
    ("Attendance and engagement", "Absence, lateness or disengagement that may hide a need."),
]

# Optional structured ratings: each area on one clear scale.
RATING_AREAS = [
    ("attention", "Attention and focus"),
    ("communication", "Communication"),
    ("literacy", "Literacy"),
    ("numeracy", "Numeracy"),
    ("social", "Social interaction"),
    ("self_management", "Self-management"),
]
RATING_CHOICES = [
    (1, "1 – No concern"),
    (2, "2 – Some concern: a little behind or different from peers"),
    (3, "3 – Clear concern: well behind or different from peers"),
    (4, "4 – Serious concern: stops the pupil learning most of the time"),
]


class ConcernCategory(SchoolCategory):
    """An area of concern, from the school's own list (the SEN team edits it; defaults seeded per school)."""

    description = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta(SchoolCategory.Meta):
        verbose_name_plural = "concern categories"
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="uniq_concern_category")]


class Concern(PupilScoped):
    class Status(models.TextChoices):
        NEW = "new", "New"
        AWAITING_INPUT = "awaiting_input", "Awaiting input"
        AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
        DECIDED = "decided", "Decided"

    class Decision(models.TextChoices):
        NO_ACTION = "no_action", "No further action"
        MONITOR = "monitor", "Monitor, with a review date"
        SEN_SUPPORT = "sen_support", "Place on SEN support"
        REFER = "refer", "Refer to an agency"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    categories = models.ManyToManyField(
        ConcernCategory, through="ConcernCategoryLink", related_name="concerns"
    )
    subjects = models.CharField("Subjects or lessons", max_length=200, blank=True)
    observations = models.TextField("What you have seen")
    strategies_tried = models.TextField("What you have already tried")
    rating_attention = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES)
    rating_communication = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES)
    rating_literacy = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES)
    rating_numeracy = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES)
    rating_social = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES)
    rating_self_management = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    parents_views = models.TextField(blank=True)
    parents_views_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_notes = models.TextField(blank=True)
    review_date = models.DateField(null=True, blank=True)
    need_types = models.JSONField(default=list, blank=True)  # census codes, rank order
    agency = models.CharField(max_length=150, blank=True)
    agency_reason = models.TextField(blank=True)
    # SEN support is special educational provision: the school must tell the parents (CFA 2014 s.68).
    parents_told_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    # The register period the decision started: the register links back to this concern.
    sen_status = models.ForeignKey(
        "register.SenStatus", null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["school", "status"]), models.Index(fields=["raised_by"])]

    def __str__(self) -> str:
        return f"Concern #{self.pk}"

    @property
    def ratings(self) -> list[tuple[str, int | None, str]]:
        labels = dict(RATING_CHOICES)
        return [
            (label, getattr(self, f"rating_{code}"), labels.get(getattr(self, f"rating_{code}"), "Not rated"))
            for code, label in RATING_AREAS
        ]


class ConcernCategoryLink(SchoolScoped):
    """A concern's area of concern (an explicit table so that it carries `school`)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="category_links")
    category = models.ForeignKey(ConcernCategory, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "category"], name="uniq_concern_category_link")
        ]


class InputRequest(PupilScoped):
    """The SENCO asks another adult who teaches the pupil what they see."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="input_requests")
    requested_from = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=500, blank=True)
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["requested_from", "responded_at"])]
        constraints = [
            models.UniqueConstraint(fields=["concern", "requested_from"], name="uniq_concern_input_request")
        ]


class Evidence(PupilScoped):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="evidence")
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
        verbose_name_plural = "evidence"
