"""Layouts of real clerks' sheets (issue 10): split name columns, hidden rows, two-row headers
with merged parents, gender from "Nam" | "Nữ" columns, ``--map`` by column letter, and
``--annotate`` on every format. Checked through ``validate --format json``, through the library,
and through what ``prepare`` writes (the forms, read back with pypdf, and danh-sach.csv).
"""

from __future__ import annotations

import csv
import datetime
import json
import shutil
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped]
from odf.table import (  # type: ignore[import-untyped]
    CoveredTableCell,
    Table,
    TableCell,
    TableRow,
)
from odf.text import P  # type: ignore[import-untyped]
from pypdf import PdfReader
from test_sheet_builders import FIXTURES
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.fields import Field
from vssid_batch.sheet import read_sheet

from helpers import AS_OF, EXAMPLES

D = datetime.date
# Made-up people with structurally valid CCCDs (province, century/sex digit, birth year).
AN = ("Nguyễn Văn", "An", D(1990, 2, 5), "Nam", "0123456789", "001090123456", "0912345678")
MAI = ("Trần Thị", "Mai", D(1992, 3, 7), "Nữ", "0123456780", "001192012345", "0987654321")
BINH = ("Lê", "Bình", D(1985, 1, 1), "Nam", "0123456781", "001085012345", "0934567890")
HOA = ("Phạm Thị Thu", "Hoa", D(1995, 12, 31), "Nữ", "0123456782", "031195654321", "0356789012")
PEOPLE = (AN, MAI, BINH, HOA)
Rows = list[list[object]]  # a sheet's cells from A1, as the tests write them


