"""The cover letter (công văn): content, Nghị định 30 details, fit and determinism.

All data are made up.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from vssid_batch.documents import cover_letter
from vssid_batch.documents.cover_letter import (
    BODY,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_LEFT,
    TEXT_WIDTH,
    layout_cover_letter,
    load_wording,
    render_cover_letter,
)
from vssid_batch.documents.pdf import REGULAR, Text
from vssid_batch.documents.pdf.fonts import text_width
from vssid_batch.models import Unit
from vssid_batch.text import dated_place, letter_number

from helpers import page_pixels

ON = date(2026, 11, 25)


def make_unit(**employer: str) -> Unit:
    data: dict[str, Any] = {
        "employer": {
            "name": "Công ty TNHH Sao Mai",
            "bhxh_unit_code": "TA0123A",
            "tax_code": "0103456789",
            "address": "Số 18 ngõ 95 phố Chùa Bộc, phường Kim Liên, thành phố Hà Nội",
            **employer,
        },
        "contact": {
            "name": "Nguyễn Thị Thu Hà",
            "phone": "0912 345 678",
            "email": "nhansu@saomai.example.vn",
        },
        "signer": {"name": "Trần Văn Minh", "title": "Phó Giám đốc", "authority": "KT. Giám đốc"},
        "letter": {"number": 5, "symbol": "CV-SAOMAI", "place": "Hà Nội"},
    }
    return Unit.model_validate(data)


def pages(pdf: bytes) -> list[str]:
    """Text of each page with all whitespace (line breaks, no-break spaces) collapsed."""
    reader = PdfReader(BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages(pdf))


@pytest.fixture(scope="module")
def letter() -> bytes:
    return render_cover_letter(make_unit(), people=25, on=ON)


def test_one_page_for_ordinary_data(letter: bytes) -> None:
    assert len(pages(letter)) == 1


@pytest.mark.parametrize(
    "expected",
    [
        "CÔNG TY TNHH SAO MAI",  # header, upper case
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/2026/CV-SAOMAI",
        "V/v đăng ký giao dịch điện tử và cài đặt ứng dụng VssID cho người lao động",
        "Hà Nội, ngày 25 tháng 11 năm 2026",
        "Kính gửi: Bảo hiểm xã hội quận Đống Đa",
        "Công văn số 219/BHXH ngày 11/03/2021 của Bảo hiểm xã hội quận Đống Đa",
        "Công ty TNHH Sao Mai (mã đơn vị BHXH: TA0123A; mã số thuế: 0103456789",
        "thành phố Hà Nội)",
        "(Mẫu số 01) của 25 người lao động",
        "Chứng minh nhân dân/Căn cước công dân",
        "đối chiếu với bản gốc",
        "tổng số: 25 người",
        "Nguyễn Thị Thu Hà, điện thoại: 0912 345 678, thư điện tử: nhansu@saomai.example.vn",
        "Trân trọng cảm ơn./.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, HCNS.",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        "Trần Văn Minh",
    ],
)
def test_letter_says(letter: bytes, expected: str) -> None:
    assert expected in text_of(letter)


def test_metadata(letter: bytes) -> None:
    info = PdfReader(BytesIO(letter)).metadata
    assert info is not None
    assert info.title == "Công văn đăng ký giao dịch điện tử – Công ty TNHH Sao Mai"
    assert info.author == "Công ty TNHH Sao Mai"


def test_byte_identical_on_rerender(letter: bytes) -> None:
    assert render_cover_letter(make_unit(), people=25, on=ON) == letter


def test_different_inputs_give_different_bytes(letter: bytes) -> None:
    assert render_cover_letter(make_unit(), people=26, on=ON) != letter


@pytest.mark.parametrize(
    ("number", "expected"), [(5, "05/2026/CV-SAOMAI"), (12, "12/2026/CV-SAOMAI")]
)
def test_number_padding(number: int, expected: str) -> None:
    unit = make_unit()
    unit = unit.model_copy(update={"letter": unit.letter.model_copy(update={"number": number})})
    assert letter_number(unit, ON) == expected
    assert f"Số: {expected}" in text_of(render_cover_letter(unit, people=3, on=ON))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 31), "Hà Nội, ngày 31 tháng 01 năm 2026"),
        (date(2026, 3, 9), "Hà Nội, ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 10), "Hà Nội, ngày 10 tháng 12 năm 2026"),
    ],
)
def test_date_line_padding(on: date, expected: str) -> None:
    assert dated_place("Hà Nội", on) == expected


def test_year_of_number_follows_the_date() -> None:
    text = text_of(render_cover_letter(make_unit(), people=3, on=date(2027, 1, 4)))
    assert "Số: 05/2027/CV-SAOMAI" in text
    assert "ngày 04 tháng 01 năm 2027" in text


def test_large_counts_use_vietnamese_grouping() -> None:
    text = text_of(render_cover_letter(make_unit(), people=1250, on=ON))
    assert "của 1.250 người lao động" in text
    assert "tổng số: 1.250 người" in text


def test_parent_body_above_employer() -> None:
    text = text_of(render_cover_letter(make_unit(parent="Tổng công ty Sao Việt"), people=3, on=ON))
    assert "TỔNG CÔNG TY SAO VIỆT CÔNG TY TNHH SAO MAI" in text


def test_signer_without_authority() -> None:
    unit = make_unit()
    unit = unit.model_copy(
        update={"signer": unit.signer.model_copy(update={"title": "Giám đốc", "authority": None})}
    )
    text = text_of(render_cover_letter(unit, people=3, on=ON))
    assert "GIÁM ĐỐC Trần Văn Minh" in text
    assert "KT." not in text


def test_configured_recipient_and_reference() -> None:
    unit = make_unit()
    letter_config = unit.letter.model_copy(
        update={
            "recipient": "Bảo hiểm xã hội khu vực I",
            "reference": "1234/BHXH-CNTT",
            "reference_date": date(2025, 7, 1),
            "reference_issuer": "Bảo hiểm xã hội Việt Nam",
            "archive": "VT, TCKT",
        }
    )
    text = text_of(
        render_cover_letter(unit.model_copy(update={"letter": letter_config}), people=3, on=ON)
    )
    assert "Kính gửi: Bảo hiểm xã hội khu vực I" in text
    assert "Công văn số 1234/BHXH-CNTT ngày 01/07/2025 của Bảo hiểm xã hội Việt Nam" in text
    assert "- Lưu: VT, TCKT." in text


def test_contact_without_email() -> None:
    unit = make_unit()
    unit = unit.model_copy(update={"contact": unit.contact.model_copy(update={"email": None})})
    text = text_of(render_cover_letter(unit, people=3, on=ON))
    assert "Nguyễn Thị Thu Hà, điện thoại: 0912 345 678." in text
    assert "thư điện tử" not in text


def test_markup_characters_are_text() -> None:
    pdf = render_cover_letter(make_unit(name="Công ty <Á & Âu>"), people=3, on=ON)
    assert "CÔNG TY <Á & ÂU>" in text_of(pdf)


def test_decomposed_unicode_is_composed() -> None:
    import unicodedata

    name = unicodedata.normalize("NFD", "Công ty Hưng Thịnh")
    assert "Công ty Hưng Thịnh (mã đơn vị" in text_of(
        render_cover_letter(make_unit(name=name), people=3, on=ON)
    )


def test_no_people_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        render_cover_letter(make_unit(), people=0, on=ON)


# ---------------------------------------------------------------------------------------------
# Fit: long values wrap inside the margins instead of running off the page.

LONG_NAME = "Công ty Cổ phần Đầu tư Xây dựng và Phát triển Hạ tầng Kỹ thuật Đô thị Sao Mai Hà Nội"
LONG_ADDRESS = (
    "Tầng 12, Tòa nhà Văn phòng Sao Mai, số 235 đường Nguyễn Trãi, phường Thanh Xuân, "
    "thành phố Hà Nội, Việt Nam"
)


def placed_text(pdf: bytes) -> list[tuple[int, str, float, float, float]]:
    """(page, text, x, y, natural width) of every piece of text drawn."""
    found: list[tuple[int, str, float, float, float]] = []
    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages, 1):

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number
        ) -> None:
            if not text.strip() or font is None:
                return
            # Matrices are [a b c d e f]; reportlab draws unscaled text, so e/f are the origin.
            x, y = tm[4] + cm[4], tm[5] + cm[5]
            face = str(font["/BaseFont"]).split("+")[-1]
            width = text_width(text.strip(), face, size * tm[0])
            found.append((number, text.strip(), x, y, width))

        page.extract_text(visitor_text=visit)
    return found


def test_long_employer_name_and_address_wrap_inside_the_margins() -> None:
    unit = make_unit(name=LONG_NAME, address=LONG_ADDRESS, parent="Tổng công ty Xây dựng Sao Việt")
    pdf = render_cover_letter(unit, people=25, on=ON)
    text = text_of(pdf)
    assert LONG_NAME in text
    assert LONG_ADDRESS in text
    assert "ĐÔ THỊ SAO MAI HÀ NỘI" in text
    assert len(pages(pdf)) == 1
    left, right = MARGIN_LEFT - 0.5, PAGE_WIDTH - MARGIN_RIGHT + 0.5
    pieces = placed_text(pdf)
    assert pieces
    for _page, piece, x, _y, width in pieces:
        assert left <= x, piece
        assert x + width <= right, piece


def test_page_numbers_from_page_two(monkeypatch: pytest.MonkeyPatch) -> None:
    # A letter long enough for two pages: the body said three times over.
    wording = load_wording()
    long_wording = wording.model_copy(update={"body": wording.body * 3})
    monkeypatch.setattr(cover_letter, "load_wording", lambda: long_wording)
    pdf = render_cover_letter(make_unit(), people=25, on=ON)
    assert len(pages(pdf)) == 2
    in_top_margin = [
        (page, piece) for page, piece, _x, y, _w in placed_text(pdf) if y > PAGE_HEIGHT - MARGIN_TOP
    ]
    assert in_top_margin == [(2, "2")]
    # The closing line stays with the signature.
    assert "Trân trọng cảm ơn./. Nơi nhận:" in pages(pdf)[1]


# ---------------------------------------------------------------------------------------------
# Layout, read from the items the letter is drawn from (``layout_cover_letter``)

WORDS = st.sampled_from(
    ["Công", "ty", "TNHH", "Thương", "mại", "Dịch", "vụ", "Hà", "Nội", "Số", "18", "ngõ", "95", "-"]
)
PHRASES = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


def texts(unit: Unit, people: int = 25) -> list[tuple[int, Text]]:
    return [
        (number, item)
        for number, page in enumerate(layout_cover_letter(unit, people=people, on=ON), 1)
        for item in page
        if isinstance(item, Text)
    ]


@settings(max_examples=40, deadline=None)
@given(name=PHRASES, address=PHRASES, contact=PHRASES)
def test_every_line_stays_inside_the_margins(name: str, address: str, contact: str) -> None:
    unit = make_unit(name=name, address=address)
    unit = unit.model_copy(update={"contact": unit.contact.model_copy(update={"name": contact})})
    right_edge = PAGE_WIDTH - MARGIN_RIGHT
    for page, text in texts(unit):
        assert text.x >= MARGIN_LEFT - 1e-6 and text.right <= right_edge + 1e-6, text
        assert text.y >= MARGIN_BOTTOM, text
        # Only the page number (from page 2 on) is in the top margin.
        assert text.y < PAGE_HEIGHT - MARGIN_TOP or (page > 1 and text.text == str(page)), text


def test_justified_lines_end_at_the_right_edge_and_last_lines_do_not() -> None:
    body = [text for _, text in texts(make_unit()) if text.font == REGULAR and text.size == 14]
    edge = TEXT_LEFT + TEXT_WIDTH
    stretched = [text for text in body if text.word_space]
    assert len(stretched) >= 8
    assert all(abs(text.right - edge) < 0.01 for text in stretched)
    # The greeting, the last line of each of the four paragraphs and the closing line are set at
    # their natural width, short of the edge.
    natural = [text for text in body if not text.word_space]
    assert len(natural) == 1 + 4 + 1, [text.text for text in natural]
    assert all(text.right < edge - 1 for text in natural)


@pytest.mark.parametrize("length", range(0, 40, 3))
def test_a_phone_number_never_breaks_across_lines(length: int) -> None:
    """Whatever pushes it to the end of a line, "0912 345 678" stays on one line (no-break
    spaces), as does "25 người"."""
    unit = make_unit()
    name = ("Nguyễn Thị Thu Hà " + "Minh " * length).strip()
    unit = unit.model_copy(update={"contact": unit.contact.model_copy(update={"name": name})})
    lines = [text.text for _, text in texts(unit)]
    assert any("0912\u00a0345\u00a0678" in line for line in lines), lines
    assert sum("25\u00a0người" in line for line in lines) == 2


@pytest.mark.parametrize("length", range(0, 60, 2))
def test_no_line_of_the_body_starts_with_a_dash(length: int) -> None:
    """ "VssID - Bảo hiểm xã hội số": the dash stays with the word before it, so that wherever
    the line breaks, no line of the body starts with "- " (it would read as a list item, like
    the "Nơi nhận" lines)."""
    unit = make_unit()
    issuer = ("Bảo hiểm xã hội " + "x" * length).strip()
    unit = unit.model_copy(
        update={"letter": unit.letter.model_copy(update={"reference_issuer": issuer})}
    )
    body = [text for _, text in texts(unit) if text.size == BODY.size]
    assert len(body) > 10
    assert not [text.text for text in body if text.text.startswith("-")]


@pytest.mark.parametrize("repeats", [2, 3, 4])
@pytest.mark.parametrize("extra", range(0, 26, 3))
def test_a_page_never_ends_on_the_first_line_of_a_paragraph(
    repeats: int, extra: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long letter breaks between pages after a paragraph's second line at the earliest (the
    page break moves as the body and the address grow); the closing line goes with the
    signature."""
    wording = load_wording()
    long_wording = wording.model_copy(update={"body": wording.body * repeats})
    monkeypatch.setattr(cover_letter, "load_wording", lambda: long_wording)
    unit = make_unit(address=LONG_ADDRESS + " Hà Nội" * extra)
    pages = layout_cover_letter(unit, people=25, on=ON)
    assert len(pages) >= 2
    first_line_x = TEXT_LEFT + BODY.indent
    for page in pages[:-1]:
        last = [item for item in page if isinstance(item, Text)][-1]
        assert abs(last.x - first_line_x) > 0.01, last.text
    closing = [n for n, text in texts(unit) if text.text == "Trân trọng cảm ơn./."]
    signer = [n for n, text in texts(unit) if text.text == "Trần Văn Minh"]
    assert closing == signer == [len(pages)]


