"""A check ``Report`` as the JSON document of cli.md, and per-code counts for summaries."""

from __future__ import annotations

from collections import Counter
from typing import Any

from vssid_batch.messages import Lang, render, t
from vssid_batch.models import Problem, Report
from vssid_batch.privacy import for_display_data


def problem_dict(problem: Problem, lang: Lang, show_pii: bool) -> dict[str, Any]:
    message, hint = render(problem, lang, show_pii=show_pii)
    return {
        "row": problem.row,
        "column": problem.column,
        "field": problem.field.value if problem.field else None,
        "code": problem.code,
        "severity": problem.severity.value,
        "message": message,
        "hint": hint,
    }


def report_dict(report: Report, lang: Lang = Lang.vi, *, show_pii: bool = False) -> dict[str, Any]:
    """The ``validate --format json`` document of cli.md, every string as ``for_display`` shows it.

    File, sheet and column names come from the clerk and the sheet, and messages quote cells:
    each may hold a personal number or a control character, so every field is passed through.
    """
    document = {
        "file": report.file,
        "sheet": report.sheet,
        "header_row": report.header_row,
        "summary": report.summary.model_dump(exclude_none=True),  # "cards" only with --photos
        "problems": [problem_dict(p, lang, show_pii) for p in report.problems],
        # Said once for the whole sheet, not per row (e.g. personal numbers used as BHXH codes).
        "notices": [
            {"code": n.code, "message": t(f"notice.{n.code}", lang, **n.params)}
            for n in report.notices
        ],
    }
    shown: dict[str, Any] = for_display_data(document, show_pii)  # type: ignore[assignment]
    return shown


def code_counts(report: Report) -> list[tuple[str, str, int]]:
    """(code, severity, count), most frequent first, errors before warnings."""
    counts = Counter((p.code, p.severity.value) for p in report.problems)
    return sorted(
        ((c, s, n) for (c, s), n in counts.items()),
        key=lambda item: (item[1] != "error", -item[2], item[0]),
    )
