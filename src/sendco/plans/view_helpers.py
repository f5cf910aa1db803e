"""Small helpers shared by the plans views."""

from django.core.exceptions import ValidationError


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def copy_errors(form, exc: ValidationError) -> None:
    form.is_valid()
    for field, errors in exc.message_dict.items():
        for error in errors:
            if error not in form.errors.get(field, []):
                form.add_error(field if field in form.fields else None, error)


def form_page(heading: str, caption: str, back_url: str, submit: str = "Save") -> dict:
    return {"heading": heading, "caption": caption, "back_url": back_url, "submit": submit}
