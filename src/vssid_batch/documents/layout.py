"""Small layout helpers for the A4 documents (Mẫu 01, cover letter).

The documents are laid out in two steps: pure functions here turn text and a frame into *items*
(``Text``, ``Leader``, ``Rule``, ``Rect``, ``Cross``, from ``documents.pdf``) at absolute
positions, and ``documents.pdf.paint`` puts the items on a reportlab canvas. Keeping the
decisions (where a line breaks, how far a value shrinks) in pure functions lets tests check the
geometry without reading a PDF back.

Coordinates are PDF points, origin bottom-left, ``y`` is a text baseline.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.units import mm

from vssid_batch.documents import pdf
from vssid_batch.documents.pdf import Item, Text, text_width, width

__all__ = [
    "CUT_EMS",
    "Blank",
    "Chunk",
    "Fitted",
    "Placed",
    "Word",
    "balance",
    "balance_words",
    "box_digits",
    "box_row",
    "checkbox",
    "digit_boxes",
    "fit_text",
    "flow",
    "flow_items",
    "justified",
    "mm",
    "nfc",
    "template_chunks",
    "width",
    "wrap",
    "wrap_words",
]


def nfc(text: str) -> str:
    """Unicode NFC: one code point per Vietnamese letter, so the font has a glyph for it.

    >>> len(nfc("Nguye\\u0302\\u0303n"))
    6
    """
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------
# Fitting one value into a frame: wrap, shrink a little, never overrun.


@dataclass(frozen=True)
class Fitted:
    """The decision for one value: its lines and the font size they are set in; ``cut`` when
    the last line was cut short (the form then draws a few dots after it)."""

    lines: tuple[str, ...]
    size: float
    cut: bool = dataclasses.field(default=False, repr=False)


# The room a cut value keeps at its end for the dots that say so, in ems. Dots drawn, not "…"
# typed: a character outside the batch's alphabet (documents/alphabet.py) would change the font
# subsets of every file in the chunk that drew it, so a person's form would depend on --jobs.
CUT_EMS = 1.0


def wrap(
    text: str, font: str, size: float, line_width: float, first_width: float | None = None
) -> list[str]:
    """Greedy word wrap. A word wider than a whole line is broken between characters.

    ``first_width`` is the room on the first line when it is narrower (a label before it).

    >>> wrap("một hai ba", "Tinos", 12, 40)
    ['một hai', 'ba']
    """
    return wrap_words(nfc(text).split(), font, size, line_width, first_width)


def wrap_words(
    words: Sequence[str],
    font: str,
    size: float,
    line_width: float,
    first_width: float | None = None,
) -> list[str]:
    """``wrap`` for text already split where a line may break (the cover letter keeps its
    no-break spaces inside words); lines join the words with one space."""
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
    short (``cut``) — a form that overruns its frame or spills onto a second page is worse.

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
    while last and width(last, font, floor) + CUT_EMS * floor > room:
        last = last[:-1]
    lines[-1] = last
    return Fitted(tuple(lines), floor, cut=True)


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
    return balance_words(nfc(text).split(), font, size, line_width)


def balance_words(words: Sequence[str], font: str, size: float, line_width: float) -> list[str]:
    """``balance`` for text already split where a line may break (see ``wrap_words``)."""
    measured = _Measured(words, font, size)
    count = measured.count(line_width)
    if count < 2:
        return wrap_words(words, font, size, line_width)
    low, high = 0.0, line_width
    for _ in range(20):  # bisect the narrowest frame that still gives the same line count
        mid = (low + high) / 2
        if measured.count(mid) <= count:
            high = mid
        else:
            low = mid
    return wrap_words(words, font, size, high)


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
        items[0] = justified(items[0], justify_to)
    return items


def _run_items(run: list[Placed], x: float, y: float, size: float) -> list[Item]:
    first = run[0]
    if isinstance(first.piece, Blank):
        return [pdf.Leader(x + first.x, x + first.x + first.width, y)]
    # Glued words ("Nội" + ",") have no gap; separate chunks have exactly one space between.
    text = ""
    end = first.x
    for placed in run:
        assert isinstance(placed.piece, Word)
        text += (" " if placed.x > end + 0.01 else "") + placed.piece.text
        end = placed.x + placed.width
    font = first.piece.font
    return [Text(x + first.x, y, text, font, size)]


def justified(text: Text, right: float) -> Text:
    """``text`` with its spaces stretched (``Tw``) so that it ends at ``right``; no-break spaces
    stretch with them (``pdf.word_spaces``)."""
    spaces = pdf.word_spaces(text.text)
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
    return [pdf.Rect(x + i * box, bottom, box, height) for i in range(count)]


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
    items: list[Item] = [pdf.Rect(x, bottom, side, side)]
    if checked:
        items.append(pdf.Cross(x, bottom, side))
    return items
