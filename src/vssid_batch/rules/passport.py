"""Hộ chiếu: a passport number, the identity document of a foreign employee.

The form's line is "Số CCCD/CMND/Hộ chiếu". Passport numbers differ by country; what they share
is 6 to 9 letters and digits (``M12345678``, a Vietnamese ``C1234567``). Only the shape can be
checked, and only a foreign national's number is read as a passport (a citizen gives the CCCD).

>>> validate(" c1234567 "), validate("M 1234 5678")
('C1234567', 'M12345678')
>>> validate("12345")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidLength: invalid_length
>>> validate("C12-3456!")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidFormat: invalid_format
"""

from __future__ import annotations

import re

from vssid_batch.rules._clean import strip_separators
from vssid_batch.rules.errors import InvalidFormat, InvalidLength, accepts

MIN_LENGTH, MAX_LENGTH = 6, 9
_SEPARATORS = re.compile(r"[\s.\-]+")
_SHAPE = re.compile(r"[A-Z0-9]+")


def compact(number: str) -> str:
    """Upper case, without spaces, dots and dashes.

    >>> compact("b 123-4567")
    'B1234567'
    """
    return strip_separators(number, _SEPARATORS).upper()


def validate(number: str) -> str:
    """Return the compact number, or raise ``InvalidFormat`` or ``InvalidLength`` (``length``)."""
    number = compact(number)
    if not (number.isascii() and _SHAPE.fullmatch(number)):
        raise InvalidFormat()
    if not MIN_LENGTH <= len(number) <= MAX_LENGTH:
        raise InvalidLength(length=str(len(number)))
    return number


def is_valid(number: str) -> bool:
    """Whether ``validate`` accepts the number.

    >>> is_valid("C1234567"), is_valid("C12"), is_valid("001090123456")
    (True, False, False)
    """
    return accepts(validate, number)


def looks_like(number: str) -> bool:
    """A passport-shaped value with at least one letter (digits alone may be a card number).

    >>> looks_like("C1234567"), looks_like("123456789")
    (True, False)
    """
    return is_valid(number) and not compact(number).isdigit()
