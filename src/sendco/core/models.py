"""Organisations, schools, pupils and the links that decide who may see a pupil.

Every table that holds pupil data carries `school`, so that one deployment can serve a
trust or local authority and so that the data can later be sharded by school.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sendco.domain import upn as upn_rules


class Organisation(models.Model):
    class Kind(models.TextChoices):
        TRUST = "trust", "Multi-academy trust"
        LA = "la", "Local authority"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TRUST)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        MIDDLE = "middle", "Middle"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all-through", "All-through"
        SPECIAL = "special", "Special"
        POST16 = "post-16", "Post-16"
        AP = "ap", "Alternative provision"

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="schools"
    )
    urn = models.CharField(
        "URN", max_length=6, unique=True, validators=[RegexValidator(r"^\d{6}$", "A URN is 6 digits.")]
    )
    la_number = models.CharField(
        "LA number", max_length=3, validators=[RegexValidator(r"^\d{3}$", "An LA number is 3 digits.")]
    )
    establishment_number = models.CharField(
        max_length=4, validators=[RegexValidator(r"^\d{4}$", "An establishment number is 4 digits.")]
    )
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    has_sixth_form = models.BooleanField(default=False)
    logo = models.ImageField(upload_to="logos/", blank=True)
    financial_year_start = models.PositiveSmallIntegerField(
        "Financial year",
        choices=[(4, "April to March (maintained school)"), (9, "September to August (academy)")],
        default=4,
        help_text="The year the SEN budget is set and reported for",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["la_number", "establishment_number"], name="uniq_dfe_number")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dfe_number(self) -> str:
        return f"{self.la_number}/{self.establishment_number}"


class SchoolScoped(models.Model):
    """Base for every table of pupil data: it belongs to one school."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # Not fields: the services set them before a save and django-simple-history puts them on
    # the history row (who, and why). Declared so the type check knows them.
    _history_user: Any
    _change_reason: str

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic concurrency (core.concurrency): a save names the version it was based on, and
    the service refuses it when someone saved in between."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class SchoolCategory(SchoolScoped):
    """A school's own list of choices for one capability (chronology categories, areas of
    concern): the school edits it, defaults are seeded, and one no longer in use stays on the
    records that have it. Managed through `core.categories`; each concrete model keeps its own
    unique constraint name and history table."""

    name = models.CharField(max_length=80)
    active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


NC_YEAR_CHOICES = [(-2, "N1"), (-1, "N2"), (0, "Reception")] + [(y, f"Year {y}") for y in range(1, 15)]
NC_YEAR_SHORT = {-2: "N1", -1: "N2", 0: "R"} | {y: str(y) for y in range(1, 15)}


def validate_upn(value: str) -> None:
    try:
        upn_rules.validate(value)
    except upn_rules.InvalidUPN as exc:
        raise ValidationError(str(exc), code="invalid_upn") from exc


class PupilQuerySet(models.QuerySet):
    def on_roll(self):
        return self.filter(deleted_at__isnull=True)


