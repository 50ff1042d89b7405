"""Tờ khai Mẫu số 01: text, order, geometry, determinism — read back from the PDF with pypdf.

Every person and employer here is made up.
"""

from __future__ import annotations

import io
import itertools
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents import layout, mau01, pdf
from vssid_batch.documents.edition import DEFAULT_EDITION, edition_text
from vssid_batch.documents.mau01 import (
    BOTTOM,
    FORM_TITLE,
    LEFT,
    RIGHT,
    TOP,
    draw_form,
    layout_form,
    lowest_point,
    render_form,
    render_forms,
)
from vssid_batch.documents.pdf import Leader, Rect, Text
from vssid_batch.documents.pdf.fonts import BOLD, REGULAR, text_width
from vssid_batch.models import Contact, Employee, Employer, Gender, Letter, Signer, Unit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

ON = date(2026, 11, 25)
LONG_NAME = "Tôn Nữ Hoàng Thị Mỹ Phương Khánh Linh Nguyễn Huyền Trang Anh"  # 60 characters
LONG_ADDRESS = (
    "Số nhà 123, ngách 45/67, ngõ 89 đường Nguyễn Văn Cừ, tổ dân phố số 15, phường Ngọc Lâm, "
    "quận Long Biên, thành phố Hà Nội, gần chợ Long Biên cũ, Hà Nội"
)


def make_unit(**letter: Any) -> Unit:
    return Unit(
        employer=Employer(
            name="Công ty TNHH Sao Mai",
            bhxh_unit_code="TA1234A",
            tax_code="0103456789",
            address="Số 12 phố Thái Hà, phường Trung Liệt, quận Đống Đa, Hà Nội",
        ),
        contact=Contact(name="Trần Thị Hoa", phone="0987654321"),
        signer=Signer(name="Lê Văn Minh"),
        letter=Letter(number=5, symbol="CV-SAOMAI", place="Hà Nội", **letter),
    )


def make_person(**overrides: Any) -> Employee:
    values: dict[str, Any] = {
        "row": 5,
        "full_name": "Nguyễn Thị Ánh Tuyết",
        "birth_date": date(1990, 3, 14),
        "gender": Gender.female,
        "bhxh_code": "0123456789",
        "id_number": "001190012345",
        "phone": "0912345678",
        "email": "anhtuyet.nguyen@example.com",
        "address": "Số 18 ngõ 42 phố Thịnh Quang, quận Đống Đa, Hà Nội",
    }
    values.update(overrides)
    return Employee(**values)


