"""Tờ khai Mẫu số 01: one A4 page per employee, ready to sign.

The words come from the edition unit.toml chooses (``documents/editions/*.toml``, see
``documents.edition``: a later edition is a data file); this module only places them.
``layout_form`` is pure — it returns the drawing items for one page — so the geometry (nothing
past a margin, nothing off the page) is tested without reading a PDF back, and ``draw_form``
paints those items onto any open canvas, one page; the page depends only on its person and on
what its document already holds. That is what lets a batch render forms in
chunks per worker process.

Everything that does not depend on the person (the wrapped paragraphs, label widths, the box
column) is computed once per process in ``_static``; the parts of the page around the person's
values are laid out once per process as segments, and turned into PDF operators once (see
``pdf.Segment``). Per page, only the person's values are laid out and encoded.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict, field_validator
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents import layout, pdf
from vssid_batch.documents.edition import DEFAULT_EDITION, edition_text, parse_wording
from vssid_batch.documents.layout import Blank, Placed, fit_text, flow, flow_items, mm, nfc
from vssid_batch.documents.pdf import BOLD, ITALIC, REGULAR, Item, Text, paint, width
from vssid_batch.models import Employee, Unit
from vssid_batch.text import date_fields, upper_name
from vssid_batch.text import phone_text as format_phone

__all__ = [
    "FORM_TITLE",
    "FormText",
    "date_fields",
    "draw_form",
    "form_text",
    "form_title",
    "format_phone",
    "layout_form",
    "lowest_point",
    "render_form",
    "render_forms",
    "upper_name",
]

FORM_TITLE = "Tờ khai Mẫu số 01"

# ---------------------------------------------------------------------------------------------
# Page geometry and type (spec mau-01.md: A4 portrait; margins ~20 mm top/bottom, 30 mm left,
# 15–20 mm right; body 12–13 pt; title bold 14 pt).

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 30 * mm
RIGHT = PAGE_WIDTH - 20 * mm
TOP = PAGE_HEIGHT - 20 * mm
BOTTOM = 20 * mm
WIDTH = RIGHT - LEFT

BODY = 12.0  # 12 rather than 13: the longest values must still leave the form on one page


@dataclass(frozen=True)
class Spacing:
    leading: float  # baseline to baseline in the body: room for stacked Vietnamese diacritics
    gap: float  # extra space before each block of the body
    sign: float  # room to sign: baseline of "(Ký, ghi rõ họ tên)" to baseline of the name


# Loosest first. A typical person gets the first; a long name, address or e-mail gets the first
# spacing that keeps the form on one page.
SPACINGS = (
    Spacing(17.0, 4.0, 62.0),
    Spacing(17.0, 2.0, 52.0),
    Spacing(16.0, 1.0, 46.0),
    Spacing(15.0, 0.0, 42.0),
    Spacing(14.5, 0.0, 38.0),
)
MIN_VALUE = 11.0  # a value may shrink this far (slightly) before it wraps
INDENT = 10 * mm  # the sub-items under a paragraph (e-mail, phone, registration)
BOX = 16.0  # width of one digit box
BOX_ROW = 22.0  # baseline to baseline for a row of boxes (the boxes are taller than text)
CHECK = 9.0  # checkbox side
BLANK_DATE = 22 * mm  # a dotted leader standing for a hand-written date part
BLANK_VALIDITY = 33 * mm  # the "Từ ngày …" of the certificate's validity (a whole date)
SIGN_CENTRE = LEFT + WIDTH * 0.75
DESCENT = 0.22  # of the font size: Tinos descends 0.216 em below the baseline


# ---------------------------------------------------------------------------------------------
# The form's words, from the chosen edition's file


class _Section(BaseModel):
    """One table of the edition file: every key required, no other key, text in NFC."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: object) -> str:
        return nfc(str(value))


class Header(_Section):
    nation: str
    motto: str
    place_date: str


