"""Exam access arrangements (JCQ): the centre's exam series and papers, its register of
assessors, and per candidate the arrangements, the Form 8 and the evidence behind them.

The rules (eligibility, the evidence chain, extra time) live in
``sendco.domain.access_arrangements``; these models hold the facts those rules read. Form 8
Part 2 is a shared ``assessments.Assessment`` (its scores are the pupil's one set of results).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendco.assessments.models import Assessment
from sendco.core.models import Pupil, PupilScoped, SchoolScoped, Versioned
from sendco.domain import access_arrangements as rules_

USER = settings.AUTH_USER_MODEL


class ExamSeries(SchoolScoped, Versioned):
    name = models.CharField(max_length=80, help_text="For example Summer 2027 (GCSE and A level)")
    first_exam_on = models.DateField("First exam")
    last_exam_on = models.DateField("Last exam")
    application_deadline = models.DateField(
        "Application deadline",
        help_text="The awarding bodies' deadline for online applications for this series",
    )
    approval_months = models.PositiveSmallIntegerField(
        "Approvals last (months)",
        default=rules_.DEFAULT_APPROVAL_MONTHS,
        help_text="How long an online approval lasts, for the default expiry of new approvals",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["first_exam_on"]
        verbose_name_plural = "exam series"
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="uniq_exam_series_name")]

    def __str__(self) -> str:
        return self.name


class ExamPaper(SchoolScoped):
    """One paper in a series' timetable, sat by candidates in ``nc_year``."""

    class Session(models.TextChoices):
        AM = "am", "Morning"
        PM = "pm", "Afternoon"

    series = models.ForeignKey(ExamSeries, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=120, help_text="For example GCSE English Language Paper 1")
    sat_on = models.DateField("Date")
    session = models.CharField(max_length=2, choices=Session.choices)
    duration_minutes = models.PositiveSmallIntegerField("Length (minutes)")
    nc_year = models.SmallIntegerField("Year group")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["sat_on", "session", "title"]
        indexes = [models.Index(fields=["series", "sat_on", "session"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.sat_on:%-d %b %Y} {self.get_session_display().lower()})"


class Assessor(SchoolScoped, Versioned):
    """Someone who assesses candidates for Form 8, and the head of centre's check of their
    qualification (JCQ: checked and on file before they assess)."""

    name = models.CharField(max_length=120)
    organisation = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    qualification_route = models.CharField(
        "Qualification", max_length=20, choices=rules_.QUALIFICATION_ROUTES
    )
    qualification_detail = models.CharField(
        "Qualification details", max_length=200, blank=True,
        help_text="The qualification's title and awarding body, the HCPC number or the certificate number",
    )  # fmt: skip
    apc_expires_on = models.DateField("Practising certificate expires", null=True, blank=True)
    checked_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    checked_on = models.DateField("Qualification checked on", null=True, blank=True)
    evidence = models.FileField("Evidence of the qualification", max_length=200, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def problems_for(self, assessment_on) -> list[str]:
        return rules_.assessor_problems(
            route=self.qualification_route,
            checked_on=self.checked_on,
            apc_expires_on=self.apc_expires_on,
            assessment_on=assessment_on,
        )


class Form8(PupilScoped, Versioned):
    """A candidate's Form 8 for their course: Part 1 (the centre's history of need and normal
    way of working, signed off before the assessment), Part 2 (the assessment) and Part 3."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="form8s")
    history_of_need = models.TextField("Part 1: history of need", blank=True)
    normal_way_of_working = models.TextField("Part 1: normal way of working", blank=True)
    part1_signed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    part1_signed_on = models.DateField("Part 1 signed off on", null=True, blank=True)
    assessment = models.OneToOneField(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="form8"
    )
    assessor = models.ForeignKey(
        Assessor, on_delete=models.PROTECT, null=True, blank=True, related_name="form8s"
    )
    illegible_handwriting = models.BooleanField("The assessor found the handwriting illegible", default=False)
    part3_completed_on = models.DateField("Part 3 (application) completed on", null=True, blank=True)
    part3_completed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Form 8"


class Arrangement(PupilScoped, Versioned):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        EVIDENCE = "evidence", "Gathering evidence"
        APPLIED = "applied", "Applied for"
        APPROVED = "approved", "Approved (in use)"
        REFUSED = "refused", "Refused"
        EXPIRED = "expired", "Expired"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="access_arrangements")
    kind = models.CharField("Arrangement", max_length=30, choices=rules_.KIND_CHOICES)
    other_label = models.CharField("Name of the arrangement", max_length=120, blank=True)
    extra_time_percent = models.PositiveSmallIntegerField("Extra time (%)", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    form8 = models.ForeignKey(
        Form8, on_delete=models.SET_NULL, null=True, blank=True, related_name="arrangements"
    )
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField("Delegated or approved on", null=True, blank=True)
    approval_reference = models.CharField("Approval reference", max_length=40, blank=True)
    expires_on = models.DateField("Approval expires", null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kind", "pk"]
        indexes = [models.Index(fields=["school", "status"]), models.Index(fields=["pupil", "status"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == "other" and self.other_label:
            return self.other_label
        return self.get_kind_display()

    @property
    def extra_time(self) -> int:
        """The percentage of extra time this arrangement gives (0 if none)."""
        if self.extra_time_percent:
            return self.extra_time_percent
        return rules_.KIND_BY_CODE[self.kind].extra_time


class NormalWayRequest(PupilScoped):
    """The SENCO asks a teacher for evidence that an arrangement is the normal way of working;
    the teacher answers (class work, mocks, comments)."""

    class Source(models.TextChoices):
        CLASS_WORK = "class_work", "Class work"
        MOCKS = "mocks", "Mock exams or internal tests"
        TEACHER = "teacher", "Teacher's observation"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="normal_way_requests")
    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="normal_way")
    requested_from = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.CharField(max_length=80, blank=True)
    question = models.TextField(blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, blank=True)
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_from", "answered_at"])]


class AlternativeEvidence(PupilScoped):
    """An EHC plan or a professional's letter that shows the need instead of Form 8 scores."""

    class Kind(models.TextChoices):
        EHC_PLAN = "ehc_plan", "EHC plan"
        PROFESSIONAL_LETTER = "professional_letter", "Letter from a professional"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="alternative_evidence"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.CharField(
        max_length=120, help_text="Who wrote it, for example Dr A. Patel, paediatrician"
    )
    dated = models.DateField("Dated")
    summary = models.TextField(blank=True)
    file = models.FileField(max_length=200, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-dated"]
