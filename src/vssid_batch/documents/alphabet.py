"""The characters a batch's documents draw, per face: what every form's font subsets hold.

A batch's forms are drawn in chunks, one document per chunk, and each person's PDF is cut out of
its chunk with the chunk's fonts. If the subsets held only what the chunk drew, a person's file
would depend on who else was in the chunk, and so on the number of workers. Seeding every
document of the batch with the same alphabet, worked out before anything is drawn, makes each
file depend only on the batch; keeping the alphabet to what the batch draws keeps forms small
(a face's subset holds the glyphs of that face's fixed text plus the batch's own values).

The fixed text of each face is read from a probe: one form (and, when the batch has photos, one
photocopy page with each kind of note) drawn unseeded into a throwaway document, whose per-face
character assignments are exactly what was drawn. People's values are set in bold on the form
and their names in regular type on the photocopy page.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from vssid_batch.documents.fonts import BOLD, FULL, REGULAR, Alphabet, set_alphabet
from vssid_batch.documents.mau01 import draw_form, upper_name
from vssid_batch.documents.pdf import deterministic_canvas
from vssid_batch.models import Employee, Unit

_UNSEEDED = Alphabet(())
_DIGITS = "0123456789"
# A path no photo can have: the probe's photocopy page shows the "cannot read" note.
_UNREADABLE = Path(os.devnull) / "vssid-batch-probe.jpg"


def batch_alphabet(
    people: Sequence[Employee], unit: Unit, *, on: date, blank_dates: bool, photocopies: bool
) -> Alphabet:
    """The alphabet for drawing ``people``'s forms (and photocopy pages) with ``unit`` and date.

    Depends only on its arguments, never on how the batch will be cut up.
    """
    probe = _probe(people[0], unit, on, blank_dates, photocopies)
    chars = {font: set(text) for font, text in probe.items()}
    chars.setdefault(BOLD, set()).update(_values(people))
    if photocopies:
        names = (f"{person.full_name}{person.row}" for person in people)
        chars.setdefault(REGULAR, set()).update(*names, _DIGITS)
    return Alphabet.of(chars)


def _values(people: Iterable[Employee]) -> set[str]:
    """Every character of every text value of ``people`` (names also in capitals, as printed)."""
    found: set[str] = set(_DIGITS + "/")
    for person in people:
        texts = [value for value in person.__dict__.values() if isinstance(value, str)]
        found.update(*texts, upper_name(person.full_name))
    return found


def _probe(
    person: Employee, unit: Unit, on: date, blank_dates: bool, photocopies: bool
) -> dict[str, str]:
    """Characters drawn in each face by one form (and photocopy pages), from reportlab's own
    per-document assignments."""
    canvas = deterministic_canvas(io.BytesIO(), title="", author="")
    set_alphabet(canvas._doc, _UNSEEDED)
    draw_form(canvas, person, unit, on=on, blank_dates=blank_dates)
    if photocopies:
        from vssid_batch.documents.photocopy import draw_photocopy_page  # Pillow: only here

        for photo in (None, _UNREADABLE):
            canvas.showPage()
            draw_photocopy_page(canvas, person, photo, photo)
    drawn: dict[str, str] = {}
    for font, _ in FULL.faces:
        state = pdfmetrics.getFont(font).state.pop(canvas._doc, None)
        if state is not None:
            drawn[font] = "".join(chr(code) for code in state.assignments if code > 0)
    return drawn
