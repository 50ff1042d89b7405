"""Splitting a rendered chunk into one-page PDFs and joining chunks into the print PDF.

Every person and employer here is made up.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader
from pypdf.generic import StreamObject

from vssid_batch.documents.mau01 import FORM_TITLE, form_title, render_form, render_forms
from vssid_batch.documents.pdf import PRODUCER
from vssid_batch.documents.pdf.assemble import (
    Atom,
    Name,
    PdfConcatenator,
    PdfFormatError,
    PdfInfo,
    Ref,
    _parse_value,
    split_pages,
)
from vssid_batch.models import Contact, Employee, Employer, Letter, Signer, Unit
from vssid_batch.synthetic import make_employees

from helpers import page_pixels

ON = date(2026, 11, 25)
AUTHOR = "Công ty TNHH Sao Mai"
PRINT = PdfInfo(f"{FORM_TITLE} – bản in", AUTHOR)


def make_unit() -> Unit:
    return Unit(
        employer=Employer(
            name=AUTHOR,
            bhxh_unit_code="TA1234A",
            tax_code="0103456789",
            address="Số 12 phố Thái Hà, phường Trung Liệt, quận Đống Đa, Hà Nội",
        ),
        contact=Contact(name="Trần Thị Hoa", phone="0987654321"),
        signer=Signer(name="Lê Văn Minh"),
        letter=Letter(number=5, symbol="CV-SAOMAI", place="Hà Nội"),
    )


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def texts(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def infos(people: list[Employee]) -> list[PdfInfo]:
    return [PdfInfo(form_title(person), AUTHOR) for person in people]


@pytest.fixture(scope="module")
def unit() -> Unit:
    return make_unit()


@pytest.fixture(scope="module")
def people() -> list[Employee]:
    return make_employees(15, seed=7)


@pytest.fixture(scope="module")
def chunk(people: list[Employee], unit: Unit) -> bytes:
    return render_forms(people[:5], unit, on=ON)


@pytest.fixture(scope="module")
def singles(chunk: bytes, people: list[Employee]) -> list[bytes]:
    return split_pages(chunk, infos(people[:5]))


@pytest.fixture(scope="module")
def expected(people: list[Employee], unit: Unit) -> list[bytes]:
    """Each person's form as ``render_form`` writes it: what a split page must look like."""
    return [render_form(person, unit, on=ON) for person in people]


