"""Check the rows of a sheet: every rule of ids.md per person, then the cross-row rules.

``check_table`` turns a ``SheetTable`` (raw cells) into a ``Report``: problems per person with the
Excel row and the column as written, and an ``Employee`` for each person without errors. Repairs
(a leading zero Excel dropped, an old 11-digit mobile number, decomposed Unicode) are applied and
reported as warnings; the repaired value is what the documents use.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TypeVar

from vssid_batch.fields import Field
from vssid_batch.models import (
    Employee,
    Gender,
    PersonResult,
    Problem,
    Report,
    Severity,
    share_fields_set,
)
from vssid_batch.rules import (
    bhxh_code,
    card_validity,
    cccd,
    cmnd,
    dates,
    drawable,
    email,
    gender,
    legacy_text,
    names,
)
from vssid_batch.rules import phone as phone_rule
from vssid_batch.rules.drawable import FORM_FONT_COVERAGE
from vssid_batch.rules.errors import RuleError
from vssid_batch.rules.provinces import PROVINCES
from vssid_batch.sheet.model import CellValue, FormulaWithoutValue, SheetRow, SheetTable

MAX_CELL_LENGTH = 1000
# One person, one identity: these values may not repeat across rows (ids.md).
UNIQUE_FIELDS = (Field.id_number, Field.bhxh_code, Field.phone)
MIN_AGE, WARN_AGE = 15, 80
VIETNAM = "Việt Nam"

T = TypeVar("T")


def cell_text(value: CellValue) -> str:
    """A cell as the clerk sees it: numbers without a trailing .0, dates as dd/mm/yyyy.

    >>> cell_text(1090123456.0), cell_text(" An "), cell_text(date(1990, 2, 5)), cell_text(None)
    ('1090123456', ' An ', '05/02/1990', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _digits_of_number_cell(value: CellValue, typed: bool) -> str | None:
    """The digits of a cell Excel may have stored as a number (and so stripped of leading zeros).

    Text cells of a typed workbook are never padded; CSV cells carry no type, so a CSV value of
    digits only is treated like a number cell (that is how Excel writes such a column to CSV).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if not typed and isinstance(value, str) and value.strip().isdigit():
        return value.strip()
    return None


class _RowChecker:
    """Checks one person row, collecting problems; each ``check_*`` returns the clean value."""

    def __init__(self, sheet_row: SheetRow, table: SheetTable, as_of: date) -> None:
        self.row = sheet_row.row
        self.table = table
        self.as_of = as_of
        self.problems: list[Problem] = []
        self.values = {f: v for f, v in sheet_row.values.items()
                       if not isinstance(v, FormulaWithoutValue)}
        self.unique: dict[Field, str] = {}  # clean values of UNIQUE_FIELDS, for cross-row rules
        # Which other column a cross-field message names, and the date checked against.
        self.context = {
            "sex_mismatch": {"gender_column": table.columns.get(Field.gender, "")},
            "birth_year_mismatch": {"birth_column": table.columns.get(Field.birth_date, "")},
            "future_year": {"as_of": _dmy(as_of)},
        }
        for field in sheet_row.values:  # in column order, like every other problem
            if field not in self.values:
                self.add(field, "formula_without_value")  # nothing to check until recalculated

    # -- recording ---------------------------------------------------------------------------

    def add(self, field: Field, code: str, severity: Severity = Severity.error,
            **params: str) -> None:
        params = {**self.context.get(code, {}), **params}
        self.problems.append(Problem(
            row=self.row, column=self.table.columns.get(field), field=field,
            code=f"{field.value}.{code}", severity=severity, params=params,
        ))

    def apply(self, field: Field, rule: Callable[[], T], **shown: str) -> T | None:
        """Run a rule; a ``RuleError`` becomes an error on ``field`` and the result None.

        ``shown`` are parameters the message may quote (the value as the clerk typed it).
        """
        try:
            return rule()
        except RuleError as error:
            params = {**shown, **error.params}
            self.add(field, error.code, Severity.error, **params)
            return None

    def passes(self, field: Field, rule: Callable[[], object]) -> bool:
        return self.apply(field, lambda: rule() or True) is not None

    def has_error(self, field: Field) -> bool:
        return any(p.field is field and p.is_error for p in self.problems)

    # -- reading cells -----------------------------------------------------------------------

    def text(self, field: Field) -> str | None:
        """The cell as trimmed NFC text (None when empty); warns on repairs, errs on excess."""
        raw = cell_text(self.values.get(field))
        if len(raw) > MAX_CELL_LENGTH:
            self.add(field, "too_long", limit=str(MAX_CELL_LENGTH), length=str(len(raw)),
                     max_length=str(MAX_CELL_LENGTH))
            return None
        converted, encoding = legacy_text.convert(raw)
        text = names.normalize(converted)
        if not text:
            return None
        if encoding is not None:  # typed with a TCVN3/VNI font: read as Unicode, say so
            self.add(field, "encoding_converted", Severity.warning, encoding=encoding.value,
                     converted=text[:60])
        elif unicodedata.normalize("NFC", raw) != raw:
            self.add(field, "unicode_normalized", Severity.warning)
        return text

    def required_text(self, field: Field) -> str | None:
        text = self.text(field)
        if text is None and not self.has_error(field):
            self.add(field, "missing")
        return text

    # -- one check per field ------------------------------------------------------------------

    def check_name(self) -> str | None:
        name = self.required_text(Field.full_name)
        if name is None or self.apply(Field.full_name, lambda: names.validate(name)) is None:
            return None
        # A letter the form's font lacks prints as nothing: the form would name nobody.
        return self.apply(Field.full_name, lambda: drawable.validate(name, FORM_FONT_COVERAGE))

    def printed_text(self, field: Field) -> str | None:
        """An optional value printed on the form; a warning names what would print blank."""
        text = self.text(field)
        missing = drawable.undrawable(text or "", FORM_FONT_COVERAGE)
        if missing:
            self.add(field, "undrawable", Severity.warning, chars=missing[:5],
                     codepoints=" ".join(f"U+{ord(char):04X}" for char in missing))
        return text

    def check_birth_date(self) -> dates.ParsedDate | None:
        value = self.values.get(Field.birth_date)
        if value is None or cell_text(value).strip() == "":
            if not self.has_error(Field.birth_date):
                self.add(Field.birth_date, "missing")
            return None
        parsed = self.apply(Field.birth_date,
                            lambda: dates.parse_date(value, max_year=self.as_of.year))
        if parsed is None:
            return None
        if parsed.value > self.as_of:
            self.add(Field.birth_date, "future", as_of=_dmy(self.as_of))
            return None
        age = dates.age_on(parsed.value, self.as_of)
        if age < MIN_AGE:
            self.add(Field.birth_date, "too_young", age=str(age))
        elif age > WARN_AGE:
            self.add(Field.birth_date, "too_old", Severity.warning, age=str(age))
        return parsed

    def check_gender(self) -> Gender | None:
        text = self.required_text(Field.gender)
        return None if text is None else self.apply(Field.gender, lambda: gender.parse(text))

    def restored_number(self, field: Field, length: int,
                        is_valid: Callable[[str], bool]) -> str | None:
        """Put back the leading zero Excel dropped from a number cell, when that makes it valid."""
        digits = _digits_of_number_cell(self.values.get(field), self.table.typed)
        if digits is None or len(digits) != length - 1 or not is_valid("0" + digits):
            return None
        self.add(field, "leading_zero_restored", Severity.warning, pii_value="0" + digits)
        return "0" + digits

    def check_bhxh_code(self) -> str | None:
        restored = self.restored_number(Field.bhxh_code, 10, bhxh_code.is_valid)
        if restored is not None:
            return restored
        text = self.required_text(Field.bhxh_code)
        if text is None:
            return None
        compact = bhxh_code.compact(text)
        if len(compact) == 12 and compact.isdigit():
            self.add(Field.bhxh_code, "personal_number", Severity.warning,
                     column=self.table.columns.get(Field.bhxh_code, ""))
            return compact
        return self.apply(Field.bhxh_code, lambda: bhxh_code.validate(text))

    def check_id_number(self, nationality: str) -> str | None:
        foreign = _is_foreign(nationality)
        restored = self.restored_number(
            Field.id_number, 12,
            lambda n: cccd.is_valid(n, allow_unknown_province=foreign))
        if restored is not None:
            return restored
        text = self.required_text(Field.id_number)
        if text is None:
            return None
        compact = cccd.compact(text)
        if len(compact) == 9:
            number = self.apply(Field.id_number, lambda: cmnd.validate(compact))
            if number is not None and not cmnd.is_still_valid(self.as_of):
                self.add(Field.id_number, "cmnd_no_longer_valid", Severity.warning)
            return number
        number = self.apply(
            Field.id_number, lambda: cccd.validate(compact, allow_unknown_province=foreign))
        if number is not None and foreign and cccd.province_code(number) not in PROVINCES:
            self.add(Field.id_number, "foreign_province", Severity.warning,
                     province_code=cccd.province_code(number))
        return number

    def check_id_against_person(self, number: str, sex: Gender | None,
                                birth: dates.ParsedDate | None) -> None:
        """The CCCD encodes sex and birth year: a mismatch is a typing slip in one of the cells."""
        if len(number) != 12:
            return
        if not self.passes(Field.id_number, lambda: cccd.validate_birth_year(number, self.as_of)):
            return
        if sex is not None:
            self.passes(Field.id_number, lambda: cccd.check_sex(number, sex))
        if birth is not None:
            self.passes(Field.id_number,
                        lambda: cccd.check_birth_year(number, birth.value.year))

    def check_issue_date(self, birth: dates.ParsedDate | None) -> date | None:
        value = self.values.get(Field.id_issue_date)
        if value is None or cell_text(value).strip() == "":
            return None
        parsed = self.apply(Field.id_issue_date,
                            lambda: dates.parse_date(value, max_year=self.as_of.year))
        if parsed is None:
            return None
        if parsed.year_only:  # only a birth date may be a bare year
            self.add(Field.id_issue_date, "invalid", value=cell_text(value)[:30])
            return None
        birth_day = birth.value if birth is not None else None
        if not self.passes(Field.id_issue_date, lambda: card_validity.validate_issue_date(
                parsed.value, birth_day, self.as_of)):
            return None
        return parsed.value

    def check_card_expiry(self, number: str, birth: dates.ParsedDate | None,
                          issued: date | None) -> None:
        if len(number) != 12 or birth is None or birth.year_only or issued is None:
            return
        age = card_validity.expired_at_age(birth.value, issued, self.as_of)
        if age is not None:
            expired_on = card_validity.birthday(birth.value, age)
            self.add(Field.id_number, "card_expired", Severity.warning, age=str(age),
                     expired_on=_dmy(expired_on))

    def check_phone(self) -> str | None:
        restored = self.restored_number(Field.phone, 10, phone_rule.is_valid)
        if restored is not None:
            return restored
        digits = _digits_of_number_cell(self.values.get(Field.phone), self.table.typed)
        text = self.required_text(Field.phone)
        if text is None:
            return None
        if digits is not None and len(digits) == 10 and digits.startswith("1"):
            text = "0" + digits  # an old 11-digit 01xx number stored as a number
        result = self.apply(Field.phone, lambda: phone_rule.validate_with_conversion(text),
                            pii_value=phone_rule.compact(text))
        if result is None:
            return None
        new, old = result
        if old is not None:
            self.add(Field.phone, "old_number_mapped", Severity.warning, pii_old=old,
                     pii_new=new, carrier=phone_rule.carrier(new))
        return new

    def check_email(self) -> str | None:
        text = self.text(Field.email)
        return None if text is None else self.apply(Field.email, lambda: email.validate(text),
                                                    value=text[:60])

    # -- the whole row -----------------------------------------------------------------------

    def run(self) -> PersonResult:
        full_name = self.check_name()
        birth = self.check_birth_date()
        sex = self.check_gender()
        nationality = self.printed_text(Field.nationality) or VIETNAM
        bhxh = self.check_bhxh_code()
        id_number = self.check_id_number(nationality)
        issued = self.check_issue_date(birth)
        if id_number is not None:
            self.check_id_against_person(id_number, sex, birth)
            self.check_card_expiry(id_number, birth, issued)
        mobile = self.check_phone()
        mail = self.check_email()
        for field, value in ((Field.id_number, id_number), (Field.bhxh_code, bhxh),
                             (Field.phone, mobile)):
            if value is not None:
                self.unique[field] = value
        optional = {f: self.printed_text(f) for f in (Field.id_issue_place, Field.address)}
        optional.update({f: self.text(f) for f in (Field.employee_code, Field.department)})
        display_name = full_name or names.normalize(cell_text(self.values.get(Field.full_name)))
        result = PersonResult(row=self.row, full_name=display_name[:100], problems=self.problems)
        if any(p.is_error for p in self.problems):
            return result
        assert full_name and birth and sex and bhxh and id_number and mobile  # no error → all set
        result.employee = share_fields_set(Employee(
            row=self.row, full_name=full_name, birth_date=birth.value,
            birth_year_only=birth.year_only, gender=sex, bhxh_code=bhxh, id_number=id_number,
            id_issue_date=issued, id_issue_place=optional[Field.id_issue_place], phone=mobile,
            email=mail, address=optional[Field.address], nationality=nationality,
            employee_code=optional[Field.employee_code], department=optional[Field.department],
        ), _EMPLOYEE_FIELDS)
        return result


_EMPLOYEE_FIELDS = frozenset(Employee.model_fields)  # the checker sets every field


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _is_foreign(nationality: str) -> bool:
    return names.normalize(nationality).casefold() not in {"việt nam", "viet nam", "vn",
                                                           "vietnam", "vietnamese"}


# -- cross-row rules ------------------------------------------------------------------------------

def find_duplicates(values: Iterable[tuple[int, str]]) -> dict[int, list[int]]:
    """Rows sharing a value → the other rows with it. Linear in the number of rows.

    >>> find_duplicates([(5, "a"), (6, "b"), (9, "a"), (12, "a")])
    {5: [9, 12], 9: [5, 12], 12: [5, 9]}
    """
    rows_by_value: dict[str, list[int]] = defaultdict(list)
    for row, value in values:
        rows_by_value[value].append(row)
    others: dict[int, list[int]] = {}
    for rows in rows_by_value.values():
        if len(rows) > 1:
            for row in rows:
                others[row] = [r for r in rows if r != row]
    return others


def check_table(table: SheetTable, *, as_of: date,
                rows: Iterable[SheetRow] | None = None) -> Report:
    """Check every person of ``table`` as of ``as_of`` (the date the batch is for).

    ``rows`` replaces ``table.rows``: ``open_sheet``'s rows, read once and one at a time.
    """
    people: list[PersonResult] = []
    unique: dict[Field, list[tuple[int, str]]] = {f: [] for f in UNIQUE_FIELDS}
    for sheet_row in table.rows if rows is None else rows:
        checker = _RowChecker(sheet_row, table, as_of)
        person = checker.run()
        people.append(person)
        for field, value in checker.unique.items():
            unique[field].append((person.row, value))
    by_row = {p.row: p for p in people}
    for field, values in unique.items():
        for row, others in find_duplicates(values).items():
            person = by_row[row]
            person.problems.append(Problem(
                row=row, column=table.columns.get(field), field=field,
                code=f"{field.value}.duplicate", severity=Severity.error,
                params={"other_rows": ", ".join(str(r) for r in others[:5])
                        + (" …" if len(others) > 5 else "")},
            ))
            person.employee = None
    return Report(file=table.file.name, sheet=table.sheet, header_row=table.header_row,
                  columns=table.columns, column_index=table.column_index, people=people)
