"""Finding the header row and which column holds which field.

Real sheets start with a title block (unit name, "DANH SÁCH …", a merged title cell), so the
header is searched among the first rows: the row whose cells name the most canonical fields wins
(``field_for_header`` ignores case, diacritics, punctuation and spacing). Two-row headers are
understood too: a group cell ("Thông tin CCCD") over sub-headers ("Số", "Ngày cấp"), with the
other headers merged down over both rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from vssid_batch.fields import (
    ALIAS_KEYS,
    GENDER_COLUMN_KEYS,
    NAME_PART_KEYS,
    Field,
    NamePart,
    header_key,
)
from vssid_batch.sheet.grid import Grid, is_blank
from vssid_batch.sheet.model import Layout

SCAN_ROWS = 30
MIN_HEADER_FIELDS = 3

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_COLUMN_LETTERS = re.compile(r"[A-Za-z]{1,3}")
# Words a group header adds in front of what it groups: "Thông tin CCCD" groups CCCD columns.
_GROUP_PREFIXES = ("thongtinve", "thongtin", "information", "info")
# Group cells that mean "the ID card": "Số" under them is the ID number, "Ngày cấp" its issue date.
_ID_GROUPS = frozenset(
    header_key(text)
    for text in (
        "Giấy tờ tùy thân",
        "Giấy tờ tuỳ thân",
        "Giấy tờ tùy thân (CCCD/CMND)",
        "Căn cước công dân",
        "Thẻ căn cước",
        "Căn cước",
        "Chứng minh nhân dân",
        "CCCD/CMND",
        "CMND/CCCD",
        "Số CCCD/CMND",
        "Căn cước công dân/CMND",
        "CMND",
        "Giấy CMND",
        "Identity card",
        "ID card",
    )
)


@dataclass(frozen=True)
class Label:
    """One header cell (or a group/sub-header pair) and the field it names."""

    index: int  # 0-based absolute column (A = 0)
    text: str  # as written; "Group / Sub" for a sub-header under a group
    field: Field | None
    keys: frozenset[str]  # every folded spelling that names this column, for --map
    group: Field | None = None  # the field the group cell above a sub-header names


@dataclass(frozen=True)
class Header:
    """The chosen header: ``position`` indexes ``grid.rows``; ``row`` is the Excel row."""

    position: int
    row: int
    labels: tuple[Label, ...]
    columns: dict[Field, Label]
    duplicates: tuple[tuple[Field, Label, Label], ...] = ()
    unknown: tuple[tuple[Field, str], ...] = ()  # --map columns not found in this row
    two_rows: bool = False
    blank: bool = False
    layout: Layout = field(default_factory=Layout)

    @property
    def score(self) -> int:
        return len(self.columns)


def _variants(text: str) -> list[str]:
    """Spellings to try for one header cell: as written, without "(…)" notes, line by line.

    >>> _variants("Ngày sinh (dd/mm/yyyy)")
    ['Ngày sinh (dd/mm/yyyy)', 'Ngày sinh  ']
    >>> _variants("Họ và tên\\nFull name")[-2:]
    ['Họ và tên', 'Full name']
    """
    out = [text]
    bare = _BRACKETED.sub(" ", text)
    if bare != text:
        out.append(bare)
    if "\n" in text:
        for line in text.splitlines():
            out.append(line)
            bare_line = _BRACKETED.sub(" ", line)
            if bare_line != line:
                out.append(bare_line)
    return out


def _keys(text: str) -> list[str]:
    return [key for key in dict.fromkeys(header_key(v) for v in _variants(text)) if key]


def match_text(text: str) -> Field | None:
    """The field a header cell names, trying the spellings of ``_variants``.

    >>> match_text("Mã số BHXH (10 số)")
    <Field.bhxh_code: 'bhxh_code'>
    >>> match_text("STT") is None
    True
    """
    return _field_of(_keys(text))


def _field_of(keys: Sequence[str]) -> Field | None:
    return next((ALIAS_KEYS[key] for key in keys if key in ALIAS_KEYS), None)


def _group_core(text: str) -> str:
    key = header_key(_BRACKETED.sub(" ", text))
    for prefix in _GROUP_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
            break
    return "cccd" if key in _ID_GROUPS else key


def _label_at(row: Sequence[object], j: int) -> str | None:
    """The label in column ``j`` of a header row, if any: numbers, dates and blank text are
    never labels."""
    value = row[j] if j < len(row) else None
    return value if isinstance(value, str) and not is_blank(value) else None


def single_labels(grid: Grid, position: int) -> list[Label]:
    """Labels of a one-row header at ``grid.rows[position]``."""
    row, offset = grid.rows[position], grid.first_col
    labels = []
    for j in range(len(row)):
        text = _label_at(row, j)
        if text is not None:
            labels.append(_label(offset + j, text))
    return labels


def pair_labels(grid: Grid, upper: int) -> list[Label] | None:
    """Labels of a two-row header made of rows ``upper`` and ``upper + 1``, or None when the two
    rows do not look like one.

    A column with a sub-header is named by it, alone or completed by its group ("Số" under
    "Thông tin CCCD" is "Số CCCD"); a column whose lower cell is empty is named by its upper cell
    (a header merged down over both rows). It is a two-row header only if some group spans at
    least two sub-headers and every sub-header is text — otherwise the lower row is more likely
    the first person under a one-row header.
    """
    top, bottom, offset = grid.rows[upper], grid.rows[upper + 1], grid.first_col
    origin = _merge_origins(grid, grid.row_numbers[upper] - 1)
    pending: list[tuple[int, str, str | None, int | None]] = []  # column, sub, group, group column
    uppers: list[tuple[int, str]] = []
    spans: dict[int, int] = {}
    carried: tuple[str, int] | None = None
    for j in range(max(len(top), len(bottom))):
        if j < len(bottom) and not isinstance(bottom[j], str) and not is_blank(bottom[j]):
            return None  # a number or a date: a person's row, not a sub-header
        above, below = _label_at(top, j), _label_at(bottom, j)
        if below is None:
            carried = None
            if above is not None:
                uppers.append((j, above))
            continue
        group: tuple[str, int] | None = None
        if above is not None:
            group = (above, j)
        elif offset + j in origin:
            text = _label_at(top, origin[offset + j] - offset)
            group = None if text is None else (text, origin[offset + j] - offset)
        elif not grid.merged:
            group = carried  # no merge information (ODS, CSV): a group runs until a new one
        carried = group
        if group is not None:
            spans[group[1]] = spans.get(group[1], 0) + 1
        pending.append(
            (j, below, None if group is None else group[0], None if group is None else group[1])
        )
    if not any(count >= 2 for count in spans.values()):
        return None
    labels = [_label(offset + j, text) for j, text in uppers]
    for j, below, group_text, at in pending:
        keys = _keys(below)
        text = below
        if group_text is not None:
            core = _group_core(group_text)
            keys += [keys[0] + core, core + keys[0]] if keys else []
            if at is not None and spans[at] == 1:
                # A header cell over one sub-cell is that column's header with a note under it
                # ("Mã số BHXH" over "(10 số)"), or the first half of its name ("Sổ BHXH" over
                # "Mã số"): named by the pair first, else by the upper cell alone.
                keys += _keys(group_text)
            text = f"{group_text.strip()} / {below.strip()}"
        labels.append(
            Label(
                offset + j,
                text,
                _field_of(keys),
                frozenset([*keys, *_keys(text)]),
                None if group_text is None else match_text(group_text),
            )
        )
    labels.sort(key=lambda label: label.index)
    return labels


def _label(index: int, text: str) -> Label:
    keys = _keys(text)
    return Label(index, text, _field_of(keys), frozenset(keys))


def _merge_origins(grid: Grid, excel_row0: int) -> dict[int, int]:
    """For the row ``excel_row0`` (0-based), column → first column of the horizontal merge
    covering it."""
    origins: dict[int, int] = {}
    for (r0, c0), (r1, c1) in grid.merged:
        if r0 <= excel_row0 <= r1 and c1 > c0:
            for c in range(c0 + 1, c1 + 1):
                origins[c] = c0
    return origins


def find_column(labels: Sequence[Label], wanted: str, width: int | None = None) -> Label | None:
    """The column a ``--map`` value names: its header text (folded like aliases), or else an
    Excel column letter ("H") — the only way to tell apart two columns with the same header.
    A letter past the sheet's last column (``width`` columns from A) names nothing."""
    for label in labels:
        if label.text == wanted:
            return label
    key = header_key(wanted)
    if key:
        for label in labels:
            if key in label.keys:
                return label
    if _COLUMN_LETTERS.fullmatch(wanted.strip()):
        index = _letters_to_index(wanted.strip().upper())
        for label in labels:
            if label.index == index:
                return label
        if width is not None and index >= width:
            return None
        return Label(index, wanted.strip().upper(), None, frozenset())
    return None


