"""Reading an OLE compound file ([MS-CFB]): the container of an .xls workbook, and of an OOXML
file protected by a password.

Only what the sheet readers need: the names in the directory (``formats`` tells a workbook
from another document, and spots an encrypted .xlsx, by them), one stream's bytes and the BIFF
records in them (``formats`` looks for an .xls's password record, ``visibility`` for the hidden
rows). Sectors are read on demand, the allocation table a sector at a time; anything that does
not add up is an ``OleError`` (a ``ValueError``), never a loop or a read past a limit.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import IO, NamedTuple

_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
MAX_DIRECTORY = 1 << 24  # bytes of directory entries read at the most (131,072 entries)
MINI_SECTOR = 64
_STORAGE, _STREAM, _ROOT = 1, 2, 5


class OleError(ValueError):
    """The OLE compound file's structure is broken."""


class Entry(NamedTuple):
    """A storage or stream of the directory."""

    name: str  # lower-cased
    kind: int  # 1 storage, 2 stream, 5 the root (whose stream is the mini stream)
    start: int  # its first sector
    size: int  # in bytes


class OleFile:
    """An open compound file; ``handle`` must stay open while it is read."""

    def __init__(self, handle: IO[bytes]) -> None:
        header = handle.read(512)
        if len(header) < 512:
            raise OleError("short header")
        shift, self.mini_shift = struct.unpack_from("<HH", header, 0x1E)
        if shift not in (9, 12):
            raise OleError("bad sector size")
        self.handle = handle
        self.size = 1 << shift
        self.per_sector = self.size // 4
        fat_count, self.first_directory = struct.unpack_from("<II", header, 0x2C)
        self.cutoff, self.first_minifat, _, first_difat, difat_count = struct.unpack_from(
            "<IIIII", header, 0x38
        )
        self.fat_sectors = [
            n for n in struct.unpack_from("<109I", header, 0x4C) if n <= _MAX_SECTOR
        ]
        number, seen = first_difat, 0
        while number <= _MAX_SECTOR and seen < difat_count and len(self.fat_sectors) < fat_count:
            entries = struct.unpack(f"<{self.per_sector}I", self.sector(number))
            self.fat_sectors.extend(n for n in entries[:-1] if n <= _MAX_SECTOR)
            number, seen = entries[-1], seen + 1
        del self.fat_sectors[fat_count:]
        self._fat: dict[int, tuple[int, ...]] = {}  # FAT sector index → its entries

    def sector(self, number: int) -> bytes:
        if number > _MAX_SECTOR:
            raise OleError("bad sector number")
        self.handle.seek((number + 1) * self.size)
        data = self.handle.read(self.size)
        if len(data) < self.size:
            raise OleError("truncated")
        return data

    def next_sector(self, number: int) -> int:
        index, offset = divmod(number, self.per_sector)
        if index >= len(self.fat_sectors):
            raise OleError("sector outside the FAT")
        if index not in self._fat:
            self._fat[index] = struct.unpack(
                f"<{self.per_sector}I", self.sector(self.fat_sectors[index])
            )
        return int(self._fat[index][offset])

    def chain(self, first: int, limit: int) -> bytes:
        """The sectors from ``first`` on, about ``limit`` bytes at the most."""
        parts: list[bytes] = []
        number, seen = first, set[int]()
        while number != _END_OF_CHAIN and len(parts) * self.size < limit:
            if number in seen:
                raise OleError("chain loops")
            seen.add(number)
            parts.append(self.sector(number))
            number = self.next_sector(number)
        return b"".join(parts)

    def directory(self) -> list[Entry]:
        """Every storage and stream, the root first."""
        data = self.chain(self.first_directory, MAX_DIRECTORY)
        entries = []
        for start in range(0, len(data) - 127, 128):
            raw, length, kind = struct.unpack_from("<64sHB", data, start)
            first, size = struct.unpack_from("<II", data, start + 116)
            if kind in (_STORAGE, _STREAM, _ROOT) and 2 <= length <= 64:
                name = raw[: length - 2].decode("utf-16-le", errors="replace").lower()
                entries.append(Entry(name, kind, first, size))
        return entries

    def stream(self, names: tuple[str, ...], max_size: int, head: int | None = None) -> bytes:
        """The first stream named one of ``names`` (lower case), at most ``max_size`` bytes;
        only its first ``head`` bytes when given (then a larger stream is not refused)."""
        entries = self.directory()
        root = next((entry for entry in entries if entry.kind == _ROOT), None)
        for entry in entries:
            if entry.kind != _STREAM or entry.name not in names:
                continue
            if head is None and entry.size > max_size:
                raise OleError("stream too large")
            size = entry.size if head is None else min(entry.size, head)
            if entry.size >= self.cutoff or root is None:
                return self.chain(entry.start, size)[:size]
            return self._mini_stream(entry, root)[:size]
        raise OleError("no such stream")

    def _mini_stream(self, entry: Entry, root: Entry) -> bytes:
        """A small stream, kept in 64-byte pieces inside the root's stream."""
        if self.mini_shift != 6:
            raise OleError("bad mini sector size")
        mini = self.chain(root.start, root.size)
        table = self.chain(self.first_minifat, MAX_DIRECTORY)
        minifat = struct.unpack(f"<{len(table) // 4}I", table)
        parts: list[bytes] = []
        number = entry.start
        while number != _END_OF_CHAIN and len(parts) * MINI_SECTOR < entry.size:
            if number >= len(minifat) or len(parts) > len(minifat):
                raise OleError("broken mini chain")
            parts.append(mini[number * MINI_SECTOR : (number + 1) * MINI_SECTOR])
            number = minifat[number]
        return b"".join(parts)[: entry.size]


def biff_records(data: bytes, offset: int = 0) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, length) of each BIFF record of an .xls ``Workbook`` stream from
    ``offset`` on (a record cut short by the end of ``data`` is not given)."""
    while offset + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, offset)
        if offset + 4 + length > len(data):
            return
        yield kind, offset + 4, length
        offset += 4 + length
