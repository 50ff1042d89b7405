"""Small layout and drawing helpers for the A4 documents (Mẫu 01, cover letter).

The documents are laid out in two steps: pure functions turn text and a frame into *items*
(``Text``, ``Leader``, ``Rule``, ``Rect``, ``Cross``) at absolute positions, and ``paint`` puts the
items on a reportlab canvas. Keeping the decisions (where a line breaks, how far a value shrinks)
in pure functions lets tests check the geometry without reading a PDF back.

Batches draw tens of thousands of nearly identical pages, so ``paint`` writes PDF operators
itself, reusing what it can: the encoding of every string made of the seeded alphabet, and the
operators of a whole ``Segment`` (items shared by many pages, placed with a translation).

Coordinates are PDF points, origin bottom-left, ``y`` is a text baseline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from weakref import WeakKeyDictionary, ref

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents.fonts import (
    Alphabet,
    alphabet_of,
    seeded_bytes,
    subset_resource,
    text_width,
)
from vssid_batch.documents.pdf import page_operators

__all__ = [
    "Blank",
    "Chunk",
    "Cross",
    "Fitted",
    "Item",
    "Leader",
    "Part",
    "Placed",
    "Rect",
    "Rule",
    "Segment",
    "Shifted",
    "Text",
    "Word",
    "balance",
    "box_digits",
    "box_row",
    "checkbox",
    "digit_boxes",
    "fit_text",
    "flatten",
    "flow",
    "flow_items",
    "mm",
    "nfc",
    "paint",
    "shift",
    "template_chunks",
    "width",
    "wrap",
]


def nfc(text: str) -> str:
    """Unicode NFC: one code point per Vietnamese letter, so the font has a glyph for it.

    >>> len(nfc("Nguye\\u0302\\u0303n"))
    6
    """
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def width(text: str, font: str, size: float) -> float:
    """``text_width`` with a cache: labels and words repeat on every form of a batch."""
    return text_width(text, font, size)


# ---------------------------------------------------------------------------------------------
# Drawing items


@dataclass(frozen=True)
class Text:
    """A run of text on one baseline.

    ``char_space`` is added after every character (PDF ``Tc``), ``word_space`` after every
    space (``Tw``, used to justify).
    """

    x: float
    y: float
    text: str
    font: str
    size: float
    char_space: float = 0.0
    word_space: float = 0.0

    @property
    def width(self) -> float:
        """Distance from ``x`` to the right edge of the last glyph."""
        gaps = max(len(self.text) - 1, 0) * self.char_space
        return (
            width(self.text, self.font, self.size) + gaps + self.text.count(" ") * self.word_space
        )

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Leader:
    """A dotted line to write on by hand, from ``x0`` to ``x1`` just above baseline ``y``."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class Rule:
    """A solid horizontal line (the rule under the national motto)."""

    x0: float
    x1: float
    y: float
    thickness: float = 0.6


@dataclass(frozen=True)
class Rect:
    """An empty box (digit boxes, checkboxes); ``x``/``y`` is its bottom-left corner."""

    x: float
    y: float
    w: float
    h: float
    thickness: float = 0.6


@dataclass(frozen=True)
class Cross:
    """An X inside a box: a ticked checkbox drawn as lines, not as a glyph the font may lack."""

    x: float
    y: float
    side: float
    thickness: float = 0.9


Item = Text | Leader | Rule | Rect | Cross


@dataclass(frozen=True, eq=False)
class Segment:
    """Items that many pages draw alike (labels, fixed paragraphs, empty boxes), with ``y``
    measured from the baseline the segment is placed on (so mostly negative).

    ``paint`` turns a segment into PDF operators once and writes them on each page inside a
    translation, so per page it costs one string. Segments compare by identity: make each one
    once (cache the function that builds it).
    """

    items: tuple[Item, ...]


@dataclass(frozen=True)
class Shifted:
    """A ``Segment`` placed with its origin at height ``dy`` on the page."""

    segment: Segment
    dy: float


Part = Item | Shifted  # what a page is drawn from


def shift(item: Item, dy: float) -> Item:
    """``item`` moved up by ``dy``."""
    return replace(item, y=item.y + dy)