def test_a_block_taller_than_a_page_is_refused() -> None:
    """Only a script can build such a unit (unit.toml caps every value): it gets an error, never
    a header running off the page."""
    unit = make_unit()
    employer = unit.employer.model_copy(update={"name": "Công ty " * 2000})  # not validated
    with pytest.raises(cover_letter.LetterDoesNotFit, match="taller than a page") as error:
        layout_cover_letter(unit.model_copy(update={"employer": employer}), people=3, on=ON)
    assert error.value.part == "heading"


def test_every_value_at_its_config_limit_still_fits() -> None:
    """unit.toml caps each value (models.ConfigLine, ConfigText); at the caps the heading and the
    signature block still fit a page and the letter flows onto more pages."""
    from vssid_batch.models import Employer

    def at_most(key: str) -> int:
        (limit,) = (m.max_length for m in Employer.model_fields[key].metadata)
        return int(limit)

    line, long = at_most("bhxh_unit_code"), at_most("name")
    assert (line, long) == (100, 300)
    text = ("Thương mại Đồng Quang " * 20)[:long].upper()
    unit = Unit.model_validate(
        {
            "employer": {
                **{key: text for key in ("name", "parent", "address")},
                "bhxh_unit_code": "W" * line,
                "tax_code": "0103456789",
            },
            "contact": {"name": text[:line], "phone": "0912 345 678 " * 7, "email": "a" * line},
            "signer": {key: text[:line] for key in ("name", "title", "authority")},
            "letter": {
                "number": 9999,
                **{key: "W" * line for key in ("symbol", "reference", "archive")},
                "place": text[:line],
                **{key: text for key in ("recipient", "reference_issuer")},
            },
        }
    )
    pages = layout_cover_letter(unit, people=123_456, on=ON)
    assert len(pages) > 1
    assert "THƯƠNG MẠI" in " ".join(text_of(render_cover_letter(unit, people=3, on=ON)).split())


