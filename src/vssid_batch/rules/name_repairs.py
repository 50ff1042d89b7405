"""Names as copied from a card or a letter: honorifics in front, and look-alike letters.

Both are reported, never silently changed in a way the clerk cannot see.

A leading honorific ("Ông", "Bà", "Anh", "Chị", "Mr", "Mrs", "Ms", with or without a dot) is
only pointed out: "Ông" and "Bà" are also surnames, so the name stays as written.

>>> without_honorific("Bà Nguyễn Thị Lan"), without_honorific("Mr. John Smith")
('Nguyễn Thị Lan', 'John Smith')
>>> without_honorific("Nguyễn Văn An") is None, without_honorific("Bà Lan") is None
(True, True)

Letters of another alphabet that look like Latin ones (the Icelandic "Ð/ð" typed for "Đ/đ", a
Cyrillic "а" or a Greek "ο" pasted into a Latin name) make a name that no register will find;
they become the Vietnamese/Latin letter:

>>> fix_lookalikes("ÐẶNG VĂN ÐỨC")
('ĐẶNG VĂN ĐỨC', 'Ð')
>>> fix_lookalikes("Nguyễn Vаn An")   # a Cyrillic а
('Nguyễn Van An', 'а')
>>> fix_lookalikes("Иванов Иван")     # a name written in Cyrillic is left alone
('Иванов Иван', '')
"""

from __future__ import annotations

import re
import unicodedata

HONORIFICS = frozenset({"ông", "bà", "anh", "chị", "mr", "mrs", "ms", "miss", "ô", "b"})
# A bare one-letter abbreviation counts only with its dot ("Ô. Nguyễn Văn An").
_DOT_ONLY = frozenset({"ô", "b"})
_HONORIFIC = re.compile(r"(?P<word>\w+)(?P<dot>\.)?\s*(?P<rest>.*)", re.DOTALL)

# Letters that are always the Vietnamese one in a name: Icelandic eth for đ.
_ETH = {"Ð": "Đ", "ð": "đ"}
# Cyrillic and Greek letters drawn like Latin ones; replaced only in a name that also has Latin
# letters (a mixed name is a paste or a keyboard slip; a Cyrillic name is a Cyrillic name).
_LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ι": "i", "κ": "k",
    "ρ": "p", "υ": "u", "χ": "x", "α": "a",
}  # fmt: skip


def without_honorific(name: str) -> str | None:
    """The name without a leading honorific, or None when it has none.

    At least two words must remain. "Ông Ích Khiêm" still gets the warning: the surname Ông
    cannot be told from the honorific, so the clerk decides and the name stays as written.

    >>> without_honorific("CHỊ  Trần Thị Hoa"), without_honorific("Ô. Lê Văn Tám")
    ('Trần Thị Hoa', 'Lê Văn Tám')
    """
    match = _HONORIFIC.fullmatch(unicodedata.normalize("NFC", name).strip())
    if match is None:
        return None
    word, rest = match["word"].casefold(), " ".join(match["rest"].split())
    if word not in HONORIFICS or (word in _DOT_ONLY and not match["dot"]):
        return None
    return rest if len(rest.split(" ")) >= 2 else None


def _is_latin(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith("LATIN")


def fix_lookalikes(name: str) -> tuple[str, str]:
    """(the name with look-alike letters replaced, the distinct letters replaced in order).

    >>> fix_lookalikes("Trần Thị Ηοa")    # Greek capital eta and omicron
    ('Trần Thị Hoa', 'Ηο')
    >>> fix_lookalikes("Trần Thị Ноа")    # a whole word of Cyrillic look-alikes
    ('Trần Thị Hoa', 'Ноа')
    """
    mixed = any(_is_latin(char) and char not in _ETH for char in name)
    replaced: list[str] = []
    out = []
    for char in name:
        new = _ETH.get(char) or (_LOOKALIKES.get(char) if mixed else None)
        if new is not None:
            if char not in replaced:
                replaced.append(char)
            char = new
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out)), "".join(replaced)
