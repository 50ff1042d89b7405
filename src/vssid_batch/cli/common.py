"""What every command shares: consoles, and turning failures into one line and an exit code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

import typer
from rich.console import Console

from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.errors import VssidError
from vssid_batch.messages import Lang, t
from vssid_batch.privacy import for_display
from vssid_batch.sheet.errors import SheetError

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
        yield
    except (VssidError, SheetError) as error:
        raise fail(f"{t('error_prefix', lang)}: {error.message(lang.value)}") from None
    except KeyboardInterrupt:
        raise fail(t("interrupted", lang), ExitCode.INTERRUPTED) from None
    except typer.Exit:
        raise
    except Exception as error:  # a bug: say so in one line, keep details for a debug run
        if os.environ.get("VSSID_DEBUG"):
            raise
        raise fail(t("unexpected", lang, kind=type(error).__name__)) from None


def as_date(value: datetime | None, default: date | None = None) -> date:
    """An option's date, or today: the only place the clock is read."""
    if value is not None:
        return value.date()
    return default or date.today()
