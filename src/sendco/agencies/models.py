"""External agencies and what the school does with them (issue 11).

* ``Agency``: the directory (local offer): a service the school refers to or buys from, owned
  by one school or shared across its trust (``organisation``), with its referral route, criteria,
  typical wait and cost. ``AgencyPurchase`` is the time a school buys (e.g. EP days a year).
* ``AgencyProfessional``: a professional's login belongs to an agency (their access to pupils is
  ``core.AccessGrant``, granted, extended and revoked by ``services_access``).
* ``Consent``: parents' consent for one purpose (a referral to a service, sharing information
  with it, a professional reading the pupil's file), with its withdrawal.
* ``Referral`` (+ ``ReferralEvent``, its dated status history, and ``ReferralDocument``): a
  pupil's referral to a service, from sending to the report and closing.
* ``Visit``: an agency's visit or appointment at the school (the SENCO's calendar).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendco.core.models import Organisation, Pupil, PupilScoped, School, SchoolScoped


class Agency(models.Model):
    """A service in the directory. Exactly one of `school` (the school's own entry) and
    `organisation` (shared with every school of the trust) is set."""

    class Kind(models.TextChoices):
        EDUCATIONAL_PSYCHOLOGY = "ep", "Educational psychology"
        SPEECH_LANGUAGE = "salt", "Speech and language therapy"
        OCCUPATIONAL_THERAPY = "ot", "Occupational therapy"
        PHYSIOTHERAPY = "physio", "Physiotherapy"
        CAMHS = "camhs", "CAMHS (mental health)"
        PAEDIATRICS = "paediatrics", "Community paediatrics"
        SCHOOL_NURSE = "school_nurse", "School nursing and health"
        HEARING = "hearing", "Sensory service: hearing"
        VISION = "vision", "Sensory service: vision"
        SPECIALIST_TEACHER = "specialist_teacher", "Specialist teaching and outreach"
        BEHAVIOUR = "behaviour", "Behaviour and inclusion support"
        EARLY_HELP = "early_help", "Early help"
        SOCIAL_CARE = "social_care", "Children's social care"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        LA_SEND = "la_send", "Local authority SEND team"
        OTHER = "other", "Other"

    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    local_authority = models.CharField("Local authority", max_length=100, blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    local_offer_url = models.URLField("Local offer page", blank=True)
    referral_route = models.TextField(
        blank=True, help_text="How to refer: form, portal, email, a planning meeting"
    )
    referral_criteria = models.TextField(blank=True, help_text="Who the service accepts")
    typical_wait_days = models.PositiveSmallIntegerField(
        "Expected response (days)",
        null=True,
        blank=True,
        help_text="Days from sending a referral to the service's first appointment or answer",
    )
    traded = models.BooleanField("Traded (the school pays)", default=False)
    day_rate = models.DecimalField("Cost per day (£)", max_digits=8, decimal_places=2, null=True, blank=True)
    cost_notes = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    _history_user: object
    _change_reason: str

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "agencies"
        indexes = [models.Index(fields=["school", "kind"]), models.Index(fields=["organisation", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(school__isnull=False, organisation__isnull=True))
                | (models.Q(school__isnull=True, organisation__isnull=False)),
                name="agency_school_xor_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AgencyPurchase(SchoolScoped):
    """Time a school buys from a traded service for one academic year (e.g. 6 EP days)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="purchases")
    year_start = models.PositiveSmallIntegerField(help_text="The academic year's first calendar year")
    days_bought = models.DecimalField(max_digits=6, decimal_places=1)
    cost = models.DecimalField("Cost (£)", max_digits=10, decimal_places=2, null=True, blank=True)
    notes = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-year_start", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "agency", "year_start"], name="uniq_agency_purchase")
        ]


