"""The 10-digit BHXH code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssid_batch.rules import bhxh_code
from vssid_batch.rules.errors import InvalidFormat, InvalidLength

digits10 = st.text(alphabet="0123456789", min_size=10, max_size=10)


@given(digits10)
def test_any_ten_digits(number: str) -> None:
    assert bhxh_code.validate(f"{number[:4]} {number[4:7]}-{number[7:]}") == number
    assert bhxh_code.is_valid(number)
    assert bhxh_code.format(number) == number


@given(st.text(alphabet="0123456789", max_size=14).filter(lambda s: len(s) not in (0, 10)))
def test_other_lengths(number: str) -> None:
    with pytest.raises(InvalidLength) as error:
        bhxh_code.validate(number)
    assert error.value.code == "invalid_length"
    assert error.value.params == {"length": str(len(number))}


@pytest.mark.parametrize(
    "number",
    [
        "",
        "01234S6789",
        "0123456789.0",
        "123456789.0",
        " 123456789.00 ",
        "BH0123456789",
        "1.23456789E+9",
    ],
)
def test_not_digits(number: str) -> None:
    with pytest.raises(InvalidFormat) as error:
        bhxh_code.validate(number)
    assert error.value.code == "invalid_format"


def test_twelve_digit_personal_number_is_a_length_error_here() -> None:
    with pytest.raises(InvalidLength) as error:
        bhxh_code.validate("001090000001")
    assert error.value.params == {"length": "12"}
