"""The fence around reportlab's internals (``src/vssid_batch/documents/pdf/``, issue 13 item 4).

Two halves. The canary: every private attribute and method of reportlab the fence relies on is
checked here, one test per name, on the installed reportlab, and rendered documents are checked
against golden hashes of their objects read back with pikepdf — a new reportlab that changes any
of it fails here, naming what changed, before it changes a clerk's forms. pyproject bounds
reportlab to the versions this passed on; raising the bound means running this file first.

The fence: no module outside the package imports reportlab beyond the public API listed here,
reads another module's private attribute, or reaches into the package's own modules.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pikepdf
import pytest
import reportlab
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont

from vssid_batch.documents.cover_letter import render_cover_letter
from vssid_batch.documents.mau01 import render_form
from vssid_batch.documents.pdf import (
    BOLD,
    REGULAR,
    deterministic_canvas,
    register_fonts,
    split_pages,
)
from vssid_batch.documents.pdf.assemble import PdfInfo
from vssid_batch.documents.pdf.canvas import document_of, page_operators
from vssid_batch.documents.photocopy import render_photocopy
from vssid_batch.models import Contact, Employee, Employer, Gender, Letter, Signer, Unit

SRC = Path(__file__).resolve().parent.parent / "src" / "vssid_batch"
FENCE = SRC / "documents" / "pdf"
ON = date(2026, 11, 25)
UNIT = Unit(
    employer=Employer(
        name="Công ty TNHH Sao Mai",
        bhxh_unit_code="TA1234A",
        tax_code="0103456789",
        address="Số 12 phố Thái Hà, Hà Nội",
    ),
    contact=Contact(name="Trần Thị Hoa", phone="0987654321"),
    signer=Signer(name="Lê Văn Minh"),
    letter=Letter(number=5, symbol="CV-SAOMAI", place="Hà Nội"),
)
PERSON = Employee(
    row=5,
    full_name="Nguyễn Thị Ánh Tuyết",
    birth_date=date(1990, 3, 14),
    gender=Gender.female,
    bhxh_code="0123456789",
    id_number="001190012345",
    phone="0912345678",
    email="anhtuyet.nguyen@example.com",
    address="Số 18 ngõ 42 phố Thịnh Quang, Đống Đa, Hà Nội",
)


# ---------------------------------------------------------------------------------------------
# The canary: what the fence relies on, one check per name


def _fresh_document() -> object:
    return document_of(deterministic_canvas(io.BytesIO(), title="t", author="a"))


class Probe:
    """Stands in for a document: fonts keep their per-document state in a weak dictionary."""


def _page_content(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        contents = document.pages[0].obj.Contents
        return b"".join(part.read_bytes() for part in pikepdf.Array([contents]).as_list())


def check_canvas_doc() -> None:
    canvas = deterministic_canvas(io.BytesIO(), title="t", author="a")
    assert isinstance(document_of(canvas), pdfdoc.PDFDocument)
    other = deterministic_canvas(io.BytesIO(), title="t", author="a")
    assert document_of(canvas) is not document_of(other), "one document per canvas"


def check_canvas_code() -> None:
    out = io.BytesIO()
    canvas = deterministic_canvas(out, title="t", author="a")
    code = page_operators(canvas)
    assert isinstance(code, list)
    code.append("q 0.25 w n 11 12 m 13 14 l S Q")
    canvas.showPage()
    canvas.save()
    assert b"0.25 w n 11 12 m 13 14 l S" in _page_content(out.getvalue())


def check_use_a85() -> None:
    assert rl_config.useA85 == 0
    with pikepdf.open(io.BytesIO(render_form(PERSON, UNIT, on=ON))) as document:
        filters = {
            str(obj.stream_dict.get("/Filter"))
            for obj in document.objects
            if isinstance(obj, pikepdf.Stream)
        }
    assert "ASCII85Decode" not in " ".join(filters), filters


def check_ttfont_state() -> None:
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    document = Probe()
    state = font._assignState(document)
    assert font.state[document] is state
    assert isinstance(state.assignments, dict) and isinstance(state.nextCode, int)
    assert isinstance(state.subsets, list) and hasattr(state, "frozen")
    fresh = TTFont.State(font._asciiReadable, font)
    assert (fresh.nextCode, fresh.assignments, fresh.subsets) == (
        state.nextCode,
        state.assignments,
        state.subsets,
    )
    font.state.pop(document)


def check_split_string() -> None:
    register_fonts()
    font = pdfmetrics.getFont(BOLD)
    probe = Probe()
    ((subset, data),) = TTFont.splitString(font, "ba", probe)
    state = font.state.pop(probe)
    assert subset == 0 and len(data) == 2
    # Codes are handed out in the order characters are first met: the seed table relies on it.
    assert [state.assignments[ord(c)] for c in "ba"] == list(data) == sorted(data)
    assert state.subsets[0][data[0]] == ord("b")


def check_subset_internal_name() -> None:
    register_fonts()
    name = pdfmetrics.getFont(REGULAR).getSubsetInternalName(0, _fresh_document())
    assert re.fullmatch(r"/F\d+\+0", name), name


def check_subsetn_and_flags() -> None:
    assert SUBSETN(0) == b"AAAAAA" and SUBSETN(1) == b"AAAAAB"
    assert (FF_SYMBOLIC, FF_NONSYMBOLIC) == (4, 32)


def check_face() -> None:
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    for name in ("ascent", "capHeight", "descent", "flags", "italicAngle", "stemV"):
        assert isinstance(getattr(face, name), int | float), name
    assert isinstance(face.defaultWidth, int | float)
    assert (face.name, face.subfontNameX) == (b"Tinos", b"")
    assert len(face.bbox) == 4 and face.filename.endswith("Tinos-Regular.ttf")
    assert face.makeSubset([0, 65])[:4] == b"\x00\x01\x00\x00"  # a TrueType font program
    assert face.getCharWidth(65) > 0


def check_face_cache() -> None:
    """The face cache: ``TTFont.__init__`` builds its face by the module's ``TTFontFace`` name,
    and a face read back has what a parsed one has (the file's bytes and the scale excepted)."""
    from reportlab.pdfbase import ttfonts

    from vssid_batch.documents.pdf import fonts

    assert "TTFontFace" in TTFont.__init__.__code__.co_names
    path = str(fonts.FONT_DIR / "Tinos-Italic.ttf")
    parsed = ttfonts.TTFontFace(path)
    with fonts._faces_from_cache():
        fonts._CachedFace(path)  # parsed and kept, or read back
        read_back = fonts._CachedFace(path)
    assert ttfonts.TTFontFace is not fonts._CachedFace  # put back
    assert vars(read_back).keys() == vars(parsed).keys()
    for name, value in vars(parsed).items():
        if name == "_pdfScale":
            assert [read_back._pdfScale(v) for v in (0, 1, 2048)] == [
                value(0),
                value(1),
                value(2048),
            ]
        else:
            assert getattr(read_back, name) == value and type(getattr(read_back, name)) is type(
                value
            ), name
    assert read_back.name.ustr == parsed.name.ustr


def check_add_objects() -> None:
    assert list(inspect.signature(TTFont.addObjects).parameters) == ["self", "doc"]
    assert list(inspect.signature(TTFont.splitString).parameters) == [
        "self",
        "text",
        "doc",
        "encoding",
    ]
    document = _fresh_document()
    assert hasattr(document.idToObject["BasicFonts"], "dict")  # type: ignore[attr-defined]
    assert callable(document.Reference) and document.compression  # type: ignore[attr-defined]


def check_add_objects_is_called_at_save() -> None:
    """reportlab still writes each font's objects through ``addObjects`` (overridden by the
    fence): its widths are rounded to a tenth of a unit, reportlab's own are not."""
    with pikepdf.open(io.BytesIO(render_form(PERSON, UNIT, on=ON))) as document:
        fonts = document.pages[0].obj.Resources.Font
        widths = [float(w) for font in fonts.values() for w in font.get("/Widths", [])]
    assert len(widths) > 100
    assert all(abs(w * 10 - round(w * 10)) < 1e-6 for w in widths)


def check_pdfdoc_objects() -> None:
    assert pdfdoc.PDFArray([333.0, 1.5, 2]).format(pdfdoc.DummyDoc()) == b"[ 333 1.5 2 ]"
    stream = pdfdoc.PDFStream()
    assert hasattr(stream, "content") and hasattr(stream, "dictionary")
    assert issubclass(pdfdoc.PDFTrueTypeFont, pdfdoc.PDFObject)
    assert pdfdoc.PDFName("FlateDecode").format(pdfdoc.DummyDoc()) in (
        "/FlateDecode",
        b"/FlateDecode",
    )


def check_rl_accel() -> None:
    assert escapePDF(b"(a)\\\x01") == "\\(a\\)\\\\\\001"
    assert fp_str(1.5, 2, 0.333333) == "1.5 2 .333333"


def check_invariant_file_shape() -> None:
    """What the hand-written splitter reads: reportlab's invariant layout of a file."""
    pdf = render_form(PERSON, UNIT, on=ON)
    assert pdf.startswith(b"%PDF-1.") and b"\nxref\n0 " in pdf
    assert b"/ObjStm" not in pdf and b"/XRefStm" not in pdf
    assert b"(D:20000101000000+00'00')" in pdf
    (page,) = split_pages(pdf, [PdfInfo("t", "a")])
    assert _page_content(page) == _page_content(pdf)


CANARIES: dict[str, Callable[[], None]] = {
    "Canvas._doc": check_canvas_doc,
    "Canvas._code": check_canvas_code,
    "rl_config.useA85": check_use_a85,
    "TTFont.state/_assignState/State/_asciiReadable": check_ttfont_state,
    "TTFont.splitString code order": check_split_string,
    "TTFont.getSubsetInternalName": check_subset_internal_name,
    "ttfonts.SUBSETN/FF_SYMBOLIC/FF_NONSYMBOLIC": check_subsetn_and_flags,
    "TTFont.face (makeSubset, getCharWidth, metrics)": check_face,
    "TTFont.__init__ names TTFontFace; face attributes are plain data": check_face_cache,
    "TTFont.addObjects and PDFDocument.idToObject/Reference/compression": check_add_objects,
    "TTFont.addObjects called at save": check_add_objects_is_called_at_save,
    "pdfdoc PDFArray/PDFStream/PDFTrueTypeFont/PDFName/DummyDoc": check_pdfdoc_objects,
    "rl_accel.escapePDF/fp_str": check_rl_accel,
    "invariant file shape (classic xref, fixed date)": check_invariant_file_shape,
}


@pytest.mark.parametrize("name", CANARIES)
def test_reportlab_still_works_as_the_fence_assumes(name: str) -> None:
    try:
        CANARIES[name]()
    except (AssertionError, AttributeError, KeyError, TypeError, ValueError) as exc:
        pytest.fail(
            f"reportlab {reportlab.Version} changed {name!r}, which src/vssid_batch/documents/"
            f"pdf/ relies on: {type(exc).__name__}: {exc}"
        )


# Golden renderings: a hash of every object (streams decoded) read back with pikepdf, so the
# check does not depend on zlib's exact output; the producer (our version) is left out.
GOLDEN = {
    "form": "11bee1a795d1f54ede26c38637e1554f182492f6ab72139478e5167be61b1877",
    "photocopy": "e24940f55c19e91c4b8a62b43401243c7a227c130354b781999358282faf05e4",
    "cover letter": "1e3f60d9e352ac02ce71fd847d12e7af7c372c82abcb7756b6c930c39295ac5d",
}
FORM_TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Hà Nội, ngày 25 tháng 11 "
    "năm 2026 TỜ KHAI Đăng ký sử dụng, điều chỉnh thông tin và ngừng sử dụng phương thức giao "
    "dịch điện tử trong lĩnh vực bảo hiểm xã hội Kính gửi: Bảo hiểm xã hội quận Đống Đa Họ và "
    "tên: NGUYỄN THỊ ÁNH TUYẾT Ngày sinh: 14/03/1990 Giới tính: Nữ Quốc tịch: Việt Nam Mã số "
    "bảo hiểm xã hội: 0123456789 Số CCCD/CMND/Hộ chiếu: 001190012345 Địa chỉ liên hệ: Số 18 "
    "ngõ 42 phố Thịnh Quang, Đống Đa, Hà Nội"
)


