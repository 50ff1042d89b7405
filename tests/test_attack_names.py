"""Names pasted from a web page or Word (attack pass on issues 10 and 15): a zero-width space, a
word joiner, a soft hyphen or a BOM inside the name used to be an invalid character shown as
“” (nothing visible to fix); it is removed with a warning naming the cell, and the name on the
list is the name without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees, write_sheet

from helpers import AS_OF, EXAMPLES


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\u00ad", "\ufeff", "\u200d"])
def test_an_invisible_character_in_a_name_is_removed(tmp_path: Path, invisible: str) -> None:
    person = make_employees(1)[0]
    row = employee_cells(person, 1)
    column = HEADERS.index("Họ và tên")
    first, rest = person.full_name.split(" ", 1)
    row[column] = f"{first}{invisible} {rest}{invisible}"
    sheet = tmp_path / "ds.xlsx"
    write_sheet(sheet, [row])
    runner = CliRunner()
    result = runner.invoke(
        app, ["validate", str(sheet), "--format", "json", "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.stdout
    problems = json.loads(result.stdout)["problems"]
    assert [p["code"] for p in problems] == ["full_name.control_characters"]
    assert f"U+{ord(invisible):04X}" in problems[0]["message"]
    made = runner.invoke(
        app,
        [
            "prepare",
            str(sheet),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "1",
            "--config",
            str(EXAMPLES / "unit.toml"),
            "--date",
            AS_OF.isoformat(),
        ],
    )
    assert made.exit_code == 0, made.stderr
    listing = (tmp_path / "out" / "danh-sach.csv").read_text(encoding="utf-8-sig")
    assert f",{person.full_name}," in listing
