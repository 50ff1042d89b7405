"""ID-card photos: reading them (JPEG, PNG, HEIC/HEIF), checking their declared size, and
cutting the card out as the JPEG that goes onto the photocopy sheet.

A low-level module: the photocopy page (``documents.photocopy``), the photo matching and the card
checks of ``batch/`` use it alike, and it knows nothing of PDF.

Photos are re-encoded before they go into a PDF, so the output depends only on the pixels: EXIF
orientation is applied, the picture is cropped to the card's aspect ratio, scaled down to about
300 dpi at card size and stored as JPEG quality 85 without EXIF. Same photos in, same bytes out.
"""

from __future__ import annotations

import statistics
import warnings
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

import pillow_heif
from PIL import Image, ImageChops, ImageFilter, ImageOps

CARD_WIDTH_MM = 85.60  # ISO/IEC 7810 ID-1, the size of a CCCD and of the chip-less CMND
CARD_HEIGHT_MM = 53.98
CARD_ASPECT = CARD_WIDTH_MM / CARD_HEIGHT_MM
# 300 dpi across 85.60 mm: sharp on any office printer, and about 100 kB per side as JPEG.
CARD_WIDTH_PX = round(CARD_WIDTH_MM / 25.4 * 300)
CARD_HEIGHT_PX = round(CARD_WIDTH_PX / CARD_ASPECT)
JPEG_QUALITY = 85


# A 108-megapixel phone photo still fits; a "photo" declaring more is refused before decoding.
MAX_PHOTO_PIXELS = 120_000_000
# Pillow's own guard (a warning at this size, an error at twice it) agrees with ours.
Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS
# A card photo is near 1.6:1 either way; a long strip is no photo of a card (and resizing a
# 1 x 60,000 strip to the 400-pixel-wide thumbnail would take gigabytes).
MAX_ASPECT = 4.0


class PhotoUnreadable(ValueError):
    """A photo file could not be decoded (corrupt, truncated, or not really an image).

    The message is the file name only; the caller decides how to show it (it may hold an ID).
    ``code`` is the warning it becomes (``photo.<code>``); ``size`` the declared pixel size.
    """

    code = "unreadable"

    def __init__(self, name: str, size: tuple[int, int] = (0, 0)) -> None:
        super().__init__(name)
        self.size = size


class PhotoDamaged(PhotoUnreadable):
    """The header was read but the pixels could not be (a truncated or damaged file)."""


class PhotoTooLarge(PhotoUnreadable):
    """The file declares more pixels than any camera makes (refused before decoding)."""

    code = "too_large"


class PhotoBadShape(PhotoUnreadable):
    """The file declares a long strip, not the shape of a card photo (refused before decoding)."""

    code = "bad_shape"


def check_declared_size(name: str, width: int, height: int) -> None:
    """Refuse a photo by the size its header declares, before any pixel is decoded.

    >>> check_declared_size("a.jpg", 4032, 3024)
    >>> check_declared_size("b.png", 1, 60000)
    Traceback (most recent call last):
        ...
    vssid_batch.images.PhotoBadShape: b.png
    >>> check_declared_size("c.png", 400, 24_000_000)
    Traceback (most recent call last):
        ...
    vssid_batch.images.PhotoTooLarge: c.png
    """
    if width * height > MAX_PHOTO_PIXELS:
        raise PhotoTooLarge(name, (width, height))
    if min(width, height) == 0 or max(width, height) > MAX_ASPECT * min(width, height):
        raise PhotoBadShape(name, (width, height))


# ---------------------------------------------------------------------------------------------
# Reading photos


@cache
def _register_heif() -> None:
    # Phones (iPhones above all) save HEIC by default; pillow-heif teaches Pillow to open it.
    pillow_heif.register_heif_opener()


def open_photo(path: Path) -> Image.Image:
    """Open a JPEG, PNG or HEIC/HEIF photo lazily (pixels are decoded on first use).

    Only the header is read here, and a declared size no card photo has is refused
    (``PhotoTooLarge``, ``PhotoBadShape``) before anything is decoded.
    """
    _register_heif()
    try:
        with warnings.catch_warnings():  # refused below, with our own message
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError as exc:  # Pillow's guard, at twice our limit
        raise PhotoTooLarge(path.name) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoUnreadable(path.name) from exc
    try:
        check_declared_size(path.name, *image.size)
    except PhotoUnreadable:
        image.close()
        raise
    return image


