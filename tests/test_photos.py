"""Matching ID-card photo files to people, and the checks made before printing them."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from vssid_batch.batch.photos import (
    PersonPhotos,
    PhotoName,
    PhotoSide,
    match_photos,
    parse_photo_name,
    photo_warnings,
    row_of_key,
)
from vssid_batch.models import Employee, Gender, Problem

FRONT, BACK = PhotoSide.front, PhotoSide.back


def person(row: int, id_number: str, code: str | None = None) -> Employee:
    return Employee(
        row=row,
        full_name=f"Người Thử {row}",
        birth_date=date(1990, 1, 1),
        gender=Gender.male,
        bhxh_code=f"{row:010d}",
        id_number=id_number,
        phone="0912345678",
        employee_code=code,
    )


@pytest.mark.parametrize(
    ("stem", "key", "side"),
    [
        ("001090123456_truoc", "001090123456", FRONT),
        ("001090123456_sau", "001090123456", BACK),
        ("NV0012-mat-truoc", "nv0012", FRONT),
        ("NV0012 mặt sau", "nv0012", BACK),
        ("NV0012_MatTruoc", "nv0012", FRONT),
        ("nv0012.matsau", "nv0012", BACK),
        ("12_front", "12", FRONT),
        ("12 BACK", "12", BACK),
        ("12_f", "12", FRONT),
        ("12-b", "12", BACK),
        ("001090123456 1", "001090123456", FRONT),
        ("001090123456 (2)", "001090123456", BACK),
        ("Dòng 12 - trước", "dong12", FRONT),
        ("row12_sau", "row12", BACK),
        ("NV-0012 sau", "nv0012", BACK),
        ("001 090 123 456 trước", "001090123456", FRONT),
        ("Ảnh CCCD 001090123456 mặt trước", "001090123456", FRONT),
        ("CMND_123456789_sau", "123456789", BACK),
        # macOS keeps names decomposed (NFD): the accents must not split words.
        (unicodedata.normalize("NFD", "NV0012 Mặt Trước"), "nv0012", FRONT),
        ("Mặt trước", "", FRONT),
        ("sau", "", BACK),
    ],
)
def test_parse_photo_name(stem: str, key: str, side: PhotoSide) -> None:
    assert parse_photo_name(stem) == PhotoName(key, side)


@pytest.mark.parametrize(
    "stem",
    [
        "IMG_20240101_093000",
        "001090123456",
        "truoc_001090123456",  # the side goes last
        "NV0012 mặt",
        "",
        "___",
    ],
)
def test_names_without_a_side_are_not_parsed(stem: str) -> None:
    assert parse_photo_name(stem) is None


@pytest.mark.parametrize(
    ("key", "row"),
    [
        ("12", 12),
        ("012", 12),
        ("dong12", 12),
        ("row7", 7),
        ("999999", 999999),
        ("1234567", None),
        ("001090123456", None),
        ("nv12", None),
        ("", None),
        ("dong", None),
    ],
)
def test_row_of_key(key: str, row: int | None) -> None:
    assert row_of_key(key) == row


def touch(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")  # matching reads names only


AN = person(5, "001090123456", "NV0012")
BINH = person(6, "079185000123", "NV0013")
CUONG = person(12, "123456789")  # a CMND, no employee code
DUNG = person(7, "036095000777", "NV0015")


def test_match_by_id_code_row_and_folder(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "001090123456_truoc.jpg",
        "001090123456_sau.JPG",
        "NV0013-mat-truoc.png",
        "12_front.jpeg",
        "dong 12 - back.heif",
        "NV0015/Mặt trước.HEIC",
        "NV0015/sau.jpg",
    )
    match = match_photos(tmp_path, [AN, BINH, CUONG, DUNG])
    assert match.by_row == {
        5: PersonPhotos(
            row=5, front=tmp_path / "001090123456_truoc.jpg", back=tmp_path / "001090123456_sau.JPG"
        ),
        6: PersonPhotos(row=6, front=tmp_path / "NV0013-mat-truoc.png", back=None),
        7: PersonPhotos(
            row=7, front=tmp_path / "NV0015/Mặt trước.HEIC", back=tmp_path / "NV0015/sau.jpg"
        ),
        12: PersonPhotos(
            row=12, front=tmp_path / "12_front.jpeg", back=tmp_path / "dong 12 - back.heif"
        ),
    }
    assert list(match.by_row) == [5, 6, 7, 12]
    assert match.by_row[6].missing == [BACK]
    assert (match.unmatched, match.unrecognised, match.duplicates) == ([], [], [])


def test_leftover_files_are_reported(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "001090123456_truoc.jpg",
        "001090123456-mat-truoc.png",  # another front: '-' sorts before '_', so this one wins
        "099999999999_truoc.jpg",  # nobody has this ID
        "NV9999 sau.jpg",  # nobody has this code
        "40_front.jpg",  # no such row
        "IMG_0001.jpg",  # no side word
        "truoc.jpg",  # only a side, and no person folder to name the person
    )
    match = match_photos(tmp_path, [AN])
    assert match.by_row[5].front == tmp_path / "001090123456-mat-truoc.png"
    assert match.duplicates == [tmp_path / "001090123456_truoc.jpg"]
    assert match.unmatched == [
        tmp_path / "099999999999_truoc.jpg",
        tmp_path / "40_front.jpg",
        tmp_path / "NV9999 sau.jpg",
    ]
    assert match.unrecognised == [tmp_path / "IMG_0001.jpg", tmp_path / "truoc.jpg"]


def test_hidden_and_non_image_files_are_ignored(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "._001090123456_sau.jpg",
        ".thumbs/001090123456_sau.jpg",
        "001090123456_sau.pdf",
        "ghi chu.txt",
        "NV0012 sau.jpg",
    )
    match = match_photos(tmp_path, [AN])
    assert match.by_row == {5: PersonPhotos(row=5, front=None, back=tmp_path / "NV0012 sau.jpg")}
    assert (match.unmatched, match.unrecognised, match.duplicates) == ([], [], [])


def test_an_id_number_comes_before_a_code_and_a_code_before_a_row(tmp_path: Path) -> None:
    numeric_code = person(30, "001090000030", "12")  # a plain-number code equal to CUONG's row
    touch(tmp_path, "12_truoc.jpg", "dong12_truoc.jpg", "001090000030_sau.jpg")
    match = match_photos(tmp_path, [CUONG, numeric_code])
    assert match.by_row[30] == PersonPhotos(
        row=30, front=tmp_path / "12_truoc.jpg", back=tmp_path / "001090000030_sau.jpg"
    )
    assert match.by_row[12].front == tmp_path / "dong12_truoc.jpg"


def test_a_key_shared_by_two_people_matches_nobody(tmp_path: Path) -> None:
    touch(tmp_path, "NV0012_truoc.jpg")
    match = match_photos(tmp_path, [AN, person(8, "001090000008", "nv-0012")])
    assert match.by_row == {}
    assert match.unmatched == [tmp_path / "NV0012_truoc.jpg"]


def test_a_file_name_with_its_own_key_wins_over_its_folder(tmp_path: Path) -> None:
    touch(tmp_path, "NV0013/001090123456_truoc.jpg")
    match = match_photos(tmp_path, [AN, BINH])
    assert set(match.by_row) == {5}


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        match_photos(tmp_path / "khong-co", [AN])
    touch(tmp_path, "a.jpg")
    with pytest.raises(NotADirectoryError):
        match_photos(tmp_path / "a.jpg", [AN])


# ---------------------------------------------------------------------------------------------
# photo_warnings


def save(path: Path, size: tuple[int, int], orientation: int = 1) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, (120, 160, 200)).save(path, exif=exif.tobytes())


def codes(problems: list[Problem], row: int) -> list[tuple[str, dict[str, str]]]:
    return [(p.code, p.params) for p in problems if p.row == row]


def test_photo_warnings(tmp_path: Path) -> None:
    save(tmp_path / "001090123456_truoc.jpg", (1200, 760))
    save(tmp_path / "001090123456_sau.jpg", (500, 320))  # too small to read the back's print
    # 900 × 560 raw, but EXIF says "turn a quarter": upright it is 560 wide.
    save(tmp_path / "NV0013 truoc.jpg", (900, 560), orientation=6)
    (tmp_path / "NV0015_truoc.jpg").write_bytes(b"not a jpeg at all")
    save(tmp_path / "NV0015_sau.png", (640, 404))
    match = match_photos(tmp_path, [AN, BINH, CUONG, DUNG])
    problems = photo_warnings(match, [DUNG, CUONG, BINH, AN])

    assert [p.row for p in problems] == sorted(p.row for p in problems)
    assert all(p.severity.value == "warning" and p.field is None for p in problems)
    assert codes(problems, 5) == [
        (
            "photo.too_small",
            {"side": "back", "file": "001******456_sau.jpg", "width": "500", "min_width": "600"},
        ),
    ]
    assert codes(problems, 6) == [
        (
            "photo.too_small",
            {"side": "front", "file": "NV0013 truoc.jpg", "width": "560", "min_width": "600"},
        ),
        ("photo.side_missing", {"side": "back"}),
    ]
    assert codes(problems, 7) == [
        ("photo.unreadable", {"side": "front", "file": "NV0015_truoc.jpg"}),
    ]
    assert codes(problems, 12) == [("photo.missing", {})]


def test_the_upright_width_is_what_counts(tmp_path: Path) -> None:
    # 560 × 900 raw, turned upright by EXIF: 900 × 560, so the card spans 888 px.
    save(tmp_path / "NV0012_truoc.jpg", (560, 900), orientation=8)
    save(tmp_path / "NV0012_sau.jpg", (1011, 638))
    problems = photo_warnings(match_photos(tmp_path, [AN]), [AN])
    assert problems == []
