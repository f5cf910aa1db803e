import csv
import random
from pathlib import Path

import pytest

from sendco.domain import sen_codes
from sendco.domain.sen_codes import (
    BOY_SHARE,
    BROAD_AREAS,
    CURRENT_PROVISION_CODES,
    HISTORIC_PROVISION_CODES,
    NEED_TYPES,
    NEED_WEIGHTS,
    PREVALENCE,
    PROVISION_CODES,
    BroadArea,
    NeedType,
    ProvisionCode,
    is_need_code,
    is_provision_code,
    need_types_in_area,
    need_weights,
    provision_label,
)

REFERENCE = Path("/work/shared/domain")


def test_need_types_in_csv_order():
    assert list(NEED_TYPES) == [
        "SPLD",
        "MLD",
        "SLD",
        "PMLD",
        "SEMH",
        "SLCN",
        "ASD",
        "HI",
        "VI",
        "MSI",
        "PD",
        "OTH",
        "NSA",
    ]


def test_need_type_values():
    assert NEED_TYPES["ASD"] == NeedType(
        "ASD", "Autistic spectrum disorder", "CI", "census and CTF code is ASD (never AUT or ASC)"
    )
    assert NEED_TYPES["SEMH"].name == "Social, emotional and mental health"
    assert NEED_TYPES["SEMH"].notes == "replaced BESD in 2015"
    assert NEED_TYPES["NSA"].notes == "only meaningful with provision K"
    assert NEED_TYPES["SPLD"].notes == ""
    assert NEED_TYPES["MSI"].broad_area_name == "Sensory and/or physical"
    assert NEED_TYPES["OTH"].area == BroadArea("OTH", "Other")


def test_no_aut_or_asc_codes():
    assert "AUT" not in NEED_TYPES
    assert "ASC" not in NEED_TYPES
    assert "BESD" not in NEED_TYPES


def test_broad_areas_order_and_names():
    assert list(BROAD_AREAS) == ["CL", "SEMH", "CI", "SP", "OTH"]
    assert [a.name for a in BROAD_AREAS.values()] == [
        "Cognition and learning",
        "Social, emotional and mental health",
        "Communication and interaction",
        "Sensory and/or physical",
        "Other",
    ]


def test_every_need_type_has_a_known_area():
    assert {nt.broad_area for nt in NEED_TYPES.values()} == set(BROAD_AREAS)


@pytest.mark.parametrize(
    "area, codes",
    [
        ("CL", ["SPLD", "MLD", "SLD", "PMLD"]),
        ("SEMH", ["SEMH"]),
        ("CI", ["SLCN", "ASD"]),
        ("SP", ["HI", "VI", "MSI", "PD"]),
        ("OTH", ["OTH", "NSA"]),
    ],
)
def test_need_types_in_area(area, codes):
    assert [nt.code for nt in need_types_in_area(area)] == codes


def test_need_types_in_unknown_area():
    with pytest.raises(ValueError, match="Unknown broad area"):
        need_types_in_area("XX")


def test_provision_codes():
    assert list(PROVISION_CODES) == ["N", "K", "E", "S", "A", "P"]
    assert PROVISION_CODES["K"] == ProvisionCode(
        "K", "SEN support", True, "since 2014/15; replaced School Action and School Action Plus"
    )
    assert PROVISION_CODES["E"].name == "Education, health and care plan"
    assert PROVISION_CODES["S"].current is False
    assert CURRENT_PROVISION_CODES == ("N", "K", "E")
    assert HISTORIC_PROVISION_CODES == ("S", "A", "P")
    assert [c for c, pc in PROVISION_CODES.items() if pc.current] == list(CURRENT_PROVISION_CODES)
    assert [c for c, pc in PROVISION_CODES.items() if not pc.current] == list(HISTORIC_PROVISION_CODES)


def test_helpers():
    assert provision_label("K") == "K (SEN support)"
    assert provision_label("Z") == "'Z'"
    assert is_need_code("ASD") and not is_need_code("asd") and not is_need_code(None)
    assert is_provision_code("E") and not is_provision_code("X")


