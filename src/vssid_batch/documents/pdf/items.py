"""What a page is drawn from: items at absolute positions (``Text``, ``Leader``, ``Rule``,
``Rect``, ``Cross``) and ``Segment``s of items many pages share, placed at a height.

``documents.layout`` decides where items go; ``paint`` turns them into PDF operators.
Coordinates are PDF points, origin bottom-left, ``y`` is a text baseline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from vssid_batch.documents.pdf.fonts import width


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