def oriented_size(path: Path) -> tuple[int, int]:
    """Width and height of the photo as it is meant to be seen (after EXIF rotation).

    Reads only the file header, so it is cheap enough to run on every photo before printing.
    """
    with open_photo(path) as image:
        width, height = image.size
        try:
            orientation = image.getexif().get(0x0112, 1)
        except (OSError, SyntaxError, ValueError):  # a mangled EXIF block: take it as upright
            orientation = 1
    # Orientations 5-8 turn the picture a quarter turn: width and height swap.
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def card_width_px(width: int, height: int) -> int:
    """How many pixels of an upright photo span the card's width once cropped to its shape.

    >>> card_width_px(4032, 3024)   # landscape phone photo: the sides are cropped
    4032
    >>> card_width_px(3024, 4032)   # portrait photo of a card lying across: full width kept
    3024
    >>> card_width_px(1000, 100)    # a thin strip: only 159 px of card height survive
    159
    """
    return min(width, round(height * CARD_ASPECT))


def card_jpeg(path: Path) -> bytes:
    """The photo as the card-shaped JPEG that goes into the PDF (cached per file version)."""
    try:
        stat = path.stat()
    except OSError as exc:  # moved or deleted since the folder was scanned
        raise PhotoUnreadable(path.name) from exc
    return _card_jpeg(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _card_jpeg(path: Path, _mtime_ns: int, _size: int) -> bytes:
    # A person's photos are drawn twice (their own PDF and the print-all file): decode once.
    card = _card_image(path)
    if card.width > CARD_WIDTH_PX:
        card = card.resize((CARD_WIDTH_PX, CARD_HEIGHT_PX), Image.Resampling.LANCZOS)
    out = BytesIO()
    # No exif=: the embedded copy carries no camera data, GPS or orientation to misapply.
    card.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def _card_image(path: Path) -> Image.Image:
    """The card cut out of the photo, upright, at the best resolution worth decoding."""
    rgb, reduced = _load_upright(path, reduce=True)
    box = _card_box(rgb)
    if reduced and box[2] - box[0] < CARD_WIDTH_PX:
        # The card is a small part of a large JPEG (a flatbed scan): decode it in full after all.
        rgb, _ = _load_upright(path, reduce=False)
        box = _card_box(rgb)
    return rgb.crop(box)


def _load_upright(path: Path, *, reduce: bool) -> tuple[Image.Image, bool]:
    """RGB pixels turned as EXIF says, and whether the JPEG was decoded at a reduced scale."""
    try:
        with open_photo(path) as image:
            full_size = image.size
            if reduce:
                # libjpeg can decode a 12 MP photo at 1/2 or 1/4 scale, keeping both sides at
                # least 300 dpi card width: about twice as fast as a full decode.
                image.draft("RGB", (CARD_WIDTH_PX, CARD_WIDTH_PX))
            reduced = image.size != full_size
            return _flatten_to_rgb(ImageOps.exif_transpose(image)), reduced
    except PhotoUnreadable:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoDamaged(path.name) from exc


def eight_bit(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit greyscale scaled to 8 bits; other modes as they are.

    Pillow's own conversion clips 16-bit levels at 255, which turns a 16-bit PNG into white.

    >>> grey16 = Image.new("I;16", (2, 1), 32896)  # mid-grey, 0x8080
    >>> eight_bit(grey16).mode, eight_bit(grey16).getpixel((0, 0))
    ('L', 128)
    """
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda value: value * (255 / 65535)).convert("L")
    return image


def _flatten_to_rgb(image: Image.Image) -> Image.Image:
    """RGB pixels; transparent areas become white paper rather than black."""
    image = eight_bit(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, "white")
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")


# ---------------------------------------------------------------------------------------------
# Cropping to the card


def centre_crop_box(width: int, height: int) -> tuple[int, int, int, int]:
    """The largest centred box of the card's aspect ratio inside a ``width`` × ``height`` photo.

    Filling the box (rather than fitting the photo into it) is what a photocopy of the card looks
    like; the background around the card is what gets cut.

    >>> centre_crop_box(1600, 1000)   # wider than a card: trim left and right
    (7, 0, 1593, 1000)
    >>> centre_crop_box(1000, 1000)   # squarer than a card: trim top and bottom
    (0, 184, 1000, 815)
    """
    if width / height > CARD_ASPECT:
        new_width = round(height * CARD_ASPECT)
        left = (width - new_width) // 2
        return (left, 0, left + new_width, height)
    new_height = round(width / CARD_ASPECT)
    top = (height - new_height) // 2
    return (0, top, width, top + new_height)


def _card_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Where the card is in the photo: found on a plain background, else the centre crop."""
    found = _card_on_plain_background(image)
    if found is None:
        return centre_crop_box(*image.size)
    left, top, right, bottom = found
    inner = centre_crop_box(right - left, bottom - top)
    return (left + inner[0], top + inner[1], left + inner[2], top + inner[3])


_THUMB_WIDTH = 400
# Levels away from the background, in the channel that differs most, that count as "card": a
# CCCD's back is pale, but its green or blue channel still stands well clear of white paper.
_INK_THRESHOLD = 20
# Cards are often laid in a corner of the scanner glass, so part of the photo's edge is card.
_MIN_PLAIN_EDGE = 0.7
_MIN_CARD_AREA = 0.03  # a card on an A4 scan covers about 7 % of it
_ASPECT_TOLERANCE = 0.08

Pixel = tuple[int, int, int]


def _card_on_plain_background(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The card's bounding box when it lies on a plain background, e.g. a flatbed scan.

    A scanned A4 page with the card in one corner would otherwise be centre-cropped to blank
    paper. We only trust the box when most of the photo's edge is one even colour and the box
    has the card's shape; anything else (a card held in a hand, a patterned desk) falls back to
    the centre crop, which is right for the usual phone photo taken across the card.
    """
    scale = image.width / _THUMB_WIDTH
    thumb = image.resize((_THUMB_WIDTH, max(1, round(image.height / scale))))
    frame = _frame_pixels(thumb)
    background = _median_pixel(frame)
    plain = sum(1 for pixel in frame if _distance(pixel, background) <= _INK_THRESHOLD)
    if plain < _MIN_PLAIN_EDGE * len(frame):
        return None
    paper = Image.new("RGB", thumb.size, background)
    red, green, blue = ImageChops.difference(thumb, paper).split()
    ink = ImageChops.lighter(ImageChops.lighter(red, green), blue).point(
        lambda level: 255 if level > _INK_THRESHOLD else 0
    )
    # Erode one pixel so scanner dust and JPEG noise do not stretch the box.
    box = ink.filter(ImageFilter.MinFilter(3)).getbbox()
    if box is None or not _card_shaped(box, thumb.size):
        return None
    # Grow back the pixel the erosion took, so the card's own edge is not shaved off.
    left, top = max(0, box[0] - 1), max(0, box[1] - 1)
    right, bottom = min(thumb.width, box[2] + 1), min(thumb.height, box[3] + 1)
    return (
        round(left * scale),
        round(top * scale),
        min(image.width, round(right * scale)),
        min(image.height, round(bottom * scale)),
    )


def _card_shaped(box: tuple[int, int, int, int], size: tuple[int, int]) -> bool:
    width, height = box[2] - box[0], box[3] - box[1]
    if height == 0 or width * height < _MIN_CARD_AREA * size[0] * size[1]:
        return False
    return abs(width / height / CARD_ASPECT - 1) <= _ASPECT_TOLERANCE


def _frame_pixels(thumb: Image.Image) -> list[Pixel]:
    """The pixels of a 2-pixel frame around the thumbnail."""
    width, height = thumb.size
    strips = [
        (0, 0, width, 2),
        (0, height - 2, width, height),
        (0, 0, 2, height),
        (width - 2, 0, width, height),
    ]
    pixels: list[Pixel] = []
    for box in strips:
        data = thumb.crop(box).tobytes()
        pixels.extend((data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3))
    return pixels


def _median_pixel(pixels: list[Pixel]) -> Pixel:
    red, green, blue = (int(statistics.median(channel)) for channel in zip(*pixels, strict=True))
    return (red, green, blue)


def _distance(pixel: Pixel, other: Pixel) -> int:
    return max(abs(a - b) for a, b in zip(pixel, other, strict=True))