OTHER = {
    "row": 6,
    "full_name": "Phạm Văn Đức",
    "birth_date": date(1985, 7, 2),
    "gender": Gender.male,
    "bhxh_code": "0198765432",
    "id_number": "031085004321",
    "phone": "0387654321",
    "email": "duc.pham@example.org",
    "address": "Khu 4, thị trấn Vĩnh Bảo, Hải Phòng",
    "nationality": "Lào",
}


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """NFC, whitespace collapsed: wrapped lines compare equal to the one-line original."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def label_phrases() -> Iterator[str]:
    """Every fixed phrase of the default edition's tables (top-level keys such as ``edition``
    describe the file and are not printed): templates split at their {fields}."""
    raw = edition_text(DEFAULT_EDITION)

    def strings(node: Any) -> Iterator[str]:
        if isinstance(node, dict | list):
            for value in node.values() if isinstance(node, dict) else node:
                yield from strings(value)
        else:
            yield str(node)

    tables = [v for v in tomllib.loads(raw).values() if isinstance(v, dict)]
    for value in strings(tables):
        for part in re.split(r"\{\w+\}", value):
            if part.strip():
                yield flat(part)


@pytest.fixture(scope="module")
def unit() -> Unit:
    return make_unit()


@pytest.fixture(scope="module")
def form(unit: Unit) -> bytes:
    return render_form(make_person(), unit, on=ON)


@pytest.fixture(scope="module")
def text(form: bytes) -> str:
    (page,) = pages(form)
    return flat(page)


# ---------------------------------------------------------------------------------------------
# The page and its text


def test_one_a4_portrait_page(form: bytes) -> None:
    reader = PdfReader(io.BytesIO(form))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.05)


@pytest.mark.parametrize("phrase", sorted(set(label_phrases())))
def test_every_phrase_of_the_data_file_is_printed(text: str, phrase: str) -> None:
    assert phrase in text


def test_text_follows_the_spec_order(text: str) -> None:
    order = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 25 tháng 11 năm 2026",
        "TỜ KHAI",
        "Kính gửi: Bảo hiểm xã hội quận Đống Đa",
        "Họ và tên: NGUYỄN THỊ ÁNH TUYẾT",
        "Ngày sinh: 14/03/1990",
        "Mã số bảo hiểm xã hội: 0123456789",
        "Số CCCD/CMND/Hộ chiếu: 001190012345",
        "Địa chỉ liên hệ:",
        "Số chứng thư số",
        "Tên tổ chức chứng thực",
        "Thời hạn sử dụng",
        "Cá nhân tôi không có chứng thư số",
        "Địa chỉ thư điện tử: anhtuyet.nguyen@example.com",
        "Điện thoại di động: 0912 345 678",
        "Theo Nghị định số 166/2016/NĐ-CP",
        "Bảo hiểm xã hội từ ngày 25 tháng 11 năm 2026",
        "Đăng ký giao dịch tại: Cổng thông tin điện tử của Bảo hiểm xã hội Việt Nam",
        "Tổ chức I-VAN",
        "cam kết hoàn toàn chịu trách nhiệm",
        "NGƯỜI KHAI",
        "(Ký, ghi rõ họ tên)",
        "Nguyễn Thị Ánh Tuyết",
    ]
    positions = [text.find(phrase) for phrase in order]
    assert -1 not in positions, [p for p, i in zip(order, positions, strict=True) if i < 0]
    assert positions == sorted(positions)


def test_person_values_read_back_exactly(text: str) -> None:
    person = make_person()
    assert "NGUYỄN THỊ ÁNH TUYẾT" in text  # capitals on the "Họ và tên" line
    assert text.endswith("Nguyễn Thị Ánh Tuyết")  # written normally under the signature
    assert "0123456789" in text  # BHXH code: ten boxes, one contiguous string
    assert "001190012345" in text
    assert "0912 345 678" in text
    assert person.phone in text.replace(" ", "")
    for value in (person.email, person.address, "14/03/1990", "Nữ", "Việt Nam"):
        assert value is not None
        assert flat(value) in text


def test_decomposed_input_is_printed_as_nfc(unit: Unit) -> None:
    decomposed = unicodedata.normalize("NFD", "Đặng Thị Thuỳ Dương")
    (page,) = pages(render_form(make_person(full_name=decomposed), unit, on=ON))
    assert "Đặng Thị Thuỳ Dương" in flat(page)
    assert "ĐẶNG THỊ THUỲ DƯƠNG" in flat(page)


def test_nothing_of_one_person_appears_on_anothers_form(unit: Unit) -> None:
    first, second = make_person(), make_person(**OTHER)
    texts = [flat(pages(render_form(p, unit, on=ON))[0]) for p in (first, second)]
    for person, own, foreign in ((first, texts[0], texts[1]), (second, texts[1], texts[0])):
        values = [person.full_name, person.full_name.upper(), person.bhxh_code, person.id_number]
        values += [person.email or "", person.address or "", mau01.format_phone(person.phone)]
        for value in values:
            assert flat(value) in own
            assert flat(value) not in foreign


def test_render_forms_one_page_per_person_in_order(unit: Unit) -> None:
    people = [
        make_person(),
        make_person(**OTHER),
        make_person(full_name="Lý Thị Hạnh", id_number="019300000123", bhxh_code="0100000001"),
    ]
    texts = pages(render_forms(people, unit, on=ON))
    assert len(texts) == 3
    for person, page in zip(people, texts, strict=True):
        assert person.id_number in page
        assert flat(person.full_name.upper()) in flat(page)


def test_render_forms_needs_someone(unit: Unit) -> None:
    with pytest.raises(ValueError):
        render_forms([], unit, on=ON)


def test_draw_form_on_an_open_canvas(unit: Unit) -> None:
    """What a worker does for chunked rendering: its own canvas, pages drawn one by one."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for person in (make_person(), make_person(**OTHER)):
        draw_form(canvas, person, unit, on=ON)
        canvas.showPage()
    canvas.save()
    first, second = pages(out.getvalue())
    assert "001190012345" in first and "031085004321" in second


