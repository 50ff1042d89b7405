"""``open_sheet``: the rows of ``read_sheet``, read once and never all held at once.

The row-for-row equality on random tables is in test_sheet_hypothesis.py; here are the memory
bound, the errors (all raised by ``open_sheet`` itself, never half-way through the rows), the
signature block decided row by row, and the paths a plain sheet does not take.
"""

from __future__ import annotations

import dataclasses
import datetime
import tracemalloc
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from test_sheet_builders import AN, BINH, HEADER, write_csv, write_xlsx

from vssid_batch.api import check_sheet
from vssid_batch.check import check_table
from vssid_batch.fields import Field
from vssid_batch.sheet import SheetError, SheetStream, open_sheet, read_sheet
from vssid_batch.sheet import formulas as formulas_module
from vssid_batch.sheet import packed as packed_module
from vssid_batch.sheet import reader as reader_module
from vssid_batch.sheet import workbook as workbook_module
from vssid_batch.sheet.model import FormulaWithoutValue, SheetRow
from vssid_batch.sheet.packed import PackedRows

from helpers import AS_OF

LAST_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]


def big_xlsx(path: Path, people: int) -> Path:
    """A header and ``people`` rows of eight filled cells, written as raw sheet XML (openpyxl
    would take seconds): inline strings, as some exporters write them."""

    def cell(ref: str, value: object) -> str:
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'

    def row(number: int, values: list[object]) -> str:
        cells = "".join(cell(f"{'ABCDEFGH'[j]}{number}", v) for j, v in enumerate(values))
        return f'<row r="{number}">{cells}</row>'

    rows = [row(1, list(HEADER))]
    for i in range(people):
        rows.append(
            row(
                i + 2,
                [
                    i + 1,
                    f"{LAST_NAMES[i % 10]} Văn Người {i}",
                    f"{1 + i % 28:02d}/03/1990",
                    "Nam" if i % 2 else "Nữ",
                    f"{100000000 + i:010d}",
                    f"{1090000000 + i:012d}",
                    f"09{i:08d}",
                    f"Phòng {i % 7}",
                ],
            )
        )
    write_xlsx(path, [["x"]], title="DS")
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(
                info, xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else data
            )
    return path


