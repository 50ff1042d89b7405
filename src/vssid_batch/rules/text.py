"""Characters no cell may carry to the forms: control characters and bidirectional overrides.

A cell pasted from a web page, a terminal or another program can hold characters that print as
nothing or as a box on the form, and that move the cursor or reorder the text on a terminal:
C0 controls (NUL, ESC …), DEL, C1 controls, the bidirectional marks and overrides (U+061C,
U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the zero-width ones (U+00AD, U+200B–U+200D,
U+2060–U+2064, U+FEFF). ``strip_controls`` removes them and
says which it removed; the checker warns with ``*.control_characters`` naming the cell.

Tab, line feed and carriage return are kept: they are the spacing of a cell typed with
Alt+Enter, and every text field collapses whitespace to single spaces anyway.

>>> strip_controls("Số 12\\x00 phố Huế\\x1b[31m")
('Số 12 phố Huế[31m', ['U+0000', 'U+001B'])
>>> strip_controls("Nguyễn\\u202eVăn An")
('NguyễnVăn An', ['U+202E'])
>>> strip_controls("Nguyễn Văn Đức\\u200b\\ufeff")
('Nguyễn Văn Đức', ['U+200B', 'U+FEFF'])
>>> strip_controls("Hà Nội\\nViệt Nam")
('Hà Nội\\nViệt Nam', [])
"""

from __future__ import annotations

import re

# Also the invisible characters a copy from a web page or Word brings along: soft hyphen,
# zero-width space and joiners, word joiner and invisible operators, and the BOM (U+FEFF) —
# they print as nothing, yet make "Đức\u200b" a different name from "Đức".
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
MAX_LISTED = 5  # distinct characters named in a warning


def code_point(char: str) -> str:
    """``U+XXXX``: how a character that cannot be shown is named.

    >>> code_point("\\x1b"), code_point("\\u202e")
    ('U+001B', 'U+202E')
    """
    return f"U+{ord(char):04X}"


def strip_controls(text: str) -> tuple[str, list[str]]:
    """``text`` without control and bidi characters, and those removed (sorted; past five, "…")."""
    # The usual case, decided by one fast scan: nothing but printable characters (every control
    # and bidi character is unprintable), or unprintable ones that are only spacing.
    if text.isprintable() or _CONTROL.search(text) is None:
        return text, []
    removed = [code_point(c) for c in sorted(set(_CONTROL.findall(text)))]
    if len(removed) > MAX_LISTED:
        removed = [*removed[:MAX_LISTED], "…"]
    return _CONTROL.sub("", text), removed
