"""Records for the candidate-side tests and the permission matrix."""

import datetime as dt

from django.utils import timezone

from sendco.access_arrangements.models import Arrangement, Assessor, Form8, NormalWayRequest


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - dt.timedelta(days=n)


def assessor(school, **kw):
    values = {"name": "Ann Assessor", "qualification_route": "level7", "checked_on": days_ago(400)} | kw
    return Assessor.objects.create(school=school, **values)


def arrangement(pupil, kind="extra_time_25", **kw):
    return Arrangement.objects.create(pupil=pupil, school_id=pupil.school_id, kind=kind, **kw)


def form8(pupil, signed_days_ago=60):
    return Form8.objects.create(
        pupil=pupil, school_id=pupil.school_id, history_of_need="Slow reader since Year 7.",
        normal_way_of_working="Extra time in class tests.", part1_signed_on=days_ago(signed_days_ago),
    )  # fmt: skip


def request_for(arr, teacher, senco):
    return NormalWayRequest.objects.create(
        pupil_id=arr.pupil_id, school_id=arr.school_id, arrangement=arr,
        requested_from=teacher, requested_by=senco, subject="English",
    )  # fmt: skip


def for_matrix(cast):
    """An arrangement, a Form 8 and a request to the teacher for each of cast's pupils."""
    if "aa" in cast.extra:
        return
    from sendco.accounts.roles import Role

    teacher = cast.user(Role.TEACHER)
    made = {}
    for which, pupil in (("linked", cast.pupil), ("unlinked", cast.unlinked), ("other", cast.other_pupil)):
        form8(pupil)
        arr = arrangement(pupil)
        made[which] = {"arrangement": arr, "request": request_for(arr, teacher, cast.user(Role.SENCO))}
    cast.extra["aa"] = made
