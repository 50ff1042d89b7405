"""`vssid-batch report`: where a prepared batch stands."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from vssid_batch import api
from vssid_batch.cli import options
from vssid_batch.cli.common import command_errors, stderr, stdout
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.cli.render import cell, clipped, person_label, say
from vssid_batch.messages import Lang, t
from vssid_batch.privacy import for_display_data

MAX_NAMES = 30


def _names(people: list[api.PersonStatus], lang: Lang) -> str:
    shown = ", ".join(person_label(p.row, p.full_name, lang) for p in people[:MAX_NAMES])
    return shown + (f" … (+{len(people) - MAX_NAMES})" if len(people) > MAX_NAMES else "")


def _status_table(status: api.BatchStatus, lang: Lang) -> Table:
    table = Table(header_style="bold")
    table.add_column(t("col_status", lang))
    table.add_column(t("col_people", lang), justify="right")
    table.add_column(t("col_percent", lang), justify="right")
    for count in status.statuses:
        table.add_row(
            cell(clipped(count.status) or t("status_pending", lang)),
            cell(count.count),
            cell(f"{count.percent:g}%"),
        )
    return table


def _department_table(status: api.BatchStatus, lang: Lang) -> Table:
    """People per status in each department: the columns are the statuses anyone has."""
    statuses = list(dict.fromkeys(s for d in status.by_department for s in d.counts))
    table = Table(title=t("report_by_department", lang), header_style="bold")
    table.add_column(t("col_department", lang))
    table.add_column(t("col_people", lang), justify="right")
    for name in statuses:
        table.add_column(cell(clipped(name) or t("status_pending", lang)), justify="right")
    for department in status.by_department:
        table.add_row(
            cell(clipped(department.department) or t("department_none", lang)),
            cell(department.people),
            *(cell(department.counts.get(name) or "") for name in statuses),
        )
    return table


def _print_source(status: api.BatchStatus, lang: Lang) -> None:
    source = status.source
    if not source.checked:
        note = source.error.message(lang) if source.error else source.note
        say(stdout, t("report_source_unchecked", lang, note=note), style="yellow")
        return
    if source.unchanged:
        say(stdout, t("report_source_same", lang))
        return
    lines = [
        (key, people)
        for key, people in (
            ("report_added", source.added),
            ("report_removed", source.removed),
            ("report_changed_people", source.changed),
            ("report_invalid", source.invalid),
        )
        if people
    ]
    for key, people in lines:
        say(stdout, t(key, lang, names=_names(people, lang)), style="yellow")
    if not lines:
        say(stdout, t("report_source_no_change", lang))


def print_photos(status: api.BatchStatus, lang: Lang) -> None:
    """Who still lacks an ID photo, and which files matched nobody (numbers masked)."""
    assert status.photos is not None
    say(stdout, t("photos_summary", lang, both=status.photos.with_both_sides))
    if status.photos.cards is not None:
        say(stdout, t("cards_summary", lang, **status.photos.cards.model_dump()))
    for key, people in (
        ("photos_missing", status.photos_missing),
        ("photos_one_side", status.photos_one_side),
    ):
        if people:
            say(stdout, t(key, lang, names=_names(people, lang)), style="yellow")
    if status.photos.unmatched_files:
        say(
            stdout,
            t("photos_unmatched", lang, files=", ".join(status.photos.unmatched_files)),
            style="yellow",
        )


_TAMPER_REASONS = frozenset(
    {"outside", "symlink", "not_listed", "not_a_sheet", "fifo", "device", "directory", "socket"}
)


def _reason(reason: str, lang: Lang) -> str:
    if reason in _TAMPER_REASONS:
        return t(f"tamper_{reason}", lang)
    return t("tamper_other", lang, reason=reason)


def _list_change(change: api.ListChange, lang: Lang) -> str:
    if change.kind == "changed":
        key = "list_changed_cell" if change.column else "list_changed_row"
    else:
        key = {
            "added": "list_added_row",
            "duplicate": "list_duplicate_row",
            "missing": "list_missing_row",
            "column_missing": "list_column_missing",
            "unreadable": "list_unreadable",
        }[change.kind]
    return t(key, lang, **change.model_dump(), name=change.full_name)


def _alarm(key: str, files: list[str], lang: Lang) -> None:
    """One bold red line naming ``files`` (shown masked already); nothing when there are none."""
    if files:
        say(stdout, t(key, lang, files=", ".join(files)), style="bold red")


def print_integrity(status: api.BatchStatus, lang: Lang) -> None:
    """What the folder holds that the manifest does not vouch for (each on its own line)."""
    if status.manifest_edited:
        say(stdout, t("report_manifest_edited", lang), style="bold red")
    for item in status.tampered:
        say(
            stdout,
            t(
                "report_tampered",
                lang,
                entry=item.entry,
                path=item.path,
                reason=_reason(item.reason, lang),
            ),
            style="bold red",
        )
    _alarm("report_added_files", status.added_files, lang)
    if status.list_changes:
        say(stdout, t("report_list_changes", lang, file=status.list_file), style="bold red")
        for change in status.list_changes[:MAX_NAMES]:
            say(stdout, "  " + _list_change(change, lang))
        if len(status.list_changes) > MAX_NAMES:
            say(stdout, f"  … (+{len(status.list_changes) - MAX_NAMES})")
    for unknown in status.unknown_statuses:
        rows = ", ".join(map(str, unknown.rows[:MAX_NAMES]))
        say(
            stdout,
            t("report_unknown_status", lang, value=clipped(unknown.value), rows=rows),
            style="yellow",
        )


def print_status(status: api.BatchStatus, lang: Lang) -> None:
    say(
        stdout,
        t(
            "report_title",
            lang,
            folder=status.folder,
            employer=status.created_for,
            date=status.date,
        ),
        style="bold",
    )
    say(stdout, t("report_people", lang, people=status.people, skipped=status.skipped))
    if status.form_edition is not None:
        say(
            stdout,
            t(
                "report_edition",
                lang,
                basis=status.form_edition.basis,
                edition=status.form_edition.key,
            ),
        )
    if status.intact:
        say(stdout, t("report_files_ok", lang), style="green")
    _alarm("report_missing", status.missing_files, lang)
    _alarm("report_changed", status.changed_files, lang)
    print_integrity(status, lang)
    stdout.print(_status_table(status, lang))
    if status.by_department:
        stdout.print(_department_table(status, lang))
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
    folder: options.BatchFolder = Path("."),
    output_format: options.OutputFormat = options.Format.table,
    lang: options.Language = Lang.vi,
) -> None:
    """Xem tiến độ bộ hồ sơ: tệp còn nguyên không, ai đã ký, đã nộp, bảng gốc có gì thay đổi."""
    with command_errors(lang):
        status = api.status(folder)
        if output_format is options.Format.json:
            document = {**status.model_dump(mode="json"), "intact": status.intact}
            typer.echo(json.dumps(for_display_data(document), ensure_ascii=False, indent=2))
        else:
            print_status(status, lang)
    if status.list_note:  # the list cannot be read at all: the one thing report could not do
        note = status.list_error.message(lang) if status.list_error else status.list_note
        say(stderr, t("report_list_unreadable", lang, note=note), style="red")
        raise typer.Exit(ExitCode.FAILURE)
    raise typer.Exit(ExitCode.OK if status.intact else ExitCode.DATA_ERRORS)
