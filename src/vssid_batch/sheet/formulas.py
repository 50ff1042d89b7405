"""Formula cells that hold no value, found in the file itself because calamine shows them as empty.

Excel saves every formula with the value it last computed (the *cached value*); calamine returns
that value, which is also what the clerk saw on screen. A workbook written by a program and never
opened in Excel has formulas without one — openpyxl writes ``<c r="B5"><f>…</f><v/></c>`` — and
calamine gives ``""`` for them, exactly as for an empty cell. Reading such a cell as empty would
silently drop a name or a number that the clerk believes is there, so the reader marks it
instead (``FormulaWithoutValue``) and the checker reports it.

Formats:

- .xlsx/.xlsm: the sheet's XML is searched for formula cells whose ``<v>`` is missing or empty.
  A formula whose result is the empty string is *not* one of them: Excel saves it as
  ``t="str"`` with an empty ``<v></v>``, a real cached value.
- .ods: ``content.xml`` is searched for ``table:formula`` cells without ``office:value-type``
  (LibreOffice always stores the value; only programs leave it out).
- .xls and .xlsb: not searched. Their formula records always carry a result slot, which calamine
  reads; Excel and LibreOffice fill it, and a program that never calculated (xlwt, unmaintained
  since 2018) leaves a placeholder that cannot be told from a computed result.

Cost. The common sheet has no formula at all and must stay about as fast as before, so the XML
is inflated once more in 1 MB chunks (about 10 ms per 8 MB, i.e. 10,000 people) and searched with
one regex that starts with the letter ``f`` — rare in sheet XML, so the search runs at memchr
speed (2 ms) — and matches only a formula with nothing but an empty ``<v>`` after it. Cached
formulas cost nothing more; each formula without a value costs a few small matches. Nothing is
parsed into a tree unless such a cell has no ``r="B5"`` reference (some non-Excel writers omit
it), which then needs counting rows and cells.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO
from xml.etree import ElementTree

from vssid_batch.sheet import odf
from vssid_batch.sheet.errors import SheetError

# (row, column), both 0-based: the convention of calamine's ``sheet.start`` and merged ranges.
Position = tuple[int, int]

# XML read at a time: few Python round trips (8 per 10,000 people), and a few MB held at a time —
# the search runs while calamine's copy of the sheet is in memory too.
CHUNK = 1 << 20
MAX_COLUMNS = 16_384  # Excel's XFD: a repeated ODS cell is never expanded beyond the grid
MAX_MARKED = 1_000_000  # a hostile file cannot make the reader hold more positions than this
_FAR_FROM_CELLS = 1 << 20  # no cell starts in the last megabyte: we are past the sheet data
# The most of an unfinished cell carried from one piece of XML to the next. A real cell is at most
# a few hundred kilobytes (32,767 characters escaped, a formula of 8,192); a larger carry is
# padding (whitespace, which is squeezed out) or not a cell at all (dropped). Without this bound
# a sheet padded with hundreds of megabytes of whitespace was copied again for every megabyte
# read: time grew with the square of the padding.
MAX_CARRY = 4 * CHUNK
_WHITESPACE_RUN = re.compile(rb"\s{2,}")

# Any namespace prefix (``x:c`` from the .NET Open XML SDK), or none (Excel, openpyxl).
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# A formula element with nothing after it in its cell but an empty ``<v>``: the whole test in one
# regex, so that only cells without a value reach Python. It starts with the literal ``f`` (the
# ``<`` or ``prefix:`` before it is a lookbehind) because a pattern led by a literal is searched
# for at memchr speed, and ``f`` is rare in sheet XML (cell references are upper case). The
# attributes are bounded (real ones are a few dozen bytes): "<f<f<f…" with no ">" would otherwise
# make every match attempt run to the end of the buffer.
_FORMULA_WITHOUT_VALUE = re.compile(
    rb"f(?<=[<:]f)\b[^>]{0,1024}?(?:/>|>[^<]*</" + _PREFIX + rb"f\s*>)\s*"
    rb"(?P<v><" + _PREFIX + rb"v\b[^>]{0,1024}?(?:/>|>\s*</" + _PREFIX + rb"v\s*>))?\s*"
    rb"(?:</" + _PREFIX + rb"c\s*>|<" + _PREFIX + rb"extLst\b)"
)
_CELL_START = re.compile(rb"<" + _PREFIX + rb"c[\s/>]")
# A cell's start tag (not self-closing), reading its reference r="B5" and whether t="str" on the
# way: one match per cell found, instead of one per attribute.
_CELL_START_TAG = re.compile(
    rb"<" + _PREFIX + rb"c"
    rb"(?:(?=[^>]*?\sr\s*=\s*[\"']\s*\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[1-9][0-9]{0,6})\s*[\"']))?"
    rb"(?:(?=[^>]*?\st\s*=\s*[\"'](?P<str>str)[\"']))?"
    rb"(?:\s[^>]*)?(?<!/)>\s*"
)
_TAG_NAME = re.compile(rb"[A-Za-z_][\w.-]*")
_REFERENCE = re.compile(rb"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})")

_ODS_FORMULA = re.compile(rb":formula\s*=")
_ODS_VALUE_TYPE = re.compile(rb"\s[\w.-]+:value-type\s*=")


# What reading a member of a damaged archive raises: a bad zip, a member that does not inflate
# or is cut short, a part the workbook names but the archive lacks, XML that does not parse.
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    ElementTree.ParseError,
)


def formulas_without_value(
    archive: zipfile.ZipFile, fmt: str, sheet: str, display: str
) -> frozenset[Position]:
    """Where sheet ``sheet`` of the open workbook ``archive`` has formulas without a value.

    ``fmt`` is ``detect_format``'s answer; only "xlsx" and "ods" are searched. A member that
    cannot be inflated (bad CRC, truncated data) is a damaged file: SheetError "corrupt".
    """
    try:
        if fmt == "xlsx":
            part = _sheet_part(archive, sheet)
            if part is None:
                return frozenset()
            with archive.open(part) as stream:
                return frozenset(_xlsx_scan(stream, lambda: archive.open(part)))
        if fmt == "ods":
            with archive.open("content.xml") as stream:
                if not _ods_has_uncached(stream):
                    return frozenset()
            with archive.open("content.xml") as stream:
                return frozenset(_ods_positions(stream, sheet))
    except NotImplementedError:
        # A compression method zipfile lacks (Deflate64) but calamine read: searching is a
        # safeguard, not a reason to refuse a file that reads.
        return frozenset()
    except ZIP_READ_ERRORS as exc:
        raise SheetError("corrupt", file=display, format=fmt) from exc
    return frozenset()


# --- .xlsx -------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding sheet ``sheet``: workbook.xml names it, the relationships file
    says where it is."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for element in book.iter():
        if _local(element.tag) == "sheet" and element.get("name") == sheet:
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            break
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for element in rels.iter():
        if _local(element.tag) == "Relationship" and element.get("Id") == rel_id:
            target = element.get("Target", "")
            # Relative to the workbook part's folder, or absolute from the package root.
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            path = posixpath.normpath(path)
            return path if path in archive.NameToInfo else None
    return None


def _chunks(stream: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """The XML in large pieces, each cut right before the last cell that starts in it (that cell
    may be incomplete and goes on into the next piece). Yields (buffer, cut): the cells in
    ``buffer[:cut]`` are whole, and every formula cell in the buffer starts in ``buffer``."""
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        buffer = carry + chunk if carry else chunk
        if not chunk:
            yield buffer, len(buffer)
            return
        cut = _last_cell_start(buffer)
        yield buffer, cut
        carry = bounded_carry(buffer[cut:])


def bounded_carry(carry: bytes) -> bytes:
    """``carry`` at most ``MAX_CARRY`` long: runs of whitespace squeezed to one byte (nothing the
    search looks at depends on their length), and what is still too long dropped — no cell of a
    real sheet is that large.

    >>> bounded_carry(b"<c r='A1'><f>1</f>" + b" " * (MAX_CARRY + 1) + b"<v/>")
    b"<c r='A1'><f>1</f> <v/>"
    >>> bounded_carry(b"<c r='A1'><v>" + b"x" * MAX_CARRY)
    b''
    """
    if len(carry) <= MAX_CARRY:
        return carry
    carry = _WHITESPACE_RUN.sub(b" ", carry)
    return carry if len(carry) <= MAX_CARRY else b""


def _last_cell_start(buffer: bytes) -> int:
    """Where the last ``<c …>`` tag of ``buffer`` starts: walking back tag by tag, it is a few
    tags from the end in any sheet. Far from any cell (the part after the sheet data), the last
    tag's start will do: it may be half a tag."""
    end = len(buffer)
    while True:
        lt = buffer.rfind(b"<", 0, end)
        if lt < 0:  # no cell in the buffer: keep only a tag that may be cut in two
            last = buffer.rfind(b"<")
            return len(buffer) if last < 0 else last
        if _CELL_START.match(buffer, lt):
            return lt
        if len(buffer) - lt > _FAR_FROM_CELLS:
            return buffer.rfind(b"<")
        end = lt


