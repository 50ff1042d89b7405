"""Attacks on the surfaces issue 13 moved: the library API, the list reader behind `report`, the one
sheet writer and the PDF fence. Each test names the hole it found (or the defence it checks).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from concurrent import futures
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader
from typer.testing import CliRunner

from vssid_batch import api
from vssid_batch.cli.app import app
from vssid_batch.errors import VssidError
from vssid_batch.sheet import writer, xlsx_stream

from helpers import AS_OF, EXAMPLES, child_env

SHEET_FIXTURES = Path(__file__).parent / "fixtures" / "sheet"
# What XML 1.0 cannot hold (an .xlsx holding one is refused by Excel and by lxml).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("employees.xlsx", "employees-with-errors.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def silent(capfd: pytest.CaptureFixture[str]) -> Iterator[None]:
    """The library prints nothing, on stdout or stderr, at the file-descriptor level."""
    yield
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# --- 1. the library API ----------------------------------------------------------------------


def test_every_api_function_takes_a_path_as_a_plain_string(workdir: Path, silent: None) -> None:
    """A script writes api.annotate("ds.xlsx", "out.xlsx", …): before, annotate, status,
    template, init_config and prepare(out=…) failed with AttributeError ('str' has no .resolve)."""
    sheet = str(workdir / "employees-with-errors.xlsx")
    report = api.validate(sheet, as_of=AS_OF)
    marked = api.annotate(sheet, "danh-dau.xlsx", report)
    assert marked == Path("danh-dau.xlsx") and openpyxl.load_workbook(marked).worksheets
    assert api.template("mau.xlsx") == Path("mau.xlsx") and Path("mau.xlsx").is_file()
    assert api.init_config("don-vi.toml").read_text(encoding="utf-8").startswith("#")
    with pytest.raises(VssidError) as not_a_batch:
        api.status(str(workdir))
    assert not_a_batch.value.code == "manifest.missing"


def test_prepare_and_status_take_strings(workdir: Path, silent: None) -> None:
    done = api.prepare(
        "employees.xlsx", out="ho-so", on=AS_OF, config="unit.toml", jobs=1, skip_invalid=True
    )
    assert done.folder == Path("ho-so") and (workdir / "ho-so" / "manifest.json").is_file()
    assert api.status("ho-so").intact


def test_annotating_with_a_report_of_another_sheet_is_one_clear_error(
    workdir: Path, silent: None
) -> None:
    """A report made from one workbook, applied to another whose sheets differ: was a KeyError
    ('Worksheet DS đăng ký does not exist.') from openpyxl."""
    report = api.validate(workdir / "employees-with-errors.xlsx", as_of=AS_OF)
    other = workdir / "other.xlsx"
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Khác"
    book.save(other)
    with pytest.raises(VssidError) as error:
        api.annotate(other, workdir / "x.xlsx", report)
    assert error.value.code == "sheet_not_found" and "Khác" in error.value.message("en")
    assert not (workdir / "x.xlsx").exists()


def test_annotating_onto_another_name_of_the_source_is_refused(workdir: Path) -> None:
    """A second name for the same file — "DS.xlsx" for "ds.xlsx" on a case-insensitive disk
    (macOS), here a hard link — passed the path comparison; the copy then replaced it."""
    sheet = workdir / "employees-with-errors.xlsx"
    other_name = workdir / "DS.xlsx"
    os.link(sheet, other_name)
    report = api.validate(sheet, as_of=AS_OF)
    with pytest.raises(VssidError) as error:
        api.annotate(sheet, other_name, report)
    assert error.value.code == "annotate.same_file"
    assert os.path.samefile(sheet, other_name)


def test_the_sheet_given_as_the_config_says_so_in_the_clerks_words(workdir: Path) -> None:
    """--config employees.xlsx printed Python's "'utf-8' codec can't decode byte 0xc7 in
    position 15: invalid continuation byte" inside the Vietnamese sentence."""
    with pytest.raises(VssidError) as error:
        api.prepare("employees.xlsx", out="o", on=AS_OF, config="employees.xlsx")
    assert error.value.code == "config.not_text" and "codec" not in error.value.message("vi")
    assert not Path("o").exists()


def test_a_config_folder_holding_the_output_is_called_a_config_folder(workdir: Path) -> None:
    """config= a folder, out= inside it: the error said the batch "lies inside the photo
    folder"."""
    (workdir / "cau-hinh").mkdir()
    with pytest.raises(VssidError) as error:
        api.prepare("employees.xlsx", out="cau-hinh/o", on=AS_OF, config="cau-hinh")
    assert error.value.code == "config.not_regular" and "photo" not in error.value.message("en")


