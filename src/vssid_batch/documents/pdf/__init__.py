"""The PDF machinery: the one place that knows how reportlab works inside and what exactly it
writes. The rest of ``documents/`` and ``batch/`` uses the plain functions listed here (and the
public reportlab API named in tests/test_reportlab_fence.py), never a reportlab private name.

What the fence relies on, each checked on the installed reportlab by
tests/test_reportlab_fence.py (pyproject bounds reportlab to the versions it was checked on):

- ``canvas``: ``Canvas._doc`` (the document behind a canvas) and ``Canvas._code`` (the page's
  operators, which ``paint`` appends to); ``rl_config.useA85``.
- ``fonts``: ``TTFont`` per-document state (``state``, ``_assignState``, ``State``,
  ``assignments``/``nextCode``/``subsets``/``frozen``, ``_asciiReadable``), ``addObjects`` and
  the ``pdfdoc`` objects it builds (``PDFTrueTypeFont``, ``PDFStream``, ``PDFArray``,
  ``DummyDoc``, ``doc.idToObject["BasicFonts"]``, ``doc.Reference``), ``face.makeSubset``,
  ``getSubsetInternalName`` and ``SUBSETN``.
- ``items``, ``painting``: the ``/F1+0`` resource names and ``rl_accel.escapePDF``/``fp_str``.
- ``assemble``: the shape of the files reportlab writes in invariant mode (a classic xref
  table, no object streams, its fixed date), which the hand-written splitter reads — it is
  five times faster than pikepdf; the tests compare its output with pikepdf and pypdf.

Modules: ``canvas`` (a deterministic canvas), ``fonts`` (the shipped fonts and their shared
subsets), ``items`` and ``painting`` (what a page is drawn from, and drawing it), ``assemble``
(splitting a chunk into per-person files, joining chunks into the print PDF). Both documents,
the forms and the cover letter, are drawn from items: nothing loads reportlab's platypus.
"""

from __future__ import annotations

from vssid_batch.documents.pdf.assemble import (
    PdfConcatenator,
    PdfFormatError,
    PdfInfo,
    split_pages,
)
from vssid_batch.documents.pdf.canvas import (
    PRODUCER,
    deterministic_canvas,
    drawn_chars,
    use_alphabet,
)
from vssid_batch.documents.pdf.fonts import (
    BOLD,
    BOLD_ITALIC,
    FONT_DIR,
    FULL,
    ITALIC,
    REGULAR,
    SEED,
    Alphabet,
    register_fonts,
    text_width,
    width,
    word_spaces,
)
from vssid_batch.documents.pdf.items import (
    Cross,
    Item,
    Leader,
    Part,
    Rect,
    Rule,
    Segment,
    Shifted,
    Text,
    flatten,
    shift,
)
from vssid_batch.documents.pdf.painting import paint

__all__ = [
    "BOLD",
    "BOLD_ITALIC",
    "FONT_DIR",
    "FULL",
    "ITALIC",
    "PRODUCER",
    "REGULAR",
    "SEED",
    "Alphabet",
    "Cross",
    "Item",
    "Leader",
    "Part",
    "PdfConcatenator",
    "PdfFormatError",
    "PdfInfo",
    "Rect",
    "Rule",
    "Segment",
    "Shifted",
    "Text",
    "deterministic_canvas",
    "drawn_chars",
    "flatten",
    "paint",
    "register_fonts",
    "shift",
    "split_pages",
    "text_width",
    "use_alphabet",
    "width",
    "word_spaces",
]
