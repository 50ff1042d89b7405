"""``--map FIELD=LETTER`` past the sheet's last column (attack pass on issue 10, item 6): a typo
like ``--map phone=Z`` on a sheet that ends at J used to read an empty column and report every
person's phone as missing (exit 1); it is the same exit-2 line as a header that is not there. A
column without a header that holds data is still taken by its letter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees

from helpers import AS_OF, write_rows

PHONE = HEADERS.index("Số điện thoại")


def _sheet(tmp_path: Path) -> Path:
    """The phone column has no header text ("" above it)."""
    header = [*HEADERS]
    header[PHONE] = ""
    rows = [employee_cells(p, i + 1) for i, p in enumerate(make_employees(2))]
    return write_rows(tmp_path / "ds.xlsx", header, rows)


def _validate(sheet: Path, *maps: str) -> tuple[int, str, str]:
    args = [arg for item in maps for arg in ("--map", item)]
    result = CliRunner().invoke(
        app, ["validate", str(sheet), "--format", "json", *args, "--as-of", AS_OF.isoformat()]
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("wanted", ["Z", "AA", "B+Z", "XFD"])
def test_a_letter_past_the_last_column_is_exit_2(tmp_path: Path, wanted: str) -> None:
    code, stdout, stderr = _validate(_sheet(tmp_path), "phone=J", f"email={wanted}")
    assert code == 2, stdout
    assert f"'{wanted}'" in stderr and "--map email" in stderr
    assert "Traceback" not in stderr


def test_a_column_without_header_is_taken_by_its_letter(tmp_path: Path) -> None:
    letter = chr(ord("A") + PHONE)
    code, stdout, stderr = _validate(_sheet(tmp_path), f"phone={letter}")
    assert code == 0, stderr
    assert json.loads(stdout)["summary"]["valid"] == 2