def flatten(parts: Iterable[Part]) -> list[Item]:
    """The items of ``parts`` at their places on the page, in drawing order."""
    items: list[Item] = []
    for part in parts:
        if isinstance(part, Shifted):
            items.extend(shift(item, part.dy) for item in part.segment.items)
        else:
            items.append(part)
    return items


# Dots of a leader: round caps on zero-length dashes give round dots in every viewer we tried.
_DOT_PITCH = 2.6
_DOT_SIZE = 0.8
_DOT_RISE = 1.2
_LEADER_STYLE = f"1 J {fp_str(_DOT_SIZE)} w [{fp_str(0, _DOT_PITCH)}] 0 d"


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
    key = canvas._doc  # reportlab's document object: one per output file
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
    elif isinstance(item, Leader):
        # Start half a pitch in so the dots keep clear of the words on either side.
        y = item.y + dy + _DOT_RISE
        code.append(
            f"q {_LEADER_STYLE} n {fp_str(item.x0 + _DOT_PITCH / 2, y)} m "
            f"{fp_str(item.x1, y)} l S Q"
        )
    elif isinstance(item, Rule):
        y = item.y + dy
        code.append(f"{fp_str(item.thickness)} w n {fp_str(item.x0, y)} m {fp_str(item.x1, y)} l S")
    elif isinstance(item, Rect):
        code.append(
            f"{fp_str(item.thickness)} w n {fp_str(item.x, item.y + dy, item.w, item.h)} re S"
        )
    else:
        inset = item.side * 0.2
        x0, y0 = item.x + inset, item.y + dy + inset
        x1, y1 = item.x + item.side - inset, item.y + dy + item.side - inset
        code.append(
            f"{fp_str(item.thickness)} w n {fp_str(x0, y0)} m {fp_str(x1, y1)} l "
            f"{fp_str(x0, y1)} m {fp_str(x1, y0)} l S"
        )


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


# ---------------------------------------------------------------------------------------------
# Fitting one value into a frame: wrap, shrink a little, never overrun.


@dataclass(frozen=True)
class Fitted:
    """The decision for one value: its lines and the font size they are set in."""

    lines: tuple[str, ...]
    size: float


def wrap(
    text: str, font: str, size: float, line_width: float, first_width: float | None = None
) -> list[str]:
    """Greedy word wrap. A word wider than a whole line is broken between characters.

    ``first_width`` is the room on the first line when it is narrower (a label before it).

    >>> wrap("một hai ba", "Tinos", 12, 40)
    ['một hai', 'ba']
    """
    words = nfc(text).split()
    if first_width is None:
        measured = _Measured(words, font, size)
        starts = measured.breaks(line_width)
        if starts is not None:
            return measured.lines(starts)
    return _wrap(words, font, size, line_width, first_width)


def _wrap(
    words: Sequence[str], font: str, size: float, line_width: float, first_width: float | None
) -> list[str]:
    """``wrap`` measuring every candidate line; it also cuts words wider than a line."""
    lines: list[str] = []
    current = ""
    room = line_width if first_width is None else first_width
    for word in words:
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= room:
            current = candidate
            continue
        if current or room < line_width:
            # A first line too narrow for even this word stays empty: the value starts below.
            lines.append(current)
            room = line_width
        current = word
        # An unbreakable run (a long e-mail address) is cut where it overflows.
        while width(current, font, size) > room:
            head = _longest_prefix(current, font, size, room)
            lines.append(head)
            room = line_width
            current = current[len(head) :]
    if current:
        lines.append(current)
    return lines


# How far a sum of word and space widths may be from the measured width of the joined line:
# glyph advances add exactly in font units, so only the rounding of each term to points differs.
_SLACK = 1e-6


