"""prepare against a plain-reportlab baseline, measured in the same run.

    python benchmarks/bench_prepare.py [N] [--jobs J] [--skip-baseline]   # default N = 10,000

(a) baseline: N one-page A4 PDFs, about 35 strings each in the same embedded font, one file
    each, written with plain reportlab over all cores (font registered once per worker);
(b) `vssid-batch prepare` on a generated sheet of N valid people (a subprocess, as a clerk runs
    it), writing the whole folder: per-person forms, print PDF, list, letter, manifest.

Prints both wall times, forms/s, the peak memory of all processes together (sampled from /proc),
and prepare/baseline. Target (issue 5): ratio ≤ 0.75; at 100,000 people peak ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents.pdf.fonts import FONT_DIR
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet

HERE = Path(__file__).resolve().parent
UNIT = HERE.parent / "examples" / "unit.toml"
STRINGS = 35


def _register() -> None:
    pdfmetrics.registerFont(TTFont("Base", str(FONT_DIR / "Tinos-Regular.ttf")))


def _baseline_chunk(task: tuple[Path, int, int]) -> int:
    folder, start, stop = task
    for index in range(start, stop):
        canvas = Canvas(str(folder / f"{index:06d}.pdf"), pagesize=A4, invariant=1)
        canvas.setFont("Base", 12)
        for line in range(STRINGS):
            canvas.drawString(72, 800 - line * 20, f"Dòng {line}: Nguyễn Thị Ánh Tuyết {index}")
        canvas.showPage()
        canvas.save()
    return stop - start


def baseline(count: int, folder: Path, jobs: int) -> float:
    folder.mkdir()
    size = 100
    tasks = [(folder, i, min(count, i + size)) for i in range(0, count, size)]
    start = time.perf_counter()
    with ProcessPoolExecutor(jobs, initializer=_register) as pool:
        assert sum(pool.map(_baseline_chunk, tasks)) == count
    return time.perf_counter() - start


def _memory_kib(pid: int) -> int:
    """Proportional set size: shared pages (a forkserver's imports) are counted once overall,
    split between the processes sharing them, so the sum over processes is the real total."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        return int(next(ln for ln in rollup.splitlines() if ln.startswith("Pss:")).split()[1])
    except (OSError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text()
        return int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1])


def _tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += _memory_kib(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total * 1024


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall time and peak summed RSS of a command and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"prepare failed ({process.returncode}): {err.decode()[-500:]}")
    return time.perf_counter() - start, peak


def sample_sheet(folder: Path, count: int) -> Path:
    """A sheet of ``count`` made-up valid people in ``folder``, with unit.toml beside it."""
    sheet = folder / "employees.xlsx"
    write_sheet(
        sheet, [employee_cells(p, i + 1) for i, p in enumerate(make_employees(count, seed=7))]
    )
    shutil.copy(UNIT, folder / "unit.toml")
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = sample_sheet(folder, args.count)
        print(f"{args.count:,} people, {args.jobs} jobs, {os.cpu_count()} cores")
        base = None
        if not args.skip_baseline:
            base = baseline(args.count, folder / "baseline", args.jobs)
            print(
                f"baseline (plain reportlab, one file each): {base:7.2f} s  "
                f"{args.count / base:7.0f} forms/s"
            )
        took, peak = run_measured(
            [
                sys.executable,
                "-m",
                "vssid_batch",
                "prepare",
                str(sheet),
                "--out",
                str(folder / "out"),
                "--date",
                "2026-11-25",
                "--jobs",
                str(args.jobs),
            ]
        )
        print(
            f"vssid-batch prepare (whole folder):       {took:7.2f} s  "
            f"{args.count / took:7.0f} forms/s  "
            f"peak memory (PSS, all processes) {peak / 2**20:5.0f} MiB"
        )
        if base:
            print(f"prepare / baseline = {took / base:.2f}  (target ≤ 0.75)")


if __name__ == "__main__":
    main()
