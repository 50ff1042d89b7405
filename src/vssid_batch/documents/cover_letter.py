"""The cover letter (công văn) that goes to the BHXH office with the forms.

Laid out by Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành chính): a two-column
header (employer and số/ký hiệu on the left, Quốc hiệu and Tiêu ngữ on the right), the recipient,
a justified body, then "Nơi nhận" on the left and the signature block on the right. The wording
lives in ``cover_letter.toml``; this module only fills it in and places it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from functools import cache
from html import escape  # not xml.sax.saxutils: it imports urllib.request (20 ms)
from io import BytesIO
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents import pdf
from vssid_batch.documents.edition import parse_wording
from vssid_batch.documents.pdf import platypus
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

# Header columns: the right one must hold "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 12 pt bold
# (88 mm) on one line; the left one takes the rest, enough for the trích yếu in two lines.
HEADER_RIGHT = 93 * mm
HEADER_GAP = 6  # points between the two header columns
HEADER_LEFT = FRAME_WIDTH - HEADER_RIGHT
# Footer: "Nơi nhận" on the left, the signature block centred on the right.
FOOTER_LEFT = 72 * mm
FOOTER_RIGHT = FRAME_WIDTH - FOOTER_LEFT

BODY_SIZE = 14
HEADER_SIZE = 12  # Quốc hiệu and the employer name share one size (Phụ lục I)
MOTTO_SIZE = 13
NUMBER_SIZE = 13
SIGN_SPACE = 28 * mm  # room for the signature and the round stamp
RULE_THICKNESS = 0.6
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
# Numbers and dates, written the way Vietnamese administrative documents write them.


# ---------------------------------------------------------------------------------------------
# Styles


def _style(name: str, font: str, size: float, **kwargs: object) -> ParagraphStyle:
    leading = kwargs.pop("leading", round(size * 1.2, 1))
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **kwargs)


@cache
def _styles() -> Mapping[str, ParagraphStyle]:
    pdf.register_fonts()
    return {
        "parent": _style("parent", pdf.REGULAR, HEADER_SIZE, alignment=TA_CENTER),
        "employer": _style("employer", pdf.BOLD, HEADER_SIZE, alignment=TA_CENTER),
        "number": _style("number", pdf.REGULAR, NUMBER_SIZE, alignment=TA_CENTER, spaceAfter=2),
        "subject": _style("subject", pdf.REGULAR, 12, alignment=TA_CENTER, leading=14),
        "nation": _style("nation", pdf.BOLD, HEADER_SIZE, alignment=TA_CENTER),
        "motto": _style("motto", pdf.BOLD, MOTTO_SIZE, alignment=TA_CENTER),
        "dated": _style("dated", pdf.ITALIC, BODY_SIZE, alignment=TA_CENTER),
        "greeting": _style("greeting", pdf.REGULAR, BODY_SIZE, alignment=TA_CENTER, leading=17),
        "body": _style(
            "body",
            pdf.REGULAR,
            BODY_SIZE,
            alignment=TA_JUSTIFY,
            leading=17,  # a little over single spacing; Phụ lục I allows single to 1.5 lines
            firstLineIndent=1.27 * cm,
            spaceAfter=6,
        ),
        "sign": _style("sign", pdf.BOLD, 13, alignment=TA_CENTER, leading=16),
        "signer": _style("signer", pdf.BOLD, BODY_SIZE, alignment=TA_CENTER),
        "cc_heading": _style("cc_heading", pdf.BOLD_ITALIC, 12, alignment=TA_LEFT),
        "cc": _style("cc", pdf.REGULAR, 11, alignment=TA_LEFT, leading=13),
    }


def _para(text: str, style: str) -> platypus.Paragraph:
    """A paragraph of plain text: NFC (decomposed marks render badly) and markup-escaped."""
    return platypus.Paragraph(
        escape(unicodedata.normalize("NFC", text), quote=False), _styles()[style]
    )


class _Balanced(platypus.Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A centred paragraph wrapped to the narrowest width that keeps its number of lines.

    Heading blocks then break into lines of similar length, as typed documents do, instead of a
    full line followed by one orphan word ("… cho người lao" / "động").
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        super().wrap(availWidth, availHeight)
        lines = pdf.paragraph_lines(self)
        narrow, wide = 0.0, float(availWidth)
        for _ in range(16):  # bisection to well under a point
            middle = (narrow + wide) / 2
            super().wrap(middle, availHeight)
            if pdf.paragraph_lines(self) <= lines:
                wide = middle
            else:
                narrow = middle
        width, height = super().wrap(wide, availHeight)
        return float(width), float(height)


def _balanced(text: str, style: str) -> _Balanced:
    return _Balanced(escape(unicodedata.normalize("NFC", text), quote=False), _styles()[style])


def _fill(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(values)


# ---------------------------------------------------------------------------------------------
# Blocks


def _rule(width: float, *, space_before: float = 4, space_after: float = 6) -> platypus.HRFlowable:
    return platypus.HRFlowable(
        width=width,
        thickness=RULE_THICKNESS,
        color=black,
        spaceBefore=space_before,
        spaceAfter=space_after,
        hAlign="CENTER",
    )


def _employer_block(unit: Unit) -> list[platypus.Flowable]:
    """Parent body (not bold), employer name (bold), a rule 1/3–1/2 as long as the name."""
    name = unit.employer.name.upper()
    blocks: list[platypus.Flowable] = []
    if unit.employer.parent:
        blocks.append(_balanced(unit.employer.parent.upper(), "parent"))
    blocks.append(_balanced(name, "employer"))
    line = min(pdf.text_width(name, pdf.BOLD, HEADER_SIZE), HEADER_LEFT - HEADER_GAP)
    blocks.append(_rule(0.4 * line))
    return blocks


def _nation_block(wording: Wording) -> list[platypus.Flowable]:
    """Quốc hiệu and Tiêu ngữ, with a solid rule exactly as long as the Tiêu ngữ."""
    return [
        _para(wording.national_name, "nation"),
        _para(wording.motto, "motto"),
        _rule(pdf.text_width(wording.motto, pdf.BOLD, MOTTO_SIZE), space_before=3),
    ]


def _header(unit: Unit, on: date, wording: Wording) -> platypus.Table:
    # Two rows so that "Số: …" and the date line start on the same line whatever the height of
    # the employer name (one to three lines), as Phụ lục I places them.
    rows = [
        [_employer_block(unit), _nation_block(wording)],
        [
            [
                _para(f"Số: {letter_number(unit, on)}", "number"),
                _balanced(wording.subject, "subject"),
            ],
            _para(dated_place(unit.letter.place, on), "dated"),
        ],
    ]
    table = platypus.Table(rows, colWidths=[HEADER_LEFT, HEADER_RIGHT])
    table.setStyle(
        platypus.TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # Centres the rules and the balanced (narrowed) paragraphs in their column.
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), HEADER_GAP),
                ("RIGHTPADDING", (1, 0), (1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                # A little air between the rules and the "Số" / date line.
                ("TOPPADDING", (0, 1), (-1, 1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _contact_text(unit: Unit, wording: Wording) -> str:
    contact = unit.contact
    # No-break spaces: a phone number written "0912 345 678" never splits across two lines.
    phone = contact.phone.replace(" ", NBSP)
    text = _fill(wording.contact, {"name": contact.name, "phone": phone})
    if contact.email:
        text += _fill(wording.contact_email, {"email": contact.email})
    return text


def _body(unit: Unit, people: int, wording: Wording) -> list[platypus.Flowable]:
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
    return [_para(_fill(text, values), "body") for text in wording.body]


def _sign_off(unit: Unit, wording: Wording) -> platypus.Table:
    """ "Nơi nhận" bottom left and the signature block bottom right, starting on one line."""
    cc: list[platypus.Flowable] = [_para(wording.recipients_heading, "cc_heading")]
    cc += [
        _para(_fill(line, {"archive": unit.letter.archive}), "cc") for line in wording.recipients
    ]
    signer = unit.signer
    sign: list[platypus.Flowable] = []
    if signer.authority:
        sign.append(_para(signer.authority.upper(), "sign"))
    sign += [
        _para(signer.title.upper(), "sign"),
        platypus.Spacer(1, SIGN_SPACE),
        _para(signer.name, "signer"),
    ]
    table = platypus.Table([[cc, sign]], colWidths=[FOOTER_LEFT, FOOTER_RIGHT])
    table.setStyle(
        platypus.TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _story(unit: Unit, people: int, on: date) -> list[platypus.Flowable]:
    wording = load_wording()
    values = {"recipient": unit.letter.recipient}
    return [
        _header(unit, on, wording),
        platypus.Spacer(1, 14),
        _para(_fill(wording.greeting, values), "greeting"),
        platypus.Spacer(1, 10),
        *_body(unit, people, wording),
        # The closing line never ends a page alone, away from the signature.
        platypus.KeepTogether([_para(wording.closing, "body"), _sign_off(unit, wording)]),
    ]


def _page_number(canvas: Canvas, doc: platypus.SimpleDocTemplate) -> None:
    """Page numbers from page 2 on, centred in the top margin (Phụ lục I)."""
    canvas.saveState()
    canvas.setFont(pdf.REGULAR, 13)
    canvas.drawCentredString(
        MARGIN_LEFT + FRAME_WIDTH / 2, PAGE_HEIGHT - MARGIN_TOP / 2 - 4, str(doc.page)
    )
    canvas.restoreState()


def _first_page(canvas: Canvas, doc: platypus.SimpleDocTemplate) -> None:
    """Page 1 carries no number."""


def write_cover_letter(path: Path, unit: Unit, *, people: int, on: date) -> None:
    """Write ``render_cover_letter``'s PDF to ``path``."""
    path.write_bytes(render_cover_letter(unit, people=people, on=on))


def render_cover_letter(unit: Unit, *, people: int, on: date) -> bytes:
    """The công văn as PDF bytes: A4 portrait, byte-identical for the same inputs.

    ``people`` is the number of forms sent; ``on`` dates the letter (and gives the year in its
    number).
    """
    if people < 1:
        raise ValueError("a cover letter needs at least one person")
    pdf.register_fonts()
    out = BytesIO()
    doc = platypus.SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        # invariant: no clock and no random document ID, so the bytes depend on content only.
        invariant=1,
        pageCompression=1,
        title=f"Công văn đăng ký giao dịch điện tử – {unit.employer.name}",
        author=unit.employer.name,
        creator=pdf.PRODUCER,
        producer=pdf.PRODUCER,
        subject="",
        lang="vi",
    )
    doc.build(_story(unit, people, on), onFirstPage=_first_page, onLaterPages=_page_number)
    return out.getvalue()
