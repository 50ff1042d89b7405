"""The danh sách as a printable XLSX: what the BHXH office and the clerk read and sign
(``write_lists`` also writes its CSV twin).

An A4 landscape sheet with the employer's header, a title, a bordered table and sign-off
captions, plus the three columns the clerk fills in. Written as a stream of XML
(``sheet.xlsx_stream``: no openpyxl, whose loading alone took a fifth of a small ``prepare``'s
CPU), so memory stays flat however many people there are. A small batch's list is written by
its helper process while the forms are drawn (``batch.helper``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from vssid_batch.batch.danh_sach import (
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
from vssid_batch.models import Employee, Unit
from vssid_batch.sheet.errors import column_letter
from vssid_batch.sheet.xlsx_stream import Cell, PageSetup, StreamedSheet, Style
from vssid_batch.text import dated_place, letter_number, vietnamese_count

_GREY = "D9D9D9"
TEXT = Style(text=True)
BOLD = Style(bold=True, text=True)
ITALIC = Style(italic=True, text=True)
_PAGE = PageSetup(
    paper=9,  # A4
    landscape=True,
    fit_width=1,
    fit_height=0,  # as many pages down as needed
    centred=True,
    margins=(0.4, 0.4, 0.6, 0.6),
    footer="Trang &P/&N",
    footer_size=10,
    title_row=HEADER_ROW,
)


def _heading_rows(unit: Unit, on: date, columns: Sequence[Column]) -> Iterator[list[Cell | None]]:
    """Rows 1–7: employer, mã đơn vị, title, the letter it goes with, the table header."""
    yield [(unit.employer.name.upper(), BOLD)]
    yield [(f"Mã đơn vị BHXH: {unit.employer.bhxh_unit_code}", TEXT)]
    yield []
    yield [(LIST_TITLE, Style(size=14, bold=True, text=True))]
    subtitle = (
        f"(Kèm theo Công văn số {letter_number(unit, on)} ngày {on:%d/%m/%Y} "
        f"của {unit.employer.name})"
    )
    yield [(subtitle, ITALIC)]
    yield []
    header = Style(bold=True, wrap=True, border=True, fill=_GREY, text=True)
    yield [(c.header, header) for c in columns]


def _merge_heading(sheet: StreamedSheet, columns: Sequence[Column]) -> None:
    """Employer lines over A–D (centred there, as in a công văn); title lines across the table."""
    for row in (EMPLOYER_ROW, UNIT_CODE_ROW):
        sheet.merge(f"A{row}", f"D{row}")
    for row in (TITLE_ROW, SUBTITLE_ROW):
        sheet.merge(f"A{row}", f"{column_letter(len(columns) - 1)}{row}")


def _data_style(column: Column) -> Style:
    return Style(
        horizontal="center" if column.centred else "left",
        border=True,
        text=column.value is not None and column.header != STT_HEADER,
    )


def _write_people(
    sheet: StreamedSheet, employees: Iterable[Employee], columns: Sequence[Column]
) -> int:
    """Append one row per person; returns how many there were."""
    styles = [_data_style(column) for column in columns]
    count = 0
    for count, employee in enumerate(employees, 1):  # the last count is the number of people
        sheet.append(
            (column.value(count, employee) if column.value else None, style)
            for column, style in zip(columns, styles, strict=True)
        )
    return count


def _placed(width: int, *cells: tuple[int, Cell]) -> list[Cell | None]:
    """A row with each cell at its 0-based column, the others empty."""
    row: list[Cell | None] = [None] * width
    for index, cell in cells:
        row[index] = cell
    return row


# The two signature blocks: "Người lập biểu" over B–D, "Thủ trưởng đơn vị" over the clerk's
# columns (H–J without the optional columns).
_LEFT_SIGN, _LEFT_SIGN_END = 1, 3


def _right_sign(columns: Sequence[Column]) -> int:
    return [c.header for c in columns].index(CLERK_COLUMNS[0].header)


def _footer_rows(
    unit: Unit, on: date, people: int, columns: Sequence[Column]
) -> Iterator[list[Cell | None]]:
    """Total, then the date and the two signature blocks (merged by ``_merge_footer``)."""
    right, width = _right_sign(columns), len(columns)
    yield []
    total = f"Tổng cộng: {vietnamese_count(people)} người"
    yield [(total, Style(bold=True, horizontal="left", text=True))]
    yield []
    yield _placed(width, (right, (dated_place(unit.letter.place, on), ITALIC)))
    yield _placed(
        width, (_LEFT_SIGN, ("Người lập biểu", BOLD)), (right, ("Thủ trưởng đơn vị", BOLD))
    )
    caption = "(Ký, ghi rõ họ tên)"
    yield _placed(width, (_LEFT_SIGN, (caption, ITALIC)), (right, (caption, ITALIC)))
    for _ in range(4):  # room to sign and stamp
        yield []
    yield _placed(width, (right, (unit.signer.name, BOLD)))


def _merge_footer(sheet: StreamedSheet, first_row: int, columns: Sequence[Column]) -> None:
    """Merge the footer rows written by ``_footer_rows`` starting at ``first_row``."""
    right, last = column_letter(_right_sign(columns)), column_letter(len(columns) - 1)
    left, left_end = column_letter(_LEFT_SIGN), column_letter(_LEFT_SIGN_END)
    sheet.merge(f"A{first_row + 1}", f"D{first_row + 1}")
    for offset in (3, 4, 5, 10):
        sheet.merge(f"{right}{first_row + offset}", f"{last}{first_row + offset}")
    for offset in (4, 5):
        sheet.merge(f"{left}{first_row + offset}", f"{left_end}{first_row + offset}")


def _status_dropdown(sheet: StreamedSheet, people: int, columns: Sequence[Column]) -> None:
    """A suggestion list on the status column: the clerk may type anything else."""
    if people == 0:
        return
    last = FIRST_DATA_ROW + people - 1
    status = column_of(columns, LIST_STATUS_HEADER)
    sheet.choices(f"{status}{FIRST_DATA_ROW}:{status}{last}", STATUS_CHOICES)


def load() -> None:
    """Nothing to set up beyond importing this module: what a small batch's helper process does
    while the sheet is checked (``batch.helper``)."""


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
    with StreamedSheet(
        path,
        title=SHEET_TITLE,
        font=FONT_NAME,
        widths=[column.width for column in columns],
        heights={TITLE_ROW: 21, HEADER_ROW: 33},  # the header: two lines of wrapped text
        freeze_row=FIRST_DATA_ROW,
        page=_PAGE,
        at=datetime(on.year, on.month, on.day),
        properties={"title": LIST_TITLE, "creator": unit.employer.name},
    ) as sheet:
        for row in _heading_rows(unit, on, columns):
            sheet.append(row)
        _merge_heading(sheet, columns)
        people = _write_people(sheet, employees, columns)
        for row in _footer_rows(unit, on, people, columns):
            sheet.append(row)
        _merge_footer(sheet, FIRST_DATA_ROW + people, columns)
        _status_dropdown(sheet, people, columns)
