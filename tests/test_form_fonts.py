"""The embedded fonts: small forms, the same print as the upstream fonts, and files that do not
depend on the number of workers (issue 14 item 3, issue 15 item 9)."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent import futures
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops
from PIL.Image import Image as PILImage
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.documents.pdf.fonts import FONT_DIR
from vssid_batch.rules.drawable import FORM_FONT_COVERAGE
from vssid_batch.synthetic import HEADERS, make_employees, write_sheet

from helpers import AS_OF, EXAMPLES, cells

HINTED = Path(__file__).parent / "fixtures" / "hinted-tinos"
NAME = HEADERS.index("Họ và tên")
ADDRESS = HEADERS.index("Địa chỉ liên hệ")
# Letters Tinos has that the Vietnamese alphabet does not: each gets a byte in whichever
# document draws it first, unless the batch's alphabet fixed it before drawing.
ODD_NAMES = ["Ŵilliam Ǆoković", "Ŀuis Ǉubičić", "Œdipe Ŧran", "Ǌegoš Ĳsbrand", "Ŧhảo Ŵăn"]


@pytest.fixture(scope="module")
def odd_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("odd")
    rows = cells(make_employees(12, seed=5))
    for index, name in enumerate(ODD_NAMES):
        rows[2 * index + 1][NAME] = name  # spread over the chunks
    rows[3][ADDRESS] = "Số 1 phố Ŵ, Ǆ"
    path = folder / "employees.xlsx"
    write_sheet(path, rows)
    (folder / "unit.toml").write_bytes((EXAMPLES / "unit.toml").read_bytes())
    return path


def _prepare(sheet: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(
        app, ["prepare", str(sheet), "--out", str(out), "--date", AS_OF.isoformat(), *extra]
    )
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def odd_batch(odd_sheet: Path) -> Path:
    return _prepare(odd_sheet, odd_sheet.parent / "jobs1", "--jobs", "1")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def test_forms_do_not_depend_on_the_number_of_workers(odd_sheet: Path, odd_batch: Path) -> None:
    two = _prepare(odd_sheet, odd_sheet.parent / "jobs2", "--jobs", "2")
    three = _prepare(odd_sheet, odd_sheet.parent / "jobs3", "--jobs", "3")
    assert _files(odd_batch) == _files(two) == _files(three)
    people = [
        json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["people"]
        for folder in (odd_batch, two)
    ]
    assert people[0] == people[1]  # the SHA-256 of every form


def test_forms_are_small(odd_batch: Path) -> None:
    forms = [p.stat().st_size for p in (odd_batch / "to-khai").glob("*.pdf")]
    assert len(forms) == 12
    assert sum(forms) / len(forms) <= 25_000


def test_odd_letters_are_printed(odd_batch: Path) -> None:
    from pypdf import PdfReader

    texts = [
        PdfReader(p).pages[0].extract_text() for p in sorted((odd_batch / "to-khai").glob("*.pdf"))
    ]
    assert any("ŴILLIAM ǄOKOVIĆ" in text for text in texts)
    assert any("Ŵilliam Ǆoković" in text for text in texts)


_BEFORE = """
import sys
from datetime import date
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from vssid_batch.api import check_sheet
from vssid_batch.config import load_unit
from vssid_batch.documents.pdf import fonts
from vssid_batch.documents.mau01 import render_form

sheet, unit_file, hinted, row, out = sys.argv[1:]
fonts.register_fonts()
# Stock reportlab embedding of the upstream (hinted) fonts, under the names the form uses.
for name, file in fonts._FILES.items():
    pdfmetrics.registerFont(TTFont(name, str(Path(hinted) / file)))
