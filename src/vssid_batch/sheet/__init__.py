"""Reading the employee sheet: the first stage of the pipeline.

``read_sheet`` returns the raw cells of the person rows (numbers stay numbers, text stays text:
repairs such as a lost leading zero need to know the cell's type; a formula that was never
calculated is a ``FormulaWithoutValue``) and raises ``SheetError`` for everything that keeps the
command from running (exit code 2).
"""

from vssid_batch.sheet.errors import CODES, SheetError
from vssid_batch.sheet.mapping import parse_mapping
from vssid_batch.sheet.model import CellValue, FormulaWithoutValue, SheetRow, SheetTable
from vssid_batch.sheet.reader import MAX_ROWS, read_sheet

__all__ = [
    "CODES",
    "MAX_ROWS",
    "CellValue",
    "FormulaWithoutValue",
    "SheetError",
    "SheetRow",
    "SheetTable",
    "parse_mapping",
    "read_sheet",
]
