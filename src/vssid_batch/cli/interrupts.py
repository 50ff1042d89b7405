"""A Ctrl-C that comes before a command can report it is held, then delivered where it can.

From the process start to the moment a command's error handling (``cli.common.command_errors``)
is in place, Python's own handler would raise ``KeyboardInterrupt`` in the middle of an import or
of Typer's parsing: a traceback. Until then the signal is only remembered.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

_pressed: list[int] = []


def _remember(signum: int, frame: FrameType | None) -> None:
    _pressed.append(signum)


def hold() -> None:
    """Remember Ctrl-C instead of raising it (only over Python's default handler)."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _remember)


def deliver() -> None:
    """Python's handler again, and a Ctrl-C held meanwhile raised now, where it is reported."""
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is _remember
    ):
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if _pressed:
        _pressed.clear()
        raise KeyboardInterrupt


def pending() -> bool:
    """A Ctrl-C came and no command took it (``--help``, a usage error, a command that ended)."""
    return bool(_pressed)
