"""Where a prepared batch stands: files intact, source sheet changes, and the clerk's progress.

``batch_status`` reads a folder made by ``prepare``: it checks every file against the SHA-256 in
the manifest, re-reads the source sheet (when it is still there and has changed) to show people
added, removed or changed since, and reads the "Trạng thái" column the clerk fills in the list.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from vssid_batch.api import check_sheet
from vssid_batch.batch import naming
from vssid_batch.batch.danh_sach import read_statuses
from vssid_batch.batch.manifest import (
    Manifest,
    PhotoSummary,
    fingerprint,
    person_key,
    read_manifest,
    sha256_file,
)
from vssid_batch.errors import VssidError
from vssid_batch.sheet.errors import SheetError

PENDING = ""  # no status written yet


class PersonStatus(BaseModel):
    stt: int
    row: int
    full_name: str
    status: str


class StatusCount(BaseModel):
    status: str  # "" = not started
    count: int
    percent: float


class SourceChanges(BaseModel):
    checked: bool  # False when the sheet is gone or unreadable
    unchanged: bool = False  # same bytes as when prepared
    note: str | None = None
    added: list[PersonStatus] = Field(default_factory=list)  # valid now, not in the batch
    removed: list[PersonStatus] = Field(default_factory=list)  # in the batch, gone from sheet
    changed: list[PersonStatus] = Field(default_factory=list)  # printed details differ
    invalid: list[PersonStatus] = Field(default_factory=list)  # in the batch, now has errors


class BatchStatus(BaseModel):
    folder: str
    created_for: str
    date: str
    people: int
    skipped: int
    missing_files: list[str] = Field(default_factory=list)
    changed_files: list[str] = Field(default_factory=list)
    statuses: list[StatusCount] = Field(default_factory=list)
    pending: list[PersonStatus] = Field(default_factory=list)
    source: SourceChanges
    list_note: str | None = None
    photos: PhotoSummary | None = None  # with --photos: counts and unmatched files
    photos_missing: list[PersonStatus] = Field(default_factory=list)
    photos_one_side: list[PersonStatus] = Field(default_factory=list)
    checklist_file: str | None = None
    checklist: list[str] = Field(default_factory=list)  # what the clerk still has to do

    @property
    def intact(self) -> bool:
        return not self.missing_files and not self.changed_files


def _file_problems(folder: Path, manifest: Manifest) -> tuple[list[str], list[str]]:
    missing, changed = [], []
    for relative, expected in manifest.files.items():
        path = folder / relative
        if not path.is_file():
            missing.append(relative)
        elif relative == manifest.documents.list_xlsx:
            continue  # the clerk fills in its "Trạng thái" column: edits are expected
        elif sha256_file(path) != expected:
            changed.append(relative)
    return missing, changed


def _people(manifest: Manifest) -> list[PersonStatus]:
    return [PersonStatus(stt=i, row=p.row, full_name=p.full_name, status=PENDING)
            for i, p in enumerate(manifest.people, start=1)]


def _with_statuses(folder: Path, manifest: Manifest,
                   people: list[PersonStatus]) -> tuple[list[PersonStatus], str | None]:
    path = folder / manifest.documents.list_xlsx
    try:
        statuses = read_statuses(path)
    except (OSError, ValueError) as error:
        return people, f"{path.name}: {type(error).__name__}"
    return [p.model_copy(update={"status": statuses.get(p.stt, PENDING)}) for p in people], None


def _counts(people: list[PersonStatus]) -> list[StatusCount]:
    counts = Counter(p.status for p in people)
    total = max(1, len(people))
    return [StatusCount(status=s, count=n, percent=round(100 * n / total, 1))
            for s, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _source_changes(folder: Path, manifest: Manifest,
                    people: list[PersonStatus]) -> SourceChanges:
    source = manifest.source
    path = (folder / source.path) if not Path(source.path).is_absolute() else Path(source.path)
    if not path.is_file():
        return SourceChanges(checked=False, note=f"{source.file}: không còn ở {path}")
    if sha256_file(path) == source.sha256:
        return SourceChanges(checked=True, unchanged=True)
    try:
        report = check_sheet(path, sheet=source.sheet, header_row=source.header_row,
                             column_map=source.column_map, as_of=manifest.date,
                             include_hidden=source.include_hidden)
    except (SheetError, VssidError) as error:
        return SourceChanges(checked=False, note=error.message())
    by_key = {p.key: (entry, p) for entry, p in zip(people, manifest.people, strict=True)}
    now = {person_key(e): e for e in report.employees}
    changes = SourceChanges(checked=True)
    for key, employee in now.items():
        if key not in by_key:
            changes.added.append(PersonStatus(stt=0, row=employee.row,
                                              full_name=employee.full_name, status=""))
        elif fingerprint(employee) != by_key[key][1].fingerprint:
            changes.changed.append(by_key[key][0].model_copy(update={"row": employee.row}))
    invalid_rows = {p.row for p in report.people if not p.is_valid}
    for key, (entry, prepared) in by_key.items():
        if key in now:
            continue
        (changes.invalid if prepared.row in invalid_rows else changes.removed).append(entry)
    return changes


def batch_status(folder: Path) -> BatchStatus:
    """Everything `vssid-batch report` shows about a prepared folder."""
    if not folder.is_dir():
        raise VssidError(f"{folder}: không có thư mục hồ sơ này.", f"{folder}: no such folder.",
                         code="folder_not_found")
    manifest = read_manifest(folder / naming.MANIFEST)
    missing, changed = _file_problems(folder, manifest)
    people, list_note = _with_statuses(folder, manifest, _people(manifest))
    return BatchStatus(
        folder=str(folder), created_for=manifest.created_for, date=manifest.date.isoformat(),
        people=len(manifest.people), skipped=len(manifest.skipped),
        missing_files=missing, changed_files=changed, statuses=_counts(people),
        pending=[p for p in people if p.status == PENDING],
        source=_source_changes(folder, manifest, people), list_note=list_note,
        photos=manifest.photos, checklist_file=manifest.documents.checklist,
        photos_missing=_rows(people, manifest.photos.missing if manifest.photos else []),
        photos_one_side=_rows(people, manifest.photos.one_side_only if manifest.photos else []),
        checklist=_checklist(folder, manifest.documents.checklist),
    )


def _rows(people: list[PersonStatus], rows: list[int]) -> list[PersonStatus]:
    wanted = set(rows)
    return [p for p in people if p.row in wanted]


def _checklist(folder: Path, name: str | None) -> list[str]:
    path = folder / name if name else None
    if path is None or not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
