"""Text the form can print: every character in the embedded font, and some letter to see.

The Mẫu 01 is printed with the embedded Tinos fonts only (no system fonts, no fallback), so a
character the fonts lack prints as nothing: a name in Chinese, Thai, Korean, Arabic or Devanagari
would leave a blank line where the person is to be identified. Hangul fillers (U+3164, U+115F,
U+FFA0) are letters to Unicode but print nothing even in a font that has them.

The characters the fonts can draw are data, passed in as ``coverage`` (a set of code points):
``FORM_FONT_COVERAGE`` is read from ``font_coverage.txt``, which ``tools/build_fonts.py`` writes
from the shipped fonts' character maps, so checking a sheet never loads a font library.

>>> latin = parse_coverage("0020-007E\\n00C0-024F\\n1EA0-1EF9")
>>> validate("Nguyễn Văn An", latin)
'Nguyễn Văn An'
>>> undrawable("Lê 王小明", latin)
'王小明'
>>> try:
...     validate("Lê 王小明", latin)
... except RuleError as error:
...     error.code, error.params
('undrawable', {'chars': '王小明', 'codepoints': 'U+738B U+5C0F U+660E'})
>>> validate("\\u3164\\u3164", FORM_FONT_COVERAGE)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: undrawable
>>> validate("-'", latin)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: no_visible_letter
"""

from __future__ import annotations

import unicodedata
from importlib.resources import files

from vssid_batch.rules.errors import RuleError

# Letters to Unicode (category Lo) that every font draws as blank space.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
_SHOWN = 5  # characters quoted in a message; the codepoints say the rest


def parse_coverage(text: str) -> frozenset[int]:
    """Code points from lines of ``XXXX-YYYY`` ranges (``#`` starts a comment).

    >>> sorted(parse_coverage("# c\\n0041-0043\\n00E0-00E0"))
    [65, 66, 67, 224]
    """
    codes: set[int] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            start, _, end = line.partition("-")
            codes.update(range(int(start, 16), int(end or start, 16) + 1))
    return frozenset(codes)


FORM_FONT_COVERAGE = parse_coverage(
    files("vssid_batch.rules").joinpath("font_coverage.txt").read_text(encoding="ascii")
)


def undrawable(text: str, coverage: frozenset[int]) -> str:
    """The characters of ``text`` that print as nothing, each once, in order of appearance.

    >>> undrawable("a\\u3164b สมชาย", frozenset(map(ord, "ab ")))
    'ㅤสมชาย'
    """
    seen: dict[str, None] = {}
    for char in text:
        if ord(char) not in coverage or char in INVISIBLE_LETTERS:
            seen[char] = None
    return "".join(seen)


def has_visible_letter(text: str, coverage: frozenset[int]) -> bool:
    """Whether ``text`` has a letter that prints.

    >>> has_visible_letter("a", frozenset({97})), has_visible_letter("\\uffa0", frozenset())
    (True, False)
    """
    return any(
        unicodedata.category(char).startswith("L")
        and ord(char) in coverage
        and char not in INVISIBLE_LETTERS
        for char in text
    )


def validate(text: str, coverage: frozenset[int]) -> str:
    """``text`` unchanged when the font can print all of it and some of it is a letter.

    Raises ``RuleError("undrawable")`` (params ``chars``, the first few, and ``codepoints``) or
    ``RuleError("no_visible_letter")``.
    """
    missing = undrawable(text, coverage)
    if missing:
        codepoints = " ".join(f"U+{ord(char):04X}" for char in missing)
        raise RuleError("undrawable", chars=missing[:_SHOWN], codepoints=codepoints)
    if not has_visible_letter(text, coverage):
        raise RuleError("no_visible_letter")
    return text


def is_valid(text: str, coverage: frozenset[int]) -> bool:
    """Whether ``validate`` accepts ``text``.

    >>> is_valid("محمد", FORM_FONT_COVERAGE), is_valid("Trần", FORM_FONT_COVERAGE)
    (False, True)
    """
    try:
        return bool(validate(text, coverage))
    except RuleError:
        return False
