"""The 12-digit personal number: shape, province, and the sex/century digit and birth year."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vssid_batch.models import Gender
from vssid_batch.rules import cccd
from vssid_batch.rules.errors import InvalidComponent, InvalidFormat, InvalidLength, RuleError
from vssid_batch.rules.provinces import PROVINCES

# The spec's table, written out again rather than computed with the code under test.
CENTURY_DIGITS = {19: (0, 1), 20: (2, 3), 21: (4, 5), 22: (6, 7), 23: (8, 9)}

provinces = st.sampled_from(sorted(PROVINCES))
unused_codes = st.integers(0, 999).map(lambda n: f"{n:03d}").filter(lambda c: c not in PROVINCES)
genders = st.sampled_from(list(Gender))
years = st.integers(1900, 2399)
randoms = st.integers(0, 999_999).map(lambda n: f"{n:06d}")


def build(province: str, gender: Gender, year: int, random: str) -> str:
    digit = CENTURY_DIGITS[year // 100][0 if gender is Gender.male else 1]
    return f"{province}{digit}{year % 100:02d}{random}"


@given(provinces, genders, years, randoms)
def test_built_numbers_pass_and_round_trip(
    province: str, gender: Gender, year: int, random: str
) -> None:
    number = build(province, gender, year, random)
    assert cccd.validate(number) == number
    assert cccd.is_valid(number)
    assert cccd.province_code(number) == province
    assert cccd.sex(number) is gender
    assert cccd.birth_year(number) == year
    assert cccd.century_sex_digit(year, gender) == int(number[3])
    cccd.check_sex(number, gender)
    cccd.check_birth_year(number, year)


def _caught(number: str, gender: Gender, year: int) -> bool:
    """Whether validate or the cross-field checks notice that the number is not this person's."""
    try:
        cccd.validate(number)
        cccd.check_sex(number, gender)
        cccd.check_birth_year(number, year)
    except RuleError:
        return True
    return False


@given(provinces, genders, years, randoms, st.integers(0, 9))
def test_changed_sex_digit_is_caught(
    province: str, gender: Gender, year: int, random: str, digit: int
) -> None:
    number = build(province, gender, year, random)
    assume(str(digit) != number[3])
    changed = number[:3] + str(digit) + number[4:]
    assert cccd.sex(changed) is not gender or cccd.birth_year(changed) != year
    assert _caught(changed, gender, year)


@given(provinces, genders, years, randoms, st.integers(0, 99))
def test_changed_year_digits_are_caught(
    province: str, gender: Gender, year: int, random: str, yy: int
) -> None:
    number = build(province, gender, year, random)
    assume(f"{yy:02d}" != number[4:6])
    changed = number[:4] + f"{yy:02d}" + number[6:]
    assert cccd.birth_year(changed) != year
    with pytest.raises(RuleError) as error:
        cccd.check_birth_year(changed, year)
    assert error.value.code == "birth_year_mismatch"
    assert error.value.params == {"id_year": str(cccd.birth_year(changed)), "sheet_year": str(year)}


@given(provinces, genders, years, randoms, st.sampled_from([(3, 4), (4, 5)]))
def test_swapped_digits_in_the_middle_are_caught(
    province: str, gender: Gender, year: int, random: str, pair: tuple[int, int]
) -> None:
    number = build(province, gender, year, random)
    i, j = pair
    assume(number[i] != number[j])
    digits = list(number)
    digits[i], digits[j] = digits[j], digits[i]
    assert _caught("".join(digits), gender, year)


@given(unused_codes, genders, years, randoms)
def test_unused_province_code_is_caught(code: str, gender: Gender, year: int, random: str) -> None:
    number = build(code, gender, year, random)
    with pytest.raises(InvalidComponent) as error:
        cccd.validate(number)
    assert error.value.code == "unknown_province"
    assert error.value.params == {"province_code": code}
    assert cccd.validate(number, allow_unknown_province=True) == number
    assert not cccd.is_valid(number)
    assert cccd.is_valid(number, allow_unknown_province=True)


def test_sex_mismatch_names_both_sides() -> None:
    with pytest.raises(RuleError) as error:
        cccd.check_sex("001090000001", Gender.female)
    assert error.value.code == "sex_mismatch"
    assert error.value.params == {"id_gender": "Nam", "sheet_gender": "Nữ"}


@pytest.mark.parametrize(
    ("number", "length"), [("00109000001", "11"), ("0010900000011", "13"), ("001090001", "9")]
)
def test_wrong_length(number: str, length: str) -> None:
    with pytest.raises(InvalidLength) as error:
        cccd.validate(number)
    assert error.value.code == "invalid_length"
    assert error.value.params == {"length": length}


@pytest.mark.parametrize(
    "number",
    [
        "",
        " ",
        "00109000000A",
        "001-090-00000l",
        "００１０９０００００１",
        "001090000001/",
        "+01090000001",
        "0010900000.1e",
        "10900000012.0",
    ],
)
def test_not_digits(number: str) -> None:
    with pytest.raises(InvalidFormat) as error:
        cccd.validate(number)
    assert error.value.code == "invalid_format"
    assert error.value.params == {}


@given(st.text(alphabet="0123456789 .-x", max_size=20))
def test_error_text_never_carries_the_number(text: str) -> None:
    try:
        cccd.validate(text)
    except RuleError as error:
        digits = cccd.compact(text)
        if len(digits) > 3:
            assert digits not in str(error)
            assert all(digits not in value for value in error.params.values())


def test_compact_and_format() -> None:
    assert cccd.compact("\u00a0001 090.000-001 ") == "001090000001"
    assert cccd.format("001 090 000 001") == "001090000001"


def test_helpers_refuse_garbage() -> None:
    with pytest.raises(InvalidLength):
        cccd.sex("0010")
    with pytest.raises(InvalidFormat):
        cccd.birth_year("abcdefghijkl")


def test_birth_year_in_the_future() -> None:
    as_of = date(2026, 11, 25)
    assert cccd.validate_birth_year("001226000001", as_of) == 2026
    with pytest.raises(RuleError) as error:
        cccd.validate_birth_year("001227000001", as_of)
    assert error.value.code == "future_year"
    assert error.value.params == {"year": "2027"}


def test_century_sex_digit_bounds() -> None:
    assert cccd.century_sex_digit(2399, Gender.female) == 9
    with pytest.raises(ValueError):
        cccd.century_sex_digit(2400, Gender.male)
