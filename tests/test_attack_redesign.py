"""Attacks on the surfaces issue 13 moved: the library API, the list reader behind `report`, the one
sheet writer and the PDF fence. Each test names the hole it found (or the defence it checks).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from vssid_batch import api
from vssid_batch.cli.app import app
from vssid_batch.errors import VssidError

from helpers import AS_OF, EXAMPLES


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("employees.xlsx", "employees-with-errors.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def silent(capfd: pytest.CaptureFixture[str]) -> Iterator[None]:
    """The library prints nothing, on stdout or stderr, at the file-descriptor level."""
    yield
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# --- 1. the library API ----------------------------------------------------------------------


def test_every_api_function_takes_a_path_as_a_plain_string(workdir: Path, silent: None) -> None:
    """A script writes api.annotate("ds.xlsx", "out.xlsx", …): before, annotate, status,
    template, init_config and prepare(out=…) failed with AttributeError ('str' has no .resolve)."""
    sheet = str(workdir / "employees-with-errors.xlsx")
    report = api.validate(sheet, as_of=AS_OF)
    marked = api.annotate(sheet, "danh-dau.xlsx", report)
    assert marked == Path("danh-dau.xlsx") and openpyxl.load_workbook(marked).worksheets
    assert api.template("mau.xlsx") == Path("mau.xlsx") and Path("mau.xlsx").is_file()
    assert api.init_config("don-vi.toml").read_text(encoding="utf-8").startswith("#")
    with pytest.raises(VssidError) as not_a_batch:
        api.status(str(workdir))
    assert not_a_batch.value.code == "manifest.missing"


def test_prepare_and_status_take_strings(workdir: Path, silent: None) -> None:
    done = api.prepare(
        "employees.xlsx", out="ho-so", on=AS_OF, config="unit.toml", jobs=1, skip_invalid=True
    )
    assert done.folder == Path("ho-so") and (workdir / "ho-so" / "manifest.json").is_file()
    assert api.status("ho-so").intact


def test_annotating_with_a_report_of_another_sheet_is_one_clear_error(
    workdir: Path, silent: None
) -> None:
    """A report made from one workbook, applied to another whose sheets differ: was a KeyError
    ('Worksheet DS đăng ký does not exist.') from openpyxl."""
    report = api.validate(workdir / "employees-with-errors.xlsx", as_of=AS_OF)
    other = workdir / "other.xlsx"
    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.title = "Khác"
    book.save(other)
    with pytest.raises(VssidError) as error:
        api.annotate(other, workdir / "x.xlsx", report)
    assert error.value.code == "sheet_not_found" and "Khác" in error.value.message("en")
    assert not (workdir / "x.xlsx").exists()


@pytest.mark.parametrize("command", ["template", "init"])
def test_writing_over_a_folder_names_the_folder(workdir: Path, command: str) -> None:
    """`template DIR --force` said ".DIR.x1y2.part: it is a folder" — the temporary file's name,
    not the folder in the way. Now the folder is named, and nothing is left beside it."""
    folder = workdir / "ho-so.xlsx"
    folder.mkdir()
    write = api.template if command == "template" else api.init_config
    with pytest.raises(IsADirectoryError) as error:
        write(folder, force=True)
    assert error.value.filename == str(folder)
    result = CliRunner().invoke(app, [command, str(folder), "--force"])
    assert result.exit_code == 2
    assert str(folder) in result.stderr and ".part" not in result.stderr
    assert folder.is_dir() and not any(folder.iterdir())
    assert not [p for p in workdir.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("name", ["mau.csv", "mau.ods", "mau", "mau.xlsm"])
def test_the_template_is_only_written_under_a_workbook_name(workdir: Path, name: str) -> None:
    """`template mau.csv` wrote an .xlsx zip under a .csv name (Excel then refuses it)."""
    with pytest.raises(VssidError) as error:
        api.template(workdir / name)
    assert error.value.code == "template.format"
    result = CliRunner().invoke(app, ["template", str(workdir / name)])
    assert result.exit_code == 2 and ".xlsx" in result.stderr
    assert not (workdir / name).exists()


def test_a_huge_jobs_never_starts_a_process_per_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """jobs=10**6 from a script: one worker per chunk (a process per person on a large sheet).
    The count is capped where processes are made (forms and card photos alike)."""
    from vssid_batch.batch import render

    assert render.worker_count(100_000, 10**6) == render.MAX_JOBS
    assert render.worker_count(10, 0) == render.worker_count(10, -3) == 1
    asked: list[int] = []

    class Recorded:
        def __init__(self, max_workers: int, **kwargs: object) -> None:
            asked.append(max_workers)

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(render, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(render, "start_workers", lambda: None)
    with render.worker_pool(10**6):
        pass
    assert asked == [render.MAX_JOBS]
