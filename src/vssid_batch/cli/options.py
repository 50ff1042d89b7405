"""Options shared by several commands, declared once."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from vssid_batch.messages import Lang

# typer needs Optional[...] here: it reads the annotations at run time on Python 3.10 too.

SheetPath = Annotated[
    Path,
    typer.Argument(
        metavar="SHEET",
        help="Bảng nhân viên: .xlsx, .xlsm, .xls, .ods hoặc .csv (UTF-8).",
        show_default=False,
    ),
]
SheetName = Annotated[
    str | None,
    typer.Option(
        "--sheet", help="Tên sheet cần đọc (mặc định: sheet có dòng tiêu đề nhận ra được)."
    ),
]
HeaderRow = Annotated[
    int | None,
    typer.Option("--header-row", min=1, help="Số dòng (như Excel hiển thị) của dòng tiêu đề cột."),
]
ColumnMap = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="FIELD=COLUMN",
        help='Gán cột cho trường, vd. --map full_name="Tên NLĐ" (lặp lại được).',
    ),
]
IncludeHidden = Annotated[
    bool,
    typer.Option(
        "--include-hidden",
        help="Lấy cả các dòng đang bị ẩn (lọc hoặc ẩn tay); mặc định chỉ liệt kê chúng.",
    ),
]


class Format(str, Enum):
    table = "table"
    json = "json"


OutputFormat = Annotated[
    Format,
    typer.Option("--format", help="table (bảng trên màn hình) hoặc json.", case_sensitive=False),
]
AsOf = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="Kiểm tra tại ngày này (YYYY-MM-DD; mặc định hôm nay).",
    ),
]
Language = Annotated[
    Lang, typer.Option("--lang", help="Ngôn ngữ thông báo: vi hoặc en.", case_sensitive=False)
]
ShowPii = Annotated[
    bool,
    typer.Option("--show-pii", help="Hiện đầy đủ số CCCD và số điện thoại (mặc định che bớt)."),
]
ShowAll = Annotated[
    bool,
    typer.Option(
        "--all",
        help="Hiện mọi vấn đề trên màn hình (mặc định: quá 50 vấn đề thì hiện bảng tổng hợp "
        "và 50 vấn đề đầu, lỗi trước).",
    ),
]
Photos = Annotated[
    Path | None,
    typer.Option(
        "--photos",
        metavar="DIR",
        help="Thư mục ảnh CCCD hai mặt (tên tệp theo số CCCD, mã NV hoặc dòng). Mã QR trên thẻ "
        "được đọc và so với dòng: số CCCD, họ tên (có dấu), ngày sinh, giới tính là lỗi nếu khác; "
        "địa chỉ, ngày cấp khác là cảnh báo, ô trống được điền từ thẻ.",
    ),
]
OutFile = Annotated[Path, typer.Argument(help="Tệp cần tạo.", show_default=False)]
