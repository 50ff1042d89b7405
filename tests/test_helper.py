"""batch.helper: a small batch's list and letter are written by a helper forked early, which
loads their libraries while the sheet is checked and writes them while the forms are drawn."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from vssid_batch.batch.helper import Call, alongside, answer, helper_process

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


def whose(size: int = 0) -> tuple[int, bytes]:
    """The question of these tests: which process answers (and ``size`` bytes to carry back)."""
    return os.getpid(), b"x" * size


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + 20
    while not pids(path):
        assert time.monotonic() < deadline, f"nothing written to {path.name}"
        time.sleep(0.01)


def fail_if_child() -> tuple[int, bytes]:
    if os.getpid() != PARENT:
        raise OSError(5, "Input/output error")  # a sheet the helper could not read
    return whose()


@needs_fork
@pytest.mark.parametrize("size", [0, 200_000, 3_000_000])  # in the pipe; over it; over its cap
def test_the_helper_answers_its_first_question_then_warms_up(tmp_path: Path, size: int) -> None:
    warm = tmp_path / "warm.txt"
    question = Call(__name__, "whose", (size,))
    with helper_process(said_pid(warm), first=question) as helper:
        assert helper is not None
        pid, data = answer(helper, question)
        assert len(data) == size
        wait_for(warm)
    assert pid != PARENT and pids(warm) == [pid]  # the helper answered, then warmed up


@needs_fork
def test_a_question_the_helper_could_not_answer_is_asked_here(tmp_path: Path) -> None:
    """Its error, if any, is then raised here, as it would be without a helper."""
    warm = tmp_path / "warm.txt"
    question = Call(__name__, "fail_if_child")
    with helper_process(said_pid(warm), first=question) as helper:
        assert answer(helper, question) == (PARENT, b"")
        wait_for(warm)  # the helper went on warming up
    failing = Call(__name__, "always_fail")
    with (
        pytest.raises(OSError, match="No space left"),
        helper_process([], first=failing) as helper,
    ):
        answer(helper, failing)


@needs_fork
def test_other_questions_and_no_helper_are_answered_here() -> None:
    first, other = Call(__name__, "whose", (1,)), Call(__name__, "whose", (2,))
    with helper_process([], first=first) as helper:
        assert answer(helper, other) == (PARENT, b"xx")
    assert answer(None, first) == (PARENT, b"x")


@needs_fork
def test_a_helper_never_asked_is_stopped_with_the_block(tmp_path: Path) -> None:
    warm = tmp_path / "warm.txt"
    started = time.monotonic()
    with helper_process(
        [*said_pid(warm), Call("time", "sleep", (30,))], first=Call(__name__, "whose")
    ):
        while not pids(warm):
            time.sleep(0.01)
    assert reaped(pids(warm)[0]) and time.monotonic() - started < 20


def test_when_no_process_can_be_forked_the_work_is_done_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process limit reached (a container's pids.max) made fork fail, and with it a small
    prepare (found by the attack pass): the helper is only a help."""

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    out = tmp_path / "list.txt"
    descriptors = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").is_dir() else None
    question = Call(__name__, "whose")
    with helper_process(said_pid(tmp_path / "warm.txt"), first=question) as helper:
        assert helper is None
        assert answer(helper, question) == (PARENT, b"")
        with alongside(helper, said_pid(out)):
            pass
    assert pids(out) == [PARENT]
    if descriptors is not None:  # the pipes made for it are closed again
        assert len(os.listdir("/proc/self/fd")) == descriptors
