"""The cover letter (công văn) that goes to the BHXH office with the forms.

Laid out by Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính): a two-column
header (employer and số/ký hiệu on the left, Quốc hiệu and Tiêu ngữ on the right), the recipient,
a justified body, then "Nơi nhận" on the left and the signature block on the right. The wording
lives in ``cover_letter.toml``; this module only fills it in and places it.

It is laid out as the forms are: pure functions turn text into items at absolute positions
(``layout_cover_letter``, with ``documents.layout``'s line breaking) and ``pdf.paint`` draws
them. Paragraphs stack the way typesetting programs stack them: a paragraph's first baseline
one font size below its top, then one leading per line, and space after it unless it ends a
column or a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm, mm

from vssid_batch.documents import layout, pdf
from vssid_batch.documents.edition import parse_wording
from vssid_batch.documents.layout import nfc
from vssid_batch.documents.pdf import Item, Text, shift
from vssid_batch.models import Unit
from vssid_batch.text import dated_place, letter_number, vietnamese_count

WORDING_FILE = Path(__file__).with_name("cover_letter.toml")

# Nghị định 30/2020: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The minimums leave the
# most room, so an ordinary submission stays on one page.
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
# Running text keeps 6 pt inside the margins; the two-column header and the sign-off span them.
INSET = 6
TEXT_LEFT = MARGIN_LEFT + INSET
TEXT_WIDTH = FRAME_WIDTH - 2 * INSET
TEXT_TOP = PAGE_HEIGHT - MARGIN_TOP - INSET
TEXT_BOTTOM = MARGIN_BOTTOM + INSET

# Header columns: the right one must hold "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 12 pt bold
# (88 mm) on one line; the left one takes the rest, enough for the trích yếu in two lines.
HEADER_RIGHT = 93 * mm
HEADER_GAP = 6  # points between the two header columns
HEADER_LEFT = FRAME_WIDTH - HEADER_RIGHT
HEADER_ROW_GAP = 6  # between the rules and the "Số" / date line
# Footer: "Nơi nhận" on the left, the signature block centred on the right.
FOOTER_LEFT = 72 * mm
FOOTER_RIGHT = FRAME_WIDTH - FOOTER_LEFT
FOOTER_GAP = 6  # above "Nơi nhận" and the signer's title

BODY_SIZE = 14
HEADER_SIZE = 12  # Quốc hiệu and the employer name share one size (Phụ lục I)
MOTTO_SIZE = 13
NUMBER_SIZE = 13
SIGN_SPACE = 28 * mm  # room for the signature and the round stamp
RULE_THICKNESS = pdf.Rule.thickness
NBSP = "\u00a0"


class Wording(BaseModel):
    """The letter's fixed text (see cover_letter.toml for the placeholders)."""

    model_config = ConfigDict(frozen=True)

    subject: str
    national_name: str
    motto: str
    greeting: str
    body: tuple[str, ...]
    contact: str
    contact_email: str
    closing: str
    recipients_heading: str
    recipients: tuple[str, ...]


@cache
def load_wording(path: Path = WORDING_FILE) -> Wording:
    """Read the letter's wording from its TOML file (once per process)."""
    return Wording.model_validate(parse_wording(path.read_text("utf-8")))


# ---------------------------------------------------------------------------------------------
# Paragraph styles


@dataclass(frozen=True)
class Style:
    """How a paragraph is set. ``balanced``: centred lines of even length, as typed headings
    break ("… cài đặt / ứng dụng VssID …", not a full line and one orphan word)."""

    font: str
    size: float
    leading: float = 0.0  # 0: single spacing, 1.2 × size
    align: Literal["centre", "left", "justify"] = "centre"
    indent: float = 0.0  # of the first line
    space_after: float = 0.0
    balanced: bool = False

    @property
    def line_height(self) -> float:
        return self.leading or round(self.size * 1.2, 1)


