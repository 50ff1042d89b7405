"""Which rows of a sheet are hidden — filtered out by an autofilter, or hidden by hand.

Calamine reads values only, so the row flags are read from the file itself:

- .xlsx/.xlsm: ``<row r="7" hidden="1">`` in the sheet's XML (Excel, LibreOffice and openpyxl
  all write it so, for a filter as for a row hidden by hand). The XML is read in 256 KB pieces and
  only the ``<row …>`` start tags are looked at: a regex pass, no tree.
- .ods: ``table:visibility="collapse"`` (hidden) or ``"filter"`` (filtered out) on a
  ``table:table-row``, counting ``table:number-rows-repeated``.
- .xls, .xlsb: not read (the flags sit in binary records); ``detects_hidden_rows`` says so, and
  the reader warns that hidden rows there are taken as people.

Rows are Excel's numbers (1-based). A file whose flags cannot be read is read as if nothing were
hidden: hiding is a filter on people, never a reason to refuse a file calamine read.
"""

from __future__ import annotations

import bisect
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree

from vssid_batch.sheet.formulas import _sheet_part

CHUNK = 1 << 18  # small: read while calamine holds its copy of the sheet
MAX_RUNS = 1_000_000  # a hostile file cannot make the reader hold more ranges than this

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW_TAG = re.compile(rb"<" + _PREFIX + rb"row(?=[\s/>])([^>]*)>")
_ROW_NUMBER = re.compile(rb"\sr\s*=\s*[\"']\s*([0-9]{1,7})\s*[\"']")
_HIDDEN = re.compile(rb"\shidden\s*=\s*[\"']\s*(?:1|true)\s*[\"']")

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_HIDDEN = frozenset({"collapse", "filter"})


class RowSet:
    """A set of row numbers kept as ranges (a hidden block may be a million empty rows).

    >>> rows = RowSet([(3, 3), (10, 12)])
    >>> [n in rows for n in (2, 3, 4, 10, 12, 13)], len(rows), bool(RowSet([]))
    ([False, True, False, True, True, False], 4, False)
    """

    def __init__(self, runs: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for first, last in sorted(runs):
            if merged and first <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
            else:
                merged.append((first, last))
        self._firsts = [first for first, _ in merged]
        self._runs = merged

    def __contains__(self, number: object) -> bool:
        if not isinstance(number, int):
            return False
        at = bisect.bisect_right(self._firsts, number) - 1
        return at >= 0 and self._runs[at][1] >= number

    def __len__(self) -> int:
        return sum(last - first + 1 for first, last in self._runs)

    def __bool__(self) -> bool:
        return bool(self._runs)

    def __iter__(self) -> Iterator[int]:
        for first, last in self._runs:
            yield from range(first, last + 1)


NOTHING_HIDDEN = RowSet([])


def detects_hidden_rows(fmt: str) -> bool:
    """Whether hidden rows can be told in this format (see the module's notes)."""
    return fmt in ("xlsx", "ods")


def hidden_rows(path: str, fmt: str, sheet: str) -> RowSet:
    """The hidden rows of sheet ``sheet`` of the workbook at ``path``."""
    if not detects_hidden_rows(fmt):
        return NOTHING_HIDDEN
    try:
        with zipfile.ZipFile(path) as archive:
            if fmt == "xlsx":
                part = _sheet_part(archive, sheet)
                if part is None:
                    return NOTHING_HIDDEN
                with archive.open(part) as stream:
                    return RowSet(list(_xlsx_hidden(stream)))
            with archive.open("content.xml") as stream:
                return RowSet(list(_ods_hidden(stream, sheet)))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, NotImplementedError,
            ElementTree.ParseError, ValueError):
        return NOTHING_HIDDEN


def _xlsx_hidden(stream: IO[bytes]) -> Iterator[tuple[int, int]]:
    """(row, row) for each ``<row>`` marked hidden; a row without ``r`` follows the one before."""
    carry = b""
    number = 0
    found = 0
    while True:
        chunk = stream.read(CHUNK)
        buffer = carry + chunk
        # A start tag may run on into the next piece: keep the text from the last "<" for it.
        cut = len(buffer) if not chunk else max(buffer.rfind(b"<"), 0)
        for match in _ROW_TAG.finditer(buffer, 0, cut):
            attributes = match.group(1)
            explicit = _ROW_NUMBER.search(attributes)
            number = int(explicit.group(1)) if explicit else number + 1
            if _HIDDEN.search(attributes):
                found += 1
                if found > MAX_RUNS:
                    return
                yield number, number
        if not chunk:
            return
        carry = buffer[cut:]


def _ods_hidden(stream: IO[bytes], sheet: str) -> Iterator[tuple[int, int]]:
    """(first, last) row of each hidden run of table ``sheet``."""
    inside = False
    depth = 0  # sub-tables inside cells: their rows are not the sheet's
    row = 0
    found = 0
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if tag == _ODS_TABLE + "table":
            if event == "start":
                if inside:
                    depth += 1
                elif element.get(_ODS_TABLE + "name") == sheet:
                    inside, row = True, 0
            elif inside:
                if depth:
                    depth -= 1
                else:
                    return
            continue
        if tag != _ODS_TABLE + "table-row":
            continue
        if not inside or depth:
            if event == "end":
                element.clear()
            continue
        if event == "start":
            text = element.get(_ODS_TABLE + "number-rows-repeated", "1")
            repeat = int(text) if text.isdigit() and int(text) > 0 else 1
            if element.get(_ODS_TABLE + "visibility") in _ODS_HIDDEN:
                found += 1
                if found > MAX_RUNS:
                    return
                yield row + 1, row + repeat
            row += repeat
        else:
            element.clear()