@pytest.mark.skipif(not (REFERENCE / "need-types.csv").exists(), reason="domain reference not present")
def test_need_types_match_reference_csv():
    area_by_name = {"Social emotional and mental health": "SEMH"} | {
        a.name: a.code for a in BROAD_AREAS.values()
    }
    with open(REFERENCE / "need-types.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [NeedType(r["code"], r["name"], area_by_name[r["broad_area"]], r["notes"]) for r in rows] == list(
        NEED_TYPES.values()
    )


@pytest.mark.skipif(not (REFERENCE / "provision-codes.csv").exists(), reason="domain reference not present")
def test_provision_codes_match_reference_csv():
    with open(REFERENCE / "provision-codes.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [ProvisionCode(r["code"], r["name"], r["current"] == "yes", r["notes"]) for r in rows] == list(
        PROVISION_CODES.values()
    )


def test_national_picture():
    assert PREVALENCE == {"K": 0.142, "E": 0.053}
    assert BOY_SHARE == {"K": 0.61, "E": 0.71}
    assert round(PREVALENCE["K"] + PREVALENCE["E"], 3) == 0.195


def test_need_weights_values():
    assert NEED_WEIGHTS["K"]["SLCN"] == 26
    assert NEED_WEIGHTS["K"]["MSI"] == 0.5
    assert NEED_WEIGHTS["K"]["PMLD"] == 0.5
    assert NEED_WEIGHTS["E"]["ASD"] == 34
    assert NEED_WEIGHTS["E"]["PMLD"] == 3
    assert NEED_WEIGHTS["E"]["MSI"] == 0.5
    assert sum(NEED_WEIGHTS["K"].values()) == 95
    assert sum(NEED_WEIGHTS["E"].values()) == 98.5


def test_need_weights_cover_known_codes_only():
    assert set(NEED_WEIGHTS["K"]) == set(NEED_TYPES)
    assert set(NEED_WEIGHTS["E"]) == set(NEED_TYPES) - {"NSA"}


def test_most_common_needs():
    assert max(NEED_WEIGHTS["K"], key=NEED_WEIGHTS["K"].get) == "SLCN"
    assert max(NEED_WEIGHTS["E"], key=NEED_WEIGHTS["E"].get) == "ASD"


def test_need_weights_no_phase_is_national():
    assert need_weights("K") == dict(NEED_WEIGHTS["K"])
    assert need_weights("E", None) == dict(NEED_WEIGHTS["E"])


def test_need_weights_primary_shifts_slcn_up():
    w = need_weights("K", "primary")
    assert w["SLCN"] == 39.0
    assert w["SLCN"] > NEED_WEIGHTS["K"]["SLCN"]
    assert w["SPLD"] < NEED_WEIGHTS["K"]["SPLD"]
    assert w["MLD"] == NEED_WEIGHTS["K"]["MLD"]


def test_need_weights_secondary_shifts_spld_and_semh_up():
    w = need_weights("K", "secondary")
    assert w["SPLD"] == 19.5
    assert w["SEMH"] == 27.0
    assert w["SLCN"] == 13.0
    assert max(w, key=w.get) == "SEMH"
    e = need_weights("E", "secondary")
    assert e["SPLD"] > NEED_WEIGHTS["E"]["SPLD"] and e["SEMH"] > NEED_WEIGHTS["E"]["SEMH"]


def test_need_weights_returns_a_new_dict():
    w = need_weights("K", "primary")
    w["SLCN"] = 0
    assert need_weights("K", "primary")["SLCN"] == 39.0
    assert sen_codes.NEED_WEIGHTS["K"]["SLCN"] == 26


def test_need_weights_usable_with_random_choices():
    w = need_weights("E", "primary")
    picks = random.Random(1).choices(list(w), weights=list(w.values()), k=2000)
    assert picks.count("ASD") > picks.count("MSI")
    assert "NSA" not in picks


@pytest.mark.parametrize(
    "provision, phase", [("N", None), ("S", "primary"), ("K", "nursery"), ("E", "Primary")]
)
def test_need_weights_rejects_bad_input(provision, phase):
    with pytest.raises(ValueError):
        need_weights(provision, phase)
