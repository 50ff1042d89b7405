"""Made-up photos of chip ID cards for the card-QR tests and the benchmark (never real people).

A QR code made with ``segno`` is put on a plain card of ID-1 proportions (85.6 × 54 mm) with a
few grey "text" bars, the card is laid on a desk-coloured background, turned a few degrees,
blurred a little and saved as JPEG — what a phone photo of a card looks like to a decoder.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFilter

from vssid_batch.models import Employee

CARD_ASPECT = 85.6 / 53.98


def payload(
    person: Employee,
    *,
    name: str | None = None,
    birth: date | None = None,
    gender: str | None = None,
    number: str | None = None,
    address: str = "",
    issued: date | None = date(2021, 8, 10),
    generation: int = 2021,
) -> str:
    """The text of the QR code on ``person``'s card; keyword arguments change one field."""
    born = birth or person.birth_date
    fields = [
        number or person.id_number,
        "",
        name or person.full_name,
        born.strftime("%d%m%Y"),
        gender or person.gender.value,
        address,
        issued.strftime("%d%m%Y") if issued else "",
    ]
    if generation == 2024:  # the 2024 card adds fields after the seventh: ignored by readers
        fields += ["", "Nguyễn Văn Cha", "Trần Thị Mẹ"]
    return "|".join(fields)


def qr_image(text: str, module: int) -> Image.Image:
    """The QR code as a greyscale image, ``module`` pixels per module, with its quiet zone."""
    code = segno.make(text, error="m", micro=False)
    rows = [bytes(0 if dark else 255 for dark in row) for row in code.matrix]
    size = len(rows)
    image = Image.frombytes("L", (size, size), b"".join(rows))
    border = Image.new("L", (size + 8, size + 8), 255)
    border.paste(image, (4, 4))
    return border.resize((border.width * module, border.height * module), Image.Resampling.NEAREST)


def card_image(text: str | None, width: int, *, seed: int = 0) -> Image.Image:
    """A card ``width`` pixels wide; ``text`` None is the side without a QR code."""
    rng = random.Random(seed)
    height = round(width / CARD_ASPECT)
    card = Image.new("RGB", (width, height), (226, 232, 214))
    draw = ImageDraw.Draw(card)
    for line in range(6):  # grey bars where the printed text would be
        y = round(height * (0.35 + line * 0.1))
        draw.rectangle(
            (
                round(width * 0.35),
                y,
                round(width * rng.uniform(0.6, 0.92)),
                y + max(2, height // 40),
            ),
            fill=(90, 90, 100),
        )
    draw.rectangle(
        (round(width * 0.05), round(height * 0.3), round(width * 0.28), round(height * 0.85)),
        fill=(170, 160, 150),
    )  # the portrait
    if text is not None:
        qr = qr_image(text, 1)
        side = round(width * 0.22)  # the QR is about 19 mm on the 85.6 mm card
        qr = qr.resize((side, side), Image.Resampling.NEAREST)
        card.paste(qr.convert("RGB"), (width - side - round(width * 0.04), round(height * 0.05)))
    return card


def card_photo(
    path: Path,
    text: str | None,
    *,
    size: tuple[int, int] = (1000, 750),
    fill: float = 0.8,
    angle: float = 3.0,
    blur: float = 0.6,
    portrait: bool = False,
    quality: int = 88,
    seed: int = 0,
) -> Path:
    """A JPEG "phone photo" of a card, ``fill`` of the photo's width, turned by ``angle``°."""
    width, height = (size[1], size[0]) if portrait else size
    card = card_image(text, round(min(width, height * CARD_ASPECT) * fill), seed=seed)
    card = card.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(120, 100, 80)
    )
    photo = Image.new("RGB", (width, height), (120, 100, 80))  # a wooden desk
    photo.paste(card, ((width - card.width) // 2, (height - card.height) // 2))
    if blur:
        photo = photo.filter(ImageFilter.GaussianBlur(blur))
    path.parent.mkdir(parents=True, exist_ok=True)
    photo.save(path, "JPEG", quality=quality)
    return path
