"""The header navigation and the pupil page tabs. Each capability app adds its own entries
in AppConfig.ready(), so that core does not need to know about them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # Shown when this returns True for the request's user (a callable taking the Roles object).
    visible: object
    section: str = ""  # the first path segment that marks it current
    order: int = 50  # place in the header, left to right (apps register in INSTALLED_APPS order)


@dataclass(frozen=True)
class PupilTab:
    label: str
    url_name: str
    perm: str
    order: int = 50


NAV: list[NavItem] = []
PUPIL_TABS: list[PupilTab] = []


def add_nav(item: NavItem) -> None:
    if item not in NAV:
        NAV.append(item)
        NAV.sort(key=lambda n: n.order)


def add_pupil_tab(tab: PupilTab) -> None:
    if tab not in PUPIL_TABS:
        PUPIL_TABS.append(tab)
        PUPIL_TABS.sort(key=lambda t: t.order)


def pupil_tabs(user, pupil, current: str) -> list[dict]:
    """The tabs of a pupil's page that `user` may open."""
    from .access import policy

    return [
        {"label": t.label, "url_name": t.url_name, "current": t.url_name == current}
        for t in PUPIL_TABS
        if policy.can(user, t.perm, pupil)
    ]
