"""Small layout and drawing helpers for the A4 documents (Mẫu 01, cover letter).

The documents are laid out in two steps: pure functions turn text and a frame into *items*
(``Text``, ``Leader``, ``Rule``, ``Rect``, ``Cross``) at absolute positions, and ``paint`` puts the
items on a reportlab canvas. Keeping the decisions (where a line breaks, how far a value shrinks)
in pure functions lets tests check the geometry without reading a PDF back.

Coordinates are PDF points, origin bottom-left, ``y`` is a text baseline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents.fonts import text_width

__all__ = [
    "Blank",
    "Chunk",
    "Cross",
    "Fitted",
    "Item",
    "Leader",
    "Placed",
    "Rect",
    "Rule",
    "Text",
    "Word",
    "balance",
    "checkbox",
    "digit_boxes",
    "fit_text",
    "flow",
    "flow_items",
    "mm",
    "nfc",
    "paint",
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

# Dots of a leader: round caps on zero-length dashes give round dots in every viewer we tried.
_DOT_PITCH = 2.6
_DOT_SIZE = 0.8
_DOT_RISE = 1.2


def paint(canvas: Canvas, items: Iterable[Item]) -> None:
    """Draw the items; graphics state is saved and restored around them."""
    canvas.saveState()
    font: tuple[str, float] | None = None
    for item in items:
        if isinstance(item, Text):
            if (item.font, item.size) != font:
                font = (item.font, item.size)
                canvas.setFont(item.font, item.size)
            _paint_text(canvas, item)
        elif isinstance(item, Leader):
            _paint_leader(canvas, item)
        elif isinstance(item, Rule):
            canvas.setLineWidth(item.thickness)
            canvas.line(item.x0, item.y, item.x1, item.y)
        elif isinstance(item, Rect):
            canvas.setLineWidth(item.thickness)
            canvas.rect(item.x, item.y, item.w, item.h, stroke=1, fill=0)
        else:
            _paint_cross(canvas, item)
    canvas.restoreState()


def _paint_text(canvas: Canvas, item: Text) -> None:
    if item.char_space or item.word_space:
        # One Tj with Tc/Tw keeps the string whole, so text extraction reads it back contiguous.
        canvas.drawString(
            item.x, item.y, item.text, charSpace=item.char_space, wordSpace=item.word_space or None
        )
    else:
        canvas.drawString(item.x, item.y, item.text)


def _paint_leader(canvas: Canvas, item: Leader) -> None:
    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineWidth(_DOT_SIZE)
    canvas.setDash([0, _DOT_PITCH])
    # Start half a pitch in so the dots keep clear of the words on either side.
    canvas.line(item.x0 + _DOT_PITCH / 2, item.y + _DOT_RISE, item.x1, item.y + _DOT_RISE)
    canvas.restoreState()


def _paint_cross(canvas: Canvas, item: Cross) -> None:
    inset = item.side * 0.2
    x0, y0 = item.x + inset, item.y + inset
    x1, y1 = item.x + item.side - inset, item.y + item.side - inset
    canvas.setLineWidth(item.thickness)
    path = canvas.beginPath()
    path.moveTo(x0, y0)
    path.lineTo(x1, y1)
    path.moveTo(x0, y1)
    path.lineTo(x1, y0)
    canvas.drawPath(path, stroke=1, fill=0)


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

    def lines_at(candidate: float) -> list[str]:
        if balanced and first_width is None:
            return balance(text, font, candidate, line_width)
        return wrap(text, font, candidate, line_width, first_width)

    for lines_allowed in range(1, max_lines + 1):
        for candidate in _sizes(size, lowest, step):
            lines = lines_at(candidate)
            if len(lines) <= lines_allowed:
                return Fitted(tuple(lines), candidate)
    for candidate in _sizes(lowest - step, floor, step):
        lines = lines_at(candidate)
        if len(lines) <= max_lines:
            return Fitted(tuple(lines), candidate)
    lines = wrap(text, font, floor, line_width, first_width)[:max_lines]
    room = first_width if len(lines) == 1 and first_width is not None else line_width
    last = lines[-1]
    while last and width(last + "…", font, floor) > room:
        last = last[:-1]
    lines[-1] = last + "…"
    return Fitted(tuple(lines), floor)


def _sizes(start: float, stop: float, step: float) -> list[float]:
    """``start``, ``start - step``, … down to ``stop`` inclusive (empty when start < stop)."""
    sizes: list[float] = []
    value = start
    while value >= stop - 1e-9:
        sizes.append(round(value, 2))
        value -= step
    return sizes


def balance(text: str, font: str, size: float, line_width: float) -> list[str]:
    """Wrap into as few lines as greedy wrapping needs, but with lines as even as possible.

    "A long title / of two lines" rather than a full line and a one-word stub: for centred
    headings, and for a long value under its label.
    """
    lines = wrap(text, font, size, line_width)
    if len(lines) < 2:
        return lines
    low, high = 0.0, line_width
    for _ in range(20):  # bisect the narrowest frame that still gives the same line count
        mid = (low + high) / 2
        if len(wrap(text, font, size, mid)) <= len(lines):
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
    height = height or size * 1.35
    bottom = y - size * 0.3
    items: list[Item] = [Rect(x + i * box, bottom, box, height) for i in range(len(digits))]
    advances = {width(ch, font, size) for ch in digits}
    if len(advances) == 1:
        advance = advances.pop()
        items.append(Text(x + (box - advance) / 2, y, digits, font, size, char_space=box - advance))
        return items
    for i, ch in enumerate(digits):
        items.append(Text(x + i * box + (box - width(ch, font, size)) / 2, y, ch, font, size))
    return items


def checkbox(x: float, y: float, side: float, checked: bool) -> list[Item]:
    """A square checkbox sitting on baseline ``y``; ticked as ☒ (a drawn X)."""
    bottom = y - side * 0.1
    items: list[Item] = [Rect(x, bottom, side, side)]
    if checked:
        items.append(Cross(x, bottom, side))
    return items
