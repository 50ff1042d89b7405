"""The old 9-digit CMND number."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssid_batch.rules import cmnd
from vssid_batch.rules.errors import InvalidFormat, InvalidLength


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_nine_digits(number: str) -> None:
    spaced = f" {number[:3]} {number[3:6]}.{number[6:]} "
    assert cmnd.validate(spaced) == number
    assert cmnd.is_valid(spaced)
    assert cmnd.format(spaced) == number


@given(st.text(alphabet="0123456789", max_size=15).filter(lambda s: len(s) not in (0, 9)))
def test_other_lengths(number: str) -> None:
    with pytest.raises(InvalidLength) as error:
        cmnd.validate(number)
    assert error.value.params == {"length": str(len(number))}


@pytest.mark.parametrize("number", ["", "12345678O", "１２３４５６７８９", "123456789a"])
def test_not_digits(number: str) -> None:
    with pytest.raises(InvalidFormat):
        cmnd.validate(number)


def test_last_valid_day() -> None:
    assert date(2024, 12, 31) == cmnd.CMND_LAST_VALID_DAY
    assert cmnd.is_still_valid(date(2024, 12, 31))
    assert not cmnd.is_still_valid(date(2025, 1, 1))
