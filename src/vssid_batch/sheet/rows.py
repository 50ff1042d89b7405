"""Which rows below the header are people (cli.md): a row with a name, or with at least two of
birth date, BHXH code, ID number and phone filled.

What is *not* a person is where real sheets are tricky. Below the list come a total
("Tổng cộng: 20 người"), a place-and-date line ("Hà Nội, ngày 25 tháng 11 năm 2026"), the
signature captions ("Người lập biểu", "Kế toán trưởng", "Thủ trưởng đơn vị") — the first one in
column B, usually the name column — and, a few rows lower, the signers' names, again in the name
column. Lists are split by section titles ("I. KHỐI VĂN PHÒNG"), and right under the header many
templates number the columns ("(1) (2) (3)" or "A B 1 2 3").

The rules recognise that boilerplate by its wording, matched with its diacritics (case aside) so
that the caption "Trưởng phòng" is not confused with a person called "Trương Phong". The
signature block is recognised by position: a signature caption after the last row that carries a
person's numbers starts the footer, and names below it are the signers, not employees.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from itertools import pairwise

from vssid_batch.fields import Field
from vssid_batch.sheet.grid import Grid, is_blank, to_cell
from vssid_batch.sheet.model import CellValue, FormulaWithoutValue, SheetRow

IDENTITY_FIELDS = (Field.birth_date, Field.bhxh_code, Field.id_number, Field.phone)

# Fields whose value a vertical merge spreads over several people (one "Nơi cấp" or
# "Phòng ban" cell merged down a block of rows). Name and identity cells are never spread: they
# decide whether a row is a person at all.
MERGE_FILLED_FIELDS = frozenset(Field) - {Field.full_name, *IDENTITY_FIELDS}

NUMBERING_ROWS = 3  # a column-numbering row sits right under the header, if anywhere
# Cell classes ``to_cell`` returns unchanged; the hot loop of ``person_rows`` skips the call.
_KEPT_AS_IS = frozenset({datetime.date, datetime.datetime, FormulaWithoutValue})


def _fold(text: str) -> str:
    """Case- and spacing-insensitive, but diacritics kept (NFC)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# Totals: never a person, whatever else the row holds (its other cells are counts and sums).
_TOTAL = r"(?:tổng\s*cộng|tổng\s*số|tổng|cộng|tong\s+cong|total)\b"

# The signature block: only ever below the list.
_SIGNATURES = (
    "người lập biểu", "người lập bảng", "người lập danh sách", "người lập", "người kiểm tra",
    "người duyệt", "người đại diện", "đại diện", "kế toán trưởng", "kế toán", "thủ trưởng",
    "tổng giám đốc", "phó giám đốc", "giám đốc", "kt. giám đốc", "kt giám đốc", "tm.",
    "trưởng phòng", "trưởng ban", "chủ tịch", "thủ quỹ", "xác nhận", "ký tên", "ký, ",
    "nguoi lap bieu", "ke toan truong", "thu truong don vi", "giam doc", "prepared by",
    "chief accountant", "director",
)
# Notes and titles that may sit anywhere.
_NOTES = ("ghi chú", "lưu ý", "danh sách", "đơn vị:", "note")


def _phrases(phrases: Sequence[str]) -> str:
    # A phrase ending in a letter must end a word there ("tm." ends in punctuation).
    return "|".join(re.escape(p) + (r"(?!\w)" if p[-1].isalnum() else "") for p in phrases)


_DATE_LINE = r".*?(?:ngày\s*\S*\s*tháng\s*\S*\s*năm|ngay\s*\S*\s*thang\s*\S*\s*nam)"
_WRAPPED = r"[(\[].*[)\]]$"  # "(Ký, họ tên)", "(Đã ký)"

# Section titles that split a list: "I. KHỐI VĂN PHÒNG", "A - Bộ phận sản xuất", "Phòng Kế toán".
_SECTION = (
    r"(?:[ivxlc]+|[a-z]|\d{1,2})\s*[.)/:-]\s*\S"
    r"|(?:khối|bộ phận|phòng|ban|chi nhánh|văn phòng|tổ|đội|xưởng|nhà máy|công ty)\s+\S"
)

# One pass over the folded text tells which kind of non-name it is, if any.
_KIND = re.compile(
    rf"^(?:(?P<total>{_TOTAL})|(?P<signature>{_phrases(_SIGNATURES)}|{_DATE_LINE}|{_WRAPPED})"
    rf"|(?P<note>{_phrases(_NOTES)})|(?P<section>{_SECTION}))"
)
_LETTER = re.compile(r"[^\W\d_]")  # a letter — or a non-decimal number such as "²"


