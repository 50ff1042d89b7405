"""`vssid-batch prepare`: validate, then write the complete submission folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from vssid_batch.api import check_sheet
from vssid_batch.batch.naming import CHECKLIST, default_output_folder
from vssid_batch.cli import options
from vssid_batch.cli.common import as_date, command_errors, stderr, stdout
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.cli.render import print_report
from vssid_batch.config import find_config, load_unit
from vssid_batch.lazy import import_openpyxl_without_numpy
from vssid_batch.messages import Lang, render, t

if TYPE_CHECKING:
    from vssid_batch.batch.prepare import PrepareResult

Out = Annotated[Path | None, typer.Option(
    "--out", help="Thư mục hồ sơ (mặc định ./vssid-batch-<tên bảng>).")]
Config = Annotated[Path | None, typer.Option(
    "--config", help="Tệp thông tin đơn vị (mặc định unit.toml cạnh bảng hoặc ở thư mục này).")]
Photos = Annotated[Path | None, typer.Option(
    "--photos", help="Thư mục ảnh CCCD hai mặt; tên tệp theo số CCCD, mã NV hoặc dòng.")]
DocumentDate = Annotated[datetime | None, typer.Option(
    "--date", formats=["%Y-%m-%d"], help="Ngày ghi trên giấy tờ (YYYY-MM-DD; mặc định hôm nay).")]
SkipInvalid = Annotated[bool, typer.Option(
    "--skip-invalid", help="Lập hồ sơ cho người hợp lệ, bỏ qua người có lỗi.")]
Force = Annotated[bool, typer.Option(
    "--force", help="Thay thư mục hồ sơ đã có (chỉ khi bộ mới đã ghi xong).")]
Jobs = Annotated[int | None, typer.Option(
    "--jobs", min=1,
    help="Số tiến trình tạo PDF (mặc định: 1 với bảng nhỏ, số nhân CPU với bảng lớn).")]
BlankDates = Annotated[bool, typer.Option(
    "--blank-dates", help="Để trống ngày tháng trên tờ khai để người lao động tự ghi.")]


@contextmanager
def _progress_bar(total: int, lang: Lang) -> Iterator[Callable[[int], None]]:
    """A bar on the terminal; nothing at all when output is piped or captured."""
    if not stderr.is_terminal:
        yield lambda n: None
        return
    columns = (*Progress.get_default_columns()[:2], BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(t("prepare_progress", lang), total=total)
        yield lambda n: bar.advance(task, n)


def _print_summary(result: PrepareResult, warnings: int, lang: Lang, show_pii: bool) -> None:
    stdout.print(t("prepare_done", lang, people=result.prepared,
                   folder=result.folder), style="bold green")
    if result.skipped:
        stdout.print(t("prepare_skipped", lang, count=len(result.skipped)), style="yellow")
        for person in result.skipped:
            codes = ", ".join(sorted({p.code for p in person.problems if p.is_error}))
            stdout.print(f"  {person.row}: {person.full_name} — {codes}", markup=False)
    if warnings:
        stdout.print(t("prepare_warnings", lang, count=warnings))
    if result.warnings:
        stdout.print(t("photo_warnings", lang, count=len(result.warnings)), style="yellow")
        for problem in result.warnings:
            stdout.print(f"  {problem.row}: {render(problem, lang, show_pii=show_pii)[0]}",
                         markup=False)
    photos = result.manifest.photos
    if photos is not None and photos.unmatched_files:
        stdout.print(t("photos_unmatched", lang, files=", ".join(photos.unmatched_files)),
                     style="yellow", markup=False)
    stdout.print(t("next_steps", lang, file=result.folder / CHECKLIST), style="bold")
    for number, step in enumerate(result.checklist, start=1):
        stdout.print(f"  {number}. {step}", markup=False)


def prepare(
    sheet: options.SheetPath,
    out: Out = None,
    config: Config = None,
    photos: Photos = None,
    document_date: DocumentDate = None,
    skip_invalid: SkipInvalid = False,
    force: Force = False,
    jobs: Jobs = None,
    blank_dates: BlankDates = False,
    sheet_name: options.SheetName = None,
    header_row: options.HeaderRow = None,
    column_map: options.ColumnMap = None,
    lang: options.Language = Lang.vi,
    show_pii: options.ShowPii = False,
) -> None:
    """Kiểm tra bảng rồi lập bộ hồ sơ: tờ khai Mẫu 01, tệp in, danh sách, công văn, manifest."""
    # PDF, image and spreadsheet writers load only when this command runs.
    import_openpyxl_without_numpy()
    from vssid_batch.batch.prepare import DataErrors, SourceSheet, prepare_batch
    from vssid_batch.batch.render import start_workers

    day = as_date(document_date)
    target = out or default_output_folder(sheet)
    with command_errors(lang):
        unit = load_unit(find_config(config, sheet))
        if (jobs or 1) > 1:  # unasked, a small batch is drawn in this process (worker_count)
            start_workers()  # the workers' imports overlap reading and checking the sheet
        report = check_sheet(sheet, sheet=sheet_name, header_row=header_row,
                             column_map=column_map or [], as_of=day)
        source = SourceSheet(sheet, sheet_name, header_row, list(column_map or []))
        try:
            with _progress_bar(len(report.employees), lang) as progress:
                result = prepare_batch(
                    report, unit, source=source, out=target, on=day, force=force,
                    skip_invalid=skip_invalid, jobs=jobs,
                    photos=photos, blank_dates=blank_dates, progress=progress)
        except DataErrors:
            print_report(stdout, report, as_of=day, lang=lang, show_pii=show_pii)
            key = "prepare_nobody" if not report.has_errors else "prepare_refused"
            stderr.print(t(key, lang), style="bold red")
            raise typer.Exit(ExitCode.DATA_ERRORS) from None
        warnings = sum(1 for person in report.people if person.employee is not None
                       for p in person.problems if not p.is_error)
        _print_summary(result, warnings, lang, show_pii)
