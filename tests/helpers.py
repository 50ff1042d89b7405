"""Helpers the test modules share (import as ``from helpers import …``)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from vssid_batch.models import Employee
from vssid_batch.synthetic import employee_cells

AS_OF = date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def cells(people: list[Employee]) -> list[list[object]]:
    """Sheet cells for people, numbered from 1 in the STT column."""
    return [employee_cells(p, i + 1) for i, p in enumerate(people)]


def write_rows(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A plain .xlsx as a clerk makes it: the header on row 1, one person per row below."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def child_env() -> dict[str, str]:
    """The environment for a `python -m vssid_batch` child: this tree's package first, whatever
    the child's current folder (a relative PYTHONPATH would not follow it there)."""
    import os

    import vssid_batch

    source = str(Path(vssid_batch.__file__).resolve().parents[1])
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([source, *filter(None, [os.environ.get("PYTHONPATH")])]),
    }


def run_python(
    program: str, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -c program args…`` in a fresh interpreter with this tree's package
    (``child_env``, plus ``env``): what a module loads, or leaves behind, in a process of its
    own."""
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        env={**child_env(), **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def page_pixels(pdf: bytes, page: int, dpi: int) -> bytes:
    """Page ``page`` (from 1) of a PDF as grey pixels, to compare two renderings of one page.

    Always PDFium (pypdfium2, a test dependency with its own library): the same renderer on every
    machine, CI included, so no check depends on poppler being installed. Compare only pixels
    from the same renderer, never against a stored image.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        pixels: bytes = image.tobytes()
        return b"%dx%d\n" % image.size + pixels
    finally:
        document.close()
