"""``python -m vssid_batch`` and the ``vssid-batch`` command: run the command line."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import NoReturn


def _language(argv: list[str]) -> str:
    """--lang from the raw arguments (they are not parsed yet).

    >>> _language(["validate", "a.xlsx", "--lang", "en"]), _language(["--lang=EN"]), _language([])
    ('en', 'en', 'vi')
    """
    for index, arg in enumerate(argv):
        value = (
            arg[7:]
            if arg.startswith("--lang=")
            else (argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else "")
        )
        if value.lower() == "en":
            return "en"
    return "vi"


def main() -> NoReturn:
    """The ``vssid-batch`` command: run the command line, then end the process (``_leave``)."""
    _leave(run())


def run() -> object:
    """Load and run the CLI; return what it gave ``sys.exit``. A Ctrl-C while it is still
    loading or parsing (a third of a second of imports) is held until the command can report
    it: one line, exit 130, no traceback."""
    from vssid_batch import lazy
    from vssid_batch.cli import interrupts

    lazy.pause_garbage_collection()  # until the command is loaded (cli.app)
    interrupts.hold()
    from vssid_batch.cli.app import main as run_cli

    try:
        try:
            run_cli()
        finally:
            if interrupts.pending():  # no command took it: say so here
                from vssid_batch.cli.exit_codes import ExitCode
                from vssid_batch.messages import Lang, t

                print(t("interrupted", Lang(_language(sys.argv[1:]))), file=sys.stderr)
                sys.exit(ExitCode.INTERRUPTED)
    except SystemExit as done:
        return done.code
    return 0


def _leave(code: object) -> NoReturn:
    """End the process with ``sys.exit(code)``'s status, without tearing the interpreter down.

    Freeing every module and object one by one, which the system does at once when the process
    ends, costs a small ``prepare`` 20-30 ms (reportlab, openpyxl's list in the helper and their
    objects, most of them frozen out of the collector's way at start-up). Everything a clean
    exit does that matters still happens: output is flushed and exit handlers run (logging,
    weak-reference finalizers, multiprocessing's). Every file the commands write is closed by
    then.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe, say: nothing more to say
            stream.flush()
    os._exit(status & 0xFF)


if __name__ == "__main__":
    main()
