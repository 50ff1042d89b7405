"""`vssid-batch validate`, `template` and `init` through the command line (Typer's CliRunner)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from vssid_batch.api import check_sheet
from vssid_batch.cli.app import app
from vssid_batch.cli.exit_codes import ExitCode
from vssid_batch.config import load_unit
from vssid_batch.errors import VssidError
from vssid_batch.synthetic import HEADERS

from helpers import AS_OF, EXAMPLES, cells

AS_OF_ARG = ["--as-of", AS_OF.isoformat()]
DIGIT_RUN = re.compile(r"\d{9,}")


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_exit_codes_are_stable() -> None:
    assert (ExitCode.OK, ExitCode.DATA_ERRORS, ExitCode.FAILURE) == (0, 1, 2)


def test_valid_sheet_exits_0(runner, sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(runner, "validate", sheet_of(cells(people)), *AS_OF_ARG)
    assert code == 0
    assert "6 người: 6 hợp lệ" in out


def test_json_report_follows_the_contract(runner, sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[1][HEADERS.index("Số điện thoại")] = "024 3851 2468"
    code, out, _ = run(runner, "validate", sheet_of(rows), "--format", "json", *AS_OF_ARG)
    assert code == 1
    report = json.loads(out)
    assert report["file"] == "employees.xlsx" and report["sheet"] == "DS đăng ký"
    assert report["header_row"] == 4
    assert report["summary"] == {
        "people": 6,
        "valid": 5,
        "with_errors": 1,
        "with_warnings": 0,
        "errors": 1,
        "warnings": 0,
    }
    (problem,) = report["problems"]
    assert problem == {
        "row": 6,
        "column": "Số điện thoại",
        "field": "phone",
        "code": "phone.landline",
        "severity": "error",
        "message": problem["message"],
        "hint": problem["hint"],
    }
    assert "024*****468" in problem["message"] and "máy bàn" in problem["message"]


def test_numbers_are_masked_unless_asked(runner, sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    full = people[0].id_number
    rows[0][HEADERS.index("Số CCCD")] = int(full)  # a repair warning quotes the number
    path = sheet_of(rows)
    for fmt in ("table", "json"):
        _, out, _ = run(runner, "validate", path, "--format", fmt, *AS_OF_ARG)
        assert full not in out and not DIGIT_RUN.search(out.replace(full[:3] + "******", ""))
        assert f"{full[:3]}******{full[-3:]}" in out
    _, out, _ = run(runner, "validate", path, "--show-pii", *AS_OF_ARG)
    assert full in out


def test_english_messages(runner, sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][HEADERS.index("Số điện thoại")] = None
    code, out, _ = run(runner, "validate", sheet_of(rows), "--lang", "en", *AS_OF_ARG)
    assert code == 1
    assert "Mobile number is missing." in out and "6 people: 5 valid" in out


def test_annotated_copy_marks_cells_and_leaves_the_input_alone(  # type: ignore[no-untyped-def]
    runner, sheet_of, people, tmp_path
) -> None:
    rows = cells(people)
    rows[0][HEADERS.index("Số điện thoại")] = "024 3851 2468"
    rows[1][HEADERS.index("Số CCCD")] = int(people[1].id_number)
    source = sheet_of(rows)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "checked.xlsx"
    code, _, _ = run(runner, "validate", source, "--annotate", out, *AS_OF_ARG)
    assert code == 1
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    phone = sheet.cell(row=5, column=HEADERS.index("Số điện thoại") + 1)
    assert phone.fill.start_color.rgb.endswith("FFC7CE")
    assert phone.comment is not None and "máy bàn" in phone.comment.text
    restored = sheet.cell(row=6, column=HEADERS.index("Số CCCD") + 1)
    assert restored.fill.start_color.rgb.endswith("FFEB9C")
    result_column = len(HEADERS) + 1
    assert sheet.cell(row=4, column=result_column).value == "Kết quả kiểm tra"
    assert str(sheet.cell(row=5, column=result_column).value).startswith("1 lỗi")
    assert sheet.cell(row=7, column=result_column).value == "Hợp lệ"


def test_annotate_refuses_to_overwrite_the_input(runner, sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    source = sheet_of(cells(people))
    code, _, err = run(runner, "validate", source, "--annotate", source, *AS_OF_ARG)
    assert code == 2 and "bảng gốc" in err


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "không tìm thấy"),
        (b"", ""),
        (b"Ho ten,SDT\nAn,0912345678\n", ""),
        (b"PK\x03\x04 truncated", ""),
    ],
)
def test_broken_files_give_one_line_and_exit_2(runner, tmp_path, content, expected) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "employees.xlsx"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(runner, "validate", path, *AS_OF_ARG)
    assert code == 2
    assert "Traceback" not in err + out
    lines = [line for line in err.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2 and "employees.xlsx" in err
    assert expected.casefold() in err.casefold()
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["employees.xlsx"] if content is not None else []
    )


def test_missing_required_column_names_it(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Mã số BHXH"])
    book.save(path)
    code, _, err = run(runner, "validate", path, *AS_OF_ARG)
    assert code == 2 and "điện thoại" in err.casefold()


def test_template_round_trip(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mau.xlsx"
    code, _, _ = run(runner, "template", path)
    assert code == 0
    book = openpyxl.load_workbook(path)
    sheet = book["Danh sách"]
    headers = [c.value for c in sheet[1]]
    id_column = headers.index("Số CCCD/CMND") + 1
    assert sheet.cell(row=2, column=id_column).number_format == "@"
    assert sheet.data_validations.dataValidation[0].formula1 == '"Nam,Nữ"'
    # The BHXH code may be left empty since 01/08/2025: the header's note says so.
    comment = sheet.cell(row=1, column=headers.index("Mã số BHXH") + 1).comment
    assert comment is not None
    code_note = comment.text
    assert "01/08/2025" in code_note and "không bắt buộc" in code_note
    assert any("01/08/2025" in str(c.value) for c in book["Hướng dẫn"]["A"])
    # filled in the way a clerk would, it validates
    sheet.append(
        [
            1,
            "NV1",
            "Lò Thị Mai",
            "12/05/1995",
            "Nữ",
            "0123456789",
            "014195001234",
            None,
            None,
            "0987654321",
        ]
    )
    book.save(path)
    sheet.append(
        [
            2,
            "NV2",
            "Lò Văn Sơn",
            "03/04/1992",
            "Nam",
            None,
            "014092001235",
            None,
            None,
            "0987654322",
        ]
    )  # no BHXH code: as the note allows
    book.save(path)
    report = check_sheet(path, as_of=AS_OF)
    assert report.header_row == 1 and report.sheet == "Danh sách"
    assert [p.code for p in report.problems] == [] and len(report.employees) == 2
    code, _, err = run(runner, "template", path)
    assert code == 2 and "--force" in err


def test_init_writes_a_config_that_asks_to_be_filled(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "unit.toml"
    code, _, _ = run(runner, "init", path)
    assert code == 0 and "[employer]" in path.read_text(encoding="utf-8")
    with pytest.raises(VssidError) as error:
        load_unit(path)
    assert "employer.name" in error.value.vi and str(path) in error.value.vi


def test_init_and_template_refuse_to_overwrite(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for command, name in (("init", "unit.toml"), ("template", "mau.xlsx")):
        path = tmp_path / name
        path.write_text("mine", encoding="utf-8")
        code, out, err = run(runner, command, path)
        assert code == 2 and out == ""
        assert err.strip() == f"{path} đã có; dùng --force để ghi đè."  # the remedy, no prefix
        assert path.read_text(encoding="utf-8") == "mine"
        code, out, _ = run(runner, command, path, "--force", "--lang", "en")
        assert code == 0 and str(path) in out and path.read_bytes() != b"mine"


def test_example_config_loads() -> None:
    unit = load_unit(EXAMPLES / "unit.toml")
    assert unit.letter.recipient == "Bảo hiểm xã hội cơ sở Đống Đa"
    assert unit.employer.name == "Công ty TNHH Sao Mai"


def test_help_lists_every_command(runner) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(runner, "--help")
    assert code == 0
    for command in ("validate", "template", "init"):
        assert command in out


def test_no_traceback_on_unexpected_error(runner, sheet_of, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("001090123456")

    monkeypatch.setattr("vssid_batch.api.validate", boom)
    code, out, err = run(runner, "validate", sheet_of(cells(people)))
    assert code == 2 and "RuntimeError" in err
    assert "001090123456" not in err + out and "Traceback" not in err + out


def test_example_paths_exist() -> None:
    assert Path(EXAMPLES / "employees.xlsx").is_file()


def test_annotating_a_csv_keeps_rows_aligned(runner, tmp_path, people) -> None:  # type: ignore[no-untyped-def]
    import csv as csv_module

    source = tmp_path / "nv.csv"
    rows = cells(people)
    rows[1][HEADERS.index("Số điện thoại")] = "024 3851 2468"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_module.writer(handle)
        writer.writerow(["DANH SÁCH NHÂN VIÊN"])
        writer.writerow([])
        writer.writerow(HEADERS)
        writer.writerows(
            [[c.strftime("%d/%m/%Y") if hasattr(c, "strftime") else c for c in r] for r in rows]
        )
    out = tmp_path / "nv-checked.xlsx"
    code, _, err = run(runner, "validate", source, "--annotate", out, *AS_OF_ARG)
    assert code == 1, err
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    phone = sheet.cell(row=5, column=HEADERS.index("Số điện thoại") + 1)
    assert phone.value == "024 3851 2468"
    assert phone.comment is not None and "máy bàn" in phone.comment.text
