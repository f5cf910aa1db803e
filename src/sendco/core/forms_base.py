"""GOV.UK-style markup for every Django form: a renderer whose field template gives each field
a label, hint, error message and the right CSS class, so templates just write {{ form }}.
Also the fields several apps share (several files in one upload field)."""

from django import forms
from django.forms.renderers import TemplatesSetting


def date_input() -> forms.DateInput:
    """A browser date picker whose value is ISO (YYYY-MM-DD), the only format it reads back; the
    locale's format would show an empty picker for a saved date."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


class GovukRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"

    def render(self, template_name, context, request=None):
        field = context.get("field")
        if field is not None and hasattr(field, "field"):
            widget = field.field.widget
            css = next((c for t, c in WIDGET_CLASSES.items() if type(widget) is t), "govuk-input")
            if field.errors and css in ("govuk-input", "govuk-select", "govuk-textarea"):
                css += f" {css}--error"
            existing = widget.attrs.get("class", "")
            if css.split()[0] not in existing:
                widget.attrs["class"] = f"{existing} {css}".strip()
        return super().render(template_name, context, request)


# Attachments (chronology) and evidence (concerns): several files in one field.
class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]
