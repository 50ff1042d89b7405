"""Reading the QR code on each person's card photos and checking their row against it.

Decoding (Pillow + zxing-cpp) happens here, in worker processes; what the payload means and how
it is compared lives in the pure ``rules.card_qr``. The decoded payload stays in memory: only
the problems (card values masked when shown) and the counts leave this module.

Each photo is decoded at the smallest size that usually suffices (about 1,000 pixels across,
which JPEG can decode at 1/4 scale for a fraction of the cost), and only when no photo of the
person gives a code is it tried again: with zxing's rotation, downscaling and inversion
search, then at half size (for large JPEGs), at full size with three binarizers, then
enlarged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PIL import Image, ImageOps
from pydantic import BaseModel, Field

from vssid_batch.batch.photos import (
    PersonPhotos,
    PhotoMatch,
    PhotoSide,
    mask_file_name,
    match_photos,
    photo_warnings,
    row_warning,
    unreadable_warning,
)
from vssid_batch.errors import VssidError
from vssid_batch.images import PhotoDamaged, PhotoUnreadable, eight_bit, open_photo
from vssid_batch.models import CardCounts, PersonResult, Problem, Report, empty_list
from vssid_batch.rules import card_qr
from vssid_batch.rules.card_qr import CardData

SMALL_SIDE = 1000  # pixels on the longer side for the first pass
CHUNK = 8  # people per task: small enough to spread 1,000 people over the workers evenly
# Starting workers costs about a second, reading one person's card about a tenth: below this
# many people the parent reads them itself.
MIN_PARALLEL = 32


class PhotoFailure(BaseModel):
    side: PhotoSide | None  # None for a photo that matched nobody
    path: Path
    code: str  # "unreadable", "too_large", "bad_shape"
    size: tuple[int, int] = (0, 0)
    damaged: bool = False  # the header was fine, the pixels were not (a truncated file)


class CardRead(BaseModel):
    """What the photos of one person (or one unmatched file) gave."""

    row: int | None
    path: Path | None = None  # the unmatched file, when row is None
    card: CardData | None = None
    failures: list[PhotoFailure] = Field(default_factory=empty_list)


# ---------------------------------------------------------------------------------------------
# Decoding one photo


def _grey(path: Path, longest: int | None) -> Image.Image:
    """The photo upright, in 8-bit grey, about ``longest`` pixels on its longer side (None: all).

    The whole file is decoded (at the reduced scale JPEG allows), so a truncated file fails here.
    """
    try:
        with open_photo(path) as image:
            factor = max(1, max(image.size) // longest) if longest else 1
            if factor > 1:
                image.draft("L", (image.width // factor, image.height // factor))
            image.load()
            if longest and max(image.size) > longest * 1.5:  # PNG, HEIC: no decode-time scaling
                image = image.reduce(max(1, max(image.size) // longest))
            grey = eight_bit(ImageOps.exif_transpose(image))
            return grey if grey.mode == "L" else grey.convert("L")
    except PhotoUnreadable:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoDamaged(path.name) from exc


def _read(
    image: Image.Image, binarizer: str = "LocalAverage", *, thorough: bool = False
) -> CardData | None:
    """The card of the first CCCD QR code zxing finds in ``image`` (other QR codes are skipped).

    ``thorough`` adds zxing's own searches (turned, downscaled and inverted codes).
    """
    import zxingcpp  # loaded in the workers only, when a photo is read

    found = zxingcpp.read_barcodes(
        image,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
        try_rotate=thorough,
        try_downscale=thorough,
        try_invert=thorough,
        binarizer=getattr(zxingcpp.Binarizer, binarizer),
    )
    for code in found:
        if card_qr.is_card(code.text):
            return card_qr.parse(code.text)
    return None


def _first_pass(path: Path) -> CardData | None:
    return _read(_grey(path, SMALL_SIDE))


# Retries, cheapest first: each binarizer at full size, then enlarged (a code with under three
# pixels per module reads better after resampling), never beyond MAX_RETRY_SIDE pixels.
BINARIZERS = ("LocalAverage", "FixedThreshold", "GlobalHistogram")
ENLARGE = (1.0, 1.5, 2.0)
MAX_RETRY_SIDE = 4000


def _longest_side(path: Path) -> int:
    with open_photo(path) as image:  # the header only
        width, height = image.size
    return int(max(width, height))


def _retry(path: Path) -> CardData | None:
    """The slow attempts on one photo, stopping at the first that reads a card."""
    card = _read(_grey(path, SMALL_SIDE), thorough=True)
    if card is None and _longest_side(path) >= 3 * SMALL_SIDE:
        # A 12-MP photo with the card far away: JPEG's ½ scale (2,000 pixels) is usually enough.
        card = _read(_grey(path, 2 * SMALL_SIDE))
    if card is not None:
        return card
    full = _grey(path, None)
    for scale in ENLARGE:
        if max(full.size) * scale > MAX_RETRY_SIDE and scale > 1:
            break
        size = (round(full.width * scale), round(full.height * scale))
        image = full if scale == 1 else full.resize(size, Image.Resampling.LANCZOS)
        for binarizer in BINARIZERS:
            card = _read(image, binarizer)
            if card is not None:
                return card
    return None


def read_card(
    photos: Sequence[tuple[PhotoSide | None, Path]],
) -> tuple[CardData | None, list[PhotoFailure]]:
    """The card that the first readable QR code on ``photos`` gives, and the photos that failed.

    Every photo is decoded at least once at the small size (that is also how a truncated file
    is found); the slower retries run only when no photo gave a code.
    """
    failures: list[PhotoFailure] = []
    readable: list[Path] = []
    found: CardData | None = None
    for side, path in photos:
        try:
            card = _first_pass(path)
        except PhotoUnreadable as error:
            failures.append(
                PhotoFailure(
                    side=side,
                    path=path,
                    code=error.code,
                    size=error.size,
                    damaged=isinstance(error, PhotoDamaged),
                )
            )
            continue
        readable.append(path)
        found = found or card
    for path in readable if found is None else []:
        found = _retry(path)
        if found is not None:
            break
    return found, failures


# ---------------------------------------------------------------------------------------------
# Many people, in worker processes


class _Task(BaseModel):
    row: int | None
    photos: list[tuple[PhotoSide | None, Path]]


def _read_chunk(tasks: list[_Task]) -> list[CardRead]:
    reads = []
    for task in tasks:
        card, failures = read_card(task.photos)
        path = task.photos[0][1] if task.row is None else None
        reads.append(CardRead(row=task.row, path=path, card=card, failures=failures))
    return reads


def _tasks(match: PhotoMatch) -> list[_Task]:
    tasks = [_Task(row=row, photos=_sides(person)) for row, person in match.by_row.items()]
    # A file that matched nobody may still be a card of someone on the list (a typo in a number).
    tasks += [_Task(row=None, photos=[(None, path)]) for path in match.unmatched]
    return [task for task in tasks if task.photos]


def _sides(person: PersonPhotos) -> list[tuple[PhotoSide | None, Path]]:
    return [(side, path) for side in PhotoSide if (path := person.get(side)) is not None]


def read_cards(
    match: PhotoMatch, *, jobs: int = 1, progress: Callable[[int], None] = lambda n: None
) -> list[CardRead]:
    """Read every matched person's card and every unmatched photo; results in task order."""
    tasks = _tasks(match)
    size = max(1, min(CHUNK, math.ceil(len(tasks) / max(1, jobs * 4))))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    if jobs <= 1 or len(chunks) <= 1 or len(tasks) < MIN_PARALLEL:
        finished: Iterator[list[CardRead]] = map(_read_chunk, chunks)
        return _collect(finished, progress)
    # The render workers' pool: they ignore Ctrl-C and die with this process, even on SIGKILL.
    from vssid_batch.batch.render import sigint_held, worker_pool

    with worker_pool(jobs) as pool:
        with sigint_held():  # submitting starts the workers
            futures = [pool.submit(_read_chunk, chunk) for chunk in chunks]
        return _collect((future.result() for future in futures), progress)