class Title(_Section):
    heading: str
    subtitle: str


class Person(_Section):
    recipient: str
    full_name: str
    birth_date: str
    gender: str
    nationality: str
    bhxh_code: str
    id_number: str
    address: str


class Certificate(_Section):
    number: str
    issuer: str
    validity: str


class Authentication(_Section):
    request: str
    email: str
    phone: str


class Registration(_Section):
    basis: str
    start: str
    channel: str
    portal: str
    ivan: str
    commitment: str


class Signature(_Section):
    role: str
    hint: str


class FormText(_Section):
    """Every string printed on the form, NFC-normalised, in reading order."""

    model_config = ConfigDict(frozen=True, extra="ignore")  # other tables are not printed

    edition: str
    header: Header
    title: Title
    person: Person
    certificate: Certificate
    authentication: Authentication
    registration: Registration
    signature: Signature

    @field_validator("edition", mode="before")  # replaces the sections' "*" validator
    @classmethod
    def _nfc(cls, value: object) -> str:
        return nfc(str(value))


@cache
def form_text(edition: str = DEFAULT_EDITION) -> FormText:
    """The words of ``edition`` (a packaged key or a file path), read once per process.

    A missing or unknown key fails here with the section's name rather than mid-drawing.
    """
    return FormText.model_validate(parse_wording(edition_text(edition)))


# ---------------------------------------------------------------------------------------------
# Values as the form writes them


def form_title(employee: Employee) -> str:
    """PDF metadata title: "Tờ khai Mẫu số 01 – Nguyễn Văn An"."""
    return f"{FORM_TITLE} – {nfc(employee.full_name)}"


# ---------------------------------------------------------------------------------------------
# What is computed once per process


@dataclass(frozen=True)
class _Static:
    text: FormText
    subtitle: tuple[str, ...]
    request: tuple[tuple[Placed, ...], ...]
    basis: tuple[tuple[Placed, ...], ...]
    commitment: tuple[tuple[Placed, ...], ...]
    certificate: tuple[tuple[tuple[Placed, ...], ...], ...]
    box_x: float  # both rows of digit boxes start here, so they line up
    name_x: float  # where the name starts, after its label
    email_x: float


def _paragraph(text: str, line_width: float) -> tuple[tuple[Placed, ...], ...]:
    chunks = layout.template_chunks(text, {}, font=REGULAR)
    return tuple(flow(chunks, BODY, line_width, space_font=REGULAR))


@cache
def _static(edition: str) -> _Static:
    text = form_text(edition)
    certificate = text.certificate
    no_values: dict[str, str | None] = {"from": None, "to": None}
    cert_lines = (
        [*layout.template_chunks(certificate.number, {}, font=REGULAR), (Blank(None),)],
        [*layout.template_chunks(certificate.issuer, {}, font=REGULAR), (Blank(None),)],
        layout.template_chunks(
            certificate.validity, no_values, font=REGULAR, blank=BLANK_VALIDITY, fill={"to"}
        ),
    )
    labels = (text.person.bhxh_code, text.person.id_number)
    return _Static(
        text=text,
        subtitle=tuple(layout.balance(text.title.subtitle, BOLD, 13, WIDTH)),
        request=_paragraph(text.authentication.request, WIDTH),
        basis=_paragraph(text.registration.basis, WIDTH),
        commitment=_paragraph(text.registration.commitment, WIDTH),
        certificate=tuple(
            tuple(flow(chunks, BODY, WIDTH, space_font=REGULAR)) for chunks in cert_lines
        ),
        box_x=LEFT + max(width(label, REGULAR, BODY) for label in labels) + 8,
        name_x=_value_x(text.person.full_name, LEFT),
        email_x=_value_x(text.authentication.email, LEFT + INDENT),
    )


