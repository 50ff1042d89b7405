"""Imported first by the forkserver (and only there): workers are born ignoring Ctrl-C.

The forkserver ignores SIGINT itself but gives each worker it forks the handlers it found at
start-up; setting SIGINT to "ignore" here, before those are recorded, closes the moment between
a worker's birth and its initializer in which Ctrl-C would print a traceback. The parent alone
decides what a Ctrl-C does (``render.worker_pool``).

A worker that is being born as its parent stops (Ctrl-C, kill) finds the parent's pipes and
semaphores gone; the forkserver reports that through ``sys.excepthook``. That is no bug, so it
is not printed.
"""

from __future__ import annotations

import signal
import sys
from types import TracebackType


def _quiet_when_orphaned(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    if issubclass(kind, (OSError, EOFError)):
        return  # the parent went away while handing over the work
    sys.__excepthook__(kind, error, trace)


signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.excepthook = _quiet_when_orphaned
