"""Issue 10, item 1: every leading zero Excel dropped comes back, only when the result is valid.

Hà Nội CCCDs start 001 and lose two zeros in a number cell (001090123456 → 1090123456); the same
holds in .ods, and in CSV and UTF-16 text exports, which carry no types.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vssid_batch.api import check_sheet
from vssid_batch.cli.app import app
from vssid_batch.models import Gender, Report, Severity
from vssid_batch.rules import cccd

from helpers import write_rows

AS_OF = date(2026, 1, 15)
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "Số điện thoại"]
# Hà Nội (001), Hà Giang (002), Cao Bằng (004), Bắc Kạn (006), Tuyên Quang (008): two zeros lost.
HANOI = [
    ["Nguyễn Văn An", "02/01/1990", "Nam", "001090123456"],
    ["Trần Thị Bình", "15/06/1992", "Nữ", "002192004321"],
    ["Lê Văn Cường", "01/09/1985", "Nam", "004085000777"],
    ["Phạm Thị Dung", "20/11/2001", "Nữ", "006301123123"],
    ["Hoàng Văn Em", "05/05/1979", "Nam", "008079555666"],
]
CODES = ["0112345678", "0012345679", "0112345680", "0112345681", "0112345682"]
PHONES = ["0912345678", "0987654321", "0351234567", "0701234567", "0861234567"]


def number_rows() -> list[list[object]]:
    """The rows as Excel keeps them in number columns: no leading zeros."""
    return [
        [i + 1, name, born, sex, int(code), int(number), int(phone)]
        for i, ((name, born, sex, number), code, phone) in enumerate(
            zip(HANOI, CODES, PHONES, strict=True)
        )
    ]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    return write_rows(path, HEADER, rows)


def restored(report: Report) -> list[tuple[str, str, str]]:
    return [
        (p.code, p.params["zeros"], p.params["cell"])
        for p in report.problems
        if p.code.endswith("leading_zero_restored")
    ]


def assert_all_back(report: Report) -> None:
    assert not report.has_errors, [p.code for p in report.problems]
    assert [e.id_number for e in report.employees] == [row[3] for row in HANOI]
    assert [e.bhxh_code for e in report.employees] == CODES
    assert [e.phone for e in report.employees] == PHONES


def test_hanoi_number_cells_in_xlsx(tmp_path: Path) -> None:
    report = check_sheet(write_xlsx(tmp_path / "ds.xlsx", number_rows()), as_of=AS_OF)
    assert_all_back(report)
    first = [r for r in restored(report) if r[2].endswith("2")]
    assert first == [
        ("bhxh_code.leading_zero_restored", "1", "E2"),
        ("id_number.leading_zero_restored", "2", "F2"),
        ("phone.leading_zero_restored", "1", "G2"),
    ]
    assert ("bhxh_code.leading_zero_restored", "2", "E3") in restored(report)
    assert all(p.severity is Severity.warning for p in report.problems)


def test_hanoi_number_cells_in_ods(tmp_path: Path) -> None:
    path = tmp_path / "ds.ods"
    frame = pd.DataFrame(number_rows(), columns=HEADER)
    with pd.ExcelWriter(path, engine="odf") as writer:
        frame.to_excel(writer, sheet_name="DS", index=False)
    assert_all_back(check_sheet(path, as_of=AS_OF))


def test_hanoi_numbers_in_csv(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    lines = [",".join(HEADER)] + [",".join(str(v) for v in row) for row in number_rows()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert_all_back(check_sheet(path, as_of=AS_OF))


def test_hanoi_numbers_in_utf16_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "ds.txt"
    lines = ["\t".join(HEADER)] + ["\t".join(str(v) for v in row) for row in number_rows()]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    assert_all_back(check_sheet(path, as_of=AS_OF))


def test_the_warning_says_how_many_zeros_and_where_and_how_to_fix(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", number_rows()[:1])
    result = CliRunner().invoke(
        app, ["validate", str(path), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert result.exit_code == 0
    problems = json.loads(result.stdout)["problems"]
    id_problem = next(p for p in problems if p["field"] == "id_number")
    assert "F2" in id_problem["message"] and "2 số 0" in id_problem["message"]
    assert "001090123456" not in id_problem["message"]  # masked
    assert "Text" in id_problem["hint"] and "Excel" in id_problem["hint"]


def test_text_cells_are_never_padded(tmp_path: Path) -> None:
    rows = [[1, *HANOI[0][:3], "112345678", "1090123456", "912345678"]]
    report = check_sheet(write_xlsx(tmp_path / "ds.xlsx", rows), as_of=AS_OF)
    assert [p.code for p in report.problems] == [
        "bhxh_code.invalid_length",
        "id_number.invalid_length",
        "phone.invalid_length",
    ]


def test_a_padding_that_contradicts_the_row_is_not_made(tmp_path: Path) -> None:
    # 001090123456 is a man born in 1990: for a woman, or one born in 1991, no zeros come back.
    rows = [
        [1, "Nguyễn Thị An", "02/01/1990", "Nữ", None, 1090123456, "0912345678"],
        [2, "Nguyễn Văn An", "02/01/1991", "Nam", None, 1090123457, "0912345679"],
    ]
    report = check_sheet(write_xlsx(tmp_path / "ds.xlsx", rows), as_of=AS_OF)
    assert [p.code for p in report.problems] == ["id_number.invalid_length"] * 2


def test_an_unknown_province_is_not_padded(tmp_path: Path) -> None:
    rows = [[1, "Nguyễn Văn An", "02/01/1990", "Nam", None, 3090123456, "0912345678"]]
    report = check_sheet(write_xlsx(tmp_path / "ds.xlsx", rows), as_of=AS_OF)
    assert [p.code for p in report.problems] == ["id_number.invalid_length"]


def test_a_cmnd_gets_its_zero_back_and_the_cmnd_warning(tmp_path: Path) -> None:
    rows = [[1, "Nguyễn Văn An", "02/01/1990", "Nam", "0112345678", 12345678, "0912345678"]]
    report = check_sheet(write_xlsx(tmp_path / "ds.xlsx", rows), as_of=AS_OF)
    assert [p.code for p in report.problems] == [
        "id_number.leading_zero_restored",
        "id_number.cmnd_no_longer_valid",
    ]
    assert report.employees[0].id_number == "012345678"


def test_too_many_lost_zeros_in_a_bhxh_code_are_not_guessed(tmp_path: Path) -> None:
    rows = [[1, "Nguyễn Văn An", "02/01/1990", "Nam", 1234567, "001090123456", "0912345678"]]
    report = check_sheet(write_xlsx(tmp_path / "ds.xlsx", rows), as_of=AS_OF)
    assert [p.code for p in report.problems] == ["bhxh_code.invalid_length"]


def test_ambiguous_paddings_prefer_the_one_the_row_confirms() -> None:
    from vssid_batch.rules.leading_zeros import Target, restore

    def cccd_agrees(number: str) -> bool:
        return cccd.sex(number) is Gender.male and cccd.birth_year(number) == 1990

    cmnd9 = Target(9, lambda n: True)
    cccd12 = Target(12, lambda n: True, agrees=cccd_agrees)
    # 10 digits: only the CCCD is long enough.
    assert restore("1090123456", [cmnd9, cccd12]) == "001090123456"
    # 8 digits could be either when both are valid: the CCCD here does not agree, the CMND
    # carries nothing to agree with, so nothing is guessed …
    assert restore("12345678", [cmnd9, cccd12]) is None
    # … unless one of them is confirmed by the row.
    assert (
        restore(
            "90123456", [cmnd9, Target(12, lambda n: True, agrees=lambda n: n == "000090123456")]
        )
        == "000090123456"
    )


# -- hypothesis: a valid ID stripped of its zeros and stored as a number comes back exactly ------

PROVINCE_CODES = st.sampled_from(
    ["001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "079"]
)


@st.composite
def people(draw: st.DrawFn) -> tuple[str, int, Gender]:
    province = draw(PROVINCE_CODES)
    year = draw(st.integers(1950, 2007))
    gender = draw(st.sampled_from([Gender.male, Gender.female]))
    tail = draw(st.integers(0, 999_999))
    number = f"{province}{cccd.century_sex_digit(year, gender)}{year % 100:02d}{tail:06d}"
    return number, year, gender


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(person=people(), as_text=st.booleans())
def test_padding_property(tmp_path: Path, person: tuple[str, int, Gender], as_text: bool) -> None:
    number, year, gender = person
    stripped = number.lstrip("0")
    cell: object = stripped if as_text else int(stripped)
    rows = [[1, "Nguyễn An", f"01/01/{year}", gender.value, "0112345678", cell, "0912345678"]]
    report = check_sheet(write_xlsx(tmp_path / "p.xlsx", rows), as_of=AS_OF)
    if stripped == number:  # nothing was lost
        assert report.employees[0].id_number == number
    elif as_text:  # a text cell is never padded
        assert report.employees == []
        assert [p.code for p in report.problems] == ["id_number.invalid_length"]
    else:
        assert report.employees[0].id_number == number
        (problem,) = report.problems
        assert problem.params["zeros"] == str(len(number) - len(stripped))


def test_restored_numbers_are_what_the_forms_and_the_list_carry(tmp_path: Path) -> None:
    import csv
    import shutil

    from pypdf import PdfReader

    from helpers import EXAMPLES

    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    path = write_xlsx(tmp_path / "ds.xlsx", number_rows()[:2])
    result = CliRunner().invoke(
        app,
        [
            "prepare",
            str(path),
            "--out",
            str(tmp_path / "out"),
            "--date",
            AS_OF.isoformat(),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    with (tmp_path / "out" / "danh-sach.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Mã số BHXH"], r["Số CCCD/CMND"]) for r in rows] == [
        (CODES[0], HANOI[0][3]),
        (CODES[1], HANOI[1][3]),
    ]
    text = PdfReader(tmp_path / "out" / "in-tat-ca-to-khai.pdf").pages[0].extract_text()
    assert HANOI[0][3] in text and CODES[0] in text and "0912 345 678" in text


def test_hanoi_number_cell_in_an_old_xls() -> None:
    """tests/fixtures/sheet/people.xls (xlwt): row 5's CCCD 001090000001 is a number cell."""
    path = Path(__file__).resolve().parent / "fixtures" / "sheet" / "people.xls"
    report = check_sheet(path, as_of=AS_OF)
    assert not report.has_errors
    assert ("id_number.leading_zero_restored", "2", "F5") in restored(report)
    assert [e.id_number for e in report.employees] == ["001090000001", "001191000002"]


