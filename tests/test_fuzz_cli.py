"""Fuzzing the command line: random cells under a valid header, and randomly damaged files.

Whatever the file holds, ``vssid-batch validate`` ends with exit code 0, 1 or 2 — never an
unhandled exception, never a traceback, and never the catch-all "unexpected error" (which would
be a bug hidden behind exit 2: ``VSSID_DEBUG=1`` makes the command re-raise it, so it surfaces
here as the exception it is).

Bounded (60 examples each, no deadline) to stay well under 30 seconds.
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from test_sheet_builders import AN, BINH, HEADER
from typer.testing import CliRunner, Result

from vssid_batch.cli.app import app

from helpers import AS_OF

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

texts = st.one_of(
    st.text(max_size=40),  # any Unicode, control characters included
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # only control chars
    st.sampled_from(
        [
            "Nguyễn Văn An",
            "Nguye\u0302\u0303n Va\u0306n An",
            "0100000001",
            "001090000001",
            "0900000001",
            "02/01/1990",
            "31/02/1990",
            "Nam",
            "Nữ",
            "=1+1",
            "=A1",
            "=",
            "#N/A",
            "Tổng cộng: 3 người",
            "Người lập biểu",
            "\u200b",
            " ",
            "\t\n",
            '<c r="A1"><f>1</f></c>',
        ]
    ),
    st.builds(
        lambda text, times: text * times, st.text(min_size=1, max_size=3), st.integers(300, 12_000)
    ),  # up to 36,000 chars
)
cells = st.one_of(
    st.none(),
    texts,
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),  # nan and ±inf included
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
rows = st.lists(st.lists(cells, max_size=len(HEADER) + 2), max_size=8)


def validate(path: Path, *options: str) -> Result:
    return CliRunner().invoke(
        app,
        ["validate", str(path), "--as-of", AS_OF.isoformat(), *options],
        env={"VSSID_DEBUG": "1"},
    )


def assert_handled(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), result.exit_code
    event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: is every outcome reached?
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "Unexpected error" not in output and "Lỗi không mong đợi" not in output
    if result.exit_code == 2:
        assert 1 <= len([line for line in result.stderr.splitlines() if line.strip()]) <= 2


def _storable(value: object) -> Any:
    """``value`` as openpyxl can write it: XML-illegal characters dropped (Excel cannot hold
    them either)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_random_xlsx(path: Path, table: list[list[object]], as_formula: bool) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for r, row in enumerate(table, start=2):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c)
            try:
                cell.value = _storable(value)
            except (ValueError, TypeError, OverflowError):
                cell.value = str(value)  # a value openpyxl refuses (e.g. a date before 1900)
            if isinstance(cell.value, str) and not as_formula:
                cell.data_type = "s"  # "=…" as typed text; else openpyxl writes a formula
    book.save(path)


AWKWARD = [
    1,
    "Nguyễn Văn An",
    float("nan"),
    float("inf"),
    float("-inf"),
    2**70,
    datetime.date(1, 1, 1),
    datetime.datetime(9999, 12, 31, 23, 59, 59),
    True,
    "=1/0",
    "x" * 33_000,
    "\x00\x1f",
]


@pytest.mark.slow  # hypothesis through the CLI: 3-14 s
@SETTINGS
@example(table=[AWKWARD, AWKWARD[::-1]], as_formula=False)
@example(table=[AWKWARD, ["=A1"] * 9], as_formula=True)
@given(table=rows, as_formula=st.booleans())
def test_random_cells_in_an_xlsx(table: list[list[object]], as_formula: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ds.xlsx"
        try:
            write_random_xlsx(path, table, as_formula)
        except (ValueError, TypeError, OverflowError):
            return  # openpyxl cannot save this workbook at all: not a file a clerk can have
        assert_handled(validate(path))
        assert_handled(validate(path, "--format", "json", "--lang", "en"))


@pytest.mark.slow  # hypothesis through the CLI: like the xlsx one
@SETTINGS
@given(
    table=rows,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_cells_in_a_csv(table: list[list[object]], encoding: str, delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADER)
    for row in table:
        writer.writerow(["" if v is None else v for v in row])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ds.csv"
        path.write_bytes(out.getvalue().encode(encoding, errors="replace"))
        assert_handled(validate(path))


def _valid_xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DS"
    table: list[list[Any]] = [HEADER, AN, BINH, [3, '=UPPER("an")', *AN[2:]]]
    for row in table:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


VALID_XLSX = _valid_xlsx()
MAGIC = [
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"%PDF-1.4",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"<html>",
    b'<?xml version="1.0"?>',
    b"",
]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A real workbook cut short, with bytes overwritten or inserted — or a famous magic number
    followed by junk."""
    if draw(st.booleans()):
        return draw(st.sampled_from(MAGIC)) + draw(st.binary(max_size=600))
    data = bytearray(VALID_XLSX)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data) - 1))
        if draw(st.booleans()):
            data[at] = draw(st.integers(0, 255))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    end = draw(st.integers(0, len(data)))
    return bytes(data[:end] if draw(st.booleans()) else data)


@SETTINGS
@given(data=damaged(), suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv", ".xlsm"]))
def test_damaged_files(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ds{suffix}"
        path.write_bytes(data)
        assert_handled(validate(path))
