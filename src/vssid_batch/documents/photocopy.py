"""The ID-card photocopy sheet: front and back of the card at true size on one A4 page.

BHXH asks for a "bản phô tô CCCD/CMND" with each Mẫu 01. From the clerk's photos of the card we
lay the page out the way a photocopier would: front above back, each exactly ID-1 size
(85.60 × 53.98 mm), centred, with a thin border, a small heading and the person's name and row.
The photos are read and cut to the card by ``vssid_batch.images``; same photos in, same PDF
bytes out.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from vssid_batch.documents.pdf import (
    BOLD,
    ITALIC,
    REGULAR,
    deterministic_canvas,
    register_fonts,
    text_width,
)
from vssid_batch.images import CARD_HEIGHT_MM, CARD_WIDTH_MM, PhotoUnreadable, card_jpeg
from vssid_batch.models import Employee

HEADING = "Bản sao CCCD/CMND"
SIDE_LABELS = ("Mặt trước", "Mặt sau")

_CARD_W = CARD_WIDTH_MM * mm
_CARD_H = CARD_HEIGHT_MM * mm
_TOP_MARGIN = 20 * mm
_SIDE_MARGIN = 20 * mm
_GAP_BELOW_HEADING = 8 * mm
_GAP_BETWEEN_CARDS = 14 * mm
_BORDER_PT = 0.5


# ---------------------------------------------------------------------------------------------
# The page


def draw_photocopy_page(
    canvas: Canvas, employee: Employee, front: Path | None, back: Path | None
) -> None:
    """Draw the photocopy sheet on the canvas's current A4 page (the caller calls showPage).

    A missing side (None), or a photo that cannot be decoded, is drawn as an empty dashed frame
    saying so: the clerk sees at a glance which card still has to go on the photocopier, and one
    bad file does not stop a whole batch (``batch.photos.photo_warnings`` reports it).
    """
    register_fonts()
    page_width, page_height = A4
    centre = page_width / 2
    x = centre - _CARD_W / 2
    top = page_height - _TOP_MARGIN

    canvas.setFont(BOLD, 12)
    canvas.drawCentredString(centre, top, HEADING)

    card_bottom = top - _GAP_BELOW_HEADING
    for label, photo in zip(SIDE_LABELS, (front, back), strict=True):
        card_bottom -= _CARD_H
        _draw_side(canvas, x, card_bottom, label, photo)
        canvas.setFont(ITALIC, 10)
        canvas.drawCentredString(centre, card_bottom - 5 * mm, label)
        card_bottom -= _GAP_BETWEEN_CARDS

    caption = f"{employee.full_name} — dòng {employee.row}"
    size = _fitting_size(caption, REGULAR, 12, page_width - 2 * _SIDE_MARGIN)
    canvas.setFont(REGULAR, size)
    # After the loop card_bottom is one gap below the back card: a clear line under "Mặt sau".
    canvas.drawCentredString(centre, card_bottom, caption)


def _draw_side(canvas: Canvas, x: float, y: float, label: str, photo: Path | None) -> None:
    if photo is None:
        _draw_empty(canvas, x, y, f"Chưa có ảnh {label.lower()}")
        return
    try:
        jpeg = card_jpeg(photo)
    except PhotoUnreadable:
        _draw_empty(canvas, x, y, f"Không đọc được ảnh {label.lower()}")
        return
    # A JPEG ImageReader is embedded as-is (DCTDecode): no second lossy or bulky re-encode.
    canvas.drawImage(ImageReader(BytesIO(jpeg)), x, y, width=_CARD_W, height=_CARD_H)
    canvas.saveState()
    canvas.setLineWidth(_BORDER_PT)
    canvas.rect(x, y, _CARD_W, _CARD_H, stroke=1, fill=0)
    canvas.restoreState()


def _draw_empty(canvas: Canvas, x: float, y: float, note: str) -> None:
    canvas.saveState()
    canvas.setLineWidth(_BORDER_PT)
    canvas.setDash(3, 3)
    canvas.setStrokeGray(0.5)
    canvas.rect(x, y, _CARD_W, _CARD_H, stroke=1, fill=0)
    canvas.setFillGray(0.4)
    canvas.setFont(ITALIC, 11)
    canvas.drawCentredString(x + _CARD_W / 2, y + _CARD_H / 2, note)
    canvas.restoreState()


def _fitting_size(text: str, font: str, size: float, available: float) -> float:
    """``size``, or smaller so that ``text`` stays between the margins."""
    width = text_width(text, font, size)
    return size if width <= available else size * available / width


def render_photocopy(employee: Employee, front: Path | None, back: Path | None) -> bytes:
    """A one-page PDF with the photocopy sheet; the same inputs always give the same bytes."""
    out = BytesIO()
    canvas = deterministic_canvas(out, title=f"{HEADING} — {employee.full_name}", author="")
    draw_photocopy_page(canvas, employee, front, back)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
