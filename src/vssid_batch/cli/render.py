"""Printing a check report on the terminal with rich: grouped by person, then a summary."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vssid_batch.messages import Lang, render, t
from vssid_batch.models import PersonResult, Problem, Report
from vssid_batch.reporting import code_counts

_STYLE = {"error": "red", "warning": "yellow"}


def _severity_cell(problem: Problem, lang: Lang) -> Text:
    style = _STYLE[problem.severity.value]
    return Text(t(f"severity_{problem.severity.value}", lang), style=f"bold {style}")


def problems_table(people: list[PersonResult], lang: Lang, show_pii: bool) -> Table:
    table = Table(show_lines=False, header_style="bold", expand=False)
    for key, kwargs in (("col_row", {"justify": "right"}), ("col_name", {}),
                        ("col_column", {}), ("", {}), ("col_problem", {"ratio": 3}),
                        ("col_hint", {"ratio": 2})):
        table.add_column(t(key, lang) if key else "", **kwargs)
    for person in people:
        if not person.problems:
            continue
        for index, problem in enumerate(person.problems):
            message, hint = render(problem, lang, show_pii=show_pii)
            first = index == 0
            table.add_row(str(person.row) if first else "", person.full_name if first else "",
                          problem.column or "", _severity_cell(problem, lang), message,
                          Text(hint, style="dim"))
        table.add_section()
    return table


def counts_table(report: Report, lang: Lang) -> Table:
    table = Table(header_style="bold")
    table.add_column(t("col_code", lang))
    table.add_column("")
    table.add_column(t("col_count", lang), justify="right")
    for code, severity, count in code_counts(report):
        table.add_row(code, Text(t(f"severity_{severity}", lang), style=_STYLE[severity]),
                      str(count))
    return table


def print_hidden_rows(console: Console, report: Report, lang: Lang) -> None:
    """The rows hidden in the workbook, by Excel row with the name: not people unless asked."""
    if report.hidden:
        names = ", ".join(f"{row.full_name or '—'} ({t('row_label', lang, row=row.row)})"
                          for row in report.hidden)
        console.print(t("hidden_rows", lang, count=len(report.hidden), names=names),
                      style="yellow")


def print_report(console: Console, report: Report, *, as_of: date, lang: Lang,
                 show_pii: bool) -> None:
    console.print(t("checking", lang, file=report.file, sheet=report.sheet or "CSV",
                    header_row=report.header_row, as_of=as_of.strftime("%d/%m/%Y")),
                  style="bold")
    if not report.people:
        console.print(t("no_people", lang), style="yellow")
        return
    if report.problems:
        console.print(problems_table(report.people, lang, show_pii))
        console.print(counts_table(report, lang))
    print_hidden_rows(console, report, lang)
    console.print(t("summary", lang, **report.summary.model_dump()))
    if report.cards is not None:
        console.print(t("cards_summary", lang, **report.cards.model_dump()))
    for notice in report.notices:  # said once for the sheet (e.g. personal numbers as codes)
        console.print(t(f"notice.{notice.code}", lang, **notice.params), markup=False)
    if report.has_errors:
        console.print(t("has_errors", lang), style="bold red")
    else:
        console.print(t("all_valid", lang, file=report.file), style="bold green")
