"""Property tests for the layouts of issue 10: random people in a two-row header sheet with split
name columns and a birth date under "Nam" or "Nữ", some rows hidden, written with openpyxl and
read back.

For any such sheet: the visible people come back in order with their Excel rows, the name parts
joined with single spaces, the gender of the column their birth date is in and that date; the
hidden ones are listed (row, name) instead — or come back too with ``include_hidden``.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any, cast

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vssid_batch.fields import Field
from vssid_batch.sheet import open_sheet, read_sheet

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.sampled_from(
    ["Nguyễn", "Trần", "Lê", "Văn", "Thị", "Thu", "Ngọc", "An", "Mai", "Bình", "Hoa", "Đức", "Ánh"]
)
name_parts = st.lists(words, min_size=1, max_size=3).map(" ".join)
people = st.lists(
    st.tuples(
        name_parts,
        words,
        st.booleans(),
        st.dates(datetime.date(1960, 1, 1), datetime.date(2005, 12, 31)),
        st.booleans(),
        st.sampled_from(["  ", "", " "]),
    ),
    min_size=1,
    max_size=10,
)


@SETTINGS
@given(rows=people, titles=st.integers(0, 3), include_hidden=st.booleans())
def test_split_names_nam_nu_dates_and_hidden_rows(
    rows: list[tuple[str, str, bool, datetime.date, bool, str]], titles: int, include_hidden: bool
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for i in range(titles):
        sheet.cell(row=i + 1, column=1, value=f"TIÊU ĐỀ {i + 1}")
    top = titles + 1
    for column, text in enumerate(
        ["STT", "Họ và tên", None, "Ngày sinh", None, "Mã số BHXH", "Số CCCD", "Số điện thoại"],
        start=1,
    ):
        if text:
            sheet.cell(row=top, column=column, value=text)
    for column, text in ((2, "Họ đệm"), (3, "Tên"), (4, "Nam"), (5, "Nữ")):
        sheet.cell(row=top + 1, column=column, value=text)
    for merged in ("B{0}:C{0}", "D{0}:E{0}", "A{0}:A{1}", "F{0}:F{1}", "G{0}:G{1}", "H{0}:H{1}"):
        sheet.merge_cells(merged.format(top, top + 1))
    expected = []
    hidden = []
    for index, (surname, given_name, male, birth, is_hidden, pad) in enumerate(rows):
        number = top + 2 + index
        values = [
            index + 1,
            pad + surname + pad,
            given_name + pad,
            None,
            None,
            f"{index:010d}",
            f"0010{index:08d}",
            f"09{index:08d}",
        ]
        values[3 if male else 4] = birth
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=cast(Any, value))  # any cell value
        person = (number, f"{surname} {given_name}", "Nam" if male else "Nữ", birth)
        if is_hidden:
            sheet.row_dimensions[number].hidden = True
            hidden.append(person)
        if include_hidden or not is_hidden:
            expected.append(person)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ds.xlsx"
        book.save(path)
        table = read_sheet(path, include_hidden=include_hidden)
        streamed = list(open_sheet(path, include_hidden=include_hidden).rows)
    assert table.header_row == top + 1
    assert [
        (r.row, r.values[Field.full_name], r.values[Field.gender], r.values[Field.birth_date])
        for r in table.rows
    ] == expected
    assert streamed == table.rows
    assert [(h.row, h.name) for h in table.hidden] == (
        [] if include_hidden else [(number, name) for number, name, _, _ in hidden]
    )
    for row in table.rows:  # the birth date's column is the one it was written in
        assert row.where is not None
        assert row.where[Field.birth_date] == (3 if row.values[Field.gender] == "Nam" else 4)
