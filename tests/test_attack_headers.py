"""Two-row headers as BHXH-style lists draw them (attack pass on issue 10, item 4).

A header cell over a single sub-cell used to make the whole two-row header unreadable (exit 2,
"missing column"): "Mã số BHXH" with "(10 số)" under it, or "Sổ BHXH" over "Mã số", next to
real groups ("Giấy tờ tùy thân" over "Số | Ngày cấp | Nơi cấp").
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from vssid_batch.cli.app import app

from helpers import AS_OF, EXAMPLES

PERSON = [
    1,
    "Nguyễn Văn An",
    "12/03/1990",
    "Nam",
    "001090123456",
    "01/02/2021",
    "Cục Cảnh sát QLHC về TTXH",
    "0912345678",
    "an@saomai.example.vn",
    "0112345678",
]
UPPER = ["STT", "Thông tin cá nhân", None, None, "Giấy tờ tùy thân", None, None, "Liên hệ", None]
LOWER = [
    None,
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số",
    "Ngày cấp",
    "Nơi cấp",
    "Điện thoại",
    "Email",
]
MERGES = ["A3:A4", "B3:D3", "E3:G3", "H3:I3"]


def _sheet(path: Path, upper: str, lower: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ["CÔNG TY TNHH SAO MAI"],
        ["DANH SÁCH LAO ĐỘNG ĐĂNG KÝ VSSID"],
        [*UPPER, upper],
        [*LOWER, lower],
        PERSON,
    ):
        sheet.append(row)
    for cells in MERGES:
        sheet.merge_cells(cells)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("upper", "lower"),
    [("Mã số BHXH", "(10 số)"), ("Sổ BHXH", "Mã số"), ("Mã số BHXH", "Mã số BHXH")],
)
def test_a_header_over_one_sub_cell(tmp_path: Path, upper: str, lower: str) -> None:
    sheet = _sheet(tmp_path / "ds.xlsx", upper, lower)
    result = CliRunner().invoke(
        app,
        ["validate", str(sheet), "--format", "json", "--show-pii", "--as-of", AS_OF.isoformat()],
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["header_row"] == 4
    assert document["summary"]["people"] == 1
    assert document["problems"] == []
    made = CliRunner().invoke(
        app,
        [
            "prepare",
            str(sheet),
            "--out",
            str(tmp_path / "out"),
            "--config",
            str(EXAMPLES / "unit.toml"),
            "--date",
            AS_OF.isoformat(),
            "--jobs",
            "1",
        ],
    )
    assert made.exit_code == 0, made.stderr
    listing = (tmp_path / "out" / "danh-sach.csv").read_text(encoding="utf-8-sig")
    assert "0112345678" in listing and "001090123456" in listing
