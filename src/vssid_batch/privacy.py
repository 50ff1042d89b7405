"""Masking of personal numbers for anything shown on a terminal or written to a log."""

from __future__ import annotations


def mask(number: str) -> str:
    """Keep the first and last three characters of an ID or phone number, star the rest.

    >>> mask("001090123456")
    '001******456'
    >>> mask("0912345678")
    '091****678'
    >>> mask("12345")
    '*****'
    """
    if len(number) <= 6:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 6) + number[-3:]
