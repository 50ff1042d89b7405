"""Files as they arrive from other programs (attack pass on issues 10 and 15).

A CSV exported by a payroll program sometimes carries a stray NUL byte in one cell. It used to be
refused as "not a spreadsheet" (the format check took any NUL for a binary file); it is a
control character like the others: stripped with a warning naming the cell, the rest of the
sheet read as usual.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees

from helpers import AS_OF


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
    return path


def test_a_nul_byte_in_a_csv_cell_is_stripped_not_a_binary_file(tmp_path: Path) -> None:
    people = make_employees(3)
    rows = [employee_cells(person, index + 1) for index, person in enumerate(people)]
    address = HEADERS.index("Địa chỉ liên hệ")
    rows[1][address] = "Số 5\x00 phố Huế, Hà Nội"
    sheet = _csv(tmp_path / "ds.csv", rows)
    result = CliRunner().invoke(
        app, ["validate", str(sheet), "--format", "json", "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"]["people"] == 3
    codes = [(p["row"], p["code"]) for p in document["problems"]]
    assert codes == [(3, "address.control_characters")]


def test_a_binary_file_named_csv_is_still_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "ds.csv"
    sheet.write_bytes(b"\x00\x01\x02\xff\xfe" * 400)
    result = CliRunner().invoke(app, ["validate", str(sheet)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_csv_written_from_float_columns_gets_its_zeros_back(tmp_path: Path) -> None:
    """A CSV saved by a script or LibreOffice from number columns says "1090123456.0": the
    same lost zeros as "1090123456", restored the same way."""
    people = make_employees(2)
    rows = [employee_cells(person, index + 1) for index, person in enumerate(people)]
    for row in rows:
        for header in ("Số CCCD", "Số điện thoại"):
            column = HEADERS.index(header)
            row[column] = f"{int(str(row[column]))}.0"
    sheet = _csv(tmp_path / "ds.csv", rows)
    result = CliRunner().invoke(
        app, ["validate", str(sheet), "--format", "json", "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.stdout
    codes = sorted(p["code"] for p in json.loads(result.stdout)["problems"])
    assert codes == ["id_number.leading_zero_restored"] * 2 + ["phone.leading_zero_restored"] * 2
