from django import template

register = template.Library()


@register.filter
def attr_display(obj, name: str):
    """The display value of a model field, e.g. for a conflict screen that lists every field."""
    getter = getattr(obj, f"get_{name}_display", None)
    value = getter() if callable(getter) else getattr(obj, name, "")
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return "—" if value in (None, "") else value


# The colour of a pupil's SEN status tag, in one place for every page that shows one.
SEN_TAG_CLASSES = {"E": "govuk-tag--purple", "K": "govuk-tag--blue"}


@register.filter
def sen_tag_class(status: str) -> str:
    """The GOV.UK tag class for an SEN status: E purple, K blue, no SEN (N) grey."""
    return SEN_TAG_CLASSES.get(status, "govuk-tag--grey")
