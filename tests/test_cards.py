"""The card check (--photos): the QR code on each person's CCCD photo against their row."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from cardphotos import card_photo, payload
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner

from vssid_batch.batch import cards
from vssid_batch.batch.photos import PersonPhotos, PhotoMatch, PhotoSide
from vssid_batch.cli.app import app
from vssid_batch.models import Employee, Gender
from vssid_batch.rules import card_qr
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet

from helpers import AS_OF, EXAMPLES

ISSUED = date(2021, 8, 10)


def _people(count: int, seed: int) -> list[Employee]:
    # Issue date fixed, so that the card's issue date is the sheet's unless a test changes it.
    return [
        p.model_copy(update={"id_issue_date": ISSUED}) for p in make_employees(count, seed=seed)
    ]


def _sheet(tmp_path: Path, people: list[Employee], *, blank: tuple[int, ...] = ()) -> Path:
    rows = []
    for number, person in enumerate(people, start=1):
        row = employee_cells(person, number)
        if number - 1 in blank:  # no issue date (column 7) and no address (column 11)
            row[7] = row[11] = None
        rows.append(row)
    path = tmp_path / "nv.xlsx"
    write_sheet(path, rows)
    return path


def _matching(person: Employee, **changes: object) -> str:
    fields: dict[str, object] = {"address": person.address or "", "issued": ISSUED}
    return payload(person, **{**fields, **changes})  # type: ignore[arg-type]


def _pair(
    folder: Path, person: Employee, text: str | None, *, generation: int = 2021, **photo: object
) -> None:
    """Front and back photos named by the person's ID number; the QR on the right side."""
    front, back = (text, None) if generation == 2021 else (None, text)
    card_photo(folder / f"{person.id_number}_truoc.jpg", front, seed=1, **photo)  # type: ignore[arg-type]
    card_photo(folder / f"{person.id_number}_sau.jpg", back, seed=2, **photo)  # type: ignore[arg-type]


