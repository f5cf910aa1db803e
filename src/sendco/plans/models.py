"""Pupil passports, SEN support plans (IEPs) run in assess-plan-do-review cycles, and reviews.

A `Plan` is a pupil's SEN support plan; each `PlanCycle` is one version of it (cycle 1, 2, ...).
A cycle is edited while it is current and frozen once reviewed: the review opens the next cycle
with the open targets copied in, so no version is ever overwritten. `Target`s belong to one
cycle; a carried target points at the target it came from (`carried_from`).

Who sees what: fields named `staff_notes` are for school staff only, `senco_notes` for the SENCO
team only; targets and strategies marked `staff_only` are hidden from parents and pupils. The
parent templates, PDFs and API all go through `selectors.audience_for()`.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped, SchoolScoped
from sendco.domain import support_plans as rules

AREA_CHOICES = [
    ("CL", "Cognition and learning"),
    ("CI", "Communication and interaction"),
    ("SEMH", "Social, emotional and mental health"),
    ("SP", "Sensory and/or physical"),
]
RATING_CHOICES = list(rules.RATINGS.items())
DECISION_CHOICES = list(rules.DECISIONS.items())


class Strategy(SchoolScoped):
    """One entry of the school's strategy bank, which staff pick from and adapt in plans."""

    area = models.CharField("Broad area of need", max_length=4, choices=AREA_CHOICES)
    title = models.CharField(max_length=120)
    text = models.TextField(help_text="Lists, bold and italic are kept; anything else is removed.")
    active = models.BooleanField(default=True, help_text="Untick to hide it from the bank without losing it.")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["area", "title"]
        verbose_name_plural = "strategies"
        indexes = [models.Index(fields=["school", "area", "active"])]

    def __str__(self) -> str:
        return self.title