def _letters_to_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - 64)
    return index - 1


def assign(
    position: int,
    row: int,
    labels: list[Label],
    mapping: Mapping[Field, str],
    two_rows: bool,
    width: int | None = None,
) -> Header:
    """Decide each field's column: ``--map`` first, then the layouts that spread one field over
    several columns (split names, a "Nam" | "Nữ" pair), then aliases left to right. A second
    column naming an already-assigned field is a duplicate (reported, never silently used)."""
    columns: dict[Field, Label] = {}
    unknown: list[tuple[Field, str]] = []
    joined: dict[Field, tuple[int, ...]] = {}
    for target, wanted in mapping.items():
        found = find_columns(labels, wanted, width)
        if found is None:
            unknown.append((target, wanted))
            continue
        first = found[0]
        text = " + ".join(label.text for label in found)
        columns[target] = Label(first.index, text, target, first.keys)
        if len(found) > 1:
            joined[target] = tuple(label.index for label in found)
    taken = {label.index for label in columns.values()}
    taken.update(index for indexes in joined.values() for index in indexes)
    free = [label for label in labels if label.index not in taken]
    layout = _layout(free, columns, joined)
    used = set(layout.joined.get(Field.full_name, ()))
    used.update(layout.gender_marks or ())
    used.update(layout.birth_by_gender or ())
    # A "Tên" column beside a "Họ và tên" column repeats the given name (to sort by it).
    whole_name = any(label.field is Field.full_name and name_part(label) is None for label in free)
    duplicates: list[tuple[Field, Label, Label]] = []
    for label in free:
        if label.field is None or label.index in used or label.field in mapping:
            continue
        if whole_name and label.field is Field.full_name and name_part(label) is not None:
            continue
        if label.field in columns:
            duplicates.append((label.field, columns[label.field], label))
            continue
        columns[label.field] = label
    return Header(
        position=position,
        row=row,
        labels=tuple(labels),
        columns=columns,
        duplicates=tuple(duplicates),
        unknown=tuple(unknown),
        two_rows=two_rows,
        blank=not labels,
        layout=layout,
    )


