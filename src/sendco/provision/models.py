"""The provision map: the school's library of interventions, the groups (and 1:1s) that run
them, each session's register, entry/exit measures, staff rates, term dates and the SEN budget.

Costs and impact are never stored: selectors load these rows and call the pure functions in
sendco.domain.provision_costs, sendco.domain.impact and sendco.domain.term_dates.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped, SchoolScoped
from sendco.domain import impact

ZERO = Decimal(0)
money = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(ZERO)], "default": ZERO}


class NeedArea(models.TextChoices):
    """The four broad areas of need of the SEND Code of Practice (6.28–6.35)."""

    CL = "cl", "Cognition and learning"
    CI = "ci", "Communication and interaction"
    SEMH = "semh", "Social, emotional and mental health"
    SP = "sp", "Sensory and/or physical"


class Wave(models.IntegerChoices):
    WHOLE_CLASS = 1, "Wave 1: whole class"
    TARGETED = 2, "Wave 2: targeted group"
    INDIVIDUAL = 3, "Wave 3: individual"


class StaffType(models.TextChoices):
    TA = "ta", "Teaching assistant"
    HLTA = "hlta", "Higher level teaching assistant"
    TEACHER = "teacher", "Teacher"
    EXTERNAL = "external", "External specialist"


MEASURE_KIND_CHOICES = [
    ("standardised", "Standardised score"),
    ("age_months", "Reading or spelling age (months)"),
    ("scale", "School scale"),
    ("target_rating", "Target rating (0–4)"),
    ("custom", "Custom measure"),
]
assert [k for k, _ in MEASURE_KIND_CHOICES] == list(impact.KINDS)

WEEKDAY_CHOICES = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday")]


class Provision(SchoolScoped):
    """An entry in the school's provision library (an intervention it knows how to run)."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    need_area = models.CharField(max_length=4, choices=NeedArea.choices)
    wave = models.PositiveSmallIntegerField(choices=Wave.choices, default=Wave.TARGETED)
    typical_group_size = models.PositiveSmallIntegerField(default=4, validators=[MinValueValidator(1)])
    minutes_per_session = models.PositiveSmallIntegerField(default=30, validators=[MinValueValidator(1)])
    sessions_per_week = models.PositiveSmallIntegerField(default=2, validators=[MinValueValidator(1)])
    staff_type = models.CharField(max_length=10, choices=StaffType.choices, default=StaffType.TA)
    resource_cost_per_session = models.DecimalField("Resources per session (£)", **money)
    one_off_resource_cost = models.DecimalField("One-off resources (£)", **money)
    evidence_notes = models.TextField(blank=True)
    evidence_url = models.URLField("Link to the evidence", blank=True)
    measure_kind = models.CharField(
        "Default entry/exit measure", max_length=20, choices=MEASURE_KIND_CHOICES, default="standardised"
    )
    measure_name = models.CharField("Name of the measure", max_length=120, blank=True)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="uniq_provision_name")]

    def __str__(self) -> str:
        return self.name


