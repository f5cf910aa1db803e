"""The agencies pages' own navigation: one list of links, each shown only to those who may
open it (the same roles the pages check), so every agencies page offers the same tabs."""

from django import template
from django.urls import reverse

from sendco.core.access import policy

from ..permissions import READERS, SEN_TEAM

register = template.Library()


@register.inclusion_tag("agencies/_subnav.html", takes_context=True)
def agencies_subnav(context, current: str, query: str = ""):
    """`current` names the page's tab; `query` (e.g. "school=3") is kept on the directory and
    calendar links so the chosen school or trust stays chosen."""
    user = context["request"].user
    roles = policy.roles(user)
    readers, team = roles.schools_with(READERS), roles.schools_with(SEN_TEAM)
    suffix = f"?{query}" if query else ""
    links = [("directory", "Directory", reverse("agency-list") + suffix, True)]
    links += [
        ("calendar", "Calendar", reverse("agency-calendar") + suffix, bool(readers)),
        ("referrals", "Referrals", reverse("referral-dashboard"), bool(readers)),
        (
            "waiting",
            "Waiting times",
            reverse("referral-waiting-times"),
            policy.schools(user, "school.aggregates").exists(),
        ),
        ("professionals", "Professionals", reverse("professional-list"), bool(team)),
        ("grants", "Access grants", reverse("access-grant-list"), bool(team)),
    ]
    return {"links": [(key, label, url) for key, label, url, shown in links if shown], "current": current}
