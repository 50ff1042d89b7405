"""Numbers typed with the separators Word, Excel and phones put between digits are masked too:
slashes, typographic dashes, brackets, wide spaces (issue 15, item 3 — found by the attack pass).

Without the wider separator set, "001/090/123/456" in a date cell or "001–090–123–456" (Word's
en dash) in a name cell was quoted in full in every output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.privacy import for_display, mask_numbers
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees, write_sheet

from helpers import AS_OF

# Between the digits of one number, as a clerk, Word's autocorrect or a phone app writes them.
TYPED = ("/", "–", "—", "‐", "−", "－", "\u3000", "\u2009", ") ", " (")
WRITTEN = (
    "001/090/123/456",
    "001–090–123–456",
    "001‐090‐123‐456",
    "001—090—123—456",
    "001−090−123−456",
    "(024) 3555 0123",
    "+84 (912) 345 678",
    "001\u3000090\u3000123\u3000456",
)


def _digits_left(text: str) -> list[str]:
    """Runs of 8+ digits still readable once every non-digit between them is ignored, except
    dates and list separators (", ", " / ")."""
    runs = re.findall(r"\d(?:[^\w,]{0,3}\d|[,/]\d){7,}", text)
    return [
        run for run in runs if not re.fullmatch(r"\d{2}/\d{2}/\d{4}(?: – \d{2}/\d{2}/\d{4})?", run)
    ]


@given(
    st.text("0123456789", min_size=8, max_size=16),
    st.lists(st.sampled_from(TYPED), min_size=1, max_size=4),
)
def test_typographic_separators_join_a_number(digits: str, separators: list[str]) -> None:
    step = max(1, len(digits) // (len(separators) + 1))
    parts = [digits[i : i + step] for i in range(0, len(digits), step)]
    text = parts[0] + "".join(
        separators[i % len(separators)] + part for i, part in enumerate(parts[1:])
    )
    masked = mask_numbers(text)
    assert re.sub(r"\D", "", masked.replace("*", "")) == digits[:3] + digits[-3:]


def test_dates_stay_readable_and_list_items_stay_apart() -> None:
    assert for_display("Hết hạn 05/09/1990") == "Hết hạn 05/09/1990"
    assert for_display("12/03/1990 – 01/02/2021") == "12/03/1990 – 01/02/2021"
    assert for_display("0912345678 / 0241234567") == "091****678 / 024****567"
    assert for_display("001/090/123/456") == "001/***/***/456"


def test_no_output_shows_such_a_number(tmp_path: Path) -> None:
    people = make_employees(len(WRITTEN) * 2)
    rows = [employee_cells(person, index + 1) for index, person in enumerate(people)]
    name, birth = HEADERS.index("Họ và tên"), HEADERS.index("Ngày sinh")
    for index, written in enumerate(WRITTEN):
        rows[2 * index][name] = written
        rows[2 * index + 1][birth] = written
    sheet = tmp_path / "ds.xlsx"
    write_sheet(sheet, rows)
    runner = CliRunner()
    args = ["--as-of", AS_OF.isoformat()]
    table = runner.invoke(app, ["validate", str(sheet), "--all", *args])
    document = runner.invoke(app, ["validate", str(sheet), "--format", "json", *args])
    assert table.exit_code == document.exit_code == 1
    problems = json.loads(document.stdout)["problems"]
    assert {p["row"] for p in problems} >= {person.row for person in people}
    for where, text in (("table", table.stdout + table.stderr), ("json", document.stdout)):
        assert _digits_left(text) == [], where