@lru_cache(maxsize=32)
def _dated(
    template: str, place: str | None, on: date | None, line_width: float, font: str, size: float
) -> tuple[tuple[Placed, ...], ...]:
    """A flowed date template; cached because every form of a batch has the same dates."""
    values: dict[str, str | None] = {"place": place, **date_fields(on)}
    chunks = layout.template_chunks(template, values, font=font, blank=BLANK_DATE)
    return tuple(flow(chunks, size, line_width, space_font=font))


# ---------------------------------------------------------------------------------------------
# Layout
#
# A page is laid out as *parts*: the person's values as items, and everything else as
# ``Segment``s (built once per process for each spacing, date and unit, cached) placed at the
# height where the values above them end. ``paint`` writes a segment's cached operators inside
# a translation; ``layout_form`` gives the same page as plain items.


@dataclass
class _Page:
    """Parts placed so far, the baseline of the current line, the spacing in use, and the
    lowest ink so far."""

    y: float
    spacing: Spacing
    parts: list[pdf.Part] = field(default_factory=list)
    lowest: float = PAGE_HEIGHT

    @property
    def leading(self) -> float:
        return self.spacing.leading

    def block(self) -> None:
        """Down to the first line of a new block of the body."""
        self.down(self.spacing.leading + self.spacing.gap)

    def add(self, *items: Item) -> None:
        if items:
            self.parts.extend(items)
            self.lowest = min(self.lowest, lowest_point(items))

    def place(self, block: _Block) -> None:
        """``block`` from the current baseline; the page continues on its last baseline."""
        self.parts.append(pdf.Shifted(block.segment, self.y))
        self.lowest = min(self.lowest, self.y + block.lowest)
        self.y -= block.advance

    def down(self, step: float) -> None:
        self.y -= step


@dataclass(frozen=True)
class _Block:
    """A segment, how far below its first baseline its last one is, and its lowest ink."""

    segment: pdf.Segment
    advance: float
    lowest: float


def _block(spacing: Spacing, build: Callable[[_Page], None]) -> _Block:
    """What ``build`` lays out from baseline 0, as a block (see ``pdf.Segment``)."""
    page = _Page(y=0.0, spacing=spacing)
    build(page)
    items = tuple(part for part in page.parts if not isinstance(part, pdf.Shifted))
    assert len(items) == len(page.parts)
    return _Block(pdf.Segment(items), -page.y, page.lowest)


def layout_form(
    employee: Employee, unit: Unit, *, on: date, blank_dates: bool = False
) -> list[Item]:
    """The drawing items of one person's Mẫu 01, top to bottom, in reading order."""
    return pdf.flatten(_layout(employee, unit, None if blank_dates else on))


def _layout(employee: Employee, unit: Unit, day: date | None) -> list[pdf.Part]:
    """The parts of one person's page, in reading order.

    Tried with the loosest spacing first; tighter ones only when the values are long. (Values
    are capped in lines and shrink before that, so the tightest spacing always fits.)
    """
    for spacing in SPACINGS:
        page = _Page(y=TOP, spacing=spacing)
        _fill_page(page, employee, unit, day)
        if page.lowest >= BOTTOM:
            break
    return page.parts


def lowest_point(items: Iterable[Item]) -> float:
    """The lowest ink on the page: text descenders, box bottoms, leader dots."""
    return min(item.y - DESCENT * item.size if isinstance(item, Text) else item.y for item in items)


def _fill_page(page: _Page, employee: Employee, unit: Unit, day: date | None) -> None:
    edition = unit.form.edition
    static = _static(edition)
    labels = static.text
    page.place(
        _head(page.spacing, nfc(unit.letter.place), nfc(unit.letter.recipient), day, edition)
    )
    _value(page, static.name_x, upper_name(employee.full_name))
    _identity(page, static, employee)
    page.place(_certificate_and_request(page.spacing, edition))
    _value(page, static.email_x, nfc(employee.email or "") or None)
    page.down(page.leading)
    phone_x = _label(page, labels.authentication.phone, LEFT + INDENT)
    _value(page, phone_x, format_phone(employee.phone))
    page.place(_registration_and_signature(page.spacing, day, edition))
    _signature_name(page, employee)


