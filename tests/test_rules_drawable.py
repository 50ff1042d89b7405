"""Names and printed values the form's font cannot draw (issue 15 item 7)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vssid_batch.api import check_sheet
from vssid_batch.cli.app import app
from vssid_batch.models import Employee, Severity
from vssid_batch.rules import drawable
from vssid_batch.rules.drawable import FORM_FONT_COVERAGE
from vssid_batch.rules.errors import RuleError
from vssid_batch.synthetic import HEADERS

from helpers import AS_OF, cells

SheetOf = Callable[[list[list[object]]], Path]

COL = {h: i for i, h in enumerate(HEADERS)}
BLANK_ON_THE_FORM = ["王小明", "สมชาย", "김민준", "محمد", "नरेन्द्र"]
FILLERS = ["\u3164", "\u115f", "\uffa0"]


@pytest.mark.parametrize("name", BLANK_ON_THE_FORM)
def test_scripts_the_font_lacks_are_errors_naming_the_characters(
    sheet_of: SheetOf, people: list[Employee], name: str
) -> None:
    rows = cells(people)
    rows[0][COL["Họ và tên"]] = f"Nguyễn {name}"
    report = check_sheet(sheet_of(rows), as_of=AS_OF)
    (problem,) = report.people[0].problems
    assert problem.code == "full_name.undrawable" and problem.is_error
    assert problem.params["chars"] == "".join(dict.fromkeys(unicodedata.normalize("NFC", name)))[:5]
    assert problem.params["codepoints"].startswith(f"U+{ord(name[0]):04X}")
    assert report.people[0].employee is None


@pytest.mark.parametrize("filler", FILLERS)
def test_invisible_hangul_fillers_are_refused(
    sheet_of: SheetOf, people: list[Employee], filler: str
) -> None:
    rows = cells(people)
    rows[0][COL["Họ và tên"]] = filler * 3
    rows[1][COL["Họ và tên"]] = f"Lê{filler}Văn An"
    report = check_sheet(sheet_of(rows), as_of=AS_OF)
    assert [p.code for p in report.people[0].problems] == ["full_name.undrawable"]
    assert [p.code for p in report.people[1].problems] == ["full_name.undrawable"]
    assert report.people[1].problems[0].params["codepoints"] == f"U+{ord(filler):04X}"


def test_a_name_of_marks_only_has_no_visible_letter() -> None:
    with pytest.raises(RuleError) as caught:
        drawable.validate("\u0301\u0300", FORM_FONT_COVERAGE)
    assert caught.value.code == "no_visible_letter"


def test_latin_letters_beyond_vietnamese_still_pass(
    sheet_of: SheetOf, people: list[Employee]
) -> None:
    rows = cells(people)
    rows[0][COL["Họ và tên"]] = "Ŵilliam Ǆoković"
    report = check_sheet(sheet_of(rows), as_of=AS_OF)
    assert report.people[0].problems == []


def test_printed_values_warn(sheet_of: SheetOf, people: list[Employee]) -> None:
    rows = cells(people)
    rows[0][COL["Địa chỉ liên hệ"]] = "12 Nguyễn Trãi, 北京"
    report = check_sheet(sheet_of(rows), as_of=AS_OF)
    (problem,) = report.people[0].problems
    assert (problem.code, problem.severity) == ("address.undrawable", Severity.warning)
    assert problem.params["chars"] == "北京"
    assert report.people[0].employee is not None


def test_the_cli_names_the_characters(sheet_of: SheetOf, people: list[Employee]) -> None:
    rows = cells(people)
    rows[0][COL["Họ và tên"]] = "王小明"
    result = CliRunner().invoke(app, ["validate", str(sheet_of(rows)), "--lang", "en"])
    assert result.exit_code == 1
    assert "王小明" in result.stdout and "U+738B" in result.stdout


@given(st.text(st.characters(codec="utf-8"), max_size=12))
def test_validate_agrees_with_its_parts(text: str) -> None:
    missing = drawable.undrawable(text, FORM_FONT_COVERAGE)
    assert all(ord(c) not in FORM_FONT_COVERAGE or c in drawable.INVISIBLE_LETTERS for c in missing)
    expected = not missing and drawable.has_visible_letter(text, FORM_FONT_COVERAGE)
    assert drawable.is_valid(text, FORM_FONT_COVERAGE) is expected


def test_vietnamese_is_covered() -> None:
    from vssid_batch.documents.pdf.fonts import SEED

    assert drawable.undrawable(SEED, FORM_FONT_COVERAGE) == ""