def test_a_date_given_as_text_is_refused_by_name(workdir: Path) -> None:
    """on="2026-11-25" failed deep inside ('str' object has no attribute 'strftime')."""
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date"):
        api.validate(workdir / "employees.xlsx", as_of="2026-11-25")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"on must be a datetime\.date"):
        api.prepare(workdir / "employees.xlsx", out=workdir / "o", on="2026-11-25")  # type: ignore[arg-type]
    assert not (workdir / "o").exists()


def macro_workbook(path: Path) -> Path:
    """The example sheet as an .xlsm holding a (stand-in) VBA project, as Excel saves one."""
    with (
        zipfile.ZipFile(EXAMPLES / "employees-with-errors.xlsx") as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"nothing").replace(
                    b"</Types>",
                    b'<Override PartName="/xl/workbook.xml" ContentType="application/'
                    b'vnd.ms-excel.sheet.macroEnabled.main+xml"/><Default Extension="bin" '
                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                    b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
                )
            target.writestr(info, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(508))
    return path


def test_the_copy_of_a_macro_workbook_is_macro_free_under_an_xlsx_name(
    workdir: Path, silent: None
) -> None:
    """`validate ds.xlsm --annotate out.xlsx` wrote the macros and a macro-enabled content type
    into out.xlsx: a file Excel refuses to open ("format or extension not valid")."""
    sheet = macro_workbook(workdir / "ds.xlsm")
    report = api.validate(sheet, as_of=AS_OF)
    for target, macros in (("out.xlsx", False), ("out.xlsm", True)):
        api.annotate(sheet, workdir / target, report)
        with zipfile.ZipFile(workdir / target) as copy:
            assert ("xl/vbaProject.bin" in copy.namelist()) is macros
            assert (b"macroEnabled" in copy.read("[Content_Types].xml")) is macros


@pytest.mark.parametrize("command", ["template", "init"])
def test_writing_over_a_folder_names_the_folder(workdir: Path, command: str) -> None:
    """`template DIR --force` said ".DIR.x1y2.part: it is a folder" — the temporary file's name,
    not the folder in the way. Now the folder is named, and nothing is left beside it."""
    folder = workdir / "ho-so.xlsx"
    folder.mkdir()
    write = api.template if command == "template" else api.init_config
    with pytest.raises(IsADirectoryError) as error:
        write(folder, force=True)
    assert error.value.filename == str(folder)
    result = CliRunner().invoke(app, [command, str(folder), "--force"])
    assert result.exit_code == 2
    assert str(folder) in result.stderr and ".part" not in result.stderr
    assert folder.is_dir() and not any(folder.iterdir())
    assert not [p for p in workdir.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("name", ["mau.csv", "mau.ods", "mau", "mau.xlsm"])
def test_the_template_is_only_written_under_a_workbook_name(workdir: Path, name: str) -> None:
    """`template mau.csv` wrote an .xlsx zip under a .csv name (Excel then refuses it)."""
    with pytest.raises(VssidError) as error:
        api.template(workdir / name)
    assert error.value.code == "template.format"
    result = CliRunner().invoke(app, ["template", str(workdir / name)])
    assert result.exit_code == 2 and ".xlsx" in result.stderr
    assert not (workdir / name).exists()


def test_a_huge_jobs_never_starts_a_process_per_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """jobs=10**6 from a script: one worker per chunk (a process per person on a large sheet).
    The count is capped where processes are made (forms and card photos alike)."""
    from vssid_batch.batch import render

    assert render.worker_count(100_000, 10**6) == render.MAX_JOBS
    assert render.worker_count(10, 0) == render.worker_count(10, -3) == 1
    asked: list[int] = []

    class Recorded:
        def __init__(self, max_workers: int, **kwargs: object) -> None:
            asked.append(max_workers)

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(render, "start_workers", lambda: None)
    with render.worker_pool(10**6):
        pass
    assert asked == [render.MAX_JOBS]


# --- 2. `report` reading a hostile danh-sach.xlsx ----------------------------------------------


@pytest.fixture(scope="module")
def prepared_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("batch")
    for name in ("employees.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, base / name)
    api.prepare(base / "employees.xlsx", out=base / "out", on=AS_OF, jobs=1)
    return base / "out"


@pytest.fixture
def batch(prepared_batch: Path, tmp_path: Path) -> Path:
    shutil.copy(prepared_batch.parent / "employees.xlsx", tmp_path / "employees.xlsx")
    shutil.copytree(prepared_batch, tmp_path / "out")
    return tmp_path / "out"


def report(folder: Path) -> tuple[int, dict[str, Any], str]:
    """`report --format json`: exit code, the JSON, stderr; never a traceback."""
    result = CliRunner().invoke(app, ["report", str(folder), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def edit_list(
    folder: Path, change: Callable[[Workbook, Worksheet, int, dict[str, int]], None]
) -> None:
    """danh-sach.xlsx opened and saved as Excel would: ``change(book, sheet, header row,
    column by header)``."""
    path = folder / "danh-sach.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    header = next(r for r in sheet.iter_rows() if any(c.value == "Trạng thái" for c in r))
    columns = {str(c.value): int(c.column) for c in header if c.value and c.column}
    change(book, sheet, int(header[0].row or 0), columns)
    book.save(path)


def _encrypted(path: Path) -> None:
    shutil.copy(SHEET_FIXTURES / "encrypted.xlsx", path)


def _no_status_header(book: Workbook, sheet: Worksheet, header: int, cols: dict[str, int]) -> None:
    sheet.cell(header, cols["Trạng thái"]).value = "Ghi chú"


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        # Excel's "Encrypt with Password" on the list: said "format not recognised; save as .xlsx"
        (_encrypted, ("mật khẩu",)),
        # an emptied file: said "it is plain text"
        (lambda path: path.write_bytes(b""), ("trống",)),
        (lambda path: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)), ()),
        (lambda path: path.write_text("STT,Trạng thái\n1,Đã ký\n", encoding="utf-8"), ()),
        (lambda path: path.write_bytes(b"PK\x03\x04" + bytes(100)), ()),
    ],
    ids=["encrypted", "empty", "damaged-ole", "csv-inside", "broken-zip"],
)
def test_an_unreadable_list_is_one_line_saying_why(
    batch: Path, damage: Callable[[Path], None], words: tuple[str, ...]
) -> None:
    damage(batch / "danh-sach.xlsx")
    code, data, err = report(batch)
    assert code == 2 and not data["list_checked"] and not data["intact"]
    assert "danh-sach.xlsx" in err and "Error" not in err
    assert all(word in err for word in words), err


