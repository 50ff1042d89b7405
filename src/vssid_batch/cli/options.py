"""Every option and argument of every command, declared once (an option's words in ``HELP``).

``--help`` shows these words (docs/cli-reference.md is generated from it: change both together,
with ``python tools/make_docs.py``). A command module names the options it takes in its
function's signature; the order there is the order ``--help`` lists them.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from vssid_batch.messages import Lang

# What --help says of each option, keyed by its name without "--" ("force" differs by command).
HELP = {
    "sheet": "Tên sheet cần đọc (mặc định: sheet có dòng tiêu đề nhận ra được).",
    "header-row": "Số dòng (như Excel hiển thị) của dòng tiêu đề cột.",
    "map": 'Gán cột cho trường, vd. --map full_name="Tên NLĐ" (lặp lại được).',
    "include-hidden": "Lấy cả các dòng đang bị ẩn (lọc hoặc ẩn tay); mặc định chỉ liệt kê chúng.",
    "format": "table (bảng trên màn hình) hoặc json.",
    "as-of": "Kiểm tra tại ngày này (YYYY-MM-DD; mặc định hôm nay).",
    "lang": "Ngôn ngữ thông báo: vi hoặc en.",
    "show-pii": "Hiện đầy đủ số CCCD và số điện thoại (mặc định che bớt).",
    "all": "Hiện mọi vấn đề trên màn hình (mặc định: quá 50 vấn đề thì hiện bảng tổng hợp "
    "và 50 vấn đề đầu, lỗi trước).",
    "photos": "Thư mục ảnh CCCD hai mặt (tên tệp theo số CCCD, mã NV hoặc dòng). Mã QR trên thẻ "
    "được đọc và so với dòng: số CCCD, họ tên (có dấu), ngày sinh, giới tính là lỗi nếu khác; "
    "địa chỉ, ngày cấp khác là cảnh báo, ô trống được điền từ thẻ.",
    "annotate": "Ghi một bản sao bảng với ô lỗi tô đỏ, cảnh báo tô vàng và ghi chú cách sửa.",
    "out": "Thư mục hồ sơ (mặc định ./vssid-batch-<tên bảng>).",
    "config": "Tệp thông tin đơn vị (mặc định unit.toml cạnh bảng hoặc ở thư mục này).",
    "date": "Ngày ghi trên giấy tờ (YYYY-MM-DD; mặc định hôm nay).",
    "skip-invalid": "Lập hồ sơ cho người hợp lệ, bỏ qua người có lỗi.",
    "force-folder": "Thay thư mục hồ sơ đã có (chỉ khi bộ mới đã ghi xong).",
    "force-file": "Ghi đè nếu tệp đã có.",
    "jobs": "Số tiến trình tạo PDF (mặc định: 1 với bảng nhỏ, số nhân CPU với bảng lớn).",
    "blank-dates": "Để trống ngày tháng trên tờ khai để người lao động tự ghi.",
}
DATE_FORMATS = ["%Y-%m-%d"]


def option(flag: str, key: str | None = None, **settings: Any) -> Any:
    """``typer.Option(flag)`` with its words from ``HELP[key]`` (``key``: the flag without "--")."""
    return typer.Option(flag, help=HELP[key or flag.removeprefix("--")], **settings)


class Format(str, Enum):
    table = "table"
    json = "json"


# typer needs Optional[...] here: it reads the annotations at run time on Python 3.10 too.

SheetPath = Annotated[
    Path,
    typer.Argument(
        metavar="SHEET",
        help="Bảng nhân viên: .xlsx, .xlsm, .xls, .ods hoặc .csv (UTF-8).",
        show_default=False,
    ),
]
OutFile = Annotated[Path, typer.Argument(help="Tệp cần tạo.", show_default=False)]
BatchFolder = Annotated[Path, typer.Argument(help="Thư mục hồ sơ do prepare tạo.")]
ConfigFile = Annotated[Path, typer.Argument(help="Tệp cấu hình cần tạo.")]

# Reading the sheet (validate, prepare)
SheetName = Annotated[str | None, option("--sheet")]
HeaderRow = Annotated[int | None, option("--header-row", min=1)]
ColumnMap = Annotated[list[str] | None, option("--map", metavar="FIELD=COLUMN")]
IncludeHidden = Annotated[bool, option("--include-hidden")]
Photos = Annotated[Path | None, option("--photos", metavar="DIR")]

# What is shown, and how
OutputFormat = Annotated[Format, option("--format", case_sensitive=False)]
Language = Annotated[Lang, option("--lang", case_sensitive=False)]
ShowPii = Annotated[bool, option("--show-pii")]
ShowAll = Annotated[bool, option("--all")]

# validate
AsOf = Annotated[datetime | None, option("--as-of", formats=DATE_FORMATS)]
Annotate = Annotated[Path | None, option("--annotate", metavar="OUT.xlsx")]

# prepare
Out = Annotated[Path | None, option("--out")]
Config = Annotated[Path | None, option("--config")]
DocumentDate = Annotated[datetime | None, option("--date", formats=DATE_FORMATS)]
SkipInvalid = Annotated[bool, option("--skip-invalid")]
ReplaceFolder = Annotated[bool, option("--force", "force-folder")]
Jobs = Annotated[int | None, option("--jobs", min=1)]
BlankDates = Annotated[bool, option("--blank-dates")]

# template, init
Overwrite = Annotated[bool, option("--force", "force-file")]
