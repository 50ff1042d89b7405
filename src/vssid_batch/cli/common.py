"""What every command shares: consoles, and turning failures into one line and an exit code."""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import typer
from rich.console import Console

from vssid_batch.cli import interrupts
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.errors import VssidError
from vssid_batch.messages import Lang, t
from vssid_batch.privacy import for_display

# Wide enough that tables stay readable when output is piped or captured.
stdout = Console(highlight=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False)


def fail(message: str, code: ExitCode = ExitCode.FAILURE) -> typer.Exit:
    # Paths and quoted cells may hold a personal number or a control character: always shown
    # masked and terminal-safe (the failing command may not know of --show-pii).
    stderr.print(for_display(message), markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def command_errors(lang: Lang) -> Iterator[None]:
    """Known failures → one line on stderr and exit 2; Ctrl-C → 130; never a traceback."""
    try:
        interrupts.deliver()  # from here a Ctrl-C is reported: one held until now comes now
        yield
    except VssidError as error:  # a SheetError too
        raise fail(f"{t('error_prefix', lang)}: {error.message(lang.value)}") from None
    except KeyboardInterrupt:
        # What was cut short (a half-written workbook's generator…) complains as it is
        # collected; after a Ctrl-C that is noise, not one line.
        sys.unraisablehook = lambda unraisable: None
        raise fail(t("interrupted", lang), ExitCode.INTERRUPTED) from None
    except typer.Exit:
        raise
    except OSError as error:  # the disk or the system said no: not a bug, say what and where
        raise fail(f"{t('error_prefix', lang)}: {os_error_message(error, lang)}") from None
    except Exception as error:  # a bug: say so in one line, keep details for a debug run
        if os.environ.get("VSSID_DEBUG"):
            raise
        raise fail(t("unexpected", lang, kind=type(error).__name__)) from None


# Reasons in the clerk's words for the failures a file system gives most (else the OS's text).
_OS_REASONS = {
    errno.ENOSPC: "os_disk_full",
    errno.EACCES: "os_denied",
    errno.EPERM: "os_denied",
    errno.EROFS: "os_read_only",
    errno.ENOENT: "os_missing",
    errno.ENOTDIR: "os_not_folder",
    errno.EISDIR: "os_is_folder",
    errno.ENAMETOOLONG: "os_name_too_long",
}


def os_error_message(error: OSError, lang: Lang) -> str:
    """One line for an OSError: which file, and why.

    >>> os_error_message(OSError(errno.ENOSPC, "No space left on device", "a.pdf"), Lang.en)
    'a.pdf: the disk is full'
    """
    key = _OS_REASONS.get(error.errno or 0)
    reason = t(key, lang) if key else (error.strerror or type(error).__name__)
    where = os.fsdecode(error.filename) if error.filename is not None else None
    return f"{where}: {reason}" if where else reason


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM (a shutdown, ``kill``) stops like Ctrl-C: clean up, one line, exit 130."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (a library caller): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def as_date(value: datetime | None, default: date | None = None) -> date:
    """An option's date, or today: the only place the clock is read."""
    if value is not None:
        return value.date()
    return default or date.today()


def write_starter_file(
    write: Callable[..., Path], path: Path, *, force: bool, lang: Lang, written: str
) -> None:
    """`template` and `init`: write ``path`` with ``write`` (an api function), then say so; a
    file already there without --force is a usage mistake: its remedy, exit 2, no "error:"."""
    from vssid_batch.api import OutputExists  # the api loads with the command, not with --help

    with command_errors(lang):
        try:
            write(path, force=force)
        except OutputExists as error:
            raise fail(t("file_exists", lang, path=error.filename)) from None
    from vssid_batch.cli.render import say

    say(stdout, t(written, lang, path=path))
