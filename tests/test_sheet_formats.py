"""The sheet reader on every file format, and on every way a file can be unreadable."""

from __future__ import annotations

import datetime
import os
import pickle
import shutil
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineError, CalamineWorkbook
from test_sheet_builders import AN, BINH, FIXTURES, HEADER, ole_container, write_csv, write_xlsx
from test_sheet_visibility import biff, ole_with_small_stream, record

from vssid_batch.fields import Field
from vssid_batch.sheet import CODES, SheetError, read_sheet
from vssid_batch.sheet import reader as reader_module


def error_of(path: Path, **options: object) -> SheetError:
    with pytest.raises(SheetError) as caught:
        read_sheet(path, **options)  # type: ignore[arg-type]
    return caught.value


# --- the file itself ---------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nowhere.xlsx")
    assert error.code == "file_not_found"
    assert "nowhere.xlsx" in str(error)
    assert error.message("en").startswith("File not found")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    error = error_of(tmp_path)
    assert (error.code, error.params["reason"]) == ("unreadable", "directory")


def test_zero_bytes_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"")
    assert error_of(path).code == "empty"


def test_text_named_xlsx_is_not_a_workbook(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.xlsx", "Họ và tên,Ngày sinh\nNguyễn Văn An,01/02/1990\n")
    error = error_of(path)
    assert (error.code, error.params["kind"]) == ("not_a_workbook", "text")
    assert "ds.xlsx" in str(error) and "văn bản" in str(error)


def test_web_page_saved_as_xls_is_named_as_such(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.xls", "<html><body><table><tr><td>Họ và tên</td></tr>")
    error = error_of(path)
    assert (error.code, error.params["kind"]) == ("not_a_workbook", "html")
    assert "HTML" in error.message("en")


def test_pdf_and_random_binary(tmp_path: Path) -> None:
    pdf = tmp_path / "ds.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3")
    assert error_of(pdf).params["kind"] == "pdf"
    blob = tmp_path / "ds.ods"
    blob.write_bytes(bytes(range(256)))
    assert error_of(blob).params["kind"] == "binary"


def test_truncated_xlsx_is_corrupt(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", [HEADER, AN])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    error = error_of(cut)
    assert error.code == "corrupt"
    assert "cut.xlsx" in str(error)


def test_damaged_sheet_inside_a_valid_zip_is_corrupt(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [HEADER, AN])
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    assert error_of(bad).code == "corrupt"


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ds.xlsx", b"not really")
    assert error_of(path).params["kind"] == "zip"


def test_password_protected_xlsx_fixture() -> None:
    error = error_of(FIXTURES / "encrypted.xlsx")
    assert error.code == "encrypted"
    assert "mật khẩu" in str(error)
    assert "password" in error.message("en")


def test_password_protected_ole_container(tmp_path: Path) -> None:
    path = ole_container(tmp_path / "ds.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    assert error_of(path).code == "encrypted"


def test_word_document_is_not_a_workbook(tmp_path: Path) -> None:
    path = ole_container(tmp_path / "ds.xls", ["WordDocument"])
    assert (error_of(path).code, error_of(path).params["kind"]) == ("not_a_workbook", "ole")


def test_truncated_ole_is_corrupt(tmp_path: Path) -> None:
    path = ole_container(tmp_path / "ds.xls", ["Workbook"])
    path.write_bytes(path.read_bytes()[:700])
    assert error_of(path).code == "corrupt"


def test_ole_workbook_stream_with_garbage_is_corrupt(tmp_path: Path) -> None:
    path = ole_container(tmp_path / "ds.xls", ["Workbook"])  # an empty Workbook stream
    assert error_of(path).code == "corrupt"


# --- formats that are read ---------------------------------------------------------------------


def test_xls_fixture() -> None:
    table = read_sheet(FIXTURES / "people.xls")
    assert (table.format, table.sheet, table.header_row, table.typed) == (
        "xls",
        "Danh sách",
        4,
        True,
    )
    assert [r.row for r in table.rows] == [5, 6]
    first, second = (r.values for r in table.rows)
    assert first[Field.birth_date] == datetime.date(1990, 1, 2)
    assert first[Field.id_number] == 1090000001  # a number cell, zero lost: the rules repair it
    assert first[Field.bhxh_code] == "0100000001"  # a text cell, untouched
    assert second[Field.birth_date] == "03/04/1991"
    assert second[Field.phone] == 900000002


def test_xls_saved_with_an_xlsx_name_is_still_read(tmp_path: Path) -> None:
    renamed = tmp_path / "ds.xlsx"
    shutil.copy(FIXTURES / "people.xls", renamed)
    table = read_sheet(renamed)
    assert table.format == "xls"
    assert len(table.rows) == 2


def test_xlsx_saved_with_a_csv_name_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.csv", [HEADER, AN])
    table = read_sheet(path)
    assert (table.format, table.typed) == ("xlsx", True)


def test_xlsm_extension(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsm", [HEADER, AN])
    assert read_sheet(path).format == "xlsx"


def test_ods_written_by_pandas(tmp_path: Path) -> None:
    path = tmp_path / "ds.ods"
    frame = pd.DataFrame([AN, BINH], columns=HEADER)
    with pd.ExcelWriter(path, engine="odf") as writer:
        frame.to_excel(writer, sheet_name="Nhân sự", index=False, startrow=2, startcol=1)
    table = read_sheet(path)
    assert (table.format, table.sheet, table.header_row) == ("ods", "Nhân sự", 3)
    assert [r.row for r in table.rows] == [4, 5]
    assert table.column_index[Field.full_name] == 2  # column C: startcol=1 plus STT
    assert table.rows[1].values[Field.id_number] == 1091000002
    assert table.rows[0].values[Field.id_number] == "001090000001"


CSV_TEXT = (
    "Họ và tên,Ngày sinh,Giới tính,Mã số BHXH,Số CCCD,SĐT\n"
    "Nguyễn Văn An,02/01/1990,Nam,0100000001,001090000001,0900000001\n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_csv_utf8_with_and_without_bom(tmp_path: Path, bom: bool) -> None:
    table = read_sheet(write_csv(tmp_path / "ds.csv", CSV_TEXT, bom=bom))
    assert (table.format, table.sheet, table.typed, table.header_row) == ("csv", None, False, 1)
    assert table.columns[Field.full_name] == "Họ và tên"  # no BOM glued to the first header
    assert table.rows[0].values[Field.bhxh_code] == "0100000001"
    assert all(isinstance(v, str) for v in table.rows[0].values.values())


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_semicolon_and_tab(tmp_path: Path, delimiter: str) -> None:
    text = CSV_TEXT.replace(",", delimiter)
    # a comma inside a cell must not make the sniffing pick the comma
    text += (
        delimiter.join(
            ["Lê Văn, Cường", "03/03/1993", "Nam", "0100000003", "001093000003", "0900000003"]
        )
        + "\n"
    )
    table = read_sheet(write_csv(tmp_path / "ds.csv", text))
    assert [r.values[Field.full_name] for r in table.rows] == ["Nguyễn Văn An", "Lê Văn, Cường"]


def test_csv_utf16_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "ds.txt"
    path.write_bytes(CSV_TEXT.replace(",", "\t").encode("utf-16"))
    table = read_sheet(path)
    assert table.rows[0].values[Field.full_name] == "Nguyễn Văn An"


def test_csv_row_numbers_are_line_numbers(tmp_path: Path) -> None:
    text = (
        "DANH SÁCH LAO ĐỘNG,,,,,\n"
        "\n"
        + CSV_TEXT
        + '"Trần Thị Bình","04/03/1991",Nữ,0100000002,"001191000002\nghi chú",0900000002\n'
        + "Lê Văn Cường,03/03/1993,Nam,0100000003,001093000003,0900000003\r\n"
    )
    table = read_sheet(write_csv(tmp_path / "ds.csv", text))
    assert table.header_row == 3
    assert [r.row for r in table.rows] == [4, 5, 7]


def test_csv_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.csv", CSV_TEXT)
    # "Lê Văn Dũng" as Excel writes it in a Windows-1258 locale
    path.write_bytes(path.read_bytes() + b"L\xea V\xe3n D\xf2ng,01/01/1990,Nam,,,\r\n")
    error = error_of(path)
    assert (error.code, error.params["row"]) == ("not_utf8", 3)
    assert "UTF-8" in str(error) and "dòng 3" in str(error)


def test_csv_mac_line_ends(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ds.csv", CSV_TEXT.replace("\n", "\r"))
    table = read_sheet(path)
    assert [r.row for r in table.rows] == [2]


def test_csv_with_only_a_bom_is_empty(tmp_path: Path) -> None:
    assert error_of(write_csv(tmp_path / "ds.csv", "\n\n", bom=True)).code == "empty"


def test_csv_over_the_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "MAX_ROWS", 50)
    line = "Nguyễn Văn An,02/01/1990,Nam,0100000001,001090000001,0900000001\n"
    path = write_csv(tmp_path / "ds.csv", CSV_TEXT + line * 60)
    error = error_of(path)
    assert (error.code, error.params["limit"]) == ("too_many_rows", 50)
    assert "50" in str(error)


@pytest.mark.slow  # a CSV over 200,000 rows: 4.5-6 s
def test_csv_over_the_real_row_limit(tmp_path: Path) -> None:
    """200,001 records: refused while streaming."""
    line = "Nguyễn Văn An,02/01/1990,Nam,0100000001,001090000001,0900000001\n"
    path = write_csv(tmp_path / "big.csv", CSV_TEXT + line * reader_module.MAX_ROWS)
    error = error_of(path)
    assert error.code == "too_many_rows"
    assert "200.000" in str(error) and "200,000" in error.message("en")


def test_workbook_over_the_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "MAX_ROWS", 20)
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER] + [AN] * 25)
    error = error_of(path)
    assert (error.code, error.params["rows"], error.params["sheet"]) == ("too_many_rows", 26, "DS")


def test_long_cells_pass_through(tmp_path: Path) -> None:
    long_name = "Nguyễn " * 400  # 2,800 characters: the checker reports it, not the reader
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, [1, long_name, *AN[2:]]])
    assert read_sheet(path).rows[0].values[Field.full_name] == long_name


