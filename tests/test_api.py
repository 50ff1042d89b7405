"""The library as a script uses it: ``from vssid_batch import api``, no CLI, no terminal.

Each function returns data; these tests assert on that data and on the files written (PDFs read
back with pypdf, workbooks with openpyxl).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from vssid_batch import api
from vssid_batch.errors import VssidError
from vssid_batch.fields import Field
from vssid_batch.messages import Lang

from helpers import AS_OF, EXAMPLES, child_env


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_examples(folder: Path) -> Path:
    for name in ("employees.xlsx", "employees-with-errors.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return copy_examples(tmp_path)


class Recorder:
    """A progress callback that remembers every stage opened and every step reported."""

    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}

    @contextmanager
    def __call__(self, stage: api.Stage, total: int) -> Iterator[Callable[[int], None]]:
        self.totals[stage] = total
        self.done[stage] = 0

        def advance(n: int) -> None:
            self.done[stage] += n

        yield advance


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, api.Prepared, Recorder]:
    """The example sheet prepared once for the module (drawing 25 forms takes a few seconds)."""
    workdir = copy_examples(tmp_path_factory.mktemp("prepared"))
    progress = Recorder()
    done = api.prepare(
        workdir / "employees.xlsx", out=workdir / "out", on=AS_OF, jobs=1, progress=progress
    )
    return workdir, done, progress


# --- validate -------------------------------------------------------------------------------


def test_validate_returns_the_report(workdir: Path) -> None:
    sheet = workdir / "employees-with-errors.xlsx"
    before = sha(sheet)
    report = api.validate(sheet, as_of=AS_OF)
    assert report.file == sheet.name and report.header_row >= 1
    assert report.has_errors and report.summary.errors > 0
    assert {"id_number.duplicate", "birth_date.invalid"} <= {p.code for p in report.problems}
    assert all(p.row > report.header_row for p in report.problems)
    assert sha(sheet) == before  # the clerk's file is only read
    assert api.check_sheet is api.validate  # the old name still works


def test_validate_a_clean_sheet(workdir: Path) -> None:
    report = api.validate(workdir / "employees.xlsx", as_of=AS_OF)
    assert not report.has_errors
    assert len(report.employees) == 25
    assert report.cards is None  # no card check unless photos are given


def test_validate_reads_as_told(workdir: Path) -> None:
    """The reading options reach the reader: a header row that is no header fails clearly."""
    with pytest.raises(VssidError):
        api.validate(workdir / "employees.xlsx", header_row=3, as_of=AS_OF)


def test_validate_with_photos_checks_cards(workdir: Path) -> None:
    photos = workdir / "anh"
    photos.mkdir()
    report = api.validate(workdir / "employees.xlsx", as_of=AS_OF, photos=photos)
    assert report.cards is not None and report.cards.checked == 0
    # every person lacks a photo: validate shows that warning for each
    missing = [p.row for p in report.problems if p.code == "photo.missing"]
    assert sorted(missing) == [e.row for e in report.employees]
    with pytest.raises(VssidError) as no_folder:
        api.validate(workdir / "employees.xlsx", as_of=AS_OF, photos=workdir / "none")
    assert no_folder.value.code == "photos.not_found"


# --- annotate -------------------------------------------------------------------------------


def test_validate_can_write_the_annotated_copy(workdir: Path) -> None:
    sheet = workdir / "employees-with-errors.xlsx"
    before = sha(sheet)
    target = workdir / "checked.xlsx"
    report = api.validate(sheet, as_of=AS_OF, annotated=target, lang=Lang.en)
    assert sha(sheet) == before
    comments = annotated_comments(target)
    error_rows = {p.row for p in report.problems if p.is_error}
    assert error_rows <= {row for row, _ in comments}
    # the notes are in the language asked for
    assert any(text.startswith("Excel dropped") for _, text in comments)
    assert not any("Số CCCD" in text for _, text in comments)


def test_annotate_writes_a_marked_copy(workdir: Path) -> None:
    sheet = workdir / "employees-with-errors.xlsx"
    report = api.validate(sheet, as_of=AS_OF)
    target = api.annotate(sheet, workdir / "danh-dau.xlsx", report)
    assert target == workdir / "danh-dau.xlsx"
    rows = {row for row, _ in annotated_comments(target)}
    assert rows and rows <= {p.row for p in report.problems}
    with pytest.raises(VssidError) as same:
        api.annotate(sheet, sheet, report)
    assert same.value.code == "annotate.same_file"


def annotated_comments(path: Path) -> list[tuple[int, str]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [
        (int(cell.row or 0), cell.comment.text)
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment is not None
    ]


# --- prepare --------------------------------------------------------------------------------


def test_prepare_returns_what_it_made(prepared: tuple[Path, api.Prepared, Recorder]) -> None:
    workdir, done, _ = prepared
    assert done.folder == workdir / "out"
    assert done.batch.prepared == 25 and not done.batch.skipped
    assert done.warnings == sum(1 for p in done.report.problems if not p.is_error)
    assert done.card_warnings == []  # no photos, no card check
    assert done.batch.checklist_file == done.folder / "viec-can-lam.txt"
    assert done.batch.checklist_file.read_text(encoding="utf-8").startswith("1. ")


def test_prepare_writes_the_forms(prepared: tuple[Path, api.Prepared, Recorder]) -> None:
    _, done, _ = prepared
    manifest = json.loads((done.folder / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["people"]) == 25
    first = manifest["people"][0]
    form = PdfReader(done.folder / first["form"])
    assert first["full_name"].upper() in form.pages[0].extract_text()
    assert sha(done.folder / first["form"]) == first["sha256"]
    print_all = PdfReader(done.folder / "in-tat-ca-to-khai.pdf")
    assert len(print_all.pages) >= 25
    letter = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(done.folder / "cong-van.pdf").pages).split()
    )
    assert "25" in letter


def test_prepare_reports_progress(prepared: tuple[Path, api.Prepared, Recorder]) -> None:
    _, _, progress = prepared
    assert progress.totals == {"forms": 25}  # no photos: no card stage
    assert progress.done == {"forms": 25}


def test_prepare_with_photos_reports_both_stages(workdir: Path) -> None:
    photos = workdir / "anh"
    photos.mkdir()
    progress = Recorder()
    done = api.prepare(
        workdir / "employees.xlsx",
        out=workdir / "out",
        on=AS_OF,
        photos=photos,
        jobs=1,
        progress=progress,
    )
    assert progress.totals == {"cards": 25, "forms": 25}  # the card check, then the forms
    assert progress.done["forms"] == 25
    assert done.report.cards is not None and done.report.cards.checked == 0
    assert done.batch.manifest.photos is not None
    assert len(done.batch.manifest.photos.missing) == 25
    assert {p.code for p in done.batch.warnings} == {"photo.missing"}


def test_prepare_refuses_a_sheet_with_errors(workdir: Path) -> None:
    with pytest.raises(api.DataErrors) as refused:
        api.prepare(workdir / "employees-with-errors.xlsx", out=workdir / "out", on=AS_OF)
    assert refused.value.report.has_errors
    assert not (workdir / "out").exists()  # nothing half-written


def test_prepare_skips_the_invalid_when_asked(workdir: Path) -> None:
    sheet = workdir / "employees-with-errors.xlsx"
    done = api.prepare(sheet, out=workdir / "out", on=AS_OF, skip_invalid=True, jobs=1)
    skipped = {p.row for p in done.report.people if not p.is_valid}
    assert {p.row for p in done.batch.skipped} == skipped and skipped
    assert done.batch.prepared == len(done.report.employees)
    forms = sorted((workdir / "out" / "to-khai").glob("*.pdf"))
    assert len(forms) == done.batch.prepared


def test_prepare_finds_its_defaults(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``out`` and ``config``: ./vssid-batch-<sheet> and the unit.toml beside the sheet."""
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    done = api.prepare(workdir / "employees.xlsx", on=AS_OF, jobs=1)
    assert done.folder == Path("vssid-batch-employees")
    assert (elsewhere / "vssid-batch-employees" / "manifest.json").is_file()


