"""``python -m vssid_batch`` and the ``vssid-batch`` command: run the command line."""

from __future__ import annotations

import signal
import sys


def _language(argv: list[str]) -> str:
    """--lang from the raw arguments (they are not parsed yet).

    >>> _language(["validate", "a.xlsx", "--lang", "en"]), _language(["--lang=EN"]), _language([])
    ('en', 'en', 'vi')
    """
    for index, arg in enumerate(argv):
        value = arg[7:] if arg.startswith("--lang=") else (
            argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else "")
        if value.lower() == "en":
            return "en"
    return "vi"


def main() -> None:
    """Load and run the CLI. A Ctrl-C while it is still loading (about a third of a second of
    imports) is held until loading is done, then ends like any other: one line, exit 130."""
    pressed: list[int] = []
    deferring = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if deferring:
        signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    from vssid_batch.cli.app import main as run

    if deferring:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:  # the message's modules load only now: --help stays light
        from vssid_batch.cli.common import fail
        from vssid_batch.cli.exit_codes import ExitCode
        from vssid_batch.messages import Lang, t

        fail(t("interrupted", Lang(_language(sys.argv[1:]))), ExitCode.INTERRUPTED)
        sys.exit(ExitCode.INTERRUPTED)
    run()


if __name__ == "__main__":
    main()