on = date.fromisoformat("{on}")
report = check_sheet(Path(sheet), as_of=on)
person = next(e for e in report.employees if e.row == int(row))
Path(out).write_bytes(render_form(person, load_unit(Path(unit_file)), on=on))
"""


def _raster(pdf: Path) -> PILImage:
    """The page at 150 dpi, in grey."""
    page = pdfium.PdfDocument(str(pdf))[0]
    image: PILImage = page.render(scale=150 / 72).to_pil().convert("L")
    return image


def _ink_difference(before: PILImage, after: PILImage) -> tuple[int, int]:
    """(pixels differing by more than antialiasing can, pixels with ink at all)."""
    assert before.size == after.size
    diff = ImageChops.difference(before, after).point(lambda v: 255 if v > 96 else 0)
    ink = before.point(lambda v: 255 if v < 160 else 0)
    return diff.histogram()[255], ink.histogram()[255]


@pytest.mark.parametrize("row", [5, 6])  # a plain name, and one with letters outside Vietnamese
def test_same_print_as_the_upstream_fonts(
    odd_sheet: Path, odd_batch: Path, row: int, tmp_path: Path
) -> None:
    """A form with the shipped fonts (no hinting, batch subsets, rounded widths) prints like
    the same form drawn by stock reportlab with the upstream hinted fonts, at 150 dpi."""
    before = tmp_path / "before.pdf"
    subprocess.run(
        [
            sys.executable,
            "-c",
            _BEFORE.replace("{on}", AS_OF.isoformat()),
            str(odd_sheet),
            str(odd_sheet.parent / "unit.toml"),
            str(HINTED),
            str(row),
            str(before),
        ],
        check=True,
        timeout=120,
    )
    after = next((odd_batch / "to-khai").glob(f"{row:05d}-*.pdf"))
    changed, ink = _ink_difference(_raster(before), _raster(after))
    assert ink > 20_000  # a whole form was drawn
    assert changed <= ink // 1000, (changed, ink)
    other = next((odd_batch / "to-khai").glob(f"{row + 2:05d}-*.pdf"))
    changed, _ = _ink_difference(_raster(before), _raster(other))
    assert changed > ink // 100  # another person's form is not "the same print"


def test_the_shipped_fonts_have_no_hinting() -> None:
    from fontTools import ttLib as ttlib  # type: ignore[import-untyped]

    for path in FONT_DIR.glob("*.ttf"):
        font = ttlib.TTFont(path)
        assert not {"fpgm", "prep", "cvt "} & set(font.keys()), path.name
        assert font["name"].getDebugName(0).startswith("Copyright")
    assert "MODIFIED VERSION" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


def test_the_coverage_data_matches_the_shipped_fonts() -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
    try:
        import build_fonts  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    ranges = build_fonts.coverage([FONT_DIR / name for name in build_fonts.FORM_FACES])
    assert (
        frozenset(code for start, end in ranges for code in range(start, end + 1))
        == FORM_FONT_COVERAGE
    )


def test_a_small_batch_is_drawn_in_the_parent(
    odd_sheet: Path, odd_batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 item 2: no forkserver, no workers below the threshold, the same files."""
    from vssid_batch.batch import render

    pools: list[object] = []
    real_pool, real_start = futures.ProcessPoolExecutor, render.start_workers

    def pool(*args: Any, **kwargs: Any) -> Any:
        pools.append(kwargs.get("max_workers"))
        return real_pool(*args, **kwargs)

    def start() -> None:
        pools.append("forkserver")
        real_start()

    monkeypatch.setattr(futures, "ProcessPoolExecutor", pool)
    monkeypatch.setattr(render, "start_workers", start)
    auto = _prepare(odd_sheet, odd_sheet.parent / "auto")
    assert pools == []
    assert _files(auto) == _files(odd_batch)
    _prepare(odd_sheet, odd_sheet.parent / "asked", "--jobs", "2")  # --jobs still wins
    # The forkserver is started early (while the sheet is read) and ensured again by the pool.
    assert pools[-1] == 2 and set(pools[:-1]) == {"forkserver"}


def test_worker_count_follows_the_batch_size() -> None:
    from vssid_batch.batch.render import PARENT_ONLY_BELOW, worker_count

    assert worker_count(PARENT_ONLY_BELOW - 1, None) == 1
    assert worker_count(PARENT_ONLY_BELOW, None) >= 1
    assert worker_count(10, 3) == 3
