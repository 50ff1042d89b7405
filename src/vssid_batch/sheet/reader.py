"""``read_sheet``: from a file path to the person rows of the right sheet, or one SheetError.

The order of the steps is the order in which a clerk's file can go wrong: the file itself
(missing, empty, not a workbook, password, damaged), then the choice of sheet, then its size,
then the header (where, which columns, what is missing or ambiguous), and only then the rows.

A header with no one under it reads as an empty list. A command that checks or prepares people
asks for ``require_people=True`` instead: such a sheet is a template or the wrong sheet, and "0
errors" would tell the clerk the file is fine.

The rows go from the file to the person rows one at a time: only the first ``SCAN_ROWS`` (where
the header is searched) are held as a grid. ``read_sheet`` keeps the person rows in a list;
``open_sheet`` keeps them packed (``packed.py``) for a caller that reads each once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TypedDict, TypeVar

from typing_extensions import Unpack

from vssid_batch.fields import REQUIRED_FIELDS, Field, header_key
from vssid_batch.sheet.csvfile import read_csv
from vssid_batch.sheet.errors import SheetError, column_letter, safe_text
from vssid_batch.sheet.formats import check_open_workbook, detect_format
from vssid_batch.sheet.grid import Grid, RowStream, is_blank
from vssid_batch.sheet.header import SCAN_ROWS, Header, best_header
from vssid_batch.sheet.mapping import parse_mapping as parse_mapping  # api imports it here
from vssid_batch.sheet.model import SheetRow, SheetStream, SheetTable
from vssid_batch.sheet.packed import PackedRows, release_freed_memory
from vssid_batch.sheet.rows import people
from vssid_batch.sheet.visibility import NOTHING_HIDDEN, RowSet, hidden_rows
from vssid_batch.sheet.workbook import Workbook

MAX_ROWS = 200_000  # rows of one sheet; far above any real unit, low enough to keep memory sane

T = TypeVar("T")
H = TypeVar("H")


class ReadOptions(TypedDict, total=False):
    """What ``read_sheet`` and ``open_sheet`` accept besides the path (see ``read_sheet``)."""

    sheet: str | None
    header_row: int | None
    mapping: dict[Field, str] | None
    require_people: bool
    include_hidden: bool


def read_sheet(path: Path, **options: Unpack[ReadOptions]) -> SheetTable:
    """Read the employee list of a workbook or CSV file.

    ``sheet`` picks a sheet by name (default: the one visible sheet with a recognisable header;
    ignored for CSV, which has one);
    ``header_row`` forces the header's Excel row number; ``mapping`` (from ``parse_mapping``)
    names columns the aliases do not know; ``require_people`` turns a sheet without a single
    person into SheetError "no_people" (naming hidden sheets that have a header). Raises
    ``SheetError`` for anything that prevents reading — never another exception.

    Every person row is held in the table, about 1.5 KB each; ``open_sheet`` gives the same
    rows, held packed until they are asked for.
    """
    table, rows = _read(path, list, **options)
    return replace(table, rows=rows)


def open_sheet(path: Path, **options: Unpack[ReadOptions]) -> SheetStream:
    """``read_sheet`` for a caller that needs each row once, in order (the checker).

    The same checks, the same errors (all raised here: the whole sheet is read before this
    returns, and the file and calamine's copy of it are let go of), and the same person rows —
    but held packed (``packed.py``, about 70 bytes a row) and unpacked one at a time as
    ``rows`` yields them, once.
    """
    table, rows = _read(path, PackedRows, **options)
    return SheetStream(table=table, rows=iter(rows))


def _read(
    path: Path, keep: Callable[[Iterator[SheetRow]], T], **options: Unpack[ReadOptions]
) -> tuple[SheetTable, T]:
    """The table (without its rows) and ``keep`` applied to the person rows as they are read.

    The sheet is streamed from the file to ``keep`` (a workbook through calamine's copy of it,
    row by row), never held as one list of lists; whatever the reading freed goes back to the
    system before this returns.
    """
    path = Path(path)
    sheet, header_row = options.get("sheet"), options.get("header_row")
    require_people = options.get("require_people", False)
    wanted: dict[Field, str] = dict(options.get("mapping") or {})
    fmt = detect_format(path)
    display = str(path)
    try:
        if fmt == "csv":
            source = _csv_rows(path, wanted)
            try:
                return _collect(
                    _Source(path, fmt, None, source),
                    wanted,
                    header_row,
                    require_people,
                    tuple,
                    keep,
                )
            finally:
                source.close()

        book = Workbook(path, fmt)
        try:
            name = _choose_sheet(book, sheet, wanted, header_row)
            rows = _rows(book, name)
            # Formulas without a value where the header should be (a sheet written by a program
            # and never opened in Excel): the "no header" message says so instead of "empty".
            formulas = len(book.formula_cells(name))
            if rows is None:
                if formulas:
                    raise SheetError(
                        "no_header", file=display, sheet=name, rows=SCAN_ROWS, formulas=formulas
                    )
                raise SheetError("empty", file=display, sheet=name)
            # Hidden sheets with a header are looked for only on the way to a "no people" error:
            # they may be where the list really is.
            hidden = (
                NOTHING_HIDDEN
                if options.get("include_hidden", False)
                else hidden_rows(str(path), fmt, name)
            )
            return _collect(
                _Source(path, fmt, name, rows, formulas, hidden),
                wanted,
                header_row,
                require_people,
                lambda: _hidden_with_header(book, name, wanted, header_row),
                keep,
            )
        finally:
            book.close()
    finally:
        release_freed_memory()


def sheet_cells(
    path: Path, sheet: str | None, mapping: Mapping[Field, str] | None = None
) -> Iterator[tuple[int, int, Sequence[object]]]:
    """Every row of a sheet as this reader sees it — (Excel row, first column, raw cells) — for
    a copy of the sheet (``--annotate`` on a format openpyxl cannot open). ``sheet`` is the name
    the report gives (None for CSV), ``mapping`` the ``--map`` it was read with. Same format
    detection, decoding (UTF-16 text included), CSV delimiter and row numbers as ``read_sheet``;
    SheetError for what it cannot read."""
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "csv":
        stream = _csv_rows(path, mapping or {})
    else:
        book = Workbook(path, fmt)
        name = sheet if sheet is not None else book.sheets[0].name if book.sheets else ""
        found = book.rows(_sheet_named(book, name))
        if found is None:
            book.close()
            return
        stream = found
    try:
        for number, row in stream.rows:
            yield number, stream.first_col, row
    finally:
        stream.close()


def _csv_rows(path: Path, mapping: Mapping[Field, str]) -> RowStream:
    """A CSV's rows, split at the delimiter that gives the best header (``--map`` counted)."""

    def rating(sample: Grid) -> int:
        found = best_header(sample, mapping, None)
        return 0 if found is None else found.score

    return read_csv(path, rating, MAX_ROWS)


def find_table(
    handle: BinaryIO,
    display: str,
    is_header: Callable[[Sequence[object]], H | None],
    below: Callable[[int, int, H, Iterator[tuple[int, Sequence[object]]]], T],
    *,
    search_rows: int,
) -> T | None:
    """A table other than the employee list — the danh sách ``report`` reads back — found by its
    header: the first row among the first ``search_rows`` Excel rows of a worksheet (in the
    workbook's order) that ``is_header`` accepts. Returns ``below(header row, first column,
    what is_header found, the rows under it)``; None when no worksheet has such a row.

    ``handle`` is the workbook, open (it stays open); ``display`` names it in messages. Same
    format checks, size guards, row numbers and errors (SheetError, never another exception)
    as ``read_sheet``."""
    book = Workbook(Path(display), check_open_workbook(handle, Path(display)), handle)
    try:
        for info in book.sheets:
            stream = _rows(book, info.name) if info.worksheet else None
            if stream is None:
                continue
            try:
                for number, row in stream.rows:
                    found = is_header(row) if number <= search_rows else None
                    if found is not None:
                        return below(number, stream.first_col, found, stream.rows)
                    if number >= search_rows:
                        break
            finally:
                stream.close()
    finally:
        book.close()
        release_freed_memory()
    return None


def _rows(book: Workbook, name: str) -> RowStream | None:
    """``book.rows(name)``, once the sheet is known to hold at most ``MAX_ROWS`` rows."""
    height = book.height(name)
    if height > MAX_ROWS:
        raise SheetError(
            "too_many_rows", file=book.display, sheet=name, rows=height, limit=MAX_ROWS
        )
    return book.rows(name)


@dataclass
class _Source:
    """The rows of the chosen sheet, with what the reader's messages say about them."""

    file: Path
    format: str
    sheet: str | None
    stream: RowStream
    formulas: int = 0  # formulas without a value in the sheet, for the "no header" message
    hidden: RowSet = NOTHING_HIDDEN  # rows hidden in the workbook: not people


def _collect(
    source: _Source,
    mapping: Mapping[Field, str],
    header_row: int | None,
    require_people: bool,
    hidden: Callable[[], tuple[str, ...]],
    keep: Callable[[Iterator[SheetRow]], T],
) -> tuple[SheetTable, T]:
    """Find the header among the first rows, then hand the people below it to ``keep``."""
    stream = source.stream
    head: list[tuple[int, Sequence[object]]] = []
    for numbered in stream.rows:
        head.append(numbered)
        if len(head) >= SCAN_ROWS and (header_row is None or numbered[0] > header_row):
            break
    numbers = [number for number, _ in head]
    grid = Grid(
        rows=[row for _, row in head],
        row_numbers=range(numbers[0], numbers[0] + len(numbers))
        if stream.contiguous and numbers
        else numbers,
        first_col=stream.first_col,
        merged=stream.merged,
    )
    try:
        header = _header(source, grid, mapping, header_row)
    except SheetError as error:
        # The rest of the sheet has its say: a CSV over the row limit or with a line that is not
        # UTF-8 says so first; a CSV with nothing in it at all is "empty"; a forced header row
        # outside the data is told where the data ends.
        if source.format != "csv" and error.code != "bad_header_row":
            raise
        rest = _Rest(stream.rows)
        if (
            source.format == "csv"
            and rest.blank
            and all(is_blank(cell) for row in grid.rows for cell in row)
        ):
            raise SheetError("empty", file=str(source.file), sheet=None) from None
        if error.code == "bad_header_row" and rest.last:
            raise SheetError(error.code, **{**error.params, "last_row": rest.last}) from None
        raise
    column_index = {f: label.index for f, label in header.columns.items()}
    table = SheetTable(
        file=source.file,
        sheet=source.sheet,
        header_row=header.row,
        columns={f: label.text for f, label in header.columns.items()},
        column_index=column_index,
        rows=[],
        typed=source.format != "csv",
        format=source.format,
        layout=header.layout,
        headers={label.index: label.text for label in header.labels},
    )
    below = chain(head[header.position + 1 :], stream.rows)
    del head, grid
    found = people(
        below,
        column_index,
        first_col=stream.first_col,
        merged=stream.merged if stream.contiguous else (),
        layout=header.layout,
        hidden=source.hidden,
        hidden_people=table.hidden,
    )
    first = next(found, None)
    if first is None and require_people:
        raise SheetError(
            "no_people",
            file=str(source.file),
            sheet=source.sheet,
            header_row=header.row,
            hidden=hidden(),
            hidden_people=len(table.hidden),
        )  # every person is in a hidden row
    return table, keep(found if first is None else chain((first,), found))


class _Rest:
    """The rows after the first ones, read to the end (on the way to an error only): the last
    row number, and whether every cell was blank."""

    def __init__(self, rows: Iterator[tuple[int, Sequence[object]]]) -> None:
        self.last = 0
        self.blank = True
        for number, row in rows:
            self.last = number
            if self.blank and not all(is_blank(cell) for cell in row):
                self.blank = False


def _header(
    source: _Source, grid: Grid, mapping: Mapping[Field, str], header_row: int | None
) -> Header:
    """The header, checked: every --map column found, every required field present, no field
    named by two columns. ``source.formulas`` (cells with a formula but no value) goes into the
    "no header" message: they may be where the header is."""
    display, sheet = str(source.file), source.sheet
    header = best_header(grid, mapping, header_row)
    if header_row is not None and (header is None or header.blank):
        numbers = grid.row_numbers
        raise SheetError(
            "bad_header_row",
            file=display,
            sheet=sheet,
            header_row=header_row,
            first_row=numbers[0] if numbers else 1,
            last_row=numbers[-1] if numbers else 1,
        )
    if header is None:
        raise SheetError(
            "no_header", file=display, sheet=sheet, rows=SCAN_ROWS, formulas=source.formulas or None
        )
    where = {"file": display, "sheet": sheet, "header_row": header.row}
    found = tuple(label.text for label in header.labels)
    if header.unknown:
        target, column = header.unknown[0]
        raise SheetError("unknown_column", **where, field=target.value, column=column, found=found)
    missing = tuple(f.value for f in REQUIRED_FIELDS if f not in header.columns)
    if missing:
        raise SheetError("missing_columns", **where, missing=missing, found=found)
    if header.duplicates:
        target, first, second = header.duplicates[0]
        raise SheetError(
            "duplicate_column",
            **where,
            field=target.value,
            columns=(first.text, second.text),
            letters=(column_letter(first.index), column_letter(second.index)),
        )
    return header


def _choose_sheet(
    book: Workbook, sheet: str | None, mapping: Mapping[Field, str], header_row: int | None
) -> str:
    """The sheet named by ``--sheet``, else the only visible worksheet with a header.

    Hidden sheets (old months, lookup lists) are never chosen unless named, but the "no header"
    message points at a hidden sheet that has one.
    """
    if sheet is not None:
        return _sheet_named(book, sheet)
    if not book.sheets:  # Excel cannot save a workbook without a sheet
        raise SheetError("corrupt", file=book.display, format=book.format)
    worksheets = [info for info in book.sheets if info.worksheet]
    visible = [info.name for info in worksheets if info.visible]
    peek = SCAN_ROWS if header_row is None else header_row + 1  # a two-row header: one more

    def has_header(name: str) -> bool:
        return best_header(book.grid(name, nrows=peek), mapping, header_row) is not None

    with_header = [name for name in visible if has_header(name)]
    if len(with_header) == 1:
        return with_header[0]
    if with_header:
        raise SheetError("ambiguous_sheet", file=book.display, candidates=tuple(with_header))
    hidden = _hidden_with_header(book, None, mapping, header_row)
    if len(visible) == 1 and not hidden:
        return visible[0]  # its own "empty" / "no header" / "bad header row" error follows
    if not hidden and all(book.is_empty(name) for name in visible):
        raise SheetError("empty", file=book.display, sheet=None)
    raise SheetError(
        "no_header",
        file=book.display,
        sheet=visible[0] if len(visible) == 1 else None,
        rows=SCAN_ROWS,
        hidden=hidden,
    )


def _hidden_with_header(
    book: Workbook, chosen: str | None, mapping: Mapping[Field, str], header_row: int | None
) -> tuple[str, ...]:
    """Hidden worksheets (other than ``chosen``) with a recognisable header."""
    peek = SCAN_ROWS if header_row is None else header_row + 1  # a two-row header: one more
    return tuple(
        info.name
        for info in book.sheets
        if info.worksheet
        and not info.visible
        and info.name != chosen
        and best_header(book.grid(info.name, nrows=peek), mapping, header_row) is not None
    )


def _sheet_named(book: Workbook, wanted: str) -> str:
    """Exact name first; else the one sheet whose name matches ignoring case, diacritics and
    spacing ("ds dang ky" finds "DS đăng ký"). Hidden sheets can be named."""
    names = [info.name for info in book.sheets]
    if wanted in names:
        return wanted
    key = header_key(wanted)
    close = [name for name in names if header_key(name) == key]
    if len(close) == 1 and key:
        return close[0]
    raise SheetError(
        "sheet_not_found", file=book.display, sheet=safe_text(wanted), sheets=tuple(names)
    )
