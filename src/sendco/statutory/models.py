"""Statutory EHC work: requests for an EHC needs assessment, EHC plans (sections A–K),
annual reviews, amendments, per-LA settings, calendar feed tokens and reminder digests.

Only events (dates that happened) are stored; every deadline is computed from them by
sendco.domain.ehc_record.  `OpenDeadline` is a cache of every open deadline (no pupil data)
so that the trust dashboard counts in SQL; the services rebuild a pupil's rows after every
change and `sendco reminders` rebuilds all of them daily (the school year, NC years and leavers
move on without an edit here). Pages, API, feeds and reminders always compute live.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped, SchoolScoped, Versioned
from sendco.domain.deadlines import EXCEPTION_GROUNDS

# Reg 12 and the SEND Code of Practice 9.62: each section separately identifiable.
PLAN_SECTIONS: list[tuple[str, str]] = [
    (
        "a",
        "Section A: the views, interests and aspirations of the child and their parents, or of "
        "the young person",
    ),
    ("b", "Section B: the child or young person's special educational needs"),
    ("c", "Section C: the child or young person's health needs related to their SEN"),
    ("d", "Section D: the child or young person's social care needs related to their SEN or disability"),
    ("e", "Section E: the outcomes sought for the child or young person"),
    ("f", "Section F: the special educational provision required"),
    ("g", "Section G: any health provision reasonably required"),
    (
        "h1",
        "Section H1: social care provision under section 2 of the Chronically Sick and Disabled "
        "Persons Act 1970",
    ),
    ("h2", "Section H2: any other social care provision reasonably required"),
    ("i", "Section I: the name and type of the school or other institution"),
    ("j", "Section J: personal budget, including arrangements for direct payments"),
    ("k", "Section K: the advice and information gathered during the assessment"),
]
SECTION_LABELS = dict(PLAN_SECTIONS)
EXCEPTION_CHOICES = [("", "No exception")] + list(EXCEPTION_GROUNDS.items())


class LaSetting(SchoolScoped, Versioned):
    """What one school knows about one local authority it deals with. The extra internal
    deadlines add to the statutory ones and never replace them."""

    la_name = models.CharField("Local authority", max_length=120)
    contact_name = models.CharField("SEN team contact", max_length=120, blank=True)
    contact_email = models.EmailField("Contact email", blank=True)
    contact_phone = models.CharField("Contact phone", max_length=40, blank=True)
    portal_url = models.URLField("Portal address", blank=True)
    review_paperwork_working_days = models.PositiveSmallIntegerField(
        "Review paperwork within (working days)",
        null=True,
        blank=True,
        help_text="Leave blank if this LA has no extra deadline. The statutory 2 weeks still apply.",
    )
    working_days = models.CharField(
        "Working days",
        max_length=20,
        default="0,1,2,3,4",
        help_text="Days this LA counts as working days, Monday=0 … Sunday=6, comma-separated.",
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["la_name"]
        constraints = [models.UniqueConstraint(fields=["school", "la_name"], name="uniq_la_setting")]

    def __str__(self) -> str:
        return self.la_name

    @property
    def weekend(self) -> tuple[int, ...]:
        working = {int(d) for d in self.working_days.split(",") if d.strip().isdigit()}
        return tuple(d for d in range(7) if d not in working)


class AssessmentRequest(PupilScoped, Versioned):
    """A request to an LA for an EHC needs assessment, with each step's date."""

    class MadeBy(models.TextChoices):
        SCHOOL = "school", "The school"
        PARENT = "parent", "A parent or carer"
        YOUNG_PERSON = "young_person", "The young person"
        OTHER = "other", "Someone else (e.g. health or social care)"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="assessment_requests")
    la_name = models.CharField("Local authority", max_length=120)
    made_by = models.CharField(
        "Who made the request", max_length=20, choices=MadeBy.choices, default=MadeBy.SCHOOL
    )
    made_by_name = models.CharField("Name of the person who made it", max_length=120, blank=True)
    request_made = models.DateField("Date the request was made", null=True, blank=True)
    request_received = models.DateField("Date the LA received it", null=True, blank=True)
    decision_made = models.DateField("Date of the LA's decision whether to assess", null=True, blank=True)
    decided_to_assess = models.BooleanField("The LA decided to assess", null=True, blank=True)
    draft_sent = models.DateField("Date the draft plan was sent", null=True, blank=True)
    draft_comments_received = models.DateField("Date comments on the draft were sent", null=True, blank=True)
    final_issued = models.DateField("Date the final plan was issued", null=True, blank=True)
    decided_not_to_issue = models.DateField("Date the LA decided not to issue a plan", null=True, blank=True)
    exception = models.CharField(
        "Exception to the time limits", max_length=40, blank=True, choices=EXCEPTION_CHOICES
    )
    exception_detail = models.CharField("Exception details", max_length=300, blank=True)
    withdrawn_on = models.DateField("Date the request was withdrawn", null=True, blank=True)
    # The request document the SENCO edits: {section key: text}; see statutory.request_document.
    document = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-request_made", "-id"]
        indexes = [models.Index(fields=["school", "final_issued"])]

    def __str__(self) -> str:
        return f"Request for an EHC needs assessment ({self.la_name})"


