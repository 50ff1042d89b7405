"""The ID-card photocopy page: true card size, upright photos, small and deterministic PDFs."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pillow_heif
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pypdf.generic import ContentStream

from vssid_batch import images
from vssid_batch.documents.pdf import deterministic_canvas
from vssid_batch.documents.photocopy import draw_photocopy_page, render_photocopy
from vssid_batch.images import CARD_HEIGHT_MM, CARD_WIDTH_MM, CARD_WIDTH_PX
from vssid_batch.models import Employee, Gender

PT_PER_MM = 72 / 25.4
A4_WIDTH_MM = 210
RED, BLUE, CARD_BLUE, WHITE = (230, 20, 20), (20, 20, 230), (190, 215, 240), (255, 255, 255)

AN = Employee(
    row=12,
    full_name="Nguyễn Văn An",
    birth_date=date(1990, 9, 5),
    gender=Gender.male,
    bhxh_code="0123456789",
    id_number="001090123456",
    phone="0912345678",
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Tests write different pixels under the same tmp names; never reuse an earlier encoding.
    images._card_jpeg.cache_clear()


def halves(size: tuple[int, int] = (1600, 1009)) -> Image.Image:
    """A card-shaped picture, red on the left and blue on the right, with some 'text'."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    ImageDraw.Draw(image).text((40, 40), "CĂN CƯỚC CÔNG DÂN", fill=WHITE)
    return image


def save(image: Image.Image, path: Path, orientation: int | None = None, **options: Any) -> Path:
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    image.save(path, **options)
    return path


@dataclass
class Placed:
    """An image XObject drawn on the page: where (in mm) and its decoded pixels."""

    x: float
    y: float
    width: float
    height: float
    jpeg: bytes

    @property
    def pixels(self) -> Image.Image:
        return Image.open(io.BytesIO(self.jpeg)).convert("RGB")


def _concat(m: list[float], ctm: list[float]) -> list[float]:
    """m × ctm, as the PDF ``cm`` operator concatenates matrices."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = ctm
    return [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]


def placed_images(pdf: bytes, page_number: int = 0) -> list[Placed]:
    """Follow q/Q/cm through the page's content stream to each image ``Do``."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[page_number]
    resources: Any = page["/Resources"]
    xobjects = resources.get("/XObject", {})
    stack: list[list[float]] = []
    ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    found: list[Placed] = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _concat([float(value) for value in operands], ctm)
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            assert xobject["/Subtype"] == "/Image"
            a, b, c, d, e, f = ctm
            found.append(
                Placed(
                    x=e / PT_PER_MM,
                    y=f / PT_PER_MM,
                    width=math.hypot(a, b) / PT_PER_MM,
                    height=math.hypot(c, d) / PT_PER_MM,
                    jpeg=xobject.get_data(),
                )
            )
    return found


def page_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_both_sides_at_true_card_size_centred_front_above_back(tmp_path: Path) -> None:
    front = save(halves(), tmp_path / "front.jpg")
    back = save(halves((2000, 1261)), tmp_path / "back.png")
    pdf = render_photocopy(AN, front, back)

    placed = placed_images(pdf)
    assert len(placed) == 2
    for card in placed:
        assert card.width == pytest.approx(CARD_WIDTH_MM, abs=0.5)
        assert card.height == pytest.approx(CARD_HEIGHT_MM, abs=0.5)
        assert card.x + card.width / 2 == pytest.approx(A4_WIDTH_MM / 2, abs=0.5)
    upper, lower = placed
    assert upper.y > lower.y + CARD_HEIGHT_MM  # front above back, not overlapping
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_heading_name_and_row_are_printed(tmp_path: Path) -> None:
    photo = save(halves(), tmp_path / "a.jpg")
    text = page_text(render_photocopy(AN, photo, photo))
    assert "Bản sao CCCD/CMND" in text
    assert "Nguyễn Văn An — dòng 12" in text
    assert "Mặt trước" in text and "Mặt sau" in text


