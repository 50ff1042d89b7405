"""`vssid-batch prepare` and `vssid-batch report` end to end, on the bundled example."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import stat
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from vssid_batch.batch.danh_sach import LIST_STATUS_HEADER
from vssid_batch.cli.app import app
from vssid_batch.synthetic import HEADERS

from helpers import AS_OF, EXAMPLES, cells

DATE = ["--date", AS_OF.isoformat()]


def invoke(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A copy of the examples: a sheet with unit.toml beside it."""
    for name in ("employees.xlsx", "employees-with-errors.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prepare(workdir: Path, *extra: object, sheet: str = "employees.xlsx") -> tuple[int, str, str]:
    return invoke("prepare", workdir / sheet, "--out", workdir / "out", "--jobs", 2, *DATE, *extra)


def text_of(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def set_in_config(workdir: Path, section: str, values: dict[str, str]) -> int:
    """Write ``key = <text>`` lines (raw TOML) in ``[section]`` of workdir/unit.toml; the
    0-based index of the last line written."""
    config = workdir / "unit.toml"
    lines, current, at = config.read_text(encoding="utf-8").splitlines(), "", -1
    for index, line in enumerate(lines):
        current = line.strip() if line.startswith("[") else current
        key = line.split(" = ")[0]
        if current == f"[{section}]" and key in values:
            lines[index], at = f"{key} = {values[key]}", index
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at


def test_prepare_writes_the_complete_folder(workdir: Path) -> None:
    source_hash = sha(workdir / "employees.xlsx")
    code, out, err = prepare(workdir)
    assert code == 0, err
    folder = workdir / "out"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["created_for"] == "Công ty TNHH Sao Mai"
    assert manifest["date"] == "2026-11-25"
    assert manifest["source"] == {
        **manifest["source"],
        "file": "employees.xlsx",
        "sha256": source_hash,
    }
    assert sha(workdir / "employees.xlsx") == source_hash  # the clerk's file is untouched
    assert len(manifest["people"]) == 25 and manifest["skipped"] == []
    for relative, digest in manifest["files"].items():
        assert sha(folder / relative) == digest, relative
    for document in ("forms_print", "list_xlsx", "list_csv", "cover_letter"):
        assert manifest["documents"][document] in manifest["files"]
    first = manifest["people"][0]
    assert first["row"] == 5 and first["status"] == "ready"
    assert sha(folder / first["form"]) == first["sha256"]
    assert first["form"].startswith("to-khai/00005-") and not any(
        ch.isdigit() for ch in Path(first["form"]).name.split("-", 1)[1]
    )
    # the print PDF holds every form in list order
    pages = PdfReader(folder / manifest["documents"]["forms_print"]).pages
    assert len(pages) == 25
    assert manifest["people"][3]["full_name"].upper() in pages[3].extract_text()
    assert "Đã lập hồ sơ cho 25 người" in out
    assert "Việc cần làm tiếp" in out


def test_cover_letter_and_list(workdir: Path) -> None:
    assert prepare(workdir)[0] == 0
    folder = workdir / "out"
    letter = " ".join(text_of(folder / "cong-van.pdf").split())
    for expected in (
        "Bảo hiểm xã hội cơ sở Đống Đa",
        "Công ty TNHH Sao Mai",
        "219/BHXH",
        "25 người",
        "05/2026/CV-SAOMAI",
    ):
        assert expected in letter
    sheet = openpyxl.load_workbook(folder / "danh-sach.xlsx").active
    assert sheet is not None
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    names = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    assert {p["full_name"] for p in manifest["people"]} <= names
    with (folder / "danh-sach.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + 25
    assert (folder / "danh-sach.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_same_inputs_give_the_same_bytes(workdir: Path) -> None:
    assert prepare(workdir)[0] == 0
    first = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert prepare(workdir, "--force", "--jobs", 1)[0] == 0
    second = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert first == second  # including the SHA-256 of every PDF and of the list


def test_errors_refuse_and_write_nothing(workdir: Path) -> None:
    code, _, err = prepare(workdir, sheet="employees-with-errors.xlsx")
    assert code == 1
    assert "--skip-invalid" in err
    assert not (workdir / "out").exists()
    assert not [p for p in workdir.iterdir() if p.name.startswith(".out")]


def test_skip_invalid_prepares_the_valid_people(workdir: Path) -> None:
    code, out, _ = prepare(workdir, "--skip-invalid", sheet="employees-with-errors.xlsx")
    assert code == 0
    manifest = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["people"]) == 6
    skipped = {s["row"]: s["codes"] for s in manifest["skipped"]}
    assert skipped[8] == ["id_number.sex_mismatch"]
    assert len(skipped) == 14
    assert "Bỏ qua 14 người có lỗi" in out


def test_existing_folder_needs_force(workdir: Path) -> None:
    assert prepare(workdir)[0] == 0
    code, _, err = prepare(workdir)
    assert code == 2 and "--force" in err


def test_missing_config_is_exit_2_before_writing(workdir: Path) -> None:
    (workdir / "unit.toml").unlink()
    code, _, err = invoke(
        "prepare",
        workdir / "employees.xlsx",
        "--out",
        workdir / "out",
        *DATE,
        "--config",
        workdir / "nowhere.toml",
    )
    assert code == 2 and "nowhere.toml" in err
    assert not (workdir / "out").exists()


def test_incomplete_config_names_the_keys(workdir: Path) -> None:
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('tax_code = "0103456789"', 'tax_code = ""'),
        encoding="utf-8",
    )
    code, _, err = prepare(workdir)
    assert code == 2 and "employer.tax_code" in err and "unit.toml" in err
    assert not (workdir / "out").exists()


def test_a_config_typo_names_the_line_in_the_clerks_words(workdir: Path) -> None:
    """A name written without quotes, the usual slip in unit.toml: line and column, a hint, and
    no English parser message inside the Vietnamese sentence."""
    at = set_in_config(workdir, "employer", {"name": "Công ty TNHH Sao Mai"})
    code, _, err = prepare(workdir)
    assert code == 2 and not (workdir / "out").exists()
    line = " ".join(err.split())
    assert f"unit.toml, dòng {at + 1}, cột" in line and "ngoặc kép" in line
    assert "Invalid" not in line and "Expected" not in line and "at line" not in line
    code, _, err = prepare(workdir, "--lang", "en")
    assert code == 2 and f"line {at + 1}, column" in " ".join(err.split())


@pytest.mark.parametrize(
    ("key", "limit"),
    [("name", 300), ("address", 300), ("symbol", 100), ("archive", 100)],
)
def test_a_config_value_too_long_to_print_names_its_key_and_limit(
    workdir: Path, key: str, limit: int
) -> None:
    """A value no letter or form could hold (a paste of a whole page, say) is refused when the
    config is read, by key and limit: never a heading running off the letter."""
    section = "letter" if key in ("symbol", "archive") else "employer"
    set_in_config(workdir, section, {key: f'"{"Sao Mai " * 200}"'})
    code, _, err = prepare(workdir)
    line = " ".join(err.split())
    assert code == 2 and not (workdir / "out").exists()
    assert f".{key} dài quá {limit} ký tự" in line and "Traceback" not in err
    code, _, err = prepare(workdir, "--lang", "en")
    assert code == 2 and f"longer than {limit} characters" in " ".join(err.split())


@pytest.mark.parametrize("jobs", [[], ["--jobs", "1"], ["--jobs", "2"]])
def test_a_config_error_is_said_before_the_sheets_whoever_checks(
    workdir: Path, jobs: list[str]
) -> None:
    """A small prepare reads the config and checks the sheet in its helper; with workers, the
    parent does. Either way a bad config is the error said (not the sheet's), and nothing is
    written."""
    config = workdir / "unit.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('"0103456789"', '"0103456788"'),
        encoding="utf-8",
    )
    sheet = workdir / "employees-with-errors.xlsx"
    code, _, err = invoke("prepare", sheet, "--out", workdir / "out", *DATE, *jobs)
    assert code == 2 and "employer.tax_code" in err and "Traceback" not in err
    assert not (workdir / "out").exists()
    config.write_text(config.read_text(encoding="utf-8").replace("0103456788", "0103456789"))
    code, _, err = invoke("prepare", sheet, "--out", workdir / "out", *DATE, *jobs)
    assert code == 1 and "employer.tax_code" not in err  # then the sheet's errors
    assert not (workdir / "out").exists()


def test_files_are_private(workdir: Path) -> None:
    assert prepare(workdir)[0] == 0
    folder = workdir / "out"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.rglob("*") if p.is_file())


