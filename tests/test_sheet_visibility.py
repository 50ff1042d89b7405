"""Reading row visibility from the file itself (calamine reads values only): the .xls path
through an OLE container whose Workbook stream is small enough to sit in the mini stream."""

from __future__ import annotations

import io
import struct

from vssid_batch.sheet.ole import OleFile
from vssid_batch.sheet.visibility import MAX_STREAM, WORKBOOK_STREAMS, RowSet, _xls_hidden

END, FAT_SECTOR, FREE = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def row(index: int, flags: int) -> bytes:
    return record(0x0208, struct.pack("<HHHHHHHH", index, 0, 3, 255, 0, 0, flags, 0))


def biff(sheet: str, hidden: list[int]) -> bytes:
    """A BIFF8 Workbook stream: globals naming one sheet, then that sheet's ROW records."""
    name = sheet.encode("utf-16-le")

    def globals_part(offset: int) -> bytes:
        return (
            record(0x0809, b"\x00" * 16)
            + record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name)
            + record(0x000A, b"")
        )

    start = len(globals_part(0))
    rows = b"".join(row(i, 0x120 if i + 1 in hidden else 0x100) for i in range(8))
    return globals_part(start) + record(0x0809, b"\x00" * 16) + rows + record(0x000A, b"")


def ole_with_small_stream(stream: bytes) -> bytes:
    """[MS-CFB] v3: sector 0 FAT, 1 directory, 2 mini FAT, 3-4 the mini stream (root's)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<II", header, 0x2C, 1, 1)
    struct.pack_into("<IIII", header, 0x38, 4096, 2, 1, END)
    struct.pack_into("<109I", header, 0x4C, 0, *[FREE] * 108)
    fat = struct.pack("<128I", FAT_SECTOR, END, END, 4, END, *[FREE] * 123)
    minis = -(-len(stream) // 64)
    minifat = struct.pack("<128I", *[*range(1, minis), END], *[FREE] * (128 - minis))

    def entry(name: str, kind: int, start: int, size: int, child: int = FREE) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        out = bytearray(128)
        out[: len(raw)] = raw
        struct.pack_into("<HBB", out, 64, len(raw), kind, 1)
        struct.pack_into("<III", out, 68, FREE, FREE, child)
        struct.pack_into("<II", out, 116, start, size)
        return bytes(out)

    directory = entry("Root Entry", 5, 3, minis * 64, child=1) + entry(
        "Workbook", 2, 0, len(stream)
    )
    directory += b"\x00" * (sector - len(directory))
    data = stream + b"\x00" * (2 * sector - len(stream))
    return bytes(header) + fat + directory + minifat + data


def test_hidden_rows_from_a_workbook_stream_in_the_mini_stream() -> None:
    stream = biff("Danh sách", hidden=[3, 6])
    assert len(stream) < 4096
    container = ole_with_small_stream(stream)
    read = OleFile(io.BytesIO(container)).stream(WORKBOOK_STREAMS, MAX_STREAM)
    assert read == stream
    assert list(_xls_hidden(read, "Danh sách")) == [3, 6]
    assert list(_xls_hidden(read, "Khác")) == []


def test_row_sets_merge_runs() -> None:
    rows = RowSet([(5, 9), (1, 2), (3, 3), (20, 20)])
    assert list(rows) == [1, 2, 3, 5, 6, 7, 8, 9, 20] and 4 not in rows and "5" not in rows