def _xlsx_scan(stream: IO[bytes], reopen: Callable[[], IO[bytes]]) -> set[Position]:
    """Formula cells without a value, by their ``r`` reference; counted the slow way when such a
    cell has none."""
    found: set[Position] = set()
    for buffer, cut in _chunks(stream):
        for match in _FORMULA_WITHOUT_VALUE.finditer(buffer, 0, cut):
            verdict = _formula_cell(buffer, match)
            if verdict is None:
                continue
            if isinstance(verdict, str):  # "unplaced": no r="B5" to go by
                with reopen() as again:
                    return _xlsx_scan_by_counting(again)
            found.add(verdict)
            if len(found) >= MAX_MARKED:
                return found
    return found


def _formula_cell(buffer: bytes, match: re.Match[bytes]) -> Position | str | None:
    """The position of the cell whose formula ``match`` found without a value; "unplaced" when
    the cell has no ``r`` reference; None when it is not a cell's formula after all (``<xm:f>``
    of a data validation) or its value is the empty string (Excel: ``t="str"``, ``<v></v>``)."""
    at = match.start()
    if buffer[at - 1] == 0x3C:  # "<"
        tag = at - 1
    else:  # "prefix:f": the prefix must be a name, and this a start tag
        tag = buffer.rfind(b"<", 0, at)
        if tag < 0 or not _TAG_NAME.fullmatch(buffer, tag + 1, at - 1):
            return None
    cell = buffer.rfind(b"<", 0, tag)
    start = _CELL_START_TAG.fullmatch(buffer, cell, tag) if cell >= 0 else None
    if start is None:
        return None
    if match["v"] is not None and start["str"] is not None:
        return None
    if start["row"] is None:
        return "unplaced"
    return int(start["row"]) - 1, _column_index(start["col"])


