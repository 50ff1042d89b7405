"""What may be shown: personal numbers masked, control characters gone.

Everything a command prints or reports (terminal lines, table cells, JSON fields, file names)
passes through ``for_display`` at output, wherever the text came from — a rule's message, a cell
quoted back, a header, a file or folder name. Two things happen there, in this order:

1. ``terminal_safe``: control characters (NUL, ESC, DEL, C1), invisible format characters
   (bidi overrides, zero-width spaces) and line/paragraph separators are removed, so nothing
   from the sheet or the disk can move the cursor, recolour or reorder the terminal; a tab or
   a line break becomes a space. Removing them (rather than drawing a symbol) also joins the
   digits on either side, so a number split by a NUL is still seen as one number below.
2. ``mask_numbers``: every run of 8 or more digits (spaces, dots, dashes, underscores or a
   comma between digits included: "001 090 123 456", "0912.345.678", "091-234-5678") keeps
   its first and last three digits and stars the others, as ``mask`` does for one number.
   Separators stay where they were, so the clerk recognises the cell. A date of 1900–2099
   written with one separator (25.11.2026, 31-02-1990, 2026-11-25) is not a personal number
   and is left alone, so that a misread date stays readable in its message.

``--show-pii`` skips step 2 only.
"""

from __future__ import annotations

import re
import unicodedata

KEEP = 3  # digits kept visible at each end of a masked number
MIN_RUN = 8  # shortest run of digits that is masked
# Between two digits of one number, as clerks type them: up to three spaces (any width), dots,
# dashes (Word's and Excel's typographic ones too: "001–090–123–456"), underscores or brackets
# ("0912 - 345 - 678", "(024) 3555 0123"), or one bare comma or slash ("001,090,123,456",
# "001/090/123/456"); a comma or slash with a space beside it separates list items ("dòng 12,
# 13, 14", "0912345678 / 0241234567") and does not join them.
_JOINERS = " .\\-_()\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212\uff0d\uff0e"
_SEPARATOR = rf"(?:[{_JOINERS}]{{0,3}}|[,/\uff0f])"
_DIGIT_RUN = re.compile(rf"\d(?:{_SEPARATOR}\d){{{MIN_RUN - 1},}}")
_DATE_TEXT = (
    r"(?P<y{n}>\d{{4}})(?P<s{n}>[-./])(?P<m{n}>\d{{2}})(?P=s{n})(?P<d{n}>\d{{2}})"
    r"|(?P<D{n}>\d{{2}})(?P<S{n}>[-./ ])(?P<M{n}>\d{{2}})(?P=S{n})(?P<Y{n}>\d{{4}})"
)
_DATE = re.compile(_DATE_TEXT.format(n=""))
# Dates side by side ("12/03/1990 – 01/02/2021") make one long run of digits, still no number.
_DATES = re.compile(
    rf"(?:{_DATE_TEXT.format(n=1)})(?:{_SEPARATOR}"
    rf"(?:{_DATE_TEXT.format(n=2)}))+"
)
# Whitespace-like controls become a space; every other control or format character goes.
_AS_SPACE = frozenset("\t\n\r\x0b\x0c\x85\u2028\u2029")
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def mask(number: str) -> str:
    """Keep the first and last three characters of an ID or phone number, star the rest.

    >>> mask("001090123456")
    '001******456'
    >>> mask("0912345678")
    '091****678'
    >>> mask("12345")
    '*****'
    """
    if len(number) <= 2 * KEEP:
        return "*" * len(number)
    return number[:KEEP] + "*" * (len(number) - 2 * KEEP) + number[-KEEP:]


def _is_date(run: str) -> bool:
    found = _DATE.fullmatch(run)
    if found is None:
        return _DATES.fullmatch(run) is not None and all(
            _is_date(date.group()) for date in _DATE.finditer(run)
        )
    day, month = (int(found["d"] or found["D"]), int(found["m"] or found["M"]))
    year = int(found["y"] or found["Y"])
    return 1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2099


def _mask_run(found: re.Match[str]) -> str:
    run = found.group()
    if _is_date(run):
        return run
    digits = [index for index, char in enumerate(run) if char.isdigit()]
    starred = set(digits[KEEP:-KEEP])
    return "".join("*" if index in starred else char for index, char in enumerate(run))


def mask_numbers(text: str) -> str:
    """``text`` with every run of 8 or more digits masked like ``mask`` (separators kept).

    >>> mask_numbers("Ngày sinh “001090123456” không đọc được.")
    'Ngày sinh “001******456” không đọc được.'
    >>> mask_numbers("037 204 866 433_truoc.jpg"), mask_numbers("0912.345.678 / 091-234-5678")
    ('037 *** *** 433_truoc.jpg', '091*.***.678 / 091-***-*678')
    >>> mask_numbers("dòng 12, 13, 14; 1234567; NV0012; ngày 2026-11-25 và 31.02.1990")
    'dòng 12, 13, 14; 1234567; NV0012; ngày 2026-11-25 và 31.02.1990'
    """
    return _DIGIT_RUN.sub(_mask_run, text)


def _safe_char(char: str) -> str:
    if char in _AS_SPACE:
        return " "
    category = unicodedata.category(char)
    if category in _REMOVED_CATEGORIES:
        return ""
    if category == "Cs":  # half of a surrogate pair: an undecodable byte of a file name
        return "\ufffd"
    return char


def terminal_safe(text: str) -> str:
    """``text`` without anything a terminal would act on instead of print.

    >>> terminal_safe("\\x1b[31mAn\\x1b[0m\\x00 Bình\\u202eabc\\tđ")
    '[31mAn[0m Bìnhabc đ'
    """
    if text.isprintable():  # the usual case, and fast
        return text
    return "".join(_safe_char(char) for char in text)


def for_display(text: str, show_pii: bool = False) -> str:
    """Text as any command may show it: terminal-safe, numbers masked unless ``show_pii``.

    >>> for_display("SĐT 0912\\x00345678")
    'SĐT 091****678'
    >>> for_display("SĐT 0912345678", show_pii=True)
    'SĐT 0912345678'
    """
    text = terminal_safe(text)
    if show_pii or len(text) < MIN_RUN:  # too short to hold a number: the common JSON value
        return text
    return _DIGIT_RUN.sub(_mask_run, text)


def for_display_data(value: object, show_pii: bool = False) -> object:
    """A JSON-ready document with ``for_display`` applied to every string in it (keys too).

    >>> for_display_data({"file": "DS 0912345678.xlsx", "rows": [5, "0912345678"]})
    {'file': 'DS 091****678.xlsx', 'rows': [5, '091****678']}
    """
    if isinstance(value, str):
        if len(value) < MIN_RUN and value.isprintable():  # keys, codes, severities: as they are
            return value
        return for_display(value, show_pii)
    if isinstance(value, dict):
        return {
            for_display_data(k, show_pii): for_display_data(v, show_pii) for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [for_display_data(item, show_pii) for item in value]
    return value
