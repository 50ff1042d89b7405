"""Regenerate the bundled example sheets (made-up people only).

    python examples/make_examples.py

employees.xlsx: 25 valid people laid out like a real HR sheet (title rows, header on row 4,
totals and signature rows under the table).
employees-with-errors.xlsx: the mistakes clerks really make, one planted per row; the list
PLANTED below is what `vssid-batch validate` must report (tests/test_examples.py checks it).
danh-sach-bhxh.xlsx: a list in the shape BHXH offices hand out: title rows, a two-row header
with merged parent cells ("Họ và tên" over "Họ đệm" | "Tên", "Ngày sinh" over "Nam" | "Nữ",
"Giấy tờ tùy thân" over "Số" | "Ngày cấp" | "Nơi cấp"), a column-numbering row, CCCD numbers
typed as numbers (Hà Nội-born 001…, and 002/004/006/008: 10 digits left in the cell; other
provinces: 11), and one person who left, hidden by an autofilter.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from vssid_batch.models import Employee, Gender
from vssid_batch.rules import cccd
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees, write_sheet

HERE = Path(__file__).parent

# (what the clerk did, the problem code vssid-batch reports). Row i of this list is sheet row 6+i.
PLANTED: list[tuple[str, str | None]] = [
    ("a correct row", None),
    ("CCCD typed as a number: Excel dropped its leading zero", "id_number.leading_zero_restored"),
    ("gender swapped: the CCCD is a woman's, the sheet says Nam", "id_number.sex_mismatch"),
    ("birth year in the CCCD differs from the birth date", "id_number.birth_year_mismatch"),
    ("a landline instead of a mobile", "phone.landline"),
    ("an old 11-digit mobile number (0168…)", "phone.old_number_mapped"),
    ("two people share one mobile number (1/2)", "phone.duplicate"),
    ("two people share one mobile number (2/2)", "phone.duplicate"),
    ("the same person entered twice (1/2)", "id_number.duplicate"),
    ("the same person entered twice (2/2)", "id_number.duplicate"),
    ("a blank row", None),
    ("mobile typed as a number: Excel dropped its leading zero", "phone.leading_zero_restored"),
    (
        "BHXH code typed as a number: Excel dropped its leading zero",
        "bhxh_code.leading_zero_restored",
    ),
    ("a digit in the name", "full_name.invalid_character"),
    ("a CCCD whose province code does not exist", "id_number.unknown_province"),
    ("an impossible birth date 31/02", "birth_date.invalid"),
    ("an old 9-digit CMND", "id_number.cmnd_no_longer_valid"),
    ("a BHXH code with a digit missing", "bhxh_code.invalid_length"),
    ("no phone number", "phone.missing"),
    ("a broken email address", "email.invalid"),
    ("a child's birth date (under 15)", "birth_date.too_young"),
]
FIRST_ROW = 6


def _with_errors_rows() -> list[list[object]]:
    people = make_employees(len(PLANTED), seed=77, first_row=FIRST_ROW)
    rows = [employee_cells(p, i + 1) for i, p in enumerate(people)]
    col = {name: HEADERS.index(name) for name in HEADERS}
    cccd, phone, bhxh = col["Số CCCD"], col["Số điện thoại"], col["Mã số BHXH"]

    def person(what: str) -> list[object]:
        return rows[[w for w, _ in PLANTED].index(what)]

    r = person("CCCD typed as a number: Excel dropped its leading zero")
    r[cccd] = int(str(r[cccd]))
    r = person("gender swapped: the CCCD is a woman's, the sheet says Nam")
    r[col["Giới tính"]] = "Nam" if r[col["Giới tính"]] == "Nữ" else "Nữ"
    r = person("birth year in the CCCD differs from the birth date")
    born = r[col["Ngày sinh"]]
    assert isinstance(born, date)
    r[col["Ngày sinh"]] = born.replace(year=born.year - 3, day=min(born.day, 28))
    person("a landline instead of a mobile")[phone] = "024 3851 2468"
    r = person("an old 11-digit mobile number (0168…)")
    r[phone] = "0168" + str(r[phone])[3:]
    person("two people share one mobile number (2/2)")[phone] = person(
        "two people share one mobile number (1/2)"
    )[phone]
    twin = person("the same person entered twice (2/2)")
    twin[1:] = person("the same person entered twice (1/2)")[1:]
    rows[[w for w, _ in PLANTED].index("a blank row")] = []
    r = person("mobile typed as a number: Excel dropped its leading zero")
    r[phone] = int(str(r[phone]))
    r = person("BHXH code typed as a number: Excel dropped its leading zero")
    r[bhxh] = int("0" + str(r[bhxh])[1:])
    r = person("a digit in the name")
    r[col["Họ và tên"]] = str(r[col["Họ và tên"]]) + " 2"
    r = person("a CCCD whose province code does not exist")
    r[cccd] = "099" + str(r[cccd])[3:]
    person("an impossible birth date 31/02")[col["Ngày sinh"]] = "31/02/1990"
    r = person("an old 9-digit CMND")
    r[cccd], r[col["Ngày cấp"]] = "012345678", None
    r = person("a BHXH code with a digit missing")
    r[bhxh] = str(r[bhxh])[:9]
    person("no phone number")[phone] = None
    person("a broken email address")[col["Email"]] = "lan.nguyen@@saomai"
    r = person("a child's birth date (under 15)")
    r[col["Ngày sinh"]] = date(2015, 6, 1)
    return rows


def _titled_sheet(
    workbook: Workbook, name: str, titles: tuple[str, str, str], last_column: str
) -> Worksheet:
    """The workbook's sheet, named, with three title rows (the second merged across the table)."""
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = name
    for row, title in enumerate(titles, start=1):
        sheet[f"A{row}"] = title
    sheet.merge_cells(f"A2:{last_column}2")
    return sheet