def find_columns(
    labels: Sequence[Label], wanted: str, width: int | None = None
) -> list[Label] | None:
    """The columns a ``--map`` value names: one column, or several joined by "+" ("B+C",
    "Họ đệm + Tên"); None when one of them is not found."""
    whole = find_column(labels, wanted, width)
    if whole is not None or "+" not in wanted:
        return None if whole is None else [whole]
    found = [find_column(labels, part.strip(), width) for part in wanted.split("+") if part.strip()]
    if not found or any(label is None for label in found):
        return None
    return [label for label in found if label is not None]


def name_part(label: Label) -> NamePart | None:
    """The part of a full name a header names ("Họ đệm", "Tên"), or None.

    >>> name_part(_label(1, "Họ và chữ đệm")), name_part(_label(2, "TÊN"))
    (<NamePart.surname_middle: 1>, <NamePart.given: 3>)
    >>> name_part(_label(3, "Tên đơn vị")) is None
    True
    """
    parts = [NAME_PART_KEYS[key] for key in label.keys if key in NAME_PART_KEYS]
    return min(parts) if parts else None


def _layout(
    labels: Sequence[Label], columns: dict[Field, Label], joined: dict[Field, tuple[int, ...]]
) -> Layout:
    """Fields spread over several columns; their labels go into ``columns`` (the first column
    of each, with every part's text)."""
    if Field.full_name not in columns:
        parts = _name_parts(labels)
        if parts:
            columns[Field.full_name] = Label(
                parts[0].index, combined_text(parts, " + "), Field.full_name, parts[0].keys
            )
            joined = {**joined, Field.full_name: tuple(label.index for label in parts)}
    pair = _gender_pair(labels)
    if pair is None:
        return Layout(joined=joined)
    male, female = pair
    # A gender column of its own ("Giới tính", or --map gender=…) says the gender: the pair then
    # only holds the birth date, if it is under "Ngày sinh", and is no gender mark otherwise.
    explicit = Field.gender in columns or any(
        label.field is Field.gender and label not in pair for label in labels
    )
    text = combined_text(pair, " | ")
    if male.group is Field.birth_date and female.group is Field.birth_date:
        if Field.birth_date in columns:
            return Layout(joined=joined)
        columns[Field.birth_date] = Label(male.index, text, Field.birth_date, male.keys)
        if not explicit:
            columns[Field.gender] = Label(male.index, text, Field.gender, male.keys)
        return Layout(
            joined=joined, birth_by_gender=(male.index, female.index), gender_from_pair=not explicit
        )
    if explicit:
        return Layout(joined=joined)
    columns[Field.gender] = Label(male.index, text, Field.gender, male.keys)
    return Layout(joined=joined, gender_marks=(male.index, female.index))


