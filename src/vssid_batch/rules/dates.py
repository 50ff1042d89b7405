"""Dates as they arrive from a sheet: date cells, Excel serial numbers, and text, day first.

Vietnamese sheets never put the month first, so ``03/04/1990`` is the 3rd of April:

>>> from datetime import date, datetime
>>> MAX_YEAR = 2026  # the --as-of year
>>> parse_date("03/04/1990", max_year=MAX_YEAR)
ParsedDate(value=datetime.date(1990, 4, 3), year_only=False)
>>> [parse_date(text, max_year=MAX_YEAR).value.isoformat()
...  for text in ("3/4/1990", "03-04-1990", "03.04.1990", "1990-04-03")]
['1990-04-03', '1990-04-03', '1990-04-03', '1990-04-03']
>>> parse_date(datetime(1990, 4, 3, 0, 0), max_year=MAX_YEAR).value
datetime.date(1990, 4, 3)

A number is an Excel serial (1900 date system) — except an integer from 1900 to ``max_year``
(the ``--as-of`` year), which is a birth year given alone (serial 1975 would be a day in 1905,
never what the clerk meant):

>>> parse_date(32966, max_year=MAX_YEAR).value
datetime.date(1990, 4, 3)
>>> parse_date(1975, max_year=MAX_YEAR)
ParsedDate(value=datetime.date(1975, 1, 1), year_only=True)
>>> parse_date("1975", max_year=MAX_YEAR).year_only
True

Anything else is ``RuleError("invalid", value=…)`` (the text cut to 30 characters), and an empty
cell is ``RuleError("missing")``:

>>> parse_date("31/02/1990", max_year=MAX_YEAR)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: invalid
>>> parse_date("04/03/90", max_year=MAX_YEAR)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: invalid
>>> parse_date("  ", max_year=MAX_YEAR)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: missing

Whether the date is plausible (not in the future, a worker of 15 or more) is for the checker,
which knows the field: ``age_on`` helps.
"""

from __future__ import annotations

import math
import numbers
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from vssid_batch.rules._clean import is_blank
from vssid_batch.rules.errors import RuleError

# Nothing in a sheet of living workers or their cards is older; Excel cannot even hold it.
MIN_YEAR = 1900
# Excel's 1900 date system counts 1900 as a leap year (a Lotus 1-2-3 bug kept for
# compatibility): serial 60 is the non-existent 29/02/1900, and serials from 61 on are one day
# ahead of a plain count from 31/12/1899.
_EXCEL_EPOCH = date(1899, 12, 31)
_EXCEL_FAKE_LEAP_DAY = 60
_EXCEL_MAX_SERIAL = 2958465  # 31/12/9999

_DAY_FIRST = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_YEAR = re.compile(r"[0-9]{4}")

_VALUE_SHOWN = 30


class ParsedDate(NamedTuple):
    """A date, and whether the sheet gave only its year (then ``value`` is 1 January)."""

    value: date
    year_only: bool


def parse_date(value: object, *, max_year: int) -> ParsedDate:
    """Read a date cell; ``max_year`` bounds the year-only numbers (there is no clock here).

    >>> parse_date(61.75, max_year=2026).value  # the time of day is dropped
    datetime.date(1900, 3, 1)
    >>> parse_date(2027, max_year=2026).value  # not a year yet: a serial
    datetime.date(1905, 7, 19)
    >>> parse_date(60, max_year=2026)
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.RuleError: invalid
    """
    if is_blank(value):
        raise RuleError("missing")
    parsed: ParsedDate | None
    if isinstance(value, datetime):  # before date: a datetime is a date too
        parsed = ParsedDate(value.date(), False)
    elif isinstance(value, date):
        parsed = ParsedDate(value, False)
    elif isinstance(value, bool):  # a bool is an int to Python, never a date to a clerk
        parsed = None
    elif isinstance(value, numbers.Real):  # also numpy numbers from pandas
        parsed = _from_number(float(value), max_year)
    elif isinstance(value, str):
        parsed = _from_text(value.strip(), max_year)
    else:
        parsed = None
    if parsed is None or parsed.value.year < MIN_YEAR:
        raise RuleError("invalid", value=str(value).strip()[:_VALUE_SHOWN])
    return parsed


def _from_number(number: float, max_year: int) -> ParsedDate | None:
    if not math.isfinite(number):
        return None
    if number.is_integer() and MIN_YEAR <= number <= max_year:
        return ParsedDate(date(int(number), 1, 1), True)
    serial = math.floor(number)
    if serial < 1 or serial == _EXCEL_FAKE_LEAP_DAY or serial > _EXCEL_MAX_SERIAL:
        return None
    if serial > _EXCEL_FAKE_LEAP_DAY:
        serial -= 1
    return ParsedDate(_EXCEL_EPOCH + timedelta(days=serial), False)


def _from_text(text: str, max_year: int) -> ParsedDate | None:
    if _YEAR.fullmatch(text):
        only_year = int(text)
        if not MIN_YEAR <= only_year <= max_year:
            return None
        return ParsedDate(date(only_year, 1, 1), True)
    if match := _DAY_FIRST.fullmatch(text):
        day, _, month, year = match.groups()
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        return ParsedDate(date(int(year), int(month), int(day)), False)
    except ValueError:  # 31/02, month 13, day 0
        return None


def age_on(birth: date, on: date) -> int:
    """Completed years of age on a day (the birthday itself counts).

    >>> age_on(date(1990, 4, 3), date(2026, 4, 2)), age_on(date(1990, 4, 3), date(2026, 4, 3))
    (35, 36)

    Someone born on 29/02 gains a year on 01/03 in a common year:

    >>> age_on(date(2008, 2, 29), date(2026, 2, 28)), age_on(date(2008, 2, 29), date(2026, 3, 1))
    (17, 18)
    """
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
