"""The unique pupil number (UPN).

No Django imports. Format (GovTalk "Unique Pupil Number" data standard v2.0, as
summarised in the domain reference, section 2): 13 characters - a check letter, the LA
number (3 digits), the establishment number (4), the last two digits of the year of
allocation (2) and a serial (3 digits). A temporary UPN ends in 2 digits and a letter.

``stdnum.gb.upn`` implements the same check letter but also rejects LA numbers missing
from its own list (for example new or reorganised LAs); sendco accepts any 3-digit LA
number, so the check letter is computed here (and cross-checked against stdnum in tests).
"""

from __future__ import annotations

__all__ = ["LETTERS", "InvalidUPN", "check_letter", "is_temporary", "make_upn", "validate"]

# Letters used in UPNs, valued 0-22 in this order (no I, O or S).
LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

UPN_LENGTH = 13


class InvalidUPN(ValueError):
    """A UPN failed validation; ``str(exc)`` is a message a SENCO can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _value(ch: str) -> int:
    if ch.isascii() and ch.isdigit():
        return int(ch)
    return LETTERS.index(ch)


def check_letter(body12: str) -> str:
    """The check letter for characters 2-13 of a UPN.

    Each character's value (a digit's value, or for the last character of a temporary UPN
    the letter's value in ``LETTERS``) is multiplied by its position (2..13); the sum
    modulo 23 indexes ``LETTERS``.
    """
    body = body12.upper()
    if len(body) != UPN_LENGTH - 1:
        raise InvalidUPN(f"The part after the check letter has 12 characters; {len(body)} were given.")
    if not (body[:-1].isascii() and body[:-1].isdigit()):
        raise InvalidUPN("Characters 2 to 12 of a UPN must all be digits.")
    if not ((body[-1].isascii() and body[-1].isdigit()) or body[-1] in LETTERS):
        raise InvalidUPN(
            f"The last character of a UPN must be a digit or one of the letters {LETTERS} "
            f"(never I, O or S); {body[-1]!r} was given."
        )
    total = sum(position * _value(ch) for position, ch in enumerate(body, start=2))
    return LETTERS[total % 23]


def validate(upn: str) -> str:
    """Return the UPN normalised (surrounding spaces removed, upper case) or raise ``InvalidUPN``.

    Any 3-digit LA number is accepted. Temporary UPNs (last character a letter) are valid.
    """
    if not isinstance(upn, str):
        raise InvalidUPN("A UPN must be given as text.")
    number = upn.strip().upper()
    if len(number) != UPN_LENGTH:
        given = "no characters were" if not number else f"{len(number)} {_chars(len(number))}"
        raise InvalidUPN(f"A UPN has 13 characters; {given} given.")
    first, middle, last = number[0], number[1:12], number[12]
    if first not in LETTERS:
        raise InvalidUPN(
            f"A UPN starts with a check letter from {LETTERS} (never I, O or S, and not a digit); "
            f"{first!r} was given."
        )
    for position, ch in enumerate(middle, start=2):
        if not (ch.isascii() and ch.isdigit()):
            raise InvalidUPN(f"Characters 2 to 12 of a UPN must be digits; character {position} is {ch!r}.")
    if not ((last.isascii() and last.isdigit()) or last in LETTERS):
        raise InvalidUPN(
            f"The last character of a UPN must be a digit, or for a temporary UPN one of the letters "
            f"{LETTERS} (never I, O or S); {last!r} was given."
        )
    expected = check_letter(number[1:])
    if first != expected:
        raise InvalidUPN(
            f"The check letter should be {expected}, not {first}. Check the UPN was copied correctly."
        )
    return number


def _chars(n: int) -> str:
    return "character was" if n == 1 else "characters were"


def is_temporary(upn: str) -> bool:
    """True for a valid temporary UPN (ends in a letter). Raises ``InvalidUPN`` if not valid."""
    return validate(upn)[-1] in LETTERS


def make_upn(la: str, estab: str, year2: str, serial: int, temporary: bool = False) -> str:
    """Build a valid UPN (for demo and test data).

    ``la``: 3 digits, ``estab``: 4 digits, ``year2``: 2 digits. A permanent UPN takes
    ``serial`` 0-999 as 3 digits. A temporary UPN takes ``serial`` 0-2299 and ends in
    ``serial // 23`` as 2 digits followed by ``LETTERS[serial % 23]``.
    """
    for name, value, width in (("la", la, 3), ("estab", estab, 4), ("year2", year2, 2)):
        if not (isinstance(value, str) and len(value) == width and value.isascii() and value.isdigit()):
            raise ValueError(f"{name} must be {width} digits, not {value!r}.")
    if isinstance(serial, bool) or not isinstance(serial, int):
        raise ValueError(f"serial must be a whole number, not {serial!r}.")
    if temporary:
        if not 0 <= serial < 100 * len(LETTERS):
            raise ValueError(f"A temporary serial must be 0-{100 * len(LETTERS) - 1}, not {serial}.")
        tail = f"{serial // len(LETTERS):02d}{LETTERS[serial % len(LETTERS)]}"
    else:
        if not 0 <= serial <= 999:
            raise ValueError(f"serial must be 0-999, not {serial}.")
        tail = f"{serial:03d}"
    body = f"{la}{estab}{year2}{tail}"
    return check_letter(body) + body