# ---------------------------------------------------------------------------------------------
# Determinism and metadata


def test_same_input_same_bytes(unit: Unit, form: bytes) -> None:
    assert render_form(make_person(), unit, on=ON) == form
    people = [make_person(), make_person(**OTHER)]
    assert render_forms(people, unit, on=ON) == render_forms(people, unit, on=ON)


def test_a_form_does_not_depend_on_what_was_rendered_before(unit: Unit, form: bytes) -> None:
    render_form(make_person(**OTHER), unit, on=date(2025, 1, 2), blank_dates=True)
    render_form(make_person(full_name="Ngô Thị Ü"), unit, on=ON)  # a letter outside the seed
    assert render_form(make_person(), unit, on=ON) == form


def test_metadata(form: bytes) -> None:
    metadata = PdfReader(io.BytesIO(form)).metadata
    assert metadata is not None
    assert metadata.title == "Tờ khai Mẫu số 01 – Nguyễn Thị Ánh Tuyết"
    assert metadata.author == "Công ty TNHH Sao Mai"
    assert FORM_TITLE == "Tờ khai Mẫu số 01"


# ---------------------------------------------------------------------------------------------
# Dates


def test_blank_dates_print_leaders_not_digits(unit: Unit) -> None:
    (page,) = pages(render_form(make_person(), unit, on=ON, blank_dates=True))
    text = flat(page)
    header = text[text.index("Hà Nội, ngày") : text.index("TỜ KHAI")]
    start = text[text.index("Bảo hiểm xã hội từ ngày") : text.index("Đăng ký giao dịch tại")]
    for segment in (header, start):
        assert not re.search(r"\d", segment), segment
    assert "2026" not in text
    assert "tháng" in header and "năm" in header


def test_blank_dates_leave_room_to_write(unit: Unit) -> None:
    items = layout_form(make_person(), unit, on=ON, blank_dates=True)
    dated = layout_form(make_person(), unit, on=ON)
    assert (
        sum(isinstance(i, Leader) for i in items) == sum(isinstance(i, Leader) for i in dated) + 6
    )


def test_dates_follow_nghi_dinh_30(unit: Unit) -> None:
    (page,) = pages(render_form(make_person(), unit, on=date(2026, 2, 5)))
    assert "Hà Nội, ngày 05 tháng 02 năm 2026" in flat(page)
    assert "từ ngày 05 tháng 02 năm 2026" in flat(page)


# ---------------------------------------------------------------------------------------------
# Boxes, leaders, checkboxes


def digit_boxes(items: list[pdf.Item]) -> list[Rect]:
    return [i for i in items if isinstance(i, Rect) and i.w == mau01.BOX]


def box_rows(items: list[pdf.Item]) -> list[int]:
    rows: dict[float, int] = defaultdict(int)
    for box in digit_boxes(items):
        rows[box.y] += 1
    return [rows[y] for y in sorted(rows, reverse=True)]


def test_one_box_per_digit(unit: Unit) -> None:
    assert box_rows(layout_form(make_person(), unit, on=ON)) == [10, 12]


def test_a_cmnd_fills_nine_boxes(unit: Unit) -> None:
    person = make_person(id_number="123456789")
    assert box_rows(layout_form(person, unit, on=ON)) == [10, 9]
    (page,) = pages(render_form(person, unit, on=ON))
    assert "Số CCCD/CMND/Hộ chiếu: 123456789" in flat(page)


