"""Golden files: what `validate` prints for the example sheets, as a table and as JSON.

The expected outputs live in tests/golden/, one file per case, compared byte for byte (httpie
keeps its expected output the same way). After a deliberate change of wording or layout:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

rewrites them; review the diff before committing it.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import AS_OF, EXAMPLES, child_env

GOLDEN = Path(__file__).resolve().parent / "golden"
# A fixed terminal: 120 columns, no colour. The command runs in a child process, as a clerk runs
# it: the width is read when the program starts, and output to a pipe is never coloured.
TERMINAL = {"COLUMNS": "120", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}

CASES = [
    ("employees-with-errors.xlsx", "table", "vi"),
    ("employees-with-errors.xlsx", "table", "en"),
    ("employees-with-errors.xlsx", "json", "vi"),
    ("danh-sach-bhxh.xlsx", "table", "vi"),
    ("danh-sach-bhxh.xlsx", "json", "vi"),
]


def golden_name(sheet: str, output: str, lang: str) -> str:
    suffix = ".json" if output == "json" else ".txt"
    return f"validate-{Path(sheet).stem}-{lang}{suffix}"


@functools.cache  # each case runs once, however many tests read it
def run_validate(sheet: str, output: str, lang: str) -> tuple[int, str]:
    args = ["validate", str(EXAMPLES / sheet), "--as-of", AS_OF.isoformat(), "--lang", lang]
    if output == "json":
        args += ["--format", "json"]
    result = subprocess.run(
        [sys.executable, "-m", "vssid_batch", *args],
        capture_output=True,
        env={**child_env(), **TERMINAL},
        timeout=120,
        check=False,
    )
    assert not result.stderr, result.stderr.decode("utf-8", "replace")
    return result.returncode, result.stdout.decode("utf-8")


@pytest.mark.parametrize(("sheet", "output", "lang"), CASES)
def test_validate_output_matches_the_golden_file(sheet: str, output: str, lang: str) -> None:
    code, text = run_validate(sheet, output, lang)
    path = GOLDEN / golden_name(sheet, output, lang)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert code == (1 if "errors" in sheet else 0)
    assert path.exists(), f"{path.name} is missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"validate's output differs from {path.name}; if the change is meant, rerun with "
        "UPDATE_GOLDEN=1 and review the diff"
    )


def test_the_table_is_as_wide_as_the_terminal_and_has_no_colour() -> None:
    """The golden tables are the 120-column table a clerk sees, not a wrapped or styled one."""
    _, text = run_validate("employees-with-errors.xlsx", "table", "vi")
    assert max(len(line) for line in text.splitlines()) == 120
    assert "\x1b[" not in text


def test_every_golden_file_is_a_case() -> None:
    """A renamed or removed case leaves no stale golden file behind."""
    expected = {golden_name(*case) for case in CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected
