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


@register.inclusion_tag("provision/_entry_exit_chart.html")
def entry_exit_chart(members, caption: str = "Entry and exit scores"):
    """A server-rendered SVG (attributes only, no style: strict CSP) of each pupil's entry and
    exit score on one axis; the same numbers are in the table beside it."""
    scored = [m for m in members if m.entry_value is not None and m.exit_value is not None]
    if not scored:
        return {"rows": []}
    values = [float(v) for m in scored for v in (m.entry_value, m.exit_value)]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    left, width, row_height = 160, 300, 24

    def x(v) -> float:
        return round(left + (float(v) - lo) / span * width, 1)

    rows = [
        {
            "y": 20 + i * row_height,
            "name": m.pupil.full_name,
            "x1": x(m.entry_value),
            "x2": x(m.exit_value),
            "square_x": x(m.exit_value) - 5,
            "up": m.exit_value >= m.entry_value,
            "entry": m.entry_value,
            "exit": m.exit_value,
        }
        for i, m in enumerate(scored)
    ]
    return {
        "rows": rows,
        "height": 40 + len(rows) * row_height,
        "lo": lo,
        "hi": hi,
        "axis_y": 24 + len(rows) * row_height,
        "left": left,
        "right": left + width,
        "caption": caption,
    }
