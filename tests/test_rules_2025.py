"""Issue 11: the rules in force in 2025–2026, through the CLI and the library.

The personal number as BHXH code from 01/08/2025, passports of foreign nationals, the employer's
tax code, the decree 164 notice, the office's name, and editions of the form as data files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from vssid_batch.api import check_sheet
from vssid_batch.cli.app import app
from vssid_batch.config import load_unit
from vssid_batch.errors import VssidError
from vssid_batch.fields import Field, field_for_header

from helpers import EXAMPLES

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Quốc tịch", "Số CCCD", "Số điện thoại"]
AN = [1, "Nguyễn Văn An", "02/01/1990", "Nam", "Việt Nam", "001090123456", "0912345678"]
BINH = [2, "Trần Thị Bình", "15/06/1992", "Nữ", "", "079192004321", "0987654321"]
IN_2026 = date(2026, 1, 15)
BEFORE_SWITCH = date(2025, 6, 30)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def invoke(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def write_sheet(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    """A 2026 HR sheet: no BHXH-code column, every number typed as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nhân sự 2026"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    book.save(path)
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    write_sheet(tmp_path / "ds-2026.xlsx", [AN, BINH])
    return tmp_path


def codes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in report.problems]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


# -- 1. the personal number stands in for the BHXH code from 01/08/2025 --------------------------


def test_a_2026_sheet_without_a_bhxh_column_validates(workdir: Path) -> None:
    code, out, err = invoke(
        "validate", workdir / "ds-2026.xlsx", "--as-of", IN_2026, "--format", "json"
    )
    assert code == 0, out + err
    document = json.loads(out)
    assert document["problems"] == [] and document["summary"]["valid"] == 2
    (notice,) = document["notices"]
    assert notice["code"] == "bhxh_code.personal_number_used"
    assert "1804/BHXH-QLT" in notice["message"] and "01/08/2025" in notice["message"]
    assert "2 người" in notice["message"]


def test_the_notice_is_said_once_on_the_terminal(workdir: Path) -> None:
    code, out, _ = invoke("validate", workdir / "ds-2026.xlsx", "--as-of", IN_2026)
    assert code == 0
    assert out.count("1804/BHXH-QLT") == 1


def test_a_2026_sheet_prepares_with_the_personal_number_on_both_lines(workdir: Path) -> None:
    folder = workdir / "out"
    code, out, err = invoke(
        "prepare", workdir / "ds-2026.xlsx", "--out", folder, "--date", IN_2026, "--jobs", 1
    )
    assert code == 0, out + err
    assert out.count("1804/BHXH-QLT") == 1
    form = next((folder / "to-khai").glob("00002-*.pdf"))
    text = pdf_text(form)
    assert re.search(r"Mã số bảo hiểm xã hội:\s*001090123456", text), text
    assert re.search(r"Số CCCD/CMND/Hộ chiếu:\s*001090123456", text), text
    with (folder / "danh-sach.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    codes_by_name = {row["Họ và tên"]: row["Mã số BHXH"] for row in rows}
    assert codes_by_name == {"Nguyễn Văn An": "001090123456", "Trần Thị Bình": "079192004321"}
    checklist = (folder / "viec-can-lam.txt").read_text(encoding="utf-8")
    assert "1804/BHXH-QLT" in checklist


def test_the_same_sheet_before_the_switch_is_refused(workdir: Path) -> None:
    code, out, _ = invoke(
        "validate", workdir / "ds-2026.xlsx", "--as-of", BEFORE_SWITCH, "--format", "json"
    )
    assert code == 1
    document = json.loads(out)
    assert [p["code"] for p in document["problems"]] == ["bhxh_code.missing"] * 2
    assert document["notices"] == []
    code, _, _ = invoke(
        "prepare", workdir / "ds-2026.xlsx", "--out", workdir / "out", "--date", BEFORE_SWITCH
    )
    assert code == 1 and not (workdir / "out").exists()


def test_a_ten_digit_code_is_still_checked_and_used(tmp_path: Path) -> None:
    header = [*HEADER, "Mã số BHXH"]
    path = write_sheet(tmp_path / "ds.xlsx", [[*AN, "0112345678"], [*BINH, "01234"]], header)
    report = check_sheet(path, as_of=IN_2026)
    assert codes(report) == ["bhxh_code.invalid_length"]
    assert report.employees[0].bhxh_code == "0112345678"
    assert report.notices == []


def test_an_empty_code_cell_in_2026_takes_the_personal_number(tmp_path: Path) -> None:
    header = [*HEADER, "Mã số BHXH"]
    path = write_sheet(tmp_path / "ds.xlsx", [[*AN, "0112345678"], [*BINH, None]], header)
    report = check_sheet(path, as_of=IN_2026)
    assert codes(report) == []
    assert [e.bhxh_code for e in report.employees] == ["0112345678", "079192004321"]
    assert report.notices[0].params["people"] == "1"


def test_a_personal_number_in_the_code_column_must_be_the_persons_own(tmp_path: Path) -> None:
    header = [*HEADER, "Mã số BHXH"]
    path = write_sheet(
        tmp_path / "ds.xlsx", [[*AN, "001090123456"], [*BINH, "001090654321"]], header
    )
    report = check_sheet(path, as_of=IN_2026)
    assert codes(report) == ["bhxh_code.personal_number_mismatch"]
    assert report.people[1].problems[0].row == 3
    assert report.employees[0].bhxh_code == "001090123456"
    # Before the switch the personal number in the code column is accepted with a warning.
    report = check_sheet(path, as_of=BEFORE_SWITCH)
    assert codes(report)[0] == "bhxh_code.personal_number"


def test_a_personal_number_as_code_is_not_a_duplicate_of_itself(tmp_path: Path) -> None:
    header = [*HEADER, "Mã số BHXH"]
    path = write_sheet(tmp_path / "ds.xlsx", [[*AN, "001090123456"]], header)
    assert codes(check_sheet(path, as_of=IN_2026)) == []


# -- 2. new ID column names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Số CCCD/Hộ chiếu",
        "Số CCCD/CMND/Hộ chiếu",
        "Số định danh cá nhân/Hộ chiếu",
        "Số hộ chiếu",
        "SỐ ĐỊNH DANH CÁ NHÂN / HỘ CHIẾU",
    ],
)
def test_id_column_aliases(header: str) -> None:
    assert field_for_header(header) is Field.id_number


