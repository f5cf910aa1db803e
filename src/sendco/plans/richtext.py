"""Rich text (strategies, views, notes) as sanitised HTML: lists, bold, italic, paragraphs and
safe links survive; scripts, styles, event handlers and everything else are removed."""

import re

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Text with no tag in it is plain text (a "<" may be "scores < 85"): escape it, keep paragraphs.
LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][^>]*>")


def clean(value: str) -> str:
    """What we store: sanitised HTML (plain text with line breaks becomes paragraphs)."""
    value = (value or "").strip()
    if not value:
        return ""
    if not LOOKS_LIKE_HTML.search(value):
        value = linebreaks(escape(value))
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def render(value: str):
    """For templates: sanitise again on the way out (older rows, bulk inserts), mark safe."""
    return mark_safe(clean(value))  # noqa: S308  (nh3 has just removed anything unsafe)
