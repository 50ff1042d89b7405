"""Workbooks (.xlsx/.xlsm/.xlsb, .xls, .ods) through calamine, a fast Rust reader.

Calamine sniffs the format from the bytes when given a file object, which is what lets an .xls
saved under an .xlsx name still be read. Anything it raises — including a Rust panic, which pyo3
surfaces as a ``BaseException`` — becomes a ``SheetError``: a broken file must never end in a
traceback.

Calamine returns each formula's cached value, and ``""`` for a formula that has none; those cells
are found in the file (``formulas.py``) and put in the grid as ``FormulaWithoutValue``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from vssid_batch.sheet.errors import SheetError
from vssid_batch.sheet.formulas import Position, formulas_without_value
from vssid_batch.sheet.grid import Grid
from vssid_batch.sheet.model import FORMULA_WITHOUT_VALUE

T = TypeVar("T")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool
    worksheet: bool  # False for chart, dialog and macro sheets, which hold no table


class Workbook:
    """An open workbook; sheets are loaded on demand (calamine parses a sheet when asked)."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.display = str(path)
        self.format = fmt
        with path.open("rb") as handle:
            self._book = self._call(lambda: CalamineWorkbook.from_filelike(handle))
        self.sheets = [
            SheetInfo(
                name=meta.name,
                visible=meta.visible == SheetVisibleEnum.Visible,
                worksheet=meta.typ == SheetTypeEnum.WorkSheet,
            )
            for meta in self._call(lambda: self._book.sheets_metadata)
        ]
        self._loaded: dict[str, CalamineSheet] = {}
        self._formulas: dict[str, frozenset[Position]] = {}

    def close(self) -> None:
        self._call(self._book.close)

    def _call(self, action: Callable[[], T]) -> T:
        with calamine_errors(self.display, self.format):
            return action()

    def _sheet(self, name: str) -> CalamineSheet:
        if name not in self._loaded:
            self._loaded[name] = self._call(lambda: self._book.get_sheet_by_name(name))
        return self._loaded[name]

    def formula_cells(self, name: str) -> frozenset[Position]:
        """Cells of sheet ``name`` holding a formula without a cached value (0-based positions).

        Only .xlsx/.xlsm and .ods can be searched (see ``formulas.py``); the search is done once
        per sheet.
        """
        if self.format not in ("xlsx", "ods"):
            return frozenset()
        if name not in self._formulas:
            try:
                with zipfile.ZipFile(self.path) as archive:
                    found = formulas_without_value(archive, self.format, name, self.display)
            except (zipfile.BadZipFile, OSError) as exc:
                raise SheetError("corrupt", file=self.display, format=self.format) from exc
            self._formulas[name] = found
        return self._formulas[name]

    def height(self, name: str) -> int:
        """Rows from the first to the last row holding a value or a formula (calamine skips empty
        cells that only carry formatting, so a column formatted down to row 1,048,576 does not
        count)."""
        sheet = self._sheet(name)
        start, end = self._call(lambda: (sheet.start, sheet.end))
        rows = [r for r, _ in self.formula_cells(name)]
        if start is not None and end is not None:
            rows += [start[0], end[0]]
        return max(rows) - min(rows) + 1 if rows else 0

    def is_empty(self, name: str) -> bool:
        return self._call(lambda: self._sheet(name).start) is None and not self.formula_cells(name)

    def grid(self, name: str, nrows: int | None = None) -> Grid:
        """The sheet's cells (only the first ``nrows`` rows when given), positioned as in Excel.

        The whole sheet (``nrows`` None) carries ``FormulaWithoutValue`` where a formula has no
        value; a peek at the first rows, only used to find a header, does not need to.
        """
        sheet = self._sheet(name)
        start, end = self._call(lambda: (sheet.start, sheet.end))
        if start is None or end is None:  # no cell holds a value
            return Grid(rows=[], row_numbers=range(1, 1))
        rows: Sequence[Sequence[object]] = self._call(
            lambda: sheet.to_python(skip_empty_area=True, nrows=nrows))
        if nrows is None and self.formula_cells(name):
            rows = _mark(rows, start, end[1], self.formula_cells(name))
        merged = self._call(lambda: sheet.merged_cell_ranges) or ()
        first_row, first_col = start
        return Grid(
            rows=rows,
            row_numbers=range(first_row + 1, first_row + 1 + len(rows)),
            first_col=first_col,
            merged=tuple(merged),
        )


def _mark(
    rows: Sequence[Sequence[object]], start: Position, last_col: int,
    marked: frozenset[Position],
) -> list[Sequence[object]]:
    """Calamine's rows with ``FORMULA_WITHOUT_VALUE`` at the ``marked`` positions.

    Calamine's area spans every cell with a value, header cells included, so a formula left of
    it, right of it or above it is under no header and is never a field: it is left out, which
    also keeps a file with formulas in column XFD from widening every row. Below the area it
    counts (the last person's cells may all be formulas); ``height`` has already bounded that.
    Rows are changed in place: ``to_python`` builds new lists on every call, nobody else holds
    them, and copying every row of a large sheet would cost more than the search.
    """
    first_row, first_col = start
    out = list(rows)
    for r, c in marked:
        if r < first_row or not first_col <= c <= last_col:
            continue
        i, j = r - first_row, c - first_col
        while len(out) <= i:
            out.append([])
        row = out[i]
        if not isinstance(row, list):
            row = out[i] = list(row)
        if len(row) <= j:
            row.extend([""] * (j + 1 - len(row)))
        row[j] = FORMULA_WITHOUT_VALUE
    return out


@contextmanager
def calamine_errors(display: str, fmt: str) -> Iterator[None]:
    """Turn whatever calamine raises into a SheetError ("encrypted" or "corrupt")."""
    try:
        yield
    except SheetError:
        raise
    except PasswordError as exc:
        raise SheetError("encrypted", file=display) from exc
    except Exception as exc:
        raise SheetError("corrupt", file=display, format=fmt) from exc
    except BaseException as exc:
        # pyo3 reports a panic in the Rust code as PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise SheetError("corrupt", file=display, format=fmt) from exc
