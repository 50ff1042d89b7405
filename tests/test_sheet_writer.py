"""sheet/writer.py: every .xlsx and .csv the project writes — formula-safe, and the same bytes for
the same input (the template and the annotated copy too, which once carried the clock)."""

from __future__ import annotations

import csv
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.models import Employee
from vssid_batch.sheet.writer import (
    FORMULA_TRIGGERS,
    NO_DATE,
    csv_text,
    save_xlsx,
    set_value,
    write_csv,
)
from vssid_batch.synthetic import HEADERS

from helpers import AS_OF, EXAMPLES, cells


def _run(*args: object) -> int:
    return CliRunner().invoke(app, [str(a) for a in args]).exit_code


def test_template_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert _run("template", first) == 0
    assert _run("template", second) == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"1980-01-01T00:00:00Z" in archive.read("docProps/core.xml")


@pytest.mark.parametrize("source", ["employees-with-errors.xlsx", "danh-sach-bhxh.xlsx"])
def test_annotated_copy_is_the_same_bytes_every_time(tmp_path: Path, source: str) -> None:
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        out = tmp_path / name
        _run("validate", EXAMPLES / source, "--annotate", out, "--as-of", AS_OF.isoformat())
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_annotated_copy_of_a_csv_is_the_same_bytes_every_time(
    tmp_path: Path, people: list[Employee]
) -> None:
    rows = cells(people)
    rows[0][HEADERS.index("Họ và tên")] = '=HYPERLINK("x")'
    sheet = tmp_path / "ds.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([HEADERS, *rows])
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        _run("validate", sheet, "--annotate", tmp_path / name, "--as-of", AS_OF.isoformat())
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    cell = openpyxl.load_workbook(tmp_path / "a.xlsx").active.cell(  # type: ignore[union-attr]
        row=2, column=HEADERS.index("Họ và tên") + 1
    )
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


@given(st.sampled_from(FORMULA_TRIGGERS), st.text(max_size=20))
def test_text_that_starts_like_a_formula_is_never_one(trigger: str, rest: str) -> None:
    text = trigger + rest
    assert csv_text(text) == "'" + text
    workbook = openpyxl.Workbook()
    cell = workbook.active["A1"]  # type: ignore[index]
    set_value(cell, text)
    assert cell.data_type == "s"


def test_a_workbook_saved_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        workbook = openpyxl.Workbook()
        set_value(workbook.active["A1"], "=1+1\x07")  # type: ignore[index]
        save_xlsx(workbook, tmp_path / name, datetime(2026, 11, 25))
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    cell = openpyxl.load_workbook(tmp_path / "a.xlsx").active["A1"]  # type: ignore[index]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert archive.getinfo("xl/workbook.xml").date_time == (2026, 11, 25, 0, 0, 0)
    assert NO_DATE.year == 1980  # the zip format's first moment


def test_csv_defuses_formulas_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, ["STT", "Họ và tên"], [[1, "=cmd|' /C calc'!A0"], [2, "Nguyễn Văn An"]])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["STT", "Họ và tên"], ["1", "'=cmd|' /C calc'!A0"], ["2", "Nguyễn Văn An"]]


def test_the_control_characters_are_openpyxls() -> None:
    """writer.CONTROL_CHARACTERS stands for openpyxl's own class (not imported, so that the text
    rules load no openpyxl): the two must refuse the same characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from vssid_batch.sheet.writer import CONTROL_CHARACTERS

    every = "".join(map(chr, range(0x3000)))
    assert CONTROL_CHARACTERS.findall(every) == ILLEGAL_CHARACTERS_RE.findall(every)
