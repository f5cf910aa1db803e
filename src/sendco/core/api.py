from datetime import date

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from sendco.api.conflicts import Conflict
from sendco.api.pagination import LoggedPagination
from sendco.api.types import BoundedDate
from sendco.audit.services import Read

from . import selectors, services
from .access import policy
from .api_forms import form_data
from .models import Pupil

API_PREFIX = "/pupils"
router = Router(tags=["pupils"])


class PupilNeedOut(Schema):
    need_type: str
    rank: int
    start_date: date


class PupilOut(Schema):
    id: int
    school_urn: str = Field(..., alias="school.urn")
    upn: str
    legal_forename: str
    middle_names: str
    legal_surname: str
    preferred_forename: str
    preferred_surname: str
    date_of_birth: date
    sex: str
    nc_year: int
    reg_group: str
    admission_date: date
    leaving_date: date | None
    eal: bool
    first_language: str
    fsm: bool
    pupil_premium: bool
    looked_after: bool
    previously_looked_after: bool
    medical_needs: bool
    sen_status: str
    current_needs: list[PupilNeedOut] = []
    version: int


class PupilIn(Schema):
    school_urn: str
    upn: str
    legal_forename: str
    middle_names: str = ""
    legal_surname: str
    preferred_forename: str = ""
    preferred_surname: str = ""
    date_of_birth: BoundedDate
    sex: str
    nc_year: int
    reg_group: str = ""
    admission_date: BoundedDate
    leaving_date: BoundedDate | None = None
    eal: bool = False
    first_language: str = ""
    fsm: bool = False
    pupil_premium: bool = False
    looked_after: bool = False
    previously_looked_after: bool = False
    medical_needs: bool = False


class PupilPatch(Schema):
    """Fields to change; `version` must be the version you read (409 if it changed since)."""

    version: int
    upn: str | None = None
    legal_forename: str | None = None
    middle_names: str | None = None
    legal_surname: str | None = None
    preferred_forename: str | None = None
    preferred_surname: str | None = None
    date_of_birth: BoundedDate | None = None
    sex: str | None = None
    nc_year: int | None = None
    reg_group: str | None = None
    admission_date: BoundedDate | None = None
    leaving_date: BoundedDate | None = None
    eal: bool | None = None
    first_language: str | None = None
    fsm: bool | None = None
    pupil_premium: bool | None = None
    looked_after: bool | None = None
    previously_looked_after: bool | None = None
    medical_needs: bool | None = None


class PupilFilters(FilterSchema):
    school: str | None = Field(None, description="School URN")
    year: int | None = Field(None, description="NC year (Reception 0, N1 -2, N2 -1)")
    sen_status: str | None = Field(None, pattern="^[NKE]$")
    q: str | None = Field(None, description="Name or UPN")


class PupilConflict(Conflict):
    current: PupilOut


@router.get("/", response=list[PupilOut])
@paginate(LoggedPagination, what="Pupils (API)")
def list_pupils(request, filters: Query[PupilFilters]):
    qs = selectors.pupil_list(
        request.user,
        nc_year=filters.year,
        sen_status=filters.sen_status,
        q=filters.q or "",
    )
    if filters.school:
        qs = qs.filter(school__urn=filters.school)
    return qs


@router.get("/{int:pupil_id}", response=PupilOut)
def get_pupil(request, pupil_id: int):
    pupil = policy.get_pupil(request.user, pupil_id, audit=Read.api(request, "API record"))
    # Read by PupilOut; not a model attribute, so the type check is told.
    pupil.current_needs = list(pupil.needs.filter(end_date__isnull=True).order_by("rank"))  # type: ignore[attr-defined]
    return pupil


@router.post("/", response={201: PupilOut})
def create_pupil(request, payload: PupilIn):
    data = payload.dict()
    school = policy.schools(request.user, "school.create_pupil").filter(urn=data.pop("school_urn")).first()
    if school is None:
        raise ValidationError({"school_urn": ["No school with this URN where you may add pupils."]})
    pupil = services.create_pupil(actor=request.user, school=school, data=form_data(data))
    return Status(201, get_object_or_404(Pupil.objects.select_related("school"), pk=pupil.pk))


@router.patch("/{int:pupil_id}", response={200: PupilOut, 409: PupilConflict})
def update_pupil(request, pupil_id: int, payload: PupilPatch):
    pupil = policy.get_pupil(request.user, pupil_id, "pupil.change", audit=Read.for_write(request))
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    pupil = services.update_pupil(
        actor=request.user, pupil=pupil, data=form_data(changes), expected_version=version, partial=True
    )
    return Status(200, Pupil.objects.select_related("school").get(pk=pupil.pk))