def test_digits_sit_in_the_middle_of_their_boxes(unit: Unit) -> None:
    items = layout_form(make_person(), unit, on=ON)
    for digits in ("0123456789", "001190012345"):
        (run,) = [i for i in items if isinstance(i, Text) and i.text == digits]
        boxes = sorted(
            (b for b in digit_boxes(items) if b.y < run.y < b.y + b.h), key=lambda b: b.x
        )
        assert len(boxes) == len(digits)
        advance = text_width("0", run.font, run.size)
        for index, box in enumerate(boxes):
            centre = run.x + index * (advance + run.char_space) + advance / 2
            assert centre == pytest.approx(box.x + box.w / 2)


def test_box_digits_assume_equal_digit_widths() -> None:
    for font in (REGULAR, BOLD):
        assert len({text_width(d, font, 12) for d in "0123456789"}) == 1


def test_portal_ticked_ivan_not(unit: Unit) -> None:
    items = layout_form(make_person(), unit, on=ON)
    squares = [i for i in items if isinstance(i, Rect) and i.w == mau01.CHECK]
    crosses = [i for i in items if isinstance(i, pdf.Cross)]
    assert len(squares) == 2 and len(crosses) == 1
    portal = next(i for i in items if isinstance(i, Text) and i.text.startswith("Cổng thông tin"))
    assert crosses[0].x == squares[0].x and squares[0].x < portal.x


def test_missing_email_and_address_get_leaders(unit: Unit) -> None:
    person = make_person(email=None, address=None)
    items = layout_form(person, unit, on=ON)
    labels = {i.text: i for i in items if isinstance(i, Text)}
    for label in ("Địa chỉ thư điện tử:", "Địa chỉ liên hệ:"):
        leaders = [i for i in items if isinstance(i, Leader) and i.y == labels[label].y]
        assert len(leaders) == 1 and leaders[0].x0 > labels[label].right
    (page,) = pages(render_form(person, unit, on=ON))
    assert "@" not in page


def test_certificate_lines_stay_blank(unit: Unit) -> None:
    items = layout_form(make_person(), unit, on=ON)
    for start in ("Số chứng thư số", "Tên tổ chức chứng thực", "Thời hạn sử dụng"):
        label = next(i for i in items if isinstance(i, Text) and i.text.startswith(start))
        same_line = [i for i in items if getattr(i, "y", None) == label.y and i is not label]
        assert same_line and all(isinstance(i, Leader | Text) for i in same_line)
        assert not any(isinstance(i, Text) and re.search(r"\d", i.text) for i in same_line)


# ---------------------------------------------------------------------------------------------
# Geometry: long values wrap or shrink, nothing leaves its frame or the page


def assert_inside_the_page(items: list[pdf.Item]) -> None:
    for item in items:
        if isinstance(item, Text):
            assert item.x >= LEFT - 0.01 and item.right <= RIGHT + 0.01, item
            assert item.y <= TOP
        elif isinstance(item, Leader):
            assert LEFT - 0.01 <= item.x0 < item.x1 <= RIGHT + 0.01, item
    assert lowest_point(items) >= BOTTOM


def assert_no_overlap_on_a_line(items: list[pdf.Item]) -> None:
    lines: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for item in items:
        if isinstance(item, Text):
            lines[round(item.y, 2)].append((item.x, item.right))
        elif isinstance(item, Leader):
            lines[round(item.y, 2)].append((item.x0, item.x1))
    for spans in lines.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start + 0.01, spans


@pytest.mark.parametrize("blank_dates", [False, True])
def test_typical_form_geometry(unit: Unit, blank_dates: bool) -> None:
    items = layout_form(make_person(), unit, on=ON, blank_dates=blank_dates)
    assert_inside_the_page(items)
    assert_no_overlap_on_a_line(items)


