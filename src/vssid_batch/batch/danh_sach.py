"""The danh sách: the list of people sent with the forms, as a printable XLSX and as a CSV.

The XLSX is what the BHXH office and the clerk read and sign: an A4 landscape sheet with the
employer's header, a title, a bordered table and sign-off captions, plus three empty columns the
clerk fills in by hand or in Excel ("Đã đối chiếu bản gốc", "Ký nhận", "Trạng thái").
``read_statuses`` reads the "Trạng thái" column back for ``vssid-batch report``.

The CSV is for other tools: one plain row per person, with the row of the source sheet.

Both are written as a stream (openpyxl write-only mode, ``csv.writer``), so memory stays flat
however many people there are, and both defuse spreadsheet formula injection: a name such as
``=HYPERLINK(...)`` is shown as text, never run.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from vssid_batch.errors import VssidError
from vssid_batch.fields import header_key
from vssid_batch.models import Employee, Unit
from vssid_batch.sheet.formats import open_sheet_file
from vssid_batch.sheet.grid import cell_text, is_blank
from vssid_batch.sheet.reader import find_table
from vssid_batch.sheet.writer import (
    needs_quote_prefix,
    save_xlsx,
    set_value,
    write_csv,
    xlsx_text,
)
from vssid_batch.text import dated_place, letter_number, phone_text, vietnamese_count

LIST_STATUS_HEADER = "Trạng thái"
LIST_TITLE = "DANH SÁCH NGƯỜI LAO ĐỘNG ĐĂNG KÝ GIAO DỊCH ĐIỆN TỬ VÀ CÀI ĐẶT ỨNG DỤNG VssID"
SHEET_TITLE = "Danh sách"
# Offered in the "Trạng thái" dropdown, in the order things happen; free text is still accepted.
STATUS_CHOICES = ("Đã ký", "Đã nộp", "Đã có tài khoản", "Đã cài VssID")
STT_HEADER = "STT"
SOURCE_ROW_HEADER = "Dòng trong bảng gốc"

FONT_NAME = "Times New Roman"  # what Vietnamese offices print administrative lists in
# Rows of the heading (see _heading_rows); 3 and 6 are left blank.
EMPLOYER_ROW, UNIT_CODE_ROW, TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 4, 5, 7
FIRST_DATA_ROW = HEADER_ROW + 1
_HEADER_SEARCH_ROWS = 200  # a clerk may insert rows above the table, not hundreds of them


# ---------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # Excel character units
    value: Callable[[int, Employee], str | int] | None  # None: left empty for the clerk
    centred: bool = True


EMPLOYEE_CODE = Column("Mã NV", 10, lambda _s, e: e.employee_code or "")
DEPARTMENT = Column("Phòng ban", 16, lambda _s, e: e.department or "", centred=False)
CLERK_COLUMNS = (
    Column("Đã đối chiếu bản gốc", 12, None),
    Column("Ký nhận", 16, None),
    Column(LIST_STATUS_HEADER, 18, None),
)
COLUMNS: tuple[Column, ...] = (
    Column(STT_HEADER, 6, lambda stt, _e: stt),
    Column("Họ và tên", 28, lambda _s, e: e.full_name, centred=False),
    Column("Ngày sinh", 12, lambda _s, e: e.birth_date_text),
    Column("Giới tính", 9, lambda _s, e: e.gender.value),
    Column("Mã số BHXH", 14, lambda _s, e: e.bhxh_code),
    Column("Số CCCD/CMND", 16, lambda _s, e: e.id_number),
    Column("Số điện thoại", 15, lambda _s, e: phone_text(e.phone)),
    *CLERK_COLUMNS,
)
# The columns the clerk fills in: never compared with the manifest by ``report``.
CLERK_HEADERS = frozenset(c.header for c in CLERK_COLUMNS)

CSV_HEADERS = (
    STT_HEADER,
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã số BHXH",
    "Số CCCD/CMND",
    "Số điện thoại",
    SOURCE_ROW_HEADER,
)


def list_columns(employees: Sequence[Employee]) -> tuple[Column, ...]:
    """The list's columns: "Mã NV" after STT and "Phòng ban" before the clerk's columns when the
    sheet gave anyone a value for them (a clerk hands hundreds of forms out by department).

    >>> [c.header for c in list_columns([])][:3]
    ['STT', 'Họ và tên', 'Ngày sinh']
    """
    code = any(e.employee_code for e in employees)
    department = any(e.department for e in employees)
    stt, *identity = COLUMNS[: -len(CLERK_COLUMNS)]
    return (
        stt,
        *((EMPLOYEE_CODE,) if code else ()),
        *identity,
        *((DEPARTMENT,) if department else ()),
        *CLERK_COLUMNS,
    )


def _letter(columns: Sequence[Column], header: str) -> str:
    return get_column_letter([c.header for c in columns].index(header) + 1)


def checked_headers(columns: Sequence[Column]) -> list[str]:
    """Headers of the columns ``report`` compares cell by cell: all but STT (the row's key) and
    the clerk's."""
    return [c.header for c in columns if c.value is not None and c.header != STT_HEADER]


def cell_digest(header: str, text: str) -> str:
    """A short fingerprint of one list cell: enough to notice any edit (one chance in four
    billion of missing one), and no ID number in clear in the manifest.

    >>> cell_digest("Họ và tên", "Nguyễn Văn An") == cell_digest("Họ và tên", " Nguyễn Văn An ")
    True
    """
    data = f"vssid-batch-list\x1f{header}\x1f{text.strip()}".encode()
    return hashlib.sha256(data).hexdigest()[:8]


def row_digests(stt: int, employee: Employee, columns: Sequence[Column]) -> str:
    """The fingerprints of a person's checked cells, as written, joined by ".": stored in the
    manifest so that ``report`` can tell which cell of danh-sach.xlsx was edited."""
    return ".".join(
        cell_digest(c.header, _cell_text(_written(c.value(stt, employee))))
        for c in columns
        if c.value is not None and c.header != STT_HEADER
    )


def _written(value: str | int) -> str | int:
    return xlsx_text(value) if isinstance(value, str) else value


# ---------------------------------------------------------------------------------------------
# XLSX


_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_GREY = PatternFill("solid", fgColor="D9D9D9")


def _font(size: float = 12, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _styled(
    ws: Worksheet,
    value: str | int | None = None,
    *,
    font: Font | None = None,
    horizontal: str = "center",
    wrap: bool = False,
    border: bool = False,
    fill: PatternFill | None = None,
    text: bool = False,
) -> Cell:
    """A write-only cell with our look; ``text`` cells are strings that are never formulas."""
    cell = WriteOnlyCell(ws)
    cell.font = font or _font()
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)
    if border:
        cell.border = _GRID
    if fill:
        cell.fill = fill
    if text:
        # "@" keeps a later edit in Excel as text too (leading zeros of ID numbers survive).
        cell.number_format = "@"
    if needs_quote_prefix(value):
        cell.quotePrefix = 1  # a style: decided before the cell is written
    set_value(cell, value)
    return cell


def _merged(ws: Worksheet, row: int, first: str, last: str) -> None:
    ws.merged_cells.add(f"{first}{row}:{last}{row}")


def _setup_sheet(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Column widths, freezing and print settings: written before the first row, so set now."""
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[TITLE_ROW].height = 21
    ws.row_dimensions[HEADER_ROW].height = 33  # two lines of wrapped header text
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    footer = ws.oddFooter
    assert footer is not None  # openpyxl creates it with every sheet
    footer.center.text = "Trang &P/&N"
    footer.center.font = FONT_NAME
    footer.center.size = 10


def _blank_row() -> list[Cell | None]:
    return []


def _heading_rows(
    ws: Worksheet, unit: Unit, on: date, columns: Sequence[Column]
) -> Iterator[list[Cell | None]]:
    """Rows 1–7: employer, mã đơn vị, title, the letter it goes with, the table header."""
    yield [_styled(ws, unit.employer.name.upper(), font=_font(bold=True), text=True)]
    yield [_styled(ws, f"Mã đơn vị BHXH: {unit.employer.bhxh_unit_code}", text=True)]
    yield _blank_row()
    yield [_styled(ws, LIST_TITLE, font=_font(14, bold=True), text=True)]
    subtitle = (
        f"(Kèm theo Công văn số {letter_number(unit, on)} ngày {on:%d/%m/%Y} "
        f"của {unit.employer.name})"
    )
    yield [_styled(ws, subtitle, font=_font(italic=True), text=True)]
    yield _blank_row()
    header = _font(bold=True)
    yield [
        _styled(ws, c.header, font=header, wrap=True, border=True, fill=_GREY, text=True)
        for c in columns
    ]


def _merge_heading(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Employer lines over A–D (centred there, as in a công văn); title lines across the table."""
    for row in (EMPLOYER_ROW, UNIT_CODE_ROW):
        _merged(ws, row, "A", "D")
    for row in (TITLE_ROW, SUBTITLE_ROW):
        _merged(ws, row, "A", get_column_letter(len(columns)))


def _data_cell(ws: Worksheet, column: Column, value: str | int | None = None) -> Cell:
    return _styled(
        ws,
        value,
        horizontal="center" if column.centred else "left",
        border=True,
        text=column.value is not None and column.header != STT_HEADER,
    )


def _write_people(ws: Worksheet, employees: Iterable[Employee], columns: Sequence[Column]) -> int:
    """Append one row per person; returns how many there were.

    The write-only sheet serialises a row as soon as it is appended, so one styled cell per
    column is reused for every person: no per-cell allocation or style lookup. Only its value
    changes: openpyxl registers a cell's style object itself (not a copy), so restyling a reused
    cell would restyle every row already written with it. A value that looks like a formula gets
    a fresh cell with its own (quote-prefixed) style instead.
    """
    reused = [_data_cell(ws, column) for column in columns]
    count = 0
    for count, employee in enumerate(employees, 1):  # the last count is the number of people
        row: list[Cell] = []
        for cell, column in zip(reused, columns, strict=True):
            value = column.value(count, employee) if column.value else None
            if needs_quote_prefix(value):
                row.append(_data_cell(ws, column, value))
            else:
                set_value(cell, value)
                row.append(cell)
        ws.append(row)
    return count


def _placed(width: int, *cells: tuple[str, Cell]) -> list[Cell | None]:
    """A row with each cell in the named column, the others empty."""
    row: list[Cell | None] = [None] * width
    for letter, cell in cells:
        row[column_index_from_string(letter) - 1] = cell
    return row


# The two signature blocks: "Người lập biểu" over B–D, "Thủ trưởng đơn vị" over the clerk's
# columns (H–J without the optional columns).
_LEFT_SIGN, _LEFT_SIGN_END = "B", "D"


def _right_sign(columns: Sequence[Column]) -> str:
    return _letter(columns, CLERK_COLUMNS[0].header)


def _footer_rows(
    ws: Worksheet, unit: Unit, on: date, people: int, columns: Sequence[Column]
) -> Iterator[list[Cell | None]]:
    """Total, then the date and the two signature blocks (merged by ``_merge_footer``)."""
    bold, italic = _font(bold=True), _font(italic=True)
    right, width = _right_sign(columns), len(columns)

    def text(value: str, font: Font) -> Cell:
        return _styled(ws, value, font=font, text=True)

    yield _blank_row()
    total = f"Tổng cộng: {vietnamese_count(people)} người"
    yield [_styled(ws, total, font=bold, horizontal="left", text=True)]
    yield _blank_row()
    yield _placed(width, (right, text(dated_place(unit.letter.place, on), italic)))
    yield _placed(
        width, (_LEFT_SIGN, text("Người lập biểu", bold)), (right, text("Thủ trưởng đơn vị", bold))
    )
    caption = "(Ký, ghi rõ họ tên)"
    yield _placed(width, (_LEFT_SIGN, text(caption, italic)), (right, text(caption, italic)))
    for _ in range(4):  # room to sign and stamp
        yield _blank_row()
    yield _placed(width, (right, text(unit.signer.name, bold)))


def _merge_footer(ws: Worksheet, first_row: int, columns: Sequence[Column]) -> None:
    """Merge the footer rows written by ``_footer_rows`` starting at ``first_row``."""
    _merged(ws, first_row + 1, "A", "D")
    for offset in (3, 4, 5, 10):
        _merged(ws, first_row + offset, _right_sign(columns), get_column_letter(len(columns)))
    for offset in (4, 5):
        _merged(ws, first_row + offset, _LEFT_SIGN, _LEFT_SIGN_END)


def _status_dropdown(ws: Worksheet, people: int, columns: Sequence[Column]) -> None:
    if people == 0:
        return
    choices = ",".join(STATUS_CHOICES)
    validation = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=False,  # a suggestion list: the clerk may type anything else
    )
    last = FIRST_DATA_ROW + people - 1
    status = _letter(columns, LIST_STATUS_HEADER)
    validation.add(f"{status}{FIRST_DATA_ROW}:{status}{last}")
    ws.data_validations.append(validation)


def write_list_xlsx(
    path: Path,
    employees: Iterable[Employee],
    unit: Unit,
    *,
    on: date,
    columns: Sequence[Column] = COLUMNS,
) -> None:
    """Write the printable danh sách; ``employees`` is consumed once, as a stream.
    ``columns`` are ``COLUMNS`` or ``list_columns``'s choice.

    The same inputs give the same bytes: the workbook's dates and the zip entries' timestamps
    are taken from ``on``, never from the clock.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    _setup_sheet(ws, columns)
    for row in _heading_rows(ws, unit, on, columns):
        ws.append(row)
    _merge_heading(ws, columns)
    people = _write_people(ws, employees, columns)
    footer_start = FIRST_DATA_ROW + people
    for row in _footer_rows(ws, unit, on, people, columns):
        ws.append(row)
    _merge_footer(ws, footer_start, columns)
    _status_dropdown(ws, people, columns)
    _set_properties(wb, unit)
    save_xlsx(wb, path, datetime(on.year, on.month, on.day))


def _set_properties(wb: Workbook, unit: Unit) -> None:
    props = wb.properties
    props.title = LIST_TITLE
    props.creator = unit.employer.name
    props.lastModifiedBy = None


# ---------------------------------------------------------------------------------------------
# CSV


def write_list_csv(
    path: Path, employees: Iterable[Employee], columns: Sequence[Column] = COLUMNS
) -> None:
    """One row per person, UTF-8 with a BOM so that Excel shows the Vietnamese letters.

    Numbers are written as they are (no grouping) for other tools; every text cell goes through
    ``csv_text`` (``sheet/writer.py``). "Mã NV" and "Phòng ban" are there when ``columns`` has them.
    """
    code, department = EMPLOYEE_CODE in columns, DEPARTMENT in columns
    headers = [*CSV_HEADERS[:-1], *(["Phòng ban"] if department else []), CSV_HEADERS[-1]]
    if code:
        headers.insert(1, EMPLOYEE_CODE.header)
    rows = (
        [
            stt,
            *([e.employee_code or ""] if code else []),
            e.full_name,
            e.birth_date_text,
            e.gender.value,
            e.bhxh_code,
            e.id_number,
            e.phone,
            *([e.department or ""] if department else []),
            e.row,
        ]
        for stt, e in enumerate(employees, 1)
    )
    write_csv(path, headers, rows)


# ---------------------------------------------------------------------------------------------
# Reading back the list the clerk filled in


def _key(value: object) -> str:
    """Header text compared as the employee sheet's headers are: case, accents and spacing do
    not matter."""
    return header_key(str(value))


def status_key(value: str) -> str:
    """A status as compared: case, accents, "đ" and spacing do not matter.

    >>> status_key("  đã   KÝ ") == status_key("Đã ký") == "da ky"
    True
    """
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split()).casefold()


_CHOICES = {status_key(choice): choice for choice in STATUS_CHOICES}


def canonical_status(value: str) -> str | None:
    """The dropdown's spelling of a status typed any other way; None for an unknown status.

    >>> canonical_status("da co tai khoan"), canonical_status("Đã nộp "), canonical_status("xong")
    ('Đã có tài khoản', 'Đã nộp', None)
    """
    return _CHOICES.get(status_key(value))


def _stt(value: object) -> int | None:
    """The STT of a data row, whether Excel kept it as a number or the clerk typed text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _cell_text(value: object) -> str:
    """A list cell as compared and reported: as the clerk sees it, without the spaces around."""
    return cell_text(value).strip()


@dataclass
class ListRow:
    row: int  # the row number Excel shows
    stt: int | None
    cells: dict[str, str]  # header -> text, for every column with a header


@dataclass
class ListSheet:
    """The table of a danh-sach.xlsx as the clerk left it: found by its header, wherever it is."""

    header_row: int
    letters: dict[str, str]  # header -> Excel column letter
    rows: list[ListRow]

    def statuses(self) -> dict[int, str]:
        """STT -> the "Trạng thái" text; if an STT appears twice, the lower row wins."""
        return {
            row.stt: row.cells.get(LIST_STATUS_HEADER, "")
            for row in self.rows
            if row.stt is not None
        }


def _header_at(row: Sequence[object]) -> dict[str, int] | None:
    keys = {_key(v): i for i, v in reversed(list(enumerate(row))) if not is_blank(v)}
    if _key(STT_HEADER) in keys and _key(LIST_STATUS_HEADER) in keys:
        return keys
    return None


def read_list(handle: BinaryIO, display: str) -> ListSheet:
    """The list in ``handle`` (a danh-sach.xlsx), for ``report``.

    Read by the sheet reader (``sheet.reader.find_table``: the same format checks, size guards
    and errors as the employee sheet, SheetError for a damaged or oversized file). The header
    row is found by its text ("STT" and "Trạng thái" in one row), not its number, since clerks
    insert rows above it. Raises ``VssidError`` "report.list_no_header" when no sheet has such a
    header row.
    """
    found = find_table(handle, display, _header_at, _below, search_rows=_HEADER_SEARCH_ROWS)
    if found is None:
        raise VssidError(
            "report.list_no_header", file=display, stt=STT_HEADER, status=LIST_STATUS_HEADER
        )
    return found


def _below(
    header_row: int,
    first_col: int,
    keys: dict[str, int],
    rows: Iterable[tuple[int, Sequence[object]]],
) -> ListSheet:
    wanted = {
        c.header: keys[_key(c.header)]
        for c in (*COLUMNS, EMPLOYEE_CODE, DEPARTMENT)
        if _key(c.header) in keys
    }
    stt_at = wanted[STT_HEADER]
    table = ListSheet(
        header_row=header_row,
        letters={h: get_column_letter(first_col + i + 1) for h, i in wanted.items()},
        rows=[],
    )
    for number, row in rows:
        width = len(row)
        cells = {h: cell_text(row[i]).strip() if i < width else "" for h, i in wanted.items()}
        if any(cells.values()):
            table.rows.append(
                ListRow(number, _stt(row[stt_at]) if stt_at < len(row) else None, cells)
            )
    return table


def read_statuses(path: Path) -> dict[int, str]:
    """STT -> the "Trạng thái" text of each person in a danh-sach.xlsx the clerk filled in.

    Rows without a number in STT (the total, the signatures) are skipped. Statuses are stripped;
    an empty cell gives "". If an STT appears twice, the lower row wins. Raises ``VssidError``
    when no sheet has a header row with "STT" and "Trạng thái" (SheetError when the file cannot
    be read).
    """
    with open_sheet_file(path) as handle:
        return read_list(handle, str(path)).statuses()
