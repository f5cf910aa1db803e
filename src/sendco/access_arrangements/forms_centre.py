"""Forms of the centre pages. They parse input; the services hold the rules (field errors from
a service are copied back onto these forms)."""

from django import forms

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.core.models import NC_YEAR_CHOICES
from sendco.domain import access_arrangements as rules_
from sendco.domain.file_types import ACCEPTED_LABEL

from .models import ExamPaper


class SeriesForm(BoundedDates, forms.Form):
    name = forms.CharField(max_length=80, help_text="For example Summer 2027 (GCSE and A level)")
    first_exam_on = forms.DateField(label="First exam", widget=date_input())
    last_exam_on = forms.DateField(label="Last exam", widget=date_input())
    application_deadline = forms.DateField(
        label="Application deadline",
        widget=date_input(),
        help_text="The awarding bodies' deadline for online applications for this series",
    )
    approval_months = forms.IntegerField(
        label="Approvals last (months)",
        initial=rules_.DEFAULT_APPROVAL_MONTHS,
        help_text="How long an online approval lasts, for the default expiry of new approvals",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PaperForm(BoundedDates, forms.Form):
    title = forms.CharField(max_length=120, help_text="For example GCSE English Language Paper 1")
    sat_on = forms.DateField(label="Date", widget=date_input())
    session = forms.ChoiceField(choices=ExamPaper.Session.choices, widget=forms.RadioSelect)
    duration_minutes = forms.IntegerField(label="Length (minutes)", help_text="From 1 to 600")
    nc_year = forms.TypedChoiceField(
        label="Year group", coerce=int, choices=[("", "Choose a year")] + list(NC_YEAR_CHOICES)
    )


class AssessorForm(BoundedDates, forms.Form):
    name = forms.CharField(max_length=120)
    organisation = forms.CharField(max_length=120, required=False)
    email = forms.EmailField(required=False)
    qualification_route = forms.ChoiceField(
        label="Qualification",
        choices=rules_.QUALIFICATION_ROUTES,
        widget=forms.RadioSelect,
        help_text="Someone with none of these may not assess for Form 8.",
    )
    qualification_detail = forms.CharField(
        label="Qualification details",
        max_length=200,
        required=False,
        help_text="The qualification's title and awarding body, the HCPC number or the certificate number",
    )
    apc_expires_on = forms.DateField(
        label="Practising certificate expires",
        required=False,
        widget=date_input(),
        help_text="Needed for an SpLD Assessment Practising Certificate",
    )
    evidence = forms.FileField(
        label="Evidence of the qualification (optional)",
        required=False,
        help_text=f"A copy of the certificate or registration. {ACCEPTED_LABEL}, up to 10 MB.",
    )
    active = forms.BooleanField(label="Still assesses for the centre", required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CheckForm(BoundedDates, forms.Form):
    checked_on = forms.DateField(
        label="Date you checked the qualification",
        widget=date_input(),
        help_text="You saw the original certificate or the register entry on this date.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
