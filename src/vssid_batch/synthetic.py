"""Made-up employees for the examples, the tests and the benchmarks.

Every person is invented from a seeded random generator: names from common Vietnamese name parts,
structurally valid CCCD numbers (province, century/sex, year digits, random tail), 10-digit BHXH
codes and current mobile prefixes. No real person's data is used or needed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from vssid_batch.models import Employee, Gender
from vssid_batch.sheet.writer import NO_DATE, save_xlsx, set_value

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Tạ",
)
MIDDLE = {
    Gender.male: ("Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Gia"),
    Gender.female: ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Phương", "Hồng", "Bảo", "Mỹ"),
}
GIVEN = {
    Gender.male: (
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Thắng",
        "Tuấn",
        "Việt",
        "Đạt",
        "Hiếu",
        "Lộc",
    ),
    Gender.female: (
        "Anh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngân",
        "Nhung",
        "Oanh",
        "Phượng",
        "Thảo",
        "Trang",
        "Yến",
        "Ánh",
    ),
}
STREETS = (
    "Tôn Đức Thắng",
    "Xã Đàn",
    "Nguyễn Lương Bằng",
    "Chùa Bộc",
    "Thái Hà",
    "Láng Hạ",
    "Khâm Thiên",
    "Hào Nam",
    "Giảng Võ",
    "Đặng Tiến Đông",
)
WARDS = ("Văn Miếu - Quốc Tử Giám", "Đống Đa", "Kim Liên", "Láng", "Ô Chợ Dừa")
# Codes as words of one string: a literal tuple would be formatted one code a line.
_PROVINCE_CODES = "001 022 024 026 027 030 031 033 034 035 036 037 038 040 042 079"
PROVINCES = tuple(_PROVINCE_CODES.split())
_MOBILE_CODES = (
    "090 091 093 094 096 097 098 032 033 034 035 036 037 038 039 070 076 077 078 079 081 082 "
    "083 084 085 088 086 056 058"
)
MOBILE_PREFIXES = tuple(_MOBILE_CODES.split())
DEPARTMENTS = ("Hành chính - Nhân sự", "Kế toán", "Kinh doanh", "Sản xuất", "Kỹ thuật", "Kho vận")

HEADERS = (
    "STT",
    "Mã NV",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã số BHXH",
    "Số CCCD",
    "Ngày cấp",
    "Nơi cấp",
    "Số điện thoại",
    "Email",
    "Địa chỉ liên hệ",
    "Phòng ban",
)
ISSUE_PLACE = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"


def _cccd(rng: random.Random, birth: date, gender: Gender) -> str:
    century = (birth.year // 100 - 19) * 2 + (1 if gender is Gender.female else 0)
    return f"{rng.choice(PROVINCES)}{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def _unique(seen: set[str], make: Callable[[], str]) -> str:
    while True:
        value = make()
        if value not in seen:
            seen.add(value)
            return value


def make_employees(
    count: int, *, seed: int = 2026, first_row: int = 5, as_of: date = date(2026, 11, 25)
) -> list[Employee]:
    """``count`` valid, distinct made-up employees on consecutive rows from ``first_row``."""
    rng = random.Random(seed)
    seen: set[str] = set()
    people = []
    for index in range(count):
        gender = rng.choice((Gender.male, Gender.female))
        birth = as_of - timedelta(days=rng.randrange(19 * 365, 58 * 365))
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        # Issued within the last 20 months: never expired under the 25/40/60 rule.
        issued = max(
            birth + timedelta(days=14 * 365 + 30), as_of - timedelta(days=rng.randrange(30, 600))
        )
        people.append(
            Employee(
                row=first_row + index,
                full_name=name,
                birth_date=birth,
                gender=gender,
                bhxh_code=_unique(seen, lambda: f"{rng.randrange(1, 10**10):010d}"),
                id_number=_unique(seen, partial(_cccd, rng, birth, gender)),
                id_issue_date=issued,
                id_issue_place=ISSUE_PLACE,
                phone=_unique(
                    seen, lambda: rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
                ),
                email=None if index % 3 else f"nv{index + 1:05d}@saomai.example.vn",
                address=(
                    f"Số {rng.randrange(1, 200)} ngõ {rng.randrange(1, 300)} phố "
                    f"{rng.choice(STREETS)}, phường {rng.choice(WARDS)}, Hà Nội"
                ),
                employee_code=f"NV{index + 1:05d}",
                department=rng.choice(DEPARTMENTS),
            )
        )
    return people


def employee_cells(person: Employee, number: int) -> list[object]:
    """One sheet row as a clerk types it: numbers as text, dates as date cells."""
    return [
        number,
        person.employee_code,
        person.full_name,
        person.birth_date,
        person.gender.value,
        person.bhxh_code,
        person.id_number,
        person.id_issue_date,
        person.id_issue_place,
        person.phone,
        person.email,
        person.address,
        person.department,
    ]


def _styled(sheet: WriteOnlyWorksheet, value: Any, bold: bool = False) -> Cell:
    cell = WriteOnlyCell(sheet)
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, date):
        cell.number_format = "dd/mm/yyyy"
    set_value(cell, value)  # text as typed, even "=…": openpyxl would make it a formula
    return cell


def iter_sheet_rows(rows: Sequence[Sequence[object]], employer: str) -> Iterator[list[object]]:
    """The layout of a real HR sheet: two title rows, a blank row, the header, people, footer."""
    yield [employer.upper()]
    yield ["DANH SÁCH NGƯỜI LAO ĐỘNG ĐĂNG KÝ GIAO DỊCH ĐIỆN TỬ VÀ CÀI ĐẶT VssID"]
    yield []
    yield list(HEADERS)
    yield from (list(r) for r in rows)
    yield []
    yield ["", "", f"Tổng cộng: {len(rows)} người"]
    yield ["", "", "Người lập biểu", "", "", "", "", "", "", "Thủ trưởng đơn vị"]


def write_sheet(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    employer: str = "Công ty TNHH Sao Mai",
    sheet: str = "DS đăng ký",
) -> None:
    """Write ``rows`` (cells per person, see ``employee_cells``) as a realistic .xlsx sheet."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for index, values in enumerate(iter_sheet_rows(rows, employer)):
        bold = index in (0, 1, 3)
        worksheet.append([_styled(worksheet, v, bold) for v in values])
    save_xlsx(workbook, path, NO_DATE)