def test_prepare_checks_the_target_before_the_sheet(workdir: Path) -> None:
    (workdir / "out").mkdir()
    (workdir / "out" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(VssidError):
        api.prepare(workdir / "employees-with-errors.xlsx", out=workdir / "out", on=AS_OF)
    assert (workdir / "out" / "keep.txt").read_text(encoding="utf-8") == "mine"


# --- status ---------------------------------------------------------------------------------


def test_status_of_a_fresh_batch(prepared: tuple[Path, api.Prepared, Recorder]) -> None:
    _, done, _ = prepared
    status = api.status(done.folder)
    assert status.intact and status.people == 25 and status.skipped == 0
    assert len(status.pending) == 25
    assert status.source.checked and status.source.unchanged


def test_status_rechecks_a_changed_sheet(workdir: Path) -> None:
    sheet = workdir / "employees.xlsx"
    done = api.prepare(sheet, out=workdir / "out", on=AS_OF, jobs=1)
    book = openpyxl.load_workbook(sheet)
    rows = book.worksheets[0]
    header = done.report.header_row
    name_column = done.report.column_index[Field.full_name] + 1
    rows.cell(row=header + 1, column=name_column).value = "Nguyễn Văn Đổi"
    book.save(sheet)
    status = api.status(done.folder)
    assert status.source.checked and not status.source.unchanged
    changed = status.source.added + status.source.changed + status.source.removed
    assert header + 1 in {p.row for p in changed}


def test_status_of_no_folder(tmp_path: Path) -> None:
    with pytest.raises(VssidError) as missing:
        api.status(tmp_path / "nowhere")
    assert missing.value.code == "report.folder_not_found"


# --- template, init_config ------------------------------------------------------------------


def test_template_and_config_are_written_once(tmp_path: Path) -> None:
    sheet = api.template(tmp_path / "mau.xlsx")
    headers = [cell.value for cell in openpyxl.load_workbook(sheet).worksheets[0][1]]
    assert "Họ và tên" in headers
    config = api.init_config(tmp_path / "unit.toml")
    assert "[employer]" in config.read_text(encoding="utf-8")
    for write, path in ((api.template, sheet), (api.init_config, config)):
        path.write_text("mine", encoding="utf-8")
        with pytest.raises(api.OutputExists) as exists:
            write(path)
        assert exists.value.filename == str(path)
        assert path.read_text(encoding="utf-8") == "mine"  # untouched
        write(path, force=True)
        assert path.read_bytes() != b"mine"


def test_importing_the_library_stays_light() -> None:
    """``import vssid_batch.api`` (to check a sheet) loads no PDF, image or workbook writer."""
    code = (
        "import sys, vssid_batch.api as api; "
        "heavy = {'reportlab', 'PIL', 'openpyxl', 'pandas', 'numpy'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_library_prints_nothing(workdir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    api.validate(workdir / "employees-with-errors.xlsx", as_of=AS_OF)
    done = api.prepare(workdir / "employees.xlsx", out=workdir / "out", on=AS_OF, jobs=1)
    api.status(done.folder)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
