"""The register in the API: rows of the register, the census return, and each pupil's dated SEN
status and needs (read and write through the same services as the web pages)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sendco.api.pagination import LoggedPagination
from sendco.api.types import BoundedDate
from sendco.audit.models import AccessLog
from sendco.audit.services import Read, log_access
from sendco.core.access import policy
from sendco.core.api_forms import form_data
from sendco.domain import census as census_rules

from . import selectors, services
from .forms import RegisterFilterForm
from .models import PupilNeed, SenStatus

API_PREFIX = "/register"
router = Router(tags=["register"])


class RegisterRowOut(Schema):
    id: int
    school_urn: str = Field(..., alias="school.urn")
    upn: str
    legal_surname: str
    legal_forename: str
    preferred_forename: str
    nc_year: int
    reg_group: str
    sex: str
    sen_status: str
    primary_need: str | None
    secondary_need: str | None
    added_on: date | None
    pupil_premium: bool
    looked_after: bool
    eal: bool
    fsm: bool


class RegisterQuery(Schema):
    school: int | None = Field(None, description="School id")
    status: str | None = Field(None, description="K or E")
    need: str | None = Field(None, description="Primary need type code")
    secondary: str | None = None
    area: str | None = Field(None, description="Broad area of the primary need: CL, SEMH, CI, SP, OTH")
    year: int | None = None
    reg: str | None = None
    sex: str | None = None
    pupil_premium: str | None = Field(None, description="yes or no")
    looked_after: str | None = None
    eal: str | None = None
    fsm: str | None = None
    added_from: BoundedDate | None = None
    added_to: BoundedDate | None = None
    removed_from: BoundedDate | None = None
    removed_to: BoundedDate | None = None
    q: str | None = None
    order: str | None = Field(None, description="name, year, reg, status, need, added; prefix - to reverse")


class StatusOut(Schema):
    id: int
    code: str
    start_date: date
    end_date: date | None
    reason: str


class NeedIn(Schema):
    need_type: str
    rank: int


class StatusIn(Schema):
    code: str = Field(..., description="N, K or E (historic codes only by import)")
    start_date: BoundedDate
    reason: str
    needs: list[NeedIn] = Field([], description="Needs starting with the status (a primary need for K/E)")
    version: str | None = Field(None, description="`version` from the GET; 409 if the record changed since")


class RegisterNeedOut(Schema):
    id: int
    need_type: str
    rank: int
    start_date: date
    end_date: date | None


class NeedsIn(Schema):
    needs: list[NeedIn] = Field(..., description="The complete set of current needs, ranked")
    on: BoundedDate = Field(..., description="Date the changes take effect")
    reason: str = "Needs updated"
    version: str = Field(..., description="`version` from the GET; 409 if the record changed since")


class StatusHistoryOut(Schema):
    version: str
    statuses: list[StatusOut]


class NeedHistoryOut(Schema):
    version: str
    needs: list[RegisterNeedOut]


class RegisterConflictOut(Schema):
    detail: str


class CensusPupilOut(Schema):
    pupil_id: int
    upn: str
    provision: str
    primary_need: str | None
    secondary_need: str | None
    further_needs: list[str]
    problems: list[str]


class CensusOut(Schema):
    date: date
    school_urn: str
    pupils: list[CensusPupilOut]


@router.get("/", response=list[RegisterRowOut])
@paginate(LoggedPagination, what="SEN register (API)")
def register_rows(request, query: Query[RegisterQuery]):
    """Pupils on the register (or, with removal dates, taken off it); empty for users who
    have no register to see, like the pupil list."""
    filters = RegisterFilterForm(form_data(query.dict())).filters()
    return selectors.register_view(request.user, filters).rows


@router.get("/census", response=CensusOut)
def census_return(request, date: BoundedDate | None = None, school: int | None = None):
    """The SEN part of the census on census day `date` (default: the latest census day)."""
    schools = policy.schools(request.user, "register.census")
    chosen = schools.filter(pk=school).first() if school else schools.first()
    if chosen is None:
        raise Http404
    if date is None:
        date = census_rules.previous_census(timezone.localdate() + timedelta(days=1)).day
    elif not census_rules.censuses_between(date, date):
        raise ValidationError({"date": ["This is not a census day (autumn, spring or summer census)."]})
    result = selectors.census_return(chosen, date)
    log_access(
        user=request.user,
        action=AccessLog.Action.LIST,
        request=request,
        school=chosen,
        what=f"API census SEN return {date}",
    )
    return {
        "date": date,
        "school_urn": chosen.urn,
        "pupils": [
            {
                "pupil_id": p.pupil.pk,
                "upn": p.pupil.upn,
                "provision": p.record.provision,
                "primary_need": p.record.primary_need,
                "secondary_need": p.record.secondary_need,
                "further_needs": list(p.record.further_needs),
                "problems": [x.message for x in p.problems],
            }
            for p in result.pupils
            if p.record.provision != "N" or p.problems
        ],
    }


def _pupil(request, pupil_id: int, perm: str, *, audit):
    return policy.get_pupil(request.user, pupil_id, perm, audit=audit)


@router.get("/pupils/{int:pupil_id}/statuses", response=StatusHistoryOut)
def get_statuses(request, pupil_id: int):
    pupil = _pupil(request, pupil_id, "register.history", audit=Read.api(request, "API SEN statuses"))
    return {
        "version": selectors.register_version(pupil.pk),
        "statuses": SenStatus.objects.filter(pupil=pupil),
    }


@router.post("/pupils/{int:pupil_id}/statuses", response={201: StatusOut, 409: RegisterConflictOut})
def post_status(request, pupil_id: int, payload: StatusIn):
    pupil = _pupil(request, pupil_id, "register.change", audit=Read.for_write(request))
    try:
        status = services.change_status(
            actor=request.user,
            pupil=pupil,
            code=payload.code,
            start_date=payload.start_date,
            reason=payload.reason,
            needs=[(n.need_type, n.rank) for n in payload.needs],
            expected_version=payload.version,
        )
    except services.RegisterConflict as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, status)


@router.get("/pupils/{int:pupil_id}/needs", response=NeedHistoryOut)
def get_needs(request, pupil_id: int):
    pupil = _pupil(request, pupil_id, "register.history", audit=Read.api(request, "API SEN needs"))
    return {
        "version": selectors.register_version(pupil.pk),
        "needs": PupilNeed.objects.filter(pupil=pupil).order_by("start_date", "rank"),
    }


@router.put("/pupils/{int:pupil_id}/needs", response={200: NeedHistoryOut, 409: RegisterConflictOut})
def put_needs(request, pupil_id: int, payload: NeedsIn):
    pupil = _pupil(request, pupil_id, "register.change", audit=Read.for_write(request))
    try:
        services.set_needs(
            actor=request.user,
            pupil=pupil,
            needs=[(n.need_type, n.rank) for n in payload.needs],
            on=payload.on,
            reason=payload.reason,
            expected_version=payload.version,
        )
    except services.RegisterConflict as exc:
        return Status(409, {"detail": str(exc)})
    return Status(
        200,
        {
            "version": selectors.register_version(pupil.pk),
            "needs": PupilNeed.objects.filter(pupil=pupil).order_by("start_date", "rank"),
        },
    )