# -- 3. passports of foreign nationals -----------------------------------------------------------


FOREIGNER = [3, "Kim Min Jun", "03/03/1988", "Nam", "Hàn Quốc", "M12345678", "0901234567"]


def test_a_foreigner_with_a_passport_and_a_code_validates_with_a_warning(tmp_path: Path) -> None:
    header = [*HEADER, "Mã số BHXH"]
    path = write_sheet(tmp_path / "ds.xlsx", [[*FOREIGNER, "7912345678"]], header)
    code, out, _ = invoke("validate", path, "--as-of", IN_2026, "--format", "json")
    assert code == 0
    (problem,) = json.loads(out)["problems"]
    assert problem["code"] == "id_number.passport" and problem["severity"] == "warning"
    assert "M12345678" not in out  # masked without --show-pii
    report = check_sheet(path, as_of=IN_2026)
    assert report.employees[0].id_number == "M12345678"


def test_a_vietnamese_style_passport_number_is_accepted_for_a_foreigner(tmp_path: Path) -> None:
    row = [*FOREIGNER[:5], "c1234567", FOREIGNER[6], "7912345678"]
    path = write_sheet(tmp_path / "ds.xlsx", [row], [*HEADER, "Mã số BHXH"])
    report = check_sheet(path, as_of=IN_2026)
    assert codes(report) == ["id_number.passport"]
    assert report.employees[0].id_number == "C1234567"


def test_a_foreigner_without_code_or_personal_number_needs_a_code(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "ds.xlsx", [FOREIGNER])
    report = check_sheet(path, as_of=IN_2026)
    assert codes(report) == ["id_number.passport", "bhxh_code.missing"]


@pytest.mark.parametrize("nationality", ["Việt Nam", ""])
def test_a_passport_number_for_a_citizen_is_an_error(tmp_path: Path, nationality: str) -> None:
    row = [*FOREIGNER[:4], nationality, "C1234567", FOREIGNER[6]]
    report = check_sheet(write_sheet(tmp_path / "ds.xlsx", [row]), as_of=IN_2026)
    assert codes(report) == ["id_number.passport_citizen"]
    assert report.problems[0].params["nationality_column"] == "Quốc tịch"


# -- 4. and 6. the decree notice and the office --------------------------------------------------