def write_with_errors(path: Path) -> None:
    """Not write-only: this sheet needs number cells and a blank row exactly where planted."""
    workbook = Workbook()
    sheet = _titled_sheet(
        workbook,
        "Danh sách",
        (
            "CÔNG TY CỔ PHẦN MAY SÔNG HỒNG",
            "DANH SÁCH ĐĂNG KÝ GIAO DỊCH ĐIỆN TỬ VỚI CƠ QUAN BHXH",
            "(Kèm theo công văn số 12/CV-SH)",
        ),
        "M",
    )
    for index, header in enumerate(HEADERS, start=1):
        sheet.cell(row=5, column=index, value=header).font = Font(bold=True)
    for offset, values in enumerate(_with_errors_rows()):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=FIRST_ROW + offset, column=index, value=value)
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
    last = FIRST_ROW + len(PLANTED)
    sheet.cell(row=last + 1, column=3, value=f"Tổng cộng: {len(PLANTED) - 1} người")
    sheet.cell(row=last + 3, column=3, value="Người lập biểu")
    workbook.save(path)


BHXH_LIST_FIRST_ROW = 8
BHXH_LIST_HIDDEN = 13  # "Đã nghỉ việc": filtered out by the autofilter on column L
# Province codes of the CCCDs, one per person in order: 00x loses two zeros as a number.
BHXH_LIST_PROVINCES = (
    "001",
    "001",
    "002",
    "001",
    "004",
    "022",
    "006",
    "001",
    "008",
    "030",
    "001",
    "036",
)


def _bhxh_list_people() -> list[tuple[Employee, str, object]]:
    """(person, note, ID cell) for the BHXH-style list: made-up people with CCCDs from the
    provinces above, typed as numbers except every fourth (typed as text, as some clerks do)."""
    people = make_employees(len(BHXH_LIST_PROVINCES), seed=1010, first_row=BHXH_LIST_FIRST_ROW)
    out: list[tuple[Employee, str, object]] = []
    for index, (person, province) in enumerate(zip(people, BHXH_LIST_PROVINCES, strict=True)):
        number = province + person.id_number[3:]
        assert cccd.is_valid(number)
        person = person.model_copy(update={"id_number": number})
        cell: object = number if index % 4 == 3 else int(number)
        note = "Đã nghỉ việc" if person.row == BHXH_LIST_HIDDEN else "Đang làm việc"
        out.append((person, note, cell))
    return out