# The segments: each built once per process for its arguments.


@lru_cache(maxsize=64)
def _head(spacing: Spacing, place: str, recipient: str, day: date | None, edition: str) -> _Block:
    """National header to the "Họ và tên:" label, from the top margin."""

    def build(page: _Page) -> None:
        static = _static(edition)
        _national_header(page, static)
        _place_date(page, static, place, day)
        _title(page, static)
        _recipient(page, static, recipient)
        page.down(page.leading + 4)
        page.add(Text(LEFT, page.y, static.text.person.full_name, REGULAR, BODY))

    return _block(spacing, build)


@lru_cache(maxsize=16)
def _certificate_and_request(spacing: Spacing, edition: str) -> _Block:
    """From below the address to the e-mail label."""

    def build(page: _Page) -> None:
        static = _static(edition)
        _certificate(page, static)
        page.block()
        _lines(page, static.request, justify=True)
        page.down(page.leading)
        page.add(Text(LEFT + INDENT, page.y, static.text.authentication.email, REGULAR, BODY))

    return _block(spacing, build)


@lru_cache(maxsize=64)
def _registration_and_signature(spacing: Spacing, day: date | None, edition: str) -> _Block:
    """From below the phone number to the signature's hint, "(Ký, ghi rõ họ tên)"."""

    def build(page: _Page) -> None:
        static = _static(edition)
        _registration(page, static, day)
        signature = static.text.signature
        page.down(page.leading + 10)
        _centred(page, signature.role, BOLD, BODY, SIGN_CENTRE)
        page.down(page.leading)
        _centred(page, signature.hint, ITALIC, BODY, SIGN_CENTRE)

    return _block(spacing, build)


@lru_cache(maxsize=16)
def _box_row(label: str, count: int, box_x: float) -> _Block:
    """A label and ``count`` empty digit boxes; the spacing does not matter."""

    def build(page: _Page) -> None:
        page.add(Text(LEFT, page.y, label, REGULAR, BODY))
        page.add(*layout.box_row(box_x, page.y, count, size=BODY, box=BOX))

    return _block(SPACINGS[0], build)


def _centred(page: _Page, text: str, font: str, size: float, centre: float) -> Text:
    item = Text(centre - width(text, font, size) / 2, page.y, text, font, size)
    page.add(item)
    return item


def _national_header(page: _Page, static: _Static) -> None:
    header = static.text.header
    centre = LEFT + WIDTH / 2
    page.down(12)  # the first baseline sits one ascent below the top margin
    _centred(page, header.nation, BOLD, 13, centre)
    page.down(17)
    motto = _centred(page, header.motto, BOLD, 14, centre)
    # A solid rule as long as the motto (Nghị định 30/2020, Phụ lục I).
    page.add(pdf.Rule(motto.x, motto.right, page.y - 5))


def _place_date(page: _Page, static: _Static, place: str, on: date | None) -> None:
    page.down(30)
    template = static.text.header.place_date
    # Italic, 13 pt, flush right under the national header (Nghị định 30/2020).
    for index, line in enumerate(_dated(template, place, on, WIDTH, ITALIC, 13)):
        if index:
            page.down(page.leading)
        end = line[-1].x + line[-1].width
        page.add(*flow_items(line, RIGHT - end, page.y, 13))


def _title(page: _Page, static: _Static) -> None:
    centre = LEFT + WIDTH / 2
    page.down(34)
    _centred(page, static.text.title.heading, BOLD, 14, centre)
    for line in static.subtitle:
        page.down(17)
        _centred(page, line, BOLD, 13, centre)


