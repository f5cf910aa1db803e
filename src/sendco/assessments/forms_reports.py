"""Forms for professionals' reports: the upload (its scores use the sitting pages' formset,
prefix ``scores``) and a recommendation's decision. Needed fields are left for the service to
refuse with its own message, so the page and the API say the same thing."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates

from .forms import NeededChar, NeededDate
from .models import Recommendation


class ReportForm(BoundedDates, forms.Form):
    use_required_attribute = False
    title = NeededChar(label="Title", help_text="For example Educational psychology report")
    author_name = NeededChar(label="Author")
    author_role = forms.CharField(
        label="Author's profession", required=False, help_text="For example educational psychologist"
    )
    agency_name = forms.CharField(label="Service or agency", required=False)
    written_on = NeededDate(label="Date of the report", widget=date_input())
    received_on = NeededDate(label="Date received", widget=date_input())
    summary = forms.CharField(label="Key findings", required=False, widget=forms.Textarea({"rows": 5}))
    recommendations = forms.CharField(
        label="Recommendations",
        required=False,
        help_text="One recommendation a line. Each becomes an action to decide: a plan target, "
        "provision, or not adopted.",
        widget=forms.Textarea({"rows": 6}),
    )
    file = forms.FileField(label="The report", required=False, help_text="PDF or Word (.docx), up to 10 MB.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def details(self) -> dict:
        """What was typed, for the service (a date it could not read is None: the service says
        it is missing, unless the form already said what was wrong)."""
        self.is_valid()
        data = self.cleaned_data
        text = ("title", "author_name", "author_role", "agency_name", "summary", "recommendations")
        out = {name: data.get(name) or self[name].value() or "" for name in text}
        return out | {"written_on": data.get("written_on"), "received_on": data.get("received_on")}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label="What did the school decide?",
        choices=[
            (Recommendation.Status.NOT_ADOPTED, "Not adopted"),
            (Recommendation.Status.OTHER, "Acted on another way"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Why, or what was done instead", max_length=300, widget=forms.Textarea({"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReportCorrectionForm(BoundedDates, forms.Form):
    """The report's details (not its file, scores or recommendations), with the version shown."""

    use_required_attribute = False
    title = ReportForm.base_fields["title"]
    author_name = ReportForm.base_fields["author_name"]
    author_role = ReportForm.base_fields["author_role"]
    agency_name = ReportForm.base_fields["agency_name"]
    written_on = ReportForm.base_fields["written_on"]
    received_on = ReportForm.base_fields["received_on"]
    summary = ReportForm.base_fields["summary"]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    TEXT = ("title", "author_name", "author_role", "agency_name", "summary")

    def details(self) -> dict:
        self.is_valid()
        data = self.cleaned_data
        out = {name: data.get(name) or self[name].value() or "" for name in self.TEXT}
        return out | {"written_on": data.get("written_on"), "received_on": data.get("received_on")}

    def shown_version(self) -> int:
        """The version the page showed; a page without one is treated as stale (0)."""
        try:
            return int(self["version"].value() or 0)
        except (TypeError, ValueError):
            return 0