def _column_index(letters: bytes) -> int:
    """0-based index of a column's letters.

    >>> _column_index(b"A"), _column_index(b"z"), _column_index(b"AA"), _column_index(b"XFD")
    (0, 25, 26, 16383)
    """
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - 64
    return index - 1


def _xlsx_scan_by_counting(stream: IO[bytes]) -> set[Position]:
    """The same search with a real XML parser, counting rows and cells where the file leaves
    out their ``r`` attributes (allowed by the standard; calamine counts the same way)."""
    found: set[Position] = set()
    row, column = -1, -1
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                number = element.get("r")
                row = int(number) - 1 if number and number.isdigit() else row + 1
                column = -1
            elif name == "c":
                reference = _REFERENCE.fullmatch(element.get("r", "").encode())
                if reference is None:
                    column += 1
                else:
                    row, column = int(reference[2]) - 1, _column_index(reference[1])
            continue
        if name == "c":
            children = {_local(child.tag): child for child in element}
            value = children.get("v")
            has_value = (
                (value is not None and bool((value.text or "").strip()))
                or "is" in children
                or (value is not None and element.get("t") == "str")
            )
            if "f" in children and not has_value and len(found) < MAX_MARKED:
                found.add((row, column))
            element.clear()
        elif name == "row":
            element.clear()
    return found


# --- .ods --------------------------------------------------------------------------------------


def _ods_has_uncached(stream: IO[bytes]) -> bool:
    """Whether any table cell has a formula and no value type (a quick look at start tags)."""
    for buffer, cut in tag_pieces(stream):
        for hit in _ODS_FORMULA.finditer(buffer, 0, cut):
            start = buffer.rfind(b"<", 0, hit.start())
            end = buffer.find(b">", hit.end())
            if start >= 0 and end >= 0 and not _ODS_VALUE_TYPE.search(buffer, start, end):
                return True
    return False


def tag_pieces(stream: IO[bytes], size: int = CHUNK) -> Iterator[tuple[bytes, int]]:
    """The XML in pieces of about ``size`` bytes, as (buffer, cut): the tags in ``buffer[:cut]``
    are whole; a tag cut in two goes on, from its "<", at the start of the next piece (bounded
    by ``bounded_carry``: no real tag is that long).

    >>> import io
    >>> [(buffer, cut) for buffer, cut in tag_pieces(io.BytesIO(b"<a/><b x='1'/>"), size=8)]
    [(b'<a/><b x', 4), (b"<b x='1'/>", 0), (b"<b x='1'/>", 10)]
    """
    carry = b""
    while True:
        chunk = stream.read(size)
        buffer = carry + chunk
        cut = len(buffer) if not chunk else buffer.rfind(b"<")
        if cut < 0 or len(buffer) - cut > MAX_CARRY:  # no tag is that long: nothing to keep
            cut = len(buffer)
        yield buffer, cut
        if not chunk:
            return
        carry = bounded_carry(buffer[cut:])


def _ods_positions(stream: IO[bytes], sheet: str) -> set[Position]:
    """Positions of formula cells without a value in table ``sheet``, counting repeated rows and
    cells (``number-rows-repeated``, ``number-columns-repeated``) and covered cells as calamine
    does."""
    found: set[Position] = set()
    row, column, rows_here = 0, 0, 1
    for event, element in odf.table_events(stream, sheet):
        tag = element.tag
        if tag == odf.ROW:
            if event == "start":
                rows_here = odf.repeat(element, "number-rows-repeated")
                column = 0
            else:
                row += rows_here
        elif event == "start" and tag in (
            odf.TABLE + "table-cell",
            odf.TABLE + "covered-table-cell",
        ):
            columns_here = odf.repeat(element, "number-columns-repeated")
            if (
                element.get(odf.TABLE + "formula") is not None
                and element.get(odf.OFFICE + "value-type") is None
            ):
                for r in range(row, row + rows_here):
                    for c in range(column, min(column + columns_here, MAX_COLUMNS)):
                        if len(found) >= MAX_MARKED:
                            return found
                        found.add((r, c))
            column += columns_here
    return found
