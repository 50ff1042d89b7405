"""Chứng minh nhân dân: the old 9-digit identity card number.

The 9-digit number has no published structure and no check digit: only its shape is checked.
CMND cards stopped being identity documents after 31/12/2024 (Luật Căn cước 2023, transition);
``is_still_valid`` tells the checker when to warn that the CCCD number should be used instead.
(A 12-digit CMND is a personal number: see ``rules.cccd``.)

>>> validate("012 345 678")
'012345678'
>>> validate("01234567")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidLength: invalid_length
>>> validate("01234567X")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidFormat: invalid_format
>>> from datetime import date
>>> is_still_valid(date(2024, 12, 31)), is_still_valid(date(2025, 1, 1))
(True, False)
"""

from __future__ import annotations

import re
from datetime import date

from vssid_batch.rules._clean import digits_of_length, strip_separators
from vssid_batch.rules.errors import accepts

LENGTH = 9
# A CMND begins with its two-digit province code (01 Hà Nội …): a number cell can have lost one
# leading zero at most.
MAX_LOST_ZEROS = 1
CMND_LAST_VALID_DAY = date(2024, 12, 31)

_SEPARATORS = re.compile(r"[\s.\-]+")


def compact(number: str) -> str:
    """Remove spaces, dots and dashes.

    >>> compact(" 012.345-678 ")
    '012345678'
    """
    return strip_separators(number, _SEPARATORS)


def validate(number: str) -> str:
    """Return the compact number, or raise ``InvalidFormat`` or ``InvalidLength`` (``length``).

    >>> validate("123456789")
    '123456789'
    """
    return digits_of_length(compact(number), LENGTH)


def is_valid(number: str) -> bool:
    """Whether ``validate`` accepts the number.

    >>> is_valid("123456789"), is_valid("1234567890")
    (True, False)
    """
    return accepts(validate, number)


def format(number: str) -> str:
    """The 9 digits without separators, as printed on the card.

    >>> format("012 345 678")
    '012345678'
    """
    return compact(number)


def is_still_valid(as_of: date) -> bool:
    """Whether a CMND card is still an identity document on ``as_of``.

    >>> is_still_valid(date(2020, 6, 1))
    True
    """
    return as_of <= CMND_LAST_VALID_DAY
