"""Make docs/card-check.png: what `validate --photos` prints for a small made-up team.

    PYTHONPATH=src python docs/cards_picture.py

Five made-up people with generated card photos: one card that matches, a pair of swapped photos,
a name typed without its mark, and a photo too blurred to read. The report is printed by the
real command into a recording console and drawn line by line with DejaVu Sans Mono.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import MONOKAI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cardphotos import card_photo, payload  # noqa: E402

from vssid_batch.api import check_sheet  # noqa: E402
from vssid_batch.batch.cards import check_card_photos  # noqa: E402
from vssid_batch.cli.render import print_report  # noqa: E402
from vssid_batch.messages import Lang  # noqa: E402
from vssid_batch.models import Employee  # noqa: E402
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet  # noqa: E402

AS_OF = date(2026, 11, 25)
FONTS = Path("/usr/share/fonts/truetype/dejavu")
SIZE, LINE, MARGIN = 15, 20, 16
THEME = MONOKAI


def _report(folder: Path) -> Console:
    issued = date(2024, 7, 1)
    people = [p.model_copy(update={"id_issue_date": issued}) for p in make_employees(5, seed=5)]
    people[3] = people[3].model_copy(update={"full_name": "Nguyễn Văn Lan"})
    photos = folder / "anh"

    def text(person: Employee, **changes: str) -> str:
        return payload(person, address=person.address or "", issued=issued, **changes)

    texts = [
        text(people[0]),
        text(people[2]),
        text(people[1]),
        text(people[3], name="Nguyễn Văn Lân"),
        text(people[4]),
    ]
    for index, (person, text) in enumerate(zip(people, texts, strict=True)):
        size = (300, 225) if index == 4 else (1000, 750)
        card_photo(
            photos / f"{person.id_number}_truoc.jpg", text, size=size, blur=3 if index == 4 else 0.6
        )
        card_photo(photos / f"{person.id_number}_sau.jpg", None, size=size)
    sheet = folder / "nhan-vien.xlsx"
    rows = [employee_cells(p, i + 1) for i, p in enumerate(people)]
    rows[0][11] = ""  # no address: the card fills it in
    write_sheet(sheet, rows)
    report = check_sheet(sheet, as_of=AS_OF)
    check_card_photos(report, photos, with_photo_warnings=False)
    with open(os.devnull, "w") as nowhere:  # recorded, not shown
        console = Console(
            record=True, width=140, file=nowhere, force_terminal=True, color_system="truecolor"
        )
        print_report(console, report, as_of=AS_OF, lang=Lang.vi, show_pii=False)
    return console


def _fonts() -> tuple[
    dict[bool, ImageFont.FreeTypeFont], dict[bool, ImageFont.FreeTypeFont], set[int]
]:
    """DejaVu Sans Mono, and DejaVu Sans for the Vietnamese letters the mono font lacks (ố, ễ …)."""
    mono = {
        weight: ImageFont.truetype(str(FONTS / f"DejaVuSansMono{suffix}.ttf"), SIZE)
        for weight, suffix in ((False, ""), (True, "-Bold"))
    }
    sans = {
        weight: ImageFont.truetype(str(FONTS / f"DejaVuSans{suffix}.ttf"), SIZE)
        for weight, suffix in ((False, ""), (True, "-Bold"))
    }
    covered = set(TTFont(str(FONTS / "DejaVuSansMono.ttf")).getBestCmap())
    return mono, sans, covered


def _draw(console: Console, path: Path) -> None:
    # The recorded segments (colour and weight of every piece of text), one list per line.
    lines = list(Segment.split_lines(console._record_buffer))
    mono, sans, covered = _fonts()
    cell = mono[False].getlength("M")
    columns = max(sum(len(s.text) for s in line) for line in lines)
    size = (round(columns * cell) + 2 * MARGIN, len(lines) * LINE + 2 * MARGIN)
    image = Image.new("RGB", size, tuple(THEME.background_color))
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        column, y = 0, MARGIN + number * LINE
        for segment in line:
            style = segment.style or Style()
            colour = tuple(
                style.color.get_truecolor(THEME) if style.color else THEME.foreground_color
            )
            if style.dim:
                colour = tuple(c * 2 // 3 for c in colour)
            for char in segment.text:  # one cell per character keeps the table's lines straight
                font = (mono if ord(char) in covered else sans)[bool(style.bold)]
                x = MARGIN + column * cell + (cell - font.getlength(char)) / 2
                draw.text((x, y), char, fill=colour, font=font)
                column += 1
    image.save(path, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        console = _report(Path(tmp))
    _draw(console, ROOT / "docs" / "card-check.png")


if __name__ == "__main__":
    main()
