"""The annotated copy reads the clerk's sheet through the sheet reader: a CSV is split at the
delimiter the report was made with, ``--map`` included, so every mark lands on its cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from vssid_batch.annotate import write_annotated_copy
from vssid_batch.api import check_sheet
from vssid_batch.messages import Lang
from vssid_batch.sheet import parse_mapping

from helpers import AS_OF

# Three commas on every line, five semicolons: with no header it knows, Python's sniffer prefers
# the comma. Only the --map names make ";" the delimiter with a header.
HEADER = "NLĐ;Sinh;GT;Định danh;Di động;Liên hệ (số, ngõ, phố, tỉnh)"
ROWS = (
    "Nguyễn Văn An;05/09/1990;Nam;001090123456;0912345678;Số 1, ngõ 2, phố 3, Hà Nội",
    "Trần Thị Bình;01/02/1991;Nữ;12345;0987654321;Số 4, ngõ 5, phố 6, Hà Nội",
)
MAP = ["full_name=NLĐ", "birth_date=Sinh", "gender=GT", "id_number=Định danh", "phone=Di động"]


def test_a_mapped_csv_is_copied_with_the_reports_delimiter(tmp_path: Path) -> None:
    source = tmp_path / "ds.csv"
    source.write_text("\n".join([HEADER, *ROWS]) + "\n", "utf-8")
    report = check_sheet(source, column_map=MAP, as_of=AS_OF)
    assert report.column_index  # read with ";" — the ID number of row 3 is wrong
    target = tmp_path / "annotated.xlsx"
    write_annotated_copy(source, target, report, lang=Lang.vi, mapping=parse_mapping(MAP))
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:2] == ["Nguyễn Văn An", "05/09/1990"]
    id_cell = sheet.cell(row=3, column=4)
    assert id_cell.value == "12345" and id_cell.comment is not None
