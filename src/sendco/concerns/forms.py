from django import forms

from sendco.core.forms_base import MultipleFileField, date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain import sen_codes
from sendco.domain.file_types import ACCEPTED_LABEL

from .models import RATING_AREAS, RATING_CHOICES, Concern

NEED_CHOICES = (
    [("", "Choose a need type")]
    + [(n.code, f"{n.name} ({n.code})") for n in sen_codes.NEED_TYPES.values() if n.code != "NSA"]
    + [("NSA", "SEN support but no specialist assessment of type of need (NSA)")]
)


class ConcernForm(forms.ModelForm):
    evidence = MultipleFileField(
        label="Evidence (optional)",
        required=False,
        help_text=f"Work samples, assessments or notes. {ACCEPTED_LABEL}, up to 10 MB each.",
    )

    class Meta:
        model = Concern
        fields = ["categories", "subjects", "observations", "strategies_tried"] + [
            f"rating_{code}" for code, _ in RATING_AREAS
        ]
        labels = {"categories": "Areas of concern"} | {
            f"rating_{code}": f"{label} (optional)" for code, label in RATING_AREAS
        }
        help_texts = {
            "categories": "Choose all that apply.",
            "subjects": "For example, English, maths, PE, or 'all lessons'.",
            "observations": "What the pupil does or finds hard, how often, and since when.",
            "strategies_tried": "Quality-first teaching you have tried, for how long, and what happened.",
        }
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "observations": forms.Textarea(attrs={"rows": 6}),
            "strategies_tried": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = categories
        for code, _ in RATING_AREAS:
            field = self.fields[f"rating_{code}"]
            field.choices = [("", "Not rated")] + RATING_CHOICES
            field.help_text = "1 no concern, 2 some, 3 clear, 4 serious concern."


class ConcernEditForm(ConcernForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InputRequestForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label="Who would you like to ask?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Adults who teach or support this pupil. They will see the request on their home page.",
    )
    message = forms.CharField(
        label="What would you like to know? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = teachers


class ResponseForm(forms.Form):
    response = forms.CharField(
        label="What do you see in your lessons?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the pupil finds hard, what helps, and anything you have tried.",
    )


class ParentViewsForm(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    parents_views = forms.CharField(
        label="What did the parents or carers say?", widget=forms.Textarea(attrs={"rows": 6})
    )
    parents_views_on = forms.DateField(label="Date you spoke to them", widget=date_input())


class DecisionForm(BoundedDates, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="Decision", choices=Concern.Decision.choices, widget=forms.RadioSelect)
    notes = forms.CharField(
        label="Reasons and next steps (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    review_date = forms.DateField(
        label="If monitoring: review date",
        required=False,
        widget=date_input(),
    )
    primary_need = forms.ChoiceField(
        label="If SEN support: primary need", choices=NEED_CHOICES, required=False
    )
    secondary_need = forms.ChoiceField(
        label="Secondary need (optional)", choices=NEED_CHOICES, required=False
    )
    start_date = forms.DateField(
        label="SEN support from",
        required=False,
        help_text="Leave blank for today.",
        widget=date_input(),
    )
    parents_told_on = forms.DateField(
        label="If SEN support: date the parents were told",
        required=False,
        help_text="The school must tell parents when it makes special educational provision for their child.",
        widget=date_input(),
    )
    agency = forms.CharField(
        label="If referring: agency or service",
        required=False,
        max_length=150,
        help_text="For example, educational psychology service, SALT, CAMHS.",
    )
    agency_reason = forms.CharField(
        label="Why you are referring", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label="Name", max_length=80)
    description = forms.CharField(label="Description", max_length=200, required=False)
    active = forms.BooleanField(label="In use (offered when raising a concern)", required=False, initial=True)
