"""Which rows of a sheet are hidden — filtered out by an autofilter, or hidden by hand.

Calamine reads values only, so the row flags are read from the file itself:

- .xlsx/.xlsm: ``<row r="7" hidden="1">`` in the sheet's XML (Excel, LibreOffice and openpyxl
  all write it so, for a filter as for a row hidden by hand). The XML is read in 256 KB pieces and
  only the ``<row …>`` start tags are looked at: a regex pass, no tree.
- .ods: ``table:visibility="collapse"`` (hidden) or ``"filter"`` (filtered out) on a
  ``table:table-row``, counting ``table:number-rows-repeated``.
- .xls (BIFF8): the ``Workbook`` stream of the OLE container is read whole (a few MB at most for
  a real list) and its records walked: ``BOUNDSHEET`` says where the sheet's records start, and a
  ``ROW`` record with ``fDyZero`` (0x20) is a hidden row — Excel sets it for filtered-out rows
  as for rows hidden by hand.
- .xlsb: not read; ``detects_hidden_rows`` says so, and README says every row counts there.

Rows are Excel's numbers (1-based). A file whose flags cannot be read is read as if nothing were
hidden: hiding is a filter on people, never a reason to refuse a file calamine read.
"""

from __future__ import annotations

import bisect
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import IO

from vssid_batch.sheet import odf
from vssid_batch.sheet.formulas import ZIP_READ_ERRORS, _sheet_part, tag_pieces
from vssid_batch.sheet.ole import OleFile, biff_records

CHUNK = 1 << 18  # small: read while calamine holds its copy of the sheet
MAX_RUNS = 1_000_000  # a hostile file cannot make the reader hold more ranges than this

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW_TAG = re.compile(rb"<" + _PREFIX + rb"row(?=[\s/>])([^>]*)>")
_ROW_NUMBER = re.compile(rb"\sr\s*=\s*[\"']\s*([0-9]{1,7})\s*[\"']")
_HIDDEN = re.compile(rb"\shidden\s*=\s*[\"']\s*(?:1|true)\s*[\"']")
# A row of no height shows nothing, as a hidden one. Excel marks such a row hidden too; a file
# from another writer may give only the height.
# The height is an xsd:double: "0", "0.0", "00", ".0", "0e0", "-0", " 0 ". Written as XML writers
# write attributes (no space around "="), so that every zero height holds a _MARK below
# and the fast path and the row-by-row path agree on every file.
_ZERO_HEIGHT = re.compile(rb"\sht=([\"']) *[+-]?(?:0+(?:\.0*)?|\.0+)(?:[eE][+-]?[0-9]+)? *\1")
# Where to look for either: one pattern that starts with a letter, so the regex engine skips
# ahead at memchr speed (a dozen bytes.find calls cost three times as much); a match is then
# read as a whole row tag.
_MARK = re.compile(rb"hidden|ht=[\"'][ 0.+-]")

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
    return fmt in ("xlsx", "ods", "xls")


def hidden_rows(path: str, fmt: str, sheet: str) -> RowSet:
    """The hidden rows of sheet ``sheet`` of the workbook at ``path``."""
    if not detects_hidden_rows(fmt):
        return NOTHING_HIDDEN
    if fmt == "xls":
        try:
            with open(path, "rb") as handle:
                data = OleFile(handle).stream(WORKBOOK_STREAMS, MAX_STREAM)
                return RowSet([(n, n) for n in _xls_hidden(data, sheet)])
        except (OSError, ValueError, IndexError, struct.error, UnicodeDecodeError):
            return NOTHING_HIDDEN
    try:
        with zipfile.ZipFile(path) as archive:
            if fmt == "xlsx":
                part = _sheet_part(archive, sheet)
                if part is None:
                    return NOTHING_HIDDEN
                with archive.open(part) as stream:
                    found = _xlsx_hidden_fast(stream)
                if found is None:  # a hidden row without its number: count every row
                    with archive.open(part) as stream:
                        found = list(_xlsx_hidden(stream))
                return RowSet(found)
            with archive.open("content.xml") as stream:
                return RowSet(list(_ods_hidden(stream, sheet)))
    except (*ZIP_READ_ERRORS, NotImplementedError, ValueError):
        return NOTHING_HIDDEN


