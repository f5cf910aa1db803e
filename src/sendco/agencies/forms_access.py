"""Forms for professionals' access: grant, extend, revoke, and add a professional. The rules
(maximum length, consent, who may be granted) are the service's, so the page and the API
refuse the same things with the same words."""

from django import forms
from django.conf import settings

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates

from .models import Agency, Consent


class _UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        link = getattr(obj, "agency_link", None)
        return f"{obj} ({link.agency})" if link else str(obj)


class GrantForm(BoundedDates, forms.Form):
    professional = _UserChoice(
        label="Professional", queryset=None, required=False, empty_label="Choose a professional"
    )
    consent = forms.ModelChoiceField(
        label="Parents' consent",
        queryset=Consent.objects.none(),
        required=False,
        empty_label="Choose the consent this rests on",
        help_text="Current consent for a visiting professional to read the pupil's file.",
    )
    reason = forms.CharField(label="Why the professional needs access", max_length=200, required=False)
    starts_on = forms.DateField(
        label="Access starts", required=False, widget=date_input(), help_text="Leave blank for today."
    )
    expires_on = forms.DateField(
        label="Access ends",
        required=False,
        widget=date_input(),
        help_text=f"The last day of access; at most {settings.SENDCO_GRANT_MAX_DAYS} days after the start.",
    )
    can_read_plans = forms.BooleanField(label="Read the support plan and passport", required=False)
    can_read_assessments = forms.BooleanField(label="Read standardised assessment results", required=False)
    can_upload_reports = forms.BooleanField(label="Upload their report", required=False, initial=True)

    def __init__(self, *args, professionals, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals
        self.fields["consent"].queryset = consents


class ExtendForm(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    expires_on = forms.DateField(label="New last day of access", required=False, widget=date_input())


class RevokeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Why access is being revoked", max_length=200, required=False)


class ProfessionalForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(label="Email address", required=False, help_text="Also their username.")
    agency = forms.ModelChoiceField(
        label="Service", queryset=Agency.objects.none(), required=False, empty_label="Choose the service"
    )
    job_title = forms.CharField(label="Job title", max_length=120, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