PARENT = Style(pdf.REGULAR, HEADER_SIZE, balanced=True)
EMPLOYER = Style(pdf.BOLD, HEADER_SIZE, balanced=True)
NUMBER = Style(pdf.REGULAR, NUMBER_SIZE, space_after=2)
SUBJECT = Style(pdf.REGULAR, 12, leading=14, balanced=True)
NATION = Style(pdf.BOLD, HEADER_SIZE)
MOTTO = Style(pdf.BOLD, MOTTO_SIZE)
DATED = Style(pdf.ITALIC, BODY_SIZE)
GREETING = Style(pdf.REGULAR, BODY_SIZE, leading=17, space_after=10)
# A little over single spacing (Phụ lục I allows single to 1.5 lines), first line indented.
BODY = Style(pdf.REGULAR, BODY_SIZE, leading=17, align="justify", indent=1.27 * cm, space_after=6)
SIGN = Style(pdf.BOLD, 13, leading=16)
SIGNER = Style(pdf.BOLD, BODY_SIZE)
CC_HEADING = Style(pdf.BOLD_ITALIC, 12, align="left")
CC = Style(pdf.REGULAR, 11, leading=13, align="left")

# A line may break at any space but a no-break one ("25\u00a0người", a phone number).
_BREAKABLE = re.compile(r"[^\S\u00a0]+")


def set_lines(text: str, style: Style, left: float, width: float) -> list[Text]:
    """The lines of a paragraph between ``left`` and ``left + width``, baselines measured from
    the paragraph's top (0, so negative). Justified text stretches every line but the last.

    >>> [line.text for line in set_lines("Kính gửi: Bảo hiểm xã hội", GREETING, 0, 120)]
    ['Kính gửi: Bảo hiểm', 'xã hội']
    """
    words = [word for word in _BREAKABLE.split(nfc(text)) if word]
    font, size = style.font, style.size
    if style.balanced:
        lines = layout.balance_words(words, font, size, width)
    elif style.indent:
        lines = layout.wrap_words(words, font, size, width, first_width=width - style.indent)
    else:
        lines = layout.wrap_words(words, font, size, width)
    placed = []
    for index, line in enumerate(lines):
        x = left + (style.indent if index == 0 else 0.0)
        item = Text(x, -size - index * style.line_height, line, font, size)
        if style.align == "centre":
            item = replace(item, x=left + (width - item.width) / 2)
        elif style.align == "justify" and index < len(lines) - 1:
            item = layout.justified(item, left + width)
        placed.append(item)
    return placed


@dataclass
class _Column:
    """Paragraphs, rules and spaces stacked down a column from ``y`` (its top is 0)."""

    left: float
    width: float
    y: float = 0.0  # top of the next block
    items: list[Item] = field(default_factory=list)
    owed: float = 0.0  # space after the last block: given only if another block follows

    def paragraph(self, text: str, style: Style) -> _Column:
        self.y -= self.owed
        lines = set_lines(text, style, self.left, self.width)
        self.items += (shift(line, self.y) for line in lines)
        self.y -= len(lines) * style.line_height
        self.owed = style.space_after
        return self

    def rule(self, length: float, *, space_before: float, space_after: float = 6) -> _Column:
        """A centred rule ``length`` long."""
        self.y -= self.owed + space_before + RULE_THICKNESS
        centre = self.left + self.width / 2
        self.items.append(pdf.Rule(centre - length / 2, centre + length / 2, self.y))
        self.owed = space_after
        return self

    def space(self, height: float) -> _Column:
        self.y -= self.owed + height
        self.owed = 0.0
        return self

    @property
    def height(self) -> float:
        return -self.y


# ---------------------------------------------------------------------------------------------
# Blocks: what the letter is made of, each measured down from its own top (0)


@dataclass(frozen=True)
class _Block:
    items: tuple[Item, ...]
    height: float
    space_after: float = 0.0
    part: str = "body"  # what the clerk would shorten if it did not fit ("heading", "signature")


