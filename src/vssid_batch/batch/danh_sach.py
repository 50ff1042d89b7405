"""The danh sách: the list of people sent with the forms — its columns, its CSV, and reading it
back.

The printable XLSX (what the BHXH office and the clerk read and sign) is written by
``batch/list_xlsx.py`` from the columns defined here; the clerk fills in three of them by hand or
in Excel ("Đã đối chiếu bản gốc", "Ký nhận", "Trạng thái"). ``read_statuses`` reads the
"Trạng thái" column back for ``vssid-batch report``, and ``row_digests`` fingerprints each
person's cells so that ``report`` can name an edited one.

The CSV is for other tools: one plain row per person, with the row of the source sheet. Both
files are written as a stream, so memory stays flat however many people there are, and both
defuse spreadsheet formula injection (``sheet/writer.py``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vssid_batch.errors import VssidError
from vssid_batch.fields import header_key
from vssid_batch.models import Employee
from vssid_batch.sheet.errors import column_letter
from vssid_batch.sheet.formats import open_sheet_file
from vssid_batch.sheet.grid import cell_text, is_blank
from vssid_batch.sheet.reader import find_table
from vssid_batch.sheet.writer import (
    write_csv,
    xlsx_text,
)
from vssid_batch.text import phone_text

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


def column_of(columns: Sequence[Column], header: str) -> str:
    """The Excel letter of ``header`` among the list's ``columns``.

    >>> column_of(COLUMNS, "Ngày sinh")
    'C'
    """
    return column_letter([c.header for c in columns].index(header))


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
        letters={h: column_letter(first_col + i) for h, i in wanted.items()},
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
