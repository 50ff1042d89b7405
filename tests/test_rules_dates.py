"""Dates from sheets: cells, Excel serials, day-first text, year-only birth dates."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssid_batch.rules.card_validity import birthday
from vssid_batch.rules.dates import ParsedDate, age_on, parse_date
from vssid_batch.rules.errors import RuleError

MAX_YEAR = 2026


def parse(value: object) -> ParsedDate:
    return parse_date(value, max_year=MAX_YEAR)


def excel_serial(day: date) -> int:
    """Excel's 1900 system, written out: it counts 29/02/1900, so from March on it is one ahead."""
    return (
        (day - date(1899, 12, 30)).days
        if day >= date(1900, 3, 1)
        else (day - date(1899, 12, 31)).days
    )


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (25569, date(1970, 1, 1)),
        (36526, date(2000, 1, 1)),
        (45000, date(2023, 3, 15)),
        (2958465, date(9999, 12, 31)),
        (36526.999, date(2000, 1, 1)),
        (np.int64(36526), date(2000, 1, 1)),
        (np.float64(36526.5), date(2000, 1, 1)),
    ],
)
def test_known_serials(serial: object, expected: date) -> None:
    assert parse(serial) == ParsedDate(expected, False)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_every_serial_outside_the_year_window(day: date) -> None:
    serial = excel_serial(day)
    parsed = parse(serial)
    if 1900 <= serial <= MAX_YEAR:
        assert parsed == ParsedDate(date(serial, 1, 1), True)
    else:
        assert parsed == ParsedDate(day, False)


@pytest.mark.parametrize("serial", [0, -1, 60, 60.5, 2958466, math.inf, -math.inf])
def test_impossible_serials(serial: float) -> None:
    with pytest.raises(RuleError) as error:
        parse(serial)
    assert error.value.code == "invalid"


def test_year_only_numbers_and_text() -> None:
    for value in (1975, 1975.0, np.int64(1975), "1975", " 1975 "):
        assert parse(value) == ParsedDate(date(1975, 1, 1), True)
    assert parse(1900).year_only and parse(MAX_YEAR).year_only
    # Outside the window a number is a serial; a 4-digit text is not.
    assert parse(1899) == ParsedDate(date(1905, 3, 13), False)
    assert parse(MAX_YEAR + 1) == ParsedDate(date(1905, 7, 19), False)
    assert parse(1975.5) == ParsedDate(date(1905, 5, 28), False)
    for text in ("1899", str(MAX_YEAR + 1), "0975"):
        with pytest.raises(RuleError):
            parse(text)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)))
def test_day_first_text_in_every_accepted_shape(day: date) -> None:
    d, m, y = day.day, day.month, day.year
    for text in (
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}",
        f"{d:02d}-{m:02d}-{y}",
        f"{d:02d}.{m:02d}.{y}",
        f"{d}.{m}.{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{y}-{m}-{d}",
        f" {d:02d}/{m:02d}/{y} ",
    ):
        assert parse(text) == ParsedDate(day, False), text


def test_day_first_never_month_first() -> None:
    assert parse("03/04/1990").value == date(1990, 4, 3)
    assert parse("12/11/1990").value == date(1990, 11, 12)
    with pytest.raises(RuleError):
        parse("04/13/1990")  # month 13: an American date is not guessed


def test_date_cells() -> None:
    assert parse(date(1990, 4, 3)) == ParsedDate(date(1990, 4, 3), False)
    assert parse(datetime(1990, 4, 3, 23, 59)) == ParsedDate(date(1990, 4, 3), False)
    assert parse(pd.Timestamp("1990-04-03")) == ParsedDate(date(1990, 4, 3), False)
    assert type(parse(datetime(1990, 4, 3)).value) is date


@pytest.mark.parametrize(
    "value",
    [
        "31/02/1990",
        "29/02/2023",
        "00/01/1990",
        "32/01/1990",
        "13/13/1990",
        "1/0/1990",
        "03/04/90",
        "1990/04/03",
        "04-03/1990",
        "03 04 1990",
        "3 tháng 4 năm 1990",
        "abc",
        "1990-13-01",
        "01/01/1899",
        "٠٣/٠٤/١٩٩٠",
        "2.3",
        True,
        False,
        [1990],
        date(1899, 12, 31),
    ],
)
def test_not_dates(value: object) -> None:
    with pytest.raises(RuleError) as error:
        parse(value)
    assert error.value.code == "invalid"
    assert set(error.value.params) == {"value"}


def test_invalid_value_is_cut_to_30_characters() -> None:
    with pytest.raises(RuleError) as error:
        parse("  ngày mười hai tháng ba năm một nghìn chín trăm  ")
    assert error.value.params["value"] == "ngày mười hai tháng ba năm một"


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0", math.nan, np.nan, pd.NaT])
def test_missing(value: object) -> None:
    with pytest.raises(RuleError) as error:
        parse(value)
    assert error.value.code == "missing"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(0, 120))
def test_age_on_reaches_n_on_the_nth_birthday(born: date, years: int) -> None:
    day = birthday(born, years)
    assert age_on(born, day) == years
    assert age_on(born, day - timedelta(days=1)) == years - 1
