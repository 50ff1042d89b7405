"""batch.helper: a small batch's list and letter are written by a helper forked early, which
loads their libraries while the sheet is checked and writes them while the forms are drawn."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from vssid_batch.batch.helper import Call, alongside, helper_process

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="fork and two cores"
)
PARENT = os.getpid()


def append_pid(path: str) -> None:
    """The job (and warm-up) of these tests: say which process ran it."""
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")


def fail_in_child(path: str) -> None:
    if os.getpid() != PARENT:
        raise OSError(28, "No space left on device")  # as a full disk would, in the helper
    append_pid(path)


def always_fail() -> None:
    raise OSError(28, "No space left on device")


def pids(path: Path) -> list[int]:
    return [int(pid) for pid in path.read_text(encoding="utf-8").split()] if path.exists() else []


def reaped(pid: int) -> bool:
    """Whether ``pid``, a child of this process, has ended and been waited for."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def said_pid(path: Path) -> list[Call]:
    return [Call(__name__, "append_pid", (str(path),))]


@needs_fork
def test_the_helper_warms_up_then_does_the_job_during_the_block(tmp_path: Path) -> None:
    warm, done = tmp_path / "warm.txt", tmp_path / "done.txt"
    with helper_process(said_pid(warm)) as helper:
        assert helper is not None
        with alongside(helper, said_pid(done)):
            drawn = "forms"
    assert drawn == "forms"
    (warmed,) = pids(warm)
    assert pids(done) == [warmed] and warmed != PARENT  # both by the helper, once
    assert reaped(warmed)


@needs_fork
def test_several_calls_are_done_in_order(tmp_path: Path) -> None:
    out = tmp_path / "calls.txt"
    with helper_process([]) as helper, alongside(helper, said_pid(out) * 2):
        pass
    first, second = pids(out)
    assert first == second != PARENT


@needs_fork
def test_a_failed_helper_is_redone_here_so_its_error_is_raised_here(tmp_path: Path) -> None:
    out, warm = tmp_path / "list.txt", tmp_path / "warm.txt"
    job = [Call(__name__, "fail_in_child", (str(out),))]
    with helper_process(said_pid(warm)) as helper, alongside(helper, job):
        pass
    assert pids(out) == [PARENT]
    with (
        pytest.raises(OSError, match="No space left"),
        helper_process(said_pid(warm)) as helper,
        alongside(helper, [Call(__name__, "always_fail")]),
    ):
        pass
    assert len(pids(warm)) == 2 and all(map(reaped, pids(warm)))


@needs_fork
def test_a_failure_of_the_block_stops_the_helper_and_is_not_hidden(tmp_path: Path) -> None:
    out, warm = tmp_path / "list.txt", tmp_path / "warm.txt"
    slow = [*said_pid(warm), Call("time", "sleep", (0.5,))]  # warming up when the block fails
    with pytest.raises(KeyboardInterrupt), helper_process(slow) as helper:
        while not pids(warm):
            time.sleep(0.01)
        with alongside(helper, said_pid(out)):
            raise KeyboardInterrupt
    assert reaped(pids(warm)[0])
    time.sleep(0.6)  # long enough for a helper that was not stopped to write
    assert pids(out) == []


@needs_fork
def test_a_helper_given_no_job_is_stopped_with_the_block(tmp_path: Path) -> None:
    warm = tmp_path / "warm.txt"
    started = time.monotonic()
    with helper_process([*said_pid(warm), Call("time", "sleep", (30,))]) as helper:
        assert helper is not None
        while not pids(warm):
            time.sleep(0.01)
    assert reaped(pids(warm)[0])
    assert time.monotonic() - started < 20  # stopped, not waited for (a large batch)


def test_with_another_thread_alive_there_is_no_helper_and_the_job_runs_here_first(
    tmp_path: Path,
) -> None:
    out = tmp_path / "list.txt"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with helper_process([]) as helper:
            assert helper is None
            with alongside(helper, said_pid(out)):
                assert pids(out) == [PARENT]
    finally:
        stop.set()
        other.join()