class AdviceRequest(PupilScoped, Versioned):
    """Advice the LA asked for during the assessment (Reg 6), and when it came back."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="advice")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    advice_from = models.CharField("Advice from", max_length=120)
    requested_on = models.DateField("Date requested")
    returned_on = models.DateField("Date returned", null=True, blank=True)
    exception = models.CharField("Exception (Reg 8(2))", max_length=40, blank=True, choices=EXCEPTION_CHOICES)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["requested_on", "id"]


class EhcPlan(PupilScoped, Versioned):
    """An EHC plan maintained by an LA (any council, not only the school's)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ehc_plans")
    request = models.ForeignKey(
        AssessmentRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    la_name = models.CharField("Issuing local authority", max_length=120)
    case_officer_name = models.CharField("LA case officer", max_length=120, blank=True)
    case_officer_email = models.EmailField("Case officer email", blank=True)
    case_officer_phone = models.CharField("Case officer phone", max_length=40, blank=True)
    issued_on = models.DateField("Date the plan was made (final plan issued)")
    named_setting = models.CharField("Named setting (section I)", max_length=200, blank=True)
    top_up_band = models.CharField("Top-up band", max_length=40, blank=True)
    top_up_amount = models.DecimalField(
        "Top-up amount per year (£)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    transfer_override = models.BooleanField(
        "Phase transfer this school year",
        null=True,
        blank=True,
        help_text="Leave unknown to detect it from the NC year and the school's phase.",
    )
    ceased_on = models.DateField("Date the plan ceased", null=True, blank=True)
    ceased_reason = models.CharField("Why the plan ceased", max_length=300, blank=True)
    section_a = models.TextField(SECTION_LABELS["a"], blank=True)
    section_b = models.TextField(SECTION_LABELS["b"], blank=True)
    section_c = models.TextField(SECTION_LABELS["c"], blank=True)
    section_d = models.TextField(SECTION_LABELS["d"], blank=True)
    section_e = models.TextField(
        SECTION_LABELS["e"], blank=True, help_text="Overview; outcomes are listed below."
    )
    section_f = models.TextField(
        SECTION_LABELS["f"], blank=True, help_text="Overview; provision items are listed below."
    )
    section_g = models.TextField(SECTION_LABELS["g"], blank=True)
    section_h1 = models.TextField(SECTION_LABELS["h1"], blank=True)
    section_h2 = models.TextField(SECTION_LABELS["h2"], blank=True)
    section_i = models.TextField(SECTION_LABELS["i"], blank=True)
    section_j = models.TextField(SECTION_LABELS["j"], blank=True)
    section_k = models.TextField(SECTION_LABELS["k"], blank=True)
    # The earliest open deadline, for sorting (a cache kept with OpenDeadline).
    next_due = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "next_due"])

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["school", "ceased_on"]), models.Index(fields=["school", "next_due"])]

    def __str__(self) -> str:
        return f"EHC plan ({self.la_name}, {self.issued_on:%d/%m/%Y})"

    @property
    def is_active(self) -> bool:
        return self.ceased_on is None

    def sections(self) -> list[tuple[str, str, str]]:
        return [(code, label, getattr(self, f"section_{code}")) for code, label in PLAN_SECTIONS]


class PlanOutcome(PupilScoped, Versioned):
    """A section E outcome. The SEN support plan's targets link to it (plans.Target.ehc_outcome,
    reverse name `targets`); `shorter_term_steps` keeps the plan's own wording."""

    plan = models.ForeignKey(EhcPlan, on_delete=models.CASCADE, related_name="outcomes")
    area = models.CharField(
        "Area",
        max_length=60,
        blank=True,
        help_text="e.g. communication and interaction, preparing for adulthood: employment",
    )
    outcome = models.TextField("Outcome")
    shorter_term_steps = models.TextField("Shorter-term steps", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "id"]


class ProvisionItem(PupilScoped, Versioned):
    """One specific, quantified item of section F (the enforceable section)."""

    plan = models.ForeignKey(EhcPlan, on_delete=models.CASCADE, related_name="provision")
    outcome = models.ForeignKey(
        PlanOutcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="provision"
    )
    what = models.CharField("Provision", max_length=300)
    frequency = models.CharField("How often", max_length=80, help_text="e.g. 3 times a week")
    duration = models.CharField("How long", max_length=80, help_text="e.g. 30 minutes")
    group_size = models.CharField("Group size", max_length=40, help_text="e.g. 1:1, small group of up to 4")
    delivered_by = models.CharField("By whom", max_length=120, help_text="e.g. trained TA, SALT")
    # The provision map group that delivers it, so promised and delivered hours can be compared.
    provision_group = models.ForeignKey(
        "provision.ProvisionGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="section_f_items",
        verbose_name="Delivered through (provision map group)",
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "id"]


def _plan_upload(instance, filename: str) -> str:
    # Random name: the stored path never reveals the pupil; the original name is kept apart.
    return f"statutory/{instance.school_id}/{secrets.token_hex(16)}.pdf"


