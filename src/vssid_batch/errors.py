"""Errors that stop a command (exit code 2): one line, in the clerk's language, no traceback."""

from __future__ import annotations


class VssidError(Exception):
    """A failure the clerk can act on. ``vi``/``en`` are complete one-line messages.

    Never put an ID or phone number into these messages.
    """

    def __init__(self, vi: str, en: str | None = None, *, code: str = "error") -> None:
        super().__init__(vi)
        self.vi = vi
        self.en = en or vi
        self.code = code

    def message(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi
