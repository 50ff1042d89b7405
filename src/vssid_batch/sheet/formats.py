"""What a file really is, from its first bytes rather than its name.

Clerks rename files, save web exports as ``.xls`` and send password-protected workbooks; the
extension is only trusted to tell a CSV from another text file. Everything that makes a file
unreadable becomes a ``SheetError`` here, before any spreadsheet library sees the file, so that
the clerk gets a precise reason ("password-protected", "damaged") instead of a parser's message.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from vssid_batch.sheet.errors import SheetError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def detect_format(path: Path) -> str:
    """"xlsx", "xlsb", "xls", "ods" or "csv" — or a SheetError saying why the file can't be read.

    "csv" also covers UTF-16 text (Excel's "Unicode Text"); the CSV reader decodes it.
    """
    display = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise SheetError("file_not_found", file=display) from None
    except IsADirectoryError:
        raise SheetError("unreadable", file=display, reason="directory") from None
    except PermissionError:
        raise SheetError("unreadable", file=display, reason="permission") from None
    except OSError as exc:
        raise SheetError("unreadable", file=display, reason="os") from exc

    if not head:
        return _raise("empty", display)
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
        return _zip_format(path, display)
    if head.startswith(OLE_MAGIC):
        return _ole_format(path, display)
    if head.startswith(b"%PDF"):
        raise SheetError("not_a_workbook", file=display, kind="pdf")
    if head.startswith(UTF16_BOMS) or b"\x00" not in head:
        kind = _text_kind(head)
        if kind == "text" and path.suffix.lower() in CSV_SUFFIXES:
            return "csv"
        raise SheetError("not_a_workbook", file=display, kind=kind)
    raise SheetError("not_a_workbook", file=display, kind="binary")


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


def _zip_format(path: Path, display: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").strip()
                if mimetype.startswith(ODS_MIMETYPE):
                    return "ods"
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        # A zip whose end (central directory) is missing: an interrupted download or copy.
        raise SheetError("corrupt", file=display, format=_zip_guess(path)) from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    raise SheetError("not_a_workbook", file=display, kind="zip")


def _zip_guess(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("xlsx", "xlsm", "xlsb", "ods") else "zip"


def _ole_format(path: Path, display: str) -> str:
    """Old .xls, a password-protected .xlsx (an OLE container with an encrypted package), or
    another Office document."""
    try:
        names = ole_stream_names(path)
    except (OleError, OSError) as exc:
        raise SheetError("corrupt", file=display, format="xls") from exc
    if "encryptioninfo" in names or "encryptedpackage" in names:
        raise SheetError("encrypted", file=display)
    if "workbook" in names or "book" in names:
        return "xls"
    raise SheetError("not_a_workbook", file=display, kind="ole")


class OleError(Exception):
    """The OLE compound file's structure is broken."""


_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA


def ole_stream_names(path: Path) -> set[str]:
    """Lower-cased names of the streams and storages in an OLE compound file ([MS-CFB]).

    Only the directory is read (a few sectors), never the streams themselves. Used to spot a
    password-protected OOXML file, which Office stores as an OLE container holding the streams
    ``EncryptionInfo`` and ``EncryptedPackage``; calamine would only say it cannot detect the
    format.
    """
    with path.open("rb") as handle:
        header = handle.read(512)
        if len(header) < 512:
            raise OleError("short header")
        sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
        if sector_shift not in (9, 12):
            raise OleError("bad sector size")
        size = 1 << sector_shift
        fat_count, first_dir = struct.unpack_from("<II", header, 0x2C)
        first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s <= _MAX_SECTOR]

        def read_sector(number: int) -> bytes:
            if number > _MAX_SECTOR:
                raise OleError("bad sector number")
            handle.seek((number + 1) * size)
            data = handle.read(size)
            if len(data) < size:
                raise OleError("truncated")
            return data

        per_sector = size // 4
        sector, seen = first_difat, 0
        while sector <= _MAX_SECTOR and seen < difat_count and len(fat_sectors) < fat_count:
            entries = struct.unpack(f"<{per_sector}I", read_sector(sector))
            fat_sectors.extend(s for s in entries[:-1] if s <= _MAX_SECTOR)
            sector, seen = entries[-1], seen + 1
        fat_sectors = fat_sectors[:fat_count]

        fat_cache: dict[int, tuple[int, ...]] = {}

        def next_sector(number: int) -> int:
            index, offset = divmod(number, per_sector)
            if index >= len(fat_sectors):
                raise OleError("sector outside the FAT")
            if index not in fat_cache:
                fat_cache[index] = struct.unpack(f"<{per_sector}I", read_sector(fat_sectors[index]))
            return int(fat_cache[index][offset])

        names: set[str] = set()
        sector, visited = first_dir, set[int]()
        while sector != _END_OF_CHAIN:
            if sector in visited or len(visited) > 100_000:
                raise OleError("directory chain loops")
            visited.add(sector)
            data = read_sector(sector)
            for start in range(0, size, 128):
                name_length, kind = struct.unpack_from("<HB", data, start + 64)
                if kind in (1, 2, 5) and 2 <= name_length <= 64:
                    raw = data[start:start + name_length - 2]
                    names.add(raw.decode("utf-16-le", errors="replace").lower())
            sector = next_sector(sector)
            if sector == _FREE:
                raise OleError("directory chain broken")
        return names
