"""Separator stripping and the digits-and-length check shared by the number rules."""

from __future__ import annotations

import re
from datetime import date

# "123456789.0" is a number cell turned into text, not a number grouped with a dot: removing the
# dot would make a different, possibly valid, number (the code 0123456789 would become
# 1234567890). Such text is left alone, so validate reports it as invalid_format.
_FLOAT_TEXT = re.compile(r"\s*[0-9]+\.0+\s*")


def is_blank(value: object) -> bool:
    """An empty cell: None, whitespace (nothing a clerk would call filled in), or the NaN / NaT
    pandas puts in empty cells. The one test of blankness, for the sheet reader as for the rules.

    >>> is_blank(None), is_blank(" \u00a0"), is_blank(float("nan")), is_blank(0), is_blank("x")
    (True, True, True, False, False)
    """
    if value is None:
        return True
    if type(value) is str:  # the usual cell, on the reader's per-cell path: no copy made
        return not value or value.isspace()
    if isinstance(value, str):
        return not value.strip()
    # NaN and NaT are the only floats and dates that differ from themselves.
    return isinstance(value, (float, date)) and value != value


def strip_separators(number: str, separators: re.Pattern[str]) -> str:
    """Remove what ``separators`` matches, unless the text is a float rendering of a number.

    >>> strip_separators(" 0123.456.789 ", re.compile(r"[\\s.]+"))
    '0123456789'
    >>> strip_separators("123456789.0", re.compile(r"[\\s.]+"))
    '123456789.0'
    """
    if _FLOAT_TEXT.fullmatch(number):
        return number.strip()
    return separators.sub("", number)


def digits_of_length(number: str, length: int) -> str:
    """``number`` if it is ``length`` ASCII digits, else ``InvalidFormat`` or ``InvalidLength``.

    >>> digits_of_length("012345678", 9)
    '012345678'
    >>> digits_of_length("12345", 9)
    Traceback (most recent call last):
    vssid_batch.rules.errors.InvalidLength: invalid_length
    """
    from vssid_batch.rules.errors import InvalidFormat, InvalidLength

    if not (number.isascii() and number.isdigit()):
        raise InvalidFormat()
    if len(number) != length:
        raise InvalidLength(length=str(len(number)))
    return number
