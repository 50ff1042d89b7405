"""Putting items on a reportlab canvas by writing their PDF operators directly.

Batches draw tens of thousands of nearly identical pages, so ``paint`` writes PDF operators
itself, reusing what it can: the encoding of every string made of the seeded alphabet, and the
operators of a whole ``Segment`` (items shared by many pages, placed with a translation).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from weakref import WeakKeyDictionary, ref

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents.pdf.canvas import document_of, page_operators
from vssid_batch.documents.pdf.fonts import Alphabet, alphabet_of, seeded_bytes, subset_resource
from vssid_batch.documents.pdf.items import Item, Part, Segment, Shifted, Text


def paint(canvas: Canvas, parts: Iterable[Part]) -> None:
    """Draw the items and segments; graphics state is saved and restored around them.

    The PDF operators are written directly: reportlab's ``drawString`` splits and encodes every
    string anew, while text whose characters all have a fixed byte in the seeded font subsets
    (``fonts.seeded_bytes``) can be encoded once per process. Text with any other character goes
    through ``drawString``. The output depends only on what is drawn in the document.
    """
    document = _document(canvas)
    canvas.saveState()
    code = page_operators(canvas)
    for part in parts:
        if isinstance(part, Shifted):
            operators = document.segment(part.segment)
            if operators is not None:
                code.append(f"q 1 0 0 1 0 {fp_str(part.dy)} cm\n{operators}\nQ")
                continue
            for item in part.segment.items:
                _paint_item(canvas, document, code, item, part.dy)
        else:
            _paint_item(canvas, document, code, part, 0.0)
    canvas.restoreState()


class _Document:
    """What one PDF document has been given so far: the PDF names of the fonts it uses.

    Kept in a ``WeakKeyDictionary`` keyed by reportlab's document, so it must not refer to it.
    """

    def __init__(self, document: object) -> None:
        self._document = ref(document)
        self._fonts: dict[tuple[str, float], str] = {}
        self.alphabet = alphabet_of(document)

    def font(self, font: str, size: float) -> str:
        """``/F2+0 12 Tf`` for this document (the font is added to it on first use)."""
        key = (font, size)
        operator = self._fonts.get(key)
        if operator is None:
            resource = subset_resource(font, self._document())
            operator = self._fonts[key] = f"{resource} {fp_str(size)} Tf"
        return operator

    def segment(self, segment: Segment) -> str | None:
        """The operators drawing ``segment`` at its own coordinates, or None when a character
        is outside the seed (the segment is then drawn item by item)."""
        fonts = _segment_fonts(segment, self.alphabet)
        if fonts is None:
            return None
        # Fonts are added to the document in the order the segment first uses them, as if its
        # items were drawn one by one; the operators depend on nothing else of the document.
        operators = tuple(self.font(*key) for key in fonts)
        return _segment_operators(segment, operators, self.alphabet)


_documents: WeakKeyDictionary[object, _Document] = WeakKeyDictionary()


def _document(canvas: Canvas) -> _Document:
    key = document_of(canvas)
    document = _documents.get(key)
    if document is None:
        document = _documents[key] = _Document(key)
    return document


@lru_cache(maxsize=256)
def _segment_fonts(segment: Segment, alphabet: Alphabet) -> tuple[tuple[str, float], ...] | None:
    """The (font, size) pairs of the segment's text in order of first use; None when some text
    has a character outside the seed."""
    fonts: dict[tuple[str, float], None] = {}
    for item in segment.items:
        if isinstance(item, Text):
            if _encoded(item.font, item.text, alphabet.chars(item.font)) is None:
                return None
            fonts[item.font, item.size] = None
    return tuple(fonts)


@lru_cache(maxsize=256)
def _segment_operators(
    segment: Segment, font_operators: tuple[str, ...], alphabet: Alphabet
) -> str:
    """The segment's operators, given its fonts' ``Tf`` operators in this document."""
    fonts = _segment_fonts(segment, alphabet)
    assert fonts is not None
    document = _Fixed(dict(zip(fonts, font_operators, strict=True)), alphabet)
    code: list[str] = []
    for item in segment.items:
        _paint_item(None, document, code, item, 0.0)
    return "\n".join(code)


class _Fixed:
    """The ``font`` method of ``_Document`` for fonts known in advance."""

    def __init__(self, fonts: dict[tuple[str, float], str], alphabet: Alphabet) -> None:
        self._fonts = fonts
        self.alphabet = alphabet

    def font(self, font: str, size: float) -> str:
        return self._fonts[font, size]


@lru_cache(maxsize=1024)  # labels and common values; a person's own strings rarely repeat
def _encoded(font: str, text: str, chars: str) -> str | None:
    """``text`` as a PDF string literal for subset 0 of ``font`` seeded with ``chars``; None if
    outside the seed."""
    data = seeded_bytes(font, text, chars)
    return None if data is None else f"({escapePDF(data)})"


def _paint_item(
    canvas: Canvas | None, document: _Document | _Fixed, code: list[str], item: Item, dy: float
) -> None:
    """Append the operators of ``item`` moved up by ``dy`` to ``code`` (text outside the seed:
    drawn on ``canvas``, which is then required)."""
    if isinstance(item, Text):
        literal = _encoded(item.font, item.text, document.alphabet.chars(item.font))
        if literal is None:
            assert canvas is not None
            _draw_string(canvas, item, dy)
            return
        spacing = ""
        reset = ""
        if item.char_space:
            spacing += f" {fp_str(item.char_space)} Tc"
            reset += " 0 Tc"
        if item.word_space:
            spacing += f" {fp_str(item.word_space)} Tw"
            reset += " 0 Tw"
        code.append(
            f"BT {document.font(item.font, item.size)} {fp_str(item.x, item.y + dy)} Td"
            f"{spacing} {literal} Tj{reset} ET"
        )
    else:
        code.append(item.operators(dy))


def _draw_string(canvas: Canvas, item: Text, dy: float) -> None:
    """Text with a character outside the seed: reportlab assigns its byte in this document."""
    canvas.setFont(item.font, item.size)
    if item.char_space or item.word_space:
        # One Tj with Tc/Tw keeps the string whole, so text extraction reads it back contiguous.
        canvas.drawString(
            item.x,
            item.y + dy,
            item.text,
            charSpace=item.char_space,
            wordSpace=item.word_space or None,
        )
    else:
        canvas.drawString(item.x, item.y + dy, item.text)
