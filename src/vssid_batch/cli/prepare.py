"""`vssid-batch prepare`: validate, then write the complete submission folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vssid_batch.api import check_sheet
from vssid_batch.batch.naming import CHECKLIST, default_output_folder
from vssid_batch.cli import options
from vssid_batch.cli.common import as_date, command_errors, stderr, stdout, stop_on_sigterm
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.cli.render import person_label, print_hidden_rows, print_report, say
from vssid_batch.config import find_config, load_unit
from vssid_batch.lazy import import_openpyxl_without_numpy
from vssid_batch.messages import Lang, label, render, t
from vssid_batch.models import Problem, Report

if TYPE_CHECKING:
    from vssid_batch.batch.prepare import PrepareResult

Out = Annotated[
    Path | None, typer.Option("--out", help="Thư mục hồ sơ (mặc định ./vssid-batch-<tên bảng>).")
]
Config = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Tệp thông tin đơn vị (mặc định unit.toml cạnh bảng hoặc ở thư mục này)."
    ),
]
DocumentDate = Annotated[
    datetime | None,
    typer.Option(
        "--date", formats=["%Y-%m-%d"], help="Ngày ghi trên giấy tờ (YYYY-MM-DD; mặc định hôm nay)."
    ),
]
SkipInvalid = Annotated[
    bool, typer.Option("--skip-invalid", help="Lập hồ sơ cho người hợp lệ, bỏ qua người có lỗi.")
]
Force = Annotated[
    bool, typer.Option("--force", help="Thay thư mục hồ sơ đã có (chỉ khi bộ mới đã ghi xong).")
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        help="Số tiến trình tạo PDF (mặc định: 1 với bảng nhỏ, số nhân CPU với bảng lớn).",
    ),
]
BlankDates = Annotated[
    bool,
    typer.Option(
        "--blank-dates", help="Để trống ngày tháng trên tờ khai để người lao động tự ghi."
    ),
]


@contextmanager
def _progress_bar(
    total: int, lang: Lang, label: str = "prepare_progress"
) -> Iterator[Callable[[int], None]]:
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
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(t(label, lang), total=total)
        yield lambda n: bar.advance(task, n)


def _print_summary(
    result: PrepareResult,
    report: Report,
    warnings: int,
    lang: Lang,
    show_pii: bool,
    card_warnings: list[Problem],
) -> None:
    """What was made, who was left out and why, photo problems: each person by row and name."""
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
    if warnings:
        say(stdout, t("prepare_warnings", lang, count=warnings))
    photos = result.manifest.photos
    if photos is not None and photos.cards is not None:
        say(stdout, t("cards_summary", lang, **photos.cards.model_dump()))
    # The photo warnings, and what the card check warned about the people prepared, by row.
    listed = sorted([*result.warnings, *card_warnings], key=lambda problem: problem.row)
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
        t("next_steps", lang, file=result.folder / CHECKLIST),
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
    force: Force = False,
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
    target = out or default_output_folder(sheet)
    # Everything, imports and the summary included, inside command_errors: a Ctrl-C at any
    # moment ends with one line and exit 130, never a traceback.
    with command_errors(lang), stop_on_sigterm():
        # PDF, image and spreadsheet writers load only when this command runs.
        import_openpyxl_without_numpy()
        from vssid_batch.batch.folder import check_target
        from vssid_batch.batch.prepare import DataErrors, SourceSheet, prepare_batch
        from vssid_batch.batch.render import start_workers

        config_path = find_config(config, sheet)
        protected = [sheet, config_path, *([photos] if photos else [])]
        check_target(target, force=force, protected=protected)  # before minutes of checking
        unit = load_unit(config_path)
        if (jobs or 1) > 1:  # unasked, a small batch is drawn in this process (worker_count)
            start_workers()  # the workers' imports overlap reading and checking the sheet
        report = check_sheet(
            sheet,
            sheet=sheet_name,
            header_row=header_row,
            column_map=column_map or [],
            as_of=day,
            include_hidden=include_hidden,
        )
        source = SourceSheet(sheet, sheet_name, header_row, list(column_map or []), include_hidden)
        if photos is not None:  # card errors refuse people like any other error
            from vssid_batch.batch.cards import check_card_photos

            with _progress_bar(len(report.employees), lang, "cards_progress") as progress:
                check_card_photos(
                    report, photos, jobs=jobs or os.cpu_count() or 1, progress=progress
                )
        try:
            with _progress_bar(len(report.employees), lang) as progress:
                result = prepare_batch(
                    report,
                    unit,
                    source=source,
                    out=target,
                    on=day,
                    force=force,
                    skip_invalid=skip_invalid,
                    jobs=jobs,
                    photos=photos,
                    blank_dates=blank_dates,
                    progress=progress,
                    protected=[config_path],
                )
        except DataErrors:
            print_report(stdout, report, as_of=day, lang=lang, show_pii=show_pii, show_all=show_all)
            key = "prepare_nobody" if not report.has_errors else "prepare_refused"
            say(stderr, t(key, lang), style="bold red")
            raise typer.Exit(ExitCode.DATA_ERRORS) from None
        warnings = sum(
            1
            for person in report.people
            if person.employee is not None
            for p in person.problems
            if not p.is_error
        )
        card_warnings = [
            p
            for person in report.people
            if person.employee is not None
            for p in person.problems
            if p.code.startswith(("card.", "photo."))
        ]
        _print_summary(result, report, warnings, lang, show_pii, card_warnings)
        print_hidden_rows(stdout, report, lang)  # who was left out because their row is hidden
