"""The QR code on a chip CCCD (2021, front) or a "thẻ căn cước" (2024, back), and the check of a
person's row against it.

The payload is text separated by ``|`` (ids.md, "Card QR code")::

    personal number | old CMND (or empty) | full name | birth date ddmmyyyy | Nam/Nữ |
    address | issue date ddmmyyyy [| more fields on 2024 cards]

The first seven fields are read by position; anything after them is ignored.

>>> card = parse("001090123456|012345678|Nguyễn Văn An|05021990|Nam|"
...              "12 Xã Đàn, Đống Đa, Hà Nội|10082021")
>>> card.number, card.old_number, card.full_name
('001090123456', '012345678', 'Nguyễn Văn An')
>>> card.birth_date, card.gender.value, card.issue_date
(datetime.date(1990, 2, 5), 'Nam', datetime.date(2021, 8, 10))
>>> parse("001090123456||Lê Thị Lan|01011990|Nữ||01072024|079123456789|Lê Văn Ba").old_number
>>> parse("not a card")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidFormat: invalid_format

Nothing here reads files or images: decoding the QR code is ``batch.cards``' job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel, ConfigDict

from vssid_batch.fields import Field
from vssid_batch.models import Employee, Gender, Problem, RowFacts, Severity, birth_text
from vssid_batch.rules.errors import InvalidComponent, InvalidFormat

SEPARATOR = "|"
FIELDS = 7
_GENDERS = {"nam": Gender.male, "nữ": Gender.female}


class CardData(BaseModel):
    """What a card's QR code says. Dates are None when the card leaves them empty."""

    model_config = ConfigDict(frozen=True)

    number: str
    old_number: str | None = None
    full_name: str
    birth_date: date | None = None
    birth_year: int | None = None  # set alone when the card knows only the year (00001950)
    gender: Gender | None = None
    address: str | None = None
    issue_date: date | None = None


def parse_date(text: str) -> date | None:
    """A ``ddmmyyyy`` date; None for an empty field.

    >>> parse_date("05021990"), parse_date(""), parse_date("00001950")  # the year: birth_year
    (datetime.date(1990, 2, 5), None, None)
    >>> parse_date("31021990")
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.InvalidComponent: invalid_component
    """
    text = text.strip()
    if not text or birth_year(text) is not None:
        return None
    if len(text) != 8 or not text.isdigit():
        raise InvalidFormat()
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise InvalidComponent() from None


def birth_year(text: str) -> int | None:
    """The year of a birth date the card gives without day or month (``00001950``), else None.

    >>> birth_year("00001950"), birth_year("00061950"), birth_year("05021990")
    (1950, 1950, None)
    """
    text = text.strip()
    if len(text) == 8 and text.isdigit() and "00" in (text[:2], text[2:4]):
        return int(text[4:])
    return None


def parse_gender(text: str) -> Gender | None:
    """``Nam`` / ``Nữ`` (any case, composed or not); None for an empty field.

    >>> parse_gender("Nữ"), parse_gender("NAM"), parse_gender("")
    (<Gender.female: 'Nữ'>, <Gender.male: 'Nam'>, None)
    """
    folded = fold_name(text)
    if not folded:
        return None
    if folded not in _GENDERS:
        raise InvalidComponent()
    return _GENDERS[folded]


def parse(payload: str) -> CardData:
    """Read a CCCD QR payload; ``InvalidFormat`` when it is not one (another QR code).

    >>> parse("079303000123||Trần Thị Bích|29022004|Nữ|Q.1, TP HCM|15032021|x|y").birth_date
    datetime.date(2004, 2, 29)
    >>> parse("\\ufeff079303000123||Trần Thị Bích|29022004|Nữ||15032021").number
    '079303000123'
    >>> parse("079303000123|Trần Thị Bích|29022004")
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.InvalidFormat: invalid_format
    """
    # A byte-order mark some readers and generators put in front of UTF-8 text is no character
    # of the payload: "\ufeff079…" is the card's number all the same.
    text = unicodedata.normalize("NFC", payload).replace("\ufeff", "")
    parts = [part.strip() for part in text.split(SEPARATOR)]
    if len(parts) < FIELDS:
        raise InvalidFormat()
    number, old, name, birth, sex, address, issued = parts[:FIELDS]
    if not (len(number) == 12 and number.isdigit()) or not name:
        raise InvalidFormat()
    return CardData(
        number=number,
        old_number=old or None,
        full_name=" ".join(name.split()),
        birth_date=parse_date(birth),
        birth_year=birth_year(birth),
        gender=parse_gender(sex),
        address=" ".join(address.split()) or None,
        issue_date=parse_date(issued),
    )


