"""prepare --photos: photocopy pages after each form, listed in the manifest and the summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.synthetic import make_employees, write_sheet

from helpers import AS_OF, EXAMPLES, cells


def card(path: Path, colour: str, width: int = 1000) -> None:
    Image.new("RGB", (width, int(width / 1.586)), colour).save(path)


def test_photos_are_matched_placed_and_reported(tmp_path: Path) -> None:
    people = make_employees(4, seed=21)
    sheet = tmp_path / "nv.xlsx"
    write_sheet(sheet, cells(people))
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    photos = tmp_path / "anh"
    photos.mkdir()
    card(photos / f"{people[0].id_number}_truoc.jpg", "red")
    card(photos / f"{people[0].id_number}_sau.jpg", "blue")
    card(photos / f"{people[1].employee_code}-mat-truoc.png", "green", width=400)  # too small
    card(photos / "999999999999_truoc.jpg", "grey")  # matches nobody
    result = CliRunner().invoke(
        app,
        [
            "prepare",
            str(sheet),
            "--out",
            str(tmp_path / "out"),
            "--photos",
            str(photos),
            "--date",
            AS_OF.isoformat(),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    summary = manifest["photos"]
    assert summary["with_both_sides"] == 1
    assert summary["one_side_only"] == [people[1].row]
    assert summary["missing"] == [people[2].row, people[3].row]
    assert summary["unmatched_files"] == ["999******999_truoc.jpg"]
    first = manifest["people"][0]
    assert first["photocopy"] and (folder / first["photocopy"]).is_file()
    assert first["photocopy"] in manifest["files"]
    # 4 forms + a photocopy page after each of the two people who have any photo
    pages = PdfReader(folder / manifest["documents"]["forms_print"]).pages
    assert len(pages) == 6
    assert "Bản sao CCCD" in pages[1].extract_text()
    assert people[0].full_name in pages[1].extract_text()
    assert "Việc cần làm tiếp" in result.stdout
    assert "999999999999" not in result.stdout
    assert "Ảnh CCCD" in result.stdout
    assert "999******999_truoc.jpg" in result.stdout
    report = CliRunner().invoke(app, ["report", str(folder)])
    assert report.exit_code == 0
    assert "Ảnh CCCD: 1 người đủ hai mặt" in report.stdout
    assert f"Chưa có ảnh CCCD: dòng {people[2].row} · {people[2].full_name}" in report.stdout
    assert f"Mới có một mặt thẻ: dòng {people[1].row} · {people[1].full_name}" in report.stdout
    assert "999******999_truoc.jpg" in report.stdout and "999999999999" not in report.stdout
