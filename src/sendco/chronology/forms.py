from django import forms
from django.contrib.auth import get_user_model

from sendco.core.forms_base import MultipleFileField, date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain.file_types import ACCEPTED_LABEL

from .models import ChronologyEntry
from .permissions import WRITER_ROLES


def staff_at(school):
    return (
        get_user_model()
        .objects.filter(
            memberships__school=school, memberships__active=True, memberships__role__in=list(WRITER_ROLES)
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


class EntryForm(BoundedDates, forms.ModelForm):
    attachments = MultipleFileField(
        required=False, help_text=f"{ACCEPTED_LABEL}, up to 10 MB each. You can choose several files."
    )

    class Meta:
        model = ChronologyEntry
        fields = [
            "occurred_on",
            "occurred_time",
            "kind",
            "category",
            "title",
            "body",
            "confidentiality",
            "staff_participants",
            "other_participants",
            "follow_up",
            "follow_up_owner",
            "follow_up_due",
        ]
        labels = {
            "occurred_on": "Date it happened",
            "occurred_time": "Time",
            "kind": "Type of entry",
            "body": "What happened",
            "confidentiality": "Who can read this",
            "staff_participants": "Staff who took part",
            "other_participants": "Others who took part",
            "follow_up": "Follow-up action",
            "follow_up_owner": "Who will do it",
            "follow_up_due": "Due by",
        }
        help_texts = {
            "occurred_on": "You can record something that happened earlier; it is placed by this date.",
            "other_participants": "For example, Mrs Patel (mum), Jo Smith (speech and language therapist).",
            "staff_participants": "Hold Ctrl (or Cmd) to choose more than one.",
        }
        widgets = {
            "occurred_on": date_input(),
            "occurred_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "follow_up_due": date_input(),
            "confidentiality": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, pupil, categories, **kwargs):
        super().__init__(*args, **kwargs)
        staff = staff_at(pupil.school)
        self.fields["category"].queryset = categories
        self.fields["staff_participants"].queryset = staff
        self.fields["follow_up_owner"].queryset = staff
        self.fields["confidentiality"].choices = ChronologyEntry.Confidentiality.choices


class CorrectionForm(EntryForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why are you correcting this entry?",
        max_length=90,
        help_text="The original stays in the entry's history, with your name and this reason.",
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label="Category name", max_length=80)
    active = forms.BooleanField(label="In use (offered for new entries)", required=False, initial=True)