def _recipient(page: _Page, static: _Static, recipient: str) -> None:
    page.down(30)
    value_x = _label(page, static.text.person.recipient, LEFT + INDENT)
    _value(page, value_x, recipient, font=REGULAR)


def _label(page: _Page, label: str, x: float = LEFT) -> float:
    """A label on the current line; returns where its value starts (``_value``)."""
    page.add(Text(x, page.y, label, REGULAR, BODY))
    return _value_x(label, x)


def _value_x(label: str, x: float) -> float:
    """Where the value after ``label`` (set at ``x``) starts: one space after it."""
    return x + width(label, REGULAR, BODY) + width(" ", REGULAR, BODY)


def _value(
    page: _Page,
    value_x: float,
    value: str | None,
    *,
    right: float = RIGHT,
    font: str = BOLD,
    max_lines: int = 2,
) -> None:
    """A value after its label, on the current line: it wraps under itself or shrinks. An
    empty value is a dotted leader to the end of the frame, for the person to fill in."""
    if not value:
        page.add(pdf.Leader(value_x, right, page.y))
        return
    fitted = fit_text(
        value, font, BODY, right - value_x, max_lines=max_lines, min_size=MIN_VALUE, balanced=True
    )
    for index, line in enumerate(fitted.lines):
        if index:
            page.down(page.leading * fitted.size / BODY)
        page.add(Text(value_x, page.y, line, font, fitted.size))
    if fitted.cut:
        _cut_mark(page, value_x + width(fitted.lines[-1], font, fitted.size), fitted.size)


def _identity(page: _Page, static: _Static, employee: Employee) -> None:
    """From under the name to the address."""
    labels = static.text.person
    page.down(page.leading)
    _personal_row(page, static, employee)
    page.down(BOX_ROW + 2)
    _boxes(page, static, labels.bhxh_code, employee.bhxh_code)
    page.down(BOX_ROW)
    _boxes(page, static, labels.id_number, employee.id_number)
    page.down(page.leading + 3)
    _value(page, _label(page, labels.address), nfc(employee.address or "") or None, max_lines=3)


def _personal_row(page: _Page, static: _Static, employee: Employee) -> None:
    """Ngày sinh / Giới tính / Quốc tịch side by side in three columns, under the name."""
    labels = static.text.person
    columns = (
        (LEFT, labels.birth_date, employee.birth_date_text),
        (LEFT + WIDTH * 0.36, labels.gender, employee.gender.value),
        (LEFT + WIDTH * 0.6, labels.nationality, nfc(employee.nationality)),
    )
    edges = [x for x, _, _ in columns[1:]] + [RIGHT]
    top, lowest = page.y, page.y
    for (x, label, value), right in zip(columns, edges, strict=True):
        page.y = top
        _value(page, _label(page, label, x), value, right=right - 6)
        lowest = min(lowest, page.y)
    page.y = lowest


def _boxes(page: _Page, static: _Static, label: str, digits: str) -> None:
    page.place(_box_row(label, len(digits), static.box_x))
    page.add(*layout.box_digits(static.box_x, page.y, digits, font=BOLD, size=BODY, box=BOX))


def _lines(
    page: _Page,
    lines: Iterable[tuple[Placed, ...]],
    *,
    x: float = LEFT,
    justify: bool = False,
    size: float = BODY,
) -> None:
    """Flowed lines, the first on the current baseline; justified except the last."""
    lines = list(lines)
    for index, line in enumerate(lines):
        if index:
            page.down(page.leading)
        last = index == len(lines) - 1
        right = RIGHT if justify and not last else None
        page.add(*flow_items(line, x, page.y, size, justify_to=right))


def _certificate(page: _Page, static: _Static) -> None:
    page.block()
    for index, lines in enumerate(static.certificate):
        if index:
            page.down(page.leading)
        _lines(page, lines)


