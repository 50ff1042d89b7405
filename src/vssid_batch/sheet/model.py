"""What the reader hands to the rest of the pipeline: raw cells of the person rows.

The reader does not validate or normalise: whether ``1090123456`` lost a leading zero can only be
decided by a rule that knows the cell was a number, so numbers stay numbers and text stays text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class MarkConflict:
    """Two cells of which exactly one should be filled (a "Nam" | "Nữ" pair) are both filled, or
    neither is: ``shown`` names the cells and what they hold ("D12: x · E12: x")."""

    shown: str

    def __str__(self) -> str:
        return ""


CellValue: TypeAlias = (
    str
    | int
    | float
    | bool
    | datetime.date
    | datetime.datetime
    | FormulaWithoutValue
    | MarkConflict
    | None
)


@dataclass(frozen=True)
class Layout:
    """Fields read from more than one column (all columns 0-based, absolute).

    ``joined``: a field whose value is its columns' texts joined with single spaces, in this
    order (split name columns "Họ đệm" | "Tên", or ``--map full_name=B+C``).
    ``gender_marks``: the "Nam" and "Nữ" columns of a pair where a mark ("x", "✓", "1") says the
    gender. ``birth_by_gender``: the "Nam" and "Nữ" columns under "Ngày sinh": the birth date is
    whichever is filled, the gender is its column (unless ``gender_from_pair`` is False: then
    the sheet's own gender column says it, and the pair only holds the birth date).
    """

    joined: dict[Field, tuple[int, ...]] = field(default_factory=dict)
    gender_marks: tuple[int, int] | None = None
    birth_by_gender: tuple[int, int] | None = None
    gender_from_pair: bool = True  # False: the sheet has a gender column of its own as well

    def __bool__(self) -> bool:
        return (
            bool(self.joined) or self.gender_marks is not None or self.birth_by_gender is not None
        )


@dataclass(frozen=True, slots=True)
class HiddenRow:
    """A row hidden in the workbook (by an autofilter or by hand) that would be a person."""

    row: int
    name: str


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One person row.

    ``row`` is the row number Excel shows (CSV: the line the record starts on). ``values`` holds
    the raw value of each mapped field that is not empty: text exactly as in the cell (not
    stripped), numbers as ``int`` when integral (``1090123456.0`` → ``1090123456``) else ``float``,
    dates as ``date``/``datetime``. Empty cells are absent. A formula whose value was never
    computed (a workbook written by a program and never opened in Excel) is
    ``FormulaWithoutValue()``: not empty, but nothing to check either. A field read from several
    columns (``Layout``) holds the combined value, or a ``MarkConflict``.
    """

    row: int
    values: dict[Field, CellValue]
    # Where a field's cell is when it depends on the row (a birth date under "Nam" or "Nữ"):
    # field → 0-based column. Fields not here are in the table's ``column_index``.
    where: dict[Field, int] | None = None


@dataclass(frozen=True)
class SheetTable:
    """The person rows of one sheet and where their columns are.

    ``header_row`` is the Excel row of the header (for a two-row header, the lower row, the one
    right above the data). ``columns`` gives each mapped field's header text as written in the
    sheet (for a two-row header "Group / Sub"); ``column_index`` its 0-based column (A = 0), for
    annotating cells later (for a field read from several columns, the first of them).
    ``typed`` is False for CSV, whose cells are all text. ``layout`` says which fields come from
    several columns; ``headers`` gives every header cell's text by column, for a problem on a
    column that depends on the row. ``hidden`` lists the rows hidden in the workbook that would
    be people (filled while the rows are read; empty when hidden rows are taken as people).
    """

    file: Path
    sheet: str | None
    header_row: int
    columns: dict[Field, str]
    column_index: dict[Field, int]
    rows: list[SheetRow]
    typed: bool
    format: str
    layout: Layout = field(default_factory=Layout)
    headers: dict[int, str] = field(default_factory=dict)
    hidden: list[HiddenRow] = field(default_factory=list)


@dataclass(frozen=True)
class SheetStream:
    """What ``open_sheet`` returns: a sheet's table with its person rows still to be read.

    ``table`` is everything ``read_sheet`` would return except the rows (its ``rows`` list is
    empty); ``rows`` yields the very same ``SheetRow``s, in order, once. Reading them one at a time
    keeps a large sheet from being in memory all at once: only a few rows are alive at any time.
    """

    table: SheetTable
    rows: Iterator[SheetRow]
