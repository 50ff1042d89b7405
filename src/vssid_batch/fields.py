"""The canonical fields of an employee row and the column names clerks give them (cli.md)."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum, IntEnum


class Field(str, Enum):
    full_name = "full_name"
    birth_date = "birth_date"
    gender = "gender"
    bhxh_code = "bhxh_code"
    id_number = "id_number"
    id_issue_date = "id_issue_date"
    id_issue_place = "id_issue_place"
    phone = "phone"
    email = "email"
    address = "address"
    nationality = "nationality"
    employee_code = "employee_code"
    department = "department"

    def __str__(self) -> str:
        return self.value


# Not bhxh_code: from 01/08/2025 the personal number replaces it (Công văn 1804/BHXH-QLT) and 2026
# sheets often have no such column; a person who still needs a code gets bhxh_code.missing.
REQUIRED_FIELDS: tuple[Field, ...] = (
    Field.full_name,
    Field.birth_date,
    Field.gender,
    Field.id_number,
    Field.phone,
)

# Column names seen in real sheets. Matching goes through `header_key`, so case, diacritics,
# punctuation and spacing do not matter here.
ALIASES: dict[Field, tuple[str, ...]] = {
    Field.full_name: (
        "Họ và tên",
        "Họ tên",
        "Họ và tên người lao động",
        "Họ tên người lao động",
        "Tên",
        "Full name",
        "Name",
    ),
    Field.birth_date: (
        "Ngày sinh",
        "Ngày tháng năm sinh",
        "Ngày, tháng, năm sinh",
        "NS",
        "Năm sinh",
        "Ngày tháng sinh",
        "Birth date",
        "Date of birth",
        "DOB",
    ),
    Field.gender: ("Giới tính", "Nam/Nữ", "GT", "Gender", "Sex"),
    Field.bhxh_code: (
        "Mã số BHXH",
        "Mã BHXH",
        "Số sổ BHXH",
        "Mã số bảo hiểm xã hội",
        "Mã số sổ BHXH",
        "Số sổ bảo hiểm xã hội",
        "Mã số BHXH/Số sổ BHXH",
        "BHXH code",
    ),
    Field.id_number: (
        "Số CCCD",
        "Số CMND",
        "Số CCCD/CMND",
        "Số CMND/CCCD",
        "Số định danh cá nhân",
        "Số định danh",
        "CMND/CCCD",
        "CCCD/CMND",
        "Số căn cước",
        "Số CCCD/Số định danh cá nhân",
        "CCCD",
        "CMND",
        "Số CMND/CCCD/Hộ chiếu",
        "Số CCCD/CMND/Hộ chiếu",
        "Số CCCD/Hộ chiếu",
        "Số định danh cá nhân/Hộ chiếu",
        "Số hộ chiếu",
        "Hộ chiếu",
        "Số CCCD/Số hộ chiếu",
        "Passport number",
        "ID number",
    ),
    Field.id_issue_date: ("Ngày cấp", "Ngày cấp CCCD", "Ngày cấp CMND", "Issue date"),
    Field.id_issue_place: ("Nơi cấp", "Nơi cấp CCCD", "Nơi cấp CMND", "Issue place"),
    Field.phone: (
        "Điện thoại",
        "Số điện thoại",
        "SĐT",
        "SĐT di động",
        "Số điện thoại di động",
        "Di động",
        "Điện thoại di động",
        "Số điện thoại liên hệ",
        "Điện thoại liên hệ",
        "SĐT liên hệ",
        "Số ĐT",
        "Phone",
        "Mobile",
    ),
    Field.email: ("Email", "Thư điện tử", "Địa chỉ email", "E-mail", "Email cá nhân"),
    Field.address: (
        "Địa chỉ",
        "Địa chỉ liên hệ",
        "Địa chỉ liên lạc",
        "Nơi ở hiện nay",
        "Nơi ở hiện tại",
        "Address",
    ),
    Field.nationality: ("Quốc tịch", "Nationality"),
    Field.employee_code: ("Mã NV", "Mã nhân viên", "Mã số nhân viên", "Employee code"),
    Field.department: ("Phòng ban", "Bộ phận", "Bộ phận công tác", "Đơn vị", "Department"),
}


def header_key(text: str) -> str:
    """Fold a header for matching: no case, diacritics, punctuation or spacing.

    >>> header_key("  Số CCCD/CMND ")
    'socccdcmnd'
    >>> header_key("Ngày, tháng, năm sinh") == header_key("ngay thang nam sinh")
    True
    >>> header_key("SĐT")
    'sdt'
    """
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", text.casefold())


ALIAS_KEYS: dict[str, Field] = {
    header_key(alias): field for field, aliases in ALIASES.items() for alias in aliases
}
ALIAS_KEYS.update({header_key(field.value): field for field in Field})


def field_for_header(text: str) -> Field | None:
    """The canonical field a header names, or None.

    >>> field_for_header("Họ và tên")
    <Field.full_name: 'full_name'>
    >>> field_for_header("SỐ ĐIỆN THOẠI") is Field.phone
    True
    >>> field_for_header("Ghi chú") is None
    True
    """
    return ALIAS_KEYS.get(header_key(text))


class NamePart(IntEnum):
    """A column holding part of the full name, in the order the parts are written."""

    surname = 0  # "Họ"
    surname_middle = 1  # "Họ đệm": surname and middle name together
    middle = 2  # "Chữ đệm"
    given = 3  # "Tên": the given name, when a "Họ…" column stands beside it


NAME_PART_ALIASES: dict[NamePart, tuple[str, ...]] = {
    NamePart.surname: ("Họ", "Last name", "Surname", "Family name"),
    NamePart.surname_middle: (
        "Họ đệm",
        "Họ và chữ đệm",
        "Họ và tên đệm",
        "Họ chữ đệm",
        "Họ và đệm",
        "Họ tên đệm",
        "Họ lót",
        "Họ và tên lót",
        "Họ và chữ lót",
    ),
    NamePart.middle: ("Chữ đệm", "Tên đệm", "Tên lót", "Chữ lót", "Đệm", "Middle name"),
    NamePart.given: ("Tên", "Tên gọi", "First name", "Given name"),
}
NAME_PART_KEYS: dict[str, NamePart] = {
    header_key(alias): part for part, aliases in NAME_PART_ALIASES.items() for alias in aliases
}

# The two columns of a gender pair ("Nam" | "Nữ"), under "Giới tính", under "Ngày sinh" or alone.
GENDER_COLUMN_KEYS: dict[str, str] = {"nam": "Nam", "nu": "Nữ", "male": "Nam", "female": "Nữ"}
