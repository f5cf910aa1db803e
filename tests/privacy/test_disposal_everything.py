"""Disposal across every app: a whole demo school, every pupil past retention, leaves no row and
no history row of any registered pupil model (a cross-app PROTECT or a missed model fails it)."""

import datetime as dt
import io

from sendco.audit.models import AccessLog
from sendco.audit.registry import audited_models
from sendco.core.models import Pupil
from sendco.demo.generator import build_demo
from sendco.privacy.cli import run_retention
from sendco.privacy.models import DisposalLog


def test_every_registered_record_and_its_history_goes(db, django_capture_on_commit_callbacks):
    build_demo(size="small", with_logins=False)
    ids = set(Pupil.objects.values_list("pk", flat=True))
    assert ids
    populated = {a.label for a in audited_models() if a.model._base_manager.exists()}
    assert {"Pupil record", "SEN status", "Chronology entry", "Plan target", "Concern"} <= populated
    with django_capture_on_commit_callbacks(execute=True):
        assert run_retention(commit=True, today=dt.date(2200, 1, 1), by="test", out=io.StringIO()) == 0
    assert not Pupil.objects.exists()
    for audited in audited_models():
        assert not audited.model._base_manager.exists(), audited.label
        history = getattr(audited.model, "history", None)
        if history is not None:
            assert not history.filter(**{f"{audited.pupil_field}__in": ids}).exists(), audited.label
    assert not AccessLog.objects.filter(pupil__isnull=False).exists()
    assert sum(log.pupils for log in DisposalLog.objects.all()) == len(ids)
