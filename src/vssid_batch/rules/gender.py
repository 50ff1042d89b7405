"""Gender cells: Nam / Nữ in any case, with or without diacritics, and a few English forms.

>>> parse("Nam"), parse("NỮ"), parse("nu"), parse(" Nữ giới ")
(<Gender.male: 'Nam'>, <Gender.female: 'Nữ'>, <Gender.female: 'Nữ'>, <Gender.female: 'Nữ'>)
>>> parse("M"), parse("female")
(<Gender.male: 'Nam'>, <Gender.female: 'Nữ'>)

The accepted spellings are listed, not guessed by folding diacritics away: "Năm" (a year) is not
"Nam".

>>> parse("Năm")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: invalid
>>> parse("")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: missing
"""

from __future__ import annotations

import unicodedata

from vssid_batch.models import Gender
from vssid_batch.rules._clean import is_blank
from vssid_batch.rules.errors import RuleError

_VALUE_SHOWN = 30


def _spellings(*words: str) -> tuple[str, ...]:
    return (*words, *(f"{word} {suffix}" for word in words for suffix in ("giới", "gioi")))


SPELLINGS: dict[str, Gender] = {
    **dict.fromkeys(_spellings("nam"), Gender.male),
    **dict.fromkeys(_spellings("nữ", "nu"), Gender.female),
    **dict.fromkeys(("m", "male"), Gender.male),
    **dict.fromkeys(("f", "female"), Gender.female),
}


def parse(value: object) -> Gender:
    """The gender a cell names, or ``RuleError("invalid", value=…)`` / ``RuleError("missing")``.

    >>> parse(Gender.male)
    <Gender.male: 'Nam'>
    >>> parse("Nu\\u031b\\u0303")  # decomposed Unicode: u, horn, tilde
    <Gender.female: 'Nữ'>
    """
    if isinstance(value, Gender):
        return value
    if is_blank(value):
        raise RuleError("missing")
    text = " ".join(unicodedata.normalize("NFC", str(value)).casefold().split())
    gender = SPELLINGS.get(text)
    if gender is None:
        raise RuleError("invalid", value=str(value).strip()[:_VALUE_SHOWN])
    return gender
