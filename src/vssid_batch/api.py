"""The library behind the commands: what a script would import (the CLI adds only printing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from vssid_batch.check import check_table
from vssid_batch.models import Report
from vssid_batch.sheet.reader import open_sheet, parse_mapping


def check_sheet(
    path: Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: Sequence[str] = (),
    as_of: date,
    include_hidden: bool = False,
) -> Report:
    """Read a sheet and check every person on it as of ``as_of``.

    The sheet is read whole first (``open_sheet``: its person rows packed, about 70 bytes each,
    and the reader's memory given back), then checked one row at a time: only the report grows.
    Rows hidden in the workbook are listed in the report (``hidden``), not checked, unless
    ``include_hidden``.
    """
    opened = open_sheet(
        path,
        sheet=sheet,
        header_row=header_row,
        mapping=parse_mapping(list(column_map)),
        require_people=True,
        include_hidden=include_hidden,
    )
    return check_table(opened.table, as_of=as_of, rows=opened.rows)
