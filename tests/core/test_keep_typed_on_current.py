"""After a conflict the page keeps what the user typed but carries the record's current
version, so saving again (having seen the conflict) replaces that version; the form keeps the
arguments it was built with (here, its choices)."""

from types import SimpleNamespace

from django import forms
from django.http import QueryDict

from sendco.core.concurrency import keep_typed_on_current


class _Form(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    colour = forms.ChoiceField(choices=[])
    note = forms.CharField(required=False)

    def __init__(self, *args, colours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = colours


def test_typed_values_stay_and_version_becomes_current():
    form = _Form(QueryDict("version=3&colour=red&note=typed"), colours=[("red", "Red")])
    assert form.is_valid() and form.cleaned_data["version"] == 3
    form.add_error("note", "An error from the failed save")

    keep_typed_on_current(form, SimpleNamespace(version=5))

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"version": 5, "colour": "red", "note": "typed"}
    assert 'value="5"' in str(form["version"]) and 'value="typed"' in str(form["note"])


def test_prefixed_form_gets_the_version_under_its_prefix():
    form = _Form(QueryDict("p-version=1&p-colour=red"), colours=[("red", "Red")], prefix="p")
    keep_typed_on_current(form, SimpleNamespace(version=2))
    assert form.is_valid() and form.cleaned_data["version"] == 2
