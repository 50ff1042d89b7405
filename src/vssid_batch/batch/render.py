"""Rendering every person's documents into the staging folder, spread over worker processes.

Each worker draws a chunk of people as ONE multi-page document (fonts set up once), then cuts
it into each person's standalone PDF (``documents.pdf.split_pages``) and keeps the chunk
as a part of the print PDF, which the parent streams together in list order. Only names and
hashes travel back to the parent; memory stays flat however many people there are.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from vssid_batch.models import Employee, Unit

# The drawing (reportlab, the fonts) loads where a chunk is drawn: in a small batch, while a
# helper process loads the list's library (``batch.helper``).
if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection

    from vssid_batch.documents.pdf import Alphabet, PdfInfo

MAX_CHUNK = 100
# Below this many people one process (the parent, no forkserver) finishes before two would:
# starting a forkserver and its workers costs more than a second of CPU on the 2-core machine,
# half a batch of this size (benchmarks/README.md, "Right-sized workers").
PARENT_ONLY_BELOW = 400
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)  # one per person, all kept until the manifest is written
class PersonFiles:
    """What was written for one person, relative to the batch folder.

    Compact, for 100,000 of them: the paths are the plan's own strings, the digests raw bytes.
    """

    row: int
    form: str
    form_digest: bytes
    photocopy: str | None = None
    photocopy_digest: bytes | None = None

    @property
    def form_sha256(self) -> str:
        return self.form_digest.hex()

    @property
    def photocopy_sha256(self) -> str | None:
        return None if self.photocopy_digest is None else self.photocopy_digest.hex()


Digests = tuple[bytes, bytes | None]  # a person's form and photocopy, as a worker sends them


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
    alphabet: Alphabet  # the whole batch's: a person's file must not depend on the chunk


@dataclass
class RenderPlan:
    people: list[Employee]
    forms: list[str]  # relative paths
    photocopies: list[str | None]
    photos: list[Photos | None]
    unit: Unit
    on: date
    blank_dates: bool = False

    def cut(self, folder: Path, jobs: int) -> list[Chunk]:
        """Chunks small enough to keep every worker busy and the progress bar moving; in one
        process, as large as memory allows (each chunk is a document to save and parse)."""
        parts = jobs * 4 if jobs > 1 else 1
        size = max(1, min(MAX_CHUNK, math.ceil(len(self.people) / parts)))
        from vssid_batch.documents.alphabet import batch_alphabet

        alphabet = batch_alphabet(
            self.people,
            self.unit,
            on=self.on,
            blank_dates=self.blank_dates,
            photocopies=any(p is not None for p in self.photos),
        )
        return [
            Chunk(
                self.people[i : i + size],
                self.forms[i : i + size],
                self.photocopies[i : i + size],
                self.photos[i : i + size],
                self.unit,
                self.on,
                self.blank_dates,
                folder,
                number,
                alphabet,
            )
            for number, i in enumerate(range(0, len(self.people), size))
        ]


PARTS_DIR = ".parts"  # chunk documents waiting to be joined into the print PDF


def part_path(folder: Path, index: int) -> Path:
    return folder / PARTS_DIR / f"{index:06d}.pdf"


def _write(path: Path, data: bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).digest()


def _chunk_document(chunk: Chunk) -> tuple[bytes, list[PdfInfo]]:
    """Every page of the chunk, in print order (form, then photocopy page if any)."""
    from vssid_batch.documents.mau01 import FORM_TITLE, draw_form, form_title
    from vssid_batch.documents.pdf import PdfInfo, deterministic_canvas, use_alphabet

    author = chunk.unit.employer.name
    out = io.BytesIO()
    canvas = deterministic_canvas(out, title=FORM_TITLE, author=author)
    use_alphabet(canvas, chunk.alphabet)
    infos = []
    for person, photos in zip(chunk.people, chunk.photos, strict=True):
        draw_form(canvas, person, chunk.unit, on=chunk.on, blank_dates=chunk.blank_dates)
        canvas.showPage()
        infos.append(PdfInfo(form_title(person), author))
        if photos is not None:
            # Pillow and its HEIF plugin load only for a batch with photos.
            from vssid_batch.documents.photocopy import HEADING, draw_photocopy_page

            draw_photocopy_page(canvas, person, photos.front, photos.back)
            canvas.showPage()
            infos.append(PdfInfo(f"{HEADING} – {person.full_name}", author))
    canvas.save()
    return out.getvalue(), infos


def render_chunk(chunk: Chunk) -> list[Digests]:
    """Write one chunk's per-person files and its print part (runs in a worker process)."""
    from vssid_batch.documents.pdf import split_pages

    document, infos = _chunk_document(chunk)
    pages = iter(split_pages(document, infos))
    _write(part_path(chunk.folder, chunk.index), document)
    written = []
    for form, copy in zip(chunk.forms, chunk.photocopies, strict=True):
        form_digest = _write(chunk.folder / form, next(pages))
        copy_digest = _write(chunk.folder / copy, next(pages)) if copy is not None else None
        written.append((form_digest, copy_digest))
    return written


# The most worker processes ever started, whatever ``jobs`` says: a script passing jobs=10**6
# must not start a process per chunk (tens of thousands), and Windows refuses more than 61.
MAX_JOBS = 61


