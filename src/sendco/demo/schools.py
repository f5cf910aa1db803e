"""The schools of the demo trust for each size, as specs (name, phase, numbers on roll by year).

Sizes: ``small`` (one secondary, ~200 pupils, for tests), ``school`` (the demo default: a
secondary of ~1,500 with a sixth form and a primary of ~400) and ``trust`` (at least 50 schools
and 50,000 pupils, for benchmarks).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import names
from .draws import Picker

DEMO_ORGANISATION_NAME = "Northfield Learning Trust"
SIZES = ("small", "school", "trust")


@dataclass(frozen=True)
class SchoolSpec:
    name: str
    phase: str
    urn: str
    la_number: str
    establishment_number: str
    year_counts: tuple[tuple[int, int], ...]
    town: int = 0
    diversity: float = 1.0  # multiplies the weight of communities other than "english"
    sen_factor: float = 1.0  # multiplies the K and E prevalence

    @property
    def has_sixth_form(self) -> bool:
        return any(y >= 12 for y, _ in self.year_counts)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.year_counts)


def _secondary_counts(rng: random.Random, total: int, sixth_form: bool) -> tuple[tuple[int, int], ...]:
    per_year = total / (5 + 0.52 + 0.46) if sixth_form else total / 5
    counts = [(y, round(per_year * rng.uniform(0.95, 1.05))) for y in range(7, 12)]
    if sixth_form:
        counts += [(12, round(per_year * 0.52)), (13, round(per_year * 0.46))]
    return tuple(counts)


def _primary_counts(rng: random.Random, total: int) -> tuple[tuple[int, int], ...]:
    return tuple((y, round(total / 7 * rng.uniform(0.93, 1.05))) for y in range(0, 7))


def school_specs(size: str, rng: random.Random) -> list[SchoolSpec]:
    flagship = "Northfield Academy"
    if size == "small":
        return [
            SchoolSpec(flagship, "secondary", "990001", "990", "4001", tuple((y, 40) for y in range(7, 12)))
        ]
    specs = [
        SchoolSpec(flagship, "secondary", "990001", "990", "4001", _secondary_counts(rng, 1500, True)),
        SchoolSpec(
            "Kingsmere Primary School", "primary", "990002", "990", "2001", _primary_counts(rng, 400), 2
        ),
    ]
    if size == "school":
        return specs
    # Trust: about 40 primaries and 12 secondaries, then one secondary and two primaries at a
    # time until there are at least 50,000 pupils (a trust among the largest in England).
    places = [p for p in names.place_names() if p not in ("Northfield", "Kingsmere")]
    rng.shuffle(places)
    phases = ["primary"] * 39 + ["secondary"] * 11
    rng.shuffle(phases)
    estab = {"primary": 2001, "secondary": 4001}
    diversity = Picker({"0.3": 3, "0.6": 3, "1.0": 4, "1.6": 2, "2.5": 1})

    def add(phase: str) -> None:
        n = len(specs)
        la = f"{990 + n % 4}"
        estab[phase] += 1
        if phase == "secondary":
            total = rng.randint(1000, 1600)
            counts = _secondary_counts(rng, total, sixth_form=rng.random() < 0.65)
            suffix = rng.choice(names.SECONDARY_SUFFIXES)
        else:
            counts = _primary_counts(rng, rng.randint(250, 450))
            suffix = rng.choice(names.PRIMARY_SUFFIXES)
        specs.append(
            SchoolSpec(
                f"{places[n]} {suffix}",
                phase,
                f"99{n + 1:04d}",
                la,
                f"{estab[phase] + n:04d}",
                counts,
                town=n % len(names.TOWNS),
                diversity=float(diversity(rng)),
                sen_factor=rng.uniform(0.8, 1.2),
            )
        )

    for phase in phases:
        add(phase)
    while sum(s.total for s in specs) < 50_000:
        for phase in ("secondary", "primary", "primary"):
            add(phase)
    return specs