class _Measured:
    """The words of a text and their widths at one size, for wrapping at many widths
    (``balance`` bisects): a candidate line's width is a sum instead of a new measurement.

    Gives the lines ``_wrap`` gives whenever no word is wider than the line; a sum that lands
    within ``_SLACK`` of the edge is settled by measuring the line itself.
    """

    def __init__(self, words: Sequence[str], font: str, size: float) -> None:
        self.words = words
        self.font = font
        self.size = size
        self.widths = [width(word, font, size) for word in words]
        self.space = width(" ", font, size)
        self.widest = max(self.widths, default=0.0)

    def breaks(self, room: float) -> list[int] | None:
        """The index of the first word of each line; None when a word is wider than ``room``
        (``_wrap`` cuts it between characters)."""
        if self.widest > room:
            return None
        if not self.words:
            return []
        starts = [0]
        line = self.widths[0]
        space = self.space
        for index in range(1, len(self.widths)):
            candidate = line + space + self.widths[index]
            if candidate <= room - _SLACK or (
                candidate <= room + _SLACK and self._measure(starts[-1], index + 1) <= room
            ):
                line = candidate
            else:
                starts.append(index)
                line = self.widths[index]
        return starts

    def _measure(self, start: int, stop: int) -> float:
        # Not through ``width``'s cache: a line of a person's value is measured once.
        return text_width(" ".join(self.words[start:stop]), self.font, self.size)

    def lines(self, starts: Sequence[int]) -> list[str]:
        ends = [*starts[1:], len(self.words)] if starts else []
        return [" ".join(self.words[a:b]) for a, b in zip(starts, ends, strict=True)]

    def count(self, room: float) -> int:
        """How many lines ``wrap`` makes at ``room``."""
        starts = self.breaks(room)
        if starts is not None:
            return len(starts)
        return len(_wrap(self.words, self.font, self.size, room, None))


def _longest_prefix(text: str, font: str, size: float, room: float) -> str:
    """The longest prefix of ``text`` that fits ``room`` (at least one character).

    When the cut falls inside a run such as an e-mail address, it moves back to just after an
    "@", ".", "-", "/" or "_" in the second half of the prefix, where a reader expects a break.

    >>> _longest_prefix("nguyen.van.an@example.com", "Tinos", 12, 90)
    'nguyen.van.an@'
    """
    end = 1
    while end < len(text) and width(text[: end + 1], font, size) <= room:
        end += 1
    if end < len(text):
        soft = max(text.rfind(mark, 0, end) for mark in "@.-/_")
        if soft >= end // 2:
            end = soft + 1
    return text[:end]


def fit_text(
    text: str,
    font: str,
    size: float,
    line_width: float,
    *,
    first_width: float | None = None,
    max_lines: int = 1,
    min_size: float | None = None,
    step: float = 0.5,
    floor: float = 6.0,
    balanced: bool = False,
) -> Fitted:
    """Choose lines and size for ``text`` in a frame ``line_width`` wide.

    Preference order: one line at ``size``; one line shrunk down to ``min_size`` (a slight
    shrink reads better than a break); then two lines, and so on up to ``max_lines``. A value
    that still does not fit keeps shrinking down to ``floor``; below that its last line is cut
    with "…" — a form that overruns its frame or spills onto a second page is worse.

    ``balanced`` evens out the lengths of the lines (no one-word last line); it applies when
    every line has the same width.

    >>> fit_text("Hà Nội", "Tinos", 12, 200)
    Fitted(lines=('Hà Nội',), size=12)
    """
    lowest = size if min_size is None else min_size
    words = nfc(text).split()

    counts: dict[float, int] = {}

    def lines_at(candidate: float) -> list[str]:
        if first_width is None and counts.get(candidate) == 1:
            return [" ".join(words)]  # what wrapping (and balancing) one line gives
        if balanced and first_width is None:
            return balance(text, font, candidate, line_width)
        return wrap(text, font, candidate, line_width, first_width)

    def count_at(candidate: float) -> int:
        """``len(lines_at(candidate))``, without balancing (which keeps the count) when it can."""
        if candidate not in counts:
            if first_width is not None:
                counts[candidate] = len(lines_at(candidate))
            elif words and text_width(" ".join(words), font, candidate) <= line_width:
                counts[candidate] = 1
            else:
                measured = _Measured(words, font, candidate)
                if measured.widest > line_width:
                    counts[candidate] = len(lines_at(candidate))
                else:
                    counts[candidate] = measured.count(line_width)
        return counts[candidate]

    for lines_allowed in range(1, max_lines + 1):
        for candidate in _sizes(size, lowest, step):
            if count_at(candidate) <= lines_allowed:
                return Fitted(tuple(lines_at(candidate)), candidate)
    for candidate in _sizes(lowest - step, floor, step):
        if count_at(candidate) <= max_lines:
            return Fitted(tuple(lines_at(candidate)), candidate)
    lines = wrap(text, font, floor, line_width, first_width)[:max_lines]
    room = first_width if len(lines) == 1 and first_width is not None else line_width
    last = lines[-1]
    while last and width(last + "…", font, floor) > room:
        last = last[:-1]
    lines[-1] = last + "…"
    return Fitted(tuple(lines), floor)


