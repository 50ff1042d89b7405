"""Finding the header, the columns, and the sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_sheet_builders import AN, BINH, HEADER, write_csv, write_xlsx

from vssid_batch.fields import Field
from vssid_batch.sheet import SheetError, parse_mapping, read_sheet

TITLE_BLOCK = [
    ["CÔNG TY TNHH THỬ NGHIỆM"],
    ["Mã đơn vị: TN0001"],
    [None, None, "DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT"],
    [],
]


def error_of(path: Path, **options: object) -> SheetError:
    with pytest.raises(SheetError) as caught:
        read_sheet(path, **options)  # type: ignore[arg-type]
    return caught.value


def test_title_rows_and_merged_title_are_skipped(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx", [*TITLE_BLOCK, HEADER, AN, BINH], merges=["C3:H3", "A1:D1"]
    )
    table = read_sheet(path)
    assert table.header_row == 5
    assert [r.row for r in table.rows] == [6, 7]
    assert table.columns[Field.id_number] == "Số CCCD/CMND"
    assert table.column_index == {
        Field.full_name: 1,
        Field.birth_date: 2,
        Field.gender: 3,
        Field.bhxh_code: 4,
        Field.id_number: 5,
        Field.phone: 6,
        Field.department: 7,
    }


def test_leading_blank_rows_and_columns_keep_excel_numbers(tmp_path: Path) -> None:
    """calamine trims the empty area before the data (``sheet.start``); Excel does not."""
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, [], AN, BINH], top=7, left=3)
    table = read_sheet(path)
    assert table.header_row == 7
    assert [r.row for r in table.rows] == [9, 10]
    assert table.column_index[Field.full_name] == 3  # column D
    assert table.rows[0].values[Field.full_name] == "Nguyễn Văn An"


def test_odd_spelling_case_diacritics_and_notes(tmp_path: Path) -> None:
    header = [
        "stt",
        "HO VA TEN",
        "Ngày  sinh\n(dd/mm/yyyy)",
        "Giới Tính (Nam/Nữ)",
        "MÃ SỐ BHXH",
        "so cccd / cmnd",
        "Số điện thoại (*)",
        "Ghi chú",
    ]
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [*TITLE_BLOCK, header, AN]))
    assert set(table.columns) == {
        Field.full_name,
        Field.birth_date,
        Field.gender,
        Field.bhxh_code,
        Field.id_number,
        Field.phone,
    }
    assert table.columns[Field.birth_date] == "Ngày  sinh\n(dd/mm/yyyy)"  # exactly as written


def test_bilingual_two_line_headers(tmp_path: Path) -> None:
    header = [
        "No.",
        "Họ và tên\nFull name",
        "Ngày sinh\nDate of birth",
        "Giới tính\nGender",
        "Mã số BHXH\nSocial insurance code",
        "Số CCCD\nID number",
        "Điện thoại\nPhone",
    ]
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [header, AN]))
    assert len(table.columns) == 6


def test_decomposed_unicode_headers(tmp_path: Path) -> None:
    import unicodedata

    header = [unicodedata.normalize("NFD", h) for h in HEADER]
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [header, AN]))
    assert Field.full_name in table.columns


def test_header_beyond_row_30_is_not_searched(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["ghi chú"]] * 30 + [HEADER, AN]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    error = error_of(path)
    assert (error.code, error.params["rows"]) == ("no_header", 30)
    assert "--header-row" in str(error)
    table = read_sheet(path, header_row=31)
    assert [r.row for r in table.rows] == [32]


def test_header_row_forced(tmp_path: Path) -> None:
    # Only two recognisable names: not enough to be found, enough when the clerk says where.
    header = ["Tên NLĐ", "Ngày sinh", "Phái", "Số sổ", "CCCD", "ĐT di động"]
    rows = [
        header,
        ["Nguyễn Văn An", "02/01/1990", "Nam", "0100000001", "001090000001", "0900000001"],
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, top=3)
    assert error_of(path).code == "no_header"
    mapping = parse_mapping(
        ["full_name=Tên NLĐ", "gender=Phái", "bhxh_code=Số sổ", "phone=ĐT di động"]
    )
    table = read_sheet(path, header_row=3, mapping=mapping)
    assert table.header_row == 3
    assert table.columns[Field.full_name] == "Tên NLĐ"
    assert [r.row for r in table.rows] == [4]
    # the mapping alone is enough to find the header
    assert read_sheet(path, mapping=mapping).header_row == 3


def test_forced_header_row_outside_the_data(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, AN], top=3)
    for row in (1, 40):
        error = error_of(path, header_row=row)
        assert (error.code, error.params["first_row"], error.params["last_row"]) == (
            "bad_header_row",
            3,
            4,
        )


def test_forced_header_on_a_person_row_does_not_leak_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, AN, BINH])
    error = error_of(path, header_row=2)
    assert error.code == "missing_columns"
    for lang in ("vi", "en"):
        message = error.message(lang)
        assert "001090000001" not in message and "0900000001" not in message
        assert "0100000001" not in message


def test_missing_required_columns(tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ghi chú"]
    error = error_of(write_xlsx(tmp_path / "ds.xlsx", [*TITLE_BLOCK, header, AN[:6]]))
    assert error.code == "missing_columns"
    assert error.params["missing"] == ("phone",)  # bhxh_code: optional since 01/08/2025
    assert error.params["found"] == tuple(header)
    assert (error.params["sheet"], error.params["header_row"]) == ("DS", 5)
    text = str(error)
    assert "Mã số BHXH" not in text and "Số điện thoại" in text and "'Ghi chú'" in text
    assert "dòng tiêu đề 5" in text and "'DS'" in text
    assert "mobile" in error.message("en").casefold() or "phone" in error.message("en")


def test_duplicate_column_is_an_error_naming_both(tmp_path: Path) -> None:
    header = [*HEADER[:7], "Điện thoại"]
    error = error_of(write_xlsx(tmp_path / "ds.xlsx", [header, AN]))
    assert error.code == "duplicate_column"
    assert error.params["field"] == "phone"
    assert error.params["columns"] == ("Số điện thoại", "Điện thoại")
    assert error.params["letters"] == ("G", "H")
    assert "--map phone=" in str(error)


def test_duplicate_resolved_by_mapping_a_column_letter(tmp_path: Path) -> None:
    header = [*HEADER[:7], "Số điện thoại"]  # same text twice: only a letter can tell them apart
    row = [*AN[:7], "0900000009"]
    path = write_xlsx(tmp_path / "ds.xlsx", [header, row])
    table = read_sheet(path, mapping=parse_mapping(["phone=H"]))
    assert table.column_index[Field.phone] == 7
    assert table.rows[0].values[Field.phone] == "0900000009"
    table = read_sheet(path, mapping=parse_mapping(["phone=Số điện thoại"]))
    assert table.column_index[Field.phone] == 6


def test_mapping_overrides_an_alias(tmp_path: Path) -> None:
    header = [*HEADER, "SĐT mới"]
    row = [*AN, "0900000077"]
    path = write_xlsx(tmp_path / "ds.xlsx", [header, row])
    table = read_sheet(path, mapping=parse_mapping(["phone=sđt mới"]))
    assert table.columns[Field.phone] == "SĐT mới"
    assert table.rows[0].values[Field.phone] == "0900000077"


def test_mapped_column_not_found(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, AN])
    error = error_of(path, mapping=parse_mapping(["full_name=Tên NLĐ"]))
    assert error.code == "unknown_column"
    assert (error.params["column"], error.params["field"]) == ("Tên NLĐ", "full_name")
    assert error.params["found"] == tuple(HEADER)
    assert "Tên NLĐ" in str(error) and "'Họ và tên'" in str(error)


def test_parse_mapping() -> None:
    assert parse_mapping(["full_name=Tên NLĐ", "Số CCCD = CCCD mới"]) == {
        Field.full_name: "Tên NLĐ",
        Field.id_number: "CCCD mới",
    }
    cases = {
        "salary=Lương": "unknown_field",
        "full_name": "bad_mapping",
        "full_name=": "bad_mapping",
    }
    for item, code in cases.items():
        with pytest.raises(SheetError) as caught:
            parse_mapping([item])
        assert caught.value.code == code
    with pytest.raises(SheetError) as caught:
        parse_mapping(["phone=A", "phone=B"])
    assert caught.value.params["reason"] == "field_twice"
    with pytest.raises(SheetError) as caught:
        parse_mapping(["phone=Cột X", "email=cot x"])
    assert caught.value.params["reason"] == "column_twice"


def test_two_row_header_with_group_cell(tmp_path: Path) -> None:
    top = [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã số BHXH",
        "Thông tin CCCD",
        None,
        None,
        "Điện thoại",
    ]
    sub = [None, None, None, None, None, "Số", "Ngày cấp", "Nơi cấp", None]
    row = [
        1,
        "Nguyễn Văn An",
        "02/01/1990",
        "Nam",
        "0100000001",
        "001090000001",
        "01/02/2021",
        "Cục Cảnh sát",
        "0900000001",
    ]
    merges = ["A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:H5", "I5:I6"]
    path = write_xlsx(tmp_path / "ds.xlsx", [*TITLE_BLOCK, top, sub, row], merges=merges)
    table = read_sheet(path)
    assert table.header_row == 6
    assert table.column_index[Field.id_number] == 5
    assert table.column_index[Field.id_issue_date] == 6
    assert table.column_index[Field.id_issue_place] == 7
    assert table.columns[Field.id_number] == "Thông tin CCCD / Số"
    assert table.columns[Field.full_name] == "Họ và tên"
    assert [r.row for r in table.rows] == [7]
    # the same layout in a CSV, where nothing is merged
    lines = [",".join("" if v is None else str(v) for v in line) for line in (top, sub, row)]
    csv_table = read_sheet(write_csv(tmp_path / "ds.csv", "\n".join(lines) + "\n"))
    assert csv_table.header_row == 2
    assert csv_table.column_index[Field.id_issue_place] == 7


def test_column_numbering_under_a_two_row_header_is_not_a_header(tmp_path: Path) -> None:
    numbering = [f"({i})" for i in range(1, 9)]
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, numbering, AN]))
    assert table.header_row == 1
    assert [r.row for r in table.rows] == [3]


# --- choosing the sheet ------------------------------------------------------------------------


def test_sheet_by_name_and_not_found(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [HEADER, AN],
        title="Tháng 10",
        more_sheets={"Tháng 11": [HEADER, AN, BINH]},
    )
    assert len(read_sheet(path, sheet="Tháng 11").rows) == 2
    assert read_sheet(path, sheet="thang 11").sheet == "Tháng 11"  # folded like headers
    error = error_of(path, sheet="Tháng 12")
    assert error.code == "sheet_not_found"
    assert error.params["sheets"] == ("Tháng 10", "Tháng 11")
    assert "'Tháng 10', 'Tháng 11'" in str(error)


def test_several_sheets_with_a_header_are_ambiguous(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [HEADER, AN],
        title="Tháng 10",
        more_sheets={"Ghi chú": [["Lưu ý khi nhập"]], "Tháng 11": [HEADER, BINH]},
    )
    error = error_of(path)
    assert error.code == "ambiguous_sheet"
    assert error.params["candidates"] == ("Tháng 10", "Tháng 11")
    assert "--sheet" in str(error)


def test_the_one_sheet_with_a_header_is_chosen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Hướng dẫn nhập liệu"], ["Cột Họ và tên: …"]],
        title="Hướng dẫn",
        more_sheets={"Danh sách": [*TITLE_BLOCK, HEADER, AN]},
    )
    table = read_sheet(path)
    assert (table.sheet, table.header_row) == ("Danh sách", 5)


def test_hidden_sheets_are_ignored_unless_named(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [HEADER, AN],
        title="Hiện tại",
        more_sheets={"Cũ": [HEADER, BINH, AN]},
        hidden=["Cũ"],
    )
    assert read_sheet(path).sheet == "Hiện tại"
    assert len(read_sheet(path, sheet="Cũ").rows) == 2


def test_no_header_points_at_a_hidden_sheet_that_has_one(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Bảng tổng hợp"], [1, 2, 3]],
        title="Tổng hợp",
        more_sheets={"Dữ liệu": [HEADER, AN]},
        hidden=["Dữ liệu"],
    )
    error = error_of(path)
    assert (error.code, error.params["hidden"]) == ("no_header", ("Dữ liệu",))
    assert "Dữ liệu" in str(error)


def test_empty_sheet_and_empty_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [])
    error = error_of(path)
    assert (error.code, error.params["sheet"]) == ("empty", "DS")
    path = write_xlsx(tmp_path / "two.xlsx", [], more_sheets={"Trống": []})
    assert error_of(path).code == "empty"


def test_header_only_gives_no_people(tmp_path: Path) -> None:
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [*TITLE_BLOCK, HEADER]))
    assert (table.header_row, table.rows) == (5, [])


def test_an_alias_in_the_first_person_row_is_not_a_sub_header(tmp_path: Path) -> None:
    """Found by hypothesis: text that happens to be a column name, in the first data row."""
    table = read_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER, ["Ngày cấp", *AN[1:]]]))
    assert table.header_row == 1
    assert [r.row for r in table.rows] == [2]
    text_row = [str(v) for v in AN]  # a CSV's first person: all text, under one-row headers
    csv_text = ",".join(HEADER) + "\n" + ",".join(text_row) + "\n"
    assert read_sheet(write_csv(tmp_path / "ds.csv", csv_text)).header_row == 1


def test_group_header_that_is_itself_a_column_name(tmp_path: Path) -> None:
    top = ["Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "CCCD/CMND", None, None, "SĐT"]
    sub = [None, None, None, None, "Số", "Ngày cấp", "Nơi cấp", None]
    row = [
        "Nguyễn Văn An",
        "02/01/1990",
        "Nam",
        "0100000001",
        "001090000001",
        "01/02/2021",
        "Cục Cảnh sát",
        "0900000001",
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", [top, sub, row], merges=["E1:G1"])
    table = read_sheet(path)
    assert table.header_row == 2
    assert (table.column_index[Field.id_number], table.column_index[Field.id_issue_place]) == (4, 6)
