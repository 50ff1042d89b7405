"""What the fence reads from a wrapped platypus ``Paragraph`` (the cover letter balances its
headings by it)."""

from __future__ import annotations

from typing import Any


def paragraph_lines(paragraph: Any) -> int:
    """How many lines ``paragraph`` was broken into by its last ``wrap`` (``blPara.lines``:
    reportlab keeps the broken lines there, undocumented)."""
    return len(paragraph.blPara.lines)
