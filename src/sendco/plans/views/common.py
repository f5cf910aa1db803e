"""Small helpers shared by the plans views: the read log, the pupil page context, the form
page heading, and the two versions side by side on a conflict."""

from __future__ import annotations

from django.utils.html import strip_tags

from sendco.core.navigation import pupil_tabs


def form_page(heading: str, caption: str, back_url: str, submit: str = "Save") -> dict:
    return {"heading": heading, "caption": caption, "back_url": back_url, "submit": submit}


def _pupil_context(request, pupil, tab: str) -> dict:
    return {"pupil": pupil, "tabs": pupil_tabs(request.user, pupil, tab)}


def _conflict_rows(form, current) -> list[dict]:
    """Both versions side by side: what the other person saved, and what this editor typed."""
    rows = []
    for field in form:
        if field.name in ("version", "photo", "from_bank"):
            continue
        saved = getattr(current, field.name, "")
        mine = form.data.get(field.name, "")
        rows.append(
            {
                "label": field.label,
                "saved": strip_tags(str(saved or "")),
                "mine": strip_tags(str(mine)),
                "differs": strip_tags(str(saved or "")).strip() != strip_tags(str(mine)).strip(),
            }
        )
    return rows
