"""A sheet's cells as the file format gives them, with the row numbers Excel shows.

Workbooks (through calamine) and CSV files both come as a ``RowStream``: rows of raw cell values,
one at a time, each with its row number, plus the bookkeeping needed to say *where* a cell is. The
first rows (where the header is searched) are held as a ``Grid``; the rows below it are never all
in memory at once. Calamine trims the empty rows and columns before the data (``sheet.start``), so
the first row is not necessarily Excel row 1: every row number and column index the reader reports
goes through the row numbers and ``first_col``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from vssid_batch.rules._clean import is_blank as is_blank  # the sheet's cells use it from here
from vssid_batch.sheet.model import CellValue, FormulaWithoutValue

# Merged ranges as ((first_row, first_col), (last_row, last_col)), 0-based absolute, inclusive —
# the shape calamine's ``merged_cell_ranges`` uses.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class Grid:
    """Raw cells of one sheet: ``rows[i][j]`` is Excel row ``row_numbers[i]``, column
    ``first_col + j`` (0-based). Rows may be ragged (CSV). Empty cells are ``""`` or ``None``."""

    rows: Sequence[Sequence[object]]
    row_numbers: Sequence[int]
    first_col: int = 0
    merged: Sequence[MergedRange] = field(default_factory=tuple)

    def index_of_row(self, number: int) -> int | None:
        """The index in ``rows`` of Excel row ``number``, or None when the row holds no data."""
        numbers = self.row_numbers
        if isinstance(numbers, range):
            return numbers.index(number) if number in numbers else None
        lo, hi = 0, len(numbers)
        while lo < hi:  # CSV line numbers are increasing but have gaps (multi-line cells)
            mid = (lo + hi) // 2
            if numbers[mid] < number:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(numbers) and numbers[lo] == number else None


@dataclass(frozen=True)
class RowStream:
    """The rows of one sheet, read once, in order: ``rows`` yields (row number, cells), cells
    starting at column ``first_col`` (0-based). Row numbers are consecutive when ``contiguous``
    (a workbook, where ``merged`` may say which cells a merge spans); CSV line numbers have gaps.
    ``close`` releases what the rows are read from (a file, calamine's copy of the sheet); it may
    be called more than once."""

    rows: Iterator[tuple[int, Sequence[object]]]
    first_col: int = 0
    merged: Sequence[MergedRange] = ()
    contiguous: bool = True
    close: Callable[[], None] = lambda: None


def to_cell(raw: object) -> CellValue:
    """The contract value of a raw cell: empty → None, integral float → int, text untouched, a
    formula without a value kept as its marker.

    >>> to_cell(1090123456.0), to_cell(1.5), to_cell("  0901 "), to_cell(""), to_cell(None)
    (1090123456, 1.5, '  0901 ', None, None)
    >>> to_cell(datetime.time(7, 30))
    '07:30:00'
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw or None
    if isinstance(raw, bool):  # before int: bool is an int
        return raw
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw.is_integer() else raw
    if isinstance(raw, (int, datetime.date, FormulaWithoutValue)):  # a datetime is a date
        return raw
    # Time-of-day and duration cells (a time format on a number) are not part of the contract;
    # their text is what the clerk sees and what a rule can report.
    return str(raw)


def cell_text(value: object) -> str:
    """A cell as the clerk sees it: numbers without a trailing .0, dates as dd/mm/yyyy.

    >>> cell_text(1090123456.0), cell_text(" An "), cell_text(datetime.date(1990, 2, 5))
    ('1090123456', ' An ', '05/02/1990')
    >>> cell_text(None), cell_text(True)
    ('', 'TRUE')
    """
    if type(value) is str:  # most cells: no other test needed
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date):  # a datetime is a date
        return value.strftime("%d/%m/%Y")
    return str(value)