class LetterDoesNotFit(ValueError):
    """The letter's heading or signature block (``part``) is taller than a page: values that
    are very wide for their length (unit.toml caps count characters, not their width)."""

    def __init__(self, part: str) -> None:
        super().__init__(f"the cover letter's {part} is taller than a page")
        self.part = part


Group = Sequence[_Block]  # blocks a page break may not separate


def _fill(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(values)


def _header(unit: Unit, on: date, wording: Wording) -> _Block:
    """Employer and Quốc hiệu side by side, then "Số: …" and the date line, level with each
    other whatever the height of the employer's name (one to several lines)."""
    employer = _Column(MARGIN_LEFT, HEADER_LEFT - HEADER_GAP)
    if unit.employer.parent:
        employer.paragraph(unit.employer.parent.upper(), PARENT)
    name = nfc(unit.employer.name.upper())
    employer.paragraph(name, EMPLOYER)
    # Under the name, a rule a third to a half as long as it.
    line = min(pdf.text_width(name, EMPLOYER.font, EMPLOYER.size), employer.width)
    employer.rule(0.4 * line, space_before=4)
    # Quốc hiệu and Tiêu ngữ, with a solid rule exactly as long as the Tiêu ngữ.
    nation = _Column(MARGIN_LEFT + HEADER_LEFT, HEADER_RIGHT)
    nation.paragraph(wording.national_name, NATION).paragraph(wording.motto, MOTTO)
    nation.rule(pdf.text_width(nfc(wording.motto), MOTTO.font, MOTTO.size), space_before=3)
    second_row = -max(employer.height, nation.height) - HEADER_ROW_GAP
    number = _Column(employer.left, employer.width, y=second_row)
    number.paragraph(f"Số: {letter_number(unit, on)}", NUMBER)
    number.paragraph(wording.subject, SUBJECT)
    dated = _Column(nation.left, nation.width, y=second_row)
    dated.paragraph(dated_place(unit.letter.place, on), DATED)
    columns = (employer, nation, number, dated)
    return _Block(
        tuple(item for column in columns for item in column.items),
        max(number.height, dated.height),
        space_after=14,
        part="heading",
    )


def _paragraph(text: str, style: Style) -> list[Group]:
    """A paragraph as one block per line; its first two lines stay together (a page never ends
    on a paragraph's first line), its last line may start a page."""
    lines = set_lines(text, style, TEXT_LEFT, TEXT_WIDTH)
    blocks = [
        _Block((shift(line, index * style.line_height),), style.line_height)
        for index, line in enumerate(lines)
    ]
    if blocks:
        blocks[-1] = replace(blocks[-1], space_after=style.space_after)
    return [blocks[:2], *([block] for block in blocks[2:])]


def _contact_text(unit: Unit, wording: Wording) -> str:
    contact = unit.contact
    # No-break spaces: a phone number written "0912 345 678" never splits across two lines.
    phone = contact.phone.replace(" ", NBSP)
    text = _fill(wording.contact, {"name": contact.name, "phone": phone})
    if contact.email:
        text += _fill(wording.contact_email, {"email": contact.email})
    return text


def _body(unit: Unit, people: int, wording: Wording) -> list[str]:
    letter, employer = unit.letter, unit.employer
    values = {
        "recipient": letter.recipient,
        "reference": letter.reference,
        "reference_date": letter.reference_date.strftime("%d/%m/%Y"),
        "reference_issuer": letter.reference_issuer,
        "employer": employer.name,
        "bhxh_unit_code": employer.bhxh_unit_code,
        "tax_code": employer.tax_code,
        "address": employer.address,
        "people": vietnamese_count(people),
        "contact": _contact_text(unit, wording),
    }
    return [_fill(text, values) for text in wording.body]


def _sign_off(unit: Unit, wording: Wording) -> _Block:
    """ "Nơi nhận" bottom left and the signature block bottom right, starting on one line."""
    recipients = _Column(MARGIN_LEFT, FOOTER_LEFT, y=-FOOTER_GAP)
    recipients.paragraph(wording.recipients_heading, CC_HEADING)
    for line in wording.recipients:
        recipients.paragraph(_fill(line, {"archive": unit.letter.archive}), CC)
    signer = unit.signer
    sign = _Column(MARGIN_LEFT + FOOTER_LEFT, FOOTER_RIGHT, y=-FOOTER_GAP)
    if signer.authority:
        sign.paragraph(signer.authority.upper(), SIGN)
    sign.paragraph(signer.title.upper(), SIGN).space(SIGN_SPACE).paragraph(signer.name, SIGNER)
    return _Block(
        (*recipients.items, *sign.items), max(recipients.height, sign.height), part="signature"
    )


def _groups(unit: Unit, people: int, on: date) -> Iterator[Group]:
    wording = load_wording()
    yield [_header(unit, on, wording)]
    yield from _paragraph(_fill(wording.greeting, {"recipient": unit.letter.recipient}), GREETING)
    for text in _body(unit, people, wording):
        yield from _paragraph(text, BODY)
    # The closing line never ends a page alone, away from the signature.
    closing = [block for group in _paragraph(wording.closing, BODY) for block in group]
    yield [*closing, _sign_off(unit, wording)]


# ---------------------------------------------------------------------------------------------
# Pages


def _page_number(page: int) -> Text:
    """Page numbers from page 2 on, centred in the top margin (Phụ lục I)."""
    number = Text(0, PAGE_HEIGHT - MARGIN_TOP / 2 - 4, str(page), pdf.REGULAR, 13)
    return replace(number, x=MARGIN_LEFT + (FRAME_WIDTH - number.width) / 2)


def _pages(groups: Iterable[Group]) -> list[list[Item]]:
    """The groups placed down the pages: a group that does not fit below starts a new page."""
    pages: list[list[Item]] = [[]]
    y = TEXT_TOP
    for group in groups:
        height = sum(block.height for block in group) + sum(b.space_after for b in group[:-1])
        if TEXT_TOP - height < TEXT_BOTTOM:
            raise LetterDoesNotFit(max(group, key=lambda block: block.height).part)
        if y - height < TEXT_BOTTOM - 1e-6 and pages[-1]:
            pages.append([_page_number(len(pages) + 1)])
            y = TEXT_TOP
        for block in group:
            pages[-1] += (shift(item, y) for item in block.items)
            y -= block.height + block.space_after
    return pages


def layout_cover_letter(unit: Unit, *, people: int, on: date) -> list[list[Item]]:
    """The items of each page of the công văn, in reading order."""
    if people < 1:
        raise ValueError("a cover letter needs at least one person")
    return _pages(_groups(unit, people, on))


def write_cover_letter(path: Path, unit: Unit, *, people: int, on: date) -> None:
    """Write ``render_cover_letter``'s PDF to ``path``."""
    path.write_bytes(render_cover_letter(unit, people=people, on=on))


def render_cover_letter(unit: Unit, *, people: int, on: date) -> bytes:
    """The công văn as PDF bytes: A4 portrait, byte-identical for the same inputs.

    ``people`` is the number of forms sent; ``on`` dates the letter (and gives the year in its
    number). Each face's subset holds the characters the letter draws in it.
    """
    pages = layout_cover_letter(unit, people=people, on=on)
    chars: dict[str, set[str]] = {}
    for item in (item for page in pages for item in page):
        if isinstance(item, Text):
            chars.setdefault(item.font, set()).update(item.text)
    out = BytesIO()
    canvas = pdf.deterministic_canvas(
        out,
        title=f"Công văn đăng ký giao dịch điện tử – {unit.employer.name}",
        author=unit.employer.name,
        lang="vi",
    )
    pdf.use_alphabet(canvas, pdf.Alphabet.of(chars))
    for page in pages:
        pdf.paint(canvas, page)
        canvas.showPage()
    canvas.save()
    return out.getvalue()