def test_hostile_names_stay_inert(workdir: Path, sheet_of, people) -> None:  # type: ignore[no-untyped-def]
    rows = cells(people)
    rows[0][HEADERS.index("Địa chỉ liên hệ")] = '=HYPERLINK("http://x","bấm")'
    rows[1][HEADERS.index("Phòng ban")] = "../../x"
    sheet = sheet_of(rows, "hostile.xlsx")  # beside the example unit.toml
    code, _, err = invoke("prepare", sheet, "--out", workdir / "hostile", *DATE)
    assert code == 0, err
    folder = workdir / "hostile"
    assert all(folder in p.resolve().parents for p in folder.rglob("*"))
    csv_text = (folder / "danh-sach.csv").read_text(encoding="utf-8-sig")
    assert "=HYPERLINK" not in csv_text.replace("'=HYPERLINK", "")


def test_report_on_a_fresh_batch_is_all_pending(workdir: Path) -> None:
    assert prepare(workdir)[0] == 0
    code, out, _ = invoke("report", workdir / "out", "--format", "json")
    assert code == 0
    status = json.loads(out)
    assert status["people"] == 25 and status["intact"] is True
    assert status["statuses"] == [{"status": "", "count": 25, "percent": 100.0}]
    assert len(status["pending"]) == 25
    assert status["source"]["unchanged"] is True
    assert not any(ch.isdigit() for p in status["pending"] for ch in p["full_name"])


