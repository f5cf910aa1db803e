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
