"""Forms for the provision pages; the services validate with the same forms, so the web and
the API give the same messages."""

from __future__ import annotations

from django import forms

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.core.models import School
from sendco.domain import impact

from .models import (
    WEEKDAY_CHOICES,
    Budget,
    GroupMember,
    Measure,
    Provision,
    ProvisionGroup,
    Score,
    StaffRate,
    TopUp,
)

DATE = date_input()  # what <input type=date> reads


class ProvisionForm(forms.ModelForm):
    evidence_url = forms.URLField(label="Link to the evidence", required=False, assume_scheme="https")

    class Meta:
        model = Provision
        fields = [
            "name", "description", "need_area", "wave", "typical_group_size", "minutes_per_session",
            "sessions_per_week", "staff_type", "resource_cost_per_session", "one_off_resource_cost",
            "evidence_notes", "evidence_url", "measure_kind", "measure_name", "active",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence_notes": forms.Textarea(attrs={"rows": 3}),
        }


class GroupForm(BoundedDates, forms.ModelForm):
    weekday_set = forms.TypedMultipleChoiceField(
        label="Days", choices=WEEKDAY_CHOICES, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    staff_ids = forms.TypedMultipleChoiceField(
        label="Staff who run it", coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )
    # The group's first measure, on this form so that starting a group stays one page; further
    # measures are added on the group's page (MeasureForm).
    measure_kind = Measure._meta.get_field("kind").formfield(
        label="Entry/exit measure", help_text="The first measure: add more on the group’s page"
    )
    measure_name = Measure._meta.get_field("name").formfield()
    expected_gain = Measure._meta.get_field("expected_gain").formfield()

    class Meta:
        model = ProvisionGroup
        fields = [
            "name", "start_time", "minutes_per_session", "room", "start_date", "end_date",
            "staff_take_turns", "resource_cost_per_session", "one_off_resource_cost", "charge_cancelled",
            "is_section_f", "promised_hours_per_week",
        ]  # fmt: skip
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_ids"].choices = list(staff_choices)
        if self.instance.pk:
            self.initial.setdefault("weekday_set", self.instance.weekday_list)
            self.initial.setdefault(
                "staff_ids", list(self.instance.staff_links.values_list("user_id", flat=True))
            )
            first = self.instance.first_measure
            if first is not None:
                self.initial.setdefault("measure_kind", first.kind)
                self.initial.setdefault("measure_name", first.name)
                self.initial.setdefault("expected_gain", first.expected_gain)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date")
        if data.get("is_section_f") and not data.get("promised_hours_per_week"):
            self.add_error("promised_hours_per_week", "Enter the hours a week the EHC plan promises")
        return data


def check_values(form, kind: str, names=("entry_value", "exit_value")) -> None:
    """Add an error to each value that cannot be a score of this kind (domain.impact decides:
    a negative reading age, a target rating above 4, …)."""
    for name in names:
        value = form.cleaned_data.get(name)
        if value is None:
            continue
        try:
            impact.progress(kind, value, None)
        except (ValueError, TypeError) as exc:
            form.add_error(name, str(exc).split(": ", 1)[-1])


def check_dates(form) -> None:
    data = form.cleaned_data
    if data.get("entry_on") and data.get("exit_on") and data["exit_on"] < data["entry_on"]:
        form.add_error("exit_on", "The exit measure must be on or after the entry measure")


class MemberForm(BoundedDates, forms.ModelForm):
    """A new place, with an optional entry score on the group's first measure."""

    pupil_id = forms.TypedChoiceField(label="Pupil", coerce=int, choices=())
    entry_value = Score._meta.get_field("entry_value").formfield()
    entry_on = Score._meta.get_field("entry_on").formfield(widget=DATE)

    class Meta:
        model = GroupMember
        fields = ["joined", "left", "reason"]
        widgets = {"joined": DATE, "left": DATE}

    def __init__(self, *args, pupil_choices=(), measure: Measure | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["pupil_id"].choices = [("", "Choose a pupil"), *pupil_choices]
        if measure is not None:
            self.fields["entry_value"].help_text = f"On the group’s first measure: {measure.label}"

    def clean(self):
        data = super().clean()
        if data.get("joined") and data.get("left") and data["left"] < data["joined"]:
            self.add_error("left", "The leaving date must be on or after the joining date")
        if self.measure is not None:
            check_values(self, self.measure.kind, ["entry_value"])
        return data


class PlaceForm(BoundedDates, forms.ModelForm):
    """What changes on a place after it is given: the leaving date."""

    class Meta:
        model = GroupMember
        fields = ["left"]
        widgets = {"left": DATE}

    def clean(self):
        data = super().clean()
        if data.get("left") and data["left"] < self.instance.joined:
            self.add_error("left", "The leaving date must be on or after the joining date")
        return data


class MeasureForm(forms.ModelForm):
    """One of a group's measures: what it is called and what counts as expected progress."""

    class Meta:
        model = Measure
        fields = ["kind", "name", "expected_gain"]


class ScoreForm(BoundedDates, forms.ModelForm):
    """A pupil's entry and exit values on one measure, checked against the measure's kind. The
    scores page has one per measure, prefixed "m<measure id>"; the API one unprefixed."""

    class Meta:
        model = Score
        fields = ["entry_value", "entry_on", "exit_value", "exit_on"]
        widgets = {"entry_on": DATE, "exit_on": DATE}

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure

    def clean(self):
        data = super().clean()
        check_dates(self)
        check_values(self, self.measure.kind)
        return data


class RateForm(forms.ModelForm):
    class Meta:
        model = StaffRate
        fields = ["hourly", "on_cost_pct"]

    def clean_on_cost_pct(self):
        pct = self.cleaned_data["on_cost_pct"]
        if pct is not None and 0 < pct < 1:
            raise forms.ValidationError(f"On-costs are a percentage: enter 28 for 28 %, not {pct}")
        return pct


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["notional_sen_budget", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class FinancialYearForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["financial_year_start"]
        widgets = {"financial_year_start": forms.RadioSelect}


class TopUpForm(forms.ModelForm):
    pupil_id = forms.TypedChoiceField(label="Pupil", coerce=int, choices=())

    class Meta:
        model = TopUp
        fields = ["amount", "notes"]

    def __init__(self, *args, pupil_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil_id"].choices = [("", "Choose a pupil"), *pupil_choices]


class RecommendationPlaceForm(BoundedDates, forms.Form):
    """A professional's recommendation made provision: a place in a group the school runs."""

    group = forms.ModelChoiceField(
        label="Intervention group", queryset=ProvisionGroup.objects.none(), empty_label="Choose a group"
    )
    joined = forms.DateField(label="Joining date", widget=DATE)
    reason = forms.CharField(label="Why they are in the group", max_length=300, required=False)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else ProvisionGroup.objects.none()
        self.fields["group"].label_from_instance = lambda g: (
            f"{g.name} ({g.provision.name}, {g.start_date:%-d %b %Y} to {g.end_date:%-d %b %Y})"
        )
