"""What a clerk with a small batch feels: start-up, and the size of each form.

    python benchmarks/bench_startup.py [N] [--runs 5]   # default N = 25 people

Each command runs as a clerk runs it (a fresh interpreter); the figure is the minimum of the
runs, interleaved so that a burst of load on a shared machine hits every command alike.
Targets (issue 14): validate ≤ 2.5 × ``import pydantic, phonenumbers, rich, typer``;
prepare ≤ 2.0 × validate; mean per-person form ≤ 25,000 bytes. ``prepare`` writes a new folder
each run; ``prepare --force`` also replaces the previous run's folder (moved aside, then deleted).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_prepare import sample_sheet  # the same made-up people as the large benchmarks

BARE = [sys.executable, "-c", "import pydantic, phonenumbers, rich, typer"]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the command and its children) of one run.

    CPU time hardly moves when other people's work queues the command for a core, which is what
    makes wall times on the shared machine swing by 2-3x; both are shown.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def compile_package() -> None:
    """Byte-compile vssid_batch first, as ``pip install`` does: the libraries it is compared with
    are compiled, and with PYTHONDONTWRITEBYTECODE set (as on the development machine) every run
    would otherwise compile some sixty modules from source (about 60 ms of a 0.4 s validate)."""
    import vssid_batch

    folder = str(Path(vssid_batch.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=25)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = sample_sheet(folder, args.count)
        cli = [sys.executable, "-m", "vssid_batch"]
        out = folder / "out"
        prepare = [*cli, "prepare", str(sheet), "--out", str(out), "--date", "2026-11-25"]
        commands = {
            "bare import": BARE,
            "--help": [*cli, "--help"],
            "validate": [*cli, "validate", str(sheet)],
            # A new folder each run (the last one is deleted before the clock starts): what a
            # clerk's first prepare of a batch costs.
            "prepare": prepare,
            "prepare --jobs 2": [*prepare, "--jobs", "2"],
            # Over the last run's folder: the old batch is moved aside and deleted too.
            "prepare --force": [*prepare, "--force"],
        }
        best = {name: (float("inf"), float("inf")) for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                if name != "prepare --force":
                    shutil.rmtree(out, ignore_errors=True)
                wall, cpu = timed(command)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
        print(f"{args.count} people, minimum of {args.runs} runs: wall, CPU")
        for name, (wall, cpu) in best.items():
            print(f"  {name:18} {wall:6.3f} s {cpu:6.3f} s")
        for label, (top, bottom), target in (
            ("validate / bare import", ("validate", "bare import"), 2.5),
            ("prepare / validate    ", ("prepare", "validate"), 2.0),
        ):
            wall, cpu = (best[top][i] / best[bottom][i] for i in (0, 1))
            print(f"{label} = {wall:.2f} wall, {cpu:.2f} CPU  (target ≤ {target})")
        sizes = [p.stat().st_size for p in (out / "to-khai").glob("*.pdf")]
        print(f"mean per-person form   = {sum(sizes) / len(sizes):,.0f} bytes  (target ≤ 25,000)")


if __name__ == "__main__":
    main()
