"""Where a prepared batch stands: files intact, source sheet changes, and the clerk's progress.

``batch_status`` reads a folder made by ``prepare``: it checks every file against the SHA-256 in
the manifest, re-reads the source sheet (when it is still there and has changed) to show people
added, removed or changed since, and reads the "Trạng thái" column the clerk fills in the list.

The manifest is not trusted: it is a JSON file anyone can edit. Every path it gives is opened
inside the folder only, never through a symbolic link, and only if it is a regular file (a FIFO
would block, /dev/zero never ends); anything else is *tampering*. Files in the folder that the
manifest does not list are reported, and so is every symbolic link. danh-sach.xlsx, which the
clerk edits, is compared cell by cell with fingerprints the manifest keeps of each person's row,
except in the columns the clerk is meant to fill.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vssid_batch.batch import naming
from vssid_batch.batch.danh_sach import (
    DEPARTMENT,
    LIST_STATUS_HEADER,
    STATUS_CHOICES,
    ListSheet,
    canonical_status,
    cell_digest,
    read_list,
    status_key,
)
from vssid_batch.batch.manifest import (
    FormEdition,
    Manifest,
    PhotoSummary,
    Source,
    Tampered,
    fingerprint,
    open_listed,
    path_parts,
    person_key,
    read_sealed_manifest,
    sha256_handle,
)
from vssid_batch.errors import VssidError
from vssid_batch.files import NotRegularFile, file_kind, open_regular, read_limited
from vssid_batch.models import Report, empty_list
from vssid_batch.privacy import for_display
from vssid_batch.rules.names import normalize
from vssid_batch.text import sort_key

PENDING = ""  # no status written yet

Recheck = Callable[[Path, Source, date], Report]
"""Check the source sheet at a path again, read as ``Source`` says, as of a date (``api.status``
passes ``api.validate``: checking a sheet is not this module's business)."""


class PersonStatus(BaseModel):
    stt: int
    row: int
    full_name: str
    status: str
    department: str = ""  # the list's "Phòng ban" cell ("" when the list has no such column)


class DepartmentStatus(BaseModel):
    """How far one department has got: people per status (a clerk hands forms out by team)."""

    department: str  # "" = people with no department written
    people: int
    counts: dict[str, int]  # status ("" = not started) -> people, in the list's workflow order


class StatusCount(BaseModel):
    status: str  # "" = not started
    count: int
    percent: float


class SourceChanges(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)  # error: worded on output

    checked: bool  # False when the sheet is gone or unreadable
    unchanged: bool = False  # same bytes as when prepared
    note: str | None = None  # in Vietnamese for the JSON report; the terminal words ``error``
    error: VssidError | None = Field(default=None, exclude=True)
    added: list[PersonStatus] = Field(default_factory=empty_list)  # valid now, not in the batch
    removed: list[PersonStatus] = Field(default_factory=empty_list)  # in the batch, gone from sheet
    changed: list[PersonStatus] = Field(default_factory=empty_list)  # printed details differ
    invalid: list[PersonStatus] = Field(default_factory=empty_list)  # in the batch, now has errors


class Tampering(BaseModel):
    """A path ``report`` would not follow, or found where it should not be."""

    entry: str  # where: "files", "documents.checklist", "people[3].form", "folder", "source.path"
    path: str  # as shown: control characters replaced, long digit runs masked
    reason: str  # outside, symlink, not_listed, not_a_sheet, fifo, device, directory, …


ListChangeKind = Literal["changed", "added", "missing", "duplicate", "column_missing", "unreadable"]


class ListChange(BaseModel):
    """A difference between danh-sach.xlsx and the people the manifest lists."""

    kind: ListChangeKind
    row: int | None = None  # the list's row as Excel shows it
    column: str | None = None  # header text
    letter: str | None = None  # Excel column letter
    stt: int | None = None
    full_name: str | None = None  # as prepared (the manifest's)
    value: str | None = None  # what the cell holds now, long numbers masked


class UnknownStatus(BaseModel):
    value: str  # as the clerk typed it (first spelling met)
    rows: list[int]  # rows of danh-sach.xlsx


class BatchStatus(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)  # list_error: worded on output

    folder: str
    created_for: str
    date: str
    people: int
    skipped: int
    missing_files: list[str] = Field(default_factory=empty_list)
    changed_files: list[str] = Field(default_factory=empty_list)
    statuses: list[StatusCount] = Field(default_factory=empty_list)
    pending: list[PersonStatus] = Field(default_factory=empty_list)
    source: SourceChanges
    list_note: str | None = None  # as ``SourceChanges.note``
    list_error: VssidError | None = Field(default=None, exclude=True)
    photos: PhotoSummary | None = None  # with --photos: counts and unmatched files
    photos_missing: list[PersonStatus] = Field(default_factory=empty_list)
    photos_one_side: list[PersonStatus] = Field(default_factory=empty_list)
    checklist_file: str | None = None
    checklist: list[str] = Field(default_factory=empty_list)  # what the clerk still has to do
    tampered: list[Tampering] = Field(default_factory=empty_list)
    added_files: list[str] = Field(default_factory=empty_list)  # in the folder, not in the manifest
    list_checked: bool = False  # danh-sach.xlsx compared cell by cell with the manifest
    list_changes: list[ListChange] = Field(default_factory=empty_list)
    unknown_statuses: list[UnknownStatus] = Field(default_factory=empty_list)
    form_edition: FormEdition | None = None  # the Mẫu 01 wording (None: an older manifest)
    by_department: list[DepartmentStatus] = Field(
        default_factory=empty_list
    )  # when the list has them
    # manifest.json's seal does not hold: edited by hand since prepare wrote it (what it says
    # of people, the date and the employer is not what was prepared).
    manifest_edited: bool = False

    @property
    def list_file(self) -> str:
        """The list the clerk fills in (danh-sach.xlsx), as prepare names it."""
        return naming.LIST_XLSX

    @property
    def intact(self) -> bool:
        return not (
            self.manifest_edited
            or self.missing_files
            or self.changed_files
            or self.tampered
            or self.added_files
            or self.list_changes
        )


_MAX_LISTED = 1_000  # entries kept per kind of finding: enough to act on, bounded
_MAX_CHECKLIST_BYTES = 1 << 20
_SHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv", ".txt"})


class _Findings:
    """Tampering found on the way, one entry per path."""

    def __init__(self) -> None:
        self.by_path: dict[str, Tampering] = {}

    def add(self, entry: str, path: str, reason: str) -> None:
        if path not in self.by_path and len(self.by_path) < _MAX_LISTED:
            self.by_path[path] = Tampering(entry=entry, path=for_display(path), reason=reason)

    def listed_path(self, entry: str, path: str | None, manifest: Manifest) -> str | None:
        """``path`` if the manifest lists it among its files and it stays in the folder."""
        if path is None:
            return None
        try:
            path_parts(path)
        except Tampered as error:
            self.add(entry, path, error.reason)
            return None
        if path not in manifest.files:
            self.add(entry, path, "not_listed")
            return None
        return path


def _file_problems(
    folder: Path, manifest: Manifest, findings: _Findings
) -> tuple[list[str], list[str]]:
    missing, changed = [], []
    for relative, expected in manifest.files.items():
        try:
            with open_listed(folder, relative) as handle:
                if relative == manifest.documents.list_xlsx:
                    continue  # the clerk fills in some columns: checked cell by cell instead
                if sha256_handle(handle) != expected:
                    changed.append(for_display(relative))
        except Tampered as error:
            findings.add("files", relative, error.reason)
        except FileNotFoundError:
            missing.append(for_display(relative))
        except OSError as error:  # unreadable: not as prepared
            findings.add("files", relative, type(error).__name__)
    return missing, changed


def _check_entries(manifest: Manifest, findings: _Findings) -> None:
    """Every path the manifest names must be one of its files, inside the folder."""
    for name, path in manifest.documents.model_dump().items():
        findings.listed_path(f"documents.{name}", path, manifest)
    for index, person in enumerate(manifest.people):
        findings.listed_path(f"people[{index}].form", person.form, manifest)
        findings.listed_path(f"people[{index}].photocopy", person.photocopy, manifest)


def _walk(folder: Path, manifest: Manifest, findings: _Findings) -> list[str]:
    """Files the manifest does not list (folders too, when nothing listed is in them);
    symbolic links and special files go to ``findings``. Links are never followed."""
    listed = set(manifest.files) | {naming.MANIFEST}
    folders = {"/".join(p.split("/")[:i]) for p in listed for i in range(1, p.count("/") + 1)}
    added: list[str] = []
    for relative, entry in _entries(folder):
        if entry.is_symlink():
            findings.add("folder", relative, "symlink")
        elif entry.is_dir(follow_symlinks=False):
            if relative not in folders and len(added) < _MAX_LISTED:
                added.append(for_display(relative) + "/")
        elif not entry.is_file(follow_symlinks=False):
            findings.add("folder", relative, file_kind(entry.stat(follow_symlinks=False).st_mode))
        elif relative not in listed and len(added) < _MAX_LISTED:
            added.append(for_display(relative))
    return sorted(added)


def _entries(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Everything below ``folder`` with its path relative to it, folders before their contents;
    a loop, not recursion, so that a deep tree cannot exhaust the stack."""
    pending = [(folder, "")]
    while pending:
        where, prefix = pending.pop()
        with os.scandir(where) as entries:
            found = sorted(entries, key=lambda e: e.name)
        for entry in found:
            yield prefix + entry.name, entry
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), prefix + entry.name + "/"))


def _people(manifest: Manifest) -> list[PersonStatus]:
    return [
        PersonStatus(stt=i, row=p.row, full_name=p.full_name, status=PENDING)
        for i, p in enumerate(manifest.people, start=1)
    ]


def _read_list(
    folder: Path,
    relative: str | None,
) -> tuple[ListSheet | None, str | None, VssidError | None]:
    """The clerk's list, guarded like any workbook before calamine sees it; or why not."""
    if relative is None:
        return None, None, None
    try:
        with open_listed(folder, relative) as handle:  # read_list guards it as any workbook
            return read_list(handle, relative), None, None
    except VssidError as error:  # damaged, oversized, or no header row (SheetError included)
        return None, error.message(), error
    except (Tampered, FileNotFoundError):
        return None, None, None  # reported with the files
    except Exception as error:  # calamine's errors for a damaged file
        return None, f"{relative}: {type(error).__name__}", None


def _with_statuses(
    people: list[PersonStatus],
    table: ListSheet | None,
) -> tuple[list[PersonStatus], list[UnknownStatus]]:
    """Each person's status in the dropdown's spelling ("đã  ký" counts as "Đã ký"); statuses
    that are none of the dropdown's, with the rows they are on."""
    if table is None:
        return people, []
    typed = {
        row.stt: (row.row, row.cells.get(LIST_STATUS_HEADER, ""), row.cells.get(DEPARTMENT.header))
        for row in table.rows
        if row.stt is not None
    }
    unknown: dict[str, UnknownStatus] = {}
    result = []
    for person in people:
        where, text, department = typed.get(person.stt, (0, PENDING, None))
        known = canonical_status(text)
        if text and known is None:
            entry = unknown.setdefault(
                status_key(text), UnknownStatus(value=for_display(text), rows=[])
            )
            entry.rows.append(where)
        # one department however its cell was typed or pasted (NFD from a Mac, doubled spaces)
        update = {"status": known or for_display(text), "department": normalize(department or "")}
        result.append(person.model_copy(update=update))
    return result, list(unknown.values())


def by_department(people: list[PersonStatus]) -> list[DepartmentStatus]:
    """People per status in each department, departments in name order (people without one
    last); empty when nobody has a department. A cross-tabulation: pandas' own work.

    >>> people = [PersonStatus(stt=n, row=n, full_name="", status=s, department=d)
    ...           for n, (d, s) in enumerate([("Kế toán", "Đã ký"), ("Kho", ""),
    ...                                       ("Kế toán", ""), ("Kế toán", "Đã ký")])]
    >>> [(d.department, d.people, d.counts) for d in by_department(people)]
    [('Kế toán', 3, {'': 1, 'Đã ký': 2}), ('Kho', 1, {'': 1})]
    """
    if not any(person.department for person in people):
        return []
    import pandas as pd  # only report, only for a list with departments

    frame = pd.DataFrame(
        {"department": [p.department for p in people], "status": _statuses(people)}
    )
    table = pd.crosstab(frame["department"], frame["status"])
    workflow = [s for s in (PENDING, *STATUS_CHOICES) if s in table.columns]
    table = table[workflow + sorted(set(table.columns) - set(workflow))]
    order = sorted(table.index, key=lambda name: (name == "", sort_key(name)))
    return [
        DepartmentStatus(
            department=str(name),
            people=int(table.loc[name].sum()),
            counts={str(s): int(n) for s, n in table.loc[name].items() if n},
        )
        for name in order
    ]


def _statuses(people: list[PersonStatus]) -> list[str]:
    """Each person's status in the first spelling the list has of it: spellings of one status
    (case, accents, spacing) count together, in the status table and by department alike."""
    spelling: dict[str, str] = {}
    for person in people:
        spelling.setdefault(status_key(person.status), person.status)
    return [spelling[status_key(p.status)] for p in people]


def _counts(people: list[PersonStatus]) -> list[StatusCount]:
    """People per status; spellings of one status (case, accents, spacing) count together."""
    counts = Counter(_statuses(people))
    total = max(1, len(people))
    return [
        StatusCount(status=s, count=n, percent=round(100 * n / total, 1))
        for s, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _source_hash(path: Path, findings: _Findings) -> str | None:
    """The source sheet's SHA-256; None (and tampering when it is no sheet) when it cannot be
    read. The sheet lives outside the folder, so it may be a link, but only to a sheet."""
    if path.suffix.lower() not in _SHEET_SUFFIXES:
        findings.add("source.path", str(path), "not_a_sheet")
        return None
    try:
        with open_regular(path) as handle:
            return sha256_handle(handle)
    except NotRegularFile as error:
        findings.add("source.path", str(path), error.kind)
    except OSError:
        pass
    return None


def _source_changes(
    folder: Path,
    manifest: Manifest,
    people: list[PersonStatus],
    findings: _Findings,
    recheck: Recheck,
) -> SourceChanges:
    source = manifest.source
    path = (folder / source.path) if not Path(source.path).is_absolute() else Path(source.path)
    digest = _source_hash(path, findings)
    if digest is None:
        gone = VssidError(
            "report.source_gone", file=for_display(source.file), path=for_display(str(path))
        )
        return SourceChanges(checked=False, note=gone.message(), error=gone)
    if digest == source.sha256:
        return SourceChanges(checked=True, unchanged=True)
    try:
        report = recheck(path, source, manifest.date)
    except VssidError as error:  # a SheetError too
        return SourceChanges(checked=False, note=error.message(), error=error)
    by_key = {p.key: (entry, p) for entry, p in zip(people, manifest.people, strict=True)}
    now = {person_key(e): e for e in report.employees}
    changes = SourceChanges(checked=True)
    for key, employee in now.items():
        if key not in by_key:
            changes.added.append(
                PersonStatus(stt=0, row=employee.row, full_name=employee.full_name, status="")
            )
        elif fingerprint(employee) != by_key[key][1].fingerprint:
            changes.changed.append(by_key[key][0].model_copy(update={"row": employee.row}))
    invalid_rows = {p.row for p in report.people if not p.is_valid}
    for key, (entry, prepared) in by_key.items():
        if key in now:
            continue
        (changes.invalid if prepared.row in invalid_rows else changes.removed).append(entry)
    return changes


def batch_status(folder: Path, *, recheck: Recheck) -> BatchStatus:
    """Everything `vssid-batch report` shows about a prepared folder; ``recheck`` checks the
    source sheet again when it changed since."""
    if not folder.is_dir():
        raise VssidError("report.folder_not_found", folder=folder)
    manifest, sealed = read_sealed_manifest(folder / naming.MANIFEST)
    findings = _Findings()
    _check_entries(manifest, findings)
    missing, changed = _file_problems(folder, manifest, findings)
    added = _walk(folder, manifest, findings)
    list_path = findings.listed_path("documents.list_xlsx", manifest.documents.list_xlsx, manifest)
    table, list_note, list_error = _read_list(folder, list_path)
    people, unknown = _with_statuses(_people(manifest), table)
    list_changes = _list_changes(manifest, table, list_note is not None)
    checklist_path = findings.listed_path(
        "documents.checklist", manifest.documents.checklist, manifest
    )
    source = _source_changes(folder, manifest, people, findings, recheck)
    return BatchStatus(
        folder=for_display(str(folder)),
        created_for=for_display(manifest.created_for),
        date=manifest.date.isoformat(),
        people=len(manifest.people),
        skipped=len(manifest.skipped),
        missing_files=missing,
        changed_files=changed,
        statuses=_counts(people),
        by_department=by_department(people),
        pending=[p for p in people if p.status == PENDING],
        source=source,
        list_note=list_note,
        list_error=list_error,
        photos=manifest.photos,
        checklist_file=checklist_path,
        photos_missing=_rows(people, manifest.photos.missing if manifest.photos else []),
        photos_one_side=_rows(people, manifest.photos.one_side_only if manifest.photos else []),
        checklist=_checklist(folder, checklist_path),
        tampered=list(findings.by_path.values()),
        added_files=added,
        list_checked=table is not None and bool(manifest.list_columns),
        list_changes=list_changes,
        unknown_statuses=unknown,
        form_edition=_shown_edition(manifest.form_edition),
        manifest_edited=sealed is False,
    )


def _shown_edition(edition: FormEdition | None) -> FormEdition | None:
    """The manifest's words, printable (it may have been edited by hand)."""
    if edition is None:
        return None
    return edition.model_copy(
        update={"key": for_display(edition.key), "basis": for_display(edition.basis)}
    )


def _rows(people: list[PersonStatus], rows: list[int]) -> list[PersonStatus]:
    wanted = set(rows)
    return [p for p in people if p.row in wanted]


def _checklist(folder: Path, name: str | None) -> list[str]:
    if name is None:
        return []
    try:
        with open_listed(folder, name) as handle:
            text = read_limited(handle, _MAX_CHECKLIST_BYTES).decode("utf-8", errors="replace")
    except (Tampered, OSError, ValueError):
        return []  # reported with the files
    return [for_display(line) for line in text.splitlines() if line.strip()]


# --- danh-sach.xlsx against the manifest -------------------------------------------------------


def _list_changes(
    manifest: Manifest, table: ListSheet | None, unreadable: bool
) -> list[ListChange]:
    """Every cell of the list (outside the clerk's columns) that differs from what was prepared,
    every row added or gone, every checked column missing."""
    if unreadable:
        return [ListChange(kind="unreadable")]
    columns = manifest.list_columns
    if table is None or not columns:
        return []  # gone (reported with the files), or a manifest from before the check
    changes = [
        ListChange(kind="column_missing", row=table.header_row, column=header)
        for header in columns
        if header not in table.letters
    ]
    if changes:
        return changes
    seen: set[int] = set()
    for row in table.rows:
        person = (
            manifest.people[row.stt - 1] if row.stt and row.stt <= len(manifest.people) else None
        )
        if person is None or row.stt in seen:
            if person is not None or any(row.cells.get(h) for h in columns[1:]):
                changes.append(
                    ListChange(
                        kind="duplicate" if person else "added",
                        row=row.row,
                        stt=row.stt,
                        value=for_display(row.cells.get(columns[0], "")),
                    )
                )
            continue
        assert row.stt is not None
        seen.add(row.stt)
        changes += _row_changes(
            table, row.row, row.stt, row.cells, person.full_name, columns, person.list_cells
        )
    changes += [
        ListChange(kind="missing", stt=stt, full_name=for_display(p.full_name))
        for stt, p in enumerate(manifest.people, start=1)
        if stt not in seen
    ]
    return changes[:_MAX_LISTED]


def _row_changes(
    table: ListSheet,
    row: int,
    stt: int,
    cells: dict[str, str],
    name: str,
    columns: list[str],
    digests: str | None,
) -> list[ListChange]:
    expected = (digests or "").split(".")
    if len(expected) != len(columns):
        return [ListChange(kind="changed", row=row, stt=stt, full_name=for_display(name))]
    return [
        ListChange(
            kind="changed",
            row=row,
            column=header,
            letter=table.letters[header],
            stt=stt,
            full_name=for_display(name),
            value=for_display(cells.get(header, "")),
        )
        for header, digest in zip(columns, expected, strict=True)
        if cell_digest(header, cells.get(header, "")) != digest
    ]
