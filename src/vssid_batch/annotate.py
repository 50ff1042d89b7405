"""`validate --annotate OUT.xlsx`: a copy of the clerk's sheet, every problem marked on its cell.

Error cells are filled red, warning cells yellow, each with a comment holding the message and the
hint, and a result column says per person "Hợp lệ" or what is wrong. The input is never written:
an .xlsx/.xlsm is copied with its formatting; other formats are copied cell by cell.
"""

from __future__ import annotations

import datetime
import os
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from vssid_batch.atomic import atomic_path
from vssid_batch.errors import VssidError
from vssid_batch.fields import Field
from vssid_batch.messages import Lang, render, t
from vssid_batch.models import PersonResult, Problem, Report
from vssid_batch.sheet.errors import SheetError
from vssid_batch.sheet.formats import column_number, detect_format
from vssid_batch.sheet.formulas import tag_pieces
from vssid_batch.sheet.model import FormulaWithoutValue
from vssid_batch.sheet.reader import sheet_cells
from vssid_batch.sheet.writer import NO_DATE, save_xlsx, set_value, xlsx_text

ERROR_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
WARNING_FILL = PatternFill("solid", start_color="FFEB9C", end_color="FFEB9C")
VALID_FILL = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")


def sheet_title(name: str) -> str:
    r"""``name`` as an Excel sheet title: none of ``[]:*?/\``, at most 31 characters, no
    apostrophe at either end, not "History", no character XML cannot hold.

    >>> sheet_title("DS [T5]"), sheet_title(r"a/b:c*d?e\f"), sheet_title("[]")
    ('DS (T5)', 'a-b-c-d-e-f', 'Sheet')
    >>> sheet_title("a" * 30 + "'b"), sheet_title("History"), sheet_title("ds\x01\ufffe")
    ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'History (1)', 'ds')
    """
    title = xlsx_text(name).replace("[", "(").replace("]", ")")
    # Cut first, then strip: Excel refuses a title that starts or ends with an apostrophe.
    title = re.sub(r"[:*?/\\]", "-", title)[:31].strip("'")
    if title.casefold() == "history":  # reserved by Excel (the change-tracking sheet)
        return f"{title} (1)"
    return title if title.strip("() -") else "Sheet"


def _open_copy(
    source: Path, sheet: str | None, mapping: Mapping[Field, str] | None, *, macros: bool
) -> tuple[Workbook, Worksheet]:
    """The clerk's workbook as an openpyxl object we may change (the file itself is not touched).
    Its macros are kept only when ``macros`` (the copy is an .xlsm): a macro-enabled workbook
    saved under an .xlsx name is one Excel refuses to open.

    An .xlsx/.xlsm is opened with its formatting; any other format ``validate`` reads (.xls,
    .ods, .xlsb, CSV in any of its encodings, Excel's "Unicode Text") is copied cell by cell
    through the sheet reader, so every cell lands on the row and column the report names. So
    is an .xlsx whose merged ranges cover more than ``MAX_MERGED_CELLS`` cells: openpyxl makes
    an object for every cell of a merge, and one merge of a whole column (or a hostile
    A1:XFD1048576) would take minutes and gigabytes.
    """
    if (
        detect_format(source) == "xlsx"
        and source.suffix.lower() in (".xlsx", ".xlsm")
        and merged_cells(source) <= MAX_MERGED_CELLS
    ):
        keep_vba = macros and source.suffix.lower() == ".xlsm"
        workbook = openpyxl.load_workbook(source, keep_vba=keep_vba)
        if sheet and sheet not in workbook.sheetnames:  # a report made from another workbook
            raise SheetError(
                "sheet_not_found", file=str(source), sheet=sheet, sheets=tuple(workbook.sheetnames)
            )
        chosen = workbook[sheet] if sheet else workbook.worksheets[0]
        assert isinstance(chosen, Worksheet)
        return workbook, chosen
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet_title(sheet or source.stem)
    for number, first_col, cells in sheet_cells(source, sheet, mapping):
        for j, raw in enumerate(cells):
            value = _copied(raw)
            if value is not None:  # a copied value, never a formula that would run
                set_value(worksheet.cell(row=number, column=first_col + j + 1), value)
    return workbook, worksheet


MAX_MERGED_CELLS = 200_000
_MERGE_REF = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?(\d{1,7})"
    rb"(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?"
)


def merged_cells(source: Path | IO[bytes]) -> int:
    """The cells the merged ranges of every worksheet in an .xlsx cover, read from the zip
    without building the workbook (the archive's sizes were checked when it was read).

    >>> import io, zipfile
    >>> book = io.BytesIO()
    >>> with zipfile.ZipFile(book, "w") as archive:
    ...     archive.writestr("xl/worksheets/sheet1.xml",
    ...                      '<mergeCells><mergeCell ref="A1:C2"/><mergeCell ref="B5:B1048576"/>'
    ...                      '<mergeCell ref="D4"/></mergeCells>')
    >>> merged_cells(book)
    1048579
    """
    total = 0
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/"):
                with archive.open(info) as member:
                    total += sum(_area(*found) for found in _merge_refs(member))
    return total