def test_long_name_and_address_stay_inside_the_margins(unit: Unit) -> None:
    assert len(LONG_NAME) == 60 and len(LONG_ADDRESS) == 150
    long_unit = make_unit(recipient="Bảo hiểm xã hội khu vực I, thành phố Hà Nội (phòng tiếp nhận)")
    person = make_person(
        full_name=LONG_NAME,
        address=LONG_ADDRESS,
        email="nguyen.thi.rat.dai.ten.email.cua.nguoi.lao.dong@congty-sao-mai.example.com",
        nationality="Cộng hòa Dân chủ Nhân dân Lào",
    )
    items = layout_form(person, long_unit, on=ON, blank_dates=True)
    assert_inside_the_page(items)
    assert_no_overlap_on_a_line(items)
    (page,) = pages(render_form(person, long_unit, on=ON))
    text = flat(page)
    assert flat(LONG_NAME.upper()) in text and flat(LONG_ADDRESS) in text
    assert text.endswith(flat(LONG_NAME))


def test_absurd_values_degrade_but_stay_on_one_page() -> None:
    """unit.toml caps its values, a script's Unit need not, and people's cells are not capped:
    the form shrinks and cuts (dots after it) rather than overflow."""
    huge = "Nguyễn Thị Hoàng Anh " * 30
    unit = make_unit()
    letter = unit.letter.model_copy(update={"place": "Thành phố Hồ Chí Minh", "recipient": huge})
    unit = unit.model_copy(update={"letter": letter})
    person = make_person(
        full_name=huge, address=huge, nationality=huge, email="a" * 300 + "@example.com"
    )
    items = layout_form(person, unit, on=ON)
    assert_inside_the_page(items)
    assert_no_overlap_on_a_line(items)
    assert len(pages(render_form(person, unit, on=ON))) == 1


def test_fit_text_wraps_a_long_name_within_the_frame() -> None:
    frame = 380.0
    fitted = layout.fit_text(LONG_NAME.upper(), BOLD, 12, frame, max_lines=2, min_size=11)
    assert len(fitted.lines) == 2 and 11 <= fitted.size <= 12
    assert all(text_width(line, BOLD, fitted.size) <= frame for line in fitted.lines)
    assert " ".join(fitted.lines) == LONG_NAME.upper()


def test_fit_text_shrinks_slightly_before_it_wraps() -> None:
    value = "Số 18 ngõ 42 phố Thịnh Quang, phường Thịnh Quang, quận Đống Đa, Hà Nội"
    frame = text_width(value, BOLD, 11.5) + 1
    assert layout.fit_text(value, BOLD, 12, frame, max_lines=2, min_size=11).size == 11.5


def test_fit_text_never_overruns_even_when_it_must_cut() -> None:
    fitted = layout.fit_text("x" * 500, REGULAR, 12, 100, max_lines=2, min_size=11, floor=8)
    assert len(fitted.lines) == 2 and fitted.size == 8 and fitted.cut
    assert all(text_width(line, REGULAR, 8) <= 100 for line in fitted.lines)


words = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặẩẫấậỳỹýỵ@.", min_size=1, max_size=25
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(words, min_size=1, max_size=30),
    st.floats(min_value=40, max_value=460),
    st.floats(min_value=0, max_value=460),
)
def test_wrapped_lines_always_fit_their_frame(value: list[str], frame: float, first: float) -> None:
    text = " ".join(value)
    lines = layout.wrap(text, REGULAR, 12, frame, first_width=first)
    for index, line in enumerate(lines):
        room = first if index == 0 else frame
        assert line == "" or text_width(line, REGULAR, 12) <= room or len(line) == 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


# ---------------------------------------------------------------------------------------------
# Data file


def test_form_text_is_read_once() -> None:
    assert mau01.form_text() is mau01.form_text()


def test_form_text_is_nfc() -> None:
    for phrase in label_phrases():
        assert unicodedata.is_normalized("NFC", phrase)


def test_uses_one_font_subset_per_face(form: bytes) -> None:
    resources: Any = PdfReader(io.BytesIO(form)).pages[0]["/Resources"]
    fonts = resources["/Font"]
    subsets = [name for name in fonts if "+" in name]
    assert len(subsets) == 3  # regular, bold, italic; the whole alphabet fits one subset each
