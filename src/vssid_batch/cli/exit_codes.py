"""Exit statuses of every command (cli.md): data errors and failures to run are kept apart."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # done; the data has no errors (warnings allowed)
    DATA_ERRORS = 1  # the data has errors (validate), or prepare refused because of them
    FAILURE = 2  # could not run: usage, unreadable file, no header, missing column, output exists
    INTERRUPTED = 130  # Ctrl-C