class PlanTemplate(SchoolScoped):
    """How the school's plans look: title, headings, wording and which fields are used."""

    name = models.CharField(max_length=80)
    is_default = models.BooleanField(default=False)
    document_title = models.CharField(max_length=80, default="SEN support plan")
    outcomes_heading = models.CharField(max_length=80, default="What we want to achieve (outcomes)")
    targets_heading = models.CharField(max_length=80, default="Targets")
    strategies_heading = models.CharField(max_length=80, default="How we will help")
    parent_intro = models.TextField(
        blank=True,
        default="This plan says what we are working on with your child at school, how we will help, "
        "and when we will meet again to see how it is going.",
    )
    cycle_weeks = models.PositiveSmallIntegerField(
        "Weeks between reviews", default=rules.DEFAULT_CYCLE_WEEKS, help_text="Termly is about 12 weeks."
    )
    use_baseline = models.BooleanField("Ask for a baseline for each target", default=True)
    use_responsible = models.BooleanField("Ask who is responsible for each target", default=True)
    use_provision = models.BooleanField("Ask for the provision for each target", default=True)
    use_pupil_views = models.BooleanField("Record the pupil's views", default=True)
    use_parent_views = models.BooleanField("Record the parents' views", default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-is_default", "name"]

    def __str__(self) -> str:
        return self.name


class Passport(PupilScoped):
    """The one-page profile: who the pupil is and how best to support them."""

    pupil = models.OneToOneField(Pupil, on_delete=models.CASCADE, related_name="passport")
    about_me = models.TextField("About me", blank=True)
    good_at = models.TextField("What I'm good at", blank=True)
    important_to_me = models.TextField("What's important to me", blank=True)
    find_hard = models.TextField("What I find hard", blank=True)
    how_to_help = models.TextField("How best to support me", blank=True)
    working_on = models.TextField("What I'm working on", blank=True)
    pupil_words = models.TextField(
        "In my own words", blank=True, help_text="What the pupil said, in their words."
    )
    photo = models.ImageField(upload_to="passports/", blank=True)
    staff_notes = models.TextField("Notes for staff only", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    SHARED_FIELDS = (
        "about_me",
        "good_at",
        "important_to_me",
        "find_hard",
        "how_to_help",
        "working_on",
        "pupil_words",
    )

    def __str__(self) -> str:
        return f"Passport of {self.pupil}"

    def shared_items(self) -> list[tuple[str, str]]:
        """(label, text) of the sections everyone who sees the pupil may read."""
        return [(str(self._meta.get_field(n).verbose_name), getattr(self, n)) for n in self.SHARED_FIELDS]


class Plan(PupilScoped):
    """A pupil's SEN support plan: its cycles are its versions."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="support_plans")
    template = models.ForeignKey(PlanTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    closed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        indexes = [models.Index(fields=["school", "closed_on"])]

    def __str__(self) -> str:
        return f"Plan of {self.pupil}"


class PlanCycle(PupilScoped):
    """One version of a plan: one assess-plan-do-review cycle."""

    class Status(models.TextChoices):
        CURRENT = "current", "Current"
        REVIEWED = "reviewed", "Reviewed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cycles")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="plan_cycles")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)
    start_date = models.DateField()
    review_date = models.DateField()
    needs_summary = models.TextField("Needs and what we know (assess)", blank=True)
    outcomes = models.TextField("Outcomes", blank=True)
    strategies = models.TextField("Strategies for all staff", blank=True)
    staff_notes = models.TextField("Notes for staff only", blank=True)
    senco_notes = models.TextField("Notes for the SENCO team only", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_cycle_number")]
        indexes = [models.Index(fields=["school", "status", "review_date"])]

    def __str__(self) -> str:
        return f"Cycle {self.number} of {self.plan}"

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.CURRENT


class Target(PupilScoped):
    """A SMART target of one cycle. Provision is free text until the provision map links in
    (then a nullable `provision_group` foreign key sits beside it; see docs/architecture.md)."""

    cycle = models.ForeignKey(PlanCycle, on_delete=models.CASCADE, related_name="targets")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="plan_targets")
    position = models.PositiveSmallIntegerField(default=1)
    area = models.CharField("Broad area of need", max_length=4, choices=AREA_CHOICES)
    description = models.TextField("What the pupil will be able to do")
    measure = models.TextField("How it will be measured")
    baseline = models.TextField("Where the pupil is now (baseline)", blank=True)
    success_criteria = models.TextField("Target (what success looks like)", blank=True)
    due_date = models.DateField("By when")
    responsible = models.CharField("Who will help", max_length=200, blank=True)
    strategies = models.TextField("Strategies", blank=True)
    provision = models.TextField("Provision (interventions, support, resources)", blank=True)
    staff_only = models.BooleanField("Only for staff (not shown to parents)", default=False)
    # Links into the provision map and the EHC plan: the target is a shorter-term step towards
    # a section E outcome, delivered (partly) through a provision map group.
    provision_group = models.ForeignKey(
        "provision.ProvisionGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_targets",
        verbose_name="Provision map group",
    )
    ehc_outcome = models.ForeignKey(
        "statutory.PlanOutcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
        verbose_name="EHC plan outcome (section E) it works towards",
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["cycle", "position", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class Review(PupilScoped):
    """The review that closes a cycle: who came, the voices of the pupil and family, a rating
    per target and the decision."""

    cycle = models.OneToOneField(PlanCycle, on_delete=models.CASCADE, related_name="review")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="plan_reviews")
    held_on = models.DateField("Date of the review")
    attendees = models.TextField("Who attended")
    pupil_views = models.TextField("The pupil's views", blank=True)
    parent_views = models.TextField("The parents' views", blank=True)
    summary = models.TextField("Summary of progress", blank=True)
    decision = models.CharField(max_length=20, choices=DECISION_CHOICES)
    staff_notes = models.TextField("Notes for staff only", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self) -> str:
        return f"Review of {self.cycle}"


class TargetRating(PupilScoped):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    target = models.OneToOneField(Target, on_delete=models.CASCADE, related_name="rating")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    rating = models.CharField(max_length=10, choices=RATING_CHOICES)
    evidence = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    carried = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["target__position", "target_id"]


class ParentContribution(PupilScoped):
    """A parent's views, added before a review."""

    cycle = models.ForeignKey(PlanCycle, on_delete=models.CASCADE, related_name="contributions")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    views = models.TextField("Your views")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["created_at"]


class PlanAcknowledgement(PupilScoped):
    """A parent confirmed they have read this version of the plan."""

    cycle = models.ForeignKey(PlanCycle, on_delete=models.CASCADE, related_name="acknowledgements")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "user"], name="uniq_plan_ack")]


class ReviewInvitation(PupilScoped):
    """A review meeting invitation sent by email with an .ics attachment."""

    cycle = models.ForeignKey(PlanCycle, on_delete=models.CASCADE, related_name="invitations")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    meeting_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=45)
    location = models.CharField(max_length=200)
    recipients = models.TextField(help_text="One email address a line.")
    message = models.TextField(blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-meeting_at"]
