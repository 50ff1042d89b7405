"""Reading the employee sheet: the first stage of the pipeline.

``read_sheet`` returns the raw cells of the person rows (numbers stay numbers, text stays text:
repairs such as a lost leading zero need to know the cell's type; a formula that was never
calculated is a ``FormulaWithoutValue``) and raises ``SheetError`` for everything that keeps the
command from running (exit code 2). ``open_sheet`` reads the same rows one at a time, for a
caller that needs each only once (the checker): a large sheet is then never all in memory.

The same reader serves the other tables read back (``reader.find_table``: the danh sách
``report`` reads; ``reader.sheet_cells``: the annotated copy), and ``writer`` is the one way
out: every .xlsx and .csv the project writes goes through it.
"""

from vssid_batch.sheet.errors import CODES, SheetError
from vssid_batch.sheet.mapping import parse_mapping
from vssid_batch.sheet.model import (
    CellValue,
    FormulaWithoutValue,
    SheetRow,
    SheetStream,
    SheetTable,
)
from vssid_batch.sheet.reader import MAX_ROWS, open_sheet, read_sheet

__all__ = [
    "CODES",
    "MAX_ROWS",
    "CellValue",
    "FormulaWithoutValue",
    "SheetError",
    "SheetRow",
    "SheetStream",
    "SheetTable",
    "open_sheet",
    "parse_mapping",
    "read_sheet",
]