@lru_cache(maxsize=64)
def _sizes(start: float, stop: float, step: float) -> tuple[float, ...]:
    """``start``, ``start - step``, … down to ``stop`` inclusive (empty when start < stop)."""
    sizes: list[float] = []
    value = start
    while value >= stop - 1e-9:
        sizes.append(round(value, 2))
        value -= step
    return tuple(sizes)


def balance(text: str, font: str, size: float, line_width: float) -> list[str]:
    """Wrap into as few lines as greedy wrapping needs, but with lines as even as possible.

    "A long title / of two lines" rather than a full line and a one-word stub: for centred
    headings, and for a long value under its label.
    """
    measured = _Measured(nfc(text).split(), font, size)
    count = measured.count(line_width)
    if count < 2:
        return wrap(text, font, size, line_width)
    low, high = 0.0, line_width
    for _ in range(20):  # bisect the narrowest frame that still gives the same line count
        mid = (low + high) / 2
        if measured.count(mid) <= count:
            high = mid
        else:
            low = mid
    return wrap(text, font, size, high)


# ---------------------------------------------------------------------------------------------
# Flowing a paragraph whose template has fields: "{place}, ngày {dd} tháng {mm} năm {yyyy}".


@dataclass(frozen=True)
class Word:
    """Text set in one font; never broken."""

    text: str
    font: str


@dataclass(frozen=True)
class Blank:
    """A dotted leader to write on; ``width=None`` fills the rest of the line."""

    width: float | None = None


Piece = Word | Blank
Chunk = tuple[Piece, ...]  # pieces glued together: a line may break only between chunks

_TOKEN = re.compile(r"\{(\w+)\}|(\s+)|([^\s{]+|\{)")


def template_chunks(
    template: str,
    values: Mapping[str, str | None],
    *,
    font: str,
    value_font: str | None = None,
    blank: float = 40.0,
    fill: Collection[str] = (),
) -> list[Chunk]:
    """Split a template into unbreakable chunks; a field without a value becomes a ``Blank``.

    The blank is ``blank`` wide, or takes the rest of its line for a field named in ``fill``.

    Punctuation written against a field stays with it ("{place}," never starts a line with ",").

    >>> template_chunks("{place}, ngày", {"place": "Hà Nội"}, font="R")
    [(Word(text='Hà', font='R'),), (Word(text='Nội', font='R'), Word(text=',', font='R')), \
(Word(text='ngày', font='R'),)]
    """
    chunks: list[list[Piece]] = [[]]
    for field, space, literal in _TOKEN.findall(nfc(template)):
        if space:
            chunks.append([])
        elif literal:
            chunks[-1].append(Word(literal, font))
        elif values.get(field) is None:
            chunks[-1].append(Blank(None if field in fill else blank))
        else:
            words = nfc(values[field] or "").split()
            for index, word in enumerate(words):
                if index:
                    chunks.append([])
                chunks[-1].append(Word(word, value_font or font))
    return [tuple(chunk) for chunk in chunks if chunk]


@dataclass(frozen=True)
class Placed:
    """A piece placed on a flowed line, ``x`` from the line's start."""

    x: float
    piece: Piece
    width: float


def flow(
    chunks: Sequence[Chunk],
    size: float,
    line_width: float,
    *,
    first_width: float | None = None,
    space_font: str,
    min_fill: float = 24.0,
) -> list[tuple[Placed, ...]]:
    """Greedy line breaking of chunks; a ``Blank(None)`` takes what is left of its line."""
    space = width(" ", space_font, size)
    lines: list[list[Placed]] = [[]]
    room = line_width if first_width is None else first_width
    x = 0.0
    for chunk in chunks:
        chunk_width = sum(_piece_width(p, size) for p in chunk)
        start = x + space if lines[-1] else 0.0
        fills = any(isinstance(p, Blank) and p.width is None for p in chunk)
        needed = chunk_width + (min_fill if fills else 0.0)
        if lines[-1] and start + needed > room:
            lines.append([])
            room, start = line_width, 0.0
        x = start
        for index, piece in enumerate(chunk):
            piece_width = _piece_width(piece, size)
            if isinstance(piece, Blank) and piece.width is None:
                after = sum(_piece_width(p, size) for p in chunk[index + 1 :])
                piece_width = max(room - x - after, 0.0)
            lines[-1].append(Placed(x, piece, piece_width))
            x += piece_width
    return [tuple(line) for line in lines if line]


