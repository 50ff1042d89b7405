"""Naming the ID-card photos (``prepare --photos DIR``)
======================================================

Put the photos of the ID cards in one folder: JPEG (``.jpg``, ``.jpeg``), PNG (``.png``) or
HEIC/HEIF (``.heic``, ``.heif``, as iPhones save them). Name each file::

    <who> <side>.<ext>

Upper or lower case, Vietnamese accents and the separators between words (space, ``-``, ``_``,
``.``, ``,``, brackets …) make no difference: ``NV0012 mặt sau.HEIC`` and ``nv0012_mat-sau.heic``
are the same name.

``<side>`` is the last word, or last two words, of the name:

- front: ``truoc``, ``mat truoc`` (also ``mattruoc``), ``front``, ``f``, ``1``
- back: ``sau``, ``mat sau`` (also ``matsau``), ``back``, ``b``, ``2``

``<who>`` is everything before the side, read without its separators (``001 090 123 456`` is
``001090123456``). It is looked up in this order, and the first kind that finds someone wins:

1. the ID number, 12 digits (CCCD) or 9 digits (CMND): ``001090123456_truoc.jpg``;
2. the employee code (Mã NV) from the sheet: ``NV0012-mat-truoc.png``;
3. the row number Excel shows for the person, the one in the error report and on the forms —
   not the STT column — as 1 to 6 digits, optionally after ``dong`` or ``row``:
   ``12_front.jpg``, ``dong 12 sau.jpg``. If your employee codes are plain numbers, write rows
   with ``dong`` so that they cannot be taken for a code.

The words ``cccd``, ``cmnd``, ``cmt``, ``cmtnd`` and ``anh`` (ảnh) are ignored wherever they are:
``Ảnh CCCD 001090123456 mặt trước.jpg`` is ``001090123456`` front.

A folder per person works too: name the folder ``<who>`` and each file just ``<side>``, e.g.
``001090123456/truoc.jpg``, ``NV0012/Mặt sau.heic``. A file name that has its own ``<who>`` uses
it, wherever the file is.

Hidden files and files that are not images are skipped. Everything else that is not used is
reported: *unrecognised* (no side word at the end, or no ``<who>``), *unmatched* (``<who>``
finds nobody in the sheet, or finds two people), *duplicates* (a second photo of the same side
of the same person: the first by path, in alphabetical order, is used).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pydantic import BaseModel, Field

from vssid_batch.models import Employee, Problem, RowFacts, Severity, empty_dict, empty_list
from vssid_batch.privacy import for_display

if TYPE_CHECKING:  # Pillow loads only when there are photos (prepare imports this module)
    from vssid_batch.images import PhotoUnreadable

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".heic", ".heif"})
# 600 px across 85.6 mm is about 180 dpi: below that the small print on the back blurs.
MIN_WIDTH_PX = 600


class PhotoSide(str, Enum):
    front = "front"
    back = "back"


class PersonPhotos(BaseModel):
    """The photos found for one person; ``row`` is ``Employee.row``."""

    row: int
    front: Path | None = None
    back: Path | None = None

    def get(self, side: PhotoSide) -> Path | None:
        return self.front if side is PhotoSide.front else self.back

    @property
    def missing(self) -> list[PhotoSide]:
        return [side for side in PhotoSide if self.get(side) is None]


class PhotoMatch(BaseModel):
    """What a photo folder holds, person by person, and the files that could not be used."""

    by_row: dict[int, PersonPhotos] = Field(default_factory=empty_dict)
    unmatched: list[Path] = Field(default_factory=empty_list)
    unrecognised: list[Path] = Field(default_factory=empty_list)
    duplicates: list[Path] = Field(default_factory=empty_list)


# ---------------------------------------------------------------------------------------------
# File names (pure)


class PhotoName(NamedTuple):
    key: str  # "<who>" without separators, folded; "" when the name is only a side word
    side: PhotoSide


_SIDE_WORDS: dict[str, PhotoSide] = {
    **dict.fromkeys(("truoc", "mattruoc", "front", "f", "1"), PhotoSide.front),
    **dict.fromkeys(("sau", "matsau", "back", "b", "2"), PhotoSide.back),
}
_NOISE_WORDS = frozenset({"cccd", "cmnd", "cmt", "cmtnd", "anh"})
_ROW_KEY = re.compile(r"(?:dong|row)?(\d{1,6})")


def fold_words(text: str) -> list[str]:
    """Lower-case words without accents (đ → d), split at anything but letters and digits.

    Folding comes first because macOS stores names decomposed, and a loose accent would
    otherwise split a word in two.

    >>> fold_words("NV0012 Mặt sau")
    ['nv0012', 'mat', 'sau']
    >>> fold_words("Đồng_(1)")
    ['dong', '1']
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return [word for word in re.split(r"[\W_]+", text) if word]


