"""The data that flows through the pipeline, as pydantic models.

``Employee`` is a checked person, ready for documents; ``Problem`` and ``Report`` are what
``check`` finds; ``Unit`` is the employer's configuration (unit.toml).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

from vssid_batch.documents.edition import DEFAULT_EDITION
from vssid_batch.fields import Field

M = TypeVar("M", bound=BaseModel)


# Default factories for pydantic fields, used instead of the builtins ``dict`` and ``list``:
# pydantic reads a default factory's signature, and for a builtin that means tokenizing its text
# signature, whose first use compiles tokenize's patterns (5 ms of a command's start, each time
# a module with such a model loads first).


def empty_dict() -> dict[Any, Any]:
    return {}


def empty_list() -> list[Any]:
    return []


def share_fields_set(model: M, fields: frozenset[str]) -> M:
    """Let ``model`` share one frozen set of "fields set explicitly" with its siblings.

    Pydantic keeps that set per instance (about 700 bytes for an Employee); the checker sets
    the same fields on every record it builds, so 100,000 people share one set instead of
    holding 70 MB of identical ones. The model was validated normally before this.
    """
    if model.__pydantic_fields_set__ == fields:
        object.__setattr__(model, "__pydantic_fields_set__", fields)
    return model


class Gender(str, Enum):
    male = "Nam"
    female = "Nữ"


class Severity(str, Enum):
    error = "error"
    warning = "warning"


class Problem(BaseModel):
    """One finding on one cell (or one row when ``column`` is None).

    ``code`` is the stable ``<field>.<what>`` code; ``params`` fill the message templates in
    ``vssid_batch.messages``. Params whose key starts with ``pii_`` hold ID or phone numbers and
    are masked when shown unless the clerk asks for them.
    """

    model_config = ConfigDict(frozen=True)

    row: int
    column: str | None
    field: Field | None
    code: str
    severity: Severity
    params: dict[str, str] = PydanticField(default_factory=empty_dict)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error


class Employee(BaseModel):
    """A person whose row passed every error-level rule; values are normalised for documents."""

    model_config = ConfigDict(frozen=True)

    row: int
    full_name: str
    birth_date: date
    birth_year_only: bool = False
    gender: Gender
    # The 10-digit mã số BHXH, or from 01/08/2025 the 12-digit personal number standing in for it.
    bhxh_code: str
    id_number: str  # 12-digit CCCD, 9-digit CMND, or a foreign national's passport number
    id_issue_date: date | None = None
    id_issue_place: str | None = None
    phone: str
    email: str | None = None
    address: str | None = None
    nationality: str = "Việt Nam"
    employee_code: str | None = None
    department: str | None = None

    @property
    def birth_date_text(self) -> str:
        """dd/mm/yyyy, or only the year when the sheet gave only the year."""
        return birth_text(self.birth_date, self.birth_year_only)


def birth_text(day: date, year_only: bool) -> str:
    """dd/mm/yyyy, or only the year when the sheet gave only the year."""
    return f"{day.year}" if year_only else day.strftime("%d/%m/%Y")


class RowFacts(BaseModel):
    """What could be read from a row that has errors (None: empty or wrong), for the card check:
    the card then says what the sheet should hold. ``id_number`` is the cleaned number when it
    is valid, else the cell's digits as typed (a photo may still be named by them)."""

    model_config = ConfigDict(frozen=True)

    row: int
    id_number: str | None = None
    full_name: str | None = None
    birth_date: date | None = None
    birth_year_only: bool = False
    gender: Gender | None = None
    address: str | None = None
    id_issue_date: date | None = None
    employee_code: str | None = None


