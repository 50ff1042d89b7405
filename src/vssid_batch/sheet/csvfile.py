"""CSV files: UTF-8 with or without BOM (also UTF-16 "Unicode Text"), `,` `;` or tab separated.

Every cell is text (a CSV carries no number/text type), so the reader reports ``typed=False`` and
the rules must not assume that a short digit string lost its leading zero.

The delimiter is chosen by what makes a recognisable header: Excel in a Vietnamese locale writes
`;`, elsewhere `,`; "Unicode Text" uses tabs; and ``csv.Sniffer`` alone is easily fooled by the
commas inside addresses and names.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Generator, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

from vssid_batch.sheet.errors import SheetError
from vssid_batch.sheet.grid import Grid, RowStream

DELIMITERS = (",", ";", "\t")
_BARE_CR = re.compile(r"(?<=\r)(?!\n)")
SAMPLE_LINES = 200  # enough to hold the title block and the header of any real sheet


def read_csv(path: Path, score: Callable[[Grid], int], max_rows: int) -> RowStream:
    """The file's records one at a time, numbered by the line each starts on.

    ``score`` rates a sample grid (how many fields its best header row matches) to choose the
    delimiter, from the first lines, read now. The rest is read as the records are asked for:
    more than ``max_rows`` records → SheetError "too_many_rows" (a line that is not UTF-8,
    "not_utf8"; a record the csv module refuses, "corrupt") when the reading gets there. ``close``
    closes the file.
    """
    display = str(path)
    lines = _decoded_lines(path, display)
    head = list(islice(lines, SAMPLE_LINES))
    delimiter = _choose_delimiter(head, score)
    return RowStream(
        rows=_records(chain(head, lines), delimiter, display, max_rows),
        contiguous=False,
        close=lines.close,
    )


def _records(
    lines: Iterator[str], delimiter: str, display: str, max_rows: int
) -> Iterator[tuple[int, Sequence[object]]]:
    reader = csv.reader(lines, delimiter=delimiter)
    previous_line = 0
    count = 0
    try:
        for record in reader:
            count += 1
            if count > max_rows:
                raise SheetError("too_many_rows", file=display, sheet=None, limit=max_rows)
            yield previous_line + 1, record
            previous_line = reader.line_num
    except csv.Error as exc:  # e.g. a NUL byte, or a cell over the csv module's size limit
        raise SheetError("corrupt", file=display, format="csv") from exc


def _decoded_lines(path: Path, display: str) -> Generator[str, None, None]:
    """The file's physical lines as text, so that a decoding error can name its line and the csv
    reader's ``line_num`` is the line number an editor shows."""
    with path.open("rb") as handle:
        if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            handle.seek(0)
            data = handle.read()
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as exc:
                bad_line = data[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
                raise SheetError("not_utf8", file=display, row=bad_line) from exc
            yield from text.splitlines(keepends=True)
            return
        handle.seek(0)
        for number, data in enumerate(handle, 1):
            if number == 1 and data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SheetError("not_utf8", file=display, row=number) from exc
            if "\r" in line.rstrip("\r\n"):  # old Mac line ends: a bare CR separates lines
                yield from (part for part in _BARE_CR.split(line) if part)
            else:
                yield line


def _choose_delimiter(lines: list[str], score: Callable[[Grid], int]) -> str:
    best, best_score = "", 0
    for delimiter in DELIMITERS:
        try:
            records = list(islice(csv.reader(lines, delimiter=delimiter), 40))
        except csv.Error:
            continue
        grid = Grid(rows=records, row_numbers=range(1, len(records) + 1))
        rating = score(grid)
        if rating > best_score:
            best, best_score = delimiter, rating
    if best:
        return best
    sample = "".join(lines)[:8192]
    try:  # no header anywhere: let the sniffer guess, so the "no header" error shows columns
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","