def test_a_short_number_is_not_made_a_cmnd_by_many_zeros(tmp_path: Path) -> None:
    """A CMND starts with its two-digit province code: at most one zero can have been lost, so
    12345 is a too-short number, not the CMND 000012345."""
    rows = number_rows()
    rows[0][5] = 12345
    rows[1][5] = 12345678  # one zero lost: the CMND 012345678
    report = check_sheet(write_xlsx(tmp_path / "short.xlsx", rows), as_of=AS_OF)
    first = [p.code for p in report.people[0].problems]
    assert "id_number.invalid_length" in first
    assert "id_number.leading_zero_restored" not in first
    assert report.people[1].employee is not None
    assert report.people[1].employee.id_number == "012345678"


# -- numbers Excel saved in scientific notation ------------------------------------------------


def test_scientific_notation_in_a_csv_is_named_not_called_a_wrong_character(
    tmp_path: Path,
) -> None:
    """A CSV saved by Excel from a General column: 12-digit IDs as "1.09012E+11" (six digits
    kept), mobiles as "9.12346E+08". Nothing can be restored; the hint says how to fix it."""
    path = tmp_path / "ds.csv"
    path.write_text(
        "Họ và tên,Ngày sinh,Giới tính,Mã số BHXH,Số CCCD,Số điện thoại\n"
        "Nguyễn Văn An,02/01/1990,Nam,0112345678,1.09012E+11,9.12346E+08\n"
        "Trần Thị Mai,03/04/1991,Nữ,1.12346E+09,001191123456,0912345679\n",
        encoding="utf-8-sig",
    )
    for lang, words in (("vi", "dạng khoa học"), ("en", "scientific notation")):
        args = ["validate", str(path), "--as-of", "2026-01-15", "--format", "json"]
        result = CliRunner().invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 1, result.output
        problems = json.loads(result.stdout)["problems"]
        found = {(p["row"], p["code"]) for p in problems}
        assert found == {
            (2, "id_number.scientific_notation"),
            (2, "phone.scientific_notation"),
            (3, "bhxh_code.scientific_notation"),
        }
        assert all(words in p["message"] for p in problems)
        assert all("Text" in p["hint"] for p in problems)
