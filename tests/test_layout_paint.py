"""The fast paths of ``documents.layout``: they must give what the plain way gives.

``paint`` writes PDF operators itself (cached encodings, segments placed with a translation)
instead of calling reportlab's ``drawString``/``line``/``rect`` per item; ``wrap``, ``balance``
and ``fit_text`` add word widths instead of measuring every candidate line. Each is checked
here against a straightforward reference: same lines, same pixels, same extracted text.

Every person and employer here is made up.
"""

from __future__ import annotations

import gc
import io
import unicodedata
from collections.abc import Iterable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents import layout, mau01, pdf
from vssid_batch.documents.pdf import (
    Cross,
    Item,
    Leader,
    Rect,
    Rule,
    Text,
    deterministic_canvas,
    painting,
    use_alphabet,
)
from vssid_batch.documents.pdf.fonts import (
    BOLD,
    FULL,
    ITALIC,
    REGULAR,
    SEED,
    Alphabet,
    register_fonts,
    seeded_bytes,
    seeded_codes,
    text_width,
)
from vssid_batch.models import Contact, Employee, Employer, Gender, Letter, Signer, Unit

from helpers import page_pixels

ON = date(2026, 11, 25)


def make_unit(place: str = "Hà Nội") -> Unit:
    return Unit(
        employer=Employer(
            name="Công ty TNHH Sao Mai",
            bhxh_unit_code="TA1234A",
            tax_code="0103456789",
            address="Số 12 phố Thái Hà, phường Trung Liệt, quận Đống Đa, Hà Nội",
        ),
        contact=Contact(name="Trần Thị Hoa", phone="0987654321"),
        signer=Signer(name="Lê Văn Minh"),
        letter=Letter(number=5, symbol="CV-SAOMAI", place=place),
    )


PEOPLE = [
    Employee(
        row=5,
        full_name="Nguyễn Thị Ánh Tuyết",
        birth_date=date(1990, 3, 14),
        gender=Gender.female,
        bhxh_code="0123456789",
        id_number="001190012345",
        phone="0912345678",
        email="anhtuyet.nguyen@example.com",
        address="Số 18 ngõ 42 phố Thịnh Quang, phường Thịnh Quang, quận Đống Đa, Hà Nội",
    ),
    Employee(
        row=6,
        full_name="Tôn Nữ Hoàng Thị Mỹ Phương Khánh Linh Nguyễn Huyền Trang Anh",
        birth_date=date(1985, 7, 2),
        gender=Gender.male,
        bhxh_code="0198765432",
        id_number="123456789",
        phone="0387654321",
        email=None,
        address=None,
        nationality="Cộng hòa Dân chủ Nhân dân Lào",
    ),
    Employee(  # letters outside the seeded alphabet: drawn through reportlab
        row=7,
        full_name="Ngô Thị Ü Çao",
        birth_date=date(2001, 1, 9),
        gender=Gender.female,
        bhxh_code="0100000001",
        id_number="019300000123",
        phone="0900000000",
        email="ü@example.com",
        address="Khu 4, thị trấn Vĩnh Bảo, Hải Phòng",
    ),
]


def texts(pdf: bytes) -> list[str]:
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text()).split())
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def bitmaps(pdf: bytes) -> list[bytes]:
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [page_pixels(pdf, page, dpi=100) for page in range(1, pages + 1)]


def reference_paint(canvas: Canvas, items: Iterable[Item]) -> None:
    """Items drawn with reportlab's own calls, one per item (how ``paint`` used to work)."""
    canvas.saveState()
    for item in items:
        if isinstance(item, Text):
            canvas.setFont(item.font, item.size)
            canvas.drawString(
                item.x,
                item.y,
                item.text,
                charSpace=item.char_space,
                wordSpace=item.word_space or None,
            )
        elif isinstance(item, Leader):
            canvas.saveState()
            canvas.setLineCap(1)
            canvas.setLineWidth(0.8)
            canvas.setDash([0, 2.6])
            canvas.line(item.x0 + 1.3, item.y + 1.2, item.x1, item.y + 1.2)
            canvas.restoreState()
        elif isinstance(item, Rule):
            canvas.setLineWidth(item.thickness)
            canvas.line(item.x0, item.y, item.x1, item.y)
        elif isinstance(item, Rect):
            canvas.setLineWidth(item.thickness)
            canvas.rect(item.x, item.y, item.w, item.h, stroke=1, fill=0)
        else:
            assert isinstance(item, Cross)
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
    canvas.restoreState()


