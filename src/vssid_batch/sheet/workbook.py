"""Workbooks (.xlsx/.xlsm/.xlsb, .xls, .ods) through calamine, a fast Rust reader.

Calamine sniffs the format from the bytes when given a file object, which is what lets an .xls
saved under an .xlsx name still be read. Anything it raises — including a Rust panic, which pyo3
surfaces as a ``BaseException`` — becomes a ``SheetError``: a broken file must never end in a
traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
from vssid_batch.sheet.grid import Grid

T = TypeVar("T")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool
    worksheet: bool  # False for chart, dialog and macro sheets, which hold no table


class Workbook:
    """An open workbook; sheets are loaded on demand (calamine parses a sheet when asked)."""

    def __init__(self, path: Path, fmt: str) -> None:
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

    def close(self) -> None:
        self._call(self._book.close)

    def _call(self, action: Callable[[], T]) -> T:
        with calamine_errors(self.display, self.format):
            return action()

    def _sheet(self, name: str) -> CalamineSheet:
        if name not in self._loaded:
            self._loaded[name] = self._call(lambda: self._book.get_sheet_by_name(name))
        return self._loaded[name]

    def height(self, name: str) -> int:
        """Rows from the first to the last row holding a value (calamine skips empty cells that
        only carry formatting, so a column formatted down to row 1,048,576 does not count)."""
        return int(self._call(lambda: self._sheet(name).height))

    def grid(self, name: str, nrows: int | None = None) -> Grid:
        """The sheet's cells (only the first ``nrows`` rows when given), positioned as in Excel."""
        sheet = self._sheet(name)
        start = self._call(lambda: sheet.start)
        if start is None:  # no cell holds a value
            return Grid(rows=[], row_numbers=range(1, 1))
        rows = self._call(lambda: sheet.to_python(skip_empty_area=True, nrows=nrows))
        merged = self._call(lambda: sheet.merged_cell_ranges) or ()
        first_row, first_col = start
        return Grid(
            rows=rows,
            row_numbers=range(first_row + 1, first_row + 1 + len(rows)),
            first_col=first_col,
            merged=tuple(merged),
        )


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