def invoke(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def validate_json(path: Path, *extra: object) -> tuple[int, dict[str, Any]]:
    code, out, err = invoke(
        "validate", path, "--format", "json", "--as-of", AS_OF.isoformat(), *extra
    )
    assert code in (0, 1), err
    return code, json.loads(out)


def codes_by_row(report: dict[str, Any]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for problem in report["problems"]:
        found.setdefault(problem["row"], set()).add(problem["code"])
    return found


def save(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    merges: Sequence[str] = (),
    hidden: Sequence[int] = (),
    autofilter: str | None = None,
) -> Path:
    """An .xlsx the way Excel users make it: rows from A1, merged ranges, rows hidden by hand or
    left hidden by an autofilter."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DS"
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(row=i, column=j, value=cast(Any, value))  # any cell value
                if isinstance(value, datetime.date):
                    cell.number_format = "dd/mm/yyyy"
    for merged in merges:
        sheet.merge_cells(merged)
    for number in hidden:
        sheet.row_dimensions[number].hidden = True
    if autofilter is not None:
        sheet.auto_filter.ref = autofilter
        sheet.auto_filter.add_filter_column(0, ["1", "3"])
    book.save(path)
    return path


def prepare(tmp_path: Path, sheet: Path, *extra: object) -> Path:
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    out = tmp_path / "out"
    code, _, err = invoke(
        "prepare",
        sheet,
        "--out",
        out,
        "--jobs",
        1,
        "--date",
        AS_OF.isoformat(),
        "--config",
        tmp_path / "unit.toml",
        *extra,
    )
    assert code == 0, err
    return out


def listed(out: Path) -> list[dict[str, str]]:
    with (out / "danh-sach.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def form_texts(out: Path) -> dict[str, str]:
    """Each form's file name without its row number → its text, spaces squeezed."""
    return {
        pdf.name.split("-", 1)[1]: " ".join(
            " ".join(page.extract_text() for page in PdfReader(pdf).pages).split()
        )
        for pdf in sorted((out / "to-khai").glob("*.pdf"))
    }


# -- split name columns -------------------------------------------------------------------------

SPLIT_HEADER = [
    "STT",
    "Họ đệm",
    "Tên",
    "Ngày sinh",
    "Giới tính",
    "Mã số BHXH",
    "Số CCCD",
    "Số điện thoại",
]


def split_rows(people: Sequence[tuple[object, ...]] = PEOPLE) -> list[list[object]]:
    return [list(SPLIT_HEADER), *([i, *p] for i, p in enumerate(people, start=1))]


def test_split_name_columns_are_joined_on_the_forms_and_the_list(tmp_path: Path) -> None:
    sheet = save(tmp_path / "ds.xlsx", split_rows())
    code, report = validate_json(sheet)
    assert code == 0 and report["problems"] == []
    table = read_sheet(sheet)
    assert [r.values[Field.full_name] for r in table.rows] == [
        "Nguyễn Văn An",
        "Trần Thị Mai",
        "Lê Bình",
        "Phạm Thị Thu Hoa",
    ]
    assert table.column_index[Field.full_name] == 1  # B, the first part
    out = prepare(tmp_path, sheet)
    assert [row["Họ và tên"] for row in listed(out)] == [
        "Nguyễn Văn An",
        "Trần Thị Mai",
        "Lê Bình",
        "Phạm Thị Thu Hoa",
    ]
    forms = form_texts(out)
    assert sorted(forms) == [
        "le-binh.pdf",
        "nguyen-van-an.pdf",
        "pham-thi-thu-hoa.pdf",
        "tran-thi-mai.pdf",
    ]
    assert "NGUYỄN VĂN AN" in forms["nguyen-van-an.pdf"]


@pytest.mark.parametrize(
    "headers",
    [
        ("Họ", "Chữ đệm", "Tên"),
        ("HỌ", "TÊN ĐỆM", "TÊN"),
        ("Ho", "Ten dem", "Ten"),
    ],
)
def test_surname_middle_and_given_columns(tmp_path: Path, headers: tuple[str, str, str]) -> None:
    rows: Rows = [
        ["STT", *headers, "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, "Phạm", "Thị Thu", "Hoa", *HOA[2:]],
        [2, "Lê", None, "Bình", *BINH[2:]],
    ]
    table = read_sheet(save(tmp_path / "ds.xlsx", rows))
    assert [r.values[Field.full_name] for r in table.rows] == ["Phạm Thị Thu Hoa", "Lê Bình"]


def test_a_given_name_column_beside_the_full_name_is_left_alone(tmp_path: Path) -> None:
    """Many sheets repeat the given name in a "Tên" column to sort by it (the Vietnamese way)."""
    rows: Rows = [
        ["STT", "Họ và tên", "Tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, "Nguyễn Văn An", "An", *AN[2:]],
    ]
    sheet = save(tmp_path / "ds.xlsx", rows)
    code, report = validate_json(sheet)
    assert code == 0 and report["problems"] == []
    assert read_sheet(sheet).rows[0].values[Field.full_name] == "Nguyễn Văn An"


def test_a_name_column_named_only_ten_is_the_full_name(tmp_path: Path) -> None:
    rows: Rows = [
        ["STT", "Tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, "Nguyễn Văn An", *AN[2:]],
    ]
    table = read_sheet(save(tmp_path / "ds.xlsx", rows))
    assert table.rows[0].values[Field.full_name] == "Nguyễn Văn An"


def test_a_one_word_name_is_a_warning(tmp_path: Path) -> None:
    rows: Rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, "MAI", *MAI[2:]],
    ]
    code, report = validate_json(save(tmp_path / "ds.xlsx", rows))
    assert code == 0
    (problem,) = report["problems"]
    assert problem["code"] == "full_name.single_word" and problem["severity"] == "warning"
    assert problem["row"] == 2 and problem["column"] == "Họ và tên" and "MAI" in problem["message"]


def test_map_joins_columns_by_letter_and_by_header(tmp_path: Path) -> None:
    rows: Rows = [
        ["STT", "Họ NLĐ", "Tên NLĐ", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, *AN],
    ]
    sheet = save(tmp_path / "ds.xlsx", rows)
    for wanted in ("B+C", "Họ NLĐ + Tên NLĐ"):
        table = read_sheet(sheet, mapping={Field.full_name: wanted})
        assert table.rows[0].values[Field.full_name] == "Nguyễn Văn An"
    code, report = validate_json(sheet, "--map", "full_name=B+C")
    assert code == 0 and report["problems"] == []


# -- hidden rows --------------------------------------------------------------------------------


def test_rows_hidden_by_hand_are_listed_not_taken(tmp_path: Path) -> None:
    sheet = save(tmp_path / "ds.xlsx", split_rows(), hidden=[3, 4])
    code, report = validate_json(sheet)
    assert code == 0 and report["summary"]["people"] == 2
    hidden = [p for p in report["problems"] if p["code"] == "row.hidden"]
    assert [(p["row"], p["column"], p["field"], p["severity"]) for p in hidden] == [
        (3, None, None, "warning"),
        (4, None, None, "warning"),
    ]
    assert "Trần Thị Mai" in hidden[0]["message"] and "Lê Bình" in hidden[1]["message"]
    assert report["summary"]["warnings"] == 2
    _, out, _ = invoke("validate", sheet, "--as-of", AS_OF.isoformat())
    assert "dòng 3 · Trần Thị Mai" in " ".join(out.split())
    code, printed, _ = invoke(
        "prepare",
        sheet,
        "--out",
        tmp_path / "first",
        "--jobs",
        1,
        "--date",
        AS_OF.isoformat(),
        "--config",
        EXAMPLES / "unit.toml",
    )
    assert code == 0 and "dòng 4 · Lê Bình" in " ".join(printed.split())
    out_folder = prepare(tmp_path, sheet)
    assert [row["Họ và tên"] for row in listed(out_folder)] == ["Nguyễn Văn An", "Phạm Thị Thu Hoa"]
    assert len(form_texts(out_folder)) == 2


def test_include_hidden_takes_them(tmp_path: Path) -> None:
    sheet = save(tmp_path / "ds.xlsx", split_rows(), hidden=[3])
    code, report = validate_json(sheet, "--include-hidden")
    assert code == 0 and report["summary"]["people"] == 4 and report["problems"] == []
    out = prepare(tmp_path, sheet, "--include-hidden")
    assert len(listed(out)) == 4
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source"]["include_hidden"] is True
    code, _, err = invoke("report", out)
    assert code == 0, err


def test_rows_filtered_out_by_an_autofilter_are_hidden(tmp_path: Path) -> None:
    sheet = save(tmp_path / "ds.xlsx", split_rows(), hidden=[3, 5], autofilter="A1:H5")
    table = read_sheet(sheet)
    assert [r.row for r in table.rows] == [2, 4]
    assert [(h.row, h.name) for h in table.hidden] == [(3, "Trần Thị Mai"), (5, "Phạm Thị Thu Hoa")]


def test_rows_dragged_to_no_height_are_hidden_rows(tmp_path: Path) -> None:
    """A row of zero height shows nothing in Excel, as a hidden one. Excel also marks it hidden;
    other writers give only ``ht="0"``: such a file is made here by editing the sheet's XML."""
    sheet = save(tmp_path / "ds.xlsx", split_rows())
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(sheet) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[member]
    assert b"hidden" not in xml and b"<row r=" in xml
    xml = xml.replace(b'<row r="3"', b'<row r="3" ht="0" customHeight="1"', 1)
    parts[member] = xml.replace(b'<row r="4"', b'<row r="4" ht="0.75" customHeight="1"', 1)
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    table = read_sheet(sheet)
    assert [(h.row, h.name) for h in table.hidden] == [(3, "Trần Thị Mai")]
    assert [r.row for r in table.rows] == [2, 4, 5]  # a thin row is still a row the clerk sees


def save_ods(path: Path, rows: Sequence[Sequence[object]], hidden: Sequence[int] = ()) -> Path:
    """An .ods of text cells from A1; rows at the (0-based) indexes ``hidden`` filtered out, as
    LibreOffice's autofilter leaves them. A cell ``(text, n)`` is merged across n columns."""
    document = OpenDocumentSpreadsheet()
    table = Table(name="DS")
    for index, row in enumerate(rows):
        element = TableRow(visibility="filter" if index in hidden else "visible")
        for value in row:
            text, span = value if isinstance(value, tuple) else (value, 1)
            cell = TableCell(
                valuetype="string", **({"numbercolumnsspanned": span} if span > 1 else {})
            )
            if text:
                cell.addElement(P(text=str(text)))
            element.addElement(cell)
            for _ in range(span - 1):
                element.addElement(CoveredTableCell())
        table.addElement(element)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def test_hidden_rows_of_an_ods_sheet(tmp_path: Path) -> None:
    path = save_ods(
        tmp_path / "ds.ods",
        [
            ["Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
            ["Nguyễn Văn An", "05/02/1990", *AN[3:]],
            ["Trần Thị Mai", "07/03/1992", *MAI[3:]],
            ["Lê Bình", "01/01/1985", *BINH[3:]],
        ],
        hidden=[2],
    )
    read = read_sheet(path)
    assert [r.row for r in read.rows] == [2, 4]
    assert [(h.row, h.name) for h in read.hidden] == [(3, "Trần Thị Mai")]


# -- two-row headers ----------------------------------------------------------------------------

BHXH_HEADER: list[list[object]] = [
    ["DANH SÁCH LAO ĐỘNG"],
    [],
    [
        "STT",
        "Họ và tên",
        None,
        "Ngày sinh",
        "Giới tính",
        "Mã số BHXH",
        "Giấy tờ tùy thân",
        None,
        None,
        "Số điện thoại",
    ],
    [None, None, None, None, None, None, "Số", "Ngày cấp", "Nơi cấp"],
]
BHXH_MERGES = ("B3:C3", "G3:I3", "A3:A4", "D3:D4", "E3:E4", "F3:F4", "J3:J4")


def test_a_group_over_sub_headers_names_each_sub_column(tmp_path: Path) -> None:
    rows: Rows = [
        *BHXH_HEADER,
        [
            1,
            "Nguyễn Văn",
            "An",
            D(1990, 2, 5),
            "Nam",
            "0123456789",
            "001090123456",
            D(2021, 5, 1),
            "Cục CS QLHC về TTXH",
            "0912345678",
        ],
    ]
    rows[3][1:3] = ["Họ đệm", "Tên"]
    sheet = save(tmp_path / "ds.xlsx", rows, merges=BHXH_MERGES)
    table = read_sheet(sheet)
    assert table.header_row == 4
    assert {
        f: table.column_index[f]
        for f in (Field.id_number, Field.id_issue_date, Field.id_issue_place, Field.phone)
    } == {Field.id_number: 6, Field.id_issue_date: 7, Field.id_issue_place: 8, Field.phone: 9}
    (person,) = table.rows
    assert person.row == 5 and person.values[Field.full_name] == "Nguyễn Văn An"
    assert person.values[Field.id_issue_date] == D(2021, 5, 1)
    for forced in (3, 4):  # either row of the header may be given
        assert read_sheet(sheet, header_row=forced).rows[0].values == person.values
    code, report = validate_json(sheet, "--header-row", 3)
    assert code == 0 and report["header_row"] == 4


def test_csv_two_row_header_with_empty_cells_right_of_the_parent(tmp_path: Path) -> None:
    text = (
        "STT;Họ và tên;Ngày sinh;Giới tính;Mã số BHXH;Giấy tờ tùy thân;;;Số điện thoại\n"
        ";;;;;Số;Ngày cấp;Nơi cấp;\n"
        "1;Nguyễn Văn An;05/02/1990;Nam;0123456789;001090123456;01/05/2021;Cục CS;0912345678\n"
    )
    path = tmp_path / "ds.csv"
    path.write_text(text, encoding="utf-8")
    table = read_sheet(path)
    assert table.rows[0].values[Field.id_number] == "001090123456"
    assert table.rows[0].values[Field.id_issue_place] == "Cục CS"


# -- gender from the layout ---------------------------------------------------------------------


def birth_by_gender_sheet(tmp_path: Path, people: Sequence[list[object]]) -> Path:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Ngày sinh", None, "Mã số BHXH", "Số CCCD", "Số điện thoại"],
        [None, None, "Nam", "Nữ"],
        *people,
    ]
    return save(
        tmp_path / "ds.xlsx", rows, merges=("C1:D1", "A1:A2", "B1:B2", "E1:E2", "F1:F2", "G1:G2")
    )


def test_birth_date_under_nam_or_nu_gives_the_gender(tmp_path: Path) -> None:
    sheet = birth_by_gender_sheet(
        tmp_path,
        [
            [1, "Nguyễn Văn An", D(1990, 2, 5), None, *AN[4:]],
            [2, "Trần Thị Mai", None, D(1992, 3, 7), *MAI[4:]],
        ],
    )
    code, report = validate_json(sheet)
    assert code == 0 and report["problems"] == []
    table = read_sheet(sheet)
    assert [(r.values[Field.gender], r.values[Field.birth_date]) for r in table.rows] == [
        ("Nam", D(1990, 2, 5)),
        ("Nữ", D(1992, 3, 7)),
    ]
    out = prepare(tmp_path, sheet)
    assert [(row["Giới tính"], row["Ngày sinh"]) for row in listed(out)] == [
        ("Nam", "05/02/1990"),
        ("Nữ", "07/03/1992"),
    ]
    forms = form_texts(out)
    assert "07/03/1992" in forms["tran-thi-mai.pdf"]


def test_birth_date_in_both_or_neither_column_is_a_gender_error(tmp_path: Path) -> None:
    sheet = birth_by_gender_sheet(
        tmp_path,
        [
            [1, "Nguyễn Văn An", D(1990, 2, 5), D(1990, 2, 5), *AN[4:]],
            [2, "Trần Thị Mai", None, None, *MAI[4:]],
        ],
    )
    code, report = validate_json(sheet)
    assert code == 1
    gender = {p["row"]: p for p in report["problems"] if p["field"] == "gender"}
    assert gender[3]["code"] == "gender.invalid" and gender[4]["code"] == "gender.invalid"
    assert "C3" in gender[3]["message"] and "D3" in gender[3]["message"]
    assert "C4" in gender[4]["message"] and "D4" in gender[4]["message"]
    assert codes_by_row(report)[4] >= {"birth_date.missing"}


def test_a_problem_on_the_birth_date_names_the_column_it_is_in(tmp_path: Path) -> None:
    sheet = birth_by_gender_sheet(
        tmp_path,
        [
            [1, "Trần Thị Mai", None, "31/02/1992", *MAI[4:]],
        ],
    )
    _, report = validate_json(sheet)
    (problem,) = [p for p in report["problems"] if p["field"] == "birth_date"]
    assert problem["code"] == "birth_date.invalid" and problem["column"] == "Ngày sinh / Nữ"
    out = tmp_path / "marked.xlsx"
    invoke("validate", sheet, "--annotate", out, "--as-of", AS_OF.isoformat())
    marked = openpyxl.load_workbook(out).active
    assert marked is not None and marked["D3"].comment is not None and marked["C3"].comment is None


@pytest.mark.parametrize("mark", ["x", "X", "✓", 1, "có"])
def test_a_mark_under_gioi_tinh_gives_the_gender(tmp_path: Path, mark: object) -> None:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", None, "Mã số BHXH", "Số CCCD", "SĐT"],
        [None, None, None, "Nam", "Nữ"],
        [1, "Nguyễn Văn An", AN[2], mark, None, *AN[4:]],
        [2, "Trần Thị Mai", MAI[2], None, mark, *MAI[4:]],
    ]
    sheet = save(tmp_path / "ds.xlsx", rows, merges=("D1:E1",))
    code, report = validate_json(sheet)
    assert code == 0 and report["problems"] == []
    assert [r.values[Field.gender] for r in read_sheet(sheet).rows] == ["Nam", "Nữ"]


def test_adjacent_nam_nu_columns_without_a_parent(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Ngày sinh", "Nữ", "Nam", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, "Nguyễn Văn An", AN[2], None, "x", *AN[4:]],
        [2, "Trần Thị Mai", MAI[2], "x", None, *MAI[4:]],
        [3, "Lê Bình", BINH[2], "x", "x", *BINH[4:]],
    ]
    sheet = save(tmp_path / "ds.xlsx", rows)
    code, report = validate_json(sheet)
    assert code == 1
    assert codes_by_row(report) == {4: {"gender.invalid"}}
    (problem,) = report["problems"]
    assert "E4" in problem["message"] and "D4" in problem["message"]
    out = prepare(tmp_path, sheet, "--skip-invalid")
    assert [row["Giới tính"] for row in listed(out)] == ["Nam", "Nữ"]


# -- --map by column letter ---------------------------------------------------------------------


def test_map_by_column_letter(tmp_path: Path) -> None:
    rows: Rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Phái", "Mã số BHXH", "Số thẻ", "SĐT"],
        [1, "Nguyễn Văn An", *AN[2:]],
    ]
    sheet = save(tmp_path / "ds.xlsx", rows)
    code, _, err = invoke("validate", sheet, "--as-of", AS_OF.isoformat())
    assert code == 2 and "Giới tính" in err
    code, report = validate_json(sheet, "--map", "gender=D", "--map", "id_number=F")
    assert code == 0 and report["problems"] == []
    table = read_sheet(sheet, mapping={Field.gender: "d", Field.id_number: "F"})
    assert table.column_index[Field.gender] == 3 and table.column_index[Field.id_number] == 5
    assert table.rows[0].values[Field.gender] == "Nam"


# -- --annotate on every format -----------------------------------------------------------------


def test_annotate_on_excel_unicode_text(tmp_path: Path) -> None:
    lines = [
        ["Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "Số điện thoại"],
        ["Nguyễn Văn An", "05/02/1990", "Nam", "0123456789", "001090123456", "0912345678"],
        ["Trần Thị Mai", "07/03/1992", "Nữ", "0123456780", "0011920123", "0987654321"],
    ]
    source = tmp_path / "ds.txt"
    source.write_bytes(
        b"\xff\xfe" + "".join("\t".join(r) + "\r\n" for r in lines).encode("utf-16-le")
    )
    before = source.read_bytes()
    out = tmp_path / "marked.xlsx"
    code, _, err = invoke("validate", source, "--annotate", out, "--as-of", AS_OF.isoformat())
    assert code == 1, err
    assert source.read_bytes() == before
    marked = openpyxl.load_workbook(out).active
    assert marked is not None
    assert marked["A2"].value == "Nguyễn Văn An" and marked["E2"].value == "001090123456"
    assert marked["E3"].comment is not None and marked["E2"].comment is None
    assert marked["G2"].value == "Hợp lệ"


def test_annotate_on_an_ods_sheet_keeps_rows_and_columns(tmp_path: Path) -> None:
    source = save_ods(
        tmp_path / "ds.ods",
        [
            ["DANH SÁCH"],
            [],
            ["Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
            ["Nguyễn Văn An", "05/02/1990", "Nữ", *AN[4:]],
        ],
    )
    out = tmp_path / "marked.xlsx"
    code, _, err = invoke("validate", source, "--annotate", out, "--as-of", AS_OF.isoformat())
    assert code == 1, err
    marked = openpyxl.load_workbook(out).active
    assert marked is not None and marked["A4"].value == "Nguyễn Văn An"
    assert marked["E4"].comment is not None  # the CCCD is a man's; the sheet says Nữ


# -- the bundled BHXH-style example -------------------------------------------------------------


def test_the_bhxh_style_example_is_read_as_laid_out() -> None:
    sheet = EXAMPLES / "danh-sach-bhxh.xlsx"
    table = read_sheet(sheet)
    assert table.header_row == 6 and table.sheet == "DS tham gia"
    assert table.columns[Field.full_name] == "Họ và tên / Họ đệm + Tên"
    assert table.column_index[Field.id_number] == 6  # G
    assert [r.row for r in table.rows] == [8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19]
    assert [(h.row, h.name) for h in table.hidden] == [(13, "Phạm Mỹ Anh")]
    book = openpyxl.load_workbook(sheet).active
    assert book is not None
    for person in table.rows:
        cells = {c: book[f"{c}{person.row}"].value for c in "BCDEG"}
        assert person.values[Field.full_name] == f"{cells['B']} {cells['C']}"
        male = cells["D"] is not None
        assert person.values[Field.gender] == ("Nam" if male else "Nữ")
        written = cells["D" if male else "E"]
        assert isinstance(written, datetime.datetime)
        assert person.values[Field.birth_date] == written.date()
        assert person.values[Field.id_number] == cells["G"]
    _, report = validate_json(sheet)
    assert report["summary"]["people"] == 11
    # Only the CCCDs Excel stripped of their zeros are reported (errors until the rules restore
    # two zeros, warnings after), and the hidden row.
    assert {p["field"] for p in report["problems"]} <= {"id_number", None}
    assert {p["code"] for p in report["problems"] if p["field"] is None} == {"row.hidden"}


def test_hidden_rows_of_an_xls_sheet(tmp_path: Path) -> None:
    """The fixture's ROW record for Excel row 6 gets the flag Excel sets on a hidden row."""
    data = bytearray((FIXTURES / "people.xls").read_bytes())
    record = b"\x08\x02\x10\x00" + struct.pack("<H", 5)  # ROW, 16 bytes, row index 5
    at = data.index(record)
    flags = struct.unpack_from("<H", data, at + 4 + 12)[0]
    struct.pack_into("<H", data, at + 4 + 12, flags | 0x20)
    path = tmp_path / "people.xls"
    path.write_bytes(bytes(data))
    assert [r.row for r in read_sheet(FIXTURES / "people.xls").rows] == [5, 6]
    table = read_sheet(path)
    assert [r.row for r in table.rows] == [5]
    assert [(h.row, h.name) for h in table.hidden] == [(6, "Trần Thị Mẫu")]
    assert [r.row for r in read_sheet(path, include_hidden=True).rows] == [5, 6]


def test_a_gender_column_beside_a_nam_nu_birth_date_pair_says_the_gender(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Ngày sinh", None, "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [None, None, "Nam", "Nữ"],
        [1, "Nguyễn Văn An", AN[2], None, "Nam", *AN[4:]],
        [2, "Trần Thị Mai", None, MAI[2], "Nữ", *MAI[4:]],
    ]
    sheet = save(
        tmp_path / "ds.xlsx",
        rows,
        merges=("C1:D1", "A1:A2", "B1:B2", "E1:E2", "F1:F2", "G1:G2", "H1:H2"),
    )
    code, report = validate_json(sheet)
    assert code == 0 and report["problems"] == []
    table = read_sheet(sheet)
    assert table.column_index[Field.gender] == 4
    assert [(r.values[Field.gender], r.values[Field.birth_date]) for r in table.rows] == [
        ("Nam", AN[2]),
        ("Nữ", MAI[2]),
    ]


def test_a_name_header_merged_over_two_columns_joins_them(tmp_path: Path) -> None:
    rows: Rows = [
        ["STT", "Họ và tên", None, "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"],
        [1, "Nguyễn Văn", "An", *AN[2:]],
        [2, "Trần Thị Mai", None, *MAI[2:]],
    ]
    sheet = save(tmp_path / "ds.xlsx", rows, merges=("B1:C1",))
    table = read_sheet(sheet)
    assert [r.values[Field.full_name] for r in table.rows] == ["Nguyễn Văn An", "Trần Thị Mai"]
    code, report = validate_json(sheet)
    assert code == 0 and report["problems"] == []


def test_an_ods_two_row_header_with_merged_parents(tmp_path: Path) -> None:
    path = save_ods(
        tmp_path / "ds.ods",
        [
            [
                "STT",
                ("Họ và tên", 2),
                ("Ngày sinh", 2),
                "Mã số BHXH",
                ("Giấy tờ tùy thân", 3),
                "SĐT",
            ],
            ["", "Họ đệm", "Tên", "Nam", "Nữ", "", "Số", "Ngày cấp", "Nơi cấp", ""],
            [
                "1",
                "Trần Thị",
                "Mai",
                "-",
                "07/03/1992",
                MAI[4],
                MAI[5],
                "01/05/2021",
                "Cục CS",
                MAI[6],
            ],
        ],
    )
    table = read_sheet(path)
    (person,) = table.rows
    assert table.header_row == 2 and person.row == 3
    assert {f.value: v for f, v in person.values.items()} == {
        "full_name": "Trần Thị Mai",
        "gender": "Nữ",
        "birth_date": "07/03/1992",
        "bhxh_code": MAI[4],
        "id_number": MAI[5],
        "id_issue_date": "01/05/2021",
        "id_issue_place": "Cục CS",
        "phone": MAI[6],
    }
    assert person.where == {Field.gender: 4, Field.birth_date: 4}


def test_a_sheet_whose_people_are_all_hidden_says_so(tmp_path: Path) -> None:
    sheet = save(tmp_path / "ds.xlsx", split_rows(), hidden=[2, 3, 4, 5])
    code, _, err = invoke("validate", sheet, "--as-of", AS_OF.isoformat())
    assert code == 2
    said = " ".join(err.split())
    assert "4 dòng có người đang bị ẩn" in said and "--include-hidden" in said
    code, _, err = invoke("validate", sheet, "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert code == 2 and "4 rows with people are hidden" in " ".join(err.split())
    code, report = validate_json(sheet, "--include-hidden")
    assert code == 0 and report["summary"]["people"] == 4
