"""`vssid-batch template`: a blank employee sheet that Excel cannot damage.

ID, BHXH-code and phone columns are formatted as text (so Excel keeps leading zeros), gender
has a dropdown, dates a dd/mm/yyyy format, and each header a note saying what goes in it.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from vssid_batch.atomic import atomic_path
from vssid_batch.fields import Field
from vssid_batch.rules.bhxh_code import PERSONAL_NUMBER_FROM
from vssid_batch.sheet.writer import NO_DATE, save_xlsx, set_value

TEMPLATE_ROWS = 1000

# The notes too long to stand in the table below.
_BIRTH_DATE_NOTE = "Ngày/tháng/năm, vd. 05/09/1990. Người lớn tuổi có thể chỉ ghi năm."
_BHXH_CODE_NOTE = (
    "Mã số BHXH 10 chữ số (trên sổ BHXH hoặc VssID). Từ "
    f"{PERSONAL_NUMBER_FROM:%d/%m/%Y} không bắt buộc: để trống thì số định danh cá nhân "
    "(số CCCD) được dùng thay."
)
_ID_NUMBER_NOTE = "Số CCCD 12 chữ số (số định danh cá nhân), đúng như trên thẻ."
_PHONE_NOTE = (
    "Số di động 10 số của chính người lao động: BHXH nhắn tài khoản VssID đến số này. "
    "Mỗi người một số."
)

# (header as the template writes it, field, width, number format, note)
COLUMNS: tuple[tuple[str, Field | None, int, str, str], ...] = (
    ("STT", None, 6, "General", "Số thứ tự."),
    ("Mã NV", Field.employee_code, 10, "@", "Mã nhân viên của đơn vị (không bắt buộc)."),
    ("Họ và tên", Field.full_name, 28, "@", "Họ và tên đầy đủ, có dấu, như trên CCCD."),
    ("Ngày sinh", Field.birth_date, 12, "dd/mm/yyyy", _BIRTH_DATE_NOTE),
    ("Giới tính", Field.gender, 9, "@", "Chọn Nam hoặc Nữ."),
    ("Mã số BHXH", Field.bhxh_code, 13, "@", _BHXH_CODE_NOTE),
    ("Số CCCD/CMND", Field.id_number, 15, "@", _ID_NUMBER_NOTE),
    ("Ngày cấp", Field.id_issue_date, 12, "dd/mm/yyyy", "Ngày cấp thẻ CCCD (không bắt buộc)."),
    ("Nơi cấp", Field.id_issue_place, 22, "@", "Nơi cấp thẻ (không bắt buộc)."),
    ("Số điện thoại di động", Field.phone, 14, "@", _PHONE_NOTE),
    ("Email", Field.email, 24, "@", "Email (không bắt buộc)."),
    ("Địa chỉ liên hệ", Field.address, 36, "@", "Địa chỉ liên hệ (in trên Tờ khai Mẫu 01)."),
    ("Quốc tịch", Field.nationality, 11, "@", "Để trống nếu là Việt Nam."),
    ("Phòng ban", Field.department, 16, "@", "Bộ phận (không bắt buộc)."),
)

GUIDE = (
    "HƯỚNG DẪN ĐIỀN BẢNG",
    "1. Mỗi người lao động một dòng, bắt đầu từ dòng 2. Không sửa dòng tiêu đề.",
    "2. Các cột mã số BHXH, CCCD và điện thoại đã định dạng Text: dán giá trị bằng "
    "Paste Special > Values để Excel không xoá số 0 ở đầu.",
    "3. Số điện thoại phải là số di động của chính người lao động; BHXH nhắn tài khoản "
    "VssID đến số này. Hai người không dùng chung một số.",
    f"4. Từ {PERSONAL_NUMBER_FROM:%d/%m/%Y}, người chưa có mã số BHXH để trống cột này: số "
    "định danh cá nhân (số CCCD) được dùng thay.",
    "5. Kiểm tra bảng: vssid-batch validate <tệp>. Lập hồ sơ: vssid-batch prepare <tệp>.",
)


def build_template() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    header_fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
    for index, (header, _field, width, number_format, note) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        set_value(cell, header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.comment = Comment(note, "vssid-batch")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        for row in range(2, TEMPLATE_ROWS + 2):
            sheet.cell(row=row, column=index).number_format = number_format
        if _field is Field.gender:
            choice = DataValidation(
                type="list",
                formula1='"Nam,Nữ"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giới tính",
                error="Chọn Nam hoặc Nữ.",
            )
            choice.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(choice)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Hướng dẫn")
    for row, line in enumerate(GUIDE, start=1):
        cell = guide.cell(row=row, column=1)
        set_value(cell, line)
        cell.font = Font(bold=row == 1)
    guide.column_dimensions["A"].width = 110
    return workbook


def write_template(path: Path) -> None:
    """Write the template to ``path``; every run gives the same bytes (no clock in the file)."""
    with atomic_path(path) as temporary:
        save_xlsx(build_template(), temporary, NO_DATE)
