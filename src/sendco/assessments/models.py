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
