"""Property tests: random tables under a valid header, written with openpyxl (or the csv module)
and read back.

For any table: the reader raises nothing but SheetError, every person row comes back with the
Excel row number it was written to and the values written there (integral floats as ints), and
the rows kept are exactly the people of cli.md's definition. Texts that the reader recognises as
boilerplate (totals, captions, section titles) are kept out of the random data: their handling
is pinned by the example tests in test_sheet_rows.py.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime
import io
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from test_sheet_builders import AN, HEADER, write_xlsx

from vssid_batch.fields import Field, field_for_header
from vssid_batch.sheet import SheetError, open_sheet, read_sheet
from vssid_batch.sheet import packed as packed_module
from vssid_batch.sheet.rows import text_kind

COLUMNS = [field_for_header(h) for h in HEADER]  # None for STT
IDENTITY = (Field.birth_date, Field.bhxh_code, Field.id_number, Field.phone)
NUMBER_TOKEN = re.compile(r"^\s*[(\[]?\s*(\d{1,3}|[A-Za-z])\s*[)\]]?\s*$")

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _plain_text(text: str) -> bool:
    """Text that is data: not boilerplate, not a column number, storable in xlsx unchanged."""
    return (
        not text.isspace()
        and not text.startswith("=")  # openpyxl would store a formula
        and text not in ERROR_CODES  # … or an error value
        and ILLEGAL_CHARACTERS_RE.search(text) is None
        and "\r" not in text
        and NUMBER_TOKEN.match(text) is None
        and text_kind(text) is None
    )


texts = st.one_of(
    st.text(min_size=1, max_size=30).filter(_plain_text),
    st.sampled_from(
        [
            "Nguyễn Văn An",
            "Trần Thị Bình",
            " Lê Văn Cường ",
            "0100000001",
            "001090000001",
            "0900000001",
            "02/01/1990",
            "Nam",
            "Nữ",
            "x" * 1200,
        ]
    ),
)
cells = st.one_of(
    st.none(),
    texts,
    st.integers(-(10**15), 10**15).filter(lambda n: not 0 <= n < 1000),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(
        lambda x: not (x.is_integer() and 0 <= x < 1000) and abs(x) < 1e15
    ),
    st.booleans(),
    st.dates(datetime.date(1900, 3, 1), datetime.date(2099, 12, 31)),
    st.datetimes(datetime.datetime(1900, 3, 1), datetime.datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
)
tables = st.lists(st.lists(cells, min_size=0, max_size=len(HEADER)), max_size=12)


def expected_value(value: object) -> object:
    """What comes back from a cell written by openpyxl: it stores floats with 16 significant
    digits, as Excel does, and calamine reads a datetime at midnight as a date."""
    if isinstance(value, float):
        value = float(f"{value:.16g}")
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date()
    return value


def expected_values(row: list[object]) -> dict[Field, object]:
    values: dict[Field, object] = {}
    for f, value in zip(COLUMNS, row, strict=False):
        if f is not None and value is not None and value != "":
            values[f] = expected_value(value)
    return values


def is_person(values: dict[Field, object]) -> bool:
    """cli.md, literally: a name, or at least two of the identity fields filled."""
    name = values.get(Field.full_name)
    has_name = isinstance(name, str) and any(ch.isalpha() for ch in name)
    filled = sum(
        1
        for f in IDENTITY
        if f in values and not (isinstance(values[f], str) and str(values[f]).isspace())
    )
    return has_name or filled >= 2


@SETTINGS
@given(body=tables, titles=st.integers(0, 3), top=st.integers(1, 5), left=st.integers(1, 4))
def test_random_xlsx_tables(body: list[list[object]], titles: int, top: int, left: int) -> None:
    title_rows: list[list[object]] = [["DANH SÁCH NGƯỜI LAO ĐỘNG"], [], ["Đơn vị: Thử nghiệm"]]
    rows = [*title_rows[:titles], HEADER, *body]
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "ds.xlsx", rows, top=top, left=left)
        try:
            table = read_sheet(path)
        except SheetError:
            raise AssertionError("a valid header must be read") from None
    header_row = top + titles
    assert table.header_row == header_row
    assert table.column_index[Field.full_name] == left  # column left + 1, 0-based
    expected = {
        header_row + 1 + i: expected_values(row)
        for i, row in enumerate(body)
        if is_person(expected_values(row))
    }
    assert {r.row: r.values for r in table.rows} == expected
    assert [r.row for r in table.rows] == sorted(expected)


csv_texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"),
    max_size=20,
).filter(lambda t: NUMBER_TOKEN.match(t) is None and text_kind(t) is None)


@SETTINGS
@given(
    body=st.lists(st.lists(csv_texts, max_size=len(HEADER)), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
)
def test_random_csv_tables(body: list[list[str]], delimiter: str, bom: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(HEADER)
    line = 2
    starts = []
    for row in body:
        starts.append(line)
        before = buffer.tell()
        writer.writerow(row)
        line += buffer.getvalue()[before:].count("\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ds.csv"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode())
        table = read_sheet(path)
    expected = {
        start: expected_values(list(row))
        for start, row in zip(starts, body, strict=True)
        if is_person(expected_values(list(row)))
    }
    assert (table.header_row, table.typed) == (1, False)
    assert {r.row: r.values for r in table.rows} == expected


def assert_streams_like_read_sheet(
    path: Path, header_row: int | None = None, require_people: bool = False
) -> None:
    """``open_sheet`` yields exactly ``read_sheet``'s rows — values, their order, row numbers —
    or raises the same error."""
    try:
        table = read_sheet(path, header_row=header_row, require_people=require_people)
    except SheetError as error:
        with pytest.raises(SheetError) as caught:
            open_sheet(path, header_row=header_row, require_people=require_people)
        assert (caught.value.code, caught.value.params) == (error.code, error.params)
        return
    opened = open_sheet(path, header_row=header_row, require_people=require_people)
    assert opened.table == dataclasses.replace(table, rows=[])
    streamed = list(opened.rows)
    assert streamed == table.rows
    assert [list(r.values.items()) for r in streamed] == [
        list(r.values.items()) for r in table.rows
    ]


@SETTINGS
@given(
    body=tables,
    titles=st.integers(0, 3),
    top=st.integers(1, 5),
    left=st.integers(1, 4),
    header_row=st.one_of(st.none(), st.integers(1, 9)),
    require_people=st.booleans(),
    chunk=st.integers(1, 5),
)
def test_open_sheet_streams_the_rows_of_read_sheet(
    body: list[list[object]],
    titles: int,
    top: int,
    left: int,
    header_row: int | None,
    require_people: bool,
    chunk: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(packed_module, "CHUNK_ROWS", chunk)  # rows packed a few at a time
    title_rows: list[list[object]] = [["DANH SÁCH NGƯỜI LAO ĐỘNG"], [], ["Đơn vị: Thử nghiệm"]]
    rows = [*title_rows[:titles], HEADER, *body]
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "ds.xlsx", rows, top=top, left=left)
        assert_streams_like_read_sheet(path, header_row=header_row, require_people=require_people)


@SETTINGS
@given(
    body=st.lists(st.lists(csv_texts, max_size=len(HEADER)), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    header_row=st.one_of(st.none(), st.integers(1, 4)),
)
def test_open_sheet_streams_the_rows_of_read_sheet_csv(
    body: list[list[str]], delimiter: str, header_row: int | None
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([HEADER, *body])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ds.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        assert_streams_like_read_sheet(path, header_row=header_row)


@SETTINGS
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv", ".txt", ""]),
)
def test_random_bytes_only_ever_raise_sheet_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ds{suffix}"
        path.write_bytes(data)
        try:
            read_sheet(path)
        except SheetError as error:
            assert error.message("en") and "\n" not in str(error)


def _good_xlsx() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_xlsx(Path(folder) / "ds.xlsx", [HEADER, AN, AN]).read_bytes()


GOOD_XLSX = _good_xlsx()


@SETTINGS
@given(
    cut=st.integers(0, len(GOOD_XLSX)),
    flips=st.lists(st.tuples(st.integers(0, len(GOOD_XLSX) - 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_xlsx_only_ever_raises_sheet_error(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(GOOD_XLSX)
    for index, byte in flips:
        data[index] = byte
    data = data[: max(cut, 1)] if cut < len(GOOD_XLSX) else data
    assume(bytes(data) != GOOD_XLSX)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ds.xlsx"
        path.write_bytes(bytes(data))
        with contextlib.suppress(SheetError):
            read_sheet(path)


@SETTINGS
@given(
    member=st.sampled_from(
        [
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/sharedStrings.xml",
            "xl/styles.xml",
            "[Content_Types].xml",
        ]
    ),
    garbage=st.binary(max_size=300),
)
def test_garbage_inside_the_zip_only_ever_raises_sheet_error(member: str, garbage: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = io.BytesIO(GOOD_XLSX)
        path = Path(folder) / "ds.xlsx"
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
            for item in old.infolist():
                new.writestr(item, garbage if item.filename == member else old.read(item))
        with contextlib.suppress(SheetError):
            read_sheet(path)


def test_openpyxl_round_trip_assumptions(tmp_path: Path) -> None:
    """What the properties rely on: openpyxl and calamine agree on these cell types."""
    path = tmp_path / "probe.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            1.0,
            2**52 + 1,
            datetime.datetime(2000, 1, 1),
            datetime.datetime(2000, 1, 1, 8),
            " a ",
            0.1 + 0.2,
        ]
    )
    book.save(path)
    from python_calamine import CalamineWorkbook

    assert CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python() == [
        [
            1.0,
            float(2**52 + 1),
            datetime.date(2000, 1, 1),
            datetime.datetime(2000, 1, 1, 8),
            " a ",
            0.3,
        ]
    ]