def ink_right_of(pdf: bytes, x: float, dpi: int = 100) -> int:
    """Dark pixels right of ``x`` points on page 1, as PDFium prints it."""
    header, pixels = page_pixels(pdf, 1, dpi).split(b"\n", 1)
    width, height = map(int, header.split(b"x"))
    first = int(x * dpi / 72) + 1
    return sum(
        1
        for row in range(height)
        for value in pixels[row * width + first : (row + 1) * width]
        if value < 128
    )


@pytest.mark.parametrize(
    ("phone", "email"),
    [
        ("0912 345 678", "tuyendung.nhansu@congtysaomai.com.vn"),
        ("(024) 3555 0123 máy lẻ 12", "nhansu@saomai.example.vn"),
        ("0243 555 0123", None),
    ],
)
def test_justified_lines_with_no_break_spaces_end_at_the_margin_on_paper(
    phone: str, email: str | None
) -> None:
    """A no-break space is written as the space's byte, so word spacing widens it too: a line
    holding the phone number (its spaces made no-break) once ran 100 pt past the margin, off
    the paper. Checked on the printed page, not on our own arithmetic."""
    unit = make_unit()
    contact = unit.contact.model_copy(
        update={"name": "Đỗ Hoàng Long", "phone": phone, "email": email}
    )
    pdf = render_cover_letter(unit.model_copy(update={"contact": contact}), people=25, on=ON)
    assert ink_right_of(pdf, PAGE_WIDTH - MARGIN_RIGHT + 1) == 0
