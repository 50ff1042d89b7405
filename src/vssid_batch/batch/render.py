"""Rendering every person's documents into the staging folder, spread over worker processes.

Each worker draws a chunk of people as ONE multi-page document (fonts set up once), then cuts
it into each person's standalone PDF (``documents.assemble.split_pages``) and keeps the chunk
as a part of the print PDF, which the parent streams together in list order. Only names and
hashes travel back to the parent; memory stays flat however many people there are.
"""

from __future__ import annotations

import hashlib
import io
import math
import multiprocessing
import multiprocessing.context
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vssid_batch.documents.assemble import PdfConcatenator, PdfInfo, split_pages
from vssid_batch.documents.mau01 import FORM_TITLE, draw_form, form_title
from vssid_batch.documents.pdf import deterministic_canvas
from vssid_batch.documents.photocopy import HEADING, draw_photocopy_page
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
    index: int  # position in the print PDF


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
                  self.unit, self.on, self.blank_dates, folder, number)
            for number, i in enumerate(range(0, len(self.people), size))
        ]


PARTS_DIR = ".parts"  # chunk documents waiting to be joined into the print PDF


def part_path(folder: Path, index: int) -> Path:
    return folder / PARTS_DIR / f"{index:06d}.pdf"


def _write(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


def _chunk_document(chunk: Chunk) -> tuple[bytes, list[PdfInfo]]:
    """Every page of the chunk, in print order (form, then photocopy page if any)."""
    author = chunk.unit.employer.name
    out = io.BytesIO()
    canvas = deterministic_canvas(out, title=FORM_TITLE, author=author)
    infos = []
    for person, photos in zip(chunk.people, chunk.photos, strict=True):
        draw_form(canvas, person, chunk.unit, on=chunk.on, blank_dates=chunk.blank_dates)
        canvas.showPage()
        infos.append(PdfInfo(form_title(person), author))
        if photos is not None:
            draw_photocopy_page(canvas, person, photos.front, photos.back)
            canvas.showPage()
            infos.append(PdfInfo(f"{HEADING} – {person.full_name}", author))
    canvas.save()
    return out.getvalue(), infos


def render_chunk(chunk: Chunk) -> list[PersonFiles]:
    """Write one chunk's per-person files and its print part (runs in a worker process)."""
    document, infos = _chunk_document(chunk)
    pages = iter(split_pages(document, infos))
    _write(part_path(chunk.folder, chunk.index), document)
    written = []
    for person, form, copy in zip(chunk.people, chunk.forms, chunk.photocopies, strict=True):
        form_sha = _write(chunk.folder / form, next(pages))
        copy_sha = _write(chunk.folder / copy, next(pages)) if copy is not None else None
        written.append(PersonFiles(person.row, form, form_sha, copy, copy_sha))
    return written


def _worker_context() -> multiprocessing.context.BaseContext:
    """Fresh workers that hold only what drawing needs, not a copy of the parent's whole sheet.

    ``fork`` would give every worker the parent's memory (the report of 100,000 people) and
    copy it page by page as reference counts change; ``forkserver`` starts workers from a small
    server process that has imported the renderer once.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["vssid_batch.batch.render"])
        return context
    return multiprocessing.get_context("spawn")


def _in_parallel(chunks: Sequence[Chunk], jobs: int, progress: Progress) -> Iterator[
        list[PersonFiles]]:
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context()) as pool:
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


def render_people(plan: RenderPlan, folder: Path, print_pdf: Path, *, jobs: int,
                  progress: Progress = lambda n: None) -> list[PersonFiles]:
    """Render every person's files and the print PDF into ``folder``; results in plan order."""
    chunks = plan.cut(folder, jobs)
    if jobs <= 1 or len(chunks) <= 1:
        results = []
        for chunk in chunks:
            files = render_chunk(chunk)
            progress(len(files))
            results.append(files)
    else:
        results = list(_in_parallel(chunks, jobs, progress))
    join_print_pdf(folder, len(chunks), print_pdf, plan.unit, len(plan.people))
    by_row = {f.row: f for files in results for f in files}
    return [by_row[p.row] for p in plan.people]


def join_print_pdf(folder: Path, chunks: int, target: Path, unit: Unit, people: int) -> None:
    """Stream the chunk parts into one print PDF (fonts embedded once), then drop the parts."""
    info = PdfInfo(f"{FORM_TITLE} – {people} người", unit.employer.name)
    with PdfConcatenator(target, info) as printed:
        for index in range(chunks):
            printed.add_file(part_path(folder, index))
            part_path(folder, index).unlink()
    (folder / PARTS_DIR).rmdir()
    os.chmod(target, 0o600)