class PersonResult(BaseModel):
    """A person row, what was found on it, and the checked record when it has no error."""

    row: int
    full_name: str
    problems: list[Problem] = PydanticField(default_factory=empty_list)
    employee: Employee | None = None
    # The row's values when it has no ``employee`` (never written out: it holds the ID number).
    facts: RowFacts | None = PydanticField(default=None, exclude=True)

    def __setattr__(self, name: str, value: object) -> None:
        # The checker shares one frozen "fields set" between results (``share_fields_set``):
        # a later change (a record rejected, filled from a card) gets a set of its own first.
        if isinstance(self.__pydantic_fields_set__, frozenset):
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)

    @property
    def record(self) -> Employee | RowFacts | None:
        """What the card check compares: the checked record, else what the row gave."""
        return self.employee or self.facts

    def reject(self) -> None:
        """Drop the checked record (an error found later), keeping its values for the card."""
        if self.employee is not None:
            self.facts = RowFacts.model_validate(self.employee.model_dump())
            self.employee = None

    @property
    def is_valid(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @property
    def has_warnings(self) -> bool:
        return any(not p.is_error for p in self.problems)


class CardCounts(BaseModel):
    """``summary.cards`` (``--photos``): people whose card photos were read, and the outcome."""

    checked: int = 0
    matched: int = 0
    mismatched: int = 0
    unreadable: int = 0


class Summary(BaseModel):
    people: int
    valid: int
    with_errors: int
    with_warnings: int
    errors: int
    warnings: int
    cards: CardCounts | None = None  # only with --photos


class Notice(BaseModel):
    """Something said once about the whole sheet (not a problem of a row); ``code`` keys the
    ``notice.<code>`` text of the message catalogue."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, str] = PydanticField(default_factory=empty_dict)


class Report(BaseModel):
    """The outcome of checking one sheet."""

    file: str
    sheet: str | None
    header_row: int
    columns: dict[Field, str] = PydanticField(default_factory=empty_dict)
    column_index: dict[Field, int] = PydanticField(default_factory=empty_dict)  # 0-based
    headers: dict[int, str] = PydanticField(default_factory=empty_dict)  # 0-based column → header
    people: list[PersonResult] = PydanticField(default_factory=empty_list)
    # Rows hidden in the workbook (filtered out or hidden by hand): not people, each with its
    # ``row.hidden`` warning.
    hidden: list[PersonResult] = PydanticField(default_factory=empty_list)
    notices: list[Notice] = PydanticField(default_factory=empty_list)
    cards: CardCounts | None = None  # set by the card check (--photos)

    @property
    def problems(self) -> list[Problem]:
        found = [p for person in self.people for p in person.problems]
        return found + [p for row in self.hidden for p in row.problems]

    @property
    def employees(self) -> list[Employee]:
        return [p.employee for p in self.people if p.employee is not None]

    @property
    def records(self) -> list[Employee | RowFacts]:
        """Every person row's record, errors or not (the card check's people)."""
        return [record for p in self.people if (record := p.record) is not None]

    @property
    def summary(self) -> Summary:
        problems = self.problems
        valid = sum(1 for p in self.people if p.is_valid)
        return Summary(
            people=len(self.people),
            valid=valid,
            with_errors=len(self.people) - valid,
            with_warnings=sum(1 for p in self.people if p.is_valid and p.has_warnings),
            errors=sum(1 for p in problems if p.is_error),
            warnings=sum(1 for p in problems if not p.is_error),
            cards=self.cards,
        )

    @property
    def has_errors(self) -> bool:
        return any(not p.is_valid for p in self.people)


# ---------------------------------------------------------------------------------------------
# The employer's configuration (unit.toml, written by `vssid-batch init`).


class _ConfigModel(BaseModel):
    # Validators built on first use, not at import: `validate` never reads unit.toml, and
    # building these six models is about a tenth of its start-up.
    model_config = ConfigDict(defer_build=True)


# The longest text unit.toml may hold: a line (a person's name, a title, a number) or a long
# name (an employer, an office, an address), counted in NFC. Far above any real value, and low
# enough that ordinary text fits the letter's heading and signature block on one page; a value
# that is very wide for its length (long dashes, letters that grow in capitals) is refused when
# the letter is drawn (documents/cover_letter.py, LetterDoesNotFit).
ConfigLine = Annotated[str, PydanticField(max_length=100)]
ConfigText = Annotated[str, PydanticField(max_length=300)]


class Employer(_ConfigModel):
    name: ConfigText
    parent: ConfigText | None = None
    bhxh_unit_code: ConfigLine
    tax_code: ConfigLine  # checked and formatted by ``rules.mst`` when the config is loaded
    address: ConfigText


class Contact(_ConfigModel):
    name: ConfigLine
    phone: ConfigLine
    email: ConfigLine | None = None


class Signer(_ConfigModel):
    name: ConfigLine
    title: ConfigLine = "GIÁM ĐỐC"
    # "KT. GIÁM ĐỐC" or "TM. …" when the signer signs on someone's behalf (Nghị định 30/2020).
    authority: ConfigLine | None = None


class Letter(_ConfigModel):
    number: int = PydanticField(ge=1, strict=True)  # not `true`, which would print as 01
    symbol: ConfigLine  # e.g. "CV-SAOMAI": Số: 05/2026/CV-SAOMAI
    place: ConfigLine  # địa danh, e.g. "Hà Nội"
    recipient: ConfigText = "Bảo hiểm xã hội quận Đống Đa"
    reference: ConfigLine = "219/BHXH"
    reference_date: date = date(2021, 3, 11)
    reference_issuer: ConfigText = "Bảo hiểm xã hội quận Đống Đa"
    archive: ConfigLine = "VT, HCNS"


class FormSettings(_ConfigModel):
    # A packaged edition's key, or (once the config is loaded) the absolute path of an edition
    # file beside unit.toml: see ``documents.edition``.
    edition: str = DEFAULT_EDITION


class Unit(_ConfigModel):
    """Everything about the employer the forms and the cover letter need."""

    employer: Employer
    contact: Contact
    signer: Signer
    letter: Letter
    form: FormSettings = PydanticField(default_factory=FormSettings)