def is_card(payload: str) -> bool:
    """Whether ``payload`` reads as a CCCD QR code.

    >>> is_card("001090123456||An|01011990|Nam||01012021"), is_card("https://example.com")
    (True, False)
    """
    try:
        parse(payload)
    except (InvalidFormat, InvalidComponent):
        return False
    return True


# Word "corrects" ' to ’ and - to ‐ or –: the same name as on the card (ids.md allows both).
_JOINERS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"})


def fold_name(name: str) -> str:
    """A name as compared: NFC, case folded, whitespace collapsed; marks are kept.

    >>> fold_name("  NGUYỄN  văn\\u00a0An "), fold_name("Lân") == fold_name("Lan")
    ('nguyễn văn an', False)
    >>> fold_name("Le\\u0302 Thi\\u0323") == fold_name("LÊ THỊ")
    True
    >>> fold_name("H’Hen Niê") == fold_name("H'HEN NIÊ")
    True
    """
    return " ".join(unicodedata.normalize("NFC", name).translate(_JOINERS).casefold().split())


def one_digit_apart(number: str, other: str) -> bool:
    """Same length and at most one digit different (a typo, or the same number).

    >>> one_digit_apart("001090123456", "001090123457"), one_digit_apart("001", "010")
    (True, False)
    """
    return (
        len(number) == len(other) and sum(a != b for a, b in zip(number, other, strict=True)) <= 1
    )


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _birth_matches(card: date, sheet: date, year_only: bool) -> bool:
    # A sheet that gives only the year can only be checked on the year.
    return card.year == sheet.year if year_only else card == sheet


def compare(
    card: CardData,
    employee: Employee | RowFacts,
    *,
    columns: Mapping[Field, str] | None = None,
    rows_by_number: Mapping[str, int] | None = None,
) -> list[Problem]:
    """The problems of ``employee``'s row against their own card, in column order.

    ``columns`` names the sheet's columns (for the report), ``rows_by_number`` the row of
    every ID number in the sheet (to say whose card it is when it is not this person's).

    A card with another number is someone else's card: only ``card.id_mismatch`` is
    reported then, since every other field would differ too. A row with errors is compared as
    ``RowFacts``: a field it could not give (None) is left to the sheet's own error.

    >>> from datetime import date
    >>> an = Employee(row=5, full_name="Nguyễn Văn Lân", birth_date=date(1990, 2, 5),
    ...               gender="Nam", bhxh_code="0101234567", id_number="001090123456",
    ...               phone="0912345678")
    >>> card = parse("001090123456||NGUYỄN VĂN LÂN|05021990|Nam|Hà Nội|10082021")
    >>> [p.code for p in compare(card, an)]
    ['card.address_filled', 'card.issue_date_filled']
    >>> swapped = card.model_copy(update={"birth_date": date(1990, 5, 2), "full_name": "Lan"})
    >>> [(p.code, p.severity.value) for p in compare(swapped, an)]
    [('card.name_mismatch', 'error'), ('card.birth_date_mismatch', 'error'), \
('card.address_filled', 'warning'), ('card.issue_date_filled', 'warning')]
    >>> other = card.model_copy(update={"number": "001090999999"})
    >>> [(p.code, p.params) for p in compare(other, an, rows_by_number={"001090999999": 9})]
    [('card.id_mismatch', {'pii_card': '001090999999', 'pii_row_value': '001090123456', \
'card_name': 'NGUYỄN VĂN LÂN', 'other_row': '9', 'variant': 'other_row'})]
    """
    found = _Findings(employee.row, columns or {})
    if employee.id_number not in (card.number, card.old_number):
        other = (rows_by_number or {}).get(card.number)
        found.error(
            Field.id_number,
            "id_mismatch",
            pii_card=card.number,
            pii_row_value=employee.id_number or "",
            card_name=card.full_name,
            **({"other_row": str(other), "variant": "other_row"} if other else {}),
        )
        return found.problems
    if employee.full_name is not None and fold_name(card.full_name) != fold_name(
        employee.full_name
    ):
        found.error(Field.full_name, "name_mismatch", card=card.full_name, sheet=employee.full_name)
    _compare_birth(found, card, employee.birth_date, employee.birth_year_only)
    if (
        card.gender is not None
        and employee.gender is not None
        and (card.gender is not employee.gender)
    ):
        found.error(
            Field.gender, "gender_mismatch", card=card.gender.value, sheet=employee.gender.value
        )
    found.optional(Field.address, card.address, employee.address, "address")
    found.optional(
        Field.id_issue_date,
        _dmy(card.issue_date) if card.issue_date else None,
        _dmy(employee.id_issue_date) if employee.id_issue_date else None,
        "issue_date",
    )
    return found.problems