def write_bhxh_list(path: Path) -> None:
    """The BHXH-style list (see the module's notes)."""
    workbook = Workbook()
    sheet = _titled_sheet(
        workbook,
        "DS tham gia",
        (
            "BẢO HIỂM XÃ HỘI QUẬN ĐỐNG ĐA",
            "DANH SÁCH LAO ĐỘNG ĐĂNG KÝ TÀI KHOẢN GIAO DỊCH ĐIỆN TỬ VssID",
            "Đơn vị: Công ty TNHH Điện tử Hồng Hà — Mã đơn vị: TA1234A",
        ),
        "L",
    )
    top = {
        "A": "STT",
        "B": "Họ và tên",
        "D": "Ngày sinh",
        "F": "Mã số BHXH",
        "G": "Giấy tờ tùy thân",
        "J": "Số điện thoại",
        "K": "Phòng ban",
        "L": "Ghi chú",
    }
    sub_headers = {
        "B": "Họ đệm",
        "C": "Tên",
        "D": "Nam",
        "E": "Nữ",
        "G": "Số",
        "H": "Ngày cấp",
        "I": "Nơi cấp",
    }
    bold = Font(bold=True)
    for letter, text in top.items():
        sheet[f"{letter}5"] = text
        sheet[f"{letter}5"].font = bold
    for letter, text in sub_headers.items():
        sheet[f"{letter}6"] = text
        sheet[f"{letter}6"].font = bold
    for merged in ("B5:C5", "D5:E5", "G5:I5", "A5:A6", "F5:F6", "J5:J6", "K5:K6", "L5:L6"):
        sheet.merge_cells(merged)
    for index in range(12):
        sheet.cell(row=7, column=index + 1, value=f"({index + 1})")
    for number, (person, note, id_cell) in enumerate(_bhxh_list_people(), start=1):
        surname_middle, given = person.full_name.rsplit(" ", 1)
        birth_column = 4 if person.gender is Gender.male else 5
        row = person.row
        values = {
            1: number,
            2: surname_middle,
            3: given,
            birth_column: person.birth_date,
            6: person.bhxh_code,
            7: id_cell,
            8: person.id_issue_date,
            9: person.id_issue_place,
            10: person.phone,
            11: person.department,
            12: note,
        }
        for column, value in values.items():
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, int) and column == 7:
                cell.number_format = "0"  # how Excel shows a number typed into a General cell
    last = BHXH_LIST_FIRST_ROW + len(BHXH_LIST_PROVINCES) - 1
    # The autofilter a clerk sets on "Ghi chú" to show only the people still working.
    sheet.auto_filter.ref = f"A6:L{last}"
    sheet.auto_filter.add_filter_column(11, ["Đang làm việc"])
    sheet.row_dimensions[BHXH_LIST_HIDDEN].hidden = True
    sheet.cell(row=last + 1, column=2, value=f"Tổng cộng: {len(BHXH_LIST_PROVINCES)} người")
    sheet.cell(row=last + 3, column=9, value="Hà Nội, ngày 25 tháng 11 năm 2026")
    sheet.cell(row=last + 4, column=2, value="Người lập biểu")
    sheet.cell(row=last + 4, column=9, value="Thủ trưởng đơn vị")
    workbook.save(path)


def main() -> None:
    people = make_employees(25, seed=2026)
    write_sheet(HERE / "employees.xlsx", [employee_cells(p, i + 1) for i, p in enumerate(people)])
    write_with_errors(HERE / "employees-with-errors.xlsx")
    write_bhxh_list(HERE / "danh-sach-bhxh.xlsx")


if __name__ == "__main__":
    main()