def traced_peak(action: object) -> int:
    assert callable(action)
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # a large sheet under tracemalloc: 11-13 s
def test_a_large_sheet_is_never_all_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20,000 people read row by row: the Python objects alive at once stay about 2 MB, a tenth of
    the whole table ``read_sheet`` holds (the reader of old, every cell as a Python list and then
    the rows, peaked above that). Calamine's own copy of the sheet, in Rust, is not traced; it is
    let go of before ``open_sheet`` returns. The formula search's buffer (1 MB of XML at a time)
    is made small here, so that what is measured is the rows."""
    monkeypatch.setattr(formulas_module, "CHUNK", 1 << 16)
    path = big_xlsx(tmp_path / "big.xlsx", 20_000)
    read_sheet(path)  # imports and caches, outside the measure

    def stream() -> None:
        opened = open_sheet(path)
        count = 0
        for _ in opened.rows:
            count += 1
        assert count == 20_000

    streamed = traced_peak(stream)
    held = traced_peak(lambda: read_sheet(path))
    assert streamed < 4 * 2**20, streamed
    assert streamed * 5 < held, (streamed, held)


def test_rows_are_read_once(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, AN, BINH])
    opened = open_sheet(path)
    assert isinstance(opened, SheetStream)
    assert opened.table.rows == []
    assert [r.row for r in opened.rows] == [2, 3]
    assert list(opened.rows) == []
    assert opened.table == dataclasses.replace(read_sheet(path), rows=[])


def test_packed_rows_cross_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packed_module, "CHUNK_ROWS", 3)
    rows = [
        SheetRow(
            row=i,
            values={
                Field.full_name: f"Tên {i}",
                Field.phone: i * 1.5,
                Field.birth_date: datetime.date(1990, 1, 1 + i),
                Field.id_number: FormulaWithoutValue(),
            },
        )
        for i in range(1, 11)
    ]
    rows[4].values[Field.gender] = True  # one row with a field more, added last
    packed = PackedRows(iter(rows))
    out = list(packed)
    assert out == rows
    assert [list(r.values) for r in out] == [list(r.values) for r in rows]  # key order too
    assert list(packed) == []


def test_no_people_and_csv_limits_are_raised_by_open_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SheetError) as caught:
        open_sheet(write_xlsx(tmp_path / "ds.xlsx", [HEADER]), require_people=True)
    assert caught.value.code == "no_people"
    monkeypatch.setattr(reader_module, "MAX_ROWS", 5)
    line = "Nguyễn Văn An,02/01/1990,Nam,0100000001,001090000001,0900000001\n"
    header = "Họ và tên,Ngày sinh,Giới tính,Mã số BHXH,Số CCCD,Số điện thoại\n"
    path = write_csv(tmp_path / "ds.csv", header + line * 6)
    with pytest.raises(SheetError) as caught:
        open_sheet(path)
    assert caught.value.code == "too_many_rows"
    # Far below the lines read to choose the delimiter: met while the rows are read.
    bad = tmp_path / "bad.csv"
    bad.write_bytes((header + line * 300).encode() + b"\xff\xfe,x\n")
    monkeypatch.setattr(reader_module, "MAX_ROWS", 500)
    with pytest.raises(SheetError) as caught:
        open_sheet(bad)
    assert (caught.value.code, caught.value.params["row"]) == ("not_utf8", 302)


def test_check_sheet_reports_as_check_table_on_the_whole_table(tmp_path: Path) -> None:
    broken = [
        2,
        "Trần Thị Bình",
        datetime.date(1991, 3, 4),
        "Nữ",
        "0100000001",
        "123",
        "0900000002",
        "Kinh doanh",
    ]  # a BHXH code twice, a short ID number
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, AN, broken, BINH])
    streamed = check_sheet(path, as_of=AS_OF)
    whole = check_table(read_sheet(path, require_people=True), as_of=AS_OF)
    assert streamed == whole
    assert streamed.summary.people == 3 and streamed.has_errors


def test_names_after_a_signature_row_wait_for_the_next_numbered_person(tmp_path: Path) -> None:
    caption = [None, None, None, None, None, "Người lập biểu"]
    rows = read_sheet(
        write_xlsx(
            tmp_path / "a.xlsx",
            [
                HEADER,
                AN,
                caption,
                [3, "Lê Văn Cường"],
                [4, "Phạm Thị Dung"],
                BINH,
            ],
        )
    ).rows
    assert [r.row for r in rows] == [2, 4, 5, 6]  # someone with numbers after them: employees
    rows = read_sheet(
        write_xlsx(
            tmp_path / "b.xlsx",
            [
                HEADER,
                AN,
                caption,
                [3, "Lê Văn Cường"],
                [4, "Phạm Thị Dung"],
            ],
        )
    ).rows
    assert [r.row for r in rows] == [2]  # nobody after them: the signers
    rows = read_sheet(
        write_xlsx(
            tmp_path / "c.xlsx",
            [
                HEADER,
                AN,
                [3, "Lê Văn Cường", None, None, None, "Kế toán trưởng"],
            ],
        )
    ).rows
    assert [r.row for r in rows] == [2, 3]  # alone on the signature row itself: a person


def test_a_sheet_far_down_is_read_as_one_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Calamine's row iterator pads every row above the first value; past ``MAX_PADDING``
    cells the reader asks for the sheet as one list instead — the same rows either way."""
    cuong = [
        3,
        "Lê Văn Cường",
        datetime.date(1992, 5, 6),
        "Nam",
        "0100000003",
        "001092000003",
        "0900000003",
    ]  # his department is AN's, merged down over both rows
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["DANH SÁCH"], HEADER, AN, cuong, [], BINH],
        top=40,
        left=3,
        merges=["J42:J43"],
    )
    streamed = read_sheet(path)
    monkeypatch.setattr(workbook_module, "MAX_PADDING", 0)
    listed = read_sheet(path)
    assert listed == streamed
    assert [r.row for r in listed.rows] == [42, 43, 45]
    assert listed.rows[1].values[Field.department] == "Kế toán"
    assert listed.column_index[Field.full_name] == 3
