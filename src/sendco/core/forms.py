from django import forms

from sendco.core.input_bounds import BoundedDates

from .forms_base import date_input
from .models import Pupil

PUPIL_FIELDS = [
    "upn",
    "legal_forename",
    "middle_names",
    "legal_surname",
    "preferred_forename",
    "preferred_surname",
    "date_of_birth",
    "sex",
    "nc_year",
    "reg_group",
    "admission_date",
    "leaving_date",
    "eal",
    "first_language",
    "fsm",
    "pupil_premium",
    "looked_after",
    "previously_looked_after",
    "medical_needs",
]


class PupilForm(BoundedDates, forms.ModelForm):
    """The one place pupil fields are validated: used by the web forms, the API and imports."""

    # Optimistic concurrency: the version the editor started from.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Pupil
        fields = PUPIL_FIELDS
        widgets = {
            # A browser's date input only accepts ISO dates, whatever the site's locale.
            "date_of_birth": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "admission_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "leaving_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }
        help_texts = {
            "upn": "13 characters: a check letter then 12 digits (a temporary UPN ends in a letter).",
            "preferred_forename": "Leave blank if the same as the legal forename.",
        }

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        if school is not None:
            self.instance.school = school
        self.fields["upn"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_upn(self):
        return self.cleaned_data["upn"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        upn, school_id = cleaned.get("upn"), self.instance.school_id
        # `school` is not a form field, so ModelForm skips the (school, upn) constraint; the
        # database constraint stays as the backstop for two saves racing each other.
        if upn and school_id:
            clash = Pupil.objects.filter(school_id=school_id, upn=upn).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "upn", "A pupil with this UPN already exists at this school (it may be a removed record)."
                )
        return cleaned


def _iso_date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=date_input())


class AccessLogExportForm(BoundedDates, forms.Form):
    """What the access-log export is of (core.audit_views.access_log_export): a username, unless
    the pupil came from their Audit tab, and a period. The query keeps the names ?from= and ?to=
    (links on the Audit tab use them), which are Python keywords: the fields are added below."""

    user = forms.CharField(
        label="Username",
        max_length=150,
        error_messages={
            "required": "Give a username, or use “Download who viewed this record” on a pupil's Audit tab."
        },
        help_text="For a pupil, use “Download who viewed this record” on their Audit tab.",
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-20", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, for_pupil: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
        if for_pupil:
            del self.fields["user"]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("from"), cleaned.get("to")
        if since and until and until < since:
            self.add_error("to", "The end of the period must not be before its start (From).")
        return cleaned


AccessLogExportForm.base_fields["from"] = _iso_date("From")
AccessLogExportForm.base_fields["to"] = _iso_date("To")
