"""Phone cells as clerks fill them (attack pass on issue 10, item 8): the same mobile typed twice
is no choice to make, and "&" separates two numbers like ";" does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.rules import phone
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees, write_sheet

from helpers import AS_OF

MOBILE = "0912345678"
# One mobile as clerks write it: plain, dotted, in groups, international.
WRITTEN = (MOBILE, "0912.345.678", "0912 345 678", "+84912345678")


@given(
    st.sampled_from(WRITTEN),
    st.sampled_from(WRITTEN),
    st.sampled_from([", ", "; ", " / ", " - ", "\n", " & ", " hoặc "]),
)
def test_one_mobile_written_twice_is_that_mobile(first: str, second: str, between: str) -> None:
    chosen = phone.choose_mobile(first + between + second)
    assert chosen is not None and chosen[0] == first
    assert chosen[1] == []


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("0912345678, 0912345678", None),
        ("0912345678 & 0987654321", "phone.several_numbers"),
        ("0912345678 & 024 3555 0123", "phone.other_number_ignored"),
    ],
)
def test_through_validate(tmp_path: Path, cell: str, code: str | None) -> None:
    person = make_employees(1)[0]
    row = employee_cells(person, 1)
    row[HEADERS.index("Số điện thoại")] = cell
    sheet = tmp_path / "ds.xlsx"
    write_sheet(sheet, [row])
    result = CliRunner().invoke(
        app, ["validate", str(sheet), "--format", "json", "--as-of", AS_OF.isoformat()]
    )
    codes = [p["code"] for p in json.loads(result.stdout)["problems"] if p["field"] == "phone"]
    assert codes == ([] if code is None else [code])