class Pupil(SchoolScoped):
    class Sex(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"

    class SenStatus(models.TextChoices):
        # The current census provision code, kept in step by the register's services from
        # the dated history (register.SenStatus) so that lists can filter and count fast.
        NONE = "N", "No SEN"
        SUPPORT = "K", "SEN support"
        EHCP = "E", "EHC plan"

    upn = models.CharField("UPN", max_length=13, validators=[validate_upn])
    legal_forename = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    legal_surname = models.CharField(max_length=100)
    preferred_forename = models.CharField(max_length=100, blank=True)
    preferred_surname = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    nc_year = models.SmallIntegerField("NC year", choices=NC_YEAR_CHOICES)
    reg_group = models.CharField("Registration group", max_length=20, blank=True)
    admission_date = models.DateField()
    leaving_date = models.DateField(null=True, blank=True)
    eal = models.BooleanField("English as an additional language", default=False)
    first_language = models.CharField(max_length=60, blank=True)
    fsm = models.BooleanField("Free school meals", default=False)
    pupil_premium = models.BooleanField(default=False)
    looked_after = models.BooleanField(default=False)
    previously_looked_after = models.BooleanField(default=False)
    medical_needs = models.BooleanField(default=False)
    photo = models.ImageField(upload_to="photos/", blank=True)
    sen_status = models.CharField(
        "SEN status", max_length=1, choices=SenStatus.choices, default=SenStatus.NONE, editable=False
    )
    # Optimistic concurrency: a save must name the version it was based on.
    version = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["legal_surname", "legal_forename", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "upn"], name="uniq_upn_in_school")]
        indexes = [
            models.Index(fields=["school", "legal_surname", "legal_forename"]),
            models.Index(fields=["school", "nc_year"]),
            models.Index(fields=["school", "sen_status"]),
            models.Index(fields=["upn"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def forename(self) -> str:
        return self.preferred_forename or self.legal_forename

    @property
    def surname(self) -> str:
        return self.preferred_surname or self.legal_surname

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def nc_year_label(self) -> str:
        return NC_YEAR_SHORT.get(self.nc_year, str(self.nc_year))

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def at_school_on(self, day) -> bool:
        """Admitted by `day` and leaving that day or later (as `core.access.at_school_on`)."""
        return self.admission_date <= day and (self.leaving_date is None or self.leaving_date >= day)

    def age_on(self, day) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.upn:
            self.upn = self.upn.strip().upper()
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = "The date of birth cannot be in the future."
        if self.date_of_birth and self.admission_date and self.admission_date < self.date_of_birth:
            errors["admission_date"] = "The admission date cannot be before the date of birth."
        if self.admission_date and self.leaving_date and self.leaving_date < self.admission_date:
            errors["leaving_date"] = "The leaving date cannot be before the admission date."
        if errors:
            raise ValidationError(errors)


class PupilScoped(SchoolScoped):
    """Base for records about one pupil; `school` repeats the pupil's for sharding."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pupil_id and not self.school_id:
            self.school_id = self.pupil.school_id
        super().save(*args, **kwargs)


class Contact(SchoolScoped):
    """A parent, carer or other adult linked to one or more pupils of the school."""

    title = models.CharField(max_length=20, blank=True)
    forename = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    preferred_language = models.CharField(max_length=60, default="English")
    needs_interpreter = models.BooleanField(default=False)
    # A contact who signs in to see their children (parent role).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["surname", "forename"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.title, self.forename, self.surname) if p)


class PupilContact(PupilScoped):
    class Relationship(models.TextChoices):
        MOTHER = "mother", "Mother"
        FATHER = "father", "Father"
        PARENT = "parent", "Parent"
        STEP_PARENT = "step_parent", "Step-parent"
        GRANDPARENT = "grandparent", "Grandparent"
        FOSTER_CARER = "foster_carer", "Foster carer"
        CARER = "carer", "Carer"
        SOCIAL_WORKER = "social_worker", "Social worker"
        OTHER = "other", "Other"

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="contact_links")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="pupil_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    parental_responsibility = models.BooleanField(default=True)
    priority = models.PositiveSmallIntegerField(default=1)
    lives_with_pupil = models.BooleanField(default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["priority"]
        constraints = [models.UniqueConstraint(fields=["pupil", "contact"], name="uniq_pupil_contact")]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_relationship_display().lower()})"


class TeachingGroup(SchoolScoped):
    """A class, set or tutor group: links pupils to the staff who teach or support them."""

    class Kind(models.TextChoices):
        CLASS = "class", "Class"
        SET = "set", "Teaching set"
        TUTOR = "tutor", "Tutor group"

    name = models.CharField(max_length=60)
    subject = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CLASS)
    academic_year = models.PositiveSmallIntegerField(help_text="Year the school year starts in, e.g. 2026")
    pupils: models.ManyToManyField = models.ManyToManyField(
        Pupil, through="TeachingGroupPupil", related_name="teaching_groups"
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["school", "academic_year"])]

    def __str__(self) -> str:
        return f"{self.name} {self.subject}".strip()


class TeachingGroupPupil(PupilScoped):
    group = models.ForeignKey(TeachingGroup, on_delete=models.CASCADE, related_name="memberships")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="group_memberships")
    # Group links decide who sees the pupil: their history is the record of that access.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "pupil"], name="uniq_group_pupil")]


class TeachingGroupStaff(SchoolScoped):
    class Role(models.TextChoices):
        TEACHER = "teacher", "Teacher"
        TA = "ta", "Teaching assistant"

    group = models.ForeignKey(TeachingGroup, on_delete=models.CASCADE, related_name="staff_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_links")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.TEACHER)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="uniq_group_staff")]
        indexes = [models.Index(fields=["user", "school"])]


class KeyAdult(PupilScoped):
    """A named adult (often a TA) who supports a pupil; gives that adult access to the pupil."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="key_adults")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="key_pupils")
    role = models.CharField(max_length=100, default="Key adult")
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        indexes = [models.Index(fields=["user", "end_date"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class AccessGrant(PupilScoped):
    """Time-limited access to one pupil for an external professional (EP, SALT, ...).

    The grant is live from `starts_on` to `expires_on` (both days included) unless revoked; the
    access policy reads only live grants, so access ends by itself. What it allows beyond the
    pupil's overview is the `can_*` flags (the apps' rules ask `core.access.granted_to`). The
    parents' consent it rests on is copied here (who, when) so the grant reads on its own; the
    agencies app grants, extends and revokes (`agencies.services_access`)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants")
    reason = models.CharField(max_length=200)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_on = models.DateField(default=timezone.localdate)
    expires_on = models.DateField()
    can_read_plans = models.BooleanField("Read the support plan and passport", default=False)
    can_read_assessments = models.BooleanField("Read standardised assessment results", default=False)
    can_upload_reports = models.BooleanField("Upload their report", default=True)
    consent_given_by = models.CharField("Consent given by", max_length=150, blank=True)
    consent_given_on = models.DateField("Consent given on", null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        indexes = [models.Index(fields=["user", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.user} until {self.expires_on}"

    def live_on(self, day) -> bool:
        return self.revoked_at is None and self.starts_on <= day <= self.expires_on
