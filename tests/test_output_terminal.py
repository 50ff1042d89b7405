"""What the terminal shows: sheet text printed as written (never Rich markup, never a control
character), and a report that stays useful for a big sheet (issue 15 items 10–11, issue 10 item 10).
"""

from __future__ import annotations

import csv
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from vssid_batch.api import check_sheet
from vssid_batch.cli.app import app
from vssid_batch.messages import Lang, known_codes, label
from vssid_batch.messages import en as en_catalogue
from vssid_batch.messages import vi as vi_catalogue
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees, write_sheet

from helpers import AS_OF, EXAMPLES

COL = {name: index for index, name in enumerate(HEADERS)}
MARKUP = ("[/b]", "[red]x[/red]", "[link=file:///etc/passwd]a[/link]", "[bold]")


def _rows(count: int, seed: int = 8) -> list[list[object]]:
    return [employee_cells(p, i + 1) for i, p in enumerate(make_employees(count, seed=seed))]


def _csv(path: Path, rows: list[list[object]]) -> Path:
    """A CSV as Excel saves one (CSV UTF-8): the only way to carry a raw ESC in a test sheet."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v for v in row])
    return path


def _terminal_unsafe(text: str) -> list[str]:
    return [c for c in text if c not in "\n" and unicodedata.category(c) in {"Cc", "Cf"}]


# -- markup and control characters (issue 15, items 10 and 11) ----------------------------------


def test_bracketed_cells_are_printed_as_written(tmp_path: Path) -> None:
    rows = _rows(5)
    rows[0][COL["Họ và tên"]] = "[/b]"
    rows[1][COL["Giới tính"]] = "[red]x[/red]"
    rows[2][COL["Email"]] = "[link=file:///etc/passwd]a[/link]"
    rows[3][COL["Ngày sinh"]] = "[bold]"
    sheet = tmp_path / "DS [T5].xlsx"
    write_sheet(sheet, rows)
    runner = CliRunner()
    validate = runner.invoke(app, ["validate", str(sheet)])
    assert validate.exit_code == 1, validate.stderr
    for text in (*MARKUP, "DS [T5].xlsx"):
        assert text in validate.stdout, text
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    refused = runner.invoke(app, ["prepare", str(sheet), "--out", str(tmp_path / "o")])
    assert refused.exit_code == 1 and "MarkupError" not in refused.stderr
    assert "[/b]" in refused.stdout and not (tmp_path / "o").exists()


def test_control_characters_are_stripped_with_a_warning_and_never_printed(tmp_path: Path) -> None:
    rows = _rows(4)
    rows[0][COL["Địa chỉ liên hệ"]] = "Số 12\x07 phố \x1b[31mHuế\u202e"
    rows[1][COL["Mã NV"]] = "NV\x9b31m01"
    rows[2][COL["Giới tính"]] = f"\x1b{rows[2][COL['Giới tính']]}\x7f"
    sheet = _csv(tmp_path / "nv\x1b[2J.csv", rows)
    report = check_sheet(sheet, as_of=AS_OF)
    codes = {(p.row, p.code) for p in report.problems}
    assert (2, "address.control_characters") in codes
    assert (3, "employee_code.control_characters") in codes
    assert (4, "gender.control_characters") in codes
    assert report.people[2].is_valid  # "Nam" or "Nữ" once the controls are gone
    address = report.employees[0].address
    assert address == "Số 12 phố [31mHuế"
    runner = CliRunner()
    for args in (
        ["validate", str(sheet)],
        ["validate", str(sheet), "--format", "json"],
        ["validate", str(sheet), "--lang", "en"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert _terminal_unsafe(result.stdout) == [], args
    json_out = runner.invoke(app, ["validate", str(sheet), "--format", "json"]).stdout
    assert "U+001B" in json_out and "\\u001b" not in json_out
    # ... and never reach the form.
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    made = runner.invoke(
        app,
        [
            "prepare",
            str(sheet),
            "--out",
            str(tmp_path / "o"),
            "--jobs",
            "1",
            "--date",
            AS_OF.isoformat(),
        ],
    )
    assert made.exit_code == 0, made.stderr
    assert _terminal_unsafe(made.stdout) == []
    form = next((tmp_path / "o" / "to-khai").glob("*.pdf"))
    text = PdfReader(form).pages[0].extract_text()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


# -- the report of a big sheet (issue 10, item 10) ----------------------------------------------


def _sheet_with(tmp_path: Path, errors: int, warnings: int) -> Path:
    """``errors`` people with a unique bad gender, ``warnings`` with a control character."""
    rows = _rows(errors + warnings + 2, seed=9)
    for index in range(errors):
        rows[index][COL["Giới tính"]] = f"X{index:03d}"
    for index in range(errors, errors + warnings):
        rows[index][COL["Nơi cấp"]] = f"Cục\x07 {index}"
    path = tmp_path / "big.csv"
    return _csv(path, rows)


def test_errors_come_first_with_column_letters_and_a_severity_header(tmp_path: Path) -> None:
    rows = _rows(4)
    rows[0][COL["Nơi cấp"]] = "Cục\x07"  # a warning on the first person
    rows[3][COL["Số CCCD"]] = "12345"  # an error on the last
    sheet = _csv(tmp_path / "nv.csv", rows)
    out = CliRunner().invoke(app, ["validate", str(sheet)]).stdout
    assert "Mức độ" in out.splitlines()[2]  # the table's header line
    assert out.index("Số CCCD/CMND có 5 chữ số") < out.index("ký tự điều khiển")
    assert "G · Số CCCD" in out and "I · Nơi cấp" in out
    summary = out[out.index("Số lần") :]
    assert "Số CCCD/CMND sai số chữ số" in summary
    assert "id_number.invalid_length" not in out
    english = CliRunner().invoke(app, ["validate", str(sheet), "--lang", "en"]).stdout
    assert "Severity" in english and "ID number of the wrong length" in english


def test_past_50_problems_the_first_50_errors_and_where_the_rest_are(tmp_path: Path) -> None:
    sheet = _sheet_with(tmp_path, errors=60, warnings=5)
    runner = CliRunner()
    out = runner.invoke(app, ["validate", str(sheet)]).stdout
    shown = set(re.findall(r"“(X\d{3})”", out))
    assert shown == {f"X{i:03d}" for i in range(50)}
    assert "ký tự điều khiển ẩn (U+0007)" not in out  # warnings come after the 60 errors
    assert "Giới tính không hợp lệ" in out and "60" in out  # the summary by problem
    for where in ("--all", "--annotate", "--format json"):
        assert where in out
    everything = runner.invoke(app, ["validate", str(sheet), "--all"]).stdout
    assert set(re.findall(r"“(X\d{3})”", everything)) == {f"X{i:03d}" for i in range(60)}
    assert everything.count("ký tự điều khiển ẩn (U+0007)") == 5
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    refused = runner.invoke(app, ["prepare", str(sheet), "--out", str(tmp_path / "o")])
    assert refused.exit_code == 1
    assert len(set(re.findall(r"“(X\d{3})”", refused.stdout))) == 50 and "--all" in refused.stdout
    small = runner.invoke(app, ["validate", str(_sheet_with(tmp_path, 3, 2))]).stdout
    assert "--all" not in small and small.count("U+0007") == 2


def test_every_list_of_people_names_row_and_name(tmp_path: Path) -> None:
    people = make_employees(4, seed=21)
    rows = [employee_cells(p, i + 1) for i, p in enumerate(people)]
    rows[3][COL["Số CCCD"]] = "12345"
    sheet = tmp_path / "nv.xlsx"
    write_sheet(sheet, rows)
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    photos = tmp_path / "anh"
    photos.mkdir()
    Image.new("RGB", (1000, 630), "red").save(photos / f"{people[0].id_number}_truoc.jpg")
    result = CliRunner().invoke(
        app,
        [
            "prepare",
            str(sheet),
            "--out",
            str(tmp_path / "o"),
            "--photos",
            str(photos),
            "--skip-invalid",
            "--jobs",
            "1",
            "--date",
            AS_OF.isoformat(),
        ],
    )
    assert result.exit_code == 0, result.stderr
    first, second, last = people[0], people[1], people[3]
    assert f"dòng {first.row} · {first.full_name}: Thiếu ảnh mặt sau" in result.stdout
    assert f"dòng {second.row} · {second.full_name}: Chưa có ảnh" in result.stdout
    assert f"dòng {last.row} · {last.full_name} — Số CCCD/CMND sai số chữ số" in result.stdout
    status = CliRunner().invoke(app, ["report", str(tmp_path / "o")]).stdout
    assert f"dòng {second.row} · {second.full_name}" in status


def test_every_code_is_named_in_words_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(vi_catalogue.LABELS) == set(en_catalogue.LABELS)
    for code in known_codes():
        for lang in Lang:
            concrete = code.replace("*", "address")
            words = label(concrete, lang)
            assert words and concrete not in words and "{" not in words, (code, lang)
    # A code with no label of its own (a new rule's) is named by its message, values elided.
    monkeypatch.setitem(vi_catalogue.PROBLEMS, "row.new_rule", ("Dòng {row} bị ẩn.", ""))
    assert label("row.new_rule") == "Dòng … bị ẩn"
    assert label("gender.missing") == "Thiếu Giới tính"
    assert label("id_number.duplicate", Lang.en) == "Duplicate ID number"


def test_paths_the_clerk_names_are_printed_as_written(tmp_path: Path) -> None:
    out = tmp_path / "[/b] mẫu 0912345678.xlsx"
    result = CliRunner().invoke(app, ["template", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "[/b] mẫu 091****678.xlsx" in result.stdout and out.is_file()
    config = CliRunner().invoke(app, ["init", str(tmp_path / "[red]unit.toml")])
    assert config.exit_code == 0 and "[red]unit.toml" in config.stdout


def test_problems_are_ordered_errors_first_then_by_row_then_left_to_right() -> None:
    from vssid_batch.cli.render import ordered_problems
    from vssid_batch.fields import Field
    from vssid_batch.models import PersonResult, Problem, Report, Severity

    def problem(row: int, field: Field | None, severity: Severity) -> Problem:
        return Problem(row=row, column=None, field=field, code="x.y", severity=severity)

    error, warning = Severity.error, Severity.warning
    report = Report(
        file="a.xlsx",
        sheet=None,
        header_row=1,
        column_index={Field.full_name: 2, Field.phone: 9, Field.id_number: 6},
        people=[
            PersonResult(
                row=5,
                full_name="A",
                problems=[
                    problem(5, Field.phone, warning),
                    problem(5, None, error),
                    problem(5, Field.phone, error),
                    problem(5, Field.id_number, error),
                ],
            ),
            PersonResult(row=6, full_name="B", problems=[problem(6, Field.full_name, error)]),
        ],
    )
    order = [(person.row, p.field, p.severity) for person, p in ordered_problems(report)]
    assert order == [
        (5, Field.id_number, error),
        (5, Field.phone, error),
        (5, None, error),
        (6, Field.full_name, error),
        (5, Field.phone, warning),
    ]
