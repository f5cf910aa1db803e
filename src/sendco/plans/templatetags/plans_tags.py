from django import template

from sendco.plans import richtext

register = template.Library()


@register.filter
def rich(value):
    """Sanitised rich text (lists, bold, italic, paragraphs)."""
    return richtext.render(value)
