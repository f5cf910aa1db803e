"""API bodies become form data one way (sendco.core.api_forms), for every app's API writes."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sendco.core.api_forms import form_data, form_value, merged

SRC = Path(__file__).resolve().parents[2] / "src" / "sendco"


def test_values_are_posted_as_a_browser_would(cast):
    assert form_value(None) == ""
    assert form_value(True) == "true" and form_value(False) == "false"
    assert form_value(dt.date(2025, 3, 1)) == "2025-03-01"
    assert form_value(dt.time(9, 30)) == "09:30:00"
    assert form_value(Decimal("12.50")) == "12.50"
    assert form_value(3) == "3"
    assert form_value([1, 2]) == ["1", "2"]
    assert form_value(cast.school) == str(cast.school.pk)  # a related record: its key


def test_a_patch_keeps_the_fields_it_does_not_name(cast):
    pupil = cast.pupil
    data = merged(pupil, ["forename", "surname", "date_of_birth"], {"surname": "New", "unknown": "x"})
    assert data == {
        "forename": pupil.forename,
        "surname": "New",
        "date_of_birth": pupil.date_of_birth.isoformat(),
    }
    assert form_data({"a": None}, base={"a": 1, "b": True}) == {"a": "", "b": "true"}


def test_no_app_converts_api_bodies_its_own_way():
    own_ways = (
        "def _form_data",
        "def _form_value",
        "def _fields_of",
        "def _merged",
        '"" if v is None else v',
    )
    found = [
        f"{path.relative_to(SRC)}: {way}"
        for path in [*SRC.glob("*/api.py"), *SRC.glob("*/services*.py"), *SRC.glob("*/services/*.py")]
        for way in own_ways
        if way in path.read_text()
    ]
    assert found == []
