"""Why a sheet cannot be read: ``SheetError``, a ``VssidError`` whose codes live under "sheet.".

Every failure of the reader is one ``SheetError``: the CLI turns it into exit code 2 and prints
``error.message(lang)`` — one line that names the file (and the sheet, row and column when they are
known) and says what to do. ``code`` and ``params`` are stable so that callers and tests never
parse the text. The sentences are in the catalogue (``messages/vi.py``/``en.py``, section Errors);
this module only chooses a sentence's variant and words its parts (where, lists, counts).

Messages never carry cell values that may be ID or phone numbers: header texts are the only cell
contents quoted, and runs of digits in them are masked (a "header" forced onto a data row with
``--header-row`` would otherwise leak a person's numbers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from vssid_batch import messages
from vssid_batch.errors import VssidError
from vssid_batch.fields import Field
from vssid_batch.messages import Lang
from vssid_batch.privacy import for_display

ParamValue: TypeAlias = str | int | tuple[str, ...] | None

MAX_LISTED = 15  # headers listed in one message; a wide sheet would otherwise flood the line


def safe_text(text: str, limit: int = 40) -> str:
    """A header text fit for a one-line message: one line, short, personal numbers masked the
    way every output masks them (``privacy.for_display``).

    >>> safe_text("Họ và tên\\n(Full name)")
    'Họ và tên (Full name)'
    >>> safe_text("001090123456")
    '001******456'
    """
    text = " ".join(for_display(str(text)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(key: str, lang: Lang, **params: object) -> str:
    return messages.error_text("sheet." + key, lang, params)


def _number(value: object, lang: Lang) -> str:
    """A count for a message; millions in words, since a run of 8 digits reads as a personal
    number to the output's masking ("98,304,000" would show as "98,3**,000").

    >>> _number(1234567, Lang.vi), _number(98_304_000, Lang.vi), _number(98_304_000, Lang.en)
    ('1.234.567', '98,3 triệu', '98.3 million')
    """
    if not isinstance(value, int):
        return str(value)
    if value >= 10_000_000:
        millions = f"{value / 1_000_000:.1f}".removesuffix(".0")
        return _text("millions", lang, millions=millions.replace(".", _text("decimal_point", lang)))
    return f"{value:,}".replace(",", _text("thousands_separator", lang))


def _quoted_list(items: object, lang: Lang) -> str:
    if not isinstance(items, tuple) or not items:
        return _text("none", lang)
    shown = [f"'{safe_text(item)}'" for item in items[:MAX_LISTED]]
    more = len(items) - len(shown)
    if more > 0:
        shown.append(f"… (+{more})")
    return ", ".join(shown)


def _field_label(name: object, lang: Lang) -> str:
    return f"{messages.field_name(Field(str(name)).value, lang)} ({name})"


def _where(p: Mapping[str, ParamValue], lang: Lang) -> str:
    """'trang 'DS' của tệp a.xlsx' / "sheet 'DS' of a.xlsx", plus the header row when known."""
    text = _text("where" if p.get("sheet") is None else "where/sheet", lang, **p)
    if p.get("header_row") is not None:
        text += _text("where.header_row", lang, header_row=p["header_row"])
    return text


def _letters(p: Mapping[str, ParamValue]) -> tuple[str, ...]:
    letters = p.get("letters")
    return letters if isinstance(letters, tuple) and letters else ("?",)


def _hidden_note(p: Mapping[str, ParamValue], lang: Lang) -> str:
    hidden = p.get("hidden")
    if isinstance(hidden, tuple) and hidden:
        return _text("hidden_note", lang, hidden=_quoted_list(hidden, lang))
    return ""


def _formulas_note(p: Mapping[str, ParamValue], lang: Lang) -> str:
    formulas = p.get("formulas")
    if isinstance(formulas, int) and formulas:
        return _text("formulas_note", lang, formulas=_number(formulas, lang))
    return ""


def _hidden_people_note(p: Mapping[str, ParamValue], lang: Lang) -> str:
    rows = p.get("hidden_people")
    if isinstance(rows, int) and rows:
        return _text(
            "hidden_people_note" if rows > 1 else "hidden_people_note/one",
            lang,
            rows=_number(rows, lang),
        )
    return ""


def _shown(code: str, p: Mapping[str, ParamValue], lang: Lang) -> tuple[str, dict[str, object]]:
    """The catalogue variant of ``code`` and the parameters its sentence shows."""
    where = _where(p, lang)
    shown: dict[str, object] = {**p, "where": where, "Where": where[:1].upper() + where[1:]}
    variant = ""
    if code == "empty" and p.get("sheet") is not None:
        variant = "/sheet"
    elif code == "not_a_workbook":
        kind = f"kind.{p.get('kind')}"
        shown["kind"] = _text(kind if messages.has_error("sheet." + kind) else "kind.binary", lang)
    elif code in ("unreadable", "bad_mapping"):
        reason = f"reason.{p.get('reason')}"
        shown["reason"] = (
            _text(reason, lang) if messages.has_error("sheet." + reason) else p.get("reason")
        )
    elif code == "bad_header_row":
        shown["where"] = _where({**p, "header_row": None}, lang)
    elif code == "missing_columns":
        missing = p.get("missing")
        shown["missing"] = (
            ", ".join(_field_label(name, lang) for name in missing)
            if isinstance(missing, tuple)
            else ""
        )
    elif code == "duplicate_column":
        shown.update(
            label=_field_label(p["field"], lang),
            letter=_letters(p)[0],
            letters=_text("and", lang).join(_letters(p)),
        )
    elif code == "unknown_column":
        shown["column"] = safe_text(str(p.get("column")))
    elif code == "too_many_rows":
        rows = p.get("rows")
        shown["rows"] = _number(rows, lang)
        variant = "" if isinstance(rows, int) else "/unknown"
    elif code == "unknown_field":
        shown["fields"] = ", ".join(f.value for f in Field)
    elif code == "too_big":
        shown["detail"] = _text(
            f"too_big.{p.get('what', 'file')}",
            lang,
            member=safe_text(str(p.get("member", ""))),
            size=_number(p.get("size"), lang),
            limit=_number(p.get("limit"), lang),
        )
    for key in ("sheets", "candidates", "found"):
        if key in p:
            shown[key] = _quoted_list(p[key], lang)
    if "columns" in p:
        shown["columns"] = _quoted_list(p["columns"], lang)
    if code != "too_big" and "limit" in p:
        shown["limit"] = _number(p["limit"], lang)
    shown.update(
        hidden_note=_hidden_note(p, lang),
        formulas_note=_formulas_note(p, lang),
        hidden_people_note=_hidden_people_note(p, lang),
    )
    return f"sheet.{code}{variant}", shown


# Every code a SheetError may carry; its sentence is "sheet.<code>" in the catalogue.
CODES: frozenset[str] = frozenset(
    {
        "file_not_found",
        "unreadable",
        "empty",
        "not_a_workbook",
        "encrypted",
        "corrupt",
        "not_utf8",
        "sheet_not_found",
        "ambiguous_sheet",
        "no_header",
        "bad_header_row",
        "missing_columns",
        "duplicate_column",
        "unknown_column",
        "too_many_rows",
        "no_people",
        "unknown_field",
        "bad_mapping",
        "too_big",
    }
)


class SheetError(VssidError):
    """The sheet cannot be read; the command stops with exit code 2.

    ``code`` is one of ``CODES``; ``params`` are what the message names (``file`` always; ``sheet``,
    ``header_row``, columns … when known). ``str(error)`` is the Vietnamese message.

    >>> error = SheetError("file_not_found", file="ds.xlsx")
    >>> str(error)
    'Không tìm thấy tệp ds.xlsx.'
    >>> error.message("en")
    'File not found: ds.xlsx.'
    """

    namespace = "sheet."

    def __init__(self, code: str, **params: ParamValue) -> None:
        if code not in CODES:
            raise ValueError(f"unknown SheetError code {code!r}")
        super().__init__(code, **params)

    def shown_params(self, lang: Lang) -> tuple[str, Mapping[str, object]]:
        return _shown(self.code, self.params, lang)
