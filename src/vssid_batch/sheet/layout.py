"""Fields a sheet spreads over several columns, put back together row by row.

- Split names: "Họ đệm" | "Tên" (or "Họ" | "Chữ đệm" | "Tên", or ``--map full_name=B+C``) are
  joined with single spaces, in order.
- A "Nam" | "Nữ" pair under "Ngày sinh": the birth date is in whichever is filled, and that
  column is the gender.
- A "Nam" | "Nữ" pair (under "Giới tính" or alone): a mark ("x", "✓", "1", "có") in one of them
  is the gender.

One filled cell of a pair is the answer; both or neither is a ``MarkConflict`` naming both cells,
which the checker reports as ``gender.invalid``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from vssid_batch.fields import Field
from vssid_batch.sheet.errors import column_letter
from vssid_batch.sheet.grid import cell_text, is_blank, to_cell
from vssid_batch.sheet.model import CellValue, FormulaWithoutValue, Layout, MarkConflict

# What a clerk writes in the column that is *not* the person's: nothing, or a "no".
_NOT_MARKED = frozenset({"0", "-", "–", "—", "không", "khong", "no", "false", "o"})


def is_mark(cell: object) -> bool:
    """Whether a cell of a "Nam" | "Nữ" pair is marked: anything but blank, "0", "-", "không".

    >>> [is_mark(v) for v in ("x", "X", "✓", 1, "có", "", None, 0, "0", "Không", False)]
    [True, True, True, True, True, False, False, False, False, False, False]
    """
    if is_blank(cell) or cell is False:
        return False
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell != 0
    text = unicodedata.normalize("NFC", str(cell)).strip().casefold()
    return text not in _NOT_MARKED


def joined_text(cells: Sequence[object]) -> CellValue:
    """The parts of a split value joined with single spaces (None when all are empty).

    >>> joined_text(["Nguyễn  Văn ", None, " An"]), joined_text(["", None])
    ('Nguyễn Văn An', None)
    """
    parts: list[str] = []
    for cell in cells:
        value = to_cell(cell)
        if isinstance(value, FormulaWithoutValue):
            return value  # a part not computed yet: the checker says so
        if value is not None and not is_blank(value):
            parts.append(" ".join(str(value).split()))
    return " ".join(parts) or None


class Combiner:
    """Applies a ``Layout`` to one row of raw cells (starting at column ``first_col``)."""

    def __init__(self, layout: Layout, first_col: int) -> None:
        self.layout = layout
        self.first_col = first_col
        fields = set(layout.joined)
        if layout.gender_marks is not None:
            fields.add(Field.gender)
        if layout.birth_by_gender is not None:
            fields.add(Field.birth_date)
            if layout.gender_from_pair:
                fields.add(Field.gender)
        self.fields = frozenset(fields)  # what the layout decides (the plain reading does not)

    def _cell(self, raw: Sequence[object], index: int) -> object:
        j = index - self.first_col
        return raw[j] if 0 <= j < len(raw) else None

    def apply(
        self, number: int, raw: Sequence[object], values: dict[Field, CellValue]
    ) -> dict[Field, int] | None:
        """Put the layout's fields of row ``number`` into ``values``; return where a field's
        cell is when that depends on the row (the filled one of a pair), else None."""
        layout = self.layout
        for target, indexes in layout.joined.items():
            value = joined_text([self._cell(raw, index) for index in indexes])
            if value is not None:
                values[target] = value
        if layout.gender_marks is not None:
            male, female = layout.gender_marks
            chosen = self._one_of(number, raw, male, female, is_mark, values)
            return None if chosen is None else {Field.gender: chosen}
        if layout.birth_by_gender is not None and not layout.gender_from_pair:
            return self._birth_only(raw, layout.birth_by_gender, values)
        if layout.birth_by_gender is not None:
            male, female = layout.birth_by_gender
            # "-" or "0" in the other column says "not this one", as a mark would.
            chosen = self._one_of(number, raw, male, female, is_mark, values)
            if chosen is not None:
                birth = to_cell(self._cell(raw, chosen))
                if birth is not None:
                    values[Field.birth_date] = birth
                return {Field.gender: chosen, Field.birth_date: chosen}
            both = [to_cell(self._cell(raw, index)) for index in (male, female)]
            birth = next((value for value in both if value is not None), None)
            if birth is not None and both[0] == both[1]:
                values[Field.birth_date] = birth  # the same date twice: only the gender is open
        return None

    def _birth_only(
        self, raw: Sequence[object], pair: tuple[int, int], values: dict[Field, CellValue]
    ) -> dict[Field, int] | None:
        """The birth date of a "Nam" | "Nữ" pair when a gender column says the gender: the
        first filled cell (the checker compares the gender column with the ID number)."""
        for index in pair:
            birth = to_cell(self._cell(raw, index))
            if is_mark(birth):
                values[Field.birth_date] = birth
                return {Field.birth_date: index}
        return None

    def _one_of(
        self,
        number: int,
        raw: Sequence[object],
        male: int,
        female: int,
        filled: Callable[[object], bool],
        values: dict[Field, CellValue],
    ) -> int | None:
        """The column of the one filled cell of the pair, with the gender in ``values``; or
        None, with a ``MarkConflict`` there instead (both filled, or neither)."""
        cells = (self._cell(raw, male), self._cell(raw, female))
        marked = [filled(cell) for cell in cells]
        if marked == [True, False]:
            values[Field.gender] = "Nam"
            return male
        if marked == [False, True]:
            values[Field.gender] = "Nữ"
            return female
        pair = (("Nam", male, cells[0]), ("Nữ", female, cells[1]))
        shown = ", ".join(
            f"{word} ({column_letter(index)}{number}): {_shown(cell)}" for word, index, cell in pair
        )
        values[Field.gender] = MarkConflict(shown)
        return None


def _shown(cell: object) -> str:
    """A cell of a pair as the clerk sees it, short; "—" when blank."""
    return " ".join(cell_text(cell).split())[:20] or "—"
