"""Check the rows of a sheet: every rule of ids.md per person, then the cross-row rules.

``check_table`` turns a ``SheetTable`` (raw cells) into a ``Report``: problems per person with the
Excel row and the column as written, and an ``Employee`` for each person without errors. Repairs
(the leading zeros Excel dropped, an old 11-digit mobile number, decomposed Unicode, look-alike
letters, the one mobile among several numbers) are applied and reported as warnings; the repaired
value is what the documents use.

The rules of ids.md's "Changes since 2021" apply by the check date: from 01/08/2025 the personal
number stands in for a missing BHXH code (said once, as a ``Notice`` of the report), and a foreign
national may be identified by a passport.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from vssid_batch.fields import Field
from vssid_batch.models import (
    Employee,
    Gender,
    Notice,
    PersonResult,
    Problem,
    Report,
    RowFacts,
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
    leading_zeros,
    legacy_text,
    name_repairs,
    names,
    passport,
)
from vssid_batch.rules import phone as phone_rule
from vssid_batch.rules import text as text_rule
from vssid_batch.rules.drawable import FORM_FONT_COVERAGE
from vssid_batch.rules.errors import RuleError
from vssid_batch.rules.leading_zeros import Target
from vssid_batch.rules.provinces import PROVINCES
from vssid_batch.sheet.errors import column_letter
from vssid_batch.sheet.grid import cell_text
from vssid_batch.sheet.model import (
    CellValue,
    FormulaWithoutValue,
    MarkConflict,
    SheetRow,
    SheetTable,
)

MAX_CELL_LENGTH = 1000
# Numbers Excel may have saved as "1,09012E+11" (a CSV exported from a General column).
_NUMBER_FIELDS = frozenset({Field.id_number, Field.bhxh_code, Field.phone})
# One person, one identity: these values may not repeat across rows (ids.md).
UNIQUE_FIELDS = (Field.id_number, Field.bhxh_code, Field.phone)
MIN_AGE, WARN_AGE = 15, 80
# Values most people of a sheet share (the police office that issues CCCDs, a few departments):
# each row's cell is a new string, so 100,000 people would hold 100,000 copies of each (about
# 30 MB); interned, they hold one.
SHARED_FIELDS = (Field.id_issue_place, Field.department)
VIETNAM = "Việt Nam"

T = TypeVar("T")


def excel_cell(column: int, row: int) -> str:
    """The Excel name of a cell from its 0-based column.

    >>> excel_cell(0, 5), excel_cell(5, 12), excel_cell(27, 3)
    ('A5', 'F12', 'AB3')
    """
    return f"{column_letter(column)}{row}"


_CSV_NUMBER = re.compile(r"([0-9]+)(?:\.0+)?", re.ASCII)


def _digits_of_number_cell(value: CellValue, typed: bool) -> str | None:
    """The digits of a cell Excel may have stored as a number (and so stripped of leading zeros).

    Text cells of a typed workbook are never padded; CSV cells carry no type, so a CSV value of
    digits only is treated like a number cell (that is how Excel writes such a column to CSV).

    >>> _digits_of_number_cell("1090123456", False), _digits_of_number_cell("1090123456.0", False)
    ('1090123456', '1090123456')
    >>> _digits_of_number_cell("1090123456", True), _digits_of_number_cell("1.09012E+11", False)
    (None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if not typed and isinstance(value, str):
        # A CSV written by a script or LibreOffice from a float column says "1090123456.0".
        found = _CSV_NUMBER.fullmatch(value.strip())
        return None if found is None else found[1]
    return None


class _RowChecker:
    """Checks one person row, collecting problems; each ``check_*`` returns the clean value."""

    def __init__(self, sheet_row: SheetRow, table: SheetTable, as_of: date) -> None:
        self.row = sheet_row.row
        self.table = table
        self.as_of = as_of
        self.problems: list[Problem] = []
        self.values = {
            f: v for f, v in sheet_row.values.items() if not isinstance(v, FormulaWithoutValue)
        }
        self.where = sheet_row.where or {}  # a field whose column depends on the row
        self.unique: dict[Field, str] = {}  # clean values of UNIQUE_FIELDS, for cross-row rules
        self.code_is_personal_number = False  # no BHXH code: the personal number stands in
        self.id_digits: str | None = None  # the ID number cell as read, valid or not
        # Which other column a cross-field message names, and the date checked against.
        self.context = {
            "sex_mismatch": {"gender_column": table.columns.get(Field.gender, "")},
            "birth_year_mismatch": {"birth_column": table.columns.get(Field.birth_date, "")},
            "future_year": {"as_of": _dmy(as_of)},
        }
        for field in sheet_row.values:  # in column order, like every other problem
            if field not in self.values:
                self.add(field, "formula_without_value")  # nothing to check until recalculated
            elif isinstance(value := self.values[field], str):
                self.values[field] = self.without_controls(field, value)

    # -- recording ---------------------------------------------------------------------------

    def add(
        self, field: Field, code: str, severity: Severity = Severity.error, **params: str
    ) -> None:
        params = {**self.context.get(code, {}), **params}
        column = self.table.columns.get(field)
        if field in self.where:
            column = self.table.headers.get(self.where[field], column)
        self.problems.append(
            Problem(
                row=self.row,
                column=column,
                field=field,
                code=f"{field.value}.{code}",
                severity=severity,
                params=params,
            )
        )

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

    def without_controls(self, field: Field, value: str) -> str:
        """A text cell without control characters, which would otherwise reach the forms."""
        text, removed = text_rule.strip_controls(value)
        if removed:
            self.add(field, "control_characters", Severity.warning, chars=", ".join(removed))
        return text

    def text(self, field: Field) -> str | None:
        """The cell as trimmed NFC text (None when empty); warns on repairs, errs on excess."""
        raw = cell_text(self.values.get(field))
        if len(raw) > MAX_CELL_LENGTH:
            self.add(
                field,
                "too_long",
                limit=str(MAX_CELL_LENGTH),
                length=str(len(raw)),
                max_length=str(MAX_CELL_LENGTH),
            )
            return None
        converted, encoding = legacy_text.convert(raw)
        text = names.normalize(converted)
        if not text:
            return None
        if encoding is not None:  # typed with a TCVN3/VNI font: read as Unicode, say so
            self.add(
                field,
                "encoding_converted",
                Severity.warning,
                encoding=encoding.value,
                converted=text[:60],
            )
        elif unicodedata.normalize("NFC", raw) != raw:
            self.add(field, "unicode_normalized", Severity.warning)
        if field in _NUMBER_FIELDS and leading_zeros.is_scientific_notation(text):
            self.add(field, "scientific_notation", value=text[:20])
            return None
        return text

    def required_text(self, field: Field) -> str | None:
        text = self.text(field)
        if text is None and not self.has_error(field):
            self.add(field, "missing")
        return text

    # -- one check per field ------------------------------------------------------------------

    def check_name(self) -> str | None:
        text = self.required_text(Field.full_name)
        if text is None:
            return None
        fixed, letters = name_repairs.fix_lookalikes(text)
        if letters:  # letters of another alphabet: no register would find the name
            self.add(
                Field.full_name,
                "lookalike_letters",
                Severity.warning,
                letters=letters,
                codepoints=", ".join(f"U+{ord(c):04X}" for c in letters),
                fixed=fixed,
            )
        bare = name_repairs.without_honorific(fixed)
        if bare is not None:
            self.add(Field.full_name, "honorific", Severity.warning, bare=bare)
            # Kept as written ("Ông" and "Bà" are surnames too), unless only the honorific's
            # dot ("Mr.", "Ô.") makes it invalid: then the honorific is certain and goes.
            if not names.is_valid(fixed) and names.is_valid(bare):
                fixed = bare
        valid = self.apply(Field.full_name, lambda: names.validate(fixed))
        if valid is None:
            return None
        # A letter the form's font lacks prints as nothing: the form would name nobody.
        return self.apply(Field.full_name, lambda: drawable.validate(valid, FORM_FONT_COVERAGE))

    def printed_text(self, field: Field) -> str | None:
        """An optional value printed on the form; a warning names what would print blank."""
        text = self.text(field)
        missing = drawable.undrawable(text or "", FORM_FONT_COVERAGE)
        if missing:
            self.add(
                field,
                "undrawable",
                Severity.warning,
                chars=missing[:5],
                codepoints=" ".join(f"U+{ord(char):04X}" for char in missing),
            )
        return text

    def check_birth_date(self) -> dates.ParsedDate | None:
        value = self.values.get(Field.birth_date)
        if value is None or cell_text(value).strip() == "":
            if not self.has_error(Field.birth_date):
                self.add(Field.birth_date, "missing")
            return None
        parsed = self.apply(
            Field.birth_date, lambda: dates.parse_date(value, max_year=self.as_of.year)
        )
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

    def check_single_word_name(self, name: str) -> None:
        """A name of one word ("MAI") is most often only the given name of a split name column."""
        if len(name.split()) == 1:
            self.add(Field.full_name, "single_word", Severity.warning, value=name[:60])

    def check_gender(self) -> Gender | None:
        marks = self.values.get(Field.gender)
        if isinstance(marks, MarkConflict):  # a "Nam" | "Nữ" pair with both or neither filled
            self.add(Field.gender, "invalid", value=marks.shown)
            return None
        text = self.required_text(Field.gender)
        return None if text is None else self.apply(Field.gender, lambda: gender.parse(text))

    def restored_number(self, field: Field, targets: list[Target]) -> str | None:
        """Put back the leading zeros Excel dropped from a number cell (``rules.leading_zeros``:
        only when the result is valid), with a warning naming the cell and the count."""
        digits = _digits_of_number_cell(self.values.get(field), self.table.typed)
        number = None if digits is None else leading_zeros.restore(digits, targets)
        if number is None or digits is None:
            return None
        column = self.table.column_index.get(field)
        self.add(
            field,
            "leading_zero_restored",
            Severity.warning,
            pii_value=number,
            zeros=str(len(number) - len(digits)),
            cell="" if column is None else excel_cell(column, self.row),
        )
        return number

    def check_bhxh_code(self) -> str | None:
        """The code column's value; None when empty (``settle_bhxh_code`` decides) or wrong."""
        restored = self.restored_number(
            Field.bhxh_code,
            [Target(bhxh_code.LENGTH, bhxh_code.is_valid, max_zeros=bhxh_code.MAX_LOST_ZEROS)],
        )
        if restored is not None:
            return restored
        text = self.text(Field.bhxh_code)
        if text is None:
            return None
        compact = bhxh_code.compact(text)
        if len(compact) == cccd.LENGTH and compact.isdigit():
            return compact  # a personal number: settle_bhxh_code compares it with the ID
        return self.apply(Field.bhxh_code, lambda: bhxh_code.validate(text))

    def settle_bhxh_code(self, code: str | None, id_number: str | None) -> str | None:
        """The code the documents carry: the column's, or the personal number standing in.

        From 01/08/2025 (Công văn 1804/BHXH-QLT) the 12-digit personal number replaces the
        10-digit code; before that, or without a personal number (a passport), a missing code
        is an error. A 12-digit number in the code column must be the person's own.
        """
        personal = id_number if id_number is not None and _is_personal_number(id_number) else None
        replaces = bhxh_code.personal_number_replaces_code(self.as_of)
        if code is None:
            if self.has_error(Field.bhxh_code):
                return None  # already reported
            if replaces and personal is not None:
                self.code_is_personal_number = True
                return personal
            # A wrong ID number that would have stood in: its own error says what to fix.
            if not (replaces and id_number is None and self.has_error(Field.id_number)):
                self.add(Field.bhxh_code, "missing")
            return None
        if len(code) == cccd.LENGTH:
            if id_number is not None and code != id_number:
                self.add(
                    Field.bhxh_code,
                    "personal_number_mismatch",
                    id_column=self.table.columns.get(Field.id_number, ""),
                )
                return None
            if not replaces:
                self.add(
                    Field.bhxh_code,
                    "personal_number",
                    Severity.warning,
                    column=self.table.columns.get(Field.bhxh_code, ""),
                )
        return code

    def _id_targets(
        self, foreign: bool, sex: Gender | None, birth: dates.ParsedDate | None
    ) -> list[Target]:
        """What a number cell in the ID column may have been before Excel dropped its zeros:
        a CCCD of a known province consistent with the row, or (for a citizen) a CMND."""

        def matches_row(number: str) -> bool:
            return (
                cccd.birth_year(number) <= self.as_of.year
                and (sex is None or cccd.sex(number) is sex)
                and (birth is None or cccd.birth_year(number) == birth.value.year)
            )

        def agrees(number: str) -> bool:  # the row has the facts and they match
            return sex is not None and birth is not None and matches_row(number)

        targets = [Target(cccd.LENGTH, lambda n: cccd.is_valid(n) and matches_row(n), agrees)]
        if not foreign:  # foreigners never had a CMND
            targets.append(Target(cmnd.LENGTH, cmnd.is_valid, max_zeros=cmnd.MAX_LOST_ZEROS))
        return targets

    def check_id_number(
        self, foreign: bool, sex: Gender | None = None, birth: dates.ParsedDate | None = None
    ) -> str | None:
        text = self.restored_number(
            Field.id_number, self._id_targets(foreign, sex, birth)
        ) or self.required_text(Field.id_number)
        if text is None:
            return None
        compact = self.id_digits = cccd.compact(text)
        if len(compact) != cccd.LENGTH and (passport.looks_like(compact) or foreign):
            return self.check_passport(compact, foreign)
        if len(compact) == 9:
            number = self.apply(Field.id_number, lambda: cmnd.validate(compact))
            if number is not None and not cmnd.is_still_valid(self.as_of):
                self.add(Field.id_number, "cmnd_no_longer_valid", Severity.warning)
            return number
        number = self.apply(
            Field.id_number, lambda: cccd.validate(compact, allow_unknown_province=foreign)
        )
        if number is not None and foreign and cccd.province_code(number) not in PROVINCES:
            self.add(
                Field.id_number,
                "foreign_province",
                Severity.warning,
                province_code=cccd.province_code(number),
            )
        return number

    def check_passport(self, number: str, foreign: bool) -> str | None:
        """A foreign national's passport number (CCCD rules do not apply); a citizen's is an
        error, since a citizen is identified by the CCCD."""
        if not foreign:
            # No nationality column yet: the hint names the one to add.
            self.add(
                Field.id_number,
                "passport_citizen",
                nationality_column=self.table.columns.get(Field.nationality, "Quốc tịch"),
            )
            return None
        valid = self.apply(Field.id_number, lambda: passport.validate(number))
        if valid is not None:
            self.add(Field.id_number, "passport", Severity.warning, pii_value=valid)
        return valid

    def check_id_against_person(
        self, number: str, sex: Gender | None, birth: dates.ParsedDate | None
    ) -> None:
        """The CCCD encodes sex and birth year: a mismatch is a typing slip in one of the cells."""
        if len(number) != 12:
            return
        if not self.passes(Field.id_number, lambda: cccd.validate_birth_year(number, self.as_of)):
            return
        if sex is not None:
            self.passes(Field.id_number, lambda: cccd.check_sex(number, sex))
        if birth is not None:
            self.passes(Field.id_number, lambda: cccd.check_birth_year(number, birth.value.year))

    def check_issue_date(self, birth: dates.ParsedDate | None) -> date | None:
        value = self.values.get(Field.id_issue_date)
        if value is None or cell_text(value).strip() == "":
            return None
        parsed = self.apply(
            Field.id_issue_date, lambda: dates.parse_date(value, max_year=self.as_of.year)
        )
        if parsed is None:
            return None
        if parsed.year_only:  # only a birth date may be a bare year
            self.add(Field.id_issue_date, "invalid", value=cell_text(value)[:30])
            return None
        birth_day = birth.value if birth is not None else None
        if not self.passes(
            Field.id_issue_date,
            lambda: card_validity.validate_issue_date(parsed.value, birth_day, self.as_of),
        ):
            return None
        return parsed.value

    def check_card_expiry(
        self, number: str, birth: dates.ParsedDate | None, issued: date | None
    ) -> None:
        if len(number) != 12 or birth is None or birth.year_only or issued is None:
            return
        age = card_validity.expired_at_age(birth.value, issued, self.as_of)
        if age is not None:
            expired_on = card_validity.birthday(birth.value, age)
            self.add(
                Field.id_number,
                "card_expired",
                Severity.warning,
                age=str(age),
                expired_on=_dmy(expired_on),
            )

    def check_phone(self) -> str | None:
        restored = self.restored_number(
            Field.phone, [Target(phone_rule.LENGTH, phone_rule.is_valid)]
        )
        if restored is not None:
            return restored
        digits = _digits_of_number_cell(self.values.get(Field.phone), self.table.typed)
        text = self.required_text(Field.phone)
        if text is None:
            return None
        text = self.without_note(text)
        text = self.one_phone_number(text)
        if text is None:
            return None
        if digits is not None and len(digits) == 10 and digits.startswith("1"):
            text = "0" + digits  # an old 11-digit 01xx number stored as a number
        result = self.apply(
            Field.phone,
            lambda: phone_rule.validate_with_conversion(text),
            pii_value=phone_rule.compact(text),
        )
        if result is None:
            return None
        new, old = result
        if old is not None:
            self.add(
                Field.phone,
                "old_number_mapped",
                Severity.warning,
                pii_old=old,
                pii_new=new,
                carrier=phone_rule.carrier(new),
            )
        return new

    def without_note(self, text: str) -> str:
        """The cell's numbers without the words around them ("DĐ: …", "(zalo)"), which a
        warning quotes: a note may say the number is not the employee's own."""
        numbers, note = phone_rule.split_note(text)
        if note:
            shown = phone_rule.compact(numbers)
            note = note[:60]  # a paragraph pasted beside the number: its start is enough
            self.add(Field.phone, "note_removed", Severity.warning, note=note, pii_value=shown)
        return numbers

    def one_phone_number(self, text: str) -> str | None:
        """The cell's mobile when it holds several numbers and exactly one is a mobile."""
        chosen = self.apply(Field.phone, lambda: phone_rule.choose_mobile(text) or (text, []))
        if chosen is None:
            return None  # two mobiles: the employee must choose
        mobile, others = chosen
        if others:
            self.add(
                Field.phone,
                "other_number_ignored",
                Severity.warning,
                pii_value=phone_rule.compact(mobile),
                pii_other=phone_rule.compact(others[0]),
                others=str(len(others)),
            )
        return mobile

    def check_email(self) -> str | None:
        text = self.text(Field.email)
        return (
            None
            if text is None
            else self.apply(Field.email, lambda: email.validate(text), value=text[:60])
        )

    # -- the whole row -----------------------------------------------------------------------

    def run(self) -> PersonResult:
        full_name = self.check_name()
        if full_name is not None:
            self.check_single_word_name(full_name)
        birth = self.check_birth_date()
        sex = self.check_gender()
        nationality = sys.intern(self.printed_text(Field.nationality) or VIETNAM)
        column_code = self.check_bhxh_code()
        id_number = self.check_id_number(_is_foreign(nationality), sex, birth)
        bhxh = self.settle_bhxh_code(column_code, id_number)
        issued = self.check_issue_date(birth)
        if id_number is not None:
            self.check_id_against_person(id_number, sex, birth)
            self.check_card_expiry(id_number, birth, issued)
        mobile = self.check_phone()
        mail = self.check_email()
        # A personal number in the code column is the ID number: counted once, as the ID.
        code = bhxh if bhxh is not None and len(bhxh) == bhxh_code.LENGTH else None
        for field, value in (
            (Field.id_number, id_number),
            (Field.bhxh_code, code),
            (Field.phone, mobile),
        ):
            if value is not None:
                self.unique[field] = value
        optional = {f: self.printed_text(f) for f in (Field.id_issue_place, Field.address)}
        optional.update({f: self.text(f) for f in (Field.employee_code, Field.department)})
        for field in SHARED_FIELDS:
            if (value := optional[field]) is not None:
                optional[field] = sys.intern(value)
        display_name = full_name or names.normalize(cell_text(self.values.get(Field.full_name)))
        if any(p.is_error for p in self.problems):
            result = PersonResult(
                row=self.row, full_name=display_name[:100], problems=self.problems
            )
            result.facts = RowFacts(
                row=self.row,
                id_number=id_number or self.id_digits,
                full_name=full_name,
                birth_date=birth.value if birth else None,
                birth_year_only=bool(birth and birth.year_only),
                gender=sex,
                address=optional[Field.address],
                id_issue_date=issued,
                employee_code=optional[Field.employee_code],
            )
            return result
        assert full_name and birth and sex and bhxh and id_number and mobile  # no error → all set
        employee = share_fields_set(
            Employee(
                row=self.row,
                full_name=full_name,
                birth_date=birth.value,
                birth_year_only=birth.year_only,
                gender=sex,
                bhxh_code=bhxh,
                id_number=id_number,
                id_issue_date=issued,
                id_issue_place=optional[Field.id_issue_place],
                phone=mobile,
                email=mail,
                address=optional[Field.address],
                nationality=nationality,
                employee_code=optional[Field.employee_code],
                department=optional[Field.department],
            ),
            _EMPLOYEE_FIELDS,
        )
        result = PersonResult(
            row=self.row, full_name=display_name[:100], problems=self.problems, employee=employee
        )
        return share_fields_set(result, _RESULT_FIELDS)


_EMPLOYEE_FIELDS = frozenset(Employee.model_fields)  # the checker sets every field
_RESULT_FIELDS = frozenset({"row", "full_name", "problems", "employee"})


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _is_personal_number(number: str) -> bool:
    return len(number) == cccd.LENGTH and number.isdigit()


def _is_foreign(nationality: str) -> bool:
    return names.normalize(nationality).casefold() not in {
        "việt nam",
        "viet nam",
        "vn",
        "vietnam",
        "vietnamese",
    }


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


def check_table(
    table: SheetTable, *, as_of: date, rows: Iterable[SheetRow] | None = None
) -> Report:
    """Check every person of ``table`` as of ``as_of`` (the date the batch is for).

    ``rows`` replaces ``table.rows``: ``open_sheet``'s rows, read once and one at a time.
    """
    people: list[PersonResult] = []
    unique: dict[Field, list[tuple[int, str]]] = {f: [] for f in UNIQUE_FIELDS}
    standing_in: list[int] = []  # rows whose personal number stands in for the BHXH code
    for sheet_row in table.rows if rows is None else rows:
        checker = _RowChecker(sheet_row, table, as_of)
        person = checker.run()
        people.append(person)
        if checker.code_is_personal_number:
            standing_in.append(person.row)
        for field, value in checker.unique.items():
            unique[field].append((person.row, value))
    by_row = {p.row: p for p in people}
    for field, values in unique.items():
        for row, others in find_duplicates(values).items():
            person = by_row[row]
            person.problems.append(
                Problem(
                    row=row,
                    column=table.columns.get(field),
                    field=field,
                    code=f"{field.value}.duplicate",
                    severity=Severity.error,
                    params={
                        "other_rows": ", ".join(str(r) for r in others[:5])
                        + (" …" if len(others) > 5 else "")
                    },
                )
            )
            person.reject()
    # Said once for the batch, not on every row: why these people have no 10-digit code.
    valid = sum(1 for row in standing_in if by_row[row].employee is not None)
    notices = (
        [
            Notice(
                code="bhxh_code.personal_number_used",
                params={
                    "people": str(valid),
                    "since": bhxh_code.PERSONAL_NUMBER_FROM.strftime("%d/%m/%Y"),
                },
            )
        ]
        if valid
        else []
    )
    return Report(
        file=table.file.name,
        sheet=table.sheet,
        header_row=table.header_row,
        columns=table.columns,
        column_index=table.column_index,
        headers=table.headers,
        people=people,
        hidden=hidden_results(table),
        notices=notices,
    )


def hidden_results(table: SheetTable) -> list[PersonResult]:
    """The rows hidden in the workbook that would be people, each with its ``row.hidden``
    warning (a row's warning, on no column): they are not checked and get no form."""
    return [
        PersonResult(
            row=hidden.row,
            full_name=hidden.name,
            problems=[
                Problem(
                    row=hidden.row,
                    column=None,
                    field=None,
                    code="row.hidden",
                    severity=Severity.warning,
                    params={"name": hidden.name},
                )
            ],
        )
        for hidden in table.hidden
    ]
