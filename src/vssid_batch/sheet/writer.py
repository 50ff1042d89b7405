"""Writing spreadsheets: the one place where cells become .xlsx or .csv bytes.

Every table the project writes goes through here — the danh sách (.xlsx and .csv), the blank
template and the annotated copy of the clerk's sheet — so the two things that must never differ
between them are decided once:

- *Formula safety.* A cell whose text starts like a formula (``=HYPERLINK(…)``, ``+1``, ``@SUM``,
  ``-2``: OWASP's CSV-injection triggers) is written as text, never as something a spreadsheet
  runs: in .xlsx a string cell (and, where the caller wants Excel to keep it text after an edit,
  the "quote prefix" flag); in .csv a leading apostrophe.
- *Same input, same bytes.* openpyxl stamps the zip entries and ``docProps/core.xml`` with the
  clock; ``save_xlsx`` takes the time to write from its caller instead.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

if TYPE_CHECKING:  # openpyxl loads where a workbook is written, not for the text rules below
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.workbook import Workbook

# OWASP CSV-injection triggers: a spreadsheet starts a formula (or a DDE call) at these. The
# full-width forms too: Excel with an East Asian input method turns "＝SUM(…)" into "=SUM(…)".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

# The time written into files whose content has no date of its own (the template, the annotated
# copy): the zip format's first representable moment, never the clock.
NO_DATE = datetime(1980, 1, 1)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would start a formula at ``text``.

    >>> looks_like_formula("=1+1"), looks_like_formula("-2"), looks_like_formula("Nguyễn Văn An")
    (True, True, False)
    >>> looks_like_formula("＝1+1"), looks_like_formula("＠SUM(A1)")
    (True, True)
    """
    return text.startswith(FORMULA_TRIGGERS)


def needs_quote_prefix(value: object) -> bool:
    """Whether an .xlsx cell holding ``value`` wants Excel's "leading apostrophe" flag (the
    style's ``quotePrefix``), so that it stays text even after the clerk edits it.

    >>> needs_quote_prefix("=SUM(A1)"), needs_quote_prefix("An"), needs_quote_prefix(-2)
    (True, False, False)
    """
    return isinstance(value, str) and looks_like_formula(value)


def csv_text(value: str) -> str:
    """Text that a spreadsheet opening the CSV shows as typed and never evaluates.

    A leading apostrophe is the OWASP defence: Excel and LibreOffice treat what follows as text.

    >>> csv_text('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> csv_text("+1"), csv_text("@SUM(A1)"), csv_text("-2")
    ("'+1", "'@SUM(A1)", "'-2")
    >>> csv_text("Nguyễn Văn An")
    'Nguyễn Văn An'
    """
    return "'" + value if looks_like_formula(value) else value


# What XML 1.0 (hence .xlsx) cannot hold beyond openpyxl's control characters: the
# noncharacters U+FFFE/U+FFFF and lone surrogates. openpyxl lets them through; lxml then refuses
# the whole file (ValueError), and without lxml Excel finds the workbook "unreadable".
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
# The control characters openpyxl refuses in a cell (its ``ILLEGAL_CHARACTERS_RE``, the same
# class: tests/test_sheet_writer.py compares them).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f]")


def xlsx_text(value: str) -> str:
    """``value`` without the characters XML (hence .xlsx) cannot hold: control characters
    (openpyxl refuses them), U+FFFE, U+FFFF and lone surrogates.

    >>> xlsx_text("An\\x00\\x07 Bình\\ufffe\\uffff")
    'An Bình'
    """
    return _NOT_XML.sub("", CONTROL_CHARACTERS.sub("", value))


def set_value(cell: Cell | MergedCell, value: str | float | date | None) -> None:
    """Put ``value`` in ``cell``; text always as a string cell, never a formula (openpyxl would
    turn any text starting with "=" into one). Only the value changes, never the style."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


class _FixedTimeZip(ZipFile):
    """A zip writer that stamps every entry with one fixed time instead of the clock's.

    openpyxl's ``save_workbook`` stamps entries (and the "modified" property) with the current
    time, so two saves of the same workbook differ; ``ExcelWriter`` with this archive does not.
    """

    def __init__(self, path: Path, stamp: tuple[int, int, int, int, int, int]) -> None:
        super().__init__(path, "w", ZIP_DEFLATED, allowZip64=True)
        self._stamp = stamp

    def info(self, name: str) -> ZipInfo:
        """A new entry ``name``, stamped with the archive's time."""
        info = ZipInfo(name, date_time=self._stamp)
        info.compress_type = ZIP_DEFLATED
        info.external_attr = 0o600 << 16  # what ZipFile.writestr gives by default
        return info

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | ZipInfo, data: str | bytes, *args: object, **kwargs: object
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = self.info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data)

    def write(  # type: ignore[override]
        self,
        filename: str | os.PathLike[str],
        arcname: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> None:
        # openpyxl writes the (possibly large) sheet from a temporary file: copy it in chunks.
        info = self.info(arcname or os.fspath(filename))
        info.file_size = os.path.getsize(filename)
        with open(filename, "rb") as src, self.open(info, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def save_xlsx(workbook: Workbook, path: Path, at: datetime) -> None:
    """Write ``workbook`` to ``path`` as of ``at``: the workbook's "created" and "modified"
    properties and every zip entry's time are ``at`` (the same workbook gives the same bytes).

    Works for a write-only workbook as for a loaded one (macros of an .xlsm included)."""
    props = workbook.properties
    props.created = props.modified = at
    from openpyxl.writer.excel import ExcelWriter  # the workbook exists: openpyxl is loaded

    with open_fixed_time_zip(path, at) as archive:
        ExcelWriter(workbook, archive).write_data()


def open_fixed_time_zip(path: Path, at: datetime) -> _FixedTimeZip:
    """A new zip archive at ``path`` whose every entry is stamped ``at`` (not before 1980, the
    zip format's first moment)."""
    stamp = (max(at.year, 1980), at.month, at.day, at.hour, at.minute, at.second)
    return _FixedTimeZip(path, stamp)


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str | int]]) -> None:
    """A CSV for other tools and for Excel: UTF-8 with a BOM (so that Excel shows the Vietnamese
    letters), every text cell through ``csv_text``, numbers as they are; ``rows`` is consumed as
    a stream."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([csv_text(h) for h in headers])
        for row in rows:
            writer.writerow([csv_text(v) if isinstance(v, str) else v for v in row])
