"""Panels on the home page contributed by capability apps (reviews due, concerns awaiting
input, groups to register this week, deadlines...).

An app registers a panel in AppConfig.ready():

    add_home_panel(HomePanel("plans/_home_reviews_due.html", reviews_due_context, order=20))

`context(user)` returns the template context for that user, or None to hide the panel (for
roles it does not concern). It must query through the access policy and cost a fixed number
of queries."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Callable  # (user) -> dict | None: a selector, so it takes the user, not the request
    order: int = 50


HOME_PANELS: list[HomePanel] = []


def add_home_panel(panel: HomePanel) -> None:
    if panel not in HOME_PANELS:
        HOME_PANELS.append(panel)
        HOME_PANELS.sort(key=lambda p: p.order)


def panels_for(user) -> list[dict]:
    rendered = []
    for panel in HOME_PANELS:
        context = panel.context(user)
        if context is not None:
            rendered.append({"template": panel.template, "context": context})
    return rendered