def test_a_list_without_its_header_says_which_columns_are_missing(batch: Path) -> None:
    """The status header renamed: `report` printed "danh-sach.xlsx: ValueError"."""
    edit_list(batch, _no_status_header)
    code, _, err = report(batch)
    assert code == 2 and "ValueError" not in err
    assert "“STT”" in err and "“Trạng thái”" in err
    english = CliRunner().invoke(app, ["report", str(batch), "--lang", "en"])
    assert english.exit_code == 2 and "no header row" in english.stderr


def _moved(book: Workbook, sheet: Worksheet, header: int, cols: dict[str, int]) -> None:
    sheet.insert_cols(1, 3)  # the clerk added columns on the left
    book.create_sheet("Ghi chú", 0)["A1"] = "ghi chú"  # and a sheet in front


def _plain_headers(book: Workbook, sheet: Worksheet, header: int, cols: dict[str, int]) -> None:
    sheet.cell(header, cols["Trạng thái"]).value = "TRANG THAI"
    sheet.cell(header, cols["STT"]).value = "stt"
    sheet.cell(header + 1, cols["Trạng thái"]).value = "da ky"


def _excel_typed(book: Workbook, sheet: Worksheet, header: int, cols: dict[str, int]) -> None:
    birth = sheet.cell(header + 1, cols["Ngày sinh"])  # retyped: Excel made it a date
    birth.value = datetime.strptime(str(birth.value), "%d/%m/%Y")
    birth.number_format = "dd/mm/yyyy"
    sheet.cell(header + 2, cols["Trạng thái"]).value = True
    sheet.cell(header + 3, cols["Trạng thái"]).value = datetime(2026, 11, 30)
    sheet.merge_cells(
        start_row=header,
        start_column=cols["Trạng thái"],
        end_row=header,
        end_column=cols["Trạng thái"] + 1,
    )


@pytest.mark.parametrize("change", [_moved, _plain_headers, _excel_typed])
def test_the_list_is_found_and_read_as_the_clerk_sees_it(
    batch: Path, change: Callable[[Workbook, Worksheet, int, dict[str, int]], None]
) -> None:
    edit_list(batch, change)
    code, data, err = report(batch)
    assert (code, err) == (0, "") and data["intact"] and data["list_checked"]


