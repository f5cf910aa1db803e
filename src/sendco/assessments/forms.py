"""The sitting form and the score formset (prefix ``scores``, so the service's error keys,
``scores-<n>-<field>``, are the formset's own field names). Fields are plain text and optional
here: the service checks every value, so one set of messages serves the pages and the API."""

from __future__ import annotations

import re

from django import forms

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain import standardised_scores as ss

from .models import Assessment
from .services import SCORES_PREFIX

ROWS_DEFAULT = 3
ROWS_MAX = 20
WHOLE_NUMBER = re.compile(r"^-?\d{1,6}$")


class _Needed:
    """Labelled as needed (the field template adds "(optional)" to the others), but an empty
    value is left for the service to refuse with its own message, so it is said once."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class NeededChar(_Needed, forms.CharField):
    pass


class NeededDate(_Needed, forms.DateField):
    pass


class NeededChoice(_Needed, forms.ChoiceField):
    pass


class SittingForm(BoundedDates, forms.Form):
    use_required_attribute = False  # the service says what is missing; the browser must not
    taken_on = NeededDate(label="Date of assessment", widget=date_input())
    assessor_name = NeededChar(label="Assessor")
    assessor_role = forms.CharField(
        label="Assessor's role",
        required=False,
        help_text="For example specialist teacher, educational psychologist",
    )
    purpose = NeededChoice(label="What was the assessment for?", choices=Assessment.Purpose.choices)
    summary = forms.CharField(
        label="Summary and recommendations", required=False, widget=forms.Textarea({"rows": 4})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if correcting:  # a sitting's purpose is fixed once recorded (Form 8 links to it)
            del self.fields["purpose"]
        else:
            del self.fields["version"]


class ScoreForm(forms.Form):
    use_required_attribute = False  # spare rows are left empty
    test_name = NeededChar(label="Test", help_text="For example TOWRE-2, DASH, WRAT5")
    area = NeededChoice(label="Area", choices=[("", "Choose an area")] + ss.AREA_CHOICES)
    standard_score = NeededChar(
        label="Standard score",
        help_text=f"From {ss.SCORE_MIN} to {ss.SCORE_MAX}",
        widget=forms.TextInput({"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}),
    )
    percentile = forms.CharField(
        label="Percentile",
        required=False,
        widget=forms.TextInput({"inputmode": "decimal", "class": "govuk-input govuk-input--width-4"}),
    )
    age_equivalent = forms.CharField(
        label="Age equivalent",
        required=False,
        help_text="Years and months, for example 9:06",
        widget=forms.TextInput({"class": "govuk-input govuk-input--width-5"}),
    )

    def row(self) -> dict:
        """What was typed, for the service: a whole number as an int, anything else as typed
        (the service names the problem)."""
        data = {name: self[name].value() or "" for name in self.fields}
        score = str(data["standard_score"]).strip()
        data["standard_score"] = int(score) if WHOLE_NUMBER.match(score) else score
        return data


ScoreFormSet = forms.formset_factory(ScoreForm, extra=0, max_num=ROWS_MAX, absolute_max=ROWS_MAX)


def rows_wanted(value, at_least: int = ROWS_DEFAULT) -> int:
    """How many score rows to show: ``?rows=N`` (bounded), never fewer than ``at_least``."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = 0
    return max(1, min(ROWS_MAX, max(n, at_least)))


def score_formset(data=None, *, rows: int = ROWS_DEFAULT, initial=None) -> forms.BaseFormSet:
    initial = list(initial or [])
    initial += [{}] * max(0, rows - len(initial))
    return ScoreFormSet(data, prefix=SCORES_PREFIX, initial=initial[:ROWS_MAX])


def with_another_row(data):
    """POST data with one more (blank) score row: "Add another score" without JavaScript."""
    data = data.copy()
    key = f"{SCORES_PREFIX}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except (TypeError, ValueError):
        total = 0
    data[key] = str(max(0, min(ROWS_MAX, total + 1)))
    return data
