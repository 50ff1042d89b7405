"""A reportlab canvas that gives byte-identical PDFs for the same content, and the handles on
it that the rest of the fence needs (its document, its page's operators)."""

from __future__ import annotations

from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from vssid_batch import __version__
from vssid_batch.documents.pdf.fonts import (
    Alphabet,
    drawn_characters,
    register_fonts,
    set_document_alphabet,
)

PRODUCER = f"vssid-batch {__version__}"

# Binary (Flate only) streams: ASCII85 on top makes every file 25% larger and, in pure Python,
# cost an eighth of the time of a whole batch. PDF viewers and printers all read binary streams.
rl_config.useA85 = 0


def deterministic_canvas(
    out: BinaryIO | str,
    *,
    title: str,
    author: str,
    pagesize: tuple[float, float] = A4,
    lang: str | None = None,
) -> Canvas:
    """A canvas with fixed metadata: no clock, no random document ID (reportlab ``invariant``).
    ``lang``: the document's language for screen readers (``/Lang``)."""
    register_fonts()
    canvas = Canvas(out, pagesize=pagesize, invariant=1, pageCompression=1, lang=lang)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(PRODUCER)
    canvas.setProducer(PRODUCER)
    canvas.setSubject("")
    return canvas


def use_alphabet(canvas: Canvas, alphabet: Alphabet) -> None:
    """Seed the font subsets of ``canvas``'s document with ``alphabet``: call it before anything
    is drawn (see ``fonts``: the files of a batch then do not depend on how it was cut up)."""
    set_document_alphabet(document_of(canvas), alphabet)


def drawn_chars(canvas: Canvas) -> dict[str, str]:
    """Face → the characters drawn in it so far on ``canvas``'s document, which then forgets
    them: for a throwaway canvas, never saved (``documents.alphabet`` probes with one)."""
    return drawn_characters(document_of(canvas))


# The two private attributes of reportlab's canvas the fence relies on
# (tests/test_reportlab_fence.py checks both on the installed reportlab).


def document_of(canvas: Canvas) -> object:
    """reportlab's document object behind ``canvas`` (``canvas._doc``): one per output file,
    the key of every per-document font state."""
    return canvas._doc


def page_operators(canvas: Canvas) -> list[str]:
    """The operators of the page being drawn (``canvas._code``): appending one draws it
    (``paint`` writes text and lines this way, bypassing reportlab's per-call string handling)."""
    code: list[str] = canvas._code
    return code