def test_report_shows_progress_changes_and_damage(workdir: Path) -> None:
    assert prepare(workdir)[0] == 0
    folder = workdir / "out"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    # the clerk records progress in the list
    book = openpyxl.load_workbook(folder / "danh-sach.xlsx")
    sheet = book.active
    assert sheet is not None
    header = next(r for r in sheet.iter_rows() if any(c.value == LIST_STATUS_HEADER for c in r))
    status_col = next(c.column for c in header if c.value == LIST_STATUS_HEADER)
    assert header[0].row is not None
    for offset, value in enumerate(["Đã ký", "Đã ký", "Đã nộp"], start=1):
        sheet.cell(row=header[0].row + offset, column=status_col, value=value)
    book.save(folder / "danh-sach.xlsx")
    # a form goes missing, the source sheet changes one person's phone and drops another
    (folder / manifest["people"][5]["form"]).unlink()
    source = openpyxl.load_workbook(workdir / "employees.xlsx")
    data = source.active
    assert data is not None
    phone_col = HEADERS.index("Số điện thoại") + 1
    data.cell(row=6, column=phone_col, value="0399999999")
    data.delete_rows(8)
    source.save(workdir / "employees.xlsx")
    code, out, _ = invoke("report", folder, "--format", "json")
    assert code == 1
    status = json.loads(out)
    assert status["missing_files"] == [manifest["people"][5]["form"]]
    counts = {s["status"]: s["count"] for s in status["statuses"]}
    assert counts == {"Đã ký": 2, "Đã nộp": 1, "": 22}
    assert [p["row"] for p in status["source"]["changed"]] == [6]
    assert [p["row"] for p in status["source"]["removed"]] == [8]
    code, out, _ = invoke("report", folder)
    assert "Thiếu tệp" in out and "Đã ký" in out and "Việc cần làm" in out


