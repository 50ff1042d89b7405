"""`report` by department: people per status in each "Phòng ban" of danh-sach.xlsx (pandas)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from vssid_batch import api
from vssid_batch.batch.danh_sach import LIST_STATUS_HEADER
from vssid_batch.cli.app import app

from helpers import AS_OF, EXAMPLES


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("departments")
    for name in ("employees.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, base / name)
    api.prepare(base / "employees.xlsx", out=base / "out", on=AS_OF)
    return base


@pytest.fixture
def batch(prepared: Path, tmp_path: Path) -> Path:
    shutil.copy(prepared / "employees.xlsx", tmp_path / "employees.xlsx")
    shutil.copytree(prepared / "out", tmp_path / "out")
    return tmp_path / "out"


def edit_list(folder: Path, cells: dict[int, tuple[str | None, str | None]]) -> dict[int, str]:
    """As the clerk in Excel: (department, status) typed for these STT, None leaving a cell as
    it is; returns every STT's department as the list had it before."""
    path = folder / "danh-sach.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    header = next(r for r in sheet.iter_rows() if any(c.value == LIST_STATUS_HEADER for c in r))
    column = {str(c.value): c.column for c in header if c.value}
    departments: dict[int, str] = {}
    assert header[0].row is not None
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        stt = row[column["STT"] - 1].value
        if isinstance(stt, int) and not isinstance(stt, bool):
            departments[stt] = str(row[column["Phòng ban"] - 1].value or "")
            department, status = cells.get(stt, (None, None))
            if department is not None:
                row[column["Phòng ban"] - 1].value = department
            if status is not None:
                row[column[LIST_STATUS_HEADER] - 1].value = status
    book.save(path)
    return departments


def fill_statuses(folder: Path, statuses: dict[int, str]) -> dict[int, str]:
    """Type a status for the people at these STT; their departments by STT."""
    return edit_list(folder, {stt: (None, status) for stt, status in statuses.items()})


def test_each_department_counts_its_people_by_status(batch: Path) -> None:
    departments = fill_statuses(batch, {1: "Đã ký", 2: "đã  ký", 3: "Đã nộp"})
    status = api.status(batch)
    rows = {d.department: d for d in status.by_department}
    assert set(rows) == set(departments.values()) and len(rows) > 1
    assert sum(d.people for d in status.by_department) == status.people == 25
    for name, row in rows.items():
        stts = [stt for stt, department in departments.items() if department == name]
        assert row.people == len(stts)
        signed = sum(1 for stt in stts if stt in (1, 2))
        assert row.counts.get("Đã ký", 0) == signed  # two spellings of one status count together
        assert row.counts.get("", 0) == len([s for s in stts if s not in (1, 2, 3)])
    names = [d.department for d in status.by_department]
    assert names.index("Kế toán") < names.index("Kho vận") < names.index("Kỹ thuật")


def test_the_department_table_in_the_terminal_and_in_json(batch: Path) -> None:
    fill_statuses(batch, {1: "Đã cài VssID"})
    result = CliRunner().invoke(app, ["report", str(batch)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Theo phòng ban" in text and "Kho vận" in text and "Đã cài VssID" in text
    english = CliRunner().invoke(app, ["report", str(batch), "--lang", "en"]).stdout
    assert "By department" in english and "Department" in english
    result = CliRunner().invoke(app, ["report", str(batch), "--format", "json"])
    data = json.loads(result.stdout)
    counted = {d["department"]: d["counts"] for d in data["by_department"]}
    assert sum(c.get("Đã cài VssID", 0) for c in counted.values()) == 1


def test_no_department_column_no_table(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(EXAMPLES / "employees.xlsx")
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    header = next(r for r in sheet.iter_rows() if any(c.value == "Phòng ban" for c in r))
    (column,) = [c.column for c in header if c.value == "Phòng ban"]
    sheet.delete_cols(column)
    book.save(tmp_path / "employees.xlsx")
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    api.prepare(tmp_path / "employees.xlsx", out=tmp_path / "out", on=AS_OF)
    assert api.status(tmp_path / "out").by_department == []
    result = CliRunner().invoke(app, ["report", str(tmp_path / "out")])
    assert result.exit_code == 0 and "Theo phòng ban" not in result.stdout


def test_a_pasted_paragraph_in_a_status_or_department_does_not_flood_the_report(
    batch: Path,
) -> None:
    long_status = "Đã ký nhưng " + "rất dài " * 4000
    fill_statuses(batch, {1: long_status})
    result = CliRunner().invoke(app, ["report", str(batch)], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert len(result.stdout) < 20_000 and "rất dài rất dài" in result.stdout
    assert "…" in result.stdout
    data = json.loads(CliRunner().invoke(app, ["report", str(batch), "--format", "json"]).stdout)
    assert any(len(u["value"]) > 30_000 for u in data["unknown_statuses"])  # JSON keeps it whole