def _far_cell(path: Path) -> None:
    """A cell at XFD1048576 and a dimension claiming the whole grid, in the sheet's XML."""
    rewritten = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                far = (
                    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                )
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            target.writestr(info, data)
    rewritten.replace(path)


def test_a_list_spanning_the_whole_grid_is_refused_in_one_line(batch: Path) -> None:
    _far_cell(batch / "danh-sach.xlsx")
    code, data, err = report(batch)
    assert code == 2 and [c["kind"] for c in data["list_changes"]] == ["unreadable"]
    assert "danh-sach.xlsx" in err


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        # what a cell can hold: any text XML allows (openpyxl refuses the rest before saving)
        st.text(
            st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"),
            max_size=40,
        ),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
        st.sampled_from(['="Đã ký"', "=1/0", "@SUM(A1)", "=" + "A" * 300]),
    )
)
def test_whatever_excel_stores_in_a_status_report_does_not_crash(batch: Path, value: Any) -> None:
    copy = batch.parent / "fuzz"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(batch, copy)

    def type_status(book: Workbook, sheet: Worksheet, header: int, cols: dict[str, int]) -> None:
        sheet.cell(header + 1, cols["Trạng thái"]).value = value

    edit_list(copy, type_status)
    code, data, _ = report(copy)
    assert code == 0 and data["list_checked"]


# --- 3. the one writer: list, CSV, annotated copy --------------------------------------------

# Free-text columns that reach the list (Mã NV, Phòng ban), from a CSV sheet (a CSV can hold
# what an .xlsx cannot: NUL, U+FFFE, U+FFFF).
HOSTILE = (
    '=HYPERLINK("http://x","bấm")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "PB\ufffe1",
    "PB\uffff2",
    "PB\x00\x073",
    "=" + "A" * 40_000,  # over Excel's 32,767 characters a cell
)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def hostile_csv(folder: Path, name: str = "ds.csv", values: tuple[str, ...] = HOSTILE) -> Path:
    """The example sheet as a CSV, with a hostile Mã NV and Phòng ban (``values``) on each of the
    first rows."""
    book = openpyxl.load_workbook(EXAMPLES / "employees.xlsx")
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if "Họ và tên" in r)
    code, department = rows[header].index("Mã NV"), rows[header].index("Phòng ban")
    for row, value in zip(rows[header + 1 :], values, strict=False):
        row[code] = row[department] = value
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [
                "" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, datetime) else v
                for v in row
            ]
            for row in rows[header:]
        )
    return path


def assert_no_formula(path: Path) -> None:
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not NOT_XML.search(cell.value), (path.name, cell.coordinate)
                    assert len(cell.value) <= 32_767


def test_hostile_cells_reach_the_list_and_the_copy_as_text(workdir: Path, silent: None) -> None:
    """Before: a U+FFFE or U+FFFF in a department crashed prepare (lxml: "All strings must be XML
    compatible"), after minutes of drawing; full-width ＝ ＋ － ＠ went into the CSV unquoted."""
    sheet = hostile_csv(workdir)
    first = api.prepare(sheet, out=workdir / "a", on=AS_OF, jobs=1, skip_invalid=True)
    second = api.prepare(sheet, out=workdir / "b", on=AS_OF, jobs=1, skip_invalid=True)
    report = api.validate(sheet, as_of=AS_OF)
    for target in ("x.xlsx", "y.xlsx"):
        api.annotate(sheet, workdir / target, report)
    for path in (first.folder / "danh-sach.xlsx", workdir / "x.xlsx"):
        assert_no_formula(path)
    with (first.folder / "danh-sach.csv").open(encoding="utf-8-sig", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert not [c for c in cells if c.startswith(TRIGGERS)]
    assert {"'＝1+1", "'＠SUM(A1)", "'=cmd|' /C calc'!A0"} <= set(cells)
    listed = openpyxl.load_workbook(first.folder / "danh-sach.xlsx").worksheets[0]
    texts = {c.value for row in listed.iter_rows() for c in row}
    assert {"PB1", "PB2", '=HYPERLINK("http://x","bấm")'} <= texts  # kept, as text
    for name in ("danh-sach.xlsx", "danh-sach.csv"):  # same input, same bytes
        assert (first.folder / name).read_bytes() == (second.folder / name).read_bytes()
    assert (workdir / "x.xlsx").read_bytes() == (workdir / "y.xlsx").read_bytes()


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("ds\x01", "ds"),  # was ValueError from lxml
        ("ds\ufffe", "ds"),  # was ValueError from lxml
        ("History", "History (1)"),  # a name Excel reserves
        ("a" * 30 + "'b", "a" * 30),  # the apostrophe the 31-character cut left at the end
    ],
)
def test_the_copy_of_a_csv_gets_a_sheet_name_excel_accepts(
    workdir: Path, stem: str, title: str, silent: None
) -> None:
    sheet = hostile_csv(workdir, stem + ".csv", values=())
    report = api.validate(sheet, as_of=AS_OF)
    copy = api.annotate(sheet, workdir / "copy.xlsx", report)
    assert openpyxl.load_workbook(copy).sheetnames == [title]