def _piece_width(piece: Piece, size: float) -> float:
    if isinstance(piece, Word):
        return width(piece.text, piece.font, size)
    return piece.width or 0.0


def flow_items(
    line: Sequence[Placed], x: float, y: float, size: float, *, justify_to: float | None = None
) -> list[Item]:
    """Items for one flowed line starting at ``x``.

    Adjacent words in the same font become one ``Text`` (fewer operators, cleaner extraction).
    ``justify_to`` stretches the spaces (``Tw``) so the line ends exactly there; only lines
    made of words alone can be justified.
    """
    items: list[Item] = []
    run: list[Placed] = []
    for placed in line:
        same_font = (
            run
            and isinstance(placed.piece, Word)
            and isinstance(run[-1].piece, Word)
            and placed.piece.font == run[-1].piece.font
        )
        if run and not same_font:
            items.extend(_run_items(run, x, y, size))
            run = []
        run.append(placed)
    if run:
        items.extend(_run_items(run, x, y, size))
    if justify_to is not None and len(items) == 1 and isinstance(items[0], Text):
        items[0] = _justified(items[0], justify_to)
    return items


def _run_items(run: list[Placed], x: float, y: float, size: float) -> list[Item]:
    first = run[0]
    if isinstance(first.piece, Blank):
        return [Leader(x + first.x, x + first.x + first.width, y)]
    # Glued words ("Nội" + ",") have no gap; separate chunks have exactly one space between.
    text = ""
    end = first.x
    for placed in run:
        assert isinstance(placed.piece, Word)
        text += (" " if placed.x > end + 0.01 else "") + placed.piece.text
        end = placed.x + placed.width
    font = first.piece.font
    return [Text(x + first.x, y, text, font, size)]


def _justified(text: Text, right: float) -> Text:
    spaces = text.text.count(" ")
    if not spaces:
        return text
    extra = (right - text.right) / spaces
    return Text(text.x, text.y, text.text, text.font, text.size, word_space=extra)


# ---------------------------------------------------------------------------------------------
# Boxes


def digit_boxes(
    x: float,
    y: float,
    digits: str,
    *,
    font: str,
    size: float,
    box: float,
    height: float | None = None,
) -> list[Item]:
    """One box per character, the character centred in it, boxes ``box`` wide, baseline ``y``.

    The characters are one string spaced with ``Tc``: text extraction reads them back as
    "001090123456", not "0 0 1 0 …". That needs equal advance widths, which the digits of a
    Times-metric font have; other characters are drawn one per item instead.
    """
    return [
        *box_row(x, y, len(digits), size=size, box=box, height=height),
        *box_digits(x, y, digits, font=font, size=size, box=box),
    ]


def box_row(
    x: float, y: float, count: int, *, size: float, box: float, height: float | None = None
) -> list[Item]:
    """The empty boxes of ``digit_boxes``: they depend on how many digits, not which."""
    height = height or size * 1.35
    bottom = y - size * 0.3
    return [Rect(x + i * box, bottom, box, height) for i in range(count)]


def box_digits(
    x: float, y: float, digits: str, *, font: str, size: float, box: float
) -> list[Item]:
    """The characters of ``digit_boxes``, each centred in its box."""
    advances = {width(ch, font, size) for ch in digits}
    if len(advances) == 1:
        advance = advances.pop()
        return [Text(x + (box - advance) / 2, y, digits, font, size, char_space=box - advance)]
    return [
        Text(x + i * box + (box - width(ch, font, size)) / 2, y, ch, font, size)
        for i, ch in enumerate(digits)
    ]


def checkbox(x: float, y: float, side: float, checked: bool) -> list[Item]:
    """A square checkbox sitting on baseline ``y``; ticked as ☒ (a drawn X)."""
    bottom = y - side * 0.1
    items: list[Item] = [Rect(x, bottom, side, side)]
    if checked:
        items.append(Cross(x, bottom, side))
    return items