def test_notice_in_the_checklist_for_a_2026_date_and_not_for_2021(workdir: Path) -> None:
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'recipient = "Bảo hiểm xã hội cơ sở Đống Đa"',
            'recipient = "Bảo hiểm xã hội quận Đống Đa"',
        ),
        encoding="utf-8",
    )
    code, out, _ = invoke(
        "prepare",
        workdir / "ds-2026.xlsx",
        "--out",
        workdir / "new",
        "--date",
        IN_2026,
        "--jobs",
        1,
    )
    assert code == 0
    checklist = (workdir / "new" / "viec-can-lam.txt").read_text(encoding="utf-8")
    assert "164/2025/NĐ-CP" in checklist and "VNeID" in checklist
    assert out.count("164/2025/NĐ-CP") == 1
    # The recipient is still a district office: said once, in the folder too.
    assert out.count("quận/huyện") == 1 and "quận/huyện" in checklist
    write_sheet(workdir / "ds-2021.xlsx", [[*AN[:5], AN[5], AN[6]]], HEADER)
    old = workdir / "ds-2021.xlsx"
    book = openpyxl.load_workbook(old)
    sheet = book.active
    assert sheet is not None
    sheet["H1"], sheet["H2"] = "Mã số BHXH", "0112345678"
    book.save(old)
    code, out, _ = invoke(
        "prepare", old, "--out", workdir / "old", "--date", "2021-03-15", "--jobs", 1
    )
    assert code == 0, out
    checklist = (workdir / "old" / "viec-can-lam.txt").read_text(encoding="utf-8")
    assert "164/2025" not in checklist and "164/2025" not in out
    assert "quận/huyện" not in checklist


def test_no_office_warning_for_a_current_office_name(workdir: Path) -> None:
    # The example's own recipient is a current office ("Bảo hiểm xã hội cơ sở …").
    assert 'recipient = "Bảo hiểm xã hội cơ sở Đống Đa"' in (workdir / "unit.toml").read_text(
        encoding="utf-8"
    )
    code, out, _ = invoke(
        "prepare",
        workdir / "ds-2026.xlsx",
        "--out",
        workdir / "out",
        "--date",
        IN_2026,
        "--jobs",
        1,
    )
    assert code == 0 and "164/2025/NĐ-CP" in out and "quận/huyện" not in out


def test_init_asks_to_confirm_the_office(tmp_path: Path) -> None:
    code, _, _ = invoke("init", tmp_path / "unit.toml")
    text = (tmp_path / "unit.toml").read_text(encoding="utf-8")
    assert code == 0
    recipient_line = text.index("recipient =")
    assert "XÁC NHẬN TÊN HIỆN NAY" in text[:recipient_line]
    assert "[form]" in text and 'edition = "nd166-2016"' in text


# -- 5. editions of the form ---------------------------------------------------------------------


def test_a_fixture_edition_changes_the_printed_title(workdir: Path) -> None:
    shutil.copy(FIXTURES / "edition-test.toml", workdir / "edition-test.toml")
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'edition = "nd166-2016"', 'edition = "edition-test.toml"'
        ),
        encoding="utf-8",
    )
    code, out, err = invoke(
        "prepare",
        workdir / "ds-2026.xlsx",
        "--out",
        workdir / "out",
        "--date",
        IN_2026,
        "--jobs",
        2,
    )
    assert code == 0, out + err
    text = " ".join(pdf_text(workdir / "out" / "in-tat-ca-to-khai.pdf").split())
    assert "TỜ KHAI THỬ NGHIỆM" in text and "Nghị định số 166/2016" not in text
    assert text.count("TỜ KHAI THỬ NGHIỆM") == 2  # both people, drawn by worker processes
    # The manifest names the edition file (not its path) and its text's hash; report shows it.
    manifest = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["form_edition"]["key"] == "edition-test.toml"
    assert (
        manifest["form_edition"]["sha256"]
        == hashlib.sha256((workdir / "edition-test.toml").read_bytes()).hexdigest()
    )
    code, out, _ = invoke("report", workdir / "out")
    assert "“edition-test.toml”" in out and manifest["form_edition"]["basis"] in out


