"""Interrupting prepare (SIGINT or SIGKILL) at random moments never leaves a folder at --out
that is not complete and hash-verified."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vssid_batch.batch.manifest import sha256_file
from vssid_batch.synthetic import make_employees, write_sheet

from helpers import EXAMPLES, cells

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _complete(folder: Path) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return all(sha256_file(folder / rel) == digest for rel, digest in manifest["files"].items())


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_prepare_leaves_nothing_or_everything(tmp_path: Path,
                                                          sig: signal.Signals) -> None:
    sheet = tmp_path / "big.xlsx"
    write_sheet(sheet, cells(make_employees(150, seed=9)))
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    rng = random.Random(sig.value)
    outcomes = []
    for attempt in range(5):
        out = tmp_path / f"out{attempt}"
        process = subprocess.Popen(
            [sys.executable, "-m", "vssid_batch", "prepare", str(sheet), "--out", str(out),
             "--date", "2026-11-25", "--jobs", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.3, 2.5))
        os.killpg(process.pid, sig)  # the whole group: workers die too, as on a real Ctrl-C
        process.wait(timeout=30)
        if out.exists():
            assert _complete(out), f"attempt {attempt}: incomplete folder at --out"
            outcomes.append("complete")
        else:
            outcomes.append("nothing")
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".out{attempt}")]
        if sig is signal.SIGINT:
            assert leftovers == []  # a clean interrupt removes its staging folder too
    assert "nothing" in outcomes  # the test did interrupt something