def combined_text(labels: Sequence[Label], separator: str) -> str:
    """The header of a field read from several columns: their texts joined, the group they
    share said once.

    >>> combined_text([_label(1, "Ngày sinh / Nam"), _label(2, "Ngày sinh / Nữ")], " | ")
    'Ngày sinh / Nam | Nữ'
    >>> combined_text([_label(1, "Họ đệm"), _label(2, "Tên")], " + ")
    'Họ đệm + Tên'
    """
    group = labels[0].text.rpartition(" / ")[0]
    if group and all(label.text.startswith(group + " / ") for label in labels):
        return group + " / " + separator.join(label.text[len(group) + 3 :] for label in labels)
    return separator.join(label.text for label in labels)


def _name_parts(labels: Sequence[Label]) -> list[Label]:
    """The split name columns in the order the name is written, or [] when the name is not
    split: a "Họ…" column and a "Tên" column, and no column naming the whole name."""
    parts = [(part, label) for label in labels if (part := name_part(label)) is not None]
    kinds = {part for part, _ in parts}
    if NamePart.given not in kinds or not kinds & {NamePart.surname, NamePart.surname_middle}:
        return []
    part_columns = {label.index for _, label in parts}
    if any(label.field is Field.full_name and label.index not in part_columns for label in labels):
        return []
    return [label for _, label in sorted(parts, key=lambda item: (item[0], item[1].index))]


def _gender_pair(labels: Sequence[Label]) -> tuple[Label, Label] | None:
    """Adjacent "Nam" and "Nữ" columns (in either order; a group cell above both may say what
    they hold), as (male, female)."""
    by_index = {label.index: label for label in labels}
    for label in labels:
        other = by_index.get(label.index + 1)
        if other is None or label.group is not other.group:
            continue
        kinds = (_gender_word(label), _gender_word(other))
        if kinds == ("Nam", "Nữ"):
            return label, other
        if kinds == ("Nữ", "Nam"):
            return other, label
    return None


