"""Interrupting prepare (SIGINT or SIGKILL) at random moments never leaves a folder at --out
that is not complete and hash-verified; no worker outlives the main process; Ctrl-C is one line.

Every child runs with its memory bounded (RLIMIT_AS) and a timeout, in its own process group,
which the test kills in a ``finally``.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vssid_batch.batch.manifest import sha256_file
from vssid_batch.synthetic import make_employees, write_sheet

from helpers import EXAMPLES, cells, child_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

MEMORY = 3 << 30  # per process (the forkserver and workers inherit it)


def _bounded() -> None:
    """In the child: bounded memory, and Ctrl-C as at a terminal (a test run in the background
    inherits SIGINT ignored, and a process that ignores it would never be interrupted)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(sheet: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vssid_batch",
            "prepare",
            str(sheet),
            "--out",
            str(out),
            "--date",
            "2026-11-25",
            "--jobs",
            "2",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_bounded,
        env=child_env(),
    )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


def _alive_in_group(group: int) -> list[int]:
    """Processes of a process group that still run (zombies are dead: nobody reaps them here)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] not in "ZX":
                alive.append(int(stat.parent.name))
    return alive


def _wait_until_rendering(process: subprocess.Popen[bytes], parent: Path) -> None:
    """Until a worker has written a form into the staging folder."""
    deadline = time.monotonic() + 120
    while not list(parent.glob(".out.*.dang-ghi/to-khai")):
        assert process.poll() is None, "prepare ended before it was interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.fixture(scope="module")
def big_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough people that rendering with two workers lasts a few seconds."""
    folder = tmp_path_factory.mktemp("big")
    write_sheet(folder / "big.xlsx", cells(make_employees(2000, seed=9)))
    shutil.copy(EXAMPLES / "unit.toml", folder / "unit.toml")
    return folder / "big.xlsx"


def _complete(folder: Path) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return all(sha256_file(folder / rel) == digest for rel, digest in manifest["files"].items())


@pytest.mark.slow  # prepare in a child, killed: 6-12 s a case
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_prepare_leaves_nothing_or_everything(
    tmp_path: Path, sig: signal.Signals
) -> None:
    sheet = tmp_path / "big.xlsx"
    write_sheet(sheet, cells(make_employees(150, seed=9)))
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    rng = random.Random(sig.value)
    outcomes = []
    for attempt in range(5):
        out = tmp_path / f"out{attempt}"
        process = _start(sheet, out)
        try:
            time.sleep(rng.uniform(0.3, 2.5))
            os.killpg(process.pid, sig)  # the whole group: workers die too, as on a real Ctrl-C
            _, err = process.communicate(timeout=60)
        finally:
            _kill_group(process)
        assert b"Traceback" not in err
        if out.exists():
            assert _complete(out), f"attempt {attempt}: incomplete folder at --out"
            outcomes.append("complete")
        else:
            outcomes.append("nothing")
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".out{attempt}")]
        if sig is signal.SIGINT:
            assert leftovers == []  # a clean interrupt removes its staging folder too
    assert "nothing" in outcomes  # the test did interrupt something


@pytest.mark.slow  # prepare in a child, killed: 4-8 s a case
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_do_not_outlive_the_main_process(
    tmp_path: Path, big_sheet: Path, sig: signal.Signals
) -> None:
    process = _start(big_sheet, tmp_path / "out")
    try:
        _wait_until_rendering(process, tmp_path)
        assert len(_alive_in_group(process.pid)) >= 3  # main, forkserver, workers
        os.kill(process.pid, sig)  # the main process only, as a task manager or OOM killer does
        process.wait(timeout=60)  # not communicate(): orphans would hold its stderr open
        deadline = time.monotonic() + 5
        while _alive_in_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _alive_in_group(process.pid) == []
        if sig is signal.SIGTERM:  # a polite stop cleans up like Ctrl-C
            assert process.returncode == 130
            assert [p.name for p in tmp_path.iterdir()] == []
    finally:
        _kill_group(process)


def _wait_for_forkserver(process: subprocess.Popen[bytes]) -> None:
    """Until the forkserver has been started (it is then still importing)."""
    deadline = time.monotonic() + 60
    while True:
        for pid in _alive_in_group(process.pid):
            with contextlib.suppress(OSError):
                if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.002)


def _wait_for_own_imports(process: subprocess.Popen[bytes]) -> None:
    """Until the child has spent 0.08 s of CPU: past Python's own start (site, a few ms; a Ctrl-C
    there ends any Python program with a "Fatal Python error"), into importing vssid_batch (about
    0.3 s). CPU time, not wall time, so a loaded machine does not move the moment."""
    ticks = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 60
    while True:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            if (int(fields[11]) + int(fields[12])) / ticks >= 0.08:  # utime + stime
                return
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.002)


@pytest.mark.slow  # prepare in a child, interrupted: 2-8 s a case
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("moment", ["start-up", "forkserver", "rendering"])
def test_ctrl_c_is_one_line(tmp_path: Path, big_sheet: Path, moment: str) -> None:
    process = _start(big_sheet, tmp_path / "out", "--lang", "en")
    try:
        if moment == "start-up":
            _wait_for_own_imports(process)  # the main process is importing its modules
        elif moment == "forkserver":
            _wait_for_forkserver(process)
        else:
            _wait_until_rendering(process, tmp_path)
        os.killpg(process.pid, signal.SIGINT)  # the terminal sends it to the whole group
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130
        assert err.decode().strip() == "Stopped on request; no file was left half-written."
        assert [p.name for p in tmp_path.iterdir()] == []  # no folder, staging or lock file
        time.sleep(0.5)
        assert _alive_in_group(process.pid) == []
    finally:
        _kill_group(process)


def _workers_started(group: int) -> bool:
    """A process of the group that is not a child of the main one: a forked worker."""
    for pid in _alive_in_group(group):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            if pid != group and int(fields[1]) != group:
                return True
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_card_workers_do_not_outlive_the_main_process(tmp_path: Path) -> None:
    from cardphotos import card_photo

    people = make_employees(40, seed=12)  # over cards.MIN_PARALLEL: read by workers
    sheet = tmp_path / "nv.xlsx"
    write_sheet(sheet, cells(people))
    blank = card_photo(tmp_path / "blank.jpg", None)  # no QR code: every slow retry runs
    photos = tmp_path / "anh"
    photos.mkdir()
    for person in people:
        shutil.copy(blank, photos / f"{person.id_number}_truoc.jpg")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vssid_batch",
            "validate",
            str(sheet),
            "--photos",
            str(photos),
            "--as-of",
            "2026-11-25",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_bounded,
        env=child_env(),
    )
    try:
        deadline = time.monotonic() + 60
        while not _workers_started(process.pid):
            assert process.poll() is None, "validate ended before its workers started"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        deadline = time.monotonic() + 5
        while _alive_in_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _alive_in_group(process.pid) == []
    finally:
        _kill_group(process)
