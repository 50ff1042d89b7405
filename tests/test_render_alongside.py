"""batch.render.alongside: a small batch's list is written by a fork while the forms are drawn."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from vssid_batch.batch.render import alongside

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="fork and two cores"
)


def writer(path: Path, fail_in_child: bool = False) -> tuple[int, Callable[[], None]]:
    parent = os.getpid()

    def work() -> None:
        if fail_in_child and os.getpid() != parent:
            raise OSError(28, "No space left on device")  # as a full disk would, in the child
        with path.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")

    return parent, work


@needs_fork
def test_the_work_is_done_by_another_process_during_the_block(tmp_path: Path) -> None:
    parent, work = writer(tmp_path / "list.txt")
    with alongside(work):
        drawn = "forms"
    assert drawn == "forms"
    (pid,) = (tmp_path / "list.txt").read_text(encoding="utf-8").split()
    assert int(pid) != parent  # written once, by the child


@needs_fork
def test_a_failed_child_is_redone_here_so_its_error_is_raised_here(tmp_path: Path) -> None:
    parent, work = writer(tmp_path / "list.txt", fail_in_child=True)
    with alongside(work):
        pass
    assert (tmp_path / "list.txt").read_text(encoding="utf-8").split() == [str(parent)]

    def always_fails() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"), alongside(always_fails):
        pass


@needs_fork
def test_a_failure_of_the_block_stops_the_child_and_is_not_hidden(tmp_path: Path) -> None:
    parent, work = writer(tmp_path / "list.txt")
    with pytest.raises(KeyboardInterrupt), alongside(work):
        raise KeyboardInterrupt
    written = tmp_path / "list.txt"  # the child may have been stopped before writing anything
    assert not written.exists() or str(parent) not in written.read_text(encoding="utf-8")


def test_with_another_thread_alive_the_work_runs_here_first(tmp_path: Path) -> None:
    parent, work = writer(tmp_path / "list.txt")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with alongside(work):
            assert (tmp_path / "list.txt").read_text(encoding="utf-8").split() == [str(parent)]
    finally:
        stop.set()
        other.join()
