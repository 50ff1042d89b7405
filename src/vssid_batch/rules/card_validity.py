"""How long a CCCD card is valid (Luật Căn cước công dân 2014, Điều 21).

A card must be renewed when its holder reaches 25, 40 and 60. A card issued (or renewed) within
the 2 years before one of those ages stays valid until the next one, so a card issued from age 58
on never expires. The card is valid up to and including its expiry date, the birthday.

>>> from datetime import date
>>> BORN = date(1990, 4, 3)
>>> expiry_date(BORN, issue_date=date(2010, 6, 1))   # issued at 20: renew at 25
datetime.date(2015, 4, 3)
>>> expiry_date(BORN, issue_date=date(2013, 4, 2))   # the day before turning 23: still at 25
datetime.date(2015, 4, 3)
>>> expiry_date(BORN, issue_date=date(2013, 4, 3))   # within 2 years of 25: valid until 40
datetime.date(2030, 4, 3)
>>> expiry_date(BORN, issue_date=date(2021, 6, 1))   # issued at 31: renew at 40
datetime.date(2030, 4, 3)
>>> expiry_date(BORN, issue_date=date(2028, 4, 3))   # at 38: valid until 60
datetime.date(2050, 4, 3)
>>> expiry_date(BORN, issue_date=date(2048, 4, 2))   # at 57: renew at 60
datetime.date(2050, 4, 3)
>>> expiry_date(BORN, issue_date=date(2048, 4, 3)) is None   # from 58 on: never expires
True

With ``as_of`` the checker learns whether, and at which age, the card expired (a warning):

>>> expired_at_age(BORN, date(2010, 6, 1), as_of=date(2015, 4, 3)) is None   # last valid day
True
>>> expired_at_age(BORN, date(2010, 6, 1), as_of=date(2015, 4, 4))
25

The issue date must lie after the birth date and not after ``as_of``:

>>> validate_issue_date(date(2030, 1, 1), birth_date=BORN, as_of=date(2026, 11, 25))
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: future

For a birth date known by its year only (stored as 1 January), the computed expiry is up to a
year early; the checker decides whether to warn on such a guess.
"""

from __future__ import annotations

from datetime import date

from vssid_batch.rules.dates import age_on
from vssid_batch.rules.errors import RuleError

RENEWAL_AGES = (25, 40, 60)
# "Within 2 years before" a renewal age.
GRACE_YEARS = 2


def birthday(birth_date: date, age: int) -> date:
    """The day the holder reaches ``age`` (for 29/02, 01/03 in a common year, as ``age_on``).

    >>> birthday(date(2000, 2, 29), 25)
    datetime.date(2025, 3, 1)
    >>> birthday(date(2000, 2, 29), 40)
    datetime.date(2040, 2, 29)
    """
    year = birth_date.year + age
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def renewal_age(birth_date: date, issue_date: date) -> int | None:
    """The age at which a card issued on ``issue_date`` must be renewed; None: never.

    >>> renewal_age(date(1990, 4, 3), date(2006, 5, 1))
    25
    >>> renewal_age(date(1990, 4, 3), date(2014, 5, 1))
    40
    """
    for age in RENEWAL_AGES:
        if issue_date < birthday(birth_date, age - GRACE_YEARS):
            return age
    return None


def expiry_date(birth_date: date, issue_date: date) -> date | None:
    """The last day the card is valid, or None when it does not expire."""
    age = renewal_age(birth_date, issue_date)
    return None if age is None else birthday(birth_date, age)


def expired_at_age(birth_date: date, issue_date: date, as_of: date) -> int | None:
    """The renewal age at which the card expired, or None when it is still valid on ``as_of``.

    >>> expired_at_age(date(1990, 4, 3), date(2021, 6, 1), as_of=date(2026, 11, 25)) is None
    True
    """
    expiry = expiry_date(birth_date, issue_date)
    if expiry is None or as_of <= expiry:
        return None
    return age_on(birth_date, expiry)


def validate_issue_date(issue_date: date, birth_date: date | None, as_of: date) -> date:
    """Return the issue date, or raise ``RuleError("before_birth", birth_date=dd/mm/yyyy)`` when
    it is not after the birth date, or ``RuleError("future", as_of=dd/mm/yyyy)`` after ``as_of``.

    Without a usable birth date (None) only the ``future`` check is made.

    >>> validate_issue_date(date(1989, 1, 1), birth_date=date(1990, 4, 3), as_of=date(2026, 1, 1))
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.RuleError: before_birth
    >>> validate_issue_date(date(2021, 6, 1), birth_date=date(1990, 4, 3), as_of=date(2026, 1, 1))
    datetime.date(2021, 6, 1)
    """
    if birth_date is not None and issue_date <= birth_date:
        raise RuleError("before_birth", birth_date=birth_date.strftime("%d/%m/%Y"))
    if issue_date > as_of:
        raise RuleError("future", as_of=as_of.strftime("%d/%m/%Y"))
    return issue_date
