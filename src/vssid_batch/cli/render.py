"""Everything the commands print on the terminal, and the one door it goes out by.

Text from the sheet or the disk (names, cells quoted in messages, headers, file and folder names,
statuses the clerk typed) is never interpreted: it reaches rich only as ``Text`` (no markup, no
emoji codes), after ``privacy.for_display`` has removed control characters and masked personal
numbers (unless ``--show-pii``). ``say`` and ``cell`` are that door; nothing here prints a str.

A check report is a table of problems grouped by person, errors before warnings, then a summary
by problem. Past ``LIMIT`` problems only the first ``LIMIT`` (errors first) are listed, unless
``--all``, with a line saying where the rest are.
"""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vssid_batch.messages import Lang, label, render, t
from vssid_batch.models import PersonResult, Problem, Report
from vssid_batch.privacy import for_display
from vssid_batch.reporting import code_counts
from vssid_batch.sheet.errors import column_letter

LIMIT = 50  # problems listed on the terminal before the rest is left to --all / json / annotate
_STYLE = {"error": "red", "warning": "yellow"}


def cell(text: object, show_pii: bool = False, style: str = "") -> Text:
    """Any text as a rich ``Text``: terminal-safe, numbers masked, never read as markup."""
    return Text(for_display(str(text), show_pii), style=style)


def clipped(text: str, limit: int = 60) -> str:
    """A value the clerk typed, cut for the terminal: a pasted paragraph in a status cell must
    not flood the report (JSON keeps it whole).

    >>> clipped("Đã ký"), clipped("x" * 100, 10)
    ('Đã ký', 'xxxxxxxxx…')
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def say(console: Console, text: object, *, show_pii: bool = False, style: str = "") -> None:
    """Print one line (wrapped as rich wraps it) through ``cell``."""
    console.print(cell(text, show_pii, style))


def person_label(row: int, name: str, lang: Lang) -> str:
    """How every list names a person: the Excel row and the name ("dòng 12 · Lê Văn An")."""
    return t("person_label", lang, row=row, name=name)


def _severity_cell(severity: str, lang: Lang) -> Text:
    return Text(t(f"severity_{severity}", lang), style=f"bold {_STYLE[severity]}")


def _column_letters(report: Report) -> dict[str, str]:
    """Header text as written → its Excel letter, for the fields the report located."""
    return {
        report.columns[field]: column_letter(index)
        for field, index in report.column_index.items()
        if field in report.columns
    }


def _column_text(problem: Problem, report: Report, letters: dict[str, str], lang: Lang) -> str:
    if problem.column is None:
        return ""
    field = problem.field
    if (
        field is not None
        and field in report.column_index
        and report.columns.get(field) == problem.column
    ):  # the usual case: its own field
        letter: str | None = column_letter(report.column_index[field])
    else:
        letter = letters.get(problem.column)
    if letter is None:
        return problem.column
    return t("column_label", lang, letter=letter, header=problem.column)


def ordered_problems(report: Report) -> list[tuple[PersonResult, Problem]]:
    """Every (person, problem): all errors, then all warnings; by row, then left to right."""
    where = report.column_index
    last = max(where.values(), default=0) + 1  # a whole-row problem comes after its cells

    def key(item: tuple[int, PersonResult, Problem]) -> tuple[bool, int, int]:
        order, _, problem = item
        column = where.get(problem.field, last) if problem.field else last
        return not problem.is_error, order, column

    items = [
        (order, person, p) for order, person in enumerate(report.people) for p in person.problems
    ]
    return [(person, problem) for _, person, problem in sorted(items, key=key)]


def problems_table(
    report: Report, rows: list[tuple[PersonResult, Problem]], lang: Lang, show_pii: bool
) -> Table:
    table = Table(show_lines=False, header_style="bold", expand=False)
    for key, kwargs in (
        ("col_row", {"justify": "right"}),
        ("col_name", {}),
        ("col_column", {}),
        ("col_severity", {}),
        ("col_problem", {"ratio": 3}),
        ("col_hint", {"ratio": 2}),
    ):
        table.add_column(t(key, lang), **kwargs)
    letters = _column_letters(report)
    previous: tuple[int, bool] | None = None
    for person, problem in rows:
        group = (person.row, problem.is_error)
        first = group != previous
        if first and previous is not None:
            table.add_section()
        previous = group
        message, hint = render(problem, lang, show_pii=show_pii)
        table.add_row(
            cell(person.row if first else ""),
            cell(person.full_name if first else "", show_pii),
            cell(_column_text(problem, report, letters, lang), show_pii),
            _severity_cell(problem.severity.value, lang),
            cell(message, show_pii),
            cell(hint, show_pii, "dim"),
        )
    return table


def counts_table(report: Report, lang: Lang) -> Table:
    """The summary by problem: how often each kind occurs, in words, errors first."""
    table = Table(header_style="bold")
    table.add_column(t("col_severity", lang))
    table.add_column(t("col_problem", lang))
    table.add_column(t("col_count", lang), justify="right")
    for code, severity, count in code_counts(report):
        table.add_row(_severity_cell(severity, lang), cell(label(code, lang)), cell(count))
    return table


def print_hidden_rows(console: Console, report: Report, lang: Lang) -> None:
    """The rows hidden in the workbook, by Excel row with the name: not people unless asked."""
    if report.hidden:
        names = ", ".join(
            person_label(row.row, row.full_name or "—", lang) for row in report.hidden
        )
        say(console, t("hidden_rows", lang, count=len(report.hidden), names=names), style="yellow")


def print_report(
    console: Console,
    report: Report,
    *,
    as_of: date,
    lang: Lang,
    show_pii: bool,
    show_all: bool = False,
) -> None:
    say(
        console,
        t(
            "checking",
            lang,
            file=report.file,
            sheet=report.sheet or "CSV",
            header_row=report.header_row,
            as_of=as_of.strftime("%d/%m/%Y"),
        ),
        show_pii=show_pii,
        style="bold",
    )
    if not report.people:
        say(console, t("no_people", lang), style="yellow")
        return
    rows = ordered_problems(report)
    if rows:
        shown = rows if show_all else rows[:LIMIT]
        console.print(problems_table(report, shown, lang, show_pii))
        console.print(counts_table(report, lang))
        if len(shown) < len(rows):
            summary = report.summary
            say(
                console,
                t(
                    "shown_first",
                    lang,
                    total=len(rows),
                    errors=summary.errors,
                    warnings=summary.warnings,
                    shown=len(shown),
                ),
                style="bold yellow",
            )
            say(console, t("see_the_rest", lang, file=report.file), show_pii=show_pii)
    print_hidden_rows(console, report, lang)
    say(console, t("summary", lang, **report.summary.model_dump()))
    if report.cards is not None:
        say(console, t("cards_summary", lang, **report.cards.model_dump()))
    for notice in report.notices:  # said once for the sheet (e.g. personal numbers as codes)
        say(console, t(f"notice.{notice.code}", lang, **notice.params), show_pii=show_pii)
    if report.has_errors:
        say(console, t("has_errors", lang), style="bold red")
    else:
        say(console, t("all_valid", lang, file=report.file), show_pii=show_pii, style="bold green")
