"""Assemble the submission folder from a checked report: forms, print PDF, list, letter, manifest.

The folder is built in a hidden staging folder and renamed into place at the end (``folder``),
so it appears complete or not at all. The clerk's sheet is only read (for its hash).
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from vssid_batch import messages
from vssid_batch.batch import naming
from vssid_batch.batch.danh_sach import checked_headers, list_columns, row_digests
from vssid_batch.batch.folder import check_target, staged_folder
from vssid_batch.batch.helper import LIST_WRITER, Call, Helper, alongside
from vssid_batch.batch.manifest import (
    Documents,
    Manifest,
    PersonEntry,
    PhotoSummary,
    SkippedEntry,
    Source,
    fingerprint,
    form_edition,
    person_key,
    sha256_file,
    write_manifest_streaming,
)
from vssid_batch.batch.render import (
    PersonFiles,
    Photos,
    RenderPlan,
    render_people,
    worker_count,
)
from vssid_batch.errors import VssidError
from vssid_batch.messages import Lang, t
from vssid_batch.models import Employee, Notice, PersonResult, Problem, Report, Unit
from vssid_batch.privacy import for_display

if TYPE_CHECKING:  # the photo matching loads with --photos only (its models take 30 ms to build)
    from vssid_batch.batch.photos import PhotoMatch

# Nghị định 164/2025/NĐ-CP (in force 01/07/2025): BHXH electronic transactions go through VNeID,
# and Nghị định 166/2016 (the decree Mẫu 01 cites) no longer applies to compulsory and voluntary
# BHXH. District offices were reorganised the same day. Nothing is blocked: the clerk confirms.
DECREE_164_FROM = date(2025, 7, 1)
_DISTRICT_OFFICE = re.compile(r"\b(quận|huyện)\b", re.IGNORECASE)


def batch_notices(unit: Unit, on: date) -> list[Notice]:
    """What the clerk must confirm about the rules in force on the document date, said once.

    >>> from vssid_batch.models import Letter
    >>> letter = Letter(number=1, symbol="CV", place="Hà Nội")  # recipient: "… quận Đống Đa"
    >>> unit = Unit.model_construct(letter=letter)
    >>> [n.code for n in batch_notices(unit, date(2026, 1, 5))]
    ['decree_164', 'office_renamed']
    >>> batch_notices(unit, date(2021, 3, 1))
    []
    """
    if on < DECREE_164_FROM:
        return []
    notices = [Notice(code="decree_164")]
    recipient = unicodedata.normalize("NFC", unit.letter.recipient)
    if _DISTRICT_OFFICE.search(recipient):
        notices.append(Notice(code="office_renamed", params={"recipient": recipient}))
    return notices


class DataErrors(Exception):
    """prepare refused: the sheet has errors (exit 1). Nothing was written."""

    def __init__(self, report: Report) -> None:
        super().__init__("data errors")
        self.report = report


@dataclass(frozen=True)
class SourceSheet:
    """The sheet a batch was prepared from, and how it was read (so `report` can re-read it)."""

    path: Path
    sheet: str | None
    header_row: int | None
    column_map: list[str] = field(default_factory=list)
    include_hidden: bool = False


@dataclass
class PrepareResult:
    folder: Path
    manifest: Manifest  # without people and files, which went straight to manifest.json
    prepared: int
    skipped: list[PersonResult]
    warnings: list[Problem]
    checklist: Checklist
    notices: list[Notice] = field(default_factory=list)  # printed once, also in the checklist

    @property
    def checklist_file(self) -> Path:
        return self.folder / naming.CHECKLIST


@dataclass(frozen=True)
class Checklist:
    """What the clerk still has to do once the folder exists (letter 219/BHXH).

    The steps are worded by the catalogue: in Vietnamese in viec-can-lam.txt (it goes with the
    Vietnamese documents), in the output language on the terminal.
    """

    documents: Documents
    recipient: str
    folder: Path
    photocopies: bool

    def steps(self, lang: Lang = Lang.vi) -> list[str]:
        photocopies = t("checklist.photocopies", lang) if self.photocopies else ""
        return messages.checklist(
            lang,
            **self.documents.model_dump(),
            recipient=self.recipient,
            folder=self.folder,
            photocopies=photocopies,
        )

    def text(self, notes: list[str]) -> str:
        """viec-can-lam.txt: the numbered steps, then the notices of the batch (Vietnamese)."""
        return "".join(f"{i}. {step}\n" for i, step in enumerate(self.steps(), start=1)) + "".join(
            f"\n{t('checklist.note', Lang.vi, note=note)}\n" for note in notes
        )


def _photo_plan(
    folder: Path | None, employees: list[Employee]
) -> tuple[PhotoMatch | None, list[Problem]]:
    if folder is None:
        return None, []
    if not folder.is_dir():
        raise VssidError("photos.not_found", folder=folder)
    from vssid_batch.batch.photos import match_photos, photo_warnings

    match = match_photos(folder, employees)
    return match, photo_warnings(match, employees)


def _plan(
    employees: list[Employee], unit: Unit, on: date, blank_dates: bool, match: PhotoMatch | None
) -> RenderPlan:
    digits = naming.row_digits(employees)
    forms = [f"{naming.FORMS_DIR}/{naming.form_filename(e, digits)}" for e in employees]
    photos: list[Photos | None] = []
    copies: list[str | None] = []
    for employee in employees:
        found = match.by_row.get(employee.row) if match else None
        has_any = found is not None and (found.front or found.back)
        photos.append(Photos(found.front, found.back) if found and has_any else None)
        copies.append(
            f"{naming.PHOTOCOPIES_DIR}/{naming.form_filename(employee, digits)}"
            if has_any
            else None
        )
    return RenderPlan(employees, forms, copies, photos, unit, on, blank_dates)


def _photo_summary(folder: Path, match: PhotoMatch, employees: list[Employee]) -> PhotoSummary:
    from vssid_batch.batch.photos import mask_file_name

    both = one = 0
    missing: list[int] = []
    one_side: list[int] = []
    for employee in employees:
        found = match.by_row.get(employee.row)
        sides = 0 if found is None else int(found.front is not None) + int(found.back is not None)
        both, one = both + (sides == 2), one + (sides == 1)
        if sides == 0:
            missing.append(employee.row)
        elif sides == 1:
            one_side.append(employee.row)
    unmatched = [
        mask_file_name(p.name) for p in [*match.unmatched, *match.unrecognised, *match.duplicates]
    ]
    # Kept for display only, so stored as shown: numbers in the names masked (never the full ones).
    return PhotoSummary(
        folder=for_display(str(folder)),
        with_both_sides=both,
        missing=missing,
        one_side_only=one_side,
        unmatched_files=unmatched,
    )


def _relative_source(source: Path, folder: Path) -> str:
    try:
        return os.path.relpath(source.resolve(), folder.resolve())
    except ValueError:  # another drive on Windows
        return str(source.resolve())


def prepare_batch(
    report: Report,
    unit: Unit,
    *,
    source: SourceSheet,
    out: Path,
    on: date,
    force: bool = False,
    skip_invalid: bool = False,
    jobs: int | None = None,
    photos: Path | None = None,
    blank_dates: bool = False,
    progress: Callable[[int], None] = lambda n: None,
    protected: Sequence[Path] = (),
    helper: Helper | None = None,
) -> PrepareResult:
    """Write the submission folder ``out`` for the valid people of ``report``.

    ``protected`` (the config file, …) is never inside ``out``, whatever ``force`` says; the
    sheet, the photo folder and the current folder are protected anyway.
    ``jobs``: processes drawing the forms; None chooses by the size of the batch.
    ``helper``: a process that loaded ``LIST_WRITER``, to write the list of a batch drawn in
    this process while the forms (and the letter) are drawn here; it is stopped unused when
    workers draw.
    """
    employees = report.employees
    if (report.has_errors and not skip_invalid) or not employees:
        raise DataErrors(report)
    protected = [source.path, *([photos] if photos else []), *protected]
    check_target(out, force=force, protected=protected)
    match, warnings = _photo_plan(photos, employees)
    plan = _plan(employees, unit, on, blank_dates, match)
    documents = Documents(
        forms_print=naming.FORMS_PRINT,
        list_xlsx=naming.LIST_XLSX,
        list_csv=naming.LIST_CSV,
        cover_letter=naming.COVER_LETTER,
        checklist=naming.CHECKLIST,
    )
    steps = Checklist(documents, unit.letter.recipient, out, photocopies=match is not None)
    notices = batch_notices(unit, on)
    notes = [t(f"notice.{n.code}", Lang.vi, **n.params) for n in [*report.notices, *notices]]
    columns = list_columns(employees)
    with staged_folder(out, force=force, protected=protected) as staging:
        # The list's library (openpyxl) loads only where the list is written: by the helper in
        # a small batch (it loaded it while the sheet was read).
        lists = Call(
            LIST_WRITER,
            "write_lists",
            (staging / documents.list_xlsx, staging / documents.list_csv, employees, unit),
            {"on": on},
        )

        def letter_and_checklist() -> None:
            from vssid_batch.documents.cover_letter import (  # reportlab
                LetterDoesNotFit,
                write_cover_letter,
            )

            letter = staging / documents.cover_letter
            try:
                write_cover_letter(letter, unit, people=len(employees), on=on)
            except LetterDoesNotFit as error:
                raise VssidError(f"letter.{error.part}_too_long") from None
            (staging / naming.CHECKLIST).write_text(steps.text(notes), encoding="utf-8")

        def other_documents() -> None:
            lists()
            letter_and_checklist()

        workers = worker_count(len(employees), jobs)
        # One process drawing (a small batch): the helper writes the list meanwhile. With
        # workers, this process writes everything while they draw.
        if helper is not None and workers > 1:
            helper.stop()
        with alongside(helper, [lists]) if workers == 1 else contextlib.nullcontext():
            files = render_people(
                plan,
                staging,
                staging / documents.forms_print,
                jobs=workers,
                progress=progress,
                meanwhile=letter_and_checklist if workers == 1 else other_documents,
            )
        people = (
            PersonEntry(
                row=e.row,
                full_name=e.full_name,
                form=f.form,
                sha256=f.form_sha256,
                key=person_key(e),
                fingerprint=fingerprint(e),
                photocopy=f.photocopy,
                list_cells=row_digests(stt, e, columns),
            )
            for stt, (e, f) in enumerate(zip(employees, files, strict=True), start=1)
        )
        manifest = Manifest(
            created_for=unit.employer.name,
            date=on,
            source=Source(
                file=source.path.name,
                sha256=sha256_file(source.path),
                path=_relative_source(source.path, out),
                sheet=report.sheet,
                header_row=report.header_row,
                column_map=source.column_map,
                include_hidden=source.include_hidden,
            ),
            documents=documents,
            people=[],  # streamed into the file below
            list_columns=checked_headers(columns),
            form_edition=form_edition(unit.form.edition),
            skipped=[
                SkippedEntry(
                    row=p.row,
                    full_name=for_display(p.full_name),
                    codes=sorted({q.code for q in p.problems if q.is_error}),
                )
                for p in report.people
                if not p.is_valid
            ],
            photos=_photo_summary(photos, match, employees).model_copy(
                update={"cards": report.cards}
            )
            if photos and match
            else None,
        )
        write_manifest_streaming(
            staging, naming.MANIFEST, manifest, people, _hashes(staging, files)
        )
        for path in staging.rglob("*"):
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
    return PrepareResult(
        folder=out,
        manifest=manifest,
        prepared=len(employees),
        skipped=[p for p in report.people if not p.is_valid],
        warnings=warnings,
        checklist=steps,
        notices=[*report.notices, *notices],
    )


def _hashes(staging: Path, files: list[PersonFiles]) -> Iterator[tuple[str, str]]:
    """SHA-256 of every file, in path order; per-person hashes were taken when written."""
    known = {f.form: f.form_digest for f in files}
    known.update(
        {f.photocopy: f.photocopy_digest for f in files if f.photocopy and f.photocopy_digest}
    )
    # Listed now, before the manifest's own temporary file appears in the folder; as strings
    # (a Path per file cost 85 MB at 100,000 people).
    paths = sorted(_relative_files(staging))
    return (
        (path, digest.hex() if (digest := known.get(path)) else sha256_file(staging / path))
        for path in paths
    )


def _relative_files(folder: Path, prefix: str = "") -> Iterator[str]:
    """Every regular file under ``folder``, as a "/"-separated path relative to it."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _relative_files(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file(follow_symlinks=False):
                yield prefix + entry.name
