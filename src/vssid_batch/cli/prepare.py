"""`vssid-batch prepare`: validate, then write the complete submission folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import NoReturn

import typer

from vssid_batch import api
from vssid_batch.cli import options
from vssid_batch.cli.common import as_date, command_errors, stderr, stdout, stop_on_sigterm
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.cli.options import (  # this command's own options
    BlankDates,
    Config,
    DocumentDate,
    Jobs,
    Out,
    ReplaceFolder,
    SkipInvalid,
)
from vssid_batch.cli.render import person_label, print_hidden_rows, print_report, say
from vssid_batch.messages import Lang, label, render, t
from vssid_batch.models import Report

_STAGE_LABELS = {"cards": "cards_progress", "forms": "prepare_progress"}


@contextmanager
def _progress_bar(stage: api.Stage, total: int, *, lang: Lang) -> Iterator[Callable[[int], None]]:
    """A bar on the terminal; nothing at all when output is piped or captured."""
    if not stderr.is_terminal:
        yield lambda n: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        *Progress.get_default_columns()[:2],
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    # Redrawn as work is done, not by a refresh thread: with no other thread alive, a small
    # batch may fork to write its list while the forms are drawn (api.prepare).
    with Progress(*columns, console=stderr, transient=True, auto_refresh=False) as bar:
        task = bar.add_task(t(_STAGE_LABELS[stage], lang), total=total)
        bar.refresh()

        def advance(n: int) -> None:
            bar.advance(task, n)
            bar.refresh()

        yield advance


def _print_summary(done: api.Prepared, lang: Lang, show_pii: bool) -> None:
    """What was made, who was left out and why, photo problems: each person by row and name."""
    result, report = done.batch, done.report
    names = {person.row: person.full_name for person in report.people}
    say(
        stdout,
        t("prepare_done", lang, people=result.prepared, folder=result.folder),
        show_pii=show_pii,
        style="bold green",
    )
    if result.skipped:
        say(stdout, t("prepare_skipped", lang, count=len(result.skipped)), style="yellow")
        for person in result.skipped:
            codes = sorted({p.code for p in person.problems if p.is_error})
            say(
                stdout,
                f"  {person_label(person.row, person.full_name, lang)} — "
                + "; ".join(label(code, lang) for code in codes),
                show_pii=show_pii,
            )
    if done.warnings:
        say(stdout, t("prepare_warnings", lang, count=done.warnings))
    photos = result.manifest.photos
    if photos is not None and photos.cards is not None:
        say(stdout, t("cards_summary", lang, **photos.cards.model_dump()))
    # The photo warnings, and what the card check warned about the people prepared, by row.
    listed = sorted([*result.warnings, *done.card_warnings], key=lambda problem: problem.row)
    if listed:
        say(stdout, t("photo_warnings", lang, count=len(listed)), style="yellow")
        for problem in listed:
            who = person_label(problem.row, names.get(problem.row, ""), lang)
            say(
                stdout, f"  {who}: {render(problem, lang, show_pii=show_pii)[0]}", show_pii=show_pii
            )
    if photos is not None and photos.unmatched_files:
        say(
            stdout,
            t("photos_unmatched", lang, files=", ".join(photos.unmatched_files)),
            show_pii=show_pii,
            style="yellow",
        )
    for notice in result.notices:  # once for the batch: rules in force on the document date
        say(
            stdout,
            t(f"notice.{notice.code}", lang, **notice.params),
            show_pii=show_pii,
            style="yellow",
        )
    say(
        stdout,
        t("next_steps", lang, file=result.checklist_file),
        show_pii=show_pii,
        style="bold",
    )
    for number, step in enumerate(result.checklist.steps(lang), start=1):
        say(stdout, f"  {number}. {step}", show_pii=show_pii)


def prepare(
    sheet: options.SheetPath,
    out: Out = None,
    config: Config = None,
    photos: options.Photos = None,
    document_date: DocumentDate = None,
    skip_invalid: SkipInvalid = False,
    force: ReplaceFolder = False,
    jobs: Jobs = None,
    blank_dates: BlankDates = False,
    sheet_name: options.SheetName = None,
    header_row: options.HeaderRow = None,
    column_map: options.ColumnMap = None,
    include_hidden: options.IncludeHidden = False,
    lang: options.Language = Lang.vi,
    show_pii: options.ShowPii = False,
    show_all: options.ShowAll = False,
) -> None:
    """Kiểm tra bảng rồi lập bộ hồ sơ: tờ khai Mẫu 01, tệp in, danh sách, công văn, manifest."""
    day = as_date(document_date)
    # Everything, imports and the summary included, inside command_errors: a Ctrl-C at any
    # moment ends with one line and exit 130, never a traceback.
    with command_errors(lang), stop_on_sigterm():
        try:
            done = api.prepare(
                sheet,
                out=out,
                on=day,
                config=config,
                photos=photos,
                skip_invalid=skip_invalid,
                force=force,
                jobs=jobs,
                blank_dates=blank_dates,
                sheet=sheet_name,
                header_row=header_row,
                column_map=column_map or [],
                include_hidden=include_hidden,
                progress=partial(_progress_bar, lang=lang),
            )
        except api.DataErrors as refused:
            _refuse(refused.report, day, lang, show_pii, show_all)
        try:
            _print_summary(done, lang, show_pii)
            print_hidden_rows(stdout, done.report, lang)  # left out: their rows are hidden
        except KeyboardInterrupt:  # the folder is complete: only the summary was cut short
            say(stderr, t("interrupted_after_done", lang, folder=done.folder), style="bold")


def _refuse(report: Report, day: date, lang: Lang, show_pii: bool, show_all: bool) -> NoReturn:
    """The sheet has errors (or nobody to prepare): the report, one line why, exit 1."""
    print_report(stdout, report, as_of=day, lang=lang, show_pii=show_pii, show_all=show_all)
    key = "prepare_nobody" if not report.has_errors else "prepare_refused"
    say(stderr, t(key, lang), style="bold red")
    raise typer.Exit(ExitCode.DATA_ERRORS) from None
