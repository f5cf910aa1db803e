"""Forms for the provision pages; the services validate with the same forms, so the web and
the API give the same messages."""

from __future__ import annotations

from django import forms

from sendco.core.models import School

from .models import WEEKDAY_CHOICES, Budget, GroupMember, Provision, ProvisionGroup, StaffRate, TopUp

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads


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


class GroupForm(forms.ModelForm):
    weekday_set = forms.TypedMultipleChoiceField(
        label="Days", choices=WEEKDAY_CHOICES, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    staff_ids = forms.TypedMultipleChoiceField(
        label="Staff who run it", coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )

    class Meta:
        model = ProvisionGroup
        fields = [
            "name", "start_time", "minutes_per_session", "room", "start_date", "end_date",
            "staff_take_turns", "resource_cost_per_session", "one_off_resource_cost", "charge_cancelled",
            "is_section_f",
            "promised_hours_per_week", "measure_kind", "measure_name", "expected_gain",
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

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be on or after the start date")
        if data.get("is_section_f") and not data.get("promised_hours_per_week"):
            self.add_error("promised_hours_per_week", "Enter the hours a week the EHC plan promises")
        return data


class MemberForm(forms.ModelForm):
    pupil_id = forms.TypedChoiceField(label="Pupil", coerce=int, choices=())

    class Meta:
        model = GroupMember
        fields = ["joined", "left", "reason", "entry_value", "entry_on"]
        widgets = {"joined": DATE, "left": DATE, "entry_on": DATE}

    def __init__(self, *args, pupil_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil_id"].choices = [("", "Choose a pupil"), *pupil_choices]

    def clean(self):
        data = super().clean()
        if data.get("joined") and data.get("left") and data["left"] < data["joined"]:
            self.add_error("left", "The leaving date must be on or after the joining date")
        return data


class MeasureForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["entry_value", "entry_on", "exit_value", "exit_on", "left"]
        widgets = {"entry_on": DATE, "exit_on": DATE, "left": DATE}

    def clean(self):
        data = super().clean()
        if data.get("entry_on") and data.get("exit_on") and data["exit_on"] < data["entry_on"]:
            self.add_error("exit_on", "The exit measure must be on or after the entry measure")
        if data.get("left") and data["left"] < self.instance.joined:
            self.add_error("left", "The leaving date must be on or after the joining date")
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