class AgencyProfessional(models.Model):
    """A professional's login belongs to an agency in the directory."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_link"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="professionals")
    job_title = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user} ({self.agency})"


class Consent(PupilScoped):
    """Parents' consent for one purpose, given on a date by a named person, until withdrawn."""

    class Purpose(models.TextChoices):
        REFERRAL = "referral", "Referral to the service"
        SHARE_WITH_SERVICE = "share_service", "Share information with the service"
        SHARE_HEALTH = "share_health", "Share information with health services"
        SHARE_SOCIAL_CARE = "share_social_care", "Share information with social care"
        SHARE_LA = "share_la", "Share information with the local authority SEND team"
        PROFESSIONAL_ACCESS = "professional_access", "A visiting professional may read the pupil's file"

    class How(models.TextChoices):
        WRITTEN = "written", "Signed form"
        EMAIL = "email", "Email"
        VERBAL = "verbal", "Verbally (meeting or phone), noted by staff"
        ONLINE = "online", "Online form"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
        help_text="The service it is for; blank for a purpose that names no one service",
    )
    given_by = models.CharField("Given by", max_length=150, help_text="The parent or carer's name")
    relationship = models.CharField(max_length=60, blank=True)
    given_on = models.DateField("Given on")
    how = models.CharField(max_length=20, choices=How.choices, default=How.WRITTEN)
    notes = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.CharField("Withdrawn by", max_length=150, blank=True)
    withdrawal_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["pupil", "purpose"])]

    def __str__(self) -> str:
        target = f" ({self.agency})" if self.agency_id else ""
        return f"{self.get_purpose_display()}{target}, {self.given_by} on {self.given_on:%-d %b %Y}"

    @property
    def current(self) -> bool:
        return self.withdrawn_on is None


class Referral(PupilScoped):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        ACCEPTED = "accepted", "Accepted"
        WAITING = "waiting", "On the waiting list"
        APPOINTMENT = "appointment", "Appointment booked"
        SEEN = "seen", "Seen"
        REPORT = "report", "Report received"
        CLOSED = "closed", "Closed"
        DECLINED = "declined", "Declined by the service"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals")
    # RESTRICT, not PROTECT: a consent in use cannot be deleted on its own, but disposing of the
    # pupil removes both (the referral goes by its pupil's CASCADE).
    consent = models.ForeignKey(Consent, on_delete=models.RESTRICT, related_name="referrals")
    reason = models.TextField("Reason for referral")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    status_on = models.DateField("Status since")
    sent_on = models.DateField("Date sent", null=True, blank=True)
    expected_response_days = models.PositiveSmallIntegerField(
        "Expected response (days)",
        null=True,
        blank=True,
        help_text="From the service's typical wait unless changed",
    )
    appointment_at = models.DateTimeField("Appointment", null=True, blank=True)
    first_seen_on = models.DateField("First appointment or first seen", null=True, blank=True)
    report_received_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    # The professional's report when it comes back (a shared record: assessments app).
    report = models.ForeignKey(
        "assessments.ProfessionalReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-sent_on", "-pk"]
        indexes = [
            models.Index(fields=["school", "status"]),
            models.Index(fields=["agency", "sent_on"]),
            models.Index(fields=["pupil", "status"]),
        ]

    def __str__(self) -> str:
        return f"Referral to {self.agency}"


class ReferralEvent(PupilScoped):
    """One change of a referral's status, on the day it happened (the dated history)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=Referral.Status.choices)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["on", "pk"]


class ReferralDocument(PupilScoped):
    """A file sent with a referral (the form, the signed consent, supporting evidence)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=150, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pk"]


class Visit(SchoolScoped):
    """An agency's visit to the school or an appointment (on the SENCO's calendar)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="visits")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    professional_name = models.CharField(max_length=120, blank=True)
    purpose = models.CharField(max_length=200)
    location = models.CharField(max_length=120, blank=True)
    pupils = models.ManyToManyField(Pupil, through="VisitPupil", related_name="+", blank=True)
    days_used = models.DecimalField(
        "Days used (traded time)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["school", "starts_at"])]


class VisitPupil(PupilScoped):
    """A pupil seen on a visit (an explicit table so that it carries `school`)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="visit_pupils")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="agency_visits")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "pupil"], name="uniq_visit_pupil")]
