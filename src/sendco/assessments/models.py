"""Standardised assessment results: one shared record for the whole product.

An ``Assessment`` is one sitting (or one professional's report) on a date by an assessor; its
``Score`` rows are the standardised results by test and area. Exam access arrangements (Form 8
Part 2), provision entry/exit measures, agencies' reports and plans all read and write these,
so a pupil's scores live in one place with one history.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped
from sendco.domain import standardised_scores as ss


class Assessment(PupilScoped):
    class Purpose(models.TextChoices):
        GENERAL = "general", "General assessment of need"
        ACCESS_ARRANGEMENTS = "access_arrangements", "Exam access arrangements (Form 8 Part 2)"
        PROVISION = "provision", "Intervention entry or exit measure"
        PROFESSIONAL_REPORT = "professional_report", "Professional's report (agency)"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="assessments")
    taken_on = models.DateField("Date of assessment")
    assessor_name = models.CharField("Assessor", max_length=120)
    assessor_role = models.CharField(
        "Assessor's role",
        max_length=120,
        blank=True,
        help_text="For example specialist teacher, educational psychologist",
    )
    purpose = models.CharField(max_length=30, choices=Purpose.choices, default=Purpose.GENERAL)
    summary = models.TextField("Summary and recommendations", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Optimistic concurrency (core.concurrency): a save names the version it was based on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-taken_on", "-pk"]
        indexes = [models.Index(fields=["pupil", "taken_on"]), models.Index(fields=["school", "taken_on"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} on {self.taken_on:%-d %b %Y} by {self.assessor_name}"


class Score(PupilScoped):
    """One standardised result. ``pupil`` repeats the assessment's, so the audit tab and
    sharding find it without a join."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    test_name = models.CharField("Test", max_length=120, help_text="For example TOWRE-2, DASH, WRAT5")
    area = models.CharField(max_length=40, choices=ss.AREA_CHOICES)
    standard_score = models.SmallIntegerField(
        validators=[MinValueValidator(ss.SCORE_MIN), MaxValueValidator(ss.SCORE_MAX)],
        help_text=f"From {ss.SCORE_MIN} to {ss.SCORE_MAX}",
    )
    percentile = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(ss.PERCENTILE_MIN), MaxValueValidator(ss.PERCENTILE_MAX)],
    )  # fmt: skip
    age_equivalent = models.CharField(
        "Age equivalent", max_length=20, blank=True, help_text="Years and months, for example 9:06"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["assessment", "area", "pk"]
        indexes = [models.Index(fields=["pupil", "area"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(standard_score__gte=ss.SCORE_MIN, standard_score__lte=ss.SCORE_MAX),
                name="score_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.test_name} ({self.get_area_display()}): {self.standard_score}"

    @property
    def band(self) -> str:
        return ss.band(self.standard_score)


class ProfessionalReport(PupilScoped):
    """A report from an external professional (EP, SALT, OT, CAMHS...): the file, its key
    findings, and the standardised scores in it (an ``Assessment`` with the professional-report
    purpose). Uploaded by the SEN team or by the professional under a live access grant."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="professional_reports")
    title = models.CharField(max_length=150, help_text="For example Educational psychology report")
    author_name = models.CharField("Author", max_length=120)
    author_role = models.CharField("Author's profession", max_length=120, blank=True)
    agency_name = models.CharField("Service", max_length=150, blank=True)
    written_on = models.DateField("Date of the report")
    received_on = models.DateField("Date received")
    summary = models.TextField("Key findings", blank=True)
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    assessment = models.OneToOneField(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="report"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-written_on", "-pk"]
        indexes = [
            models.Index(fields=["pupil", "written_on"]),
            models.Index(fields=["school", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} by {self.author_name} ({self.written_on:%-d %b %Y})"


class Recommendation(PupilScoped):
    """One recommendation in a report, and what the school did with it. Adopting it as a plan
    target or as provision is done by the plans or provision app, which records here what it
    made (`action_label`, `action_url`), so this layer needs neither."""

    class Status(models.TextChoices):
        OPEN = "open", "To decide"
        TARGET = "target", "Made a plan target"
        PROVISION = "provision", "Made provision"
        OTHER = "other", "Acted on another way"
        NOT_ADOPTED = "not_adopted", "Not adopted"

    report = models.ForeignKey(ProfessionalReport, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField("Recommendation")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    decision_note = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    action_label = models.CharField(max_length=200, blank=True)
    action_url = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["report", "pk"]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self) -> str:
        return self.text[:80]
