"""The danh sách as a printable XLSX: what the BHXH office and the clerk read and sign
(``write_lists`` also writes its CSV twin).

An A4 landscape sheet with the employer's header, a title, a bordered table and sign-off
captions, plus the three columns the clerk fills in. Written as a stream (openpyxl write-only
mode), so memory stays flat however many people there are. Its own module because openpyxl takes
a tenth of a small ``prepare`` to import: ``batch.prepare`` imports it where the list is written
(in a small batch, by a helper process that imported it while the sheet was checked:
``batch.helper``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from vssid_batch.lazy import import_openpyxl_without_numpy

import_openpyxl_without_numpy()  # before openpyxl's first import below: no numpy for a list

from openpyxl import Workbook  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402
from openpyxl.cell.cell import Cell  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: E402
from openpyxl.utils import column_index_from_string, get_column_letter  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402
from openpyxl.worksheet.properties import PageSetupProperties  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from vssid_batch.batch.danh_sach import (  # noqa: E402
    CLERK_COLUMNS,
    COLUMNS,
    EMPLOYER_ROW,
    FIRST_DATA_ROW,
    FONT_NAME,
    HEADER_ROW,
    LIST_STATUS_HEADER,
    LIST_TITLE,
    SHEET_TITLE,
    STATUS_CHOICES,
    STT_HEADER,
    SUBTITLE_ROW,
    TITLE_ROW,
    UNIT_CODE_ROW,
    Column,
    column_of,
    list_columns,
    write_list_csv,
)
from vssid_batch.models import Employee, Unit  # noqa: E402
from vssid_batch.sheet.writer import needs_quote_prefix, save_xlsx, set_value  # noqa: E402
from vssid_batch.text import dated_place, letter_number, vietnamese_count  # noqa: E402

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
    return column_of(columns, CLERK_COLUMNS[0].header)


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
    status = column_of(columns, LIST_STATUS_HEADER)
    validation.add(f"{status}{FIRST_DATA_ROW}:{status}{last}")
    ws.data_validations.append(validation)


def load() -> None:
    """Nothing to set up beyond importing this module (openpyxl): what a small batch's helper
    process does while the sheet is checked (``batch.helper``)."""


def write_lists(
    xlsx: Path, csv: Path, employees: Sequence[Employee], unit: Unit, *, on: date
) -> None:
    """The danh sách of ``employees``: the printable ``xlsx`` and the ``csv`` for other tools.

    A module-level function of plain values, so that a helper process can be sent the call.
    """
    columns = list_columns(employees)
    write_list_xlsx(xlsx, employees, unit, on=on, columns=columns)
    write_list_csv(csv, employees, columns)


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