def test_the_default_edition_prints_the_2016_text(workdir: Path) -> None:
    code, _, _ = invoke(
        "prepare",
        workdir / "ds-2026.xlsx",
        "--out",
        workdir / "out",
        "--date",
        IN_2026,
        "--jobs",
        1,
    )
    assert code == 0
    text = " ".join(pdf_text(workdir / "out" / "in-tat-ca-to-khai.pdf").split())
    assert "Nghị định số 166/2016/NĐ-CP" in text and "THỬ NGHIỆM" not in text
    manifest = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {k: manifest["form_edition"][k] for k in ("key", "basis")} == {
        "key": "nd166-2016",
        "basis": "Nghị định 166/2016/NĐ-CP",
    }
    code, out, _ = invoke("report", workdir / "out", "--lang", "en")
    assert code == 0 and "wording of Nghị định 166/2016/NĐ-CP (edition “nd166-2016”)" in out
    code, out, _ = invoke("report", workdir / "out", "--format", "json")
    assert json.loads(out)["form_edition"]["key"] == "nd166-2016"


def test_an_unknown_edition_is_refused_with_the_known_ones(workdir: Path) -> None:
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'edition = "nd166-2016"', 'edition = "nd164-2025"'
        ),
        encoding="utf-8",
    )
    code, _, err = invoke(
        "prepare", workdir / "ds-2026.xlsx", "--out", workdir / "out", "--date", IN_2026
    )
    assert code == 2 and "nd164-2025" in err and "nd166-2016" in err and "unit.toml" in err
    assert "Traceback" not in err and not (workdir / "out").exists()


# -- 7. the employer's tax code ------------------------------------------------------------------


@pytest.mark.parametrize("tax_code", ["0109876543", "010345678", "0103456789-000", "01034S6789"])
def test_a_bad_tax_code_is_exit_2_with_no_folder(workdir: Path, tax_code: str) -> None:
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'tax_code = "0103456789"', f'tax_code = "{tax_code}"'
        ),
        encoding="utf-8",
    )
    code, _, err = invoke(
        "prepare", workdir / "ds-2026.xlsx", "--out", workdir / "out", "--date", IN_2026
    )
    assert code == 2
    assert "tax_code" in err and "unit.toml" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2
    assert not (workdir / "out").exists()


def test_a_branch_tax_code_is_printed_with_its_dash(workdir: Path) -> None:
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'tax_code = "0103456789"', 'tax_code = "0103456789001"'
        ),
        encoding="utf-8",
    )
    assert load_unit(config).employer.tax_code == "0103456789-001"
    code, _, _ = invoke(
        "prepare",
        workdir / "ds-2026.xlsx",
        "--out",
        workdir / "out",
        "--date",
        IN_2026,
        "--jobs",
        1,
    )
    assert code == 0
    text = " ".join(pdf_text(workdir / "out" / "cong-van.pdf").split())
    assert "mã số thuế: 0103456789-001" in text


def test_every_shipped_config_has_a_valid_tax_code() -> None:
    from stdnum.vn import mst

    unit = load_unit(EXAMPLES / "unit.toml")
    assert mst.is_valid(unit.employer.tax_code)
    for path in FIXTURES.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for value in re.findall(r'tax_code\s*=\s*"([^"]*)"', text):
            assert mst.is_valid(value), (path, value)


def test_the_config_error_is_a_vssid_error(tmp_path: Path) -> None:
    config = tmp_path / "unit.toml"
    shutil.copy(EXAMPLES / "unit.toml", config)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'tax_code = "0103456789"', 'tax_code = "0103456788"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(VssidError) as error:
        load_unit(config)
    assert "employer.tax_code" in error.value.vi and "chữ số kiểm tra" in error.value.vi
    assert "check digit" in error.value.en


def test_a_wrong_id_before_the_switch_still_leaves_the_code_missing(tmp_path: Path) -> None:
    row = [*AN[:5], "00109012345", AN[6]]  # 11 digits typed as text
    path = write_sheet(tmp_path / "ds.xlsx", [row])
    assert codes(check_sheet(path, as_of=BEFORE_SWITCH)) == [
        "id_number.invalid_length",
        "bhxh_code.missing",
    ]
    # After the switch the ID would have stood in: only its own error is reported.
    assert codes(check_sheet(path, as_of=IN_2026)) == ["id_number.invalid_length"]


def test_a_passport_without_a_nationality_column_asks_for_one(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "Quốc tịch"]
    row = [3, "Kim Min Jun", "03/03/1988", "Nam", "M12345678", "0901234567"]
    report = check_sheet(write_sheet(tmp_path / "ds.xlsx", [row], header), as_of=IN_2026)
    assert codes(report) == ["id_number.passport_citizen"]
    assert report.problems[0].params["nationality_column"] == "Quốc tịch"