def document(draw: object, people: list[Employee], unit: Unit, **options: bool) -> bytes:
    out = io.BytesIO()
    canvas = deterministic_canvas(out, title="t", author="a")
    for person in people:
        if draw is reference_paint:
            reference_paint(canvas, mau01.layout_form(person, unit, on=ON, **options))
        elif draw is painting.paint:  # the flat items, no segments
            painting.paint(canvas, mau01.layout_form(person, unit, on=ON, **options))
        else:
            mau01.draw_form(canvas, person, unit, on=ON, **options)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# paint


@pytest.mark.parametrize("place", ["Hà Nội", "Thành phố Ü"])  # a segment outside the seed too
@pytest.mark.parametrize("blank_dates", [False, True])
def test_draw_form_reads_as_reportlab_drawing(place: str, blank_dates: bool) -> None:
    unit = make_unit(place)
    fast = document(mau01.draw_form, PEOPLE, unit, blank_dates=blank_dates)
    flat_items = document(painting.paint, PEOPLE, unit, blank_dates=blank_dates)
    reference = document(reference_paint, PEOPLE, unit, blank_dates=blank_dates)
    assert texts(fast) == texts(flat_items) == texts(reference)
    assert "NGÔ THỊ Ü ÇAO" in texts(fast)[2] and place in texts(fast)[0]


@pytest.mark.parametrize("place", ["Hà Nội", "Thành phố Ü"])
def test_draw_form_looks_like_reportlab_drawing(place: str) -> None:
    """Same pixels with segments placed by translation, flat items, and reportlab's calls."""
    unit = make_unit(place)
    fast = bitmaps(document(mau01.draw_form, PEOPLE, unit))
    flat_items = bitmaps(document(painting.paint, PEOPLE, unit))
    reference = bitmaps(document(reference_paint, PEOPLE, unit))
    assert fast == flat_items == reference
    assert len(set(fast)) == len(PEOPLE)  # each person's page looks different


def test_pages_do_not_depend_on_the_pages_before() -> None:
    """Seeded text has the same bytes in every document; the rest goes through reportlab."""
    unit = make_unit()
    alone = [document(mau01.draw_form, [person], unit) for person in PEOPLE]
    again = [document(mau01.draw_form, [person], unit) for person in reversed(PEOPLE)]
    assert alone == again[::-1]


def test_seeded_codes_are_what_reportlab_assigns() -> None:
    """Whatever a document drew first, the seed's characters get the bytes of the table."""
    register_fonts()
    for font in (REGULAR, BOLD, ITALIC):
        canvas = deterministic_canvas(io.BytesIO(), title="t", author="a")
        ttf = pdfmetrics.getFont(font)
        ttf.splitString("Ü Ç ß", canvas._doc)  # letters outside the seed, before anything else
        ((subset, data),) = ttf.splitString(SEED, canvas._doc)
        assert subset == 0
        chars = FULL.chars(font)
        assert data == seeded_bytes(font, SEED, chars)
        assert len(seeded_codes(font, chars)) >= len(set(SEED))
        assert seeded_bytes(font, "Ü", chars) is None


def test_a_documents_alphabet_fixes_its_codes() -> None:
    """A document seeded with another alphabet gives those letters the table's bytes, and its
    subset holds only them (plus what it draws)."""
    alphabet = Alphabet.of({BOLD: "ŴǅÜab"})
    canvas = deterministic_canvas(io.BytesIO(), title="t", author="a")
    use_alphabet(canvas, alphabet)
    ttf = pdfmetrics.getFont(BOLD)
    ttf.splitString("Ç", canvas._doc)
    ((subset, data),) = ttf.splitString("ǅ Ŵb", canvas._doc)
    assert subset == 0
    assert data == seeded_bytes(BOLD, "ǅ Ŵb", alphabet.chars(BOLD))
    assert sorted(ttf.state.pop(canvas._doc).assignments) == [0, *map(ord, " abÇÜŴǅ")]


def test_documents_are_not_kept_alive() -> None:
    document(mau01.draw_form, PEOPLE[:1], make_unit())
    gc.collect()
    assert not painting._documents


def test_segments_are_built_once() -> None:
    unit = make_unit()
    first = mau01._layout(PEOPLE[0], unit, ON)
    second = mau01._layout(PEOPLE[0].model_copy(update={"full_name": "Lý Thị Hạnh"}), unit, ON)
    segments = [part.segment for part in first if isinstance(part, pdf.Shifted)]
    assert len(segments) >= 3
    assert segments == [part.segment for part in second if isinstance(part, pdf.Shifted)]


# ---------------------------------------------------------------------------------------------
# wrap, balance, fit_text against the measuring implementation they replace