def load_drawing() -> None:
    """Import the drawing code and read the fonts ahead of drawing: a small batch's parent does
    it while its helper checks the sheet (api.prepare)."""
    import_module("vssid_batch.documents.cover_letter")
    import_module("vssid_batch.documents.mau01")
    from vssid_batch.documents.pdf import register_fonts

    register_fonts()


def worker_count(people: int, jobs: int | None) -> int:
    """How many processes draw ``people`` forms: ``jobs`` when the clerk chose (``--jobs``),
    else the parent alone for a small batch and every core for a large one.

    >>> worker_count(25, None), worker_count(25, 2), worker_count(PARENT_ONLY_BELOW, 1)
    (1, 2, 1)
    """
    if jobs is not None:
        return min(max(1, jobs), MAX_JOBS)
    return 1 if people < PARENT_ONLY_BELOW else os.cpu_count() or 1


def _worker_context() -> multiprocessing.context.BaseContext:
    """Fresh workers that hold only what drawing needs, not a copy of the parent's whole sheet.

    ``fork`` would give every worker the parent's memory (the report of 100,000 people) and
    copy it page by page as reference counts change; ``forkserver`` starts workers from a small
    server process that has imported the renderer once. (multiprocessing loads only here: a
    small batch has no workers.)
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(  # what a worker draws with, imported once
            [
                "vssid_batch.batch.worker_boot",
                "vssid_batch.batch.render",
                "vssid_batch.documents.mau01",
                "vssid_batch.documents.pdf",
            ]
        )
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def sigint_held() -> Iterator[None]:
    """Hold back Ctrl-C while starting helper processes; it arrives right after.

    A child inherits the blocked signal, so a Ctrl-C to the whole process group cannot hit the
    forkserver or a spawned worker while it is still importing (a traceback), before it gets to
    ignoring SIGINT.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process-group Ctrl-C to fear
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def start_workers() -> None:
    """Start the forkserver (it imports the renderer) while the parent is still reading the sheet.

    Only a head start: ``render_people`` works the same without it.
    """
    context = _worker_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver, resource_tracker

        resource_tracker.ensure_running()  # first: it unblocks SIGINT when it starts
        with sigint_held():
            forkserver.ensure_running()


PARENT_GONE = 3  # a worker's exit status when its parent died


def _exit_with_parent(lifeline: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()  # the parent never writes: this returns at EOF, when it is gone
    os._exit(PARENT_GONE)


def _worker_started(lifeline: Connection) -> None:
    """In each worker: ignore Ctrl-C (the parent stops us) and die with the parent.

    A worker forked by the forkserver is the forkserver's child, and the forkserver lives as long
    as any worker does, so neither would notice a killed parent: the lifeline pipe does. Its only
    writing end is in the parent; the kernel closes it however the parent ends (even SIGKILL).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(
        target=_exit_with_parent, args=(lifeline,), daemon=True, name="lifeline"
    ).start()


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """Workers that never outlive this process, nor a Ctrl-C, nor an error in it.

    On success they finish and are joined; on any exception (Ctrl-C included) the lifeline is cut
    first, so running chunks stop at once, and the workers are still joined before returning —
    nothing writes into the staging folder after it is removed.
    """
    from concurrent.futures import ProcessPoolExecutor

    start_workers()
    context = _worker_context()
    keep, lifeline = context.Pipe(duplex=False)  # (reader, writer)
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, MAX_JOBS),
        mp_context=context,
        initializer=_worker_started,
        initargs=(keep,),
    )
    try:
        yield pool
    except BaseException:
        lifeline.close()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        lifeline.close()
        keep.close()


def render_people(
    plan: RenderPlan,
    folder: Path,
    print_pdf: Path,
    *,
    jobs: int,
    progress: Progress = lambda n: None,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[PersonFiles]:
    """Render every person's files and the print PDF into ``folder``; results in plan order.

    ``meanwhile`` is the parent's own work (the list, the letter): it runs while the workers
    draw, and the print PDF is joined chunk by chunk as they finish, in list order.
    """
    from vssid_batch.documents.mau01 import FORM_TITLE
    from vssid_batch.documents.pdf import PdfConcatenator, PdfInfo

    chunks = plan.cut(folder, jobs)
    info = PdfInfo(f"{FORM_TITLE} – {len(plan.people)} người", plan.unit.employer.name)
    results: list[PersonFiles] = []
    with contextlib.ExitStack() as stack:
        if jobs <= 1 or len(chunks) <= 1:
            meanwhile()
            finished: Iterator[list[Digests]] = map(render_chunk, chunks)
        else:
            pool = stack.enter_context(worker_pool(jobs))
            with sigint_held():  # submitting starts the workers
                futures = [pool.submit(render_chunk, chunk) for chunk in chunks]
            meanwhile()
            finished = (future.result() for future in futures)
        printed = stack.enter_context(PdfConcatenator(print_pdf, info))
        for chunk, digests in zip(chunks, finished, strict=True):  # in plan order
            printed.add_file(part_path(folder, chunk.index))
            part_path(folder, chunk.index).unlink()
            progress(len(digests))
            results += (
                PersonFiles(person.row, form, form_digest, copy, copy_digest)
                for person, form, copy, (form_digest, copy_digest) in zip(
                    chunk.people, chunk.forms, chunk.photocopies, digests, strict=True
                )
            )
    (folder / PARTS_DIR).rmdir()
    os.chmod(print_pdf, 0o600)
    return results
