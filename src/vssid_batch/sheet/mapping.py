"""``--map FIELD=COLUMN`` options: the clerk naming a column the aliases do not know."""

from __future__ import annotations

from collections.abc import Iterable

from vssid_batch.fields import Field, field_for_header, header_key
from vssid_batch.sheet.errors import SheetError, safe_text


def field_named(name: str) -> Field | None:
    """A canonical field from its name ("full_name") or, for convenience, any of its column
    aliases ("Họ và tên").

    >>> field_named("phone"), field_named(" Full_Name "), field_named("Số CCCD")
    (<Field.phone: 'phone'>, <Field.full_name: 'full_name'>, <Field.id_number: 'id_number'>)
    >>> field_named("salary") is None
    True
    """
    cleaned = name.strip()
    try:
        return Field(cleaned.lower())
    except ValueError:
        return field_for_header(cleaned) if cleaned else None


def parse_mapping(items: Iterable[str]) -> dict[Field, str]:
    """Turn ``--map`` option strings into field → column header (or Excel column letter).

    >>> parse_mapping(['full_name=Tên NLĐ', 'phone = H'])
    {<Field.full_name: 'full_name'>: 'Tên NLĐ', <Field.phone: 'phone'>: 'H'}
    >>> parse_mapping(['salary=Lương'])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vssid_batch.sheet.errors.SheetError: --map salary=Lương: 'salary' không phải tên trường; ...
    """
    mapping: dict[Field, str] = {}
    seen_columns: dict[str, Field] = {}
    for item in items:
        shown = safe_text(item, limit=80)
        if "=" not in item:
            raise SheetError("bad_mapping", item=shown, reason="syntax")
        name, column = item.split("=", 1)
        target = field_named(name)
        if target is None:
            raise SheetError("unknown_field", item=shown, field=safe_text(name.strip()))
        column = column.strip()
        if not column:
            raise SheetError("bad_mapping", item=shown, reason="empty_column")
        if target in mapping:
            raise SheetError("bad_mapping", item=shown, reason="field_twice")
        key = header_key(column) or column
        if key in seen_columns:
            raise SheetError("bad_mapping", item=shown, reason="column_twice")
        seen_columns[key] = target
        mapping[target] = column
    return mapping
