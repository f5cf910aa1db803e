"""Made-up people for the demo data: names, titles, phone numbers, e-mail and home addresses.

Nothing here is real: phone numbers are in Ofcom's drama range (07700 900000-900999), e-mail
addresses use example.org / example.com, and postcodes use the area ``NF``, which does not
exist. Adults from the "english" community take their names from Faker's en_GB lists; the other
communities, streets and towns come from ``names``.
"""

from __future__ import annotations

import random

from faker.providers.person.en_GB import Provider as _FakerPersonGB

from . import names
from .draws import Picker

_ENGLISH_SURNAMES = Picker(dict(_FakerPersonGB.last_names))
_ENGLISH_ADULT = {"F": tuple(_FakerPersonGB.first_names_female), "M": tuple(_FakerPersonGB.first_names_male)}
COMMUNITY = {c.key: c for c in names.COMMUNITIES}
LANGUAGES = {c.key: Picker(c.languages) for c in names.COMMUNITIES}
TITLES = {"F": Picker(names.ADULT_TITLES_FEMALE), "M": Picker(names.ADULT_TITLES_MALE)}


def surname(rng: random.Random, community: names.Community) -> str:
    return _ENGLISH_SURNAMES(rng) if community.key == "english" else rng.choice(community.surnames)


def gendered(surname: str, community: names.Community, sex: str) -> str:
    return names.feminine_surname(surname) if community.feminine and sex == "F" else surname


def adult_forename(rng: random.Random, community: names.Community, sex: str) -> str:
    if community.key == "english":
        return rng.choice(_ENGLISH_ADULT[sex])
    return rng.choice(community.boys if sex == "M" else community.girls)


def phone(rng: random.Random) -> str:
    return f"07700 900{rng.randrange(1000):03d}"  # Ofcom's range for drama: never a real number


def email(rng: random.Random, forename: str, surname: str) -> str:
    first, last = names.ascii_slug(forename) or "parent", names.ascii_slug(surname) or "family"
    style = rng.random()
    local = f"{first}.{last}" if style < 0.5 else f"{first[0]}{last}" if style < 0.75 else f"{first}{last}"
    if rng.random() < 0.4:
        local += str(rng.randint(1, 99))
    return f"{local}@{rng.choice(('example.org', 'example.com'))}"


def address(rng: random.Random, town: int) -> tuple[str, str]:
    """A made-up street address in one of ``names.TOWNS`` and a postcode in the area ``NF``."""
    street = f"{rng.choice(names.STREET_STEMS)} {rng.choice(names.STREET_SUFFIXES)}"
    number = rng.randint(1, 180)
    town_name = names.TOWNS[town % len(names.TOWNS)]
    district = (town % len(names.TOWNS)) * 3 + rng.randint(1, 3)
    unit = "".join(rng.choice(names.POSTCODE_UNIT_LETTERS) for _ in range(2))
    postcode = f"{names.POSTCODE_AREA}{district} {rng.randint(1, 9)}{unit}"
    return f"{number} {street}\n{town_name}", postcode