def test_a_sheet_name_that_is_not_text_is_refused_before_anything_is_written(
    workdir: Path,
) -> None:
    """A Linux file name in a legacy encoding (b"\\xff"): prepare drew every form, then crashed
    writing manifest.json (UnicodeEncodeError, "unexpected error")."""
    sheet = hostile_csv(workdir, os.fsdecode(b"ds\xff.csv"), values=())
    with pytest.raises(VssidError) as error:
        api.prepare(sheet, out=workdir / "out", on=AS_OF, jobs=1, skip_invalid=True)
    assert error.value.code == "manifest.name_not_text"
    assert not (workdir / "out").exists()
    result = CliRunner().invoke(
        app, ["prepare", str(sheet), "--out", str(workdir / "out"), "--skip-invalid"]
    )
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    assert not [
        p
        for p in workdir.iterdir()
        if p.name not in {sheet.name, "employees.xlsx", "employees-with-errors.xlsx", "unit.toml"}
    ]


# Built from single characters joined, since st.text() never draws U+FFFE, U+FFFF or surrogates.
CELL_TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(["\x00", "\x0b", "\ufffe", "\uffff", "\ud800", "\udfff", "＝", "\u200b"]),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(CELL_TEXT, min_size=1, max_size=8))
def test_any_text_is_written_as_text_that_reads_back(values: list[str]) -> None:
    """Whatever text a cell holds, the writer gives a workbook openpyxl reads back, every cell a
    string (never a formula), and a CSV whose formula-looking cells are quoted."""
    with tempfile.TemporaryDirectory() as folder:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for column, value in enumerate(values, start=1):
            writer.set_value(sheet.cell(row=1, column=column), value)
        path = Path(folder) / "t.xlsx"
        writer.save_xlsx(book, path, writer.NO_DATE)
        back = openpyxl.load_workbook(path).worksheets[0]
        for column, value in enumerate(values, start=1):
            cell = back.cell(row=1, column=column)
            expected = writer.xlsx_text(value)
            assert cell.value == (expected or None) and cell.data_type != "f"
        listed = Path(folder) / "t.csv"
        writer.write_csv(listed, ["h"] * len(values), [[writer.xlsx_text(v) for v in values]])
        with listed.open(encoding="utf-8-sig", newline="") as f:
            _, row = list(csv.reader(f))
        assert not [c for c in row if c.startswith(TRIGGERS)]


# --- 4. the PDF fence: any Unicode, one page, same bytes whatever --jobs ------------------------