def _collect(finished: Iterator[list[CardRead]], progress: Callable[[int], None]) -> list[CardRead]:
    reads: list[CardRead] = []
    for chunk in finished:
        reads.extend(chunk)
        progress(len(chunk))
    return reads


# ---------------------------------------------------------------------------------------------
# Applying what the cards said to the report


def check_card_photos(
    report: Report,
    folder: Path,
    *,
    jobs: int = 1,
    with_photo_warnings: bool = False,
    progress: Callable[[int], None] = lambda n: None,
) -> CardCounts:
    """Match the photos in ``folder`` to the report's people, read their cards, check them.

    Problems go into ``report`` (and ``report.cards`` gets the counts); with
    ``with_photo_warnings`` the photo warnings (missing side, too small …) too, as ``validate``
    shows them (``prepare`` prints those itself).
    """
    try:
        # Rows with errors too: their card says what the sheet should hold.
        match = match_photos(folder, report.records)
    except (FileNotFoundError, NotADirectoryError):
        raise VssidError("photos.not_found", folder=folder) from None
    if with_photo_warnings:
        by_row = {person.row: person for person in report.people}
        for problem in photo_warnings(match, report.employees):
            by_row[problem.row].problems.append(problem)
    report.cards = check_cards(report, read_cards(match, jobs=jobs, progress=progress))
    return report.cards


