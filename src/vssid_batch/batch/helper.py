"""A helper process for a small batch: it reads the config and checks the sheet while this
process loads the drawing code, then writes the list while the forms are drawn.

A small ``prepare`` is mostly start-up, spread over two cores. ``prepare`` forks a helper first
thing. The helper may first answer one question (``first``: for a small sheet, the config and
the checked sheet) and send the answer back, pickled (``answer``), while this process loads the
batch and drawing code; then it warms up (``WARM_UP``: the list's module); then it is handed the
list to write (``alongside``) while this process draws the forms and the letter. The helper is a
fork, so it shares everything already imported, and gets its job as pickled calls through a
pipe (the people to list: a few kB for a small batch).
The letter stays here: loading reportlab and the fonts a second time in the helper
cost more than it saved (benchmarks/README.md).

The files are the bytes this process would write. When the helper cannot do the job or give the
answer (it failed, was killed, or there is no helper: no ``fork`` on Windows, one core, another
thread alive, whose locks a fork would copy), the job or the question runs here, so its error is
raised here as it would have been.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

LIST_WRITER = "vssid_batch.batch.list_xlsx"


@dataclass(frozen=True)
class Call:
    """``module.function(*args, **kwargs)``, named so that sending it imports nothing here: the
    helper loaded ``module`` already. Picklable when its arguments are."""

    module: str
    function: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __call__(self) -> Any:
        return getattr(import_module(self.module), self.function)(*self.args, **self.kwargs)


Job = Sequence[Call]  # done in order
WARM_UP: Job = (Call(LIST_WRITER, "load"),)


def _run(job: Job) -> None:
    for call in job:
        call()


class Helper:
    """A forked process answering its first question (``answer``), then warming up, then
    waiting for one job (``alongside``)."""

    def __init__(self, pid: int, jobs: int, first: Call | None, answers: int | None) -> None:
        self._pid: int | None = pid
        self._jobs: int | None = jobs  # the pipe's writing end: the job, then EOF
        self._first = first
        self._answers = answers  # the reading end: the pickled answer to ``first``, or nothing

    def answer(self, question: Call) -> Any:
        """``question()``, answered by the helper if it was its ``first``; else, or if the
        helper could not answer (it failed: the error is then raised here), asked here."""
        if self._answers is None or question != self._first:
            return question()
        with open(self._answers, "rb", closefd=True) as pipe:
            self._answers = None
            data = pipe.read()
        # From the helper, a fork of this process, through a pipe only the two of them hold.
        return pickle.loads(data) if data else question()

    @contextlib.contextmanager
    def alongside(self, job: Job) -> Iterator[None]:
        """Do ``job`` in the helper while the ``with`` block runs here.

        If the block fails (or Ctrl-C), the helper is stopped before the error goes on, so
        nothing is written after the caller cleans up. If the helper fails, ``job`` is done here
        after the block.
        """
        sent = self._send(job)
        try:
            yield
        except BaseException:
            self.stop()
            raise
        if self._wait() != 0 or not sent:
            _run(job)

    def stop(self) -> None:
        """End the helper now, whatever it is doing (its job is not wanted)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._wait()

    def _send(self, job: Job) -> bool:
        if self._jobs is None:
            return False
        data = pickle.dumps(tuple(job), pickle.HIGHEST_PROTOCOL)
        try:
            with open(self._jobs, "wb", closefd=True) as pipe:
                pipe.write(data)
        except BrokenPipeError:  # the helper is gone already: the job is done here
            return False
        finally:
            self._jobs = None
        return True

    def _wait(self) -> int:
        """The helper's exit status (0: done) once it has ended; -1 if there was none."""
        if self._jobs is not None:  # never given a job: EOF tells it to end
            os.close(self._jobs)
            self._jobs = None
        if self._answers is not None:  # never asked: the answer is not wanted
            os.close(self._answers)
            self._answers = None
        if self._pid is None:
            return -1
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        return os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1


def answer(helper: Helper | None, question: Call) -> Any:
    """``helper.answer(question)``; without a helper, ``question()`` here."""
    return question() if helper is None else helper.answer(question)


@contextlib.contextmanager
def alongside(helper: Helper | None, job: Job) -> Iterator[None]:
    """``helper.alongside(job)``; without a helper, ``job`` is done here before the block."""
    if helper is None:
        _run(job)
        yield
    else:
        with helper.alongside(job):
            yield


@contextlib.contextmanager
def helper_process(warm_up: Job = WARM_UP, *, first: Call | None = None) -> Iterator[Helper | None]:
    """A helper answering ``first`` (if any), then doing ``warm_up``; or None where forking is
    unsafe or would not help.

    However the block ends, the helper has ended too.
    """
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        yield None
        return
    pipes: list[int] = []
    try:
        jobs_in, jobs_out = os.pipe()
        pipes += (jobs_in, jobs_out)
        answers_in, answers_out = os.pipe() if first is not None else (None, None)
        if answers_in is not None and answers_out is not None:
            pipes += (answers_in, answers_out)
            _widen(answers_out)
        pid = os.fork()
    except OSError:  # out of processes or descriptors: the helper was only ever a help
        for pipe in pipes:
            os.close(pipe)
        yield None
        return
    if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
        os.close(jobs_out)
        if answers_in is not None:
            os.close(answers_in)
        _serve(jobs_in, warm_up, first, answers_out)
    os.close(jobs_in)
    if answers_out is not None:
        os.close(answers_out)
    helper = Helper(pid, jobs_out, first, answers_in)
    try:
        yield helper
    finally:
        helper.stop()


def _widen(pipe: int) -> None:
    """Let the pipe hold a small sheet's whole answer (Linux: 64 kB by default, 120 kB for 400
    people), so that the helper goes on warming up without waiting for it to be read."""
    with contextlib.suppress(ImportError, AttributeError, OSError):  # not Linux, over the cap
        import fcntl

        fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, 1 << 20)


def _serve(  # pragma: no cover - runs in the child
    jobs: int, warm_up: Job, first: Call | None, answers: int | None
) -> None:
    """The helper's life: answer ``first``, warm up, read one job (or EOF: none), do it, exit 0
    if it worked.

    Ctrl-C and termination are the parent's to handle: it stops the helper. ``os._exit`` runs
    none of the parent's exit handlers and flushes none of its output, and a failure is only
    signalled (the parent asks or does the job again and reports the error).
    """
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if answers is not None and first is not None:
            _send_answer(answers, first)
        _run(warm_up)
        with open(jobs, "rb", closefd=True) as pipe:
            data = pipe.read()
        if data:  # from the parent, through a pipe only the two of them hold
            _run(pickle.loads(data))
        status = 0
    finally:
        os._exit(status)


def _send_answer(answers: int, first: Call) -> None:  # pragma: no cover - runs in the child
    """The pickled result of ``first``; nothing when it failed, so the parent asks it again
    and raises the error itself."""
    try:
        data = pickle.dumps(first(), pickle.HIGHEST_PROTOCOL)
    except Exception:
        data = b""
    with open(answers, "wb", closefd=True) as pipe:
        pipe.write(data)
