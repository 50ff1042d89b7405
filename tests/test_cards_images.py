"""Hostile or odd photo files among the card photos (issue 15, items 8 and 12).

A 16-bit greyscale PNG must print as the card, not white; a truncated JPEG must be a warning
naming the file; a tiny file declaring an enormous or absurdly thin image must be refused from
its header, under a memory limit and a time limit.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import zlib
from io import BytesIO
from pathlib import Path

from cardphotos import card_image
from PIL import Image, ImageStat
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.images import card_jpeg
from vssid_batch.synthetic import make_employees, write_sheet

from helpers import AS_OF, EXAMPLES, cells

SRC = Path(__file__).resolve().parent.parent / "src"
MEMORY_LIMIT = 1536 * 1024 * 1024  # the whole command, workers included, in 1.5 GB
TIME_LIMIT = 120


def _png_declaring(path: Path, width: int, height: int) -> Path:
    """A valid PNG header declaring ``width`` × ``height`` 1-bit pixels, with one row of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row))
        + chunk(b"IEND", b"")
    )
    return path


def test_a_16_bit_greyscale_png_prints_as_the_card_not_white(tmp_path: Path) -> None:
    grey = card_image("001090123456||An|01011990|Nam||01012021", 1100).convert("L")
    sixteen = grey.convert("I").point(lambda level: level * 257).convert("I;16")
    path = tmp_path / "card.png"
    sixteen.save(path)
    assert Image.open(path).mode == "I;16"
    printed = Image.open(BytesIO(card_jpeg(path))).convert("L")
    expected = ImageStat.Stat(grey).mean[0]
    assert abs(ImageStat.Stat(printed).mean[0] - expected) < 8  # white would be 255
    assert ImageStat.Stat(printed).extrema[0][0] < 60  # the QR's dark modules survive


def test_a_truncated_jpeg_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    people = make_employees(2, seed=41)
    sheet = tmp_path / "nv.xlsx"
    write_sheet(sheet, cells(people))
    photos = tmp_path / "anh"
    photos.mkdir()
    whole = BytesIO()
    card_image(None, 1000).save(whole, "JPEG", quality=90)
    data = whole.getvalue()
    (photos / f"{people[0].id_number}_truoc.jpg").write_bytes(data[: len(data) // 2])
    (photos / f"{people[0].id_number}_sau.jpg").write_bytes(data)
    result = CliRunner().invoke(
        app,
        [
            "validate",
            str(sheet),
            "--photos",
            str(photos),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    unreadable = [p for p in problems if p["code"] == "photo.unreadable"]
    assert [p["row"] for p in unreadable] == [people[0].row]
    masked = people[0].id_number[:3] + "******" + people[0].id_number[-3:]
    assert f"{masked}_truoc.jpg" in unreadable[0]["message"]
    assert "mặt trước" in unreadable[0]["message"]
    assert people[0].id_number not in result.stdout


def test_photos_declaring_absurd_sizes_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    people = make_employees(3, seed=42)
    sheet = tmp_path / "nv.xlsx"
    write_sheet(sheet, cells(people))
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    photos = tmp_path / "anh"
    photos.mkdir()
    Image.new("L", (1, 60000), 255).save(photos / f"{people[0].employee_code}_truoc.png")
    huge = _png_declaring(photos / f"{people[1].employee_code}_truoc.png", 400, 24_000_000)
    assert huge.stat().st_size < 400
    card_image(None, 700).save(photos / f"{people[2].employee_code}_truoc.jpg")

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    environment = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "OPENBLAS_NUM_THREADS": "1",
        "COLUMNS": "250",
    }
    command = [
        sys.executable,
        "-m",
        "vssid_batch",
        "prepare",
        str(sheet),
        "--photos",
        str(photos),
        "--date",
        AS_OF.isoformat(),
        "--out",
        str(tmp_path / "out"),
        "--jobs",
        "1",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        preexec_fn=limits,
        timeout=TIME_LIMIT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "không phải hình một tấm thẻ" in done.stdout  # the 1 × 60,000 strip
    assert f"{people[0].employee_code}_truoc.png" in done.stdout
    assert f"{people[1].employee_code}_truoc.png) khai báo hơn 120 triệu điểm ảnh" in done.stdout
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["people"]) == 3
