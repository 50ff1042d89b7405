"""Imported first by the forkserver (and only there): workers are born ignoring Ctrl-C.

The forkserver ignores SIGINT itself but gives each worker it forks the handlers it found at
start-up; setting SIGINT to "ignore" here, before those are recorded, closes the moment between
a worker's birth and its initializer in which Ctrl-C would print a traceback. The parent alone
decides what a Ctrl-C does (``render.worker_pool``).
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
