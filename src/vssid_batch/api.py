"""The library behind the commands: what a script would import (the CLI adds only printing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from vssid_batch.check import check_table
from vssid_batch.models import Report
from vssid_batch.sheet.reader import parse_mapping, read_sheet


def check_sheet(path: Path, *, sheet: str | None = None, header_row: int | None = None,
                column_map: Sequence[str] = (), as_of: date) -> Report:
    """Read a sheet and check every person on it as of ``as_of``."""
    table = read_sheet(path, sheet=sheet, header_row=header_row,
                       mapping=parse_mapping(list(column_map)), require_people=True)
    return check_table(table, as_of=as_of)