def check_cards(report: Report, reads: Sequence[CardRead]) -> CardCounts:
    """Add every card problem to ``report`` (in place) and count the cards.

    A person with a card error loses their checked record, like any other error, so that
    ``prepare`` refuses them; a card that fills an empty address or issue date updates it.
    A row with sheet errors is compared too when its ID number cell could be read: the card
    then says what the wrong cells should hold.
    """
    by_row = {person.row: person for person in report.people}
    rows_by_number = {r.id_number: r.row for r in report.records if r.id_number is not None}
    counts = CardCounts()
    for read in reads:
        if read.row is None:
            _unmatched_photo(read, by_row, rows_by_number)
            continue
        person = by_row[read.row]
        person.problems.extend(_failure_warnings(read))
        record = person.record
        if record is None or record.id_number is None:
            continue  # no ID number to tell whose card it is
        counts.checked += 1
        if read.card is None:
            counts.unreadable += 1
            person.problems.append(row_warning(read.row, "card.unreadable"))
            continue
        found = card_qr.compare(
            read.card, record, columns=report.columns, rows_by_number=rows_by_number
        )
        if person.employee is None:  # no form: nothing is filled from the card
            found = [p for p in found if not p.code.endswith("_filled")]
        person.problems.extend(found)
        if any(p.is_error for p in found):
            counts.mismatched += 1
            person.reject()
        else:
            counts.matched += 1
            if person.employee is not None:
                person.employee = card_qr.fill_from_card(person.employee, read.card)
    return counts


def _failure_warnings(read: CardRead) -> list[Problem]:
    """Photos whose pixels could not be decoded; a bad header is already a photo warning."""
    assert read.row is not None
    return [
        unreadable_warning(
            read.row, failure.side or PhotoSide.front, failure.path, _as_error(failure)
        )
        for failure in read.failures
        if failure.damaged
    ]


def _as_error(failure: PhotoFailure) -> PhotoUnreadable:
    return PhotoUnreadable(failure.path.name, failure.size)


def _unmatched_photo(
    read: CardRead, by_row: dict[int, PersonResult], rows_by_number: dict[str, int]
) -> None:
    """A file that matched nobody but holds the card of someone on the list: say whose."""
    if read.card is None or read.path is None:
        return
    number = read.card.number
    row = rows_by_number.get(number) or next(
        (row for other, row in rows_by_number.items() if card_qr.one_digit_apart(number, other)),
        None,
    )
    if row is not None:
        by_row[row].problems.append(
            row_warning(
                row, "card.photo_of_row", file=mask_file_name(read.path.name), pii_card=number
            )
        )
