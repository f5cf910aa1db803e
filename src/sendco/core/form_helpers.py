"""Small helpers every app's views (and a few services) use with forms and request input."""

from django.core.exceptions import ValidationError


def int_or_none(value):
    """An integer from request input, or None when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def copy_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form it came from (field errors on their fields)."""
    form.is_valid()
    for field, errors in exc.message_dict.items():
        for error in errors:
            if error not in form.errors.get(field, []):
                form.add_error(field if field in form.fields else None, error)
