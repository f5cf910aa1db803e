"""The SEND register: each pupil's SEN provision code and needs, as dated history.

The census codes and need types come from sendco.domain.sen_codes (DfE census guide).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendco.core.models import Pupil, PupilScoped, SchoolScoped
from sendco.domain import sen_codes

PROVISION_CHOICES = [(c.code, f"{c.code} – {c.name}") for c in sen_codes.PROVISION_CODES.values()]
NEED_TYPE_CHOICES = [(n.code, f"{n.code} – {n.name}") for n in sen_codes.NEED_TYPES.values()]


class SenStatus(PupilScoped):
    """One period of a census provision code (N, K, E; historic S, A, P by import only)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="sen_statuses")
    code = models.CharField(max_length=1, choices=PROVISION_CHOICES)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pupil", "start_date"]
        verbose_name_plural = "SEN statuses"
        indexes = [
            models.Index(fields=["school", "code", "end_date"]),
            models.Index(fields=["pupil", "start_date"]),
        ]
        constraints = [
            # The services end the open period before starting the next; the database makes sure.
            models.UniqueConstraint(
                fields=["pupil"], condition=models.Q(end_date__isnull=True), name="one_open_status_per_pupil"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.start_date}"


class PupilNeed(PupilScoped):
    """A ranked need type: rank 1 is the primary need, rank 2 the secondary, 3+ for the CTF."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="needs")
    need_type = models.CharField(max_length=4, choices=NEED_TYPE_CHOICES)
    rank = models.PositiveSmallIntegerField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pupil", "end_date", "rank"]
        indexes = [
            models.Index(fields=["school", "need_type", "end_date"]),
            models.Index(fields=["pupil", "rank"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "rank"],
                condition=models.Q(end_date__isnull=True),
                name="one_open_need_per_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need_type} (rank {self.rank})"

    @property
    def need(self) -> sen_codes.NeedType:
        return sen_codes.NEED_TYPES[self.need_type]

    @property
    def is_primary(self) -> bool:
        return self.rank == 1


class RegisterImport(SchoolScoped):
    """The audit record of one committed import from the MIS (who, which file, what changed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    via = models.CharField(max_length=10, choices=[("web", "Web upload"), ("cli", "Command line")])
    full = models.BooleanField(
        help_text="The file listed every pupil on roll (missing pupils became leavers)."
    )
    new = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    leavers = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
