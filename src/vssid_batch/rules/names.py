"""Full names: letters, single spaces, and an apostrophe or hyphen inside a word.

Any Unicode letter is a letter, so every Vietnamese letter with its marks is one, and so are the
marks of a letter that has no precomposed form. Ethnic-minority names keep their apostrophes and
hyphens ("H'Hen Niê", "Ka-Nhi"). Whitespace is trimmed and collapsed and the text put in NFC;
the case is kept as written on the list (``upper`` gives the form's name line).

>>> validate("  Nguyễn   Thị\\u00a0Ánh ")
'Nguyễn Thị Ánh'
>>> validate("H’Hen Niê"), validate("Ka-Nhi")
('H’Hen Niê', 'Ka-Nhi')
>>> upper("Nguyễn Thị Ánh"), upper("đặng văn đức")
('NGUYỄN THỊ ÁNH', 'ĐẶNG VĂN ĐỨC')

A digit, a symbol, or an apostrophe or hyphen not between two letters is ``invalid_character``
(params ``char`` and ``codepoint``, since the character may be invisible):

>>> validate("Nguyễn Văn A1")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: invalid_character
>>> try:
...     validate("=Trần Văn Bình")
... except RuleError as error:
...     error.params
{'char': '=', 'codepoint': 'U+003D'}
"""

from __future__ import annotations

import unicodedata

from vssid_batch.rules.errors import RuleError, accepts

MAX_LENGTH = 100
# Both the typewriter apostrophe and the typographic one Word puts in when it "corrects" it.
JOINERS = frozenset("'’-")


def normalize(name: str) -> str:
    """NFC, trimmed, every run of whitespace (non-breaking spaces too) made one space.

    >>> normalize(" Le\\u0302 \\t Văn\\u202fAn ")
    'Lê Văn An'
    """
    return " ".join(unicodedata.normalize("NFC", name).split())


def _is_letter_or_mark(char: str) -> bool:
    # L*: letters of any script; M*: combining marks left over after NFC.
    return unicodedata.category(char)[0] in "LM"


def _bad_character(word: str) -> str | None:
    for index, char in enumerate(word):
        category = unicodedata.category(char)[0]
        if category == "L":
            continue
        previous = word[index - 1] if index > 0 else ""
        following = word[index + 1] if index + 1 < len(word) else ""
        if category == "M" and previous and _is_letter_or_mark(previous):
            continue
        if (
            char in JOINERS
            and previous
            and following
            and _is_letter_or_mark(previous)
            and unicodedata.category(following)[0] == "L"
        ):
            continue
        return char
    return None


def validate(name: str) -> str:
    """Return the normalised name or raise ``RuleError``: ``missing``, ``too_long``
    (``length``, ``max_length``) or ``invalid_character`` (``char``, ``codepoint``).

    >>> validate("Y-Đăk K'Buôr")
    "Y-Đăk K'Buôr"
    >>> validate("Ka- Nhi")
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.RuleError: invalid_character
    >>> validate(" ")
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.RuleError: missing
    """
    name = normalize(name)
    if not name:
        raise RuleError("missing")
    if len(name) > MAX_LENGTH:
        raise RuleError("too_long", length=str(len(name)), max_length=str(MAX_LENGTH))
    for word in name.split(" "):
        char = _bad_character(word)
        if char is not None:
            raise RuleError("invalid_character", char=char, codepoint=f"U+{ord(char):04X}")
    return name


def is_valid(name: str) -> bool:
    """Whether ``validate`` accepts the name.

    >>> is_valid("Lò Văn Pọm"), is_valid("Nguyen Van @n")
    (True, False)
    """
    return accepts(validate, name)


def upper(name: str) -> str:
    """Vietnamese capitals for the form's name line, in NFC (đ → Đ, ư → Ư, ễ → Ễ).

    >>> upper("trương  ngọc   ưng")
    'TRƯƠNG NGỌC ƯNG'
    """
    return unicodedata.normalize("NFC", normalize(name).upper())
