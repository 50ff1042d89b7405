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
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise

from vssid_batch.fields import Field
from vssid_batch.sheet.grid import MergedRange, is_blank, to_cell
from vssid_batch.sheet.layout import Combiner
from vssid_batch.sheet.model import CellValue, FormulaWithoutValue, HiddenRow, Layout, SheetRow

IDENTITY_FIELDS = (Field.birth_date, Field.bhxh_code, Field.id_number, Field.phone)

# Fields whose value a vertical merge spreads over several people (one "Nơi cấp" or
# "Phòng ban" cell merged down a block of rows). Name and identity cells are never spread: they
# decide whether a row is a person at all.
MERGE_FILLED_FIELDS = frozenset(Field) - {Field.full_name, *IDENTITY_FIELDS}

NUMBERING_ROWS = 3  # a column-numbering row sits right under the header, if anywhere
# Cell classes ``to_cell`` returns unchanged; the hot loop of ``people`` skips the call.
_KEPT_AS_IS = frozenset({datetime.date, datetime.datetime, FormulaWithoutValue})


def _fold(text: str) -> str:
    """Case- and spacing-insensitive, but diacritics kept (NFC)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# Totals: never a person, whatever else the row holds (its other cells are counts and sums).
_TOTAL = r"(?:tổng\s*cộng|tổng\s*số|tổng|cộng|tong\s+cong|total)\b"

# The signature block: only ever below the list.
_SIGNATURES = (
    "người lập biểu",
    "người lập bảng",
    "người lập danh sách",
    "người lập",
    "người kiểm tra",
    "người duyệt",
    "người đại diện",
    "đại diện",
    "kế toán trưởng",
    "kế toán",
    "thủ trưởng",
    "tổng giám đốc",
    "phó giám đốc",
    "giám đốc",
    "kt. giám đốc",
    "kt giám đốc",
    "tm.",
    "trưởng phòng",
    "trưởng ban",
    "chủ tịch",
    "thủ quỹ",
    "xác nhận",
    "ký tên",
    "ký, ",
    "nguoi lap bieu",
    "ke toan truong",
    "thu truong don vi",
    "giam doc",
    "prepared by",
    "chief accountant",
    "director",
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
    """ "total", "signature" (captions, date line, "(…)"), "note", "section" — or None for data.

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
    titles) excluded. (The signature block's names are excluded by ``people``.)

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
        isinstance(cell, str) and _has_letter(cell) and text_kind(cell) == "signature"
        for cell in raw
    )


def people(
    rows: Iterable[tuple[int, Sequence[object]]],
    columns: Mapping[Field, int],
    *,
    first_col: int = 0,
    merged: Sequence[MergedRange] = (),
    layout: Layout | None = None,
    hidden: Collection[int] = (),
    hidden_people: list[HiddenRow] | None = None,
) -> Iterator[SheetRow]:
    """The person rows among ``rows`` — (row number, raw cells from column ``first_col``), the
    rows right below the header, in order — as they come.

    ``columns`` maps fields to absolute columns; ``merged`` (workbooks, whose row numbers are
    consecutive) spreads a vertically merged cell over the rows below its top one.

    The signers' names are the one thing that cannot be decided row by row: a name without
    numbers after a signature row (which itself follows the last person with numbers) is a signer,
    unless someone with numbers comes later. Such names are held back until that is known; every
    other person is yielded at once, so only a handful of rows are ever alive.

    ``layout`` puts together the fields spread over several columns. Rows whose number is in
    ``hidden`` (hidden in the workbook) are not people: those that would be go to
    ``hidden_people`` instead, and take no part in the signature-block reasoning.
    """
    combiner = Combiner(layout, first_col) if layout else None
    spots = [
        (f, index - first_col)
        for f, index in columns.items()
        if index >= first_col and (combiner is None or f not in combiner.fields)
    ]
    fills = _MergeFills(merged, columns, first_col) if merged else None
    # Where the first signature row after the last person with numbers is (None: none yet), and
    # the people without numbers below it: signers unless someone with numbers follows.
    signature: int | None = None
    held: list[tuple[int, SheetRow]] = []
    for index, (number, raw) in enumerate(rows):
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
            fills.apply(number, raw, values)
        where = None if combiner is None else combiner.apply(number, raw, values)
        if hidden and number in hidden:
            if hidden_people is not None and values and is_person(values):
                hidden_people.append(HiddenRow(number, _name_of(values)))
            continue
        if values and not (index < NUMBERING_ROWS and is_numbering_row(raw)) and is_person(values):
            if _has_numbers(values):
                if held:  # someone with numbers after them: they were employees after all
                    yield from (person for _, person in held)
                    held.clear()
                signature = None
                yield SheetRow(row=number, values=values, where=where)
                continue
            if signature is None and is_signature_row(raw):
                signature = index
            if signature is None:
                yield SheetRow(row=number, values=values, where=where)
            else:
                held.append((index, SheetRow(row=number, values=values, where=where)))
        elif signature is None and is_signature_row(raw):
            signature = index
    # The names held are the signers' — unless the only one is on the signature row itself, which
    # does not count as coming before it.
    if len(held) == 1 and held[0][0] == signature:
        yield held[0][1]


