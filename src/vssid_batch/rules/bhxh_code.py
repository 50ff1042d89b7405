"""Mã số BHXH: the 10-digit social-insurance code (Quyết định 595/QĐ-BHXH).

The code has no published structure and no check digit, so only ``^\\d{10}$`` is checked.

>>> validate("01 2345 6789")
'0123456789'
>>> validate("123456789")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidLength: invalid_length
>>> validate("01234S6789")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidFormat: invalid_format

Excel drops the leading zero of a code in a numeric cell; the checker (which alone knows the
cell was numeric) puts it back when the result validates, and warns.

A 12-digit personal number in this column fails here with ``length`` 12; the checker accepts it
when it is the person's own ID number (``rules.cccd``), never deriving one number from the other.

From 01/08/2025 the 12-digit personal number replaces the 10-digit code for participants
(Công văn 1804/BHXH-QLT, 04/08/2025): a person with no code is identified by it.

>>> from datetime import date
>>> personal_number_replaces_code(date(2025, 7, 31))
False
>>> personal_number_replaces_code(date(2025, 8, 1))
True
"""

from __future__ import annotations

import re
from datetime import date

from vssid_batch.rules._clean import digits_of_length, strip_separators
from vssid_batch.rules.errors import accepts

LENGTH = 10
# No structure confirms a padded code: a number cell's code gets at most this many zeros back.
MAX_LOST_ZEROS = 2
# Công văn 1804/BHXH-QLT of BHXH Việt Nam, 04/08/2025: "từ ngày 01/8/2025, số định danh cá nhân/căn
# cước công dân chính thức được sử dụng để thay thế mã số bảo hiểm xã hội".
PERSONAL_NUMBER_FROM = date(2025, 8, 1)

_SEPARATORS = re.compile(r"[\s.\-]+")


def compact(number: str) -> str:
    """Remove spaces, dots and dashes.

    >>> compact(" 0123.456-789 ")
    '0123456789'
    """
    return strip_separators(number, _SEPARATORS)


def validate(number: str) -> str:
    """Return the compact code, or raise ``InvalidFormat`` or ``InvalidLength`` (``length``).

    >>> validate("0123456789")
    '0123456789'
    """
    return digits_of_length(compact(number), LENGTH)


def is_valid(number: str) -> bool:
    """Whether ``validate`` accepts the code.

    >>> is_valid("0123456789"), is_valid("012345678")
    (True, False)
    """
    return accepts(validate, number)


def format(number: str) -> str:
    """The 10 digits without separators, as the VssID app and the BHXH book print them.

    >>> format("0123 456 789")
    '0123456789'
    """
    return compact(number)


def personal_number_replaces_code(as_of: date) -> bool:
    """Whether, on ``as_of``, the personal number stands in for a missing 10-digit code."""
    return as_of >= PERSONAL_NUMBER_FROM
