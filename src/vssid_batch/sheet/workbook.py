"""Workbooks (.xlsx/.xlsm/.xlsb, .xls, .ods) through calamine, a fast Rust reader.

Calamine sniffs the format from the bytes when given a file object, which is what lets an .xls
saved under an .xlsx name still be read. Anything it raises — including a Rust panic, which pyo3
surfaces as a ``BaseException`` — becomes a ``SheetError``: a broken file must never end in a
traceback.

Calamine returns each formula's cached value, and ``""`` for a formula that has none; those cells
are found in the file (``formulas.py``) and put in the rows as ``FormulaWithoutValue``.

Memory. Calamine parses a whole sheet into its own (Rust) copy of the cells, about 0.8 KB per row
of 13 columns; ``rows`` hands them to Python one row at a time (``iter_rows``), never as one list
of lists (``to_python``: as many Python objects as cells, 1.5 KB more per row). Calamine's
workbook (its copy of the file and of the shared strings) is closed as soon as the rows start;
the sheet's copy goes with the last row.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from vssid_batch.sheet.errors import SheetError
from vssid_batch.sheet.formulas import Position, formulas_without_value
from vssid_batch.sheet.grid import Grid, RowStream
from vssid_batch.sheet.model import FORMULA_WITHOUT_VALUE

T = TypeVar("T")

# ``iter_rows`` starts at row 1: it yields an empty row for every row above the first with a value
# (about 16 ns per cell). Beyond this many cells of such padding, the sheet is read as one list.
MAX_PADDING = 2_000_000


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool
    worksheet: bool  # False for chart, dialog and macro sheets, which hold no table


class Workbook:
    """An open workbook; sheets are loaded on demand (calamine parses a sheet when asked)."""

    def __init__(self, path: Path, fmt: str, handle: BinaryIO | None = None) -> None:
        """``handle``: the file already open (``report`` opens the list without following
        links); it stays open, and ``path`` only names the file in messages."""
        self.path = path
        self.display = str(path)
        self.format = fmt
        self._handle = handle
        book = self._open()
        self._book: CalamineWorkbook | None = book
        self.sheets = [
            SheetInfo(
                name=meta.name,
                visible=meta.visible == SheetVisibleEnum.Visible,
                worksheet=meta.typ == SheetTypeEnum.WorkSheet,
            )
            for meta in self._call(lambda: book.sheets_metadata)
        ]
        self._loaded: dict[str, CalamineSheet] = {}
        self._formulas: dict[str, frozenset[Position]] = {}

    def _open(self) -> CalamineWorkbook:
        with self._file() as handle:
            return self._call(lambda: CalamineWorkbook.from_filelike(handle))

    @contextmanager
    def _file(self) -> Iterator[BinaryIO]:
        """The file from its start: the open handle given, else ``path`` opened for now."""
        if self._handle is None:
            with self.path.open("rb") as handle:
                yield handle
        else:
            self._handle.seek(0)
            yield self._handle

    def _calamine(self) -> CalamineWorkbook:
        """Calamine's workbook, opened again if ``rows`` let go of it."""
        if self._book is None:
            self._book = self._open()
        return self._book

    def _let_go(self) -> None:
        """Close calamine's workbook: its copy of the file and of the shared strings go (a sheet
        already parsed is a copy of its own)."""
        book, self._book = self._book, None
        if book is not None:
            self._call(book.close)

    def close(self) -> None:
        """Close the file and let go of every sheet calamine parsed (a sheet being streamed goes
        with its last row). Closing twice does nothing."""
        self._loaded.clear()
        self._formulas.clear()
        self._let_go()

    def _call(self, action: Callable[[], T]) -> T:
        with calamine_errors(self.display, self.format):
            return action()

    def _sheet(self, name: str) -> CalamineSheet:
        if name not in self._loaded:
            book = self._calamine()
            self._loaded[name] = self._call(lambda: book.get_sheet_by_name(name))
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
                with self._file() as handle, zipfile.ZipFile(handle) as archive:
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

        The whole sheet (``nrows`` None) is ``rows`` held in one list, with ``FormulaWithoutValue``
        where a formula has no value; a peek at the first rows, only used to find a header, does
        not need the markers.
        """
        if nrows is None:
            stream = self.rows(name)
            if stream is None:
                return Grid(rows=[], row_numbers=range(1, 1))
            numbered = list(stream.rows)
            first = numbered[0][0] if numbered else 1
            return Grid(
                rows=[row for _, row in numbered],
                row_numbers=range(first, first + len(numbered)),
                first_col=stream.first_col,
                merged=stream.merged,
            )
        sheet = self._sheet(name)
        start, end = self._call(lambda: (sheet.start, sheet.end))
        if start is None or end is None:  # no cell holds a value
            return Grid(rows=[], row_numbers=range(1, 1))
        rows: Sequence[Sequence[object]] = self._call(
            lambda: sheet.to_python(skip_empty_area=True, nrows=nrows)
        )
        merged = self._call(lambda: sheet.merged_cell_ranges) or ()
        first_row, first_col = start
        return Grid(
            rows=rows,
            row_numbers=range(first_row + 1, first_row + 1 + len(rows)),
            first_col=first_col,
            merged=tuple(merged),
        )

    def rows(self, name: str) -> RowStream | None:
        """The sheet's rows one at a time, from the first row holding a value, with
        ``FormulaWithoutValue`` where a formula has no value; None when no cell holds a value.

        The stream holds calamine's copy of the sheet; the workbook forgets it (and every other
        sheet it parsed, and closes calamine's workbook, opened again if need be), so that the
        copy goes as soon as the stream is done.
        """
        sheet = self._sheet(name)
        start, end = self._call(lambda: (sheet.start, sheet.end))
        if start is None or end is None:
            return None
        marked = self.formula_cells(name)
        merged = tuple(self._call(lambda: sheet.merged_cell_ranges or ()))
        first_row, first_col = start
        source: Iterable[Sequence[object]]
        if first_row * (end[1] - first_col + 1) > MAX_PADDING:
            source = self._call(lambda: sheet.to_python(skip_empty_area=True))
        else:
            source = itertools.islice(self._call(sheet.iter_rows), first_row, None)
        # From here on the stream holds the only copy of the sheet that is needed.
        self._loaded.clear()
        self._let_go()
        return RowStream(
            rows=self._numbered(source, start, end[1], marked),
            first_col=first_col,
            merged=merged,
            close=self.close,
        )

    def _numbered(
        self,
        source: Iterable[Sequence[object]],
        start: Position,
        last_col: int,
        marked: frozenset[Position],
    ) -> Iterator[tuple[int, Sequence[object]]]:
        """Calamine's rows with their Excel numbers and ``FORMULA_WITHOUT_VALUE`` at the
        ``marked`` positions.

        Calamine's area spans every cell with a value, header cells included, so a formula left of
        it, right of it or above it is under no header and is never a field: it is left out, which
        also keeps a file with formulas in column XFD from widening every row. Below the area it
        counts (the last person's cells may all be formulas): rows follow down to the last such
        formula (``height`` has already bounded that). Rows are changed in place: calamine builds
        a new list for each, and nobody else holds it.
        """
        first_row, first_col = start
        marks: dict[int, list[int]] = {}
        for r, c in marked:
            if r >= first_row and first_col <= c <= last_col:
                marks.setdefault(r - first_row, []).append(c - first_col)
        if not marks:  # the common case, without a Python step per row
            with calamine_errors(self.display, self.format):
                yield from zip(itertools.count(first_row + 1), source)
            return
        count = 0
        with calamine_errors(self.display, self.format):
            for index, row in enumerate(source):
                if marks and index in marks:
                    yield first_row + 1 + index, _marked(row, marks.pop(index))
                else:
                    yield first_row + 1 + index, row
                count = index + 1
        for index in range(count, max(marks, default=-1) + 1):
            yield first_row + 1 + index, _marked([], marks.get(index, ()))


def _marked(row: Sequence[object], columns: Iterable[int]) -> list[object]:
    """``row`` (as a list) with ``FORMULA_WITHOUT_VALUE`` at ``columns``, widened if need be."""
    out = row if isinstance(row, list) else list(row)
    for j in columns:
        if len(out) <= j:
            out.extend([""] * (j + 1 - len(out)))
        out[j] = FORMULA_WITHOUT_VALUE
    return out


@contextmanager
def calamine_errors(display: str, fmt: str) -> Iterator[None]:
    """Turn whatever calamine raises into a SheetError "corrupt". (A password never gets this
    far: ``formats.detect_format`` tells it, since calamine reading from an open file cannot.)"""
    try:
        yield
    except SheetError:
        raise
    except Exception as exc:
        raise SheetError("corrupt", file=display, format=fmt) from exc
    except BaseException as exc:
        # pyo3 reports a panic in the Rust code as PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise SheetError("corrupt", file=display, format=fmt) from exc