def _xlsx_hidden_fast(stream: IO[bytes]) -> list[tuple[int, int]] | None:
    """``_xlsx_hidden`` for the usual sheet, where every row says its number (Excel always
    writes ``r``): only the places the word "hidden" occurs are looked at — rare in sheet XML,
    and found at memchr speed. None when a hidden row does not say its number.

    >>> import io
    >>> _xlsx_hidden_fast(io.BytesIO(b'<row r="2"><c><is><t>hidden</t></is></c></row>'
    ...                              b'<row r="3" hidden="1"/><col hidden="1"/>'))
    [(3, 3)]
    >>> _xlsx_hidden_fast(io.BytesIO(b'<row r="2"/><row hidden="true"/>')) is None
    True
    >>> _xlsx_hidden_fast(io.BytesIO(b'<row r="4" ht="0" customHeight="1"/><row r="5" ht="0.75"/>'))
    [(4, 4)]
    """
    found: list[tuple[int, int]] = []
    for buffer, cut in tag_pieces(stream, CHUNK):
        after = 0  # marks before this were weighed with their tag (or their text) already
        for mark in _MARK.finditer(buffer, 0, cut):
            at = mark.start()
            if at < after or (mark.group() != b"hidden" and not buffer[at - 1 : at].isspace()):
                continue  # seen, or the end of another attribute ("customHeight='0'")
            tag = _row_tag_at(buffer, at, cut)
            # every mark up to the next "<" is in this tag or this text: one look for all (a
            # cell of 30,000 characters of "hidden" cost a search back for each)
            next_tag = buffer.find(b"<", at, cut)
            after = tag.end() if tag is not None else (cut if next_tag < 0 else next_tag)
            if tag is None or not _is_hidden(tag.group(1)):
                continue
            explicit = _ROW_NUMBER.search(tag.group(1))
            if explicit is None:
                return None
            number = int(explicit.group(1))
            found.append((number, number))
            if len(found) > MAX_RUNS:
                return found
    return found


def _row_tag_at(buffer: bytes, at: int, cut: int) -> re.Match[bytes] | None:
    """The row tag holding the mark at ``at``; None when the mark is in no row tag."""
    start, end = buffer.rfind(b"<", 0, at), buffer.find(b">", at, cut)
    return _ROW_TAG.match(buffer, start, end + 1) if start >= 0 and end >= 0 else None


def _is_hidden(attributes: bytes) -> bool:
    """Whether a row tag's attributes hide it: ``hidden="1"``, or a height of zero."""
    return bool(_HIDDEN.search(attributes) or _ZERO_HEIGHT.search(attributes))


def _xlsx_hidden(stream: IO[bytes]) -> Iterator[tuple[int, int]]:
    """(row, row) for each ``<row>`` marked hidden; a row without ``r`` follows the one before.

    >>> import io
    >>> list(_xlsx_hidden(io.BytesIO(b'<x:row r="2"/><x:row hidden="true"><x:c/></x:row>')))
    [(3, 3)]
    """
    number = 0
    found = 0
    for buffer, cut in tag_pieces(stream, CHUNK):
        for match in _ROW_TAG.finditer(buffer, 0, cut):
            attributes = match.group(1)
            explicit = _ROW_NUMBER.search(attributes)
            number = int(explicit.group(1)) if explicit else number + 1
            if _is_hidden(attributes):
                found += 1
                if found > MAX_RUNS:
                    return
                yield number, number


def _ods_hidden(stream: IO[bytes], sheet: str) -> Iterator[tuple[int, int]]:
    """(first, last) row of each hidden run of table ``sheet``."""
    row = 0
    found = 0
    for event, element in odf.table_events(stream, sheet):
        if event != "start" or element.tag != odf.ROW:
            continue
        repeat = odf.repeat(element, "number-rows-repeated")
        if element.get(odf.TABLE + "visibility") in _ODS_HIDDEN:
            found += 1
            if found > MAX_RUNS:
                return
            yield row + 1, row + repeat
        row += repeat


# --- .xls --------------------------------------------------------------------------------------

MAX_STREAM = 256 << 20  # a Workbook stream larger than this is not read for hidden rows
WORKBOOK_STREAMS = ("workbook", "book")  # BIFF8, and BIFF5 from Excel 95


_BOUNDSHEET, _BOF, _EOF, _ROW = 0x0085, 0x0809, 0x000A, 0x0208
_ROW_HIDDEN = 0x20  # fDyZero


def _xls_hidden(data: bytes, sheet: str) -> Iterator[int]:
    """Excel rows (1-based) hidden in sheet ``sheet`` of a BIFF8 Workbook stream."""
    start = None
    for kind, at, length in biff_records(data, 0):
        if kind == _BOUNDSHEET and length >= 8:
            position, _, _, count, high = struct.unpack_from("<IBBBB", data, at)
            raw = data[at + 8 : at + 8 + count * (2 if high & 1 else 1)]
            name = raw.decode("utf-16-le" if high & 1 else "latin-1")
            if name == sheet:
                start = position
                break
        elif kind == _EOF:
            break
    if start is None:
        return
    for kind, at, length in biff_records(data, start):
        if kind == _ROW and length >= 16:
            row, flags = (
                struct.unpack_from("<H", data, at)[0],
                struct.unpack_from("<H", data, at + 12)[0],
            )
            if flags & _ROW_HIDDEN:
                yield row + 1
        elif kind == _EOF:
            return
