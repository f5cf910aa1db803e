"""The demo dataset: a fictional trust with schools, pupils, families, staff and a SEND register.

``build_demo()`` first *plans* the whole dataset as plain Python data (``plan_demo()``: no
database, fully determined by ``seed`` and ``today``), then writes it in one transaction with
bulk inserts. Every person, address, phone number and school is made up: phone numbers are in
Ofcom's drama range (07700 900000-900999), e-mail addresses use example.org / example.com, and
postcodes use the area ``NF``, which does not exist.

Sizes: ``small`` (one secondary, ~200 pupils, for tests), ``school`` (the demo default) and
``trust`` (at least 50 schools and 50,000 pupils, for benchmarks); see ``schools``. How common
SEN support, EHC plans, needs, FSM, EAL and the rest are (and where the figures come from) is in
``shares``.

This module is the public face of ``sendco.demo``. The parts: ``plan_types`` (the plan as
dataclasses), ``planner/`` (planning it, one module per area), ``schools``, ``shares`` and
``curriculum`` (what is planned), ``people``, ``names`` and ``draws`` (made-up people and random
draws), ``write`` (bulk inserts) and ``logins`` (the demo logins and what each can see).
"""

from __future__ import annotations

import random
from datetime import date

from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey, Q
from django.utils import timezone

from sendco.accounts.models import Membership, User
from sendco.audit.models import AccessLog
from sendco.core.models import Organisation, School

from .context import DemoContext, run_extensions
from .logins import DEMO_LOGINS, DEMO_PASSWORD, demo_logins
from .plan_types import (
    DemoPlan,
    DemoResult,
    ProgressFn,
    fingerprint_rows,  # noqa: F401  (part of the interface: the tests use it)
)
from .planner import Planner
from .schools import DEMO_ORGANISATION_NAME, SIZES
from .write import CHANGE_REASON, write_plan

__all__ = [
    "CHANGE_REASON",
    "DEMO_LOGINS",
    "DEMO_ORGANISATION_NAME",
    "DEMO_PASSWORD",
    "SIZES",
    "DemoPlan",
    "DemoResult",
    "build_demo",
    "delete_demo",
    "demo_exists",
    "demo_logins",
    "plan_demo",
]


# =========================================================================== public API


def plan_demo(
    *,
    size: str = "school",
    seed: int = 2026,
    today: date | None = None,
    with_logins: bool = True,
    progress: ProgressFn | None = None,
) -> DemoPlan:
    """The whole demo dataset as plain data, without touching the database (deterministic)."""
    today = today or timezone.localdate()
    return Planner(size, seed, today, with_logins).plan(progress)


def build_demo(
    *,
    size: str = "school",
    seed: int = 2026,
    today: date | None = None,
    with_logins: bool = True,
    progress: ProgressFn | None = None,
    history: bool = True,
) -> DemoResult:
    """Plan and write the demo dataset in one transaction.

    ``history``: write a "created" history row (change reason "Demo data") for each row of
    the history-tracked pupil models (on by default for every size; on SQLite it takes the
    ``trust`` build from about 65 s to about 115 s). Turn it off for quicker throwaway builds.

    After the core data, ``demo_data.build(ctx)`` of every sendco app that has one runs in the
    same transaction (see ``sendco.demo.context``).
    """
    say = progress or (lambda _msg: None)
    plan = plan_demo(size=size, seed=seed, today=today, with_logins=with_logins, progress=progress)
    with transaction.atomic():
        organisation, schools = write_plan(plan, history=history, say=say)
        # Each capability app adds its own records (plans, provision, ...) through demo_data.build.
        logins = User.objects.filter(username__in=list(DEMO_LOGINS)) if with_logins else []
        run_extensions(
            DemoContext(
                size=size,
                rng=random.Random(f"sendco-demo:{seed}:extensions"),
                today=plan.today,
                schools=schools,
                logins={u.username: u for u in logins},
                progress=say,
            )
        )
    counts = plan.counts()
    logins = demo_logins() if with_logins else []
    say("Done.")
    return DemoResult(organisation, schools, logins, counts)


def demo_exists() -> bool:
    return Organisation.objects.filter(name=DEMO_ORGANISATION_NAME).exists()


# =========================================================================== reset


def delete_demo() -> None:
    """Remove the demo organisation, its schools and everything recorded about them (history too)."""
    organisations = list(Organisation.objects.filter(name=DEMO_ORGANISATION_NAME))
    schools = list(School.objects.filter(organisation__in=organisations))
    school_ids = [s.pk for s in schools]
    with transaction.atomic():
        # Every table with a `school` column, including history tables and the access log.
        # Raw deletes: no per-row signals (which would write a history row per deletion); the
        # database checks the foreign keys at commit.
        for model in apps.get_models():
            fk = next(
                (
                    f
                    for f in model._meta.concrete_fields
                    if f.name == "school" and isinstance(f, ForeignKey) and f.related_model is School
                ),
                None,
            )
            if fk is not None:
                qs = model._base_manager.filter(**{f"{fk.attname}__in": school_ids})
                qs._raw_delete(qs.db)
        demo_users = Q(username__in=list(DEMO_LOGINS))
        for s in schools:
            demo_users |= Q(username__startswith=f"{s.urn}-")
        # The access log protects its users; a demo user's rows that name no school (a trust-wide
        # list) go with the demo, like the schools' rows above.
        logs = AccessLog.objects.filter(user__in=User.objects.filter(demo_users))
        logs._raw_delete(logs.db)
        User.objects.filter(demo_users).delete()
        # Rows owned by the trust rather than a school (the directory's shared entries and their
        # history), the same way; memberships and schools go below.
        org_ids = [o.pk for o in organisations]
        for model in apps.get_models():
            if model in (Membership, School):
                continue
            fk = next(
                (
                    f
                    for f in model._meta.concrete_fields
                    if f.name == "organisation"
                    and isinstance(f, ForeignKey)
                    and f.related_model is Organisation
                ),
                None,
            )
            if fk is not None:
                qs = model._base_manager.filter(**{f"{fk.attname}__in": org_ids})
                qs._raw_delete(qs.db)
        Membership.objects.filter(organisation__in=organisations).delete()
        School.objects.filter(pk__in=school_ids).delete()
        Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()
