import random

import pytest
from stdnum.exceptions import InvalidComponent
from stdnum.gb import upn as stdnum_upn

from sendco.domain.upn import LETTERS, InvalidUPN, check_letter, is_temporary, make_upn, validate

# LA numbers that python-stdnum knows (a sample), e.g. 878 Devon, 886 Kent, 330 Birmingham.
STDNUM_KNOWN_LAS = ["201", "330", "801", "845", "878", "886", "908", "938"]


def test_letters():
    assert LETTERS == "ABCDEFGHJKLMNPQRTUVWXYZ"
    assert len(LETTERS) == 23
    assert not set("IOS") & set(LETTERS)


def test_reference_example_valid():
    assert validate("B801200005001") == "B801200005001"


def test_reference_example_wrong_check_letter():
    with pytest.raises(InvalidUPN) as exc:
        validate("A801200005001")
    assert str(exc.value) == "The check letter should be B, not A. Check the UPN was copied correctly."
    assert exc.value.message == str(exc.value)


def test_invalid_upn_is_a_value_error():
    with pytest.raises(ValueError):
        validate("A801200005001")


def test_check_letter_of_reference_body():
    assert check_letter("801200005001") == "B"


def test_check_letter_hand_computed():
    # 8*2 + 0*3 + 1*4 + 2*5 + 0*6 + 0*7 + 0*8 + 0*9 + 5*10 + 0*11 + 0*12 + 1*13 = 93; 93 % 23 = 1 -> "B"
    assert sum(p * int(c) for p, c in enumerate("801200005001", start=2)) == 93
    # All zeros: sum 0 -> "A"
    assert check_letter("000000000000") == "A"
    # Temporary: last character "Z" has value 22 at position 13 -> 286 % 23 = 10 -> "L"
    assert check_letter("00000000000Z") == "L"


def test_normalises_case_and_spaces():
    assert validate("  b801200005001\n") == "B801200005001"


@pytest.mark.parametrize("value, n", [("B80120000500", 12), ("B8012000050011", 14), ("B", 1)])
def test_wrong_length(value, n):
    with pytest.raises(InvalidUPN) as exc:
        validate(value)
    assert f"A UPN has 13 characters; {n} character" in str(exc.value)


def test_empty():
    with pytest.raises(InvalidUPN, match="no characters were given"):
        validate("   ")


def test_not_text():
    with pytest.raises(InvalidUPN, match="must be given as text"):
        validate(801200005001)  # type: ignore[arg-type]


@pytest.mark.parametrize("first", ["I", "O", "S", "1"])
def test_bad_first_character(first):
    with pytest.raises(InvalidUPN) as exc:
        validate(first + "801200005001")
    assert "starts with a check letter" in str(exc.value)
    assert repr(first) in str(exc.value)


@pytest.mark.parametrize("bad", ["I", "O", "S", "A", "-", " "])
def test_bad_middle_character(bad):
    value = "B80120" + bad + "005001"
    with pytest.raises(InvalidUPN) as exc:
        validate(value)
    assert str(exc.value) == f"Characters 2 to 12 of a UPN must be digits; character 7 is {bad!r}."


@pytest.mark.parametrize("last", ["I", "O", "S", "-"])
def test_bad_last_character(last):
    with pytest.raises(InvalidUPN) as exc:
        validate("B80120000500" + last)
    assert "never I, O or S" in str(exc.value)


def test_non_ascii_digits_rejected():
    with pytest.raises(InvalidUPN):
        validate("B80120000500\u0661")  # Arabic-Indic digit one


def test_temporary_upn_valid():
    temp = make_upn("801", "2000", "05", 0, temporary=True)
    # 8*2 + 1*4 + 2*5 + 5*10 + A(0)*13 = 80; 80 % 23 = 11 -> "M"
    assert temp == "M80120000500A"
    assert validate(temp) == temp
    assert is_temporary(temp)
    assert is_temporary(temp.lower())


def test_permanent_upn_not_temporary():
    assert not is_temporary("B801200005001")


def test_is_temporary_invalid_raises():
    with pytest.raises(InvalidUPN):
        is_temporary("A801200005001")


