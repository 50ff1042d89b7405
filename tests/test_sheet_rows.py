"""Which rows are people, and what their cells look like once read."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from test_sheet_builders import AN, BINH, HEADER, write_csv, write_xlsx

from vssid_batch.fields import Field
from vssid_batch.sheet import read_sheet
from vssid_batch.sheet.rows import is_numbering_row, is_person, text_kind


def rows_of(tmp_path: Path, body: list[list[object]]) -> list[int]:
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, *body]))
    return [r.row for r in table.rows]


def test_footer_totals_and_signatures_are_not_people(tmp_path: Path) -> None:
    body: list[list[object]] = [
        AN,
        BINH,
        [],
        [None, "Tổng cộng: 2 người"],
        [None, "Cộng", None, None, None, 2, 2],  # counts under the ID and phone columns
        [None, None, None, None, None, "Hà Nội, ngày 25 tháng 11 năm 2026"],
        # the captions spread across the row, the first one in the name column
        [None, "Người lập biểu", None, None, "Kế toán trưởng", None, "Thủ trưởng đơn vị"],
        [None, "(Ký, họ tên)", None, None, "(Ký, họ tên)", None, "(Ký, họ tên, đóng dấu)"],
        [],
        [None, "Nguyễn Thị Lập", None, None, None, None, "Trần Văn Giám"],  # the signers' names
        [None, "Giám đốc"],
    ]
    assert rows_of(tmp_path, body) == [2, 3]


def test_signers_names_are_not_people_but_a_name_only_employee_is(tmp_path: Path) -> None:
    body: list[list[object]] = [
        AN,
        [2, "Lê Văn Cường"],  # an employee whose numbers are still missing: a person
        [],
        [None, None, None, None, None, "TP. Hồ Chí Minh, ngày 01 tháng 12 năm 2026"],
        [None, "NGƯỜI LẬP BIỂU", None, None, None, "GIÁM ĐỐC"],
        [],
        [],
        [],
        [None, "Phạm Thị Thu", None, None, None, "Hoàng Văn Hải"],
    ]
    assert rows_of(tmp_path, body) == [2, 3]


def test_a_caption_like_title_inside_the_list_does_not_end_it(tmp_path: Path) -> None:
    body: list[list[object]] = [
        AN,
        [None, "Kế toán"],
        BINH,
        [None, "Giám đốc"],
        [3, "Lê Văn Cường", *AN[2:7]],
    ]
    assert rows_of(tmp_path, body) == [2, 4, 6]


def test_caption_words_in_names_do_not_hide_people(tmp_path: Path) -> None:
    body: list[list[object]] = [
        [1, "Trương Phong", "01/01/1990", "Nam", "0100000011", "001090000011", "0900000011"],
        [2, "Truong Phong", "01/01/1990", "Nam", "0100000012", "001090000012", "0900000012"],
        [3, "Công", None, "Nam"],  # a given name alone (a "Tên" column), not "Cộng"
    ]
    assert rows_of(tmp_path, body) == [2, 3, 4]


def test_column_numbering_rows_are_not_people(tmp_path: Path) -> None:
    assert rows_of(tmp_path, [[f"({i})" for i in range(1, 9)], AN]) == [3]
    assert rows_of(tmp_path, [list(range(1, 9)), AN]) == [3]
    assert rows_of(tmp_path, [["A", "B", "C", 1, 2, 3, 4, 5], AN]) == [3]


def test_section_titles_are_not_people_but_lone_names_are(tmp_path: Path) -> None:
    body: list[list[object]] = [
        [None, "I. KHỐI VĂN PHÒNG"],
        AN,
        ["II", "Phòng Kinh doanh"],
        BINH,
        [3, "Lê Văn Cường"],  # only a name: a person (with errors for the rules to report)
    ]
    assert rows_of(tmp_path, body) == [3, 5, 6]


def test_rows_without_a_name_but_with_two_numbers_are_people(tmp_path: Path) -> None:
    body: list[list[object]] = [
        [1, None, None, "Nam", "0100000001", None, "0900000001"],
        [2, None, None, "Nam", None, None, "0900000002"],  # only one: not a person
        [3, None, datetime.date(1990, 1, 1), None, None, "001090000003"],
        [4, "   ", None, None, None, None, None, "Kế toán"],  # blank name, a department
    ]
    assert rows_of(tmp_path, body) == [2, 4]


def test_cells_keep_their_type(tmp_path: Path) -> None:
    row = [
        1,
        " Nguyễn Văn An ",
        datetime.datetime(1990, 1, 2, 0, 0),
        "Nam",
        100000001.0,
        "001090000001",
        912345678,
        True,
    ]
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, row]))
    values = table.rows[0].values
    assert values[Field.full_name] == " Nguyễn Văn An "  # not stripped
    assert values[Field.bhxh_code] == 100000001 and type(values[Field.bhxh_code]) is int
    assert values[Field.id_number] == "001090000001"
    assert values[Field.phone] == 912345678
    assert values[Field.department] is True
    assert isinstance(values[Field.birth_date], datetime.date)


def test_float_and_date_cells(tmp_path: Path) -> None:
    row = [
        1,
        "Nguyễn Văn An",
        datetime.date(1990, 1, 2),
        "Nam",
        1.5,
        "001090000001",
        "0900000001",
        datetime.datetime(2024, 5, 6, 7, 8, 9),
    ]
    values = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, row])).rows[0].values
    assert values[Field.bhxh_code] == 1.5
    assert values[Field.birth_date] == datetime.date(1990, 1, 2)
    assert values[Field.department] == datetime.datetime(2024, 5, 6, 7, 8, 9)


def test_time_cells_become_their_text(tmp_path: Path) -> None:
    row = [*AN[:7], datetime.time(7, 30)]
    values = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, row])).rows[0].values
    assert values[Field.department] == "07:30:00"


def test_empty_cells_are_absent(tmp_path: Path) -> None:
    row = [1, "Nguyễn Văn An", None, "", "0100000001", None, "0900000001"]
    values = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, row])).rows[0].values
    assert set(values) == {Field.full_name, Field.bhxh_code, Field.phone}


def test_vertically_merged_department_applies_to_each_row(tmp_path: Path) -> None:
    body: list[list[object]] = [AN, BINH, [3, "Lê Văn Cường", *AN[2:7]]]
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, *body], merges=["H2:H4"])
    table = read_sheet(path)
    assert [r.values.get(Field.department) for r in table.rows] == ["Kế toán"] * 3


def test_csv_cells_are_text_and_untouched(tmp_path: Path) -> None:
    text = (
        "Họ và tên;Ngày sinh;Giới tính;Mã số BHXH;Số CCCD;SĐT\n"
        " Nguyễn Văn An ;02/01/1990;Nam;100000001;001090000001;  \n"
    )
    table = read_sheet(write_csv(tmp_path / "ds.csv", text))
    values = table.rows[0].values
    assert values[Field.full_name] == " Nguyễn Văn An "
    assert values[Field.bhxh_code] == "100000001"
    assert values[Field.phone] == "  "


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Nguyễn Văn An", None),
        ("Tổng cộng: 20 người", "total"),
        ("TỔNG SỐ", "total"),
        ("Cộng:", "total"),
        ("Người lập biểu", "signature"),
        ("NGƯỜI LẬP BIỂU", "signature"),
        ("Kế toán trưởng", "signature"),
        ("Thủ trưởng đơn vị", "signature"),
        ("KT. GIÁM ĐỐC", "signature"),
        ("Giám đốc", "signature"),
        ("(Ký, họ tên)", "signature"),
        ("Đà Nẵng, ngày 01 tháng 12 năm 2026", "signature"),
        ("Ghi chú: số CCCD ghi đủ 12 số", "note"),
        ("I. Khối văn phòng", "section"),
        ("Trương Phong", None),
        ("Vi Văn Định", None),
        ("Tống Thị Lan", None),
    ],
)
def test_text_kinds(text: str, kind: str | None) -> None:
    assert text_kind(text) == kind


def test_numbering_and_person_helpers() -> None:
    assert is_numbering_row(["", "(1)", "(2)", "(3)"])
    assert not is_numbering_row([3, 2, 1])
    assert not is_numbering_row(["(1)", "(2)"])
    assert not is_person({Field.full_name: "12345"})
    assert not is_person(
        {Field.full_name: "Tổng cộng", Field.bhxh_code: "0100000001", Field.phone: "0900000001"}
    )
    assert is_person(
        {
            Field.full_name: "Người lập biểu",
            Field.bhxh_code: "0100000001",
            Field.phone: "0900000001",
        }
    )


def test_a_remark_above_the_header_does_not_hide_name_only_people(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["(Kèm theo công văn số 12/CV-TN)"],
        [*HEADER],
        [1, "Lê Văn Cường"],
        [2, "Phạm Thị Thu"],
    ]
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert [r.row for r in table.rows] == [3, 4]