def _name_of(values: Mapping[Field, CellValue]) -> str:
    """The name of a row, as written (for the list of hidden rows)."""
    name = values.get(Field.full_name)
    return "" if name is None else " ".join(str(name).split())[:100]


def _has_numbers(values: Mapping[Field, CellValue]) -> bool:
    """``identity_count(values) >= 2``, stopping at the second (asked of every row: a date or a
    string of digits, the usual identity cells, is counted without a regex)."""
    count = 0
    for f in IDENTITY_FIELDS:
        value = values.get(f)
        if value is None or (
            isinstance(value, str) and not value.isdigit() and not _counts_as_identity(value)
        ):
            continue
        count += 1
        if count == 2:
            return True
    return False


class _MergeFills:
    """Values that vertical merges show in rows below their top cell, met row by row.

    Only for ``MERGE_FILLED_FIELDS``, and only for merges one column wide, whose top cell is in a
    row read (not above it, in the header). A row's own value comes first; where two merges over
    one column overlap (a damaged file), the later in the file's list wins.
    """

    def __init__(
        self, merged: Sequence[MergedRange], columns: Mapping[Field, int], first_col: int
    ) -> None:
        by_column = {index: f for f, index in columns.items() if f in MERGE_FILLED_FIELDS}
        # Excel row of a merge's top cell → (order in the list, last Excel row, cell index, field)
        self.tops: dict[int, list[tuple[int, int, int, Field]]] = {}
        for order, ((r0, c0), (r1, c1)) in enumerate(merged):
            f = by_column.get(c0)
            if f is None or c1 != c0 or r1 <= r0:
                continue
            self.tops.setdefault(r0 + 1, []).append((order, r1 + 1, c0 - first_col, f))
        # The merges over the current row: (order, last Excel row, field, value), in list order.
        self.active: list[tuple[int, int, Field, CellValue]] = []

    def __bool__(self) -> bool:
        return bool(self.tops) or bool(self.active)

    def apply(self, number: int, raw: Sequence[object], values: dict[Field, CellValue]) -> None:
        """Fill row ``number``'s empty merged cells, then note the merges whose top it is."""
        if self.active:
            self.active = [merge for merge in self.active if merge[1] >= number]
            spread: dict[Field, CellValue] = {}
            for _, _, f, value in self.active:
                spread[f] = value
            for f, value in spread.items():
                values.setdefault(f, value)
        for order, last, j, f in self.tops.pop(number, ()):
            value = to_cell(raw[j]) if 0 <= j < len(raw) else None
            if value is not None:
                self.active.append((order, last, f, value))
                self.active.sort(key=lambda merge: merge[0])
