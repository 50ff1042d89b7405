"""``--annotate`` on an .xlsx with a huge merged range (attack pass on issue 15, item 12).

openpyxl makes one object per cell of a merge, so a sheet with A10:XFD1048576 merged (or a whole
column merged) made ``validate --annotate`` run for minutes and gigabytes, while ``validate``
itself took a second. Such a workbook is copied cell by cell like the other formats."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from vssid_batch.annotate import merged_cells
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees

from helpers import AS_OF, child_env


def _book(path: Path, merge: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for index, person in enumerate(make_employees(3)):
        sheet.append(employee_cells(person, index + 1))
    book.save(path)
    # Written into the XML: openpyxl itself would spend the minutes making the merge.
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = xml.replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % merge.encode(),
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("merge", ["A10:XFD1048576", "N1:N1048576"])
def test_annotate_with_a_huge_merge_is_quick(tmp_path: Path, merge: str) -> None:
    sheet = _book(tmp_path / "ds.xlsx", merge)
    assert merged_cells(sheet) > 1_000_000
    target = tmp_path / "marked.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vssid_batch",
            "validate",
            str(sheet),
            "--annotate",
            str(target),
            "--as-of",
            AS_OF.isoformat(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr
    marked = openpyxl.load_workbook(target, read_only=True)
    rows = list(marked.worksheets[0].iter_rows(values_only=True))
    assert rows[0][: len(HEADERS)] == tuple(HEADERS)
    assert len(rows) == 4


def test_a_usual_merge_is_counted_by_its_area(tmp_path: Path) -> None:
    assert merged_cells(_book(tmp_path / "ds.xlsx", "A10:M12")) == 39


def test_the_result_column_joins_messages_without_doubled_stops(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from vssid_batch.cli.app import app

    person = make_employees(1)[0]
    row = employee_cells(person, 1)
    row[HEADERS.index("Số điện thoại")] = "0912"
    row[HEADERS.index("Email")] = "khong-phai-email"
    sheet = tmp_path / "ds.xlsx"
    book = openpyxl.Workbook()
    page = book.active
    assert page is not None
    page.append(list(HEADERS))
    page.append(row)
    book.save(sheet)
    target = tmp_path / "marked.xlsx"
    result = CliRunner().invoke(
        app, ["validate", str(sheet), "--annotate", str(target), "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 1
    values = [
        cell
        for cell in next(
            openpyxl.load_workbook(target)
            .worksheets[0]
            .iter_rows(min_row=2, max_row=2, values_only=True)
        )
        if isinstance(cell, str)
    ]
    summary = next(value for value in values if value.startswith("2 lỗi"))
    assert "; " in summary and ".;" not in summary