UNICODE_PEOPLE = (  # (name, address): what a clerk's sheet can hold
    (unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết"), "Số 12 phố Hàng Bạc, Hà Nội"),
    ("Trần Văn An", unicodedata.normalize("NFD", "Ngõ 34 phường Hàng Đào, quận Hoàn Kiếm")),
    ("Lê Thị Hoa", "Số 1 đường A\u0301\u0323\u0306 " + "e\u0301\u0301\u0301" * 5),
    ("Phạm Văn Bình", "𝐒ố 𝟏𝟐 đường 😀 𠀀 Kỳ Anh, Hà Tĩnh"),
    ("Hoàng Văn Cường", "עברית شارع 12 \u202eabc\u202c Hà Nội"),
    ("Vũ Thị Lan", "Số\u200b1\u200c đường\u200d Láng\u2060 Hạ\u00ad, Hà Nội"),
    # cut at the floor size: was ended with "…", a glyph outside the batch's alphabet, so every
    # file of the chunk that drew it changed with --jobs (now dots are drawn after it)
    ("Đỗ Minh Sơn", "Số 5 " + "Ngõ rất dài " * 40),
)


def unicode_sheet(folder: Path) -> Path:
    book = openpyxl.load_workbook(EXAMPLES / "employees.xlsx")
    sheet = book.worksheets[0]
    header = next(r for r in sheet.iter_rows() if any(c.value == "Họ và tên" for c in r))
    columns = {str(c.value): int(c.column or 0) for c in header if c.value}
    first = int(header[0].row or 0) + 1
    sheet.delete_rows(first + len(UNICODE_PEOPLE), 1000)
    for row, (name, address) in enumerate(UNICODE_PEOPLE, start=first):
        sheet.cell(row, columns["Họ và tên"]).value = name
        sheet.cell(row, columns["Địa chỉ liên hệ"]).value = address
    book.save(folder / "unicode.xlsx")
    return folder / "unicode.xlsx"


def test_unicode_names_and_addresses_give_one_page_and_the_same_bytes_for_any_jobs(
    tmp_path: Path,
) -> None:
    sheet = unicode_sheet(tmp_path)
    folders = []
    for jobs in (1, 2):  # the same folder name in two places: outputs comparable byte for byte
        place = tmp_path / f"jobs{jobs}"
        place.mkdir()
        shutil.copy(sheet, place / sheet.name)
        shutil.copy(EXAMPLES / "unit.toml", place / "unit.toml")
        done = api.prepare(
            place / sheet.name, out=place / "ho-so", on=AS_OF, jobs=jobs, skip_invalid=True
        )
        assert not done.report.has_errors  # every one of them is a valid person
        folders.append(done.folder)
    one, two = folders
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    differ = [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()]
    # the checklist names the folder by its path (and the manifest holds the checklist's hash)
    assert [f.name for f in differ] in ([], ["manifest.json", "viec-can-lam.txt"])
    manifest = json.loads((one / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["people"]) == len(UNICODE_PEOPLE)
    texts = []
    for person in manifest["people"]:
        form = PdfReader(one / person["form"])
        assert len(form.pages) == 1, person["form"]
        texts.append(unicodedata.normalize("NFC", form.pages[0].extract_text()))
    assert "NGUYỄN THỊ ÁNH TUYẾT" in texts[0].upper()  # NFD in the sheet, NFC on the form
    assert "Hoàn Kiếm" in texts[1]
    assert "Số 5 Ngõ rất dài" in texts[-1] and "…" not in texts[-1]


@pytest.mark.slow  # a child Python, its forkserver and two workers: about 8 s
def test_a_script_without_a_main_guard_gets_one_clear_error_and_no_folder(tmp_path: Path) -> None:
    """Workers start by importing the calling script again (multiprocessing's forkserver): an
    unguarded script re-ran api.prepare inside each worker, which died, and the script got a
    BrokenProcessPool traceback. Now one VssidError saying what to do; nothing written."""
    for name in ("employees.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    script = tmp_path / "lap_ho_so.py"
    script.write_text(
        "from datetime import date\n"
        "from vssid_batch import api\n"
        'api.prepare("employees.xlsx", out="ho-so", on=date(2026, 11, 25), jobs=2)\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, script.name],
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    last = done.stderr.strip().splitlines()[-1]
    assert done.returncode == 1 and last.startswith("vssid_batch.errors.VssidError"), last
    assert "__main__" in last
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "employees.xlsx",
        "lap_ho_so.py",
        "unit.toml",
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(CELL_TEXT, min_size=1, max_size=8))
def test_any_text_in_the_streamed_sheet_reads_back_as_text(values: list[str]) -> None:
    """The same for the list's own writer (sheet.xlsx_stream): any text, XML's special
    characters and formula triggers included, reads back as the string xlsx_text makes of it,
    never a formula, and formula-looking text carries Excel's quote prefix."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        with xlsx_stream.StreamedSheet(
            path,
            title="Danh <sách> & 'co'",
            font="Times New Roman",
            widths=[10] * len(values),
            heights={},
            freeze_row=2,
            page=xlsx_stream.PageSetup(footer="Trang &P/&N", title_row=1),
            at=writer.NO_DATE,
            properties={"creator": "".join(values), "title": "t"},
        ) as sheet:
            sheet.append((value, xlsx_stream.Style(text=True)) for value in values)
        back = openpyxl.load_workbook(path).worksheets[0]
        assert back.title == "Danh <sách> & 'co'"
        for column, value in enumerate(values, start=1):
            cell = back.cell(row=1, column=column)
            assert cell.value == (writer.xlsx_text(value) or None) and cell.data_type != "f"
            assert bool(cell.quotePrefix) == writer.needs_quote_prefix(value)