def _registration(page: _Page, static: _Static, on: date | None) -> None:
    text = static.text.registration
    page.block()
    _lines(page, static.basis, justify=True)
    page.down(page.leading)
    _lines(page, _dated(text.start, None, on, WIDTH - INDENT, REGULAR, BODY), x=LEFT + INDENT)
    page.down(page.leading)
    _channel(page, text)
    page.block()
    _lines(page, static.commitment, justify=True)


def _channel(page: _Page, text: Registration) -> None:
    """The channel line, ☒ portal ☐ I-VAN; an option that does not fit goes on the next line."""
    label = Text(LEFT + INDENT, page.y, text.channel, REGULAR, BODY)
    page.add(label)
    start = label.right + 8
    x = start
    for option, ticked in ((text.portal, True), (text.ivan, False)):
        option_width = CHECK + 4 + width(option, REGULAR, BODY)
        if x > start and x + option_width > RIGHT:
            page.down(page.leading)
            x = start
        page.add(*layout.checkbox(x, page.y, CHECK, ticked))
        page.add(Text(x + CHECK + 4, page.y, option, REGULAR, BODY))
        x += option_width + 14


def _signature_name(page: _Page, employee: Employee) -> None:
    """The person's name, centred under the room to sign."""
    page.down(page.spacing.sign)
    name = nfc(employee.full_name)
    column = (RIGHT - SIGN_CENTRE) * 2
    fitted = fit_text(name, BOLD, BODY, column, max_lines=2, min_size=MIN_VALUE, balanced=True)
    for index, line in enumerate(fitted.lines):
        if index:
            page.down(page.leading * fitted.size / BODY)
        cut = fitted.cut and index == len(fitted.lines) - 1  # the line and its dots centred
        mark = layout.CUT_EMS * fitted.size if cut else 0.0
        last = _centred(page, line, BOLD, fitted.size, SIGN_CENTRE - mark / 2)
    if fitted.cut:
        _cut_mark(page, last.x + width(last.text, BOLD, fitted.size), fitted.size)


def _cut_mark(page: _Page, x: float, size: float) -> None:
    """The dots after a value cut short (see ``layout.CUT_EMS``)."""
    page.add(pdf.Leader(x, x + layout.CUT_EMS * size, page.y))


# ---------------------------------------------------------------------------------------------
# PDF


def draw_form(
    canvas: Canvas, employee: Employee, unit: Unit, *, on: date, blank_dates: bool = False
) -> None:
    """Draw one person's form on the canvas's current page (the caller ends the page).

    Pages can be drawn into any document in any order: what the page shares with others (the
    labels and fixed paragraphs, as Form XObjects) is defined in the document on first use and
    listed in the page's own resources.
    """
    paint(canvas, _layout(employee, unit, None if blank_dates else on))


def render_form(employee: Employee, unit: Unit, *, on: date, blank_dates: bool = False) -> bytes:
    """One person's Mẫu 01 as a standalone one-page PDF (byte-identical for the same inputs)."""
    out = io.BytesIO()
    canvas = pdf.deterministic_canvas(
        out, title=form_title(employee), author=nfc(unit.employer.name)
    )
    draw_form(canvas, employee, unit, on=on, blank_dates=blank_dates)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_forms(
    employees: Iterable[Employee], unit: Unit, *, on: date, blank_dates: bool = False
) -> bytes:
    """Everyone's form in one PDF for printing, one page per person, in the given order.

    Raises ``ValueError`` when there is nobody: an empty print file is a mistake upstream.
    """
    out = io.BytesIO()
    canvas = pdf.deterministic_canvas(out, title=FORM_TITLE, author=nfc(unit.employer.name))
    count = 0
    for employee in employees:
        draw_form(canvas, employee, unit, on=on, blank_dates=blank_dates)
        canvas.showPage()
        count += 1
    if not count:
        raise ValueError("render_forms needs at least one employee")
    canvas.setTitle(f"{FORM_TITLE} – {count} người")
    canvas.save()
    return out.getvalue()
