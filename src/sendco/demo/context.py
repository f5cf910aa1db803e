"""What the demo generator hands to each app's `demo_data.build(ctx)`.

After the generator has built schools, staff, pupils, families, classes and the SEN register,
it calls `build(ctx)` in every sendco app that has a `demo_data` module (INSTALLED_APPS
order), so each capability adds its own realistic records (plans, provision, EHC plans, ...)
without the generator knowing about it. Extensions must use bulk inserts, draw randomness
only from `ctx.rng` (deterministic demo), date everything relative to `ctx.today`, and
keep `trust` size fast (it has >= 50 schools and >= 50,000 pupils).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DemoContext:
    size: str  # "small" | "school" | "trust"
    rng: random.Random
    today: date
    schools: list  # core.School rows, in build order (the first is the demo logins' school)
    logins: dict = field(default_factory=dict)  # demo username -> User (empty when built without logins)
    progress: Callable[[str], None] = lambda message: None

    def say(self, message: str) -> None:
        self.progress(message)


def run_extensions(ctx: DemoContext) -> None:
    from sendco.apps_registry import app_modules

    for module in app_modules("demo_data"):
        module.build(ctx)