def test_exif_orientation_is_honoured(tmp_path: Path) -> None:
    upright = halves()
    # Orientation 6: the camera stored the pixels a quarter turn anticlockwise and asks the
    # viewer to turn them clockwise. Store them that way and expect the upright picture back.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    photo = save(stored, tmp_path / "rotated.jpg", orientation=6, quality=95)
    assert Image.open(photo).size == (1009, 1600)

    card = placed_images(render_photocopy(AN, photo, photo))[0].pixels
    assert card.width > card.height
    left = card.getpixel((card.width // 4, card.height // 2))
    right = card.getpixel((3 * card.width // 4, card.height // 2))
    assert _near(left, RED) and _near(right, BLUE)


def test_photos_are_downscaled_to_300_dpi_and_never_upscaled(tmp_path: Path) -> None:
    large = save(halves((4000, 2522)), tmp_path / "large.jpg")
    small = save(halves((640, 404)), tmp_path / "small.jpg")
    big_card, small_card = (p.pixels for p in placed_images(render_photocopy(AN, large, small)))
    assert big_card.width == CARD_WIDTH_PX == 1011
    assert small_card.width == 640


def test_embedded_jpeg_carries_no_exif(tmp_path: Path) -> None:
    photo = save(halves(), tmp_path / "exif.jpg", orientation=1)
    jpeg = placed_images(render_photocopy(AN, photo, photo))[0].jpeg
    assert jpeg.startswith(b"\xff\xd8")  # stored as JPEG (DCTDecode), not re-inflated
    assert b"Exif" not in jpeg


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    front = save(halves(), tmp_path / "front.jpg")
    back = save(halves(), tmp_path / "back.png")
    first = render_photocopy(AN, front, back)
    images._card_jpeg.cache_clear()  # re-encode from the files, not from the cache
    assert render_photocopy(AN, front, back) == first


def test_wide_photo_is_cropped_to_the_card_not_squeezed(tmp_path: Path) -> None:
    # A photo twice as wide as a card, with grey bands at the sides that belong to the desk.
    image = Image.new("RGB", (2000, 630), (128, 128, 128))
    image.paste(halves((1000, 630)), (500, 0))
    photo = save(image, tmp_path / "wide.png")
    card = placed_images(render_photocopy(AN, photo, photo))[0].pixels
    assert _near(card.getpixel((5, card.height // 2)), (128, 128, 128)) is False
    assert _near(card.getpixel((card.width // 4, card.height // 2)), RED)


@pytest.mark.parametrize("where", [(60, 80), (1240 - 506, 0)], ids=["inset", "in-the-corner"])
def test_card_on_a_scanned_page_is_found(tmp_path: Path, where: tuple[int, int]) -> None:
    # A flatbed scan at 150 dpi: a card-sized patch on a white A4 page, a pale card as CCCDs are.
    page = Image.new("RGB", (1240, 1754), WHITE)
    page.paste(Image.new("RGB", (506, 319), CARD_BLUE), where)
    photo = save(page, tmp_path / "scan.png")
    card = placed_images(render_photocopy(AN, photo, photo))[0].pixels
    for corner in ((3, 3), (card.width - 4, 3), (3, card.height - 4)):
        assert _near(card.getpixel(corner), CARD_BLUE)


def test_card_on_a_large_scanned_jpeg_keeps_its_resolution(tmp_path: Path) -> None:
    # A4 at 300 dpi: the card is about 1011 px wide. A reduced-scale decode would halve that.
    page = Image.new("RGB", (2480, 3508), WHITE)
    page.paste(halves((1011, 638)), (2480 - 1011, 0))
    photo = save(page, tmp_path / "scan.jpg", quality=90)
    card = placed_images(render_photocopy(AN, photo, photo))[0].pixels
    assert card.width > 950
    assert _near(card.getpixel((card.width // 4, card.height // 2)), RED)
    assert _near(card.getpixel((3 * card.width // 4, card.height // 2)), BLUE)


def test_transparent_png_lies_on_white_paper(tmp_path: Path) -> None:
    image = Image.new("RGBA", (856, 540), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (300, 150, 556, 390))
    photo = save(image, tmp_path / "cut-out.png")
    card = placed_images(render_photocopy(AN, photo, photo))[0].pixels
    assert _near(card.getpixel((card.width // 2, card.height // 2)), (200, 30, 30))


def test_missing_and_unreadable_sides_leave_a_labelled_frame(tmp_path: Path) -> None:
    front = save(halves(), tmp_path / "front.jpg")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 truncated")

    only_front = render_photocopy(AN, front, None)
    assert len(placed_images(only_front)) == 1
    assert "Chưa có ảnh mặt sau" in page_text(only_front)

    unreadable = render_photocopy(AN, broken, front)
    assert len(placed_images(unreadable)) == 1
    assert "Không đọc được ảnh mặt trước" in page_text(unreadable)


def test_pages_can_be_drawn_into_a_larger_document(tmp_path: Path) -> None:
    photo = save(halves(), tmp_path / "a.jpg")
    out = io.BytesIO()
    canvas = deterministic_canvas(out, title="Hồ sơ", author="")
    for _ in range(2):
        draw_photocopy_page(canvas, AN, photo, photo)
        canvas.showPage()
    canvas.save()
    pdf = out.getvalue()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    assert len(placed_images(pdf, page_number=1)) == 2


def test_heic_from_a_phone_is_read(tmp_path: Path) -> None:
    # pillow-heif (a runtime dependency) ships libheif with an encoder in its wheels: no skip.
    pillow_heif.register_heif_opener()
    stored = halves((800, 504)).transpose(Image.Transpose.ROTATE_90)
    photo = tmp_path / "iphone.HEIC"
    save(stored, photo, orientation=6, quality=90)
    card = placed_images(render_photocopy(AN, photo, photo))[0]
    assert card.width == pytest.approx(CARD_WIDTH_MM, abs=0.5)
    pixels = card.pixels
    assert pixels.width > pixels.height
    assert _near(pixels.getpixel((pixels.width // 4, pixels.height // 2)), RED)
    assert _near(pixels.getpixel((3 * pixels.width // 4, pixels.height // 2)), BLUE)


def _near(pixel: object, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(int(p) - c) <= tolerance for p, c in zip(pixel, colour, strict=True))