class PlanDocument(PupilScoped):
    """The plan's PDF and each amended version, kept with their dates (stored under
    SENDCO_DATA_DIR/uploads, never served directly)."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "Draft plan"
        FINAL = "final", "Final plan"
        AMENDED = "amended", "Final amended plan"
        OTHER = "other", "Other (e.g. decision letter)"

    plan = models.ForeignKey(EhcPlan, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FINAL)
    dated = models.DateField("Date on the document")
    file = models.FileField(upload_to=_plan_upload)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-dated", "-id"]


class AnnualReview(PupilScoped, Versioned):
    """One review of a plan (Reg 20): the meeting, its paperwork and the LA's decision."""

    class Decision(models.TextChoices):
        MAINTAIN = "maintain", "Keep the plan as it is"
        AMEND = "amend", "Amend the plan"
        CEASE = "cease", "Cease the plan"

    class Agreement(models.TextChoices):
        AGREED = "agreed", "Everyone agreed"
        PARTLY = "partly", "Partly agreed"
        DISAGREED = "disagreed", "The family disagreed"

    plan = models.ForeignKey(EhcPlan, on_delete=models.CASCADE, related_name="reviews")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")
    meeting_date = models.DateField("Meeting date")
    meeting_time = models.TimeField("Meeting time", null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    is_transfer_review = models.BooleanField("Phase transfer review", default=False)
    invitations_sent = models.DateField("Date invitations were sent", null=True, blank=True)
    advice_circulated = models.DateField("Date advice was circulated", null=True, blank=True)
    held = models.BooleanField("The meeting was held", default=False)
    cancelled = models.BooleanField(default=False)
    attendees = models.TextField(blank=True)
    pupil_views = models.TextField("The pupil's views", blank=True)
    parent_views = models.TextField("The parents' views", blank=True)
    progress = models.TextField("Progress towards the outcomes", blank=True)
    pfa_discussed = models.BooleanField("Preparing for adulthood was discussed", default=False)
    pfa_notes = models.TextField(
        "Preparing for adulthood (employment, independent living, community, health)", blank=True
    )
    recommended_amendments = models.TextField("Recommended amendments", blank=True)
    agreement = models.CharField(max_length=10, choices=Agreement.choices, blank=True)
    report_sent = models.DateField("Date the review report was sent to the LA", null=True, blank=True)
    la_decision = models.CharField("LA decision", max_length=10, choices=Decision.choices, blank=True)
    la_decision_date = models.DateField("Date of the LA decision", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-meeting_date", "-id"]
        indexes = [models.Index(fields=["school", "meeting_date"])]

    def __str__(self) -> str:
        return f"Annual review {self.meeting_date:%d/%m/%Y}"


class ProgressOnOutcome(PupilScoped):
    """What the review meeting said about one section E outcome."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="outcome_progress")
    outcome = models.ForeignKey(PlanOutcome, on_delete=models.CASCADE, related_name="+")
    progress = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "outcome"], name="uniq_review_outcome")]


class ReviewInvitee(PupilScoped, Versioned):
    """Someone invited to a review meeting and asked for advice."""

    class Kind(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        PUPIL = "pupil", "Pupil or young person"
        LA = "la", "LA officer"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        SCHOOL = "school", "School staff"
        OTHER = "other", "Other professional"

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="invitees")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    invited_on = models.DateField(null=True, blank=True)
    advice_requested = models.BooleanField(default=True)
    advice_received_on = models.DateField(null=True, blank=True)
    attended = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kind", "name"]


class Amendment(PupilScoped, Versioned):
    """An amendment after a review (Reg 22): notice, comments, final amended plan."""

    plan = models.ForeignKey(EhcPlan, on_delete=models.CASCADE, related_name="amendments")
    review = models.ForeignKey(
        AnnualReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="amendments"
    )
    summary = models.TextField("What changes", blank=True)
    notice_sent = models.DateField("Date the amendment notice was sent")
    comments_received = models.DateField("Date the family's comments were sent", null=True, blank=True)
    final_issued = models.DateField("Date the final amended plan was issued", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-notice_sent", "-id"]


class OpenDeadline(SchoolScoped):
    """Cache: one open deadline of a request or plan, for counting in SQL. Derived from the
    events by the engine and rebuilt by the services; never edited, never the source of truth.
    It holds no pupil: the trust dashboard that reads it shows counts only."""

    request = models.ForeignKey(
        AssessmentRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(EhcPlan, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    rule = models.CharField(max_length=40)
    la_name = models.CharField(max_length=120)
    due = models.DateField()
    excepted = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["school", "due"])]


class CalendarToken(models.Model):
    """A private iCalendar feed URL. Only the SHA-256 of the token is stored; the URL is
    shown once. Revoking sets `revoked_at`; the feed then answers 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> tuple[CalendarToken, str]:
        token = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, token_hash=cls.hash(token)), token


class ReminderDigest(models.Model):
    """One reminder email sent to one person on one day, so that a second run the same day
    sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    deadlines = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="uniq_digest_per_day")]