def _merge_refs(member: IO[bytes]) -> Iterator[tuple[bytes, ...]]:
    """The ``ref`` of every merge in a worksheet part, read in pieces (``tag_pieces``)."""
    for buffer, cut in tag_pieces(member):
        for found in _MERGE_REF.finditer(buffer, 0, cut):
            yield found.groups()


def _area(left: bytes, top: bytes, right: bytes | None, bottom: bytes | None) -> int:
    if right is None or bottom is None:
        return 1
    width = abs(column_number(right) - column_number(left)) + 1
    return width * (abs(int(bottom) - int(top)) + 1)


def _copied(raw: object) -> Any:
    """A cell's value for the copy: text without the characters .xlsx cannot hold, numbers and
    dates as they are, nothing for an empty cell or a formula that has no value."""
    if raw is None or isinstance(raw, FormulaWithoutValue):
        return None
    if isinstance(raw, str):
        return xlsx_text(raw) or None
    if isinstance(raw, (bool, int, float, datetime.date)):
        return raw
    return str(raw)


def _mark_cell(
    worksheet: Worksheet, row: int, column: int, problems: list[Problem], lang: Lang
) -> None:
    cell = worksheet.cell(row=row, column=column)
    cell.fill = ERROR_FILL if any(p.is_error for p in problems) else WARNING_FILL
    lines = []
    for problem in problems:
        message, hint = render(problem, lang, show_pii=True)  # the copy holds the numbers anyway
        lines.append(f"{message}\n→ {hint}")
    cell.comment = Comment("\n\n".join(lines), "vssid-batch", width=320, height=160)


def _result_text(person: PersonResult, lang: Lang) -> str:
    if not person.problems:
        return t("result_valid", lang)
    errors = sum(1 for p in person.problems if p.is_error)
    counts = t("result_counts", lang, errors=errors, warnings=len(person.problems) - errors)
    # Sentences joined by "; " lose their own full stop ("…456.; Số…" read as a typo).
    messages = "; ".join(render(p, lang, show_pii=True)[0].rstrip(".") for p in person.problems)
    return f"{counts}: {messages}"


def annotate_worksheet(worksheet: Worksheet, report: Report, lang: Lang) -> None:
    result_column = worksheet.max_column + 1
    header = worksheet.cell(row=report.header_row, column=result_column)
    set_value(header, t("result_header", lang))
    header.font = Font(bold=True)
    first_column = min(report.column_index.values(), default=0) + 1
    for person in [*report.people, *report.hidden]:
        by_column: dict[int, list[Problem]] = defaultdict(list)
        for problem in person.problems:
            index = _problem_column(report, problem)
            by_column[first_column if index is None else index + 1].append(problem)
        for column, problems in by_column.items():
            _mark_cell(worksheet, person.row, column, problems, lang)
        result = worksheet.cell(row=person.row, column=result_column)
        set_value(result, _result_text(person, lang))
        result.fill = (
            VALID_FILL
            if not person.problems
            else ERROR_FILL
            if not person.is_valid
            else WARNING_FILL
        )
    worksheet.column_dimensions[get_column_letter(result_column)].width = 60


def _problem_column(report: Report, problem: Problem) -> int | None:
    """The 0-based column a problem is on: its field's column, or — when the column depends on
    the row (a birth date under "Nam" or "Nữ") — the column whose header the problem names."""
    if problem.field is None:
        return None
    if problem.column != report.columns.get(problem.field):
        for index, text in report.headers.items():
            if text == problem.column:
                return index
    return report.column_index.get(problem.field)


def _same_file(target: Path, source: Path) -> bool:
    """Whether ``target`` names ``source``: by path, or — on a case-insensitive disk (macOS,
    Windows: "DS.xlsx" is "ds.xlsx") or through a hard link — by being the same file."""
    if target.resolve() == source.resolve():
        return True
    try:
        return os.path.samefile(target, source)
    except OSError:  # the target does not exist yet
        return False


def write_annotated_copy(
    source: Path,
    target: Path,
    report: Report,
    *,
    lang: Lang,
    mapping: Mapping[Field, str] | None = None,
) -> None:
    """Write ``target``: ``source`` with the report's problems marked. ``source`` is only read.
    ``mapping`` is the ``--map`` the report was made with (a CSV is split as it was then)."""
    if _same_file(target, source):
        raise VssidError("annotate.same_file", target=target)
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise VssidError("annotate.format", target=target)
    macros = target.suffix.lower() == ".xlsm"
    workbook, worksheet = _open_copy(source, report.sheet, mapping, macros=macros)
    annotate_worksheet(worksheet, report, lang)
    with atomic_path(target) as temporary:
        save_xlsx(workbook, temporary, NO_DATE)
