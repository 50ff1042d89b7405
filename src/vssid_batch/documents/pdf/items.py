"""What a page is drawn from: items at absolute positions (``Text``, ``Leader``, ``Rule``,
``Rect``, ``Cross``) and ``Segment``s of items many pages share, placed at a height.

``documents.layout`` decides where items go; ``painting.paint`` writes them into a page (lines
and boxes give their own operators, text needs the document's fonts).
Coordinates are PDF points, origin bottom-left, ``y`` is a text baseline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import ClassVar

from reportlab.lib.rl_accel import fp_str

from vssid_batch.documents.pdf.fonts import width, word_spaces


@dataclass(frozen=True)
class Text:
    """A run of text on one baseline.

    ``char_space`` is added after every character (PDF ``Tc``), ``word_space`` after every
    space and no-break space (``Tw``, used to justify: both are written as byte 32).
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
        stretch = word_spaces(self.text) * self.word_space if self.word_space else 0.0
        return width(self.text, self.font, self.size) + gaps + stretch

    @property
    def right(self) -> float:
        return self.x + self.width


# Dots of a leader: round caps on zero-length dashes give round dots in every viewer we tried.
_DOT_PITCH = 2.6
_DOT_SIZE = 0.8
_DOT_RISE = 1.2
_LEADER_STYLE = f"1 J {fp_str(_DOT_SIZE)} w [{fp_str(0, _DOT_PITCH)}] 0 d"


@dataclass(frozen=True)
class _Horizontal:
    """A horizontal line from ``x0`` to ``x1`` at height ``y``."""

    x0: float
    x1: float
    y: float


class _Stroked:
    """A path stroked with a solid pen ``thickness`` points wide."""

    thickness: ClassVar[float] = 0.6

    def operators(self, dy: float) -> str:
        """The operators drawing it moved up by ``dy``."""
        return f"{fp_str(self.thickness)} w n {self.path(dy)} S"

    def path(self, dy: float) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Leader(_Horizontal):
    """A dotted line to write on by hand, just above baseline ``y``."""

    def operators(self, dy: float) -> str:
        """The line moved up by ``dy``; it starts half a pitch in, so the dots keep clear of
        the words on either side."""
        y = self.y + dy + _DOT_RISE
        start = fp_str(self.x0 + _DOT_PITCH / 2, y)
        return f"q {_LEADER_STYLE} n {start} m {fp_str(self.x1, y)} l S Q"


@dataclass(frozen=True)
class Rule(_Horizontal, _Stroked):
    """A solid horizontal line (the rule under the national motto)."""

    def path(self, dy: float) -> str:
        return f"{fp_str(self.x0, self.y + dy)} m {fp_str(self.x1, self.y + dy)} l"


@dataclass(frozen=True)
class Rect(_Stroked):
    """An empty box (digit boxes, checkboxes); ``x``/``y`` is its bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    def path(self, dy: float) -> str:
        return f"{fp_str(self.x, self.y + dy, self.w, self.h)} re"


@dataclass(frozen=True)
class Cross(_Stroked):
    """An X inside a box: a ticked checkbox drawn as lines, not as a glyph the font may lack."""

    thickness: ClassVar[float] = 0.9

    x: float
    y: float
    side: float

    def path(self, dy: float) -> str:
        inset = self.side * 0.2
        x0, y0 = self.x + inset, self.y + dy + inset
        x1, y1 = self.x + self.side - inset, self.y + dy + self.side - inset
        return f"{fp_str(x0, y0)} m {fp_str(x1, y1)} l {fp_str(x0, y1)} m {fp_str(x1, y0)} l"


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
