"""Attacks on `report` by department (batch/status.by_department, text.sort_key)."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet
from test_report_departments import batch, edit_list, prepared  # noqa: F401 (fixtures)
from typer.testing import CliRunner

from vssid_batch import api
from vssid_batch.batch.status import PersonStatus, by_department
from vssid_batch.cli.app import app
from vssid_batch.text import sort_key


def _person(n: int, department: str, status: str) -> PersonStatus:
    return PersonStatus(stt=n, row=n, full_name="", status=status, department=department)


def test_spellings_of_one_status_count_together_by_department_too() -> None:
    """The status table merged "Chờ duyệt" and "chờ  duyệt"; the department table had a
    column for each spelling."""
    people = [_person(1, "Kho", "Chờ duyệt"), _person(2, "Kho", "chờ  duyệt")]
    ((row,),) = [by_department(people)]
    assert row.counts == {"Chờ duyệt": 2}


def test_odd_status_spellings_through_the_cli(batch: Path) -> None:  # noqa: F811
    edit_list(batch, {1: ("Kho", "Chờ duyệt"), 2: ("Kho", "CHỜ DUYỆT"), 3: ("Kho", "chờ duyệt ")})
    data = json.loads(CliRunner().invoke(app, ["report", str(batch), "--format", "json"]).stdout)
    (kho,) = [d for d in data["by_department"] if d["department"] == "Kho"]
    assert kho["counts"].get("Chờ duyệt") == 3 and len(kho["counts"]) <= 2


def test_a_department_that_is_a_number_is_masked_and_controls_never_print(
    batch: Path,  # noqa: F811
) -> None:
    edit_list(batch, {1: ("Tổ 0912345678\u202e", None), 2: ("Ḹab", None), 3: ("   ", None)})
    result = CliRunner().invoke(app, ["report", str(batch)], terminal_width=200)
    assert result.exit_code in (0, 1), result.output
    assert "0912345678" not in result.stdout and "\u202e" not in result.stdout
    assert "091****678" in result.stdout
    json_out = CliRunner().invoke(app, ["report", str(batch), "--format", "json"]).stdout
    assert "0912345678" not in json_out
    departments = [d["department"] for d in json.loads(json_out)["by_department"]]
    assert "   " not in departments  # whitespace only is no department
    assert departments[-1] == ""  # people without one last


def test_one_person_and_no_department() -> None:
    assert by_department([_person(1, "", "")]) == []
    ((row,),) = [by_department([_person(1, "Kho", "")])]
    assert (row.department, row.people, row.counts) == ("Kho", 1, {"": 1})


def test_ten_thousand_departments_stay_quick() -> None:
    people = [_person(n, f"Phòng {n}", ("", "Đã ký", f"lạ {n % 50}")[n % 3]) for n in range(10_000)]
    started = time.process_time()
    rows = by_department(people)
    assert len(rows) == 10_000 and sum(r.people for r in rows) == 10_000
    assert time.process_time() - started < 4


def test_a_list_whose_department_column_was_deleted(batch: Path) -> None:  # noqa: F811
    path = batch / "danh-sach.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    header = next(r for r in sheet.iter_rows() if any(c.value == "Phòng ban" for c in r))
    (column,) = [c.column for c in header if c.value == "Phòng ban"]
    sheet.delete_cols(column)
    book.save(path)
    status = api.status(batch)
    assert status.by_department == []
    result = CliRunner().invoke(app, ["report", str(batch)])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output


@given(st.text(), st.text(), st.text())
def test_sort_key_is_a_total_order_on_any_text(a: str, b: str, c: str) -> None:
    """'Ḹ' (L, dot below, macron) has no precomposed form once its tone-like dot goes: sort_key
    raised TypeError from ord(), and report crashed on such a department."""
    ka, kb, kc = sort_key(a), sort_key(b), sort_key(c)
    assert (ka == kb) == (a == b)
    if ka <= kb and kb <= kc:
        assert ka <= kc


@pytest.mark.parametrize(
    "text", ["Ḹ", "ḹa", "Ṝ", "\u0301", "a\u0301\u0301", "\ud800", "\U0010ffff"]
)
def test_sort_key_never_raises(text: str) -> None:
    assert sort_key(text)[1] == text


def test_one_department_however_it_was_typed(batch: Path) -> None:  # noqa: F811
    """NFD pasted from a Mac and a doubled space made rows that look the same in the table."""
    nfd = unicodedata.normalize("NFD", "Phòng Kế toán")
    edit_list(batch, {1: (nfd, None), 2: ("Phòng  Kế toán", None), 3: ("Phòng Kế toán", None)})
    rows = {d.department: d.people for d in api.status(batch).by_department}
    assert rows["Phòng Kế toán"] == 3 and len([r for r in rows if "Kế toán" in r]) <= 2