def _gender_word(label: Label) -> str | None:
    """ "Nam" or "Nữ" when the header cell (or its sub-header) is just that word."""
    words = {GENDER_COLUMN_KEYS[key] for key in label.keys if key in GENDER_COLUMN_KEYS}
    return words.pop() if len(words) == 1 else None


def candidates(grid: Grid, mapping: Mapping[Field, str], header_row: int | None) -> list[Header]:
    """Every reading of the header: each of the first ``SCAN_ROWS`` rows alone, and each pair of
    consecutive rows as a two-row header. A forced ``header_row`` is read alone, or as either
    row of a two-row header (the clerk may give the group row or the sub-header row)."""
    numbers = grid.row_numbers
    pairs_only: set[int] = set()
    if header_row is not None:
        found = grid.index_of_row(header_row)
        positions = [] if found is None else [found]
        if (
            found is not None
            and found + 1 < len(grid.rows)
            and numbers[found + 1] == header_row + 1
        ):
            positions.append(found + 1)  # the forced row is the upper one of a pair
            pairs_only.add(found + 1)
    else:
        positions = list(range(min(SCAN_ROWS, len(grid.rows))))
    out: list[Header] = []
    # The sheet's columns as far as its first rows reach: --map by a letter past them is a typo.
    width = grid.first_col + max((len(row) for row in grid.rows), default=0)
    for position in positions:
        if position not in pairs_only:
            out.append(
                _merged_name(
                    grid,
                    assign(
                        position,
                        numbers[position],
                        single_labels(grid, position),
                        mapping,
                        False,
                        width,
                    ),
                )
            )
        if position > 0 and numbers[position - 1] == numbers[position] - 1:
            pair = pair_labels(grid, position - 1)
            if pair is not None:
                out.append(
                    _merged_name(
                        grid, assign(position, numbers[position], pair, mapping, True, width)
                    )
                )
    return out


def _merged_name(grid: Grid, header: Header) -> Header:
    """A "Họ và tên" header merged across several columns with no sub-headers under it: the name
    is split over those columns ("Nguyễn Văn" | "An"), so they are joined."""
    label = header.columns.get(Field.full_name)
    if label is None or Field.full_name in header.layout.joined or not grid.merged:
        return header
    rows = {header.row - 1, header.row - 2} if header.two_rows else {header.row - 1}
    used = {other.index for f, other in header.columns.items() if f is not Field.full_name}
    for (r0, c0), (r1, c1) in grid.merged:
        if (
            c0 == label.index
            and c1 > c0
            and any(r0 <= row <= r1 for row in rows)
            and not used & set(range(c0 + 1, c1 + 1))
        ):
            joined = {**header.layout.joined, Field.full_name: tuple(range(c0, c1 + 1))}
            return replace(header, layout=replace(header.layout, joined=joined))
    return header


def best_header(grid: Grid, mapping: Mapping[Field, str], header_row: int | None) -> Header | None:
    """The reading that names the most fields — ties as ``_rank`` says, then to the
    topmost — or None. Without ``header_row`` at least ``MIN_HEADER_FIELDS`` must be named."""
    best: Header | None = None
    for header in candidates(grid, mapping, header_row):
        if best is None or _rank(header) > _rank(best):
            best = header
    if best is None:
        return None
    if header_row is None and best.score < MIN_HEADER_FIELDS:
        return None
    return best


def _rank(header: Header) -> tuple[int, int]:
    """Most fields first; on a tie the one-row reading — unless the two-row reading's
    sub-headers say how a field is laid out ("Nam" | "Nữ" under "Giới tính" names the gender
    either way, but read as one row the marks "x" below would be taken for the gender)."""
    if not header.two_rows:
        return header.score, 1
    return header.score, 2 if header.layout else 0
