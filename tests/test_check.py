"""The checker through the library: every rule applied to sheet rows, repairs, cross-row rules."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vssid_batch.api import check_sheet
from vssid_batch.check import check_table, find_duplicates
from vssid_batch.fields import Field
from vssid_batch.models import Gender, Report, Severity
from vssid_batch.sheet.model import SheetRow, SheetTable
from vssid_batch.synthetic import HEADERS, make_employees

from helpers import AS_OF, cells

COL = {h: i for i, h in enumerate(HEADERS)}


def codes(report: Report, row: int | None = None) -> list[str]:
    return [p.code for p in report.problems if row is None or p.row == row]


def check_rows(sheet_of, rows: list[list[object]], as_of: date = AS_OF) -> Report:  # type: ignore[no-untyped-def]
    return check_sheet(sheet_of(rows), as_of=as_of)


def test_valid_people_become_employees(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    report = check_rows(sheet_of, cells(people))
    assert codes(report) == []
    assert [e.full_name for e in report.employees] == [p.full_name for p in people]
    assert [e.row for e in report.employees] == [5, 6, 7, 8, 9, 10]
    assert report.employees[0].id_number == people[0].id_number
    assert report.summary.people == 6 and report.summary.valid == 6


def test_number_cell_gets_its_leading_zero_back_with_a_warning(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    person = people[0]
    assert person.id_number.startswith("0")
    rows[0][COL["Số CCCD"]] = int(person.id_number)
    report = check_rows(sheet_of, rows)
    problem = report.people[0].problems[0]
    assert problem.code == "id_number.leading_zero_restored"
    assert problem.severity is Severity.warning
    assert problem.column == "Số CCCD" and problem.row == 5
    assert report.employees[0].id_number == person.id_number


def test_text_cell_is_never_padded(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Số CCCD"]] = people[0].id_number[1:]  # 11 digits typed as text
    report = check_rows(sheet_of, rows)
    assert codes(report, 5) == ["id_number.invalid_length"]
    assert report.people[0].employee is None


def test_restoration_only_when_the_result_is_valid(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Số CCCD"]] = int("099" + people[0].id_number[3:])  # 099 is no province
    report = check_rows(sheet_of, rows)
    assert "id_number.leading_zero_restored" not in codes(report, 5)
    assert report.people[0].is_valid is False


def test_sex_and_birth_year_mismatch_name_both_cells(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    gender = rows[0][COL["Giới tính"]]
    rows[0][COL["Giới tính"]] = "Nữ" if gender == "Nam" else "Nam"
    born = people[1].birth_date
    rows[1][COL["Ngày sinh"]] = born.replace(year=born.year + 1, day=min(born.day, 28))
    report = check_rows(sheet_of, rows)
    sex = report.people[0].problems[0]
    assert sex.code == "id_number.sex_mismatch" and sex.field is Field.id_number
    assert sex.params["gender_column"] == "Giới tính"
    year = report.people[1].problems[0]
    assert year.code == "id_number.birth_year_mismatch"
    assert year.params["id_year"] == str(born.year)
    assert year.params["sheet_year"] == str(born.year + 1)


def test_shared_values_are_errors_on_each_row(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[3][COL["Số điện thoại"]] = rows[1][COL["Số điện thoại"]]
    rows[5][COL["Mã số BHXH"]] = rows[1][COL["Mã số BHXH"]]
    report = check_rows(sheet_of, rows)
    assert codes(report, 6) == ["phone.duplicate", "bhxh_code.duplicate"] or sorted(
        codes(report, 6)
    ) == ["bhxh_code.duplicate", "phone.duplicate"]
    assert codes(report, 8) == ["phone.duplicate"]
    assert codes(report, 10) == ["bhxh_code.duplicate"]
    phone_dup = next(p for p in report.problems if p.row == 8)
    assert phone_dup.params["other_rows"] == "6"
    assert len(report.employees) == 3


def test_a_restored_number_still_counts_as_a_duplicate(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[2][COL["Số điện thoại"]] = int(str(rows[0][COL["Số điện thoại"]]))
    report = check_rows(sheet_of, rows)
    assert "phone.duplicate" in codes(report, 5) and "phone.duplicate" in codes(report, 7)


def test_old_mobile_number_is_mapped_and_used(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Số điện thoại"]] = "0168 123 4567"
    report = check_rows(sheet_of, rows)
    problem = report.people[0].problems[0]
    assert problem.code == "phone.old_number_mapped"
    assert problem.params["pii_new"] == "0381234567"
    assert report.employees[0].phone == "0381234567"


def test_landline_and_missing_phone_are_errors(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Số điện thoại"]] = "(024) 3851 2468"
    rows[1][COL["Số điện thoại"]] = None
    report = check_rows(sheet_of, rows)
    assert codes(report, 5) == ["phone.landline"]
    assert codes(report, 6) == ["phone.missing"]


def test_year_only_birth_date_is_allowed(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Ngày sinh"]] = str(people[0].birth_date.year)
    rows[0][COL["Ngày cấp"]] = None
    report = check_rows(sheet_of, rows)
    assert codes(report, 5) == []
    assert report.employees[0].birth_year_only is True
    assert report.employees[0].birth_date_text == str(people[0].birth_date.year)


def test_cmnd_is_flagged_only_after_2024(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Số CCCD"]] = "012345678"
    rows[0][COL["Ngày cấp"]] = None
    assert codes(check_rows(sheet_of, rows, as_of=date(2024, 6, 1)), 5) == []
    assert codes(check_rows(sheet_of, rows), 5) == ["id_number.cmnd_no_longer_valid"]


def test_expired_card_is_a_warning(sheet_of) -> None:  # type: ignore[no-untyped-def]
    person = make_employees(1, seed=3)[0].model_copy(
        update={"birth_date": date(1990, 3, 1), "id_issue_date": date(2010, 5, 1)}
    )
    person = person.model_copy(
        update={"id_number": person.id_number[:3] + "0" + "90" + person.id_number[6:]}
    )
    person = person.model_copy(update={"gender": Gender.male})
    report = check_rows(sheet_of, cells([person]))
    problem = report.people[0].problems[0]
    assert problem.code == "id_number.card_expired" and problem.params["age"] == "25"
    assert problem.params["expired_on"] == "01/03/2015"
    assert report.people[0].is_valid


def test_issue_date_before_birth_is_an_error(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Ngày cấp"]] = date(1950, 1, 1)
    assert codes(check_rows(sheet_of, rows), 5) == ["id_issue_date.before_birth"]


def test_names_are_cleaned_and_checked(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Họ và tên"]] = "  nguyễn   thị  ánh "
    rows[1][COL["Họ và tên"]] = '=HYPERLINK("x")'
    rows[2][COL["Họ và tên"]] = "Nguye\u0302\u0303n Văn An"  # decomposed Unicode
    report = check_rows(sheet_of, rows)
    assert report.employees[0].full_name == "nguyễn thị ánh"
    assert codes(report, 6) == ["full_name.invalid_character"]
    assert codes(report, 7) == ["full_name.unicode_normalized"]
    assert report.people[2].employee is not None
    assert report.people[2].employee.full_name == "Nguyễn Văn An"


def test_foreign_birth_registration_is_accepted_with_a_warning(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Số CCCD"]] = "099" + people[0].id_number[3:]
    rows[0].extend([None])  # keep the row shape; nationality is set through a mapped column
    path = sheet_of(rows)
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.cell(row=4, column=len(HEADERS) + 1, value="Quốc tịch")
    sheet.cell(row=5, column=len(HEADERS) + 1, value="Lào")
    book.save(path)
    report = check_sheet(path, as_of=AS_OF)
    assert codes(report, 5) == ["id_number.foreign_province"]
    assert report.employees[0].nationality == "Lào"


def test_find_duplicates_is_linear_and_names_the_others() -> None:
    pairs = [(row, str(row % 1000)) for row in range(100_000)]
    others = find_duplicates(pairs)
    assert len(others) == 100_000
    assert others[5][:3] == [1005, 2005, 3005]


def _table(values: list[dict[Field, object]], typed: bool = True) -> SheetTable:
    return SheetTable(
        file=Path("t.xlsx"),
        sheet="S",
        header_row=1,
        columns={f: f.value for f in Field},
        column_index={f: i for i, f in enumerate(Field)},
        rows=[SheetRow(row=i + 2, values=v) for i, v in enumerate(values)],  # type: ignore[arg-type]
        typed=typed,
        format="xlsx" if typed else "csv",
    )


def test_csv_digits_are_treated_like_number_cells() -> None:
    person = make_employees(1, seed=5)[0]
    values = {
        Field.full_name: person.full_name,
        Field.birth_date: person.birth_date,
        Field.gender: person.gender.value,
        Field.bhxh_code: person.bhxh_code,
        Field.id_number: person.id_number[1:],
        Field.phone: person.phone[1:],
    }
    report = check_table(_table([values], typed=False), as_of=AS_OF)
    assert sorted(codes(report)) == [
        "id_number.leading_zero_restored",
        "phone.leading_zero_restored",
    ]
    assert report.employees[0].phone == person.phone


cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**13), 10**13),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2200, 1, 1)),
    st.text(alphabet="0123456789 .-+()", max_size=14),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(list(Field)), cell_values), max_size=6))
def test_any_cells_give_a_report_never_an_exception(rows: list[dict[Field, object]]) -> None:
    report = check_table(_table(rows), as_of=AS_OF)
    assert report.summary.people == len(rows)
    for person in report.people:
        assert (person.employee is not None) == person.is_valid


def test_legacy_encodings_are_converted_with_a_warning(sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][COL["Họ và tên"]] = "NguyÔn V¨n An"  # TCVN3 (.VnTime) read as Latin-1
    rows[1][COL["Họ và tên"]] = "Nguyeãn Thò Lan"  # VNI-Times
    rows[1][COL["Giới tính"]] = "Nữ"
    rows[2][COL["Địa chỉ liên hệ"]] = "Sè 12 phè Th¸i Hµ, §èng §a, Hµ Néi"
    report = check_rows(sheet_of, rows)
    first, second, third = report.people[0], report.people[1], report.people[2]
    assert [p.code for p in first.problems] == ["full_name.encoding_converted"]
    assert first.problems[0].params["encoding"] == "TCVN3"
    assert first.employee is not None and first.employee.full_name == "Nguyễn Văn An"
    assert "full_name.encoding_converted" in [p.code for p in second.problems]
    assert second.problems[0].params["encoding"] == "VNI"
    assert third.employee is not None
    assert third.employee.address == "Số 12 phố Thái Hà, Đống Đa, Hà Nội"
    assert codes(report, 10) == []  # proper Unicode is left alone


def test_formula_without_a_value_is_a_problem_on_its_cell() -> None:
    from vssid_batch.sheet.model import FormulaWithoutValue

    person = make_employees(1, seed=8)[0]
    values = {
        Field.full_name: person.full_name,
        Field.birth_date: FormulaWithoutValue(),
        Field.gender: person.gender.value,
        Field.bhxh_code: person.bhxh_code,
        Field.id_number: person.id_number,
        Field.phone: FormulaWithoutValue(),
    }
    report = check_table(_table([values]), as_of=AS_OF)
    assert codes(report) == ["birth_date.formula_without_value", "phone.formula_without_value"]
    assert report.people[0].problems[0].column == "birth_date"


def test_a_number_cell_that_reads_as_an_international_call_is_an_invalid_phone() -> None:
    """37900000 typed as a number: a restored leading zero made it "00…", which phonenumbers
    parses as an international prefix and refused with an exception (found by hypothesis)."""
    values: dict[Field, object] = {Field.full_name: None, Field.phone: 37900000}
    report = check_table(_table([values]), as_of=AS_OF)
    (person,) = report.people
    assert any(p.code.startswith("phone.") for p in person.problems)