def fold_key(text: str) -> str:
    """A key as names are compared: folded words, noise words dropped, joined.

    >>> fold_key("NV-0012")
    'nv0012'
    >>> fold_key("CCCD 001 090 123 456")
    '001090123456'
    """
    return "".join(word for word in fold_words(text) if word not in _NOISE_WORDS)


def parse_photo_name(stem: str) -> PhotoName | None:
    """Split a file name (without its extension) into ``<who>`` and ``<side>``.

    None when the name does not end with a side word.

    >>> parse_photo_name("001090123456_truoc")
    PhotoName(key='001090123456', side=<PhotoSide.front: 'front'>)
    >>> parse_photo_name("NV0012-mat-truoc")
    PhotoName(key='nv0012', side=<PhotoSide.front: 'front'>)
    >>> parse_photo_name("NV0012 mặt sau")
    PhotoName(key='nv0012', side=<PhotoSide.back: 'back'>)
    >>> parse_photo_name("12_front").key, parse_photo_name("Dòng 12 - B").side.value
    ('12', 'back')
    >>> parse_photo_name("Mặt trước")
    PhotoName(key='', side=<PhotoSide.front: 'front'>)
    >>> parse_photo_name("IMG_20240101_093000") is None
    True
    """
    words = [word for word in fold_words(stem) if word not in _NOISE_WORDS]
    # Two words first, so that "mat sau" is one side and not a key "mat" with side "sau".
    for count in (2, 1):
        side = _SIDE_WORDS.get("".join(words[-count:])) if len(words) >= count else None
        if side is not None:
            return PhotoName("".join(words[:-count]), side)
    return None


def row_of_key(key: str) -> int | None:
    """The row number a key stands for, if it has the shape of one.

    >>> row_of_key("12"), row_of_key("dong12"), row_of_key("row7")
    (12, 12, 7)
    >>> row_of_key("001090123456") is None, row_of_key("nv12") is None
    (True, True)
    """
    found = _ROW_KEY.fullmatch(key)
    return int(found.group(1)) if found else None


def mask_file_name(name: str) -> str:
    """A file name safe to print or store for display: numbers masked, control characters gone.

    >>> mask_file_name("001090123456_truoc.jpg"), mask_file_name("037 204 866 433_sau.jpg")
    ('001******456_truoc.jpg', '037 *** *** 433_sau.jpg')
    >>> mask_file_name("NV0012 mặt sau.HEIC")
    'NV0012 mặt sau.HEIC'
    """
    return for_display(name)


class _People:
    """Who a key can mean, in the documented order: ID number, employee code, row."""

    def __init__(self, employees: Iterable[Employee | RowFacts]) -> None:
        self.by_id: dict[str, list[int]] = {}
        self.by_code: dict[str, list[int]] = {}
        self.rows: set[int] = set()
        for person in employees:
            if person.id_number is not None:
                self.by_id.setdefault(person.id_number, []).append(person.row)
            if person.employee_code:
                self.by_code.setdefault(fold_key(person.employee_code), []).append(person.row)
            self.rows.add(person.row)

    def find(self, key: str) -> int | None:
        """The row ``key`` names, or None for nobody or for two people (never guess)."""
        if len(key) in (9, 12) and key.isdigit() and key in self.by_id:
            return _only(self.by_id[key])
        if key in self.by_code:
            return _only(self.by_code[key])
        row = row_of_key(key)
        return row if row in self.rows else None


def _only(rows: list[int]) -> int | None:
    return rows[0] if len(rows) == 1 else None


# ---------------------------------------------------------------------------------------------
# The folder