def tiny_pdf(
    content: bytes,
    *,
    eol: bytes = b"\n",
    trailer: bytes = b"",
    pages: bytes = b"",
    resources: bytes = b"<< >>",
    extra: tuple[bytes, ...] = (),
) -> bytes:
    """A hand-written one-page PDF around an uncompressed content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 %b>>" % pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources %b /Contents 4 0 R >>"
        % resources,
        b"<< /Length %d >>\nstream%b%b\nendstream" % (len(content), eol, content),
        *extra,  # objects 5, 6, …
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %b/Root 1 0 R >>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def qpdf_check(path: Path) -> None:
    """``qpdf --check`` through pikepdf (qpdf's library, a test dependency): the xref, every
    object, every stream decoded, every page's content parsed; a warning is a failure too."""
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []


def bitmap(pdf: bytes, page: int = 1) -> bytes:
    return page_pixels(pdf, page, dpi=50)


def page_essentials(pdf: bytes, index: int = 0) -> list[object]:
    """What page ``index`` of ``pdf`` draws, as pikepdf reads it: media box, decoded content,
    and per font resource its name, widths and decoded font program and ToUnicode map."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        page = document.pages[index].obj
        fonts = []
        for name, font in sorted(page.Resources.Font.items()):
            descriptor = font.get("/FontDescriptor")
            program = descriptor.FontFile2.read_bytes() if descriptor is not None else b""
            unicode = font.ToUnicode.read_bytes() if "/ToUnicode" in font else b""
            widths = [float(w) for w in font.get("/Widths", [])]
            fonts.append((name, str(font.BaseFont), widths, program, unicode))
        return [list(page.MediaBox), page.Contents.read_bytes(), fonts]


def pikepdf_pages(pdfs: list[bytes]) -> bytes:
    """The pages of ``pdfs`` in one file, joined by pikepdf (qpdf): the oracle for ours."""
    out = io.BytesIO()
    with pikepdf.new() as joined:
        sources = [pikepdf.open(io.BytesIO(pdf)) for pdf in pdfs]
        for source in sources:
            joined.pages.extend(source.pages)
        joined.save(out)
        for source in sources:
            source.close()
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# split_pages


def test_one_single_page_pdf_per_form(singles: list[bytes]) -> None:
    assert len(singles) == 5
    for pdf in singles:
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_split_page_reads_as_render_form(singles: list[bytes], expected: list[bytes]) -> None:
    for pdf, reference in zip(singles, expected, strict=False):
        assert texts(pdf) == texts(reference)


def test_split_page_has_the_persons_key_values(
    singles: list[bytes], people: list[Employee]
) -> None:
    for pdf, person in zip(singles, people, strict=False):
        (text,) = texts(pdf)
        assert flat(person.full_name.upper()) in text
        assert " ".join(person.id_number) in text or person.id_number in text.replace(" ", "")
        assert re.sub(r"\D", "", person.phone) in text.replace(" ", "")


def test_content_stream_is_copied_verbatim(chunk: bytes, singles: list[bytes]) -> None:
    source = PdfReader(io.BytesIO(chunk)).pages
    for index, pdf in enumerate(singles):
        (page,) = PdfReader(io.BytesIO(pdf)).pages
        contents = page["/Contents"].get_object()
        assert isinstance(contents, StreamObject)
        assert contents._data == source[index]["/Contents"].get_object()._data  # type: ignore[union-attr]


def test_split_metadata(singles: list[bytes], people: list[Employee]) -> None:
    for pdf, person in zip(singles, people, strict=False):
        metadata = PdfReader(io.BytesIO(pdf)).metadata
        assert metadata is not None
        assert metadata.title == form_title(person)
        assert metadata.author == AUTHOR
        assert metadata.producer == metadata.creator == PRODUCER
        assert metadata["/CreationDate"] == metadata["/ModDate"]
        assert str(metadata["/CreationDate"]) == "D:20000101000000+00'00'"


def test_split_is_deterministic(chunk: bytes, people: list[Employee], singles: list[bytes]) -> None:
    assert split_pages(chunk, infos(people[:5])) == singles
    ids = {PdfReader(io.BytesIO(pdf)).trailer["/ID"][0] for pdf in singles}  # type: ignore[index]
    assert len(ids) == 5  # the /ID is a digest of each file's own body


def test_split_page_embeds_the_same_fonts_as_render_form(
    singles: list[bytes], expected: list[bytes]
) -> None:
    assert singles[0].count(b"/FontFile2") == expected[0].count(b"/FontFile2") == 3
    assert abs(len(singles[0]) - len(expected[0])) < 2_000


def test_split_page_renders_like_render_form(singles: list[bytes], expected: list[bytes]) -> None:
    for pdf, reference in zip(singles, expected, strict=False):
        assert bitmap(pdf) == bitmap(reference)
    assert bitmap(singles[0]) != bitmap(singles[1])  # the comparison sees a person's details


def test_split_pages_are_the_pages_pikepdf_reads(chunk: bytes, singles: list[bytes]) -> None:
    """pikepdf (qpdf) as the oracle: each split file draws exactly its page of the chunk."""
    for index, pdf in enumerate(singles):
        assert page_essentials(pdf) == page_essentials(chunk, index)
    assert page_essentials(singles[0]) != page_essentials(singles[1])
    fonts = page_essentials(chunk)[2]
    assert isinstance(fonts, list) and len(fonts) >= 3 and all(font[3] for font in fonts[1:])


def test_split_output_passes_qpdf(singles: list[bytes], tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(singles[0])
    qpdf_check(path)


def test_split_needs_one_info_per_page(chunk: bytes, people: list[Employee]) -> None:
    with pytest.raises(ValueError, match="4 PdfInfo for a document of 5 pages"):
        split_pages(chunk, infos(people[:4]))


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_stream_bytes_are_located_by_length_not_by_scanning(eol: bytes, tmp_path: Path) -> None:
    # The content holds the words that end a stream and an object, and an unbalanced "(".
    content = b"% endstream endobj ( >>\n0 0 m 100 100 l S\n"
    (pdf,) = split_pages(tiny_pdf(content, eol=eol), [PdfInfo("Test (ASCII) \\ title", "A")])
    assert b"stream\n" + content + b"\nendstream" in pdf
    reader = PdfReader(io.BytesIO(pdf))
    contents = reader.pages[0]["/Contents"].get_object()
    assert isinstance(contents, StreamObject) and contents.get_data() == content
    assert reader.metadata is not None and reader.metadata.title == "Test (ASCII) \\ title"
    (tmp_path / "tiny.pdf").write_bytes(pdf)
    qpdf_check(tmp_path / "tiny.pdf")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda pdf: b"hello", "not a PDF"),
        (lambda pdf: pdf[:-60], "startxref"),
        (lambda pdf: pdf.replace(b"/Length 33", b"/Length 32"), "/Length"),
        (lambda pdf: pdf.replace(b"/Type /Pages", b"/Type /Pagez"), "/Type"),
        (lambda pdf: pdf.replace(b"\nxref", b"\nxreg"), "xref"),
        (lambda pdf: pdf.replace(b"4 0 obj", b"5 0 obj"), "does not point at it"),
        (lambda pdf: pdf.replace(b"/Contents 4 0 R", b"/Contents 9 0 R"), "not in the xref"),
    ],
)
def test_input_it_does_not_understand_fails_loudly(
    damage: Callable[[bytes], bytes], message: str
) -> None:
    pdf = tiny_pdf(b"% endstream endobj\n0 0 m 1 1 l S\n")
    with pytest.raises(PdfFormatError, match=re.escape(message)):
        split_pages(damage(pdf), [PdfInfo("t", "a")])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"trailer": b"/Prev 9 "}, "unsupported trailer entries: Prev"),
        ({"trailer": b"/Encrypt 9 0 R "}, "unsupported trailer entries: Encrypt"),
        ({"pages": b"/MediaBox [0 0 1 1] "}, "inherit"),
        ({"resources": b"<< /Link 3 0 R >>"}, "a page refers to page tree object 3"),
    ],
)
def test_features_it_does_not_copy_are_refused(
    change: dict[str, Any], message: str, tmp_path: Path
) -> None:
    pdf = tiny_pdf(b"0 0 m 1 1 l S\n", **change)
    with pytest.raises(PdfFormatError, match=re.escape(message)):
        split_pages(pdf, [PdfInfo("t", "a")])
    path = tmp_path / "print.pdf"
    with (
        pytest.raises(PdfFormatError, match=re.escape(message)),
        PdfConcatenator(path, PRINT) as cat,
    ):
        cat.add(pdf)
    assert not path.exists()


def test_reference_cycle_in_resources(tmp_path: Path) -> None:
    """Splitting copies a cycle as it is; joining cannot key a cycle by content, so refuses."""
    pdf = tiny_pdf(
        b"0 0 m 1 1 l S\n",
        resources=b"<< /ExtGState << /G 5 0 R >> >>",
        extra=(b"<< /Type /ExtGState /Next 6 0 R >>", b"<< /Type /ExtGState /Next 5 0 R >>"),
    )
    (single,) = split_pages(pdf, [PdfInfo("t", "a")])
    assert b"/Next 6 0 R" in single and b"/Next 5 0 R" in single
    path = tmp_path / "print.pdf"
    with pytest.raises(PdfFormatError, match="cycle"), PdfConcatenator(path, PRINT) as cat:
        cat.add(pdf)


def test_tokenizer() -> None:
    data = b"<< /A [1 0 R (a\\)b(c)) <0A1> /N#20x -1.5 true null 12 0] /B [5 6]%c\n>>"
    value, end = _parse_value(data, 0)
    assert end == len(data)
    assert value == {
        Name(b"A"): [
            Ref(1, 0),
            Atom(b"(a\\)b(c))"),
            Atom(b"<0A1>"),
            Name(b"N#20x"),
            Atom(b"-1.5"),
            Atom(b"true"),
            Atom(b"null"),
            Atom(b"12"),
            Atom(b"0"),
        ],
        Name(b"B"): [Atom(b"5"), Atom(b"6")],
    }


# ---------------------------------------------------------------------------------------------
# PdfConcatenator


@pytest.fixture(scope="module")
def chunks(people: list[Employee], unit: Unit) -> list[bytes]:
    return [render_forms(people[start : start + 5], unit, on=ON) for start in (0, 5, 10)]


@pytest.fixture(scope="module")
def joined(chunks: list[bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print") / "print.pdf"
    chunk_file = path.with_name("chunk.pdf")
    chunk_file.write_bytes(chunks[2])
    with PdfConcatenator(path, PRINT) as concatenator:
        concatenator.add(chunks[0])
        concatenator.add(chunks[1])
        concatenator.add_file(chunk_file)
    return path


def test_all_pages_in_order(joined: Path, expected: list[bytes]) -> None:
    pages = texts(joined.read_bytes())
    assert len(pages) == 15
    for page, reference in zip(pages, expected, strict=True):
        assert [page] == texts(reference)


def test_fonts_embedded_once(joined: Path, chunks: list[bytes]) -> None:
    data = joined.read_bytes()
    assert data.count(b"/FontFile2") == chunks[0].count(b"/FontFile2") == 3
    font_files = sum(int(m) for m in re.findall(rb"/Length (\d+) /Length1", chunks[0]))
    assert font_files > 20_000
    assert len(data) < sum(map(len, chunks)) - 2 * font_files


def test_only_the_font_that_differs_is_embedded_again(
    chunks: list[bytes], people: list[Employee], unit: Unit, tmp_path: Path
) -> None:
    """A "Ç" (not in the seeded alphabet) changes the bold subset only: names are bold."""
    odd = render_forms([people[0].model_copy(update={"full_name": "Çao Văn An"})], unit, on=ON)
    path = tmp_path / "print.pdf"
    with PdfConcatenator(path, PRINT) as concatenator:
        concatenator.add(chunks[0])
        concatenator.add(odd)
    assert path.read_bytes().count(b"/FontFile2") == 4
    assert "ÇAO VĂN AN" in texts(path.read_bytes())[5]


def test_print_metadata(joined: Path) -> None:
    metadata = PdfReader(joined).metadata
    assert metadata is not None
    assert (metadata.title, metadata.author) == (PRINT.title, PRINT.author)


def test_print_pdf_has_the_pages_pikepdf_joins(joined: Path, chunks: list[bytes]) -> None:
    oracle = pikepdf_pages(chunks)
    data = joined.read_bytes()
    for index in range(15):
        assert page_essentials(data, index) == page_essentials(oracle, index), index


def test_print_pdf_passes_qpdf(joined: Path) -> None:
    qpdf_check(joined)


def test_concatenation_is_deterministic(joined: Path, chunks: list[bytes], tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    with PdfConcatenator(again, PRINT) as concatenator:
        for pdf in chunks:
            concatenator.add(pdf)
    assert again.read_bytes() == joined.read_bytes()


def test_print_page_renders_like_render_form(joined: Path, expected: list[bytes]) -> None:
    assert bitmap(joined.read_bytes(), page=12) == bitmap(expected[11])
    assert bitmap(joined.read_bytes(), page=11) != bitmap(expected[11])


def test_deep_page_tree(tmp_path: Path) -> None:
    """More pages than one level of the page tree holds (64 × 64)."""
    path = tmp_path / "many.pdf"
    pdf = tiny_pdf(b"0 0 m 1 1 l S\n")
    with PdfConcatenator(path, PdfInfo("many", "a")) as concatenator:
        for _ in range(64 * 64 + 5):
            concatenator.add(pdf)
    reader = PdfReader(path)
    assert len(reader.pages) == 64 * 64 + 5
    assert reader.pages[-1].mediabox.width == 200
    qpdf_check(path)


@pytest.mark.slow  # 200 concatenations under tracemalloc: 6-21 s
def test_memory_does_not_grow_with_pages(chunk: bytes, tmp_path: Path) -> None:
    """The writer keeps offsets and page numbers, never page bytes: 10 times the pages, about
    the same peak (page content alone would add ~2 MB)."""

    def peak(count: int) -> int:
        tracemalloc.start()
        try:
            with PdfConcatenator(tmp_path / f"{count}.pdf", PRINT) as concatenator:
                for _ in range(count):
                    concatenator.add(chunk)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(20), peak(200)
    assert (tmp_path / "200.pdf").stat().st_size - (tmp_path / "20.pdf").stat().st_size > 1_500_000
    assert large - small < 100_000


def test_nothing_added_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    with pytest.raises(ValueError, match="no pages"), PdfConcatenator(path, PRINT):
        pass
    assert not path.exists()


def test_failure_removes_the_partial_file(chunk: bytes, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    with pytest.raises(PdfFormatError), PdfConcatenator(path, PRINT) as concatenator:
        concatenator.add(chunk)
        concatenator.add(b"%PDF-1.3\nnot really")
    assert not path.exists()


def test_the_qpdf_check_reports_damage(tmp_path: Path) -> None:
    """The structural check can fail: a wrong xref offset is repaired by qpdf with a warning."""
    path = tmp_path / "damaged.pdf"
    pdf = tiny_pdf(b"0 0 m 1 1 l S\n")
    path.write_bytes(pdf.replace(b"0000000009 00000 n", b"0000000019 00000 n"))
    with pytest.raises(AssertionError, match="WARNING"):
        qpdf_check(path)
    path.write_bytes(pdf)
    qpdf_check(path)