def _validate(sheet: Path, photos: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        app,
        [
            "validate",
            str(sheet),
            "--photos",
            str(photos),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
            *extra,
        ],
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _codes(document: dict, row: int, prefix: str = "card.") -> list[str]:  # type: ignore[type-arg]
    return [
        p["code"] for p in document["problems"] if p["row"] == row and p["code"].startswith(prefix)
    ]


def test_matching_cards_of_both_generations_give_no_card_problem(tmp_path: Path) -> None:
    people = _people(4, seed=31)
    photos = tmp_path / "anh"
    _pair(photos, people[0], _matching(people[0]))
    _pair(
        photos,
        people[1],
        _matching(people[1], generation=2024),
        generation=2024,
        portrait=True,
        angle=-4,
    )
    _pair(photos, people[2], _matching(people[2]), portrait=True, blur=1.0)
    _pair(photos, people[3], _matching(people[3], generation=2024), generation=2024, angle=6)
    code, document = _validate(_sheet(tmp_path, people), photos)
    assert code == 0
    assert [p for p in document["problems"] if p["code"].startswith("card.")] == []
    assert document["summary"]["cards"] == {
        "checked": 4,
        "matched": 4,
        "mismatched": 0,
        "unreadable": 0,
    }


def test_every_card_code(tmp_path: Path) -> None:
    people = _people(9, seed=32)
    lan = people[0].model_copy(update={"full_name": "Nguyễn Văn Lân"})
    born = people[1].model_copy(update={"birth_date": date(people[1].birth_date.year, 3, 7)})
    people[0], people[1] = lan, born
    rows = [5 + i for i in range(len(people))]
    photos = tmp_path / "anh"
    _pair(photos, lan, _matching(lan, name="Nguyễn Văn Lan"))  # one mark different
    _pair(
        photos, born, _matching(born, birth=date(born.birth_date.year, 7, 3)), generation=2024
    )  # day and month swapped
    other = "Nữ" if people[2].gender is Gender.male else "Nam"
    _pair(photos, people[2], _matching(people[2], gender=other), portrait=True)
    _pair(photos, people[3], _matching(people[4]))  # the photos of rows 8 and 9 swapped
    _pair(photos, people[4], _matching(people[3]))
    _pair(photos, people[5], _matching(people[5]), size=(300, 225), blur=3)  # unreadable
    _pair(
        photos,
        people[6],
        _matching(people[6], address="Số 1 Tràng Tiền, Hà Nội", issued=date(2024, 7, 1)),
    )
    _pair(photos, people[7], _matching(people[7], address="Số 2 Hàng Bài, Hà Nội"))
    # A file named after nobody, holding a card whose number is one digit off the last row's.
    typo = people[8].id_number[:-1] + str((int(people[8].id_number[-1]) + 1) % 10)
    card_photo(photos / "NV9999_truoc.jpg", _matching(people[8], number=typo))
    code, document = _validate(_sheet(tmp_path, people, blank=(7,)), photos)
    assert code == 1
    assert _codes(document, rows[0]) == ["card.name_mismatch"]
    message = next(p["message"] for p in document["problems"] if p["row"] == rows[0])
    assert "“Nguyễn Văn Lan”" in message and "“Nguyễn Văn Lân”" in message
    assert _codes(document, rows[1]) == ["card.birth_date_mismatch"]
    assert _codes(document, rows[2]) == ["card.gender_mismatch"]
    assert _codes(document, rows[3]) == ["card.id_mismatch"]
    assert _codes(document, rows[4]) == ["card.id_mismatch"]
    swapped = next(p for p in document["problems"] if p["row"] == rows[3])
    assert f"dòng {rows[4]}" in swapped["message"]
    assert people[4].id_number not in json.dumps(document)  # masked
    assert people[4].id_number[:3] + "******" + people[4].id_number[-3:] in swapped["message"]
    assert _codes(document, rows[5]) == ["card.unreadable"]
    assert {p["severity"] for p in document["problems"] if p["row"] == rows[5]} == {"warning"}
    assert _codes(document, rows[6]) == ["card.address_differs", "card.issue_date_differs"]
    assert _codes(document, rows[7]) == ["card.address_filled", "card.issue_date_filled"]
    assert all(p["severity"] == "warning" for p in document["problems"] if p["row"] in rows[6:8])
    assert _codes(document, rows[8], "photo.") == ["photo.missing"]
    assert _codes(document, rows[8]) == ["card.photo_of_row"]
    assert (
        "NV9999_truoc.jpg"
        in [p for p in document["problems"] if p["row"] == rows[8]][-1]["message"]
    )
    assert document["summary"]["cards"] == {
        "checked": 8,
        "matched": 2,
        "mismatched": 5,
        "unreadable": 1,
    }


def test_rows_with_sheet_errors_are_checked_against_their_card_too(tmp_path: Path) -> None:
    people = _people(3, seed=37)
    people[2] = people[2].model_copy(update={"id_number": "001" + people[2].id_number[3:]})
    rows = [p.row for p in people]
    photos = tmp_path / "anh"
    _pair(photos, people[0], _matching(people[0], name="Nguyễn Thị Card"))
    _pair(photos, people[1], _matching(people[1]))
    # Row 3's number typed with a wrong province (003 is none): its card's photo matches nobody.
    card_photo(photos / "NV9999_truoc.jpg", _matching(people[2]))
    sheet_rows = [employee_cells(p, n) for n, p in enumerate(people, start=1)]
    sheet_rows[0][9] = "12345"  # a phone number that cannot be
    sheet_rows[1][3] = "31/02/1990"  # no such day: the card's date is not compared to it
    sheet_rows[2][6] = "003" + people[2].id_number[3:]
    write_sheet(tmp_path / "nv.xlsx", sheet_rows)
    code, document = _validate(tmp_path / "nv.xlsx", photos)
    assert code == 1
    on_first = [p["code"] for p in document["problems"] if p["row"] == rows[0]]
    assert [c for c in on_first if c.startswith("phone.")] and on_first.count(
        "card.name_mismatch"
    ) == 1  # both the sheet's error and the card's, once each
    assert not [c for c in on_first if c.startswith("photo.") or c == "card.id_mismatch"]
    # The card agrees with every readable cell; the unreadable date is the sheet's error alone.
    assert [p["code"] for p in document["problems"] if p["row"] == rows[1]] == [
        "birth_date.invalid"
    ]
    assert _codes(document, rows[2]) == ["card.photo_of_row"]
    assert _codes(document, rows[2], "id_number.")
    assert document["summary"]["cards"] == {
        "checked": 2,
        "matched": 1,
        "mismatched": 1,
        "unreadable": 0,
    }


def test_terminal_summary_english_and_show_pii(tmp_path: Path) -> None:
    people = _people(2, seed=33)
    photos = tmp_path / "anh"
    _pair(photos, people[0], _matching(people[1]))
    _pair(photos, people[1], _matching(people[1]))
    sheet = _sheet(tmp_path, people)
    args = ["validate", str(sheet), "--photos", str(photos), "--as-of", AS_OF.isoformat()]
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 1
    assert (
        "Mã QR trên thẻ: 2 người đã đọc ảnh — 1 khớp, 1 không khớp, 0 không đọc được mã"
        in shown.stdout
    )
    assert people[1].id_number not in shown.stdout
    english = CliRunner().invoke(app, [*args, "--lang", "en", "--show-pii"])
    assert "Card QR codes: 2 people's photos read — 1 match, 1 do not" in english.stdout
    assert people[1].id_number in english.stdout
    assert "row 6's number" in english.stdout


def test_prepare_refuses_card_errors_and_records_the_counts(tmp_path: Path) -> None:
    people = _people(3, seed=34)
    photos = tmp_path / "anh"
    _pair(photos, people[0], _matching(people[0], address="Số 1 Tràng Tiền, Hà Nội"))
    _pair(photos, people[1], _matching(people[1], name=people[1].full_name + " A"))
    _pair(photos, people[2], _matching(people[2]), size=(300, 225), blur=3)
    sheet = _sheet(tmp_path, people, blank=(0,))
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    args = [
        "prepare",
        str(sheet),
        "--photos",
        str(photos),
        "--date",
        AS_OF.isoformat(),
        "--jobs",
        "1",
        "--out",
        str(tmp_path / "out"),
    ]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1
    assert "card.name_mismatch" in refused.stdout or "Họ tên trên thẻ" in refused.stdout
    assert not (tmp_path / "out").exists()
    done = CliRunner().invoke(app, [*args, "--skip-invalid"])
    assert done.exit_code == 0, done.output
    assert (
        "Mã QR trên thẻ: 3 người đã đọc ảnh — 1 khớp, 1 không khớp, 1 không đọc được mã"
        in done.stdout
    )
    listed = " ".join(done.stdout.split())  # listed by row and name, not only counted
    assert "dòng 7 · " in listed and ": Không đọc được mã QR trên ảnh thẻ" in listed
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["photos"]["cards"] == {
        "checked": 3,
        "matched": 1,
        "mismatched": 1,
        "unreadable": 1,
    }
    assert [s["codes"] for s in manifest["skipped"]] == [["card.name_mismatch"]]
    assert [p["row"] for p in manifest["people"]] == [5, 7]
    # The decoded payload is not on disk beyond what the documents carry.
    text = (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    assert people[0].id_number not in text
    form = PdfReader(tmp_path / "out" / manifest["people"][0]["form"]).pages[0].extract_text()
    assert "Tràng Tiền" in form  # the empty address was filled from the card
    report = CliRunner().invoke(app, ["report", str(tmp_path / "out")])
    assert "Mã QR trên thẻ: 3 người đã đọc ảnh — 1 khớp" in report.stdout
    as_json = CliRunner().invoke(app, ["report", str(tmp_path / "out"), "--format", "json"])
    assert json.loads(as_json.stdout)["photos"]["cards"]["mismatched"] == 1


def test_decoding_in_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "MIN_PARALLEL", 1)
    people = _people(3, seed=35)
    match = PhotoMatch()
    for index, person in enumerate(people):
        path = card_photo(tmp_path / f"{index}.jpg", payload(person), seed=index)
        match.by_row[person.row] = PersonPhotos(row=person.row, front=path)
    reads = cards.read_cards(match, jobs=2)
    assert [(r.row, r.card and r.card.number) for r in reads] == [
        (p.row, p.id_number) for p in people
    ]


def test_read_card_tries_the_back_and_retries_only_when_needed(tmp_path: Path) -> None:
    person = _people(1, seed=36)[0]
    front = card_photo(tmp_path / "f.jpg", None)
    back = card_photo(tmp_path / "b.jpg", payload(person, generation=2024), angle=-7)
    card, failures = cards.read_card([(PhotoSide.front, front), (PhotoSide.back, back)])
    assert card is not None and card.full_name == person.full_name and failures == []
    small = card_photo(tmp_path / "s.jpg", payload(person), size=(640, 480), fill=0.95, blur=0)
    assert cards.read_card([(PhotoSide.front, small)])[0] is not None


# -- the pure part ------------------------------------------------------------------------------

names = st.text(
    st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ÀÁĐ"), min_size=1, max_size=30
).filter(lambda s: s.strip())


@given(
    names,
    st.dates(date(1940, 1, 1), date(2010, 12, 31)),
    st.sampled_from(["Nam", "Nữ"]),
    st.lists(st.text(st.characters(blacklist_characters="|"), max_size=10), max_size=4),
)
def test_parse_reads_the_first_seven_fields(
    name: str, born: date, sex: str, extra: list[str]
) -> None:
    text = "|".join(
        ["001090123456", "", name, born.strftime("%d%m%Y"), sex, "Hà Nội", "01072024", *extra]
    )
    card = card_qr.parse(text)
    assert card.full_name == " ".join(name.split())
    assert card.birth_date == born and card.gender.value == sex  # type: ignore[union-attr]
    assert card.issue_date == date(2024, 7, 1)


@given(names)
def test_names_compare_by_case_and_spacing_but_not_marks(name: str) -> None:
    assert card_qr.fold_name(name.upper()) == card_qr.fold_name("  " + name.lower() + " ")
    if "ă" in name:
        assert card_qr.fold_name(name) != card_qr.fold_name(name.replace("ă", "a"))


@given(st.text(max_size=40))
def test_parse_never_fails_otherwise_than_by_a_rule_error(text: str) -> None:
    assert card_qr.is_card(text) in (True, False)


@pytest.mark.parametrize("command", ["validate", "prepare"])
def test_photos_help_says_what_is_compared(command: str) -> None:
    shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "400"})
    text = " ".join(shown.stdout.split())
    assert "Mã QR trên thẻ" in text
    for compared in ("số CCCD", "họ tên", "ngày sinh", "giới tính", "địa chỉ", "ngày cấp"):
        assert compared in text, compared


def test_a_card_knowing_only_the_birth_year_is_checked_on_the_year() -> None:
    person = _people(1, seed=37)[0]
    year = person.birth_date.year
    same = card_qr.parse(
        _matching(person).replace(person.birth_date.strftime("%d%m%Y"), f"0000{year}")
    )
    assert same.birth_date is None and same.birth_year == year
    assert [p.code for p in card_qr.compare(same, person) if p.is_error] == []
    other = same.model_copy(update={"birth_year": year - 1})
    assert [p.code for p in card_qr.compare(other, person)] == ["card.birth_date_mismatch"]


def test_a_missing_photo_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, _people(1, seed=38))
    result = CliRunner().invoke(
        app, ["validate", str(sheet), "--photos", str(tmp_path / "khong-co")]
    )
    assert result.exit_code == 2
    assert "không có thư mục ảnh này" in result.stderr and "Traceback" not in result.output