class StaffRate(SchoolScoped):
    """An hourly rate with on-costs, for one member of staff or for everyone on a staff grade.

    A person's own rate wins over their grade's. Only SENCO and head ever see these figures.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    staff_grade = models.CharField(max_length=60, blank=True)
    hourly = models.DecimalField(
        "Hourly rate (£)", max_digits=7, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    on_cost_pct = models.DecimalField(
        "On-costs (%)", max_digits=5, decimal_places=2, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "user"], condition=Q(user__isnull=False), name="uniq_rate_user"
            ),
            models.UniqueConstraint(
                fields=["school", "staff_grade"], condition=Q(user__isnull=True), name="uniq_rate_grade"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(staff_grade=""), name="rate_for_user_or_grade"
            ),
            models.CheckConstraint(
                condition=Q(hourly__gte=0) & Q(on_cost_pct__gte=0), name="rate_not_negative"
            ),
        ]


class ProvisionGroup(SchoolScoped):
    """A running group or 1:1 of a library provision, with the entry/exit measures it tracks
    (``measures``, ordered by position; the first defaults to the library entry's).

    EHC plan section F provision is a group too (usually of one) with ``is_section_f`` and the
    plan's ``promised_hours_per_week``, so promised, scheduled and delivered hours compare.
    The statutory app links its section F items here (a foreign key to this model).
    """

    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(max_length=120)
    weekdays = models.CharField(max_length=20, help_text="Comma-separated weekday numbers, 0 = Monday")
    start_time = models.TimeField(null=True, blank=True)
    minutes_per_session = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    room = models.CharField(max_length=60, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    resource_cost_per_session = models.DecimalField("Resources per session (£)", **money)
    one_off_resource_cost = models.DecimalField("One-off resources (£)", **money)
    charge_cancelled = models.BooleanField(
        "Cancelled sessions still cost",
        default=False,
        help_text="For example a contracted specialist paid anyway",
    )
    staff_take_turns = models.BooleanField(
        "Staff take turns",
        default=False,
        help_text="One of the staff runs each session (a rota), rather than all of them together",
    )
    is_section_f = models.BooleanField("EHC plan section F provision", default=False)
    promised_hours_per_week = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, through="GroupStaff", related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["school", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="group_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def first_measure(self) -> Measure | None:
        """Position 1 (the lowest): the measure on the group form. Uses prefetched measures."""
        return next(iter(self.measures.all()), None)

    @property
    def weekday_list(self) -> list[int]:
        return [int(d) for d in self.weekdays.split(",") if d.strip()]

    @property
    def weekday_names(self) -> str:
        names = dict(WEEKDAY_CHOICES)
        return ", ".join(names.get(d, str(d)) for d in self.weekday_list)


class GroupStaff(SchoolScoped):
    """A member of staff who runs a group (a TA can run several groups; each is costed apart)."""

    group = models.ForeignKey(ProvisionGroup, on_delete=models.CASCADE, related_name="staff_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="uniq_provision_group_staff")]


class GroupMember(PupilScoped):
    """A pupil's place in a group from ``joined`` to ``left`` (inclusive); its scores on the
    group's measures are Score rows."""

    group = models.ForeignKey(ProvisionGroup, on_delete=models.CASCADE, related_name="members")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="provision_places")
    joined = models.DateField()
    left = models.DateField(null=True, blank=True)
    reason = models.CharField("Why they are in the group", max_length=300, blank=True)
    # Bumped when the place itself changes (leaving date, reason); scores have their own.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["group", "pupil__legal_surname"]
        indexes = [models.Index(fields=["pupil", "joined"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                name="member_leaves_after_joining",
            )
        ]


class Measure(SchoolScoped):
    """One entry/exit measure a group tracks: a reading age, a spelling age, a standardised
    score. Position 1 is the group's first measure (set on the group form, defaulting to the
    library entry's); a group may add more (Toe by Toe: reading age and spelling age)."""

    group = models.ForeignKey(ProvisionGroup, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(
        "Kind of measure", max_length=20, choices=MEASURE_KIND_CHOICES, default="standardised"
    )
    name = models.CharField("Name of the measure", max_length=120, blank=True)
    expected_gain = models.DecimalField(
        "Expected gain", max_digits=6, decimal_places=1, null=True, blank=True,
        help_text="Blank for the default: no fall in a standardised score, a ratio gain of 1, or any gain",
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(default=1)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["group", "position"]
        constraints = [models.UniqueConstraint(fields=["group", "position"], name="uniq_measure_position")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What the pages call it: its name, else its kind ("Standardised score")."""
        return self.name or self.get_kind_display()


class Score(PupilScoped):
    """A pupil's entry and exit values on one of their group's measures. ``pupil`` repeats the
    place's (PupilScoped), so the audit tab and sharding find it without a join."""

    place = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="scores")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="scores")
    entry_value = models.DecimalField("Entry score", max_digits=7, decimal_places=1, null=True, blank=True)
    entry_on = models.DateField("Entry measured on", null=True, blank=True)
    exit_value = models.DecimalField("Exit score", max_digits=7, decimal_places=1, null=True, blank=True)
    exit_on = models.DateField("Exit measured on", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["place", "measure__position"]
        constraints = [models.UniqueConstraint(fields=["place", "measure"], name="one_score_per_measure")]

    def save(self, *args, **kwargs):
        if self.place_id and not self.pupil_id:
            self.pupil_id = self.place.pupil_id
        super().save(*args, **kwargs)


class Session(SchoolScoped):
    """One timetabled meeting of a group as recorded: held or cancelled (with a reason)."""

    group = models.ForeignKey(ProvisionGroup, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    held = models.BooleanField(default=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped by every correction, so two people correcting the same register cannot overwrite
    # each other without seeing it (services.correct_session).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["group", "date"]
        constraints = [
            models.UniqueConstraint(fields=["group", "date"], name="one_session_per_group_per_day")
        ]


class Attendance(PupilScoped):
    """Whether a member came to a held session, with an optional short note."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="provision_attendance")
    present = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "pupil"], name="one_mark_per_pupil")]


class Term(SchoolScoped):
    """One term of a school's year, as the school enters it (half terms are gaps between terms)."""

    academic_year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=40)
    start = models.DateField()
    end = models.DateField()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="term_ends_after_start"),
            models.UniqueConstraint(fields=["school", "start"], name="uniq_term_start"),
        ]


class Closure(SchoolScoped):
    """A day in term the school is shut to pupils: INSET day, bank holiday, one-off closure."""

    academic_year = models.PositiveSmallIntegerField()
    date = models.DateField()
    reason = models.CharField(max_length=100, default="INSET day")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["school", "date"], name="uniq_closure_date")]


class Budget(SchoolScoped):
    """The school's notional SEN budget for a financial year (see School.financial_year_start)."""

    financial_year = models.PositiveSmallIntegerField(
        help_text="The calendar year the financial year starts in (April, or September for an academy)"
    )
    notional_sen_budget = models.DecimalField(
        "Notional SEN budget (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "financial_year"], name="uniq_budget_year")]


class TopUp(PupilScoped):
    """Element 3 top-up funding the local authority pays for a pupil in a financial year."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="top_ups")
    financial_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(
        "Amount (£)", max_digits=10, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    notes = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pupil", "financial_year"], name="uniq_topup_year")]