def _compare_birth(found: _Findings, card: CardData, sheet: date | None, year_only: bool) -> None:
    if sheet is None:
        return
    if card.birth_date is not None and not _birth_matches(card.birth_date, sheet, year_only):
        found.error(
            Field.birth_date,
            "birth_date_mismatch",
            card=_dmy(card.birth_date),
            sheet=birth_text(sheet, year_only),
        )
    elif card.birth_year is not None and card.birth_year != sheet.year:
        found.error(
            Field.birth_date,
            "birth_date_mismatch",
            card=str(card.birth_year),
            sheet=birth_text(sheet, year_only),
        )


class _Findings:
    """Problems on one row, with the sheet's column name for each field."""

    def __init__(self, row: int, columns: Mapping[Field, str]) -> None:
        self.row = row
        self.columns = columns
        self.problems: list[Problem] = []

    def add(self, field: Field, what: str, severity: Severity, **params: str) -> None:
        self.problems.append(
            Problem(
                row=self.row,
                column=self.columns.get(field),
                field=field,
                code=f"card.{what}",
                severity=severity,
                params=params,
            )
        )

    def error(self, field: Field, what: str, **params: str) -> None:
        self.add(field, what, Severity.error, **params)

    def optional(self, field: Field, card: str | None, sheet: str | None, what: str) -> None:
        """A field people may leave empty, and that may change (people move): warnings only."""
        if card is None:
            return
        if sheet is None:
            self.add(field, f"{what}_filled", Severity.warning, card=card)
        elif fold_name(card) != fold_name(sheet):
            self.add(field, f"{what}_differs", Severity.warning, card=card, sheet=sheet)


def fill_from_card(employee: Employee, card: CardData) -> Employee:
    """The employee with the card's address and issue date where the sheet left them empty.

    >>> from datetime import date
    >>> an = Employee(row=5, full_name="An", birth_date=date(1990, 2, 5), gender="Nam",
    ...               bhxh_code="0101234567", id_number="001090123456", phone="0912345678",
    ...               address="Huế")
    >>> filled = fill_from_card(an, parse("001090123456||An|05021990|Nam|Hà Nội|10082021"))
    >>> filled.address, filled.id_issue_date
    ('Huế', datetime.date(2021, 8, 10))
    """
    update: dict[str, object] = {}
    if employee.address is None and card.address is not None:
        update["address"] = card.address
    if employee.id_issue_date is None and card.issue_date is not None:
        update["id_issue_date"] = card.issue_date
    # A new record, not model_copy: checked records share one frozen "fields set" (models.py).
    return Employee(**{**dict(employee), **update}) if update else employee