def match_photos(folder: Path, employees: Sequence[Employee | RowFacts]) -> PhotoMatch:
    """Find each person's front and back photo in ``folder`` (and its subfolders).

    Raises ``FileNotFoundError`` / ``NotADirectoryError`` when ``folder`` is not a folder.
    """
    if not folder.is_dir():
        raise (NotADirectoryError if folder.exists() else FileNotFoundError)(str(folder))
    people = _People(employees)
    match = PhotoMatch()
    for path in _image_files(folder):
        name = _photo_name(path, folder)
        if name is None:
            match.unrecognised.append(path)
            continue
        row = people.find(name.key)
        if row is None:
            match.unmatched.append(path)
            continue
        _assign(match, row, name.side, path)
    match.by_row = dict(sorted(match.by_row.items()))
    return match


def _image_files(folder: Path) -> list[Path]:
    """Image files under ``folder``, hidden ones skipped, in a stable order."""
    found = [
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in IMAGE_SUFFIXES
        and path.is_file()
        # "._x.jpg" (macOS metadata), ".thumbnails/…": never the clerk's photos.
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda path: path.relative_to(folder).as_posix())


def _photo_name(path: Path, folder: Path) -> PhotoName | None:
    name = parse_photo_name(path.stem)
    if name is None or name.key:
        return name
    # Only a side word: the person is named by the folder the file sits in.
    if path.parent == folder:
        return None
    key = fold_key(path.parent.name)
    return PhotoName(key, name.side) if key else None


def _assign(match: PhotoMatch, row: int, side: PhotoSide, path: Path) -> None:
    person = match.by_row.setdefault(row, PersonPhotos(row=row))
    if person.get(side) is not None:
        match.duplicates.append(path)
    elif side is PhotoSide.front:
        person.front = path
    else:
        person.back = path


# ---------------------------------------------------------------------------------------------
# Checks before printing


def photo_warnings(
    match: PhotoMatch, employees: Sequence[Employee], *, min_width: int = MIN_WIDTH_PX
) -> list[Problem]:
    """Warnings per person about their photos, in row order.

    Codes (all warnings, ``field`` and ``column`` None):

    - ``photo.missing``: no photo at all for this person;
    - ``photo.side_missing``: only one side; params ``side`` (``front``/``back``);
    - ``photo.too_small``: the card is under ``min_width`` pixels wide once the photo is upright
      and cropped to the card's shape; params ``side``, ``file``, ``width``, ``min_width``;
    - ``photo.unreadable``: the file cannot be decoded; params ``side``, ``file``. The photocopy
      sheet then shows a frame saying so for that side. Only the header is read here: a file
      truncated further on is found when it is decoded (``batch.cards``);
    - ``photo.too_large`` / ``photo.bad_shape``: the header declares more pixels than any camera
      makes, or a long strip rather than a card photo; params ``side``, ``file`` (and
      ``width``, ``height`` for ``bad_shape``). The file is not decoded at all.

    ``file`` is the file name with ID-number-like digit runs masked.
    """
    problems: list[Problem] = []
    for person in sorted(employees, key=lambda employee: employee.row):
        photos = match.by_row.get(person.row)
        if photos is None:
            problems.append(row_warning(person.row, "photo.missing"))
            continue
        for side in PhotoSide:
            path = photos.get(side)
            if path is None:
                problems.append(row_warning(person.row, "photo.side_missing", side=side.value))
            else:
                problems.extend(_size_warnings(person.row, side, path, min_width))
    return problems


def _size_warnings(row: int, side: PhotoSide, path: Path, min_width: int) -> list[Problem]:
    from vssid_batch.images import PhotoUnreadable, card_width_px, oriented_size

    file = mask_file_name(path.name)
    try:
        width = card_width_px(*oriented_size(path))
    except PhotoUnreadable as refused:
        return [unreadable_warning(row, side, path, refused)]
    if width >= min_width:
        return []
    return [
        row_warning(
            row,
            "photo.too_small",
            side=side.value,
            file=file,
            width=str(width),
            min_width=str(min_width),
        )
    ]


def unreadable_warning(row: int, side: PhotoSide, path: Path, error: PhotoUnreadable) -> Problem:
    """The warning for a photo that could not be decoded, or was refused by its declared size."""
    width, height = error.size
    size = {"width": str(width), "height": str(height)} if error.code == "bad_shape" else {}
    return row_warning(
        row, f"photo.{error.code}", side=side.value, file=mask_file_name(path.name), **size
    )


def row_warning(row: int, code: str, **params: str) -> Problem:
    """A warning about a person's row as a whole (no column): their photos, their card."""
    return Problem(
        row=row, column=None, field=None, code=code, severity=Severity.warning, params=params
    )