def test_temporary_upn_bad_check_letter():
    with pytest.raises(InvalidUPN, match="should be M, not B"):
        validate("B80120000500A")


def test_any_la_number_accepted():
    # 000 and 999 are not in python-stdnum's list of LA numbers; we accept any 3 digits.
    for la in ("000", "999", "123"):
        value = make_upn(la, "2000", "05", 1)
        assert validate(value) == value
        with pytest.raises(InvalidComponent):
            stdnum_upn.validate(value)


def test_make_upn_reference():
    assert make_upn("801", "2000", "05", 1) == "B801200005001"


def test_make_upn_temporary_mapping():
    assert make_upn("801", "2000", "05", 22, temporary=True)[-3:] == "00Z"
    assert make_upn("801", "2000", "05", 23, temporary=True)[-3:] == "01A"
    assert make_upn("801", "2000", "05", 2299, temporary=True)[-3:] == "99Z"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"la": "80", "estab": "2000", "year2": "05", "serial": 1},
        {"la": "801", "estab": "200", "year2": "05", "serial": 1},
        {"la": "801", "estab": "2000", "year2": "5", "serial": 1},
        {"la": "8O1", "estab": "2000", "year2": "05", "serial": 1},
        {"la": "801", "estab": "2000", "year2": "05", "serial": 1000},
        {"la": "801", "estab": "2000", "year2": "05", "serial": -1},
        {"la": "801", "estab": "2000", "year2": "05", "serial": "1"},
        {"la": "801", "estab": "2000", "year2": "05", "serial": 2300, "temporary": True},
    ],
)
def test_make_upn_rejects_bad_parts(kwargs):
    with pytest.raises(ValueError):
        make_upn(**kwargs)


def test_check_letter_rejects_bad_body():
    with pytest.raises(InvalidUPN, match="12 characters; 11 were given"):
        check_letter("80120000500")
    with pytest.raises(InvalidUPN):
        check_letter("80120000S001")
    with pytest.raises(InvalidUPN):
        check_letter("80120000500S")


def test_every_single_digit_change_is_detected():
    good = "B801200005001"
    for i in range(1, 13):
        for d in "0123456789":
            if d == good[i]:
                continue
            changed = good[:i] + d + good[i + 1 :]
            with pytest.raises(InvalidUPN, match="check letter"):
                validate(changed)


def test_cross_check_with_stdnum_permanent():
    rng = random.Random(20250116)
    for _ in range(2000):
        la = rng.choice(STDNUM_KNOWN_LAS)
        body = f"{la}{rng.randrange(10000):04d}{rng.randrange(100):02d}{rng.randrange(1000):03d}"
        letter = check_letter(body)
        assert letter == stdnum_upn.calc_check_digit(body)
        assert stdnum_upn.validate(letter + body) == letter + body
        assert validate(letter + body) == letter + body


def test_cross_check_with_stdnum_temporary():
    rng = random.Random(2026)
    for _ in range(2000):
        la = rng.choice(STDNUM_KNOWN_LAS)
        serial = f"{rng.randrange(100):02d}{rng.choice(LETTERS)}"
        body = f"{la}{rng.randrange(10000):04d}{rng.randrange(100):02d}{serial}"
        letter = check_letter(body)
        assert letter == stdnum_upn.calc_check_digit(body)
        assert stdnum_upn.is_valid(letter + body)
        assert is_temporary(letter + body)


def test_cross_check_make_upn_with_stdnum():
    rng = random.Random(7)
    for _ in range(500):
        temporary = rng.random() < 0.3
        value = make_upn(
            rng.choice(STDNUM_KNOWN_LAS),
            f"{rng.randrange(10000):04d}",
            f"{rng.randrange(100):02d}",
            rng.randrange(2300 if temporary else 1000),
            temporary=temporary,
        )
        assert stdnum_upn.is_valid(value)
        assert is_temporary(value) is temporary


def test_wrong_check_letters_rejected_by_both():
    body = "801200005001"
    for letter in LETTERS:
        if letter == "B":
            continue
        assert not stdnum_upn.is_valid(letter + body)
        with pytest.raises(InvalidUPN, match=f"should be B, not {letter}"):
            validate(letter + body)
