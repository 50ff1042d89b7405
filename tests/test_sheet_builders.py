"""Builders for the sheet-reader tests: workbooks and CSV files written on the fly.

Only synthetic data: made-up names and numbers. (This module holds no tests; the test modules
import it.)
"""

from __future__ import annotations

import datetime
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

FIXTURES = Path(__file__).parent / "fixtures" / "sheet"

HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã số BHXH",
    "Số CCCD/CMND",
    "Số điện thoại",
    "Phòng ban",
]

AN = [
    1,
    "Nguyễn Văn An",
    datetime.date(1990, 1, 2),
    "Nam",
    "0100000001",
    "001090000001",
    "0900000001",
    "Kế toán",
]
BINH = [
    2,
    "Trần Thị Bình",
    datetime.date(1991, 3, 4),
    "Nữ",
    100000002,
    1091000002,
    900000002,
    "Kinh doanh",
]

# Rows of cells; Any because tests mix lists of str with lists of anything.
Rows = Sequence[Any]


def write_xlsx(
    path: Path,
    rows: Rows,
    *,
    title: str = "DS",
    top: int = 1,
    left: int = 1,
    merges: Sequence[str] = (),
    more_sheets: dict[str, Rows] | None = None,
    hidden: Sequence[str] = (),
) -> Path:
    """Write ``rows`` with the first at Excel row ``top``, column ``left`` (1-based).

    ``None`` leaves a cell empty. Extra sheets come after the first, ``hidden`` ones hidden.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    _fill(sheet, rows, top, left)
    for merge in merges:
        sheet.merge_cells(merge)
    for name, other in (more_sheets or {}).items():
        extra = book.create_sheet(name)
        _fill(extra, other, 1, 1)
        if name in hidden:
            extra.sheet_state = "hidden"
    if title in hidden:
        sheet.sheet_state = "hidden"
    book.save(path)
    return path


def _fill(sheet: object, rows: Rows, top: int, left: int) -> None:
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                sheet.cell(row=top + i, column=left + j, value=value)  # type: ignore[attr-defined]


def write_csv(path: Path, text: str, *, bom: bool = False, encoding: str = "utf-8") -> Path:
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def ole_container(path: Path, streams: Sequence[str]) -> Path:
    """A minimal OLE compound file ([MS-CFB], version 3) whose root holds empty streams named
    ``streams``: enough for the reader's format detection, which only reads the directory."""
    sector = 512
    end_of_chain, fat_sector, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)  # minor, major, BOM, shift
    struct.pack_into("<H", header, 0x20, 6)  # mini sector shift
    struct.pack_into("<II", header, 0x2C, 1, 1)  # one FAT sector; directory starts at sector 1
    struct.pack_into("<I", header, 0x38, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 0x3C, end_of_chain, 0, end_of_chain, 0)
    difat = [0] + [free] * 108  # FAT in sector 0
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [fat_sector, end_of_chain] + [free] * 126
    fat_bytes = struct.pack("<128I", *fat)
    entries = [_dir_entry("Root Entry", 5, child=1 if streams else free)]
    for index, name in enumerate(streams):
        right = index + 2 if index + 1 < len(streams) else free
        entries.append(_dir_entry(name, 2, right=right))
    directory = b"".join(entries)
    directory += b"\x00" * (-len(directory) % sector)
    if len(directory) > sector:
        raise ValueError("keep the test container to four entries")
    path.write_bytes(bytes(header) + fat_bytes + directory)
    return path


def _dir_entry(name: str, kind: int, *, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF) -> bytes:
    entry = bytearray(128)
    raw = name.encode("utf-16-le") + b"\x00\x00"
    entry[0 : len(raw)] = raw
    struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, right, child)
    struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)  # start sector, size
    return bytes(entry)
