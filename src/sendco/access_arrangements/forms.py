from django import forms
from django.contrib.auth import get_user_model

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain import access_arrangements as rules_
from sendco.domain import standardised_scores as ss
from sendco.domain.file_types import ACCEPTED_LABEL

from .models import AlternativeEvidence, Arrangement, Assessor, NormalWayRequest

SCORES_PREFIX = "scores"


class ArrangementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label="Arrangement", choices=[("", "Choose an arrangement")] + rules_.KIND_CHOICES
    )
    other_label = forms.CharField(
        label="Name of the arrangement", required=False, max_length=120, help_text="Only for 'Other'."
    )
    extra_time_percent = forms.IntegerField(
        label="Extra time (%)",
        required=False,
        help_text="Only for extra time over 25%, as the awarding body approved.",
    )
    status = forms.ChoiceField(choices=Arrangement.Status.choices)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decided_on = forms.DateField(label="Delegated or approved on", widget=date_input())
    approval_reference = forms.CharField(
        label="Approval reference", required=False, max_length=40,
        help_text="From Access Arrangements Online; leave blank for a delegated arrangement.",
    )  # fmt: skip
    expires_on = forms.DateField(
        label="Approval expires", required=False, widget=date_input(),
        help_text="Leave blank for the exam series' approval length (26 months by default).",
    )  # fmt: skip
    status = forms.ChoiceField(choices=Arrangement.Status.choices, initial=Arrangement.Status.APPROVED)


class Part1Form(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    history_of_need = forms.CharField(label="History of need", widget=forms.Textarea(attrs={"rows": 6}))
    normal_way_of_working = forms.CharField(
        label="Normal way of working", widget=forms.Textarea(attrs={"rows": 5})
    )
    part1_signed_on = forms.DateField(label="Signed off by the SENCO on", widget=date_input())


class Part2Form(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    taken_on = forms.DateField(label="Date of the assessment", widget=date_input())
    assessor = forms.ModelChoiceField(
        label="Assessor", queryset=Assessor.objects.none(), empty_label="Choose an assessor"
    )
    illegible_handwriting = forms.BooleanField(
        label="The assessor found the handwriting illegible", required=False
    )
    summary = forms.CharField(
        label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors


class ScoreForm(forms.Form):
    test_name = forms.CharField(label="Test", max_length=120)
    area = forms.ChoiceField(label="Area", choices=[("", "Choose an area")] + ss.AREA_CHOICES)
    # Range checked by the assessments service, so the message names the row.
    standard_score = forms.IntegerField(label="Standard score")


ScoreFormSet = forms.formset_factory(ScoreForm, extra=4, max_num=12, validate_max=True)


class Part3Form(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    part3_completed_on = forms.DateField(label="Part 3 completed on", widget=date_input())


class NormalWayRequestForm(forms.Form):
    requested_from = forms.ModelChoiceField(
        label="Who would you like to ask?", queryset=get_user_model().objects.none(), empty_label="Choose"
    )
    subject = forms.CharField(label="Subject (optional)", required=False, max_length=80)
    question = forms.CharField(
        label="What would you like to know? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_from"].queryset = staff


class AnswerForm(forms.Form):
    source = forms.ChoiceField(
        label="Where does the evidence come from?",
        choices=NormalWayRequest.Source.choices,
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="How does the pupil work in your lessons?", widget=forms.Textarea(attrs={"rows": 6})
    )


class AlternativeEvidenceForm(BoundedDates, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of evidence", choices=AlternativeEvidence.Kind.choices, widget=forms.RadioSelect
    )
    author = forms.CharField(
        label="Who wrote it", max_length=120, help_text="For example Dr A. Patel, paediatrician"
    )
    dated = forms.DateField(label="Date of the document", widget=date_input())
    summary = forms.CharField(
        label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(
        label="The document (optional)", required=False, help_text=f"{ACCEPTED_LABEL}, up to 10 MB."
    )
