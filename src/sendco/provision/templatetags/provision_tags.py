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
    if value is None or value == "":  # "": a score not recorded yet (the template's missing attribute)
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
def entry_exit_chart(points, caption: str = "Entry and exit scores", chart_id="1"):
    """A server-rendered SVG (attributes only, no style: strict CSP) of each pupil's entry and
    exit score on one measure's axis; the same numbers are in the table beside it. ``points``
    are (pupil name, entry, exit); pupils without both are left out. One chart per measure:
    a reading age and a standardised score do not share an axis."""
    scored = [(name, a, b) for name, a, b in points if a is not None and b is not None]
    if not scored:
        return {"rows": []}
    values = [float(v) for _, a, b in scored for v in (a, b)]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    left, width, row_height = 160, 300, 24

    def x(v) -> float:
        return round(left + (float(v) - lo) / span * width, 1)

    rows = [
        {
            "y": 20 + i * row_height,
            "name": name,
            "x1": x(entry),
            "x2": x(exit_),
            "square_x": x(exit_) - 5,
            "up": exit_ >= entry,
            "entry": entry,
            "exit": exit_,
        }
        for i, (name, entry, exit_) in enumerate(scored)
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
        "chart_id": chart_id,
    }