PRODUCED = ("/Creator", "/Producer")


def canonical_hash(pdf: bytes) -> str:
    def text(value: object) -> bytes:
        if isinstance(value, pikepdf.Object):
            return value.unparse(resolved=False)
        return repr(value).encode()

    digest = hashlib.sha256()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Stream):
                keys = sorted(
                    (str(key), text(value))
                    for key, value in obj.stream_dict.items()
                    if key not in ("/Length", "/Filter")
                )
                body = hashlib.sha256(obj.read_bytes()).hexdigest()
                digest.update(repr((obj.objgen, keys, body)).encode())
            else:
                digest.update(repr((obj.objgen, text(obj))).encode())
        info = document.trailer.Info  # the producer, "vssid-batch <version>", left out
        digest.update(
            repr(sorted((k, text(v)) for k, v in info.items() if k not in PRODUCED)).encode()
        )
    return digest.hexdigest()


def rendered(kind: str) -> bytes:
    if kind == "form":
        return render_form(PERSON, UNIT, on=ON)
    if kind == "photocopy":
        return render_photocopy(PERSON, None, None)
    return render_cover_letter(UNIT, people=25, on=ON)


@pytest.mark.parametrize("kind", GOLDEN)
def test_rendered_documents_match_their_golden_hash(kind: str) -> None:
    assert canonical_hash(rendered(kind)) == GOLDEN[kind], (
        f"the {kind} renders differently on reportlab {reportlab.Version}: a change of "
        "reportlab (or of the drawing code) that changes the PDF"
    )