def test_report_on_a_folder_without_manifest(tmp_path: Path) -> None:
    code, _, err = invoke("report", tmp_path)
    assert code == 2 and "manifest.json" in err


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("name", "公司 Sao Mai 株式会社", "U+516C"),  # the font has no Chinese: printed as nothing
        ("name", "\\u200b", "U+200B"),  # a zero-width space "fills" a required key
        ("address", "Số 18\\u0007 phố Thái Hà", "U+0007"),  # a control character (openpyxl: error)
        ("symbol", "CV-\\u202eIAMOAS", "U+202E"),  # a bidi override
    ],
)
def test_a_config_value_that_cannot_print_names_its_key_and_characters(
    workdir: Path, key: str, value: str, shown: str
) -> None:
    """Found by the attack pass: such values vanished from the letter (exit 0, the list saying
    otherwise), or ended in "unexpected error"."""
    section = "letter" if key == "symbol" else "employer"
    set_in_config(workdir, section, {key: f'"{value}"'})
    for jobs in ([], ["--jobs", "2"]):
        code, _, err = invoke(
            "prepare", workdir / "employees.xlsx", "--out", workdir / "out", *DATE, *jobs
        )
        line = " ".join(err.split())
        assert code == 2 and not (workdir / "out").exists(), err
        assert f".{key} có ký tự không in được" in line and shown in line, line


def test_config_text_is_composed_before_it_is_measured(workdir: Path) -> None:
    """A name saved in NFD (a macOS editor) is counted, printed and listed as NFC letters."""
    config = workdir / "unit.toml"
    name = "Công ty Nguyễn " * 20  # 300 letters in NFC, 340 code points in NFD
    nfd = unicodedata.normalize("NFD", name.strip())
    text = config.read_text(encoding="utf-8").replace('"Công ty TNHH Sao Mai"', f'"{nfd}"', 1)
    config.write_text(text, encoding="utf-8")
    code, _, err = prepare(workdir)
    assert code == 0, err
    manifest = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["created_for"] == name.strip()


def test_a_letter_number_must_be_a_number(workdir: Path) -> None:
    set_in_config(workdir, "letter", {"number": "true"})
    code, _, err = prepare(workdir)
    assert code == 2 and "letter.number" in err and not (workdir / "out").exists()


@pytest.mark.parametrize(
    ("section", "values", "said"),
    [
        ("employer", {"name": "⸻" * 300}, "Phần đầu công văn"),
        ("signer", {key: "⸻" * 100 for key in ("authority", "title", "name")}, "Phần ký"),
    ],
)
def test_a_letter_block_taller_than_a_page_names_the_keys_to_shorten(
    workdir: Path, section: str, values: dict[str, str], said: str
) -> None:
    """Within the caps, text very wide for its length ("⸻" is three ems wide, "ß" prints "SS"
    in capitals) made the heading or the signature taller than a page: "unexpected error"
    before (found by the attack pass)."""
    set_in_config(workdir, section, {key: f'"{value}"' for key, value in values.items()})
    for jobs in (["--jobs", "1"], ["--jobs", "2"]):
        code, _, err = prepare(workdir, *jobs)
        assert code == 2 and said in " ".join(err.split()), err
        assert "Traceback" not in err and not (workdir / "out").exists()


def test_a_ctrl_c_after_the_folder_is_complete_says_so_and_succeeds(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the attack pass: a Ctrl-C landing while the summary was printed said "stopped"
    (exit 130) over a complete folder, and a rerun then refused the folder that was there."""
    from vssid_batch.cli import prepare as command

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "_print_summary", interrupted)
    code, _, err = prepare(workdir)
    assert code == 0 and "đã lập xong, đầy đủ" in " ".join(err.split()), err
    assert (workdir / "out" / "manifest.json").exists()
