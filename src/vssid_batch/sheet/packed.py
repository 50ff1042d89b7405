"""Person rows packed small between reading the sheet and checking it (``open_sheet``).

Checking 100,000 people builds a report of some 200 MB; the sheet should not add its own weight
on top. The rows are read first — calamine's copy of the sheet (about 0.8 KB a row, more while
it is parsed) is then let go of, before the first person is checked — and kept meanwhile as
pickled, deflated chunks of ``CHUNK_ROWS`` rows: about 70 bytes a row, against 1.5 KB for a
``SheetRow`` with its dict and strings. Iterating unpacks one chunk at a time and drops it, so
the packed rows shrink while the report grows. Packing and unpacking cost about 6 µs a row, some
5 % of checking it.

Only bytes this process pickled itself are ever unpickled.
"""

from __future__ import annotations

import ctypes
import functools
import pickle
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from vssid_batch.fields import Field
from vssid_batch.sheet.model import CellValue, SheetRow

CHUNK_ROWS = 1024  # rows pickled together: few calls, and one chunk unpacked is small
_LEVEL = 1  # deflate level: as small as level 6 within 20 %, at half the time

_Packed = tuple[int, dict[Field, CellValue], dict[Field, int] | None]  # a SheetRow's fields


class PackedRows:
    """Person rows, packed as they come; iterating yields them again, once (and, past the last,
    hands what the packing took back to the system)."""

    def __init__(self, rows: Iterable[SheetRow]) -> None:
        self._chunks: deque[bytes] = deque()
        batch: list[_Packed] = []
        for row in rows:
            batch.append((row.row, row.values, row.where))
            if len(batch) == CHUNK_ROWS:
                self._pack(batch)
                batch = []
        if batch:
            self._pack(batch)

    def _pack(self, batch: list[_Packed]) -> None:
        self._chunks.append(zlib.compress(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL), _LEVEL))

    def __iter__(self) -> Iterator[SheetRow]:
        chunks = self._chunks
        while chunks:
            batch: list[_Packed] = pickle.loads(zlib.decompress(chunks.popleft()))
            for number, values, where in batch:
                yield SheetRow(row=number, values=values, where=where)
        release_freed_memory()


def release_freed_memory() -> None:
    """Hand memory freed by C and Rust code back to the operating system (glibc only).

    Calamine's copy of a sheet is a million small allocations; once freed, glibc keeps the pages
    for its own later use — but Python takes the memory for its small objects (most of a report)
    straight from the system, so those pages would stay in the process's resident size, unused,
    for the rest of the run. ``malloc_trim`` gives them back (a few milliseconds); elsewhere this
    does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, …)
        return None
    return trim
