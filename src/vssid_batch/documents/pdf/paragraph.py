"""Platypus, the flowing-text layer the cover letter is set in, loaded without its slowest line;
and what the fence reads from a wrapped ``Paragraph``. The letter uses platypus as
``documents.pdf.platypus`` (the letter balances its headings by it).

``reportlab.platypus.paragraph`` compiles at import a case-insensitive URL pattern over most of
Unicode (``uri_pat``): 35–45 ms, a twentieth of a small ``prepare``, for a pattern used only to
break long URLs, which no letter has. The pattern is compiled the first time it is used instead
(``_LazyPattern``); every other pattern compiles as usual. tests/test_reportlab_fence.py checks
that the pattern is still there, still used only through its methods, and that the letter's
bytes do not change.
"""

from __future__ import annotations

import re
import sys
from importlib import import_module
from typing import Any

# The start of reportlab's ``uri_pat`` (platypus/paragraph.py), which names it among all.
URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
_PLATYPUS = "reportlab.platypus"


class _LazyPattern:
    """A compiled pattern that compiles on first use (attribute access: ``match``, ``search``…)."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def _load_platypus() -> None:
    if _PLATYPUS in sys.modules:  # loaded already (by a script, a test): nothing to save
        return
    compile_now = re.compile

    def compile_url_pattern_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and pattern.startswith(URI_PATTERN_START):
            return _LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_url_pattern_later
    try:
        import_module(_PLATYPUS)
    finally:
        re.compile = compile_now


_load_platypus()
from reportlab import platypus  # noqa: E402 - after the loader above, on purpose

__all__ = ["paragraph_lines", "platypus"]


def paragraph_lines(paragraph: Any) -> int:
    """How many lines ``paragraph`` was broken into by its last ``wrap`` (``blPara.lines``:
    reportlab keeps the broken lines there, undocumented)."""
    return len(paragraph.blPara.lines)
