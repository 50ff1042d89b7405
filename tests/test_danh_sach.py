"""The danh sách (XLSX and CSV): content, print setup, injection safety, determinism, statuses.

All people and numbers are made up.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from vssid_batch.batch.danh_sach import (
    COLUMNS,
    CSV_HEADERS,
    LIST_STATUS_HEADER,
    LIST_TITLE,
    STATUS_CHOICES,
    read_list,
    read_statuses,
    write_list_csv,
)
from vssid_batch.batch.list_xlsx import write_list_xlsx
from vssid_batch.errors import VssidError
from vssid_batch.models import Employee, Gender, Unit
from vssid_batch.sheet import SheetError, formats
from vssid_batch.sheet.writer import csv_text

from helpers import EXAMPLES

ON = date(2026, 11, 25)
HEADERS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã số BHXH",
    "Số CCCD/CMND",
    "Số điện thoại",
    "Đã đối chiếu bản gốc",
    "Ký nhận",
    "Trạng thái",
]
INJECTIONS = ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3", "\tTAB", "=1+1"]

UNIT = Unit.model_validate(
    {
        "employer": {
            "name": "Công ty TNHH Sao Mai",
            "bhxh_unit_code": "TA0123A",
            "tax_code": "0103456789",
            "address": "Số 18 ngõ 95 phố Chùa Bộc, phường Kim Liên, thành phố Hà Nội",
        },
        "contact": {"name": "Nguyễn Thị Thu Hà", "phone": "0912345678"},
        "signer": {"name": "Trần Văn Minh"},
        "letter": {"number": 5, "symbol": "CV-SAOMAI", "place": "Hà Nội"},
    }
)


def person(i: int, name: str = "Nguyễn Văn An", **changes: Any) -> Employee:
    data: dict[str, Any] = {
        "row": 4 + i,
        "full_name": name,
        "birth_date": date(1990, 1 + i % 12, 1 + i % 28),
        "gender": Gender.female if i % 2 else Gender.male,
        "bhxh_code": f"01{i:08d}",
        "id_number": f"001{90 + i % 10:02d}{i:07d}",
        "phone": f"091{i:07d}",
    }
    data.update(changes)
    return Employee(**data)


PEOPLE = [
    person(1, "Nguyễn Văn An"),
    person(2, "Trần Thị Bích Ngọc"),
    person(3, "Lê Hoàng Nam", birth_year_only=True),
]


def header_row(ws: Worksheet) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == "STT":
            return row[0].row
    raise AssertionError("no header row")


def data_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    start = header_row(ws) + 1
    rows = []
    for row in ws.iter_rows(min_row=start, values_only=True):
        if not isinstance(row[0], int):
            break
        rows.append(row)
    return rows


@pytest.fixture
def xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "danh-sach.xlsx"
    write_list_xlsx(path, PEOPLE, UNIT, on=ON)
    return path


@pytest.fixture
def sheet(xlsx: Path) -> Worksheet:
    ws = load_workbook(xlsx).active
    assert isinstance(ws, Worksheet)
    return ws


# ---------------------------------------------------------------------------------------------
# XLSX content


def test_header_texts(sheet: Worksheet) -> None:
    row = header_row(sheet)
    assert [c.value for c in sheet[row]][: len(HEADERS)] == HEADERS


def test_one_row_per_person(sheet: Worksheet) -> None:
    rows = data_rows(sheet)
    assert [r[0] for r in rows] == [1, 2, 3]
    assert [r[1] for r in rows] == ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Nam"]
    assert rows[1][2:7] == ("03/03/1990", "Nam", "0100000002", "001920000002", "0910 000 002")


def test_values_are_text_with_leading_zeros(sheet: Worksheet) -> None:
    start = header_row(sheet) + 1
    expected = PEOPLE[0]
    cells = sheet[start]
    assert cells[2].value == expected.birth_date_text == "02/02/1990"
    assert cells[3].value == "Nữ"
    assert cells[4].value == "0100000001"
    assert cells[5].value == "001910000001"
    assert cells[6].value == "0910 000 001"
    for cell in cells[1:7]:
        assert cell.data_type == "s", cell.coordinate
        assert cell.number_format == "@", cell.coordinate
    # Empty sign-off columns, bordered for writing by hand.
    for cell in cells[7:10]:
        assert cell.value is None
        assert cell.border.left.style == "thin"
    # Birth year only is written as the year.
    assert sheet[start + 2][2].value == "1990"


def test_heading_and_footer(sheet: Worksheet) -> None:
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "CÔNG TY TNHH SAO MAI" in texts
    assert "Mã đơn vị BHXH: TA0123A" in texts
    assert LIST_TITLE in texts
    assert (
        "(Kèm theo Công văn số 05/2026/CV-SAOMAI ngày 25/11/2026 của Công ty TNHH Sao Mai)" in texts
    )
    assert "Tổng cộng: 3 người" in texts
    assert "Người lập biểu" in texts
    assert "Thủ trưởng đơn vị" in texts
    assert texts.count("(Ký, ghi rõ họ tên)") == 2
    assert "Hà Nội, ngày 25 tháng 11 năm 2026" in texts
    assert "Trần Văn Minh" in texts
    # The title spans the whole table.
    assert any(str(r).startswith("A4:J4") for r in sheet.merged_cells.ranges)


def test_print_settings(sheet: Worksheet) -> None:
    row = header_row(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows in (f"{row}:{row}", f"${row}:${row}")
    assert sheet.freeze_panes == f"A{row + 1}"


def test_header_is_wrapped_and_bordered(sheet: Worksheet) -> None:
    for cell in sheet[header_row(sheet)][: len(HEADERS)]:
        assert cell.alignment.wrap_text
        assert cell.border.bottom.style == "thin"
        assert cell.font.bold


def test_status_dropdown(sheet: Worksheet) -> None:
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(STATUS_CHOICES) + '"'
    assert not validation.showErrorMessage  # free text still allowed
    start = header_row(sheet) + 1
    assert str(validation.sqref) == f"J{start}:J{start + 2}"


def test_consumes_a_stream_once(tmp_path: Path) -> None:
    def stream() -> Iterator[Employee]:
        yield from PEOPLE

    path = tmp_path / "ds.xlsx"
    write_list_xlsx(path, stream(), UNIT, on=ON)
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    assert len(data_rows(ws)) == 3


def test_empty_list_is_still_a_valid_sheet(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    write_list_xlsx(path, [], UNIT, on=ON)
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    assert data_rows(ws) == []
    assert "Tổng cộng: 0 người" in [c.value for row in ws.iter_rows() for c in row]


def test_many_people_count_grouped(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    write_list_xlsx(path, (person(i) for i in range(1, 1201)), UNIT, on=ON)
    ws = load_workbook(path, read_only=True).worksheets[0]
    texts = [v for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert "Tổng cộng: 1.200 người" in texts
    assert len(read_statuses(path)) == 1200


# ---------------------------------------------------------------------------------------------
# Injection


def test_formula_like_names_stay_plain_strings_in_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    people = [person(i, name) for i, name in enumerate(INJECTIONS, 1)] + [person(9, "Lê Văn Ba")]
    write_list_xlsx(path, people, UNIT, on=ON)
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    start = header_row(ws) + 1
    for offset, name in enumerate(INJECTIONS):
        cell = ws.cell(start + offset, 2)
        assert cell.value == name
        assert cell.data_type == "s"
        assert cell.quotePrefix  # stays text if the clerk edits it in Excel
    after = ws.cell(start + len(INJECTIONS), 2)
    assert after.value == "Lê Văn Ba"
    assert not after.quotePrefix  # the reused style was not changed by the rows before
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_control_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    write_list_xlsx(path, [person(1, "Phạm\x07 Thị Lan")], UNIT, on=ON)
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    assert ws.cell(header_row(ws) + 1, 2).value == "Phạm Thị Lan"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-1", "'-1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("0912345678", "0912345678"),
        ("", ""),
    ],
)
def test_csv_text(value: str, expected: str) -> None:
    assert csv_text(value) == expected


# ---------------------------------------------------------------------------------------------
# CSV


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_csv_has_bom_header_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    write_list_csv(path, PEOPLE)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert rows[0] == list(CSV_HEADERS)
    assert "Dòng trong bảng gốc" in rows[0]
    assert len(rows) == 1 + len(PEOPLE)
    assert rows[1] == [
        "1",
        "Nguyễn Văn An",
        "02/02/1990",
        "Nữ",
        "0100000001",
        "001910000001",
        "0910000001",
        "5",
    ]
    assert rows[3][2] == "1990"


def test_csv_injection_prefixed(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    write_list_csv(path, [person(i, name) for i, name in enumerate(INJECTIONS, 1)])
    names = [row[1] for row in read_csv(path)[1:]]
    assert names == ["'" + name for name in INJECTIONS]


# ---------------------------------------------------------------------------------------------
# Determinism


def test_same_input_same_bytes(tmp_path: Path, xlsx: Path) -> None:
    again = tmp_path / "again.xlsx"
    write_list_xlsx(again, PEOPLE, UNIT, on=ON)
    assert again.read_bytes() == xlsx.read_bytes()


def test_dates_come_from_the_list_date_not_the_clock(xlsx: Path) -> None:
    with zipfile.ZipFile(xlsx) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 25, 0, 0, 0)}
    props = load_workbook(xlsx).properties
    assert props.created == props.modified == datetime(2026, 11, 25)
    assert props.creator == "Công ty TNHH Sao Mai"


_SUBPROCESS = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_danh_sach import ON, PEOPLE, UNIT
from vssid_batch.batch.list_xlsx import write_list_xlsx
write_list_xlsx(Path(sys.argv[1]), PEOPLE, UNIT, on=ON)
"""


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    # Catches anything that depends on set order under hash randomisation (merged cells, styles).
    script = _SUBPROCESS.format(tests=str(Path(__file__).parent))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


