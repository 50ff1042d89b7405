"""What the reader hands to the rest of the pipeline: raw cells of the person rows.

The reader does not validate or normalise: whether ``1090123456`` lost a leading zero can only be
decided by a rule that knows the cell was a number, so numbers stay numbers and text stays text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from vssid_batch.fields import Field


@dataclass(frozen=True, slots=True)
class FormulaWithoutValue:
    """A formula cell with no cached value: nothing to check until Excel recalculates it."""

    def __str__(self) -> str:
        # Whatever prints a cell with ``str()`` gets nothing rather than this class's repr: a
        # marker must never reach a BHXH form as if it were the clerk's text.
        return ""


# The one instance the reader uses (all instances are equal; this one saves allocations).
FORMULA_WITHOUT_VALUE = FormulaWithoutValue()

CellValue: TypeAlias = (
    str | int | float | bool | datetime.date | datetime.datetime | FormulaWithoutValue | None
)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One person row.

    ``row`` is the row number Excel shows (CSV: the line the record starts on). ``values`` holds
    the raw value of each mapped field that is not empty: text exactly as in the cell (not
    stripped), numbers as ``int`` when integral (``1090123456.0`` → ``1090123456``) else ``float``,
    dates as ``date``/``datetime``. Empty cells are absent. A formula whose value was never
    computed (a workbook written by a program and never opened in Excel) is
    ``FormulaWithoutValue()``: not empty, but nothing to check either.
    """

    row: int
    values: dict[Field, CellValue]


@dataclass(frozen=True)
class SheetTable:
    """The person rows of one sheet and where their columns are.

    ``header_row`` is the Excel row of the header (for a two-row header, the lower row, the one
    right above the data). ``columns`` gives each mapped field's header text as written in the
    sheet (for a two-row header "Group / Sub"); ``column_index`` its 0-based column (A = 0), for
    annotating cells later. ``typed`` is False for CSV, whose cells are all text.
    """

    file: Path
    sheet: str | None
    header_row: int
    columns: dict[Field, str]
    column_index: dict[Field, int]
    rows: list[SheetRow]
    typed: bool
    format: str


@dataclass(frozen=True)
class SheetStream:
    """What ``open_sheet`` returns: a sheet's table with its person rows still to be read.

    ``table`` is everything ``read_sheet`` would return except the rows (its ``rows`` list is
    empty); ``rows`` yields the very same ``SheetRow``s, in order, once. Reading them one at a time
    keeps a large sheet from being in memory all at once: only a few rows are alive at any time.
    """

    table: SheetTable
    rows: Iterator[SheetRow]
