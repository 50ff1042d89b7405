"""A reportlab canvas that gives byte-identical PDFs for the same content."""

from __future__ import annotations

from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from vssid_batch import __version__
from vssid_batch.documents.fonts import register_fonts

PRODUCER = f"vssid-batch {__version__}"

# Binary (Flate only) streams: ASCII85 on top makes every file 25% larger and, in pure Python,
# cost an eighth of the time of a whole batch. PDF viewers and printers all read binary streams.
rl_config.useA85 = 0


def deterministic_canvas(
    out: BinaryIO | str, *, title: str, author: str, pagesize: tuple[float, float] = A4
) -> Canvas:
    """A canvas with fixed metadata: no clock, no random document ID (reportlab ``invariant``)."""
    register_fonts()
    canvas = Canvas(out, pagesize=pagesize, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)
    canvas.setSubject("")
    return canvas


def page_operators(canvas: Canvas) -> list[str]:
    """The operators of the page being drawn: appending one draws it (``layout.paint`` writes
    text and lines this way, bypassing reportlab's per-call string handling)."""
    code: list[str] = canvas._code
    return code
