"""The card check's cost: `prepare --photos` with the QR check against `prepare --photos` before it.

    python benchmarks/bench_cards.py [N] [--jobs J] [--baseline REV] [--megapixels M]

N people (default 50; issue 12 asks about 1,000) each get two phone-sized photos (default 12 MP,
4032 × 3024 JPEG, about 1.5 MB): the front with the QR code of their own card (2021 card), the
back without. Then, on the same sheet and photos, in the same run:

(a) baseline: `prepare --photos` as of git revision REV (default `main`, extracted with
    `git archive` into a temporary folder), which places the photos without reading them;
(b) `prepare --photos` of this tree, which also reads every QR code and checks every person.

Prints both wall times, per person, the ratio (target ≤ 2) and how many cards were matched
(all of them should be). Generating 12-MP photos is itself slow (about 0.3 s each): the photos
are made from one card template per 20 people, with each person's own QR code pasted in.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic card photos the tests use

from cardphotos import CARD_ASPECT, card_image, payload, qr_image  # noqa: E402

from vssid_batch.models import Employee  # noqa: E402
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet  # noqa: E402

UNIT = ROOT / "examples" / "unit.toml"
DESK = (120, 100, 80)


class Template:
    """A phone photo of a card with a blank square where the QR code goes; noise baked in."""

    def __init__(self, size: tuple[int, int], with_qr: bool, seed: int) -> None:
        rng = random.Random(seed)
        width, height = size
        card_width = round(min(width, height * CARD_ASPECT) * rng.uniform(0.7, 0.85))
        card = card_image(None, card_width, seed=seed)
        photo = Image.new("RGB", size, DESK)
        self.left = (width - card.width) // 2
        self.top = (height - card.height) // 2
        photo.paste(card, (self.left, self.top))
        noise = Image.effect_noise(size, 18).convert("RGB")  # sensor noise: realistic file sizes
        self.photo = Image.blend(photo, noise, 0.08).filter(ImageFilter.GaussianBlur(0.8))
        self.qr_side = round(card_width * 0.22)
        self.qr_at = (
            self.left + card_width - self.qr_side - round(card_width * 0.04),
            self.top + round(card.height * 0.05),
        )
        self.with_qr = with_qr

    def save(self, path: Path, text: str) -> None:
        photo = self.photo.copy()
        if self.with_qr:
            qr = qr_image(text, 1).resize((self.qr_side, self.qr_side), Image.Resampling.NEAREST)
            photo.paste(qr.convert("RGB").filter(ImageFilter.GaussianBlur(0.8)), self.qr_at)
        photo.save(path, "JPEG", quality=90)


def make_photos(folder: Path, people: list[Employee], size: tuple[int, int]) -> None:
    folder.mkdir()
    fronts = backs = None
    for index, person in enumerate(people):
        if index % 20 == 0:
            fronts, backs = Template(size, True, index), Template(size, False, index + 1)
        assert fronts is not None and backs is not None
        fronts.save(folder / f"{person.id_number}_truoc.jpg", payload(person))
        backs.save(folder / f"{person.id_number}_sau.jpg", "")


def baseline_source(revision: str, into: Path) -> Path:
    """``src`` of the project at ``revision``, extracted from git."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def timed_prepare(src: Path, sheet: Path, photos: Path, out: Path, jobs: int) -> float:
    environment = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vssid_batch",
            "prepare",
            str(sheet),
            "--photos",
            str(photos),
            "--out",
            str(out),
            "--date",
            "2026-11-25",
            "--jobs",
            str(jobs),
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"prepare failed ({done.returncode}): {done.stderr[-500:]}{done.stdout[-1500:]}"
        )
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best counts")
    args = parser.parse_args()
    width = round((args.megapixels * 1e6 * 4 / 3) ** 0.5)
    size = (width, round(width * 3 / 4))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        people = make_employees(args.count, seed=12)
        sheet = folder / "employees.xlsx"
        write_sheet(sheet, [employee_cells(p, i + 1) for i, p in enumerate(people)])
        shutil.copy(UNIT, folder / "unit.toml")
        start = time.perf_counter()
        make_photos(folder / "photos", people, size)
        megabytes = sum(p.stat().st_size for p in (folder / "photos").iterdir()) / 2**20
        print(
            f"{args.count:,} people, 2 photos each at {size[0]} × {size[1]} "
            f"({megabytes / (2 * args.count):.1f} MB each, made in "
            f"{time.perf_counter() - start:.0f} s); {args.jobs} jobs, {os.cpu_count()} cores"
        )
        old_src = baseline_source(args.baseline, folder / "baseline")
        new_src = ROOT / "src"
        old = new = float("inf")
        for run in range(args.repeat):  # interleaved, so that a busy spell hits both alike
            out_old, out_new = folder / f"old{run}", folder / f"new{run}"
            old = min(old, timed_prepare(old_src, sheet, folder / "photos", out_old, args.jobs))
            new = min(new, timed_prepare(new_src, sheet, folder / "photos", out_new, args.jobs))
            print(
                f"  run {run + 1}: without {old:.2f} s, with {new:.2f} s (best so far)", flush=True
            )
        cards = json.loads((folder / "new0" / "manifest.json").read_text())["photos"]["cards"]
        print(
            f"prepare --photos at {args.baseline} (photos placed only): {old:7.2f} s  "
            f"{1000 * old / args.count:6.0f} ms/person"
        )
        print(
            f"prepare --photos with the card check:          {new:7.2f} s  "
            f"{1000 * new / args.count:6.0f} ms/person"
        )
        print(f"cards: {cards}")
        print(f"with check / without = {new / old:.2f}  (target ≤ 2)")


if __name__ == "__main__":
    main()