def reference_wrap(
    text: str, font: str, size: float, line_width: float, first_width: float | None = None
) -> list[str]:
    words = layout.nfc(text).split()
    lines: list[str] = []
    current = ""
    room = line_width if first_width is None else first_width
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font, size) <= room:
            current = candidate
            continue
        if current or room < line_width:
            lines.append(current)
            room = line_width
        current = word
        while text_width(current, font, size) > room:
            head = layout._longest_prefix(current, font, size, room)
            lines.append(head)
            room = line_width
            current = current[len(head) :]
    if current:
        lines.append(current)
    return lines


def reference_balance(text: str, font: str, size: float, line_width: float) -> list[str]:
    lines = reference_wrap(text, font, size, line_width)
    if len(lines) < 2:
        return lines
    low, high = 0.0, line_width
    for _ in range(20):
        mid = (low + high) / 2
        if len(reference_wrap(text, font, size, mid)) <= len(lines):
            high = mid
        else:
            low = mid
    return reference_wrap(text, font, size, high)


def reference_fit(
    text: str,
    font: str,
    size: float,
    line_width: float,
    *,
    max_lines: int,
    min_size: float,
    balanced: bool,
    first_width: float | None = None,
) -> layout.Fitted:
    def lines_at(candidate: float) -> list[str]:
        if balanced and first_width is None:
            return reference_balance(text, font, candidate, line_width)
        return reference_wrap(text, font, candidate, line_width, first_width)

    for lines_allowed in range(1, max_lines + 1):
        for candidate in layout._sizes(size, min_size, 0.5):
            lines = lines_at(candidate)
            if len(lines) <= lines_allowed:
                return layout.Fitted(tuple(lines), candidate)
    for candidate in layout._sizes(min_size - 0.5, 6.0, 0.5):
        lines = lines_at(candidate)
        if len(lines) <= max_lines:
            return layout.Fitted(tuple(lines), candidate)
    lines = reference_wrap(text, font, 6.0, line_width, first_width)[:max_lines]
    room = first_width if len(lines) == 1 and first_width is not None else line_width
    last = lines[-1]
    while last and text_width(last, font, 6.0) + layout.CUT_EMS * 6.0 > room:
        last = last[:-1]
    lines[-1] = last
    return layout.Fitted(tuple(lines), 6.0, cut=True)


words = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặẩẫấậỳỹýỵWMỄ@.-_ ", min_size=1, max_size=30
)
texts_ = st.lists(words, min_size=0, max_size=25).map(" ".join)
fonts = st.sampled_from([REGULAR, BOLD, ITALIC])
sizes = st.sampled_from([6.0, 11.0, 11.5, 12.0, 13.0])


@settings(max_examples=300, deadline=None)
@given(texts_, fonts, sizes, st.floats(min_value=20, max_value=480), st.none() | st.floats(0, 480))
def test_wrap_matches_measuring_every_line(
    text: str, font: str, size: float, frame: float, first: float | None
) -> None:
    assert layout.wrap(text, font, size, frame, first) == reference_wrap(
        text, font, size, frame, first
    )


@settings(max_examples=200, deadline=None)
@given(texts_, fonts, sizes, st.floats(min_value=20, max_value=480))
def test_balance_matches_measuring_every_line(
    text: str, font: str, size: float, frame: float
) -> None:
    assert layout.balance(text, font, size, frame) == reference_balance(text, font, size, frame)


@settings(max_examples=200, deadline=None)
@given(
    texts_.filter(str.strip),
    fonts,
    st.floats(min_value=30, max_value=480),
    st.integers(1, 3),
    st.booleans(),
    st.none() | st.floats(0, 480),
)
def test_fit_text_matches_measuring_every_line(
    text: str, font: str, frame: float, max_lines: int, balanced: bool, first: float | None
) -> None:
    fitted = layout.fit_text(
        text,
        font,
        12.0,
        frame,
        first_width=first,
        max_lines=max_lines,
        min_size=11.0,
        balanced=balanced,
    )
    assert fitted == reference_fit(
        text,
        font,
        12.0,
        frame,
        first_width=first,
        max_lines=max_lines,
        min_size=11.0,
        balanced=balanced,
    )


def test_a_line_exactly_as_wide_as_the_frame_fits() -> None:
    """A sum of widths within rounding of the edge is settled by measuring the line."""
    text = "Nguyễn Thị Ánh Tuyết ở phường Thịnh Quang"
    for cut in range(1, len(text.split()) + 1):
        line = " ".join(text.split()[:cut])
        frame = text_width(line, REGULAR, 12)
        assert layout.wrap(text, REGULAR, 12, frame)[0] == line
        assert layout.wrap(text, REGULAR, 12, frame) == reference_wrap(text, REGULAR, 12, frame)
