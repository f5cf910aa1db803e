"""Forms of the directory, traded time and visit pages. They parse input; the services hold
the rules (a service's field errors are copied back onto these forms)."""

from django import forms

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates

from .models import Agency


class AgencyForm(forms.Form):
    name = forms.CharField(max_length=150, help_text="The service's name as families and staff know it")
    kind = forms.ChoiceField(choices=[("", "Choose a kind of service")] + list(Agency.Kind.choices))
    shared = forms.BooleanField(
        label="Shared across the trust",
        required=False,
        help_text="Every school of the trust sees a shared entry; only trust officers change it.",
    )
    local_authority = forms.CharField(
        label="Local authority", max_length=100, required=False, help_text="The council whose service it is"
    )
    contact_name = forms.CharField(label="Contact name", max_length=120, required=False)
    email = forms.EmailField(required=False, help_text="The referral or duty inbox, if it has one")
    phone = forms.CharField(max_length=40, required=False)
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    website = forms.URLField(required=False, assume_scheme="https", help_text="Starting with https://")
    local_offer_url = forms.URLField(
        label="Local offer page",
        required=False,
        assume_scheme="https",
        help_text="The service's page in the local authority's SEND local offer, starting with https://",
    )
    referral_route = forms.CharField(
        label="How to refer",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="The form, portal, email or planning meeting referrals go through",
    )
    referral_criteria = forms.CharField(
        label="Who the service accepts",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Ages, needs, thresholds and what must be tried or sent first",
    )
    typical_wait_days = forms.IntegerField(
        label="Typical wait (days)",
        required=False,
        min_value=0,
        max_value=1000,
        help_text="Days from sending a referral to the first appointment or answer",
    )
    traded = forms.BooleanField(label="Traded (the school pays for it)", required=False)
    day_rate = forms.DecimalField(
        label="Cost per day (£)", required=False, min_value=0, max_digits=8, decimal_places=2
    )
    cost_notes = forms.CharField(
        label="Cost notes", max_length=200, required=False, help_text="For example 'Half days at £240'"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, may_share: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_share:
            del self.fields["shared"]


class PurchaseForm(forms.Form):
    year_start = forms.TypedChoiceField(label="Academic year", coerce=int, choices=())
    days_bought = forms.DecimalField(
        label="Days bought", min_value=0, max_digits=6, decimal_places=1, help_text="For example 6 or 7.5"
    )
    cost = forms.DecimalField(
        label="Cost (£)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text="What the school pays for these days in all",
    )
    notes = forms.CharField(max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_start"].choices = [(y, f"{y} to {y + 1}") for y in years]


class VisitForm(BoundedDates, forms.Form):
    agency = forms.ModelChoiceField(
        label="Service", queryset=Agency.objects.none(), empty_label="Choose a service"
    )
    on = forms.DateField(label="Date", widget=date_input())
    at = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="For example 09:30",
    )
    duration_minutes = forms.IntegerField(label="Length (minutes)", min_value=5, max_value=720, initial=60)
    professional_name = forms.CharField(
        label="Professional", max_length=120, required=False, help_text="Who is coming, if known"
    )
    purpose = forms.CharField(max_length=200, help_text="For example 'Consultation and observation, Year 3'")
    location = forms.CharField(max_length=120, required=False, help_text="The room, or 'Online'")
    days_used = forms.DecimalField(
        label="Traded days used",
        required=False,
        min_value=0,
        max_value=30,
        max_digits=4,
        decimal_places=1,
        help_text="For traded services: how much of the school's bought time this visit uses, like 0.5",
    )
    pupils = forms.MultipleChoiceField(
        label="Pupils seen (optional)", required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, agencies=None, pupils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        self.fields["pupils"].choices = [(p.pk, f"{p.full_name} (Year {p.nc_year})") for p in pupils]