def _has_letter(text: str) -> bool:
    """Whether ``text`` has a letter; the regex finds a candidate fast, ``isalpha`` decides."""
    match = _LETTER.search(text)
    if match is None:
        return False
    return match.group().isalpha() or any(ch.isalpha() for ch in text)
_NUMBER_TOKEN = re.compile(r"^\s*[(\[]?\s*(\d{1,3}|[A-Za-z])\s*[)\]]?\s*$")


def text_kind(text: str) -> str | None:
    """"total", "signature" (captions, date line, "(…)"), "note", "section" — or None for data.

    >>> text_kind("Nguyễn Văn An") is None
    True
    >>> text_kind("Tổng cộng: 20 người"), text_kind("Người lập biểu"), text_kind("Ghi chú:")
    ('total', 'signature', 'note')
    """
    match = _KIND.match(_fold(text))
    return None if match is None else match.lastgroup


def is_total(text: str) -> bool:
    """A total line. Diacritics matter: "Công" is a given name, "Cộng" a total.

    >>> is_total("Tổng cộng: 20 người"), is_total("Cộng"), is_total("Công")
    (True, True, False)
    """
    return text_kind(text) == "total"


def is_boilerplate(text: str) -> bool:
    """A total, caption, note, date line or parenthesised remark rather than data.

    >>> [is_boilerplate(t) for t in ("Người lập biểu", "KẾ TOÁN TRƯỞNG", "(Ký, họ tên)",
    ...                              "Hà Nội, ngày 25 tháng 11 năm 2026", "Trương Phong")]
    [True, True, True, True, False]
    """
    return text_kind(text) in ("total", "signature", "note")


def is_section_title(text: str) -> bool:
    """A title splitting the list into sections (only meaningful on a row with nothing else).

    >>> is_section_title("I. KHỐI VĂN PHÒNG"), is_section_title("Phòng Kế toán")
    (True, True)
    >>> is_section_title("Nguyễn Văn An"), is_section_title("Phòng")
    (False, False)
    """
    return text_kind(text) == "section"


def is_numbering_row(raw: Sequence[object]) -> bool:
    """A row that only numbers the columns: "(1) (2) (3)", "1 2 3 4" or "A B C 1 2".

    >>> is_numbering_row(["(1)", "(2)", "(3)", "(4)"]), is_numbering_row([1, 2, 3, "", 5])
    (True, True)
    >>> is_numbering_row(["A", "B", "C", 1, 2]), is_numbering_row([1, "Nguyễn Văn An", 3])
    (True, False)
    >>> is_numbering_row([7, 1990, 3])
    False
    """
    numbers: list[int] = []
    tokens = 0
    for cell in raw:
        if is_blank(cell):
            continue
        if isinstance(cell, bool):
            return False
        if isinstance(cell, (int, float)):
            if not float(cell).is_integer() or not 0 <= cell < 1000:
                return False
            numbers.append(int(cell))
        elif isinstance(cell, str):
            match = _NUMBER_TOKEN.match(cell)
            if match is None:
                return False
            if match.group(1).isdigit():
                numbers.append(int(match.group(1)))
        else:
            return False
        tokens += 1
    return tokens >= 3 and all(b > a for a, b in pairwise(numbers))


def _counts_as_identity(value: CellValue) -> bool:
    if isinstance(value, str):
        if not _has_letter(value):  # digits, dates: data (the usual case, kept fast)
            return not value.isspace()
        return not is_boilerplate(value)
    return value is not None


def identity_count(values: Mapping[Field, CellValue]) -> int:
    """How many of birth date, BHXH code, ID number and phone hold data (not a caption)."""
    count = 0
    for f in IDENTITY_FIELDS:
        if f in values and _counts_as_identity(values[f]):
            count += 1
    return count


