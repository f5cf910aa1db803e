from django import forms

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates

from .models import SubjectAccessRequest


class SubjectAccessRequestForm(BoundedDates, forms.ModelForm):
    class Meta:
        model = SubjectAccessRequest
        fields = ["received_on", "requested_by", "extended"]
        widgets = {"received_on": date_input()}
        labels = {"received_on": "Date received", "requested_by": "Who made the request"}
