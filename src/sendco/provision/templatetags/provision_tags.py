"""Display filters for the provision pages: money to pence, fractions as percentages, bar
widths as CSS classes (strict CSP: no style attributes)."""

from decimal import Decimal

from django import template

from sendco.domain.provision_costs import to_pence

register = template.Library()


@register.filter
def gbp(value) -> str:
    """£1,234.56 (rounded half up to pence at the last moment); blank for None."""
    if value is None or value == "":
        return "–"
    amount = to_pence(value if isinstance(value, Decimal) else Decimal(str(value)))
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@register.filter
def pct(fraction) -> str:
    if fraction is None:
        return "–"
    return f"{float(fraction) * 100:.0f}%"


@register.filter
def num(value, places=1) -> str:
    if value is None:
        return "–"
    return f"{float(value):,.{int(places)}f}"


@register.filter
def bar(value, maximum) -> int:
    """The app-bar__fill--N step (0–100 in 5s) for value out of maximum."""
    try:
        value, maximum = float(value or 0), float(maximum or 0)
    except (TypeError, ValueError):
        return 0
    if maximum <= 0 or value <= 0:
        return 0
    return max(5, min(100, int(round(value / maximum * 20)) * 5))


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