# ---------------------------------------------------------------------------------------------
# Statuses filled in by the clerk


def test_read_statuses_round_trip(xlsx: Path) -> None:
    assert read_statuses(xlsx) == {1: "", 2: "", 3: ""}
    wb = load_workbook(xlsx)
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.insert_rows(1, amount=2)  # clerks add rows above the table
    ws["A1"] = "Ghi chú của phòng nhân sự"
    start = header_row(ws) + 1
    status_column = HEADERS.index(LIST_STATUS_HEADER) + 1
    ws.cell(start, status_column, "  Đã cài VssID ")
    ws.cell(start + 2, status_column, "Đã nộp")
    wb.save(xlsx)
    assert read_statuses(xlsx) == {1: "Đã cài VssID", 2: "", 3: "Đã nộp"}


def test_read_statuses_finds_the_header_by_text(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.append(["DANH SÁCH"])
    ws.append([])
    ws.append(["Họ và tên", " stt ", "Ghi chú", "TRẠNG  THÁI"])
    ws.append(["Nguyễn Văn An", 1, "", "Đã ký"])
    ws.append(["Trần Thị Bình", "2", "", 5])
    ws.append(["Lê Văn Cường", 3.0, "", None])
    ws.append(["Tổng cộng: 3 người"])
    ws.append([None, "Người lập biểu"])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    assert read_statuses(path) == {1: "Đã ký", 2: "5", 3: ""}


def test_read_statuses_without_header_is_an_error(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.append(["Họ và tên", "Ngày sinh"])
    path = tmp_path / "other.xlsx"
    wb.save(path)
    with pytest.raises(VssidError, match="Trạng thái"):
        read_statuses(path)


def test_read_list_as_the_clerk_sees_it_wherever_the_table_starts(tmp_path: Path) -> None:
    # The table moved to column C and the birth date turned into a date by the clerk's Excel:
    # letters name the real columns, the date reads as it is shown (the checker's cell_text).
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.append([None, None, "STT", "Ngày sinh", "Trang thai"])  # no accents: same key
    ws.append([None, None, 1, datetime(1990, 2, 5), " Đã ký "])
    ws.append([None, None, 2, True, None])
    path = tmp_path / "moved.xlsx"
    wb.save(path)
    with path.open("rb") as handle:
        table = read_list(handle, "moved.xlsx")
    assert table.letters == {"STT": "C", "Ngày sinh": "D", LIST_STATUS_HEADER: "E"}
    assert [(r.row, r.stt, r.cells["Ngày sinh"]) for r in table.rows] == [
        (2, 1, "05/02/1990"),
        (3, 2, "TRUE"),
    ]
    assert table.statuses() == {1: "Đã ký", 2: ""}


def test_read_statuses_of_an_ods_list(tmp_path: Path) -> None:
    # Saved again by LibreOffice: the sheet reader reads every format it knows.
    path = tmp_path / "danh-sach.ods"
    frame = pd.DataFrame({"STT": [1, 2], LIST_STATUS_HEADER: ["Đã nộp", ""]})
    frame.to_excel(path, engine="odf", index=False)
    assert read_statuses(path) == {1: "Đã nộp", 2: ""}


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"PK\x03\x04 cut short", "corrupt"), (b"", "empty"), (b"STT,x\n", "not_a_workbook")],
)
def test_read_statuses_of_a_damaged_list_is_a_sheet_error(
    tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(content)
    with pytest.raises(SheetError) as caught:
        read_statuses(path)
    assert caught.value.code == code


def test_read_statuses_applies_the_readers_size_guards(
    tmp_path: Path, xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(SheetError) as caught:
        read_statuses(xlsx)
    assert caught.value.code == "too_big"


# ---------------------------------------------------------------------------------------------
# The list is written as XML (sheet.xlsx_stream); read back, it is what openpyxl wrote before.

READ_BACK = Path(__file__).parent / "fixtures" / "danh-sach"  # from the openpyxl list


def read_back(path: Path) -> dict[str, Any]:
    """Everything a reader of the list sees, read back with openpyxl, as plain data."""
    wb = load_workbook(path)
    ws = wb.active
    assert isinstance(ws, Worksheet)
    cells: dict[str, list[Any]] = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            font, align, border, fill = c.font, c.alignment, c.border, c.fill
            sides = [border.left.style, border.right.style, border.top.style, border.bottom.style]
            cells[c.coordinate] = [
                c.value,
                c.data_type,
                font.name,
                float(font.sz or 0),
                bool(font.b),
                bool(font.i),
                align.horizontal,
                align.vertical,
                bool(align.wrap_text),
                *sides,
                fill.fill_type,
                fill.fgColor.rgb if fill.fill_type else None,
                c.number_format,
                bool(c.quotePrefix),
            ]
    assert ws.oddFooter is not None and ws.sheet_properties.pageSetUpPr is not None
    setup, footer, margins = ws.page_setup, ws.oddFooter.center, ws.page_margins
    return {
        "title": ws.title,
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: v.width for k, v in sorted(ws.column_dimensions.items()) if v.width},
        "heights": {str(k): v.height for k, v in sorted(ws.row_dimensions.items()) if v.height},
        "freeze": ws.freeze_panes,
        "print_titles": ws.print_title_rows,
        "page": [
            setup.orientation,
            str(setup.paperSize),
            str(setup.fitToWidth),
            str(setup.fitToHeight),
            bool(ws.sheet_properties.pageSetUpPr.fitToPage),
        ],
        "centered": bool(ws.print_options.horizontalCentered),
        "margins": [margins.left, margins.right, margins.top, margins.bottom],
        "footer": [footer.text, footer.font, footer.size],
        "validations": [
            [v.type, str(v.sqref), v.formula1, bool(v.allow_blank), bool(v.showErrorMessage)]
            for v in ws.data_validations.dataValidation
        ],
        "props": [
            wb.properties.creator,
            wb.properties.title,
            str(wb.properties.created),
            str(wb.properties.modified),
        ],
    }


@pytest.mark.parametrize(("people", "golden"), [(7, "read-back"), (0, "empty-read-back")])
def test_the_list_reads_back_as_the_openpyxl_list_did(
    tmp_path: Path, people: int, golden: str
) -> None:
    """Every cell's value and look (font, alignment, borders, fill, number format, quote
    prefix), the merges, widths, heights, frozen rows, print titles, page set-up, footer,
    drop-down and properties, read back with openpyxl: the golden files were read back from the
    list openpyxl wrote before the list was written as XML."""
    from vssid_batch.batch.danh_sach import list_columns
    from vssid_batch.config import load_unit
    from vssid_batch.synthetic import make_employees

    unit = load_unit(EXAMPLES / "unit.toml")
    employees = make_employees(people, seed=3)
    if employees:  # a formula-like name: a string cell with Excel's quote prefix
        employees[1] = employees[1].model_copy(
            update={"full_name": '=HYPERLINK("x")', "address": "+1 phố"}
        )
    path = tmp_path / "danh-sach.xlsx"
    columns = list_columns(employees) if employees else COLUMNS
    write_list_xlsx(path, employees, unit, on=date(2026, 11, 25), columns=columns)
    expected = json.loads((READ_BACK / f"{golden}.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(read_back(path), ensure_ascii=False)) == expected
