"""``python -m vssid_batch`` and the ``vssid-batch`` command: run the command line."""

from __future__ import annotations

import sys


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


def main() -> None:
    """Load and run the CLI. A Ctrl-C while it is still loading or parsing (a third of a second
    of imports) is held until the command can report it: one line, exit 130, no traceback."""
    from vssid_batch import lazy
    from vssid_batch.cli import interrupts

    lazy.pause_garbage_collection()  # until the command is loaded (cli.app)
    interrupts.hold()
    from vssid_batch.cli.app import main as run

    try:
        run()
    finally:
        if interrupts.pending():  # no command took it: say so here
            from vssid_batch.cli.exit_codes import ExitCode
            from vssid_batch.messages import Lang, t

            print(t("interrupted", Lang(_language(sys.argv[1:]))), file=sys.stderr)
            sys.exit(ExitCode.INTERRUPTED)


if __name__ == "__main__":
    main()
