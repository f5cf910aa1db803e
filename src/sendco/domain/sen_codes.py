"""SEN provision codes, need types and their broad areas, as plain Python data.

No Django imports: forms, models, the API, imports and the census return all read
these constants.

Sources
-------
* Need types and provision codes: copied from the sendco domain reference
  ``need-types.csv`` and ``provision-codes.csv`` (DfE school census guide / CBDS;
  broad areas from the SEND Code of Practice 0-25, January 2015, chapter 6).
  Keep the rows below in CSV order and in step with those files.
* National picture used for demo data (``NEED_WEIGHTS``, ``PREVALENCE``,
  ``BOY_SHARE``): DfE "Special educational needs in England 2024/25" (January 2025
  census), as summarised in section 8 of the domain reference. The weights for the
  less common needs are estimates, not official figures.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BOY_SHARE",
    "BROAD_AREAS",
    "CURRENT_PROVISION_CODES",
    "HISTORIC_PROVISION_CODES",
    "NEED_TYPES",
    "NEED_WEIGHTS",
    "PHASE_FACTORS",
    "PHASES",
    "PREVALENCE",
    "PROVISION_CODES",
    "PROVISIONS_WITH_NEEDS",
    "BroadArea",
    "NeedType",
    "ProvisionCode",
    "is_need_code",
    "is_provision_code",
    "need_types_in_area",
    "need_weights",
    "provision_label",
]


# --------------------------------------------------------------------------- broad areas


@dataclass(frozen=True)
class BroadArea:
    """One of the four broad areas of need of the SEND Code of Practice (6.28-6.35), or Other."""

    code: str
    name: str


# Stable order: the order in which the areas first appear in need-types.csv.
# "Other" is not a Code of Practice area; it holds OTH and NSA.
BROAD_AREAS: dict[str, BroadArea] = {
    "CL": BroadArea("CL", "Cognition and learning"),
    "SEMH": BroadArea("SEMH", "Social, emotional and mental health"),
    "CI": BroadArea("CI", "Communication and interaction"),
    "SP": BroadArea("SP", "Sensory and/or physical"),
    "OTH": BroadArea("OTH", "Other"),
}


# --------------------------------------------------------------------------- need types


@dataclass(frozen=True)
class NeedType:
    """A census / CTF SEN need type. ``broad_area`` is a key of ``BROAD_AREAS``."""

    code: str
    name: str
    broad_area: str
    notes: str = ""

    @property
    def area(self) -> BroadArea:
        return BROAD_AREAS[self.broad_area]

    @property
    def broad_area_name(self) -> str:
        return BROAD_AREAS[self.broad_area].name


# Source: /work/shared/domain/need-types.csv (CSV order kept). The CSV names the broad
# area in words; "Social emotional and mental health" there is the CoP's
# "Social, emotional and mental health".
NEED_TYPES: dict[str, NeedType] = {
    nt.code: nt
    for nt in (
        NeedType("SPLD", "Specific learning difficulty", "CL"),
        NeedType("MLD", "Moderate learning difficulty", "CL"),
        NeedType("SLD", "Severe learning difficulty", "CL"),
        NeedType("PMLD", "Profound and multiple learning difficulty", "CL"),
        NeedType("SEMH", "Social, emotional and mental health", "SEMH", "replaced BESD in 2015"),
        NeedType("SLCN", "Speech, language and communication needs", "CI"),
        NeedType(
            "ASD",
            "Autistic spectrum disorder",
            "CI",
            "census and CTF code is ASD (never AUT or ASC)",
        ),
        NeedType("HI", "Hearing impairment", "SP"),
        NeedType("VI", "Visual impairment", "SP"),
        NeedType("MSI", "Multi-sensory impairment", "SP"),
        NeedType("PD", "Physical disability", "SP"),
        NeedType("OTH", "Other difficulty/disability", "OTH"),
        NeedType(
            "NSA",
            "SEN support but no specialist assessment of type of need",
            "OTH",
            "only meaningful with provision K",
        ),
    )
}


def need_types_in_area(area_code: str) -> list[NeedType]:
    """Need types in one broad area, in CSV order."""
    if area_code not in BROAD_AREAS:
        raise ValueError(f"Unknown broad area {area_code!r}; expected one of {', '.join(BROAD_AREAS)}.")
    return [nt for nt in NEED_TYPES.values() if nt.broad_area == area_code]


def is_need_code(code: object) -> bool:
    return isinstance(code, str) and code in NEED_TYPES


# --------------------------------------------------------------------------- provision codes


@dataclass(frozen=True)
class ProvisionCode:
    """An SEN provision code as reported in the school census and the CTF."""

    code: str
    name: str
    current: bool
    notes: str = ""


# Source: /work/shared/domain/provision-codes.csv (CSV order kept).
PROVISION_CODES: dict[str, ProvisionCode] = {
    pc.code: pc
    for pc in (
        ProvisionCode(
            "N", "No special educational need", True, "includes pupils who were previously on SEN support"
        ),
        ProvisionCode(
            "K", "SEN support", True, "since 2014/15; replaced School Action and School Action Plus"
        ),
        ProvisionCode("E", "Education, health and care plan", True, "since September 2014"),
        ProvisionCode(
            "S",
            "Statement of SEN",
            False,
            "historic; all statements transferred to EHC plans by 1 April 2018",
        ),
        ProvisionCode("A", "School Action", False, "historic (before 2015); import only"),
        ProvisionCode("P", "School Action Plus", False, "historic (before 2015); import only"),
    )
}

CURRENT_PROVISION_CODES: tuple[str, ...] = ("N", "K", "E")
HISTORIC_PROVISION_CODES: tuple[str, ...] = ("S", "A", "P")

# Provision codes for which the census expects ranked need types.
PROVISIONS_WITH_NEEDS: tuple[str, ...] = ("K", "E")


def is_provision_code(code: object) -> bool:
    return isinstance(code, str) and code in PROVISION_CODES


def provision_label(code: str) -> str:
    """``"K (SEN support)"``; an unknown code is returned quoted as given."""
    pc = PROVISION_CODES.get(code)
    return f"{pc.code} ({pc.name})" if pc else repr(code)


# --------------------------------------------------------------------------- demo-data weights

# Share of all pupils on roll with each provision, January 2025 census (DfE).
PREVALENCE: dict[str, float] = {"K": 0.142, "E": 0.053}

# Share of boys among pupils with each provision, January 2025 census (DfE, rounded).
BOY_SHARE: dict[str, float] = {"K": 0.61, "E": 0.71}

# Relative weights of the primary need, by provision (domain reference section 8).
# SLCN (SEN support, 25.7%) and ASD (EHC plan, 33.6%) are DfE figures rounded; the rest
# are estimates. "< 1" is given 0.5. They are relative weights: they do not sum to 100
# (K sums to 95, E to 98.5). NSA only occurs with K.
NEED_WEIGHTS: dict[str, dict[str, float]] = {
    "K": {
        "SLCN": 26.0,
        "SEMH": 20.0,
        "SPLD": 13.0,
        "MLD": 12.0,
        "ASD": 9.0,
        "NSA": 4.0,
        "PD": 3.0,
        "OTH": 3.0,
        "HI": 2.0,
        "VI": 1.0,
        "SLD": 1.0,
        "MSI": 0.5,
        "PMLD": 0.5,
    },
    "E": {
        "ASD": 34.0,
        "SLCN": 17.0,
        "SEMH": 16.0,
        "SLD": 9.0,
        "MLD": 7.0,
        "PD": 4.0,
        "PMLD": 3.0,
        "SPLD": 3.0,
        "HI": 2.0,
        "OTH": 2.0,
        "VI": 1.0,
        "MSI": 0.5,
    },
}

PHASES: tuple[str, ...] = ("primary", "secondary")

# Phase adjustment: ESTIMATES, not DfE figures. The reference only says SLCN is more
# common in primary and SpLD and SEMH in secondary; these multipliers make demo schools
# look plausible and should be replaced when phase-level data is used.
PHASE_FACTORS: dict[str, dict[str, float]] = {
    "primary": {"SLCN": 1.5, "SPLD": 0.7, "SEMH": 0.85},
    "secondary": {"SLCN": 0.5, "SPLD": 1.5, "SEMH": 1.35},
}


def need_weights(provision: str, phase: str | None = None) -> dict[str, float]:
    """Relative primary-need weights for demo pupils with ``provision`` (K or E) in ``phase``.

    ``phase`` is "primary", "secondary", or None (all-through / unknown: national
    weights unchanged). The result is a new dict, in the order of ``NEED_WEIGHTS``;
    the weights are relative (use with ``random.choices``).
    """
    if provision not in NEED_WEIGHTS:
        raise ValueError(f"Need weights exist only for K and E, not {provision!r}.")
    if phase is not None and phase not in PHASE_FACTORS:
        raise ValueError(f"Unknown phase {phase!r}; expected one of {', '.join(PHASES)} or None.")
    factors = PHASE_FACTORS[phase] if phase is not None else {}
    return {code: weight * factors.get(code, 1.0) for code, weight in NEED_WEIGHTS[provision].items()}