def test_the_form_reads_back_as_golden_text() -> None:
    """The same page read by pypdf: when the hash above fails, this says whether the words did."""
    text = " ".join(PdfReader(io.BytesIO(rendered("form"))).pages[0].extract_text().split())
    assert text.startswith(FORM_TEXT), text


def test_the_golden_hash_sees_a_one_byte_change() -> None:
    pdf = rendered("form")
    changed = pdf.replace(b"D:20000101000000", b"D:20000101000001")
    assert changed != pdf and canonical_hash(changed) != canonical_hash(pdf)


# ---------------------------------------------------------------------------------------------
# The fence: nothing outside it touches reportlab's internals

# The public reportlab API the rest of the code may use (documented in the ReportLab user guide).
PUBLIC_API = {
    "reportlab.lib.pagesizes": {"A4"},
    "reportlab.lib.units": {"cm", "mm"},
    "reportlab.lib.utils": {"ImageReader"},
    "reportlab.pdfgen.canvas": {"Canvas"},
}
# Private-looking names that are public API (``atexit._run_exitfuncs``: the one way to run the
# exit handlers before ``os._exit``, in CPython since 2.x; __main__._leave).
PUBLIC_UNDERSCORED = {("os", "_exit"), ("atexit", "_run_exitfuncs")}


