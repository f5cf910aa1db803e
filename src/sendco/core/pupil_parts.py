"""What other apps add to core's pupil list and pupil page, so that core imports none of them
(the register is a capability app above core). Registered in each app's AppConfig.ready().

- `add_pupil_page_part(key, build)`: `build(pupil)` gives the template variable `key` of the
  pupil page (one or two queries each, so the page stays a fixed number of queries).
- `add_pupil_list_prefetch(make)`: `make()` gives a `Prefetch` added to every pupil list."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Prefetch

PAGE_PARTS: dict[str, Callable] = {}
LIST_PREFETCHES: list[Callable[[], Prefetch]] = []


def add_pupil_page_part(key: str, build: Callable) -> None:
    PAGE_PARTS[key] = build


def add_pupil_list_prefetch(make: Callable[[], Prefetch]) -> None:
    if make not in LIST_PREFETCHES:
        LIST_PREFETCHES.append(make)