def is_person(values: Mapping[Field, CellValue]) -> bool:
    """The person rule of cli.md for one row, with boilerplate (totals, captions, notes, section
    titles) excluded. (The signature block's names are excluded by ``person_rows``.)

    >>> is_person({Field.full_name: "Nguyễn Văn An"})
    True
    >>> is_person({Field.full_name: "Người lập biểu", Field.phone: "Kế toán trưởng"})
    False
    >>> is_person({Field.bhxh_code: "0123456789", Field.phone: "0912345678"})
    True
    >>> is_person({Field.full_name: "Tổng cộng: 20 người", Field.id_number: 20,
    ...            Field.phone: 20})
    False
    >>> is_person({Field.full_name: FormulaWithoutValue()})
    True
    """
    name = values.get(Field.full_name)
    if isinstance(name, FormulaWithoutValue):
        return True  # a name is there, only not computed yet: the checker says so
    if isinstance(name, str) and _has_letter(name):
        kind = text_kind(name)
        if kind is None:
            return True
        if kind == "total":
            return False
        if kind == "section":
            # A section title stands alone on its row; a name with more beside it is a person.
            return not all(f is Field.full_name or is_blank(v) for f, v in values.items())
    return identity_count(values) >= 2


def is_signature_row(raw: Sequence[object]) -> bool:
    """Any cell of the row is a signature caption or the place-and-date line."""
    return any(
        isinstance(cell, str) and _has_letter(cell)
        and text_kind(cell) == "signature"
        for cell in raw
    )


def person_rows(grid: Grid, start: int, columns: Mapping[Field, int]) -> list[SheetRow]:
    """The person rows of ``grid.rows[start:]``; ``columns`` maps fields to absolute columns."""
    offset = grid.first_col
    spots = [(f, index - offset) for f, index in columns.items() if index >= offset]
    fills = _merge_fills(grid, start, columns)
    people: list[SheetRow] = []
    positions: list[int] = []
    rows, numbers = grid.rows, grid.row_numbers
    for position in range(start, len(rows)):
        raw = rows[position]
        width = len(raw)
        values: dict[Field, CellValue] = {}
        for f, j in spots:
            if j < width:
                cell = raw[j]
                if cell.__class__ is str:  # the common case, without a call
                    if cell:
                        values[f] = cell
                elif cell.__class__ in _KEPT_AS_IS:  # dates, markers: no call either
                    # The class test proves the type; a cast() would be a call in the hot loop.
                    values[f] = cell  # type: ignore[assignment]
                elif cell is not None:
                    value = to_cell(cell)
                    if value is not None:
                        values[f] = value
        if fills:
            for f, value in fills.get(position, {}).items():
                values.setdefault(f, value)
        if not values:
            continue
        if position - start < NUMBERING_ROWS and is_numbering_row(raw):
            continue
        if is_person(values):
            people.append(SheetRow(row=numbers[position], values=values))
            positions.append(position)
    return _without_signers(grid, start, people, positions)


def _without_signers(
    grid: Grid, start: int, people: list[SheetRow], positions: list[int]
) -> list[SheetRow]:
    """Drop the signers' names: the people after a signature row that comes after the last
    person with numbers. (A real employee always has numbers; a signer never does.)"""
    last_numbered = len(people) - 1  # usually the last person: the loop ends at once
    while last_numbered >= 0 and identity_count(people[last_numbered].values) < 2:
        last_numbered -= 1
    after = last_numbered + 1
    if after >= len(people):
        return people
    first = positions[last_numbered] + 1 if last_numbered >= 0 else start
    for position in range(first, positions[-1]):
        if is_signature_row(grid.rows[position]):
            return people[:after] + [
                person for person, at in zip(people[after:], positions[after:], strict=True)
                if at < position
            ]
    return people


def _merge_fills(
    grid: Grid, start: int, columns: Mapping[Field, int]
) -> dict[int, dict[Field, CellValue]]:
    """Values that vertical merges show in rows below their top cell: position → field → value.

    Only for ``MERGE_FILLED_FIELDS``, and only for merges one column wide, inside the data.
    """
    if not grid.merged or not isinstance(grid.row_numbers, range):
        return {}
    by_column = {index: f for f, index in columns.items() if f in MERGE_FILLED_FIELDS}
    first = grid.row_numbers.start  # Excel number of rows[0]
    fills: dict[int, dict[Field, CellValue]] = {}
    for (r0, c0), (r1, c1) in grid.merged:
        f = by_column.get(c0)
        top = r0 + 1 - first  # position of the merge's top row
        if f is None or c1 != c0 or r1 <= r0 or top < start or top >= len(grid.rows):
            continue
        row = grid.rows[top]
        value = to_cell(row[c0 - grid.first_col]) if c0 - grid.first_col < len(row) else None
        if value is None:
            continue
        for position in range(top + 1, min(r1 + 2 - first, len(grid.rows))):
            fills.setdefault(position, {})[f] = value
    return fills
