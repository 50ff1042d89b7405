"""`vssid-batch report`: where a prepared batch stands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from vssid_batch.cli import options
from vssid_batch.cli.common import command_errors, stdout
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.cli.render import cell, person_label, say
from vssid_batch.messages import Lang, t
from vssid_batch.privacy import for_display_data

if TYPE_CHECKING:
    from vssid_batch.batch.status import BatchStatus, PersonStatus

Folder = Annotated[Path, typer.Argument(help="Thư mục hồ sơ do prepare tạo.")]
MAX_NAMES = 30


def _names(people: list[PersonStatus], lang: Lang) -> str:
    shown = ", ".join(person_label(p.row, p.full_name, lang) for p in people[:MAX_NAMES])
    return shown + (f" … (+{len(people) - MAX_NAMES})" if len(people) > MAX_NAMES else "")


def _status_table(status: BatchStatus, lang: Lang) -> Table:
    table = Table(header_style="bold")
    table.add_column(t("col_status", lang))
    table.add_column(t("col_count", lang), justify="right")
    table.add_column(t("col_percent", lang), justify="right")
    for count in status.statuses:
        table.add_row(cell(count.status or t("status_pending", lang)), cell(count.count),
                      cell(f"{count.percent:g}%"))
    return table


def _print_source(status: BatchStatus, lang: Lang) -> None:
    source = status.source
    if not source.checked:
        say(stdout, t("report_source_unchecked", lang, note=source.note), style="yellow")
        return
    if source.unchanged:
        say(stdout, t("report_source_same", lang))
        return
    lines = [(key, people) for key, people in (
        ("report_added", source.added), ("report_removed", source.removed),
        ("report_changed_people", source.changed), ("report_invalid", source.invalid))
        if people]
    for key, people in lines:
        say(stdout, t(key, lang, names=_names(people, lang)), style="yellow")
    if not lines:
        say(stdout, t("report_source_no_change", lang))


def print_photos(status: BatchStatus, lang: Lang) -> None:
    """Who still lacks an ID photo, and which files matched nobody (numbers masked)."""
    assert status.photos is not None
    say(stdout, t("photos_summary", lang, both=status.photos.with_both_sides))
    if status.photos.cards is not None:
        say(stdout, t("cards_summary", lang, **status.photos.cards.model_dump()))
    for key, people in (("photos_missing", status.photos_missing),
                        ("photos_one_side", status.photos_one_side)):
        if people:
            say(stdout, t(key, lang, names=_names(people, lang)), style="yellow")
    if status.photos.unmatched_files:
        say(stdout, t("photos_unmatched", lang, files=", ".join(status.photos.unmatched_files)),
            style="yellow")


def print_status(status: BatchStatus, lang: Lang) -> None:
    say(stdout, t("report_title", lang, folder=status.folder, employer=status.created_for,
                   date=status.date), style="bold")
    say(stdout, t("report_people", lang, people=status.people, skipped=status.skipped))
    if status.intact:
        say(stdout, t("report_files_ok", lang), style="green")
    if status.missing_files:
        say(stdout, t("report_missing", lang, files=", ".join(status.missing_files)),
            style="bold red")
    if status.changed_files:
        say(stdout, t("report_changed", lang, files=", ".join(status.changed_files)),
            style="bold red")
    stdout.print(_status_table(status, lang))
    if status.list_note:
        say(stdout, t("report_list_unreadable", lang, note=status.list_note), style="yellow")
    if status.pending:
        say(stdout, t("report_pending", lang, count=len(status.pending)))
        say(stdout, "  " + _names(status.pending, lang))
    _print_source(status, lang)
    if status.photos is not None:
        print_photos(status, lang)
    if status.checklist:
        say(stdout, t("next_steps", lang, file=status.checklist_file), style="bold")
        for line in status.checklist:
            say(stdout, f"  {line}")


def report(
    folder: Folder = Path("."),
    output_format: options.OutputFormat = options.Format.table,
    lang: options.Language = Lang.vi,
) -> None:
    """Xem tiến độ bộ hồ sơ: tệp còn nguyên không, ai đã ký, đã nộp, bảng gốc có gì thay đổi."""
    from vssid_batch.batch.status import batch_status  # reads xlsx: load only when run

    with command_errors(lang):
        status = batch_status(folder)
        if output_format is options.Format.json:
            document = {**status.model_dump(mode="json"), "intact": status.intact}
            typer.echo(json.dumps(for_display_data(document), ensure_ascii=False, indent=2))
        else:
            print_status(status, lang)
    raise typer.Exit(ExitCode.OK if status.intact else ExitCode.DATA_ERRORS)
