"""Card QR payloads as other generators write them (attack pass on issue 12): a byte-order mark
in front of the payload made a readable card "unreadable"."""

from __future__ import annotations

import json
from pathlib import Path

from cardphotos import card_photo, payload
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.rules import card_qr
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet

from helpers import AS_OF


def test_a_payload_with_a_byte_order_mark_is_a_card() -> None:
    person = make_employees(1)[0]
    card = card_qr.parse("\ufeff" + payload(person))
    assert card.number == person.id_number and card.full_name == person.full_name


def test_validate_reads_it_from_the_photo(tmp_path: Path) -> None:
    person = make_employees(1)[0]
    sheet = tmp_path / "ds.xlsx"
    write_sheet(sheet, [employee_cells(person, 1)])
    photos = tmp_path / "anh"
    card_photo(
        photos / f"{person.id_number}_truoc.jpg",
        "\ufeff" + payload(person, issued=person.id_issue_date),
    )
    card_photo(photos / f"{person.id_number}_sau.jpg", None)
    result = CliRunner().invoke(
        app,
        [
            "validate",
            str(sheet),
            "--photos",
            str(photos),
            "--format",
            "json",
            "--as-of",
            AS_OF.isoformat(),
        ],
    )
    document = json.loads(result.stdout)
    assert document["summary"]["cards"]["matched"] == 1, document["problems"]
    assert not [p for p in document["problems"] if p["code"].startswith("card.")]
