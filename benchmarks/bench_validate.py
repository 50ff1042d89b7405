"""Time to validate a generated sheet (read + check), and the memory it takes.

    python benchmarks/bench_validate.py [N ...]      # default: 10000 20000

Target (issue 2): 10,000 people in ≤ 1.5 s on a 2-core machine; memory growing no faster than
the sheet (compare the per-person figure at the two sizes).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from vssid_batch.api import check_sheet
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet

AS_OF = date(2026, 11, 25)


def bench(count: int, folder: Path) -> None:
    sheet = folder / f"bench-{count}.xlsx"
    people = make_employees(count, seed=1)
    write_sheet(sheet, [employee_cells(p, i + 1) for i, p in enumerate(people)])
    check_sheet(sheet, as_of=AS_OF)  # warm up imports and caches
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        report = check_sheet(sheet, as_of=AS_OF)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    check_sheet(sheet, as_of=AS_OF)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.summary.people == count and not report.has_errors
    print(
        f"validate {count:>7,} people: {best:6.3f} s  ({count / best:,.0f} people/s)  "
        f"peak Python memory {peak / 2**20:6.1f} MiB ({peak / count / 1024:.2f} KiB/person)"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 20_000]
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            bench(count, Path(folder))


if __name__ == "__main__":
    main()
