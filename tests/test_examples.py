"""The bundled examples: the valid sheet passes; every planted mistake is reported at its row."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vssid_batch.cli.app import app

from helpers import AS_OF, EXAMPLES

# Excel row → the problem codes validate must report there (examples/make_examples.py plants them).
PLANTED = {
    7: {"id_number.leading_zero_restored"},
    8: {"id_number.sex_mismatch"},
    9: {"id_number.birth_year_mismatch"},
    10: {"phone.landline"},
    11: {"phone.old_number_mapped"},
    12: {"phone.duplicate"},
    13: {"phone.duplicate"},
    14: {"id_number.duplicate", "bhxh_code.duplicate", "phone.duplicate"},
    15: {"id_number.duplicate", "bhxh_code.duplicate", "phone.duplicate"},
    17: {"phone.leading_zero_restored"},
    18: {"bhxh_code.leading_zero_restored"},
    19: {"full_name.invalid_character"},
    20: {"id_number.unknown_province"},
    21: {"birth_date.invalid"},
    22: {"id_number.cmnd_no_longer_valid"},
    23: {"bhxh_code.invalid_length"},
    24: {"phone.missing"},
    25: {"email.invalid"},
    26: {"birth_date.too_young", "id_number.birth_year_mismatch"},
}


def validate_json(name: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        app, ["validate", str(EXAMPLES / name), "--format", "json", "--as-of", AS_OF.isoformat()]
    )
    return result.exit_code, json.loads(result.stdout)


def test_valid_example_passes() -> None:
    code, report = validate_json("employees.xlsx")
    assert code == 0
    assert report["summary"]["people"] == 25 and report["problems"] == []


def test_every_planted_mistake_is_reported_at_its_row() -> None:
    code, report = validate_json("employees-with-errors.xlsx")
    assert code == 1
    found: dict[int, set[str]] = {}
    for problem in report["problems"]:
        found.setdefault(problem["row"], set()).add(problem["code"])
    assert found == PLANTED
    # title rows, the blank row 16 and the totals/signature rows are not people
    assert report["header_row"] == 5
    assert report["summary"]["people"] == 20
