"""What a file really is, from its first bytes rather than its name.

Clerks rename files, save web exports as ``.xls`` and send password-protected workbooks; the
extension is only trusted to tell a CSV from another text file. Everything that makes a file
unreadable becomes a ``SheetError`` here, before any spreadsheet library sees the file, so that
the clerk gets a precise reason ("password-protected", "damaged") instead of a parser's message.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import IO, BinaryIO
from xml.parsers import expat

from vssid_batch.files import NotRegularFile, open_regular
from vssid_batch.sheet.errors import SheetError
from vssid_batch.sheet.formulas import ZIP_READ_ERRORS, tag_pieces
from vssid_batch.sheet.ole import OleError, OleFile, biff_records

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def detect_format(path: Path) -> str:
    """ "xlsx", "xlsb", "xls", "ods" or "csv" — or a SheetError saying why the file can't be read.

    "csv" also covers UTF-16 text (Excel's "Unicode Text"); the CSV reader decodes it.
    """
    display = str(path)
    with open_sheet_file(path) as handle:
        head = handle.read(8192)
        if not head:
            return _raise("empty", display)
        if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
            return _zip_format(handle, path, display)
    if head.startswith(OLE_MAGIC):
        return _ole_format(path, display)
    if head.startswith(b"%PDF"):
        raise SheetError("not_a_workbook", file=display, kind="pdf")
    if head.startswith(UTF16_BOMS) or _mostly_text(head):
        kind = _text_kind(head)
        if kind == "text" and path.suffix.lower() in CSV_SUFFIXES:
            return "csv"
        raise SheetError("not_a_workbook", file=display, kind=kind)
    raise SheetError("not_a_workbook", file=display, kind="binary")


def _mostly_text(head: bytes) -> bool:
    """No NUL byte, or a stray one in what is otherwise UTF-8 text (a NUL pasted into a CSV
    cell is a control character to strip with a warning, not a sign of a binary file).

    >>> _mostly_text(b"STT,H\\xe1\\xbb\\x8d t\\xc3\\xaan\\n1,An\\x00\\n")
    True
    >>> _mostly_text(b"\\x00\\x01\\x02\\xff" * 9), _mostly_text("Họ tên".encode("utf-16-le"))
    (False, False)
    """
    nuls = head.count(b"\x00")
    if not nuls:  # text in any encoding: the CSV reader names a line that is not UTF-8
        return True
    if nuls * 10 > len(head):  # UTF-16 without its BOM, or binary
        return False
    try:
        head.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte letter cut at the end of the sample is text
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _raise(code: str, display: str) -> str:
    raise SheetError(code, file=display)


def _text_kind(head: bytes) -> str:
    """Tell the text files that masquerade as workbooks (web exports) from plain text."""
    if head.startswith(UTF16_BOMS):
        sample = head.decode("utf-16", errors="ignore")
    else:
        sample = head.decode("utf-8", errors="ignore")
    start = sample.lstrip("\ufeff \t\r\n").lower()[:2000]
    if start.startswith(("<!doctype html", "<html", "<table", "<meta", "<head", "<body")):
        return "html"
    if start.startswith("<?xml"):
        return "html" if "<html" in start else "xml"
    return "text"


def open_sheet_file(path: Path) -> BinaryIO:
    """``path`` open for reading if it is a regular file of a sane size, else a SheetError.

    A FIFO or a device is refused before a single byte is read (reading a FIFO blocks for ever,
    /dev/zero never ends); so is a file over ``MAX_FILE_BYTES``.
    """
    display = str(path)
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        raise SheetError("file_not_found", file=display) from None
    except NotRegularFile as exc:
        raise SheetError("unreadable", file=display, reason=exc.kind) from None
    except PermissionError:
        raise SheetError("unreadable", file=display, reason="permission") from None
    except OSError as exc:
        raise SheetError("unreadable", file=display, reason="os") from exc
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_FILE_BYTES:
        handle.close()
        raise SheetError("too_big", file=display, what="file", size=size, limit=MAX_FILE_BYTES)
    return handle


def check_open_workbook(handle: BinaryIO, path: Path) -> str:
    """The format of the open workbook ``handle`` ("xlsx", "ods", …), its sizes checked as
    ``detect_format`` checks them; a SheetError otherwise. Leaves ``handle`` at its start, for
    calamine."""
    display = str(path)
    head = handle.read(8)
    handle.seek(0)
    if not head:
        raise SheetError("empty", file=display)
    if head.startswith(OLE_MAGIC) and _encrypted_package(handle):
        raise SheetError("encrypted", file=display)  # Excel's "Encrypt with Password"
    if not (head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC)):
        raise SheetError("not_a_workbook", file=display, kind="binary")
    if os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES:
        raise SheetError(
            "too_big",
            file=display,
            what="file",
            size=os.fstat(handle.fileno()).st_size,
            limit=MAX_FILE_BYTES,
        )
    fmt = _zip_format(handle, path, display)
    handle.seek(0)
    return fmt


def _encrypted_package(handle: BinaryIO) -> bool:
    """Whether the OLE container open in ``handle`` is an .xlsx with a password (its directory
    only is read); leaves ``handle`` at its start."""
    try:
        return _holds_encrypted_package(_ole_names(handle))
    except (OleError, OSError):
        return False  # a damaged container: "not recognised", as before
    finally:
        handle.seek(0)


def _zip_format(handle: BinaryIO, path: Path, display: str) -> str:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            fmt = _zip_kind(archive, names)
            if fmt is not None:
                check_archive(archive, fmt, display)
                return fmt
    except (*ZIP_READ_ERRORS, ValueError, NotImplementedError) as exc:
        # A zip whose end (central directory) is missing: an interrupted download or copy; a
        # member that does not inflate (or not to its declared size): damaged.
        raise SheetError("corrupt", file=display, format=_zip_guess(path)) from exc
    raise SheetError("not_a_workbook", file=display, kind="zip")


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 200 and archive.read(info).strip().startswith(ODS_MIMETYPE):
            return "ods"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    return None


def _zip_guess(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("xlsx", "xlsm", "xlsb", "ods") else "zip"


def _ole_format(path: Path, display: str) -> str:
    """Old .xls, a password-protected .xls or .xlsx (an OLE container with an encrypted package),
    or another Office document.

    Passwords are told here, the one place: calamine, reading from an open file as the reader
    does, says only "Cannot detect file format" for both kinds (tests/test_sheet_formats.py
    checks it still does)."""
    try:
        names = ole_stream_names(path)
        encrypted = _holds_encrypted_package(names) or _xls_password(path, names)
    except (OleError, OSError) as exc:
        raise SheetError("corrupt", file=display, format="xls") from exc
    if encrypted:
        raise SheetError("encrypted", file=display)
    if names & _WORKBOOK_STREAMS:
        return "xls"
    raise SheetError("not_a_workbook", file=display, kind="ole")


_WORKBOOK_STREAMS = frozenset({"workbook", "book"})  # BIFF8, and BIFF5 from Excel 95
_BOF, _FILEPASS, _BOUNDSHEET, _EOF = 0x0809, 0x002F, 0x0085, 0x000A


def _xls_password(path: Path, names: set[str]) -> bool:
    """Whether an .xls is protected by a password: a FILEPASS record among the workbook's first
    records (Excel writes it right after the first BOF). Only the stream's first 4 KB are read."""
    if not names & _WORKBOOK_STREAMS:
        return False
    with path.open("rb") as handle:
        head = OleFile(handle).stream(tuple(_WORKBOOK_STREAMS), 0, head=4096)
    for kind, _, _ in biff_records(head):
        if kind == _FILEPASS:
            return True
        if kind in (_BOUNDSHEET, _EOF):
            return False
    return False


def ole_stream_names(path: Path) -> set[str]:
    """Lower-cased names of the streams and storages in an OLE compound file ([MS-CFB]).

    Only the directory is read (a few sectors), never the streams themselves. Used to spot a
    password-protected OOXML file, which Office stores as an OLE container holding the streams
    ``EncryptionInfo`` and ``EncryptedPackage``, and to tell a workbook from another document.
    """
    with path.open("rb") as handle:
        return _ole_names(handle)


def _ole_names(handle: IO[bytes]) -> set[str]:
    return {entry.name for entry in OleFile(handle).directory()}


def _holds_encrypted_package(names: set[str]) -> bool:
    """An OOXML file with a password: Office's OLE wrapper around the encrypted package."""
    return "encryptioninfo" in names or "encryptedpackage" in names


# --- Size guards -------------------------------------------------------------------------------
#
# A few kilobytes can ask for gigabytes: a zip member that inflates a thousand-fold, an ODS cell
# repeated across 16,384 columns and thousands of rows (calamine then aborts the whole process,
# which no ``except`` can catch). So the sizes a file declares are checked, and the declarations
# verified, before calamine is given the file. The ceilings are far above a real unit's list: a
# 100,000-person sheet is 80 MB of XML that deflate shrinks 8-fold, in 13 columns.

MAX_FILE_BYTES = 256 << 20  # on disk, any format
MAX_MEMBER_BYTES = 256 << 20  # one zip member, inflated
MAX_UNPACKED_BYTES = 512 << 20  # all members together, inflated
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # inflated / compressed, for members big enough to matter
RATIO_FROM_BYTES = 8 << 20
# Cells calamine would hold for one ODS table (its bounding box of cells with content): about
# 32 bytes each in calamine and a Python object each when read: 200,000 rows of 20 columns.
MAX_CELLS = 4_000_000
_READ = 1 << 16  # inflated and thrown away: a small buffer is as fast and costs nothing


def check_archive(archive: zipfile.ZipFile, fmt: str, display: str) -> None:
    """SheetError "too_big" when the workbook in ``archive`` would take too much memory to read,
    "corrupt" when a member inflates to something else than its declared size.

    The zip directory declares each member's inflated size; every member is then inflated once
    (and thrown away) by ``zipfile``, which stops at the declared size and checks the CRC, so a
    member that lies about its size is found here rather than inside calamine.
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise SheetError(
            "too_big", file=display, what="members", size=len(infos), limit=MAX_MEMBERS
        )
    total = 0
    for info in infos:
        _check_member(info, display)
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise SheetError(
                "too_big", file=display, what="total", size=total, limit=MAX_UNPACKED_BYTES
            )
    for info in infos:
        bound = _inflate(archive, info)
        if fmt == "xlsx" and bound > MAX_SHEET_CELLS:  # the quick bound: now count exactly
            cells = sheet_cells(archive, info)
            if cells > MAX_SHEET_CELLS:
                raise SheetError(
                    "too_big", file=display, what="extent", size=cells, limit=MAX_SHEET_CELLS
                )
    if fmt == "ods" and "content.xml" in archive.NameToInfo:
        try:
            with archive.open("content.xml") as content:
                cells = ods_cells(content)
        except NotImplementedError:  # see _inflate
            cells = 0
        if cells > MAX_CELLS:
            raise SheetError("too_big", file=display, what="cells", size=cells, limit=MAX_CELLS)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Inflate a member and throw it away: BadZipFile when it is not what the directory says.
    Returns ``_QuickBound``'s bound of the cells calamine would hold if it is a worksheet.

    A compression method zipfile lacks (Deflate64) but calamine reads is left to calamine: the
    declared sizes were checked, and refusing a file Excel wrote would be worse."""
    bound = _QuickBound()
    try:
        with archive.open(info) as member:
            while chunk := member.read(_READ):
                bound.feed(chunk)
    except NotImplementedError:
        return 0
    return bound.cells()


# An .xlsx sheet: calamine holds the rectangle from its first to its last cell with a value
# (about 32 bytes a cell), so two values far apart (A1 and XFD6000) in a 5 KB file ask for
# gigabytes and abort the process. 16 million cells is 200,000 rows of 80 columns.
MAX_SHEET_CELLS = 16_000_000
_ROW_TAG = re.compile(rb'<row r="(\d{1,7})"')
_WIDE = re.compile(rb'<c r="[A-Z]{2}')
_WIDEST = re.compile(rb'<c r="[A-Z]{3}')
# A cell element with content: not self-closing, and not closed at once (openpyxl writes a cell
# that only carries a style as <c r="XFD30000" s="1" t="n"></c>).
_VALUE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr\s*=\s*[\"']([A-Za-z]{1,3})(\d{1,7})[\"'][^>]*(?<!/)>"
    rb"(?!\s*</(?:[A-Za-z_][\w.-]*:)?c\s*>)"
)
_PREFIXED_ROOT = re.compile(rb"<[A-Za-z_][\w.-]*:worksheet\b")
_NO_BOUND = 1 << 62


class _QuickBound:
    """An upper bound of a worksheet's cells, at the cost of two byte searches: the highest row
    number times the widest column its XML mentions (26, 676 or 16,384 columns).

    It reads the XML Excel, LibreOffice, openpyxl and the .NET SDK without prefix write
    (``<row r="5"``, ``<c r="B5"``, ``r`` first); a worksheet with prefixed tags gives no bound
    and its cells are counted exactly. (A writer that puts ``r`` after other attributes is not
    bounded: none does; cells and rows without ``r`` are placed one after the other, so their
    extent is what the file holds.) Parts that are not worksheets are not searched."""

    def __init__(self) -> None:
        self.sheet: bool | None = None  # unknown until the root element is seen
        self.rows = 0
        self.widths = 26
        self.plain = True
        self.carry = b""

    def feed(self, chunk: bytes) -> None:
        if self.sheet is None:
            head = chunk[:4096]
            self.sheet = b"worksheet" in head
            self.plain = _PREFIXED_ROOT.search(head) is None
        if not self.sheet or not self.plain:
            return
        buffer = self.carry + chunk
        cut = buffer.rfind(b"<")
        cut = len(buffer) if cut < 0 or len(buffer) - cut > 1024 else cut
        self.carry = buffer[cut:]
        numbers = _ROW_TAG.findall(buffer, 0, cut)
        if numbers:
            self.rows = max(self.rows, *map(int, numbers))
        if self.widths == 26 and _WIDE.search(buffer, 0, cut):
            self.widths = 676
        if self.widths == 676 and _WIDEST.search(buffer, 0, cut):
            self.widths = 16_384

    def cells(self) -> int:
        if not self.sheet:
            return 0
        return self.rows * self.widths if self.plain else _NO_BOUND


def sheet_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The rectangle of cells with a value (a cell that only carries a style is left out, as
    calamine leaves it), counted exactly from their references."""
    top, bottom, left, right = _NO_BOUND, 0, _NO_BOUND, 0
    with archive.open(info) as member:
        for buffer, cut in tag_pieces(member, _READ):
            for found in _VALUE_CELL.finditer(buffer):  # the lookahead may read past the cut
                if found.start() >= cut:
                    break
                row, column = int(found[2]), column_number(found[1])
                top, bottom = min(top, row), max(bottom, row)
                left, right = min(left, column), max(right, column)
    return 0 if bottom == 0 else (bottom - top + 1) * (right - left + 1)


def column_number(letters: bytes) -> int:
    """1-based number of a column's letters.

    >>> column_number(b"A"), column_number(b"xfd")
    (1, 16384)
    """
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _check_member(info: zipfile.ZipInfo, display: str) -> None:
    size = info.file_size
    if size > MAX_MEMBER_BYTES:
        _member_too_big(info, display, "member", MAX_MEMBER_BYTES)
    if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(1, info.compress_size):
        _member_too_big(info, display, "ratio", MAX_RATIO)


def _member_too_big(info: zipfile.ZipInfo, display: str, what: str, limit: int) -> None:
    member = info.filename[:80]
    raise SheetError(
        "too_big", file=display, what=what, member=member, size=info.file_size, limit=limit
    )


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE, _ROW = f"{_TABLE_NS} table", f"{_TABLE_NS} table-row"
_CELLS = frozenset({f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell"})
_ROWS_REPEATED = f"{_TABLE_NS} number-rows-repeated"
_COLUMNS_REPEATED = f"{_TABLE_NS} number-columns-repeated"
_CONTENT_ATTRIBUTES = (f"{_OFFICE_NS} value-type", f"{_TABLE_NS} formula")


class _OdsExtent:
    """The largest table of an ODS ``content.xml`` in cells, as calamine would hold it.

    Calamine expands ``number-columns-repeated`` and ``number-rows-repeated`` wherever content
    follows, and drops empty cells and rows at the end of a row or table. So LibreOffice's own
    padding (``number-columns-repeated="1024"`` empty cells after the last value, a
    ``number-rows-repeated="1048000"`` empty row under the table) costs nothing and is accepted,
    while a repeated cell that holds a value is counted as every cell it stands for.
    Tables inside cells (allowed by ODS) count as content of their cell only.
    """

    def __init__(self) -> None:
        self.largest = 0
        self.depth = 0  # nesting of table:table
        self._reset()

    def _reset(self) -> None:
        self.row = 0  # index of the next row
        self.first_row: int | None = None
        self.end_row = 0  # one past the last row with content
        self.width = 0  # one past the last column with content, over all rows
        self.row_repeat = 1
        self.column = 0
        self.row_width = 0
        self.cell_repeat = 1
        self.cell_content = False
        self.in_cell = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == _TABLE:
            self.depth += 1
            if self.depth == 1:
                self._reset()
            elif self.in_cell:
                self.cell_content = True
            return
        if self.depth != 1:
            return
        if self.in_cell:
            self.cell_content = True  # text:p, an annotation, a drawing: content
        elif name == _ROW:
            self.row_repeat = _count(attributes.get(_ROWS_REPEATED))
            self.column = self.row_width = 0
        elif name in _CELLS:
            self.in_cell = True
            self.cell_repeat = _count(attributes.get(_COLUMNS_REPEATED))
            self.cell_content = any(key in attributes for key in _CONTENT_ATTRIBUTES)

    def end(self, name: str) -> None:
        if name == _TABLE:
            if self.depth == 1:
                self.largest = max(self.largest, self._cells())
            self.depth -= 1
            return
        if self.depth != 1:
            return
        if name in _CELLS and self.in_cell:
            self.in_cell = False
            self.column += self.cell_repeat
            if self.cell_content:
                self.row_width = self.column
        elif name == _ROW and not self.in_cell:
            if self.row_width:
                self.first_row = self.row if self.first_row is None else self.first_row
                self.end_row = self.row + self.row_repeat
                self.width = max(self.width, self.row_width)
            self.row += self.row_repeat
            self.largest = max(self.largest, self._cells())

    def _cells(self) -> int:
        if self.first_row is None:
            return 0
        return (self.end_row - self.first_row) * self.width


def _count(text: str | None) -> int:
    return int(text) if text is not None and text.isdigit() and int(text) > 0 else 1


def ods_cells(stream: IO[bytes]) -> int:
    """Cells calamine would hold for the largest table of an ODS ``content.xml``: parsed as a
    stream (expat, nothing kept but a few counters), and stopped as soon as it passes
    ``MAX_CELLS``.

    >>> import io
    >>> row = ('<table:table-row xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    ...        'table:number-rows-repeated="{}"><table:table-cell {}/>'
    ...        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    >>> def doc(rows):
    ...     return io.BytesIO(('<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
    ...                        'table:1.0" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
    ...                        'office:1.0">' + rows + '</table:table>').encode())
    >>> value = 'office:value-type="string" table:number-columns-repeated="{}"'
    >>> ods_cells(doc(row.format(3, value.format(2)) + row.format(1048000, "")))
    6
    >>> ods_cells(doc(row.format(6000, value.format(16384)))) > MAX_CELLS
    True
    """
    extent = _OdsExtent()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = extent.start
    parser.EndElementHandler = extent.end
    try:
        while chunk := stream.read(_READ):
            parser.Parse(chunk, False)
            if max(extent.largest, extent._cells()) > MAX_CELLS:
                break
        else:
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ValueError(f"content.xml: {exc}") from exc
    return max(extent.largest, extent._cells())
