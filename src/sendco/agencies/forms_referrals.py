"""Forms for consent and referrals. The rules (consent needed, the service's directory, the
status path and its dates) are the services', so the pages and the API refuse the same things
with the same words: needed fields are left for the service to refuse."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from sendco.assessments.forms import NeededChar, NeededChoice, NeededDate
from sendco.assessments.models import ProfessionalReport
from sendco.core.forms_base import MultipleFileField, date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain import referrals as rules_
from sendco.domain.file_types import ACCEPTED_LABEL

from .models import Agency, Consent

DAYS_HINT = "Leave blank to use the service's typical wait. From 1 to 730."


class _ServiceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class _ConsentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        target = obj.agency.name if obj.agency_id else "any service"
        return f"{obj.given_by} on {obj.given_on:%-d %B %Y}, for {target}"


class _ReportChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}, {obj.written_on:%-d %B %Y}"


def _days_field():
    return forms.IntegerField(
        label="Expected response (days)", required=False, min_value=1, max_value=730, help_text=DAYS_HINT,
        widget=forms.NumberInput({"class": "govuk-input govuk-input--width-4"}),
    )  # fmt: skip


class ConsentForm(BoundedDates, forms.Form):
    use_required_attribute = False
    purpose = NeededChoice(
        label="What is the consent for?", choices=[("", "Choose")] + Consent.Purpose.choices
    )
    agency = _ServiceChoice(
        label="Service", queryset=Agency.objects.none(), required=False, empty_label="No one service",
        help_text="Needed for a referral or for sharing with one service.",
    )  # fmt: skip
    given_by = NeededChar(label="Given by", max_length=150, help_text="The parent or carer's name")
    relationship = forms.CharField(label="Relationship to the pupil", max_length=60, required=False)
    given_on = NeededDate(label="Date given", widget=date_input())
    how = NeededChoice(label="How was consent given?", choices=Consent.How.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label="Notes", max_length=300, required=False)

    def __init__(self, *args, agencies, **kwargs):
        kwargs.setdefault("initial", {"given_on": timezone.localdate(), "how": Consent.How.WRITTEN})
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class WithdrawForm(BoundedDates, forms.Form):
    use_required_attribute = False
    version = forms.IntegerField(widget=forms.HiddenInput)
    withdrawn_on = NeededDate(label="Date consent was withdrawn", widget=date_input())
    withdrawn_by = NeededChar(label="Withdrawn by", max_length=150, help_text="Who told the school")
    reason = forms.CharField(label="Reason", max_length=300, required=False)


class ReferralForm(BoundedDates, forms.Form):
    use_required_attribute = False
    agency = _ServiceChoice(
        label="Service", queryset=Agency.objects.none(), required=False, empty_label="Choose a service"
    )
    reason = NeededChar(
        label="Reason for referral", widget=forms.Textarea({"rows": 5}),
        help_text="What the school has seen, what it has tried and what it asks of the service.",
    )  # fmt: skip
    consent = _ConsentChoice(
        label="Parents' consent", queryset=Consent.objects.none(), required=False,
        empty_label="Record the consent below",
        help_text="A current consent to a referral; or record the consent given below.",
    )  # fmt: skip
    consent_given_by = forms.CharField(
        label="Consent given by", max_length=150, required=False, help_text="The parent or carer's name"
    )
    consent_relationship = forms.CharField(label="Relationship to the pupil", max_length=60, required=False)
    consent_given_on = forms.DateField(label="Date consent was given", required=False, widget=date_input())
    consent_how = forms.ChoiceField(
        label="How was consent given?", required=False, choices=[("", "Choose")] + Consent.How.choices
    )
    expected_response_days = _days_field()
    sent_on = forms.DateField(
        label="Date sent",
        required=False,
        widget=date_input(),
        help_text="Leave blank for today (when sending now).",
    )
    documents = MultipleFileField(
        label="Documents",
        required=False,
        help_text=f"The referral form, signed consent, evidence. {ACCEPTED_LABEL}, up to 10 MB each.",
    )

    def __init__(self, *args, agencies, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["consent"].queryset = consents

    def record_consent(self) -> dict | None:
        """The consent typed on the form, when no current one was chosen and something was typed."""
        d = self.cleaned_data
        if d.get("consent") is not None:
            return None
        typed = {k: d.get(f"consent_{k}") for k in ("given_by", "relationship", "given_on", "how")}
        if not any(typed.values()):
            return None
        return {k: v or ("" if k != "given_on" else None) for k, v in typed.items()}


class ReferralEditForm(forms.Form):
    use_required_attribute = False
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = NeededChar(label="Reason for referral", widget=forms.Textarea({"rows": 5}))
    expected_response_days = _days_field()
    outcome = forms.CharField(label="Outcome", required=False, widget=forms.Textarea({"rows": 3}))
    report = _ReportChoice(
        label="Professional report",
        queryset=ProfessionalReport.objects.none(),
        required=False,
        empty_label="None yet",
    )

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = reports


class StatusForm(BoundedDates, forms.Form):
    use_required_attribute = False
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = NeededChoice(label="New status", choices=[], widget=forms.RadioSelect)
    on = forms.DateField(
        label="Date of the change",
        required=False,
        widget=date_input(),
        help_text="Not for an appointment: give its date and time below.",
    )
    appointment_at = forms.DateTimeField(
        label="Appointment date and time", required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Only for Appointment booked.",
    )  # fmt: skip
    report = _ReportChoice(
        label="The report", queryset=ProfessionalReport.objects.none(), required=False,
        empty_label="Not uploaded yet",
        help_text="Only for Report received: the professional report it brought back.",
    )  # fmt: skip
    note = forms.CharField(label="Note", max_length=300, required=False)

    def __init__(self, *args, current: str, reports, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, rules_.LABELS[s]) for s in rules_.allowed_next(current)]
        self.fields["report"].queryset = reports


class DocumentForm(forms.Form):
    use_required_attribute = False
    file = forms.FileField(label="File", required=False, help_text=f"{ACCEPTED_LABEL}, up to 10 MB.")
    description = forms.CharField(label="Description", max_length=150, required=False)