def outside_the_fence() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        if FENCE not in path.parents:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def reportlab_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """``module.name`` for each reportlab name imported outside ``PUBLIC_API``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "reportlab":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
            allowed = PUBLIC_API.get(node.module or "", set())
            for alias in node.names:
                if alias.name not in allowed:
                    yield node.lineno, f"{node.module}.{alias.name}"


def foreign_private_reads(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """``x._name`` where ``_name`` is not defined in this module: another module's private
    attribute (reportlab's ``canvas._doc``, ``font.state`` internals and the like)."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
            continue
        if node.attr.startswith("__") or node.attr in own:
            continue
        owner = ast.unparse(node.value)
        if owner not in ("self", "cls") and (owner, node.attr) not in PUBLIC_UNDERSCORED:
            yield node.lineno, f"{owner}.{node.attr}"


def fence_module_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Imports of the fence's own modules (``documents.pdf.fonts``): use the package."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "vssid_batch.documents.pdf."
        ):
            yield node.lineno, str(node.module)


SCANS = {
    "reportlab beyond the public API": reportlab_imports,
    "another module's private attribute": foreign_private_reads,
    "a module of the fence instead of its package": fence_module_imports,
}


@pytest.mark.parametrize("what", SCANS)
def test_nothing_outside_the_fence_touches_reportlab_internals(what: str) -> None:
    found = [
        f"{path.relative_to(SRC.parent)}:{line}: {name}"
        for path, tree in outside_the_fence()
        for line, name in SCANS[what](tree)
    ]
    assert not found, f"{what} outside src/vssid_batch/documents/pdf/: {found}"


def test_the_scans_can_fail() -> None:
    """Each scan finds what it looks for (a scan that finds nothing proves nothing)."""
    tree = ast.parse(
        "from reportlab.pdfbase import pdfmetrics\n"
        "from reportlab.lib.pagesizes import A4, LETTER\n"
        "import reportlab.rl_config\n"
        "from vssid_batch.documents.pdf.fonts import SEED\n"
        "canvas._code.append(x)\n"
        "os._exit(1)\n"
        "self._mine = 1\n"
        "other._mine\n"
    )
    assert [name for _, name in reportlab_imports(tree)] == [
        "reportlab.pdfbase.pdfmetrics",
        "reportlab.lib.pagesizes.LETTER",
        "reportlab.rl_config",
    ]
    assert [name for _, name in foreign_private_reads(tree)] == ["canvas._code"]
    assert [name for _, name in fence_module_imports(tree)] == ["vssid_batch.documents.pdf.fonts"]
