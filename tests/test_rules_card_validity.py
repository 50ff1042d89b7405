"""The 25/40/60 renewal rule and the issue-date checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vssid_batch.rules.card_validity import (
    birthday,
    expired_at_age,
    expiry_date,
    renewal_age,
    validate_issue_date,
)
from vssid_batch.rules.dates import age_on
from vssid_batch.rules.errors import RuleError

BORN = date(1990, 4, 3)
births = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("issued", "expiry"),
    [
        (date(2004, 4, 3), date(2015, 4, 3)),  # at 14
        (date(2013, 4, 2), date(2015, 4, 3)),  # one day before 23
        (date(2013, 4, 3), date(2030, 4, 3)),  # at 23: within 2 years of 25
        (date(2015, 4, 2), date(2030, 4, 3)),  # the day before 25
        (date(2015, 4, 3), date(2030, 4, 3)),  # on the 25th birthday
        (date(2028, 4, 2), date(2030, 4, 3)),  # the day before 38
        (date(2028, 4, 3), date(2050, 4, 3)),  # at 38
        (date(2040, 1, 1), date(2050, 4, 3)),  # at 49
        (date(2048, 4, 2), date(2050, 4, 3)),  # the day before 58
        (date(2048, 4, 3), None),  # at 58: never expires
        (date(2055, 1, 1), None),  # at 64
    ],
)
def test_edges(issued: date, expiry: date | None) -> None:
    assert expiry_date(BORN, issued) == expiry


@given(births, st.integers(1, 110 * 365))
def test_expiry_is_a_renewal_birthday_after_the_issue(born: date, days: int) -> None:
    issued = born + timedelta(days=days)
    expiry = expiry_date(born, issued)
    if age_on(born, issued) >= 58:
        assert expiry is None
        return
    assert expiry is not None
    assert expiry in {birthday(born, 25), birthday(born, 40), birthday(born, 60)}
    assert expiry > issued
    # Never renewed needlessly: more than 2 years of validity remain unless issued before 23.
    assert expiry >= birthday(born, age_on(born, issued) + 2) or age_on(born, issued) < 23
    assert age_on(born, expiry) == renewal_age(born, issued)


@given(births, st.integers(1, 70 * 365), st.integers(0, 80 * 365))
def test_expired_at_age(born: date, issued_days: int, later: int) -> None:
    issued = born + timedelta(days=issued_days)
    as_of = issued + timedelta(days=later)
    expiry = expiry_date(born, issued)
    age = expired_at_age(born, issued, as_of)
    if expiry is None or as_of <= expiry:
        assert age is None
    else:
        assert age == renewal_age(born, issued)
        assert age in (25, 40, 60)


def test_leap_day_birth() -> None:
    born = date(2000, 2, 29)
    assert expiry_date(born, date(2016, 5, 1)) == date(2025, 3, 1)
    assert expiry_date(born, date(2023, 2, 28)) == date(2025, 3, 1)  # still 22
    assert expiry_date(born, date(2023, 3, 1)) == date(2040, 2, 29)  # 23
    assert expired_at_age(born, date(2016, 5, 1), as_of=date(2025, 3, 2)) == 25


def test_issue_date_checks() -> None:
    as_of = date(2026, 11, 25)
    assert validate_issue_date(date(2021, 6, 1), BORN, as_of) == date(2021, 6, 1)
    assert validate_issue_date(as_of, BORN, as_of) == as_of
    assert validate_issue_date(date(2021, 6, 1), None, as_of) == date(2021, 6, 1)
    for issued in (BORN, BORN - timedelta(days=1)):
        with pytest.raises(RuleError) as error:
            validate_issue_date(issued, BORN, as_of)
        assert error.value.code == "before_birth"
        assert error.value.params == {"birth_date": "03/04/1990"}
    with pytest.raises(RuleError) as error:
        validate_issue_date(as_of + timedelta(days=1), None, as_of)
    assert error.value.code == "future"
    assert error.value.params == {"as_of": "25/11/2026"}


@given(births, st.integers(-1000, 1000))
def test_issue_date_order(born: date, days: int) -> None:
    as_of = born + timedelta(days=500)
    issued = born + timedelta(days=days)
    assume(issued.year > 1)
    try:
        validate_issue_date(issued, born, as_of)
    except RuleError as error:
        assert (error.code == "before_birth") == (issued <= born)
        assert (error.code == "future") == (born < issued and issued > as_of)
    else:
        assert born < issued <= as_of