# --- the error object --------------------------------------------------------------------------


def test_every_code_renders_in_both_languages_on_one_line() -> None:
    params: dict[str, object] = {
        "file": "ds.xlsx",
        "sheet": "DS",
        "header_row": 4,
        "rows": 30,
        "reason": "permission",
        "kind": "text",
        "format": "xlsx",
        "row": 3,
        "sheets": ("A", "B"),
        "candidates": ("A", "B"),
        "first_row": 1,
        "last_row": 9,
        "missing": ("phone",),
        "found": ("Họ và tên",),
        "field": "phone",
        "columns": ("Điện thoại", "Điện thoại"),
        "letters": ("F", "H"),
        "column": "Tên NLĐ",
        "limit": 200_000,
        "item": "x=y",
        "hidden": ("Cũ",),
    }
    for code in CODES:
        error = SheetError(code, **params)  # type: ignore[arg-type]
        for lang in ("vi", "en"):
            text = error.message(lang)
            assert text and "\n" not in text and "{" not in text
        assert str(error) == error.message("vi")


def test_sheet_error_survives_pickling() -> None:
    error = SheetError(
        "missing_columns",
        file="ds.xlsx",
        sheet="DS",
        header_row=4,
        missing=("phone",),
        found=("Họ và tên",),
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.params, str(copy)) == (error.code, error.params, str(error))


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        SheetError("no_such_code", file="x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, AN])
    path.chmod(0)
    assert error_of(path).params["reason"] == "permission"


def _xls_with_password(path: Path) -> Path:
    """An .xls whose workbook stream starts BOF, FILEPASS (RC4), as Excel saves one with a
    password to open."""
    bof = record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    filepass = record(0x002F, struct.pack("<H", 1) + bytes(52))
    path.write_bytes(ole_with_small_stream(bof + filepass + record(0x000A, b"")))
    return path


def test_password_protected_xls(tmp_path: Path) -> None:
    # Once reported as damaged: calamine, given an open file, cannot tell a password.
    assert error_of(_xls_with_password(tmp_path / "ds.xls")).code == "encrypted"


def test_an_xls_without_a_password_is_still_read_past_the_check(tmp_path: Path) -> None:
    path = tmp_path / "ds.xls"
    path.write_bytes(ole_with_small_stream(biff("Danh sách", hidden=[])))
    assert error_of(path).code != "encrypted"


def test_calamine_still_cannot_tell_a_password_from_an_open_file(tmp_path: Path) -> None:
    """Why formats.py reads the OLE container itself: should calamine start raising
    PasswordError here, the password check could move to workbook.calamine_errors."""
    for path in (FIXTURES / "encrypted.xlsx", _xls_with_password(tmp_path / "ds.xls")):
        with path.open("rb") as handle, pytest.raises(CalamineError, match="detect"):
            CalamineWorkbook.from_filelike(handle)
