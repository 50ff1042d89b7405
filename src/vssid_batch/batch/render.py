"""Rendering every person's documents into the staging folder, spread over worker processes.

Work is cut into chunks of people; each worker renders its chunk's forms (and ID photocopy
pages) and writes the files itself, so only names and hashes travel back to the parent.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vssid_batch.documents.mau01 import draw_form, form_title, render_form
from vssid_batch.documents.pdf import deterministic_canvas
from vssid_batch.documents.photocopy import draw_photocopy_page, render_photocopy
from vssid_batch.models import Employee, Unit

MAX_CHUNK = 100
Progress = Callable[[int], None]


@dataclass(frozen=True)
class PersonFiles:
    """What was written for one person, relative to the batch folder."""

    row: int
    form: str
    form_sha256: str
    photocopy: str | None = None
    photocopy_sha256: str | None = None


@dataclass(frozen=True)
class Photos:
    front: Path | None
    back: Path | None


@dataclass(frozen=True)
class Chunk:
    """One worker's share: people, their file names and everything needed to draw them."""

    people: list[Employee]
    forms: list[str]
    photocopies: list[str | None]
    photos: list[Photos | None]
    unit: Unit
    on: date
    blank_dates: bool
    folder: Path


@dataclass
class RenderPlan:
    people: list[Employee]
    forms: list[str]  # relative paths
    photocopies: list[str | None]
    photos: list[Photos | None]
    unit: Unit
    on: date
    blank_dates: bool = False
    chunks: list[Chunk] = field(default_factory=list)

    def cut(self, folder: Path, jobs: int) -> list[Chunk]:
        """Chunks small enough to keep every worker busy and the progress bar moving."""
        size = max(1, min(MAX_CHUNK, math.ceil(len(self.people) / max(1, jobs * 4))))
        return [
            Chunk(self.people[i:i + size], self.forms[i:i + size],
                  self.photocopies[i:i + size], self.photos[i:i + size],
                  self.unit, self.on, self.blank_dates, folder)
            for i in range(0, len(self.people), size)
        ]


def _write(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


def render_chunk(chunk: Chunk) -> list[PersonFiles]:
    """Write one chunk's forms and photocopy pages (runs in a worker process)."""
    written = []
    for person, form, copy, photos in zip(chunk.people, chunk.forms, chunk.photocopies,
                                          chunk.photos, strict=True):
        pdf = render_form(person, chunk.unit, on=chunk.on, blank_dates=chunk.blank_dates)
        entry = PersonFiles(person.row, form, _write(chunk.folder / form, pdf))
        if copy is not None and photos is not None:
            copy_sha = _write(chunk.folder / copy,
                              render_photocopy(person, photos.front, photos.back))
            entry = PersonFiles(person.row, form, entry.form_sha256, copy, copy_sha)
        written.append(entry)
    return written


def _in_parallel(chunks: Sequence[Chunk], jobs: int, progress: Progress) -> Iterator[
        list[PersonFiles]]:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: set[Future[list[PersonFiles]]] = {pool.submit(render_chunk, c) for c in chunks}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    files = future.result()
                    progress(len(files))
                    yield files
        finally:
            for future in pending:
                future.cancel()


def render_people(plan: RenderPlan, folder: Path, *, jobs: int,
                  progress: Progress = lambda n: None) -> list[PersonFiles]:
    """Render every person's files into ``folder``; the result is in plan order."""
    chunks = plan.cut(folder, jobs)
    if jobs <= 1 or len(chunks) <= 1:
        results = []
        for chunk in chunks:
            files = render_chunk(chunk)
            progress(len(files))
            results.append(files)
    else:
        results = list(_in_parallel(chunks, jobs, progress))
    by_row = {f.row: f for files in results for f in files}
    return [by_row[p.row] for p in plan.people]


def render_print_pdf(plan: RenderPlan, target: Path) -> None:
    """One PDF to print: every form in list order, each followed by its photocopy page."""
    canvas = deterministic_canvas(str(target), title=f"Tờ khai Mẫu số 01 – {len(plan.people)} "
                                  "người", author=plan.unit.employer.name)
    for person, photos in zip(plan.people, plan.photos, strict=True):
        draw_form(canvas, person, plan.unit, on=plan.on, blank_dates=plan.blank_dates)
        canvas.showPage()
        if photos is not None:
            draw_photocopy_page(canvas, person, photos.front, photos.back)
            canvas.showPage()
    canvas.save()
    os.chmod(target, 0o600)


__all__ = ["PersonFiles", "Photos", "RenderPlan", "form_title", "render_people",
           "render_print_pdf"]
