"""`vssid-batch report` does not trust its manifest (issue 15 items 5, 6, 12, 14) and reads the
list a clerk hands round (issue 10 item 11). Made-up people only (the bundled example)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet
from test_hostile_files import _cell, _people_rows, _row, refused, run_cli, write_ods
from typer.testing import CliRunner

from vssid_batch.batch.danh_sach import (
    LIST_STATUS_HEADER,
    STATUS_CHOICES,
    canonical_status,
    status_key,
)
from vssid_batch.batch.manifest import Tampered, path_parts
from vssid_batch.cli.app import app

from helpers import AS_OF, EXAMPLES

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


def invoke(*args: object) -> tuple[int, str, str]:
    """The CLI in this process, failing instead of hanging when a regression blocks."""
    box: dict[str, Any] = {}

    def run() -> None:
        box["result"] = CliRunner().invoke(app, [str(a) for a in args])

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), f"report hung: {args}"
    result = box["result"]
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("prepared")
    for name in ("employees.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, base / name)
    result = CliRunner().invoke(
        app,
        [
            "prepare",
            str(base / "employees.xlsx"),
            "--out",
            str(base / "out"),
            "--date",
            AS_OF.isoformat(),
        ],
    )
    assert result.exit_code == 0, result.stderr
    return base


@pytest.fixture
def batch(prepared: Path, tmp_path: Path) -> Path:
    """A fresh copy of the prepared folder (and the sheet beside it) for each test."""
    shutil.copy(prepared / "employees.xlsx", tmp_path / "employees.xlsx")
    shutil.copytree(prepared / "out", tmp_path / "out", symlinks=True)
    return tmp_path / "out"


def report(folder: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = invoke("report", folder, "--format", "json", *extra)
    assert code in (0, 1), err
    return code, json.loads(out), err


def edit_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def edit_list(folder: Path, change: Callable[[Any, dict[str, int], int], None]) -> None:
    """Open danh-sach.xlsx as Excel would, apply ``change(sheet, column by header, header
    row)``, save."""
    path = folder / "danh-sach.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    header = next(r for r in sheet.iter_rows() if any(c.value == LIST_STATUS_HEADER for c in r))
    columns = {str(c.value): c.column for c in header if c.value and c.column}
    assert header[0].row is not None
    change(sheet, columns, header[0].row)
    book.save(path)


# --- a fresh batch, and what the clerk is meant to do -------------------------------------------


def test_a_fresh_batch_is_intact_and_checked_cell_by_cell(batch: Path) -> None:
    code, status, _ = report(batch)
    assert code == 0 and status["intact"] is True
    assert status["list_checked"] is True
    assert status["tampered"] == status["added_files"] == status["list_changes"] == []


def test_the_clerks_columns_may_be_filled_in_any_spelling(batch: Path) -> None:
    def fill(sheet: Any, columns: dict[str, int], header: int) -> None:
        for offset, value in enumerate(["Đã ký", "đã  ký", "DA KY", "Đã nộp ", "xong rồi"], 1):
            sheet.cell(header + offset, columns[LIST_STATUS_HEADER], value)
        sheet.cell(header + 1, columns["Ký nhận"], "An")
        sheet.cell(header + 1, columns["Đã đối chiếu bản gốc"], "x")

    edit_list(batch, fill)
    code, status, _ = report(batch)
    assert code == 0, status["list_changes"]
    counts = {s["status"]: s["count"] for s in status["statuses"]}
    assert counts == {"Đã ký": 3, "Đã nộp": 1, "xong rồi": 1, "": 20}
    assert status["unknown_statuses"] == [{"value": "xong rồi", "rows": [12]}]
    code, out, _ = invoke("report", batch)
    assert "Số người" in out and "“xong rồi” ở dòng 12" in out


# --- item 5: paths outside the folder ------------------------------------------------------------


@pytest.mark.parametrize(
    "entry, value",
    [
        ("documents.checklist", "../../../../../../etc/passwd"),
        ("documents.list_xlsx", "/etc/passwd"),
        ("people.form", "../employees.xlsx"),
        ("documents.cover_letter", "/dev/zero"),
    ],
)
def test_a_path_outside_the_folder_is_tampering(batch: Path, entry: str, value: str) -> None:
    def change(data: dict[str, Any]) -> None:
        if entry == "people.form":
            data["people"][0]["form"] = value
            data["files"][value] = "0" * 64
        else:
            data["documents"][entry.split(".")[1]] = value
            data["files"][value] = "0" * 64

    edit_manifest(batch, change)
    code, status, _ = report(batch)
    assert code == 1 and status["intact"] is False
    reasons = {(t["path"], t["reason"]) for t in status["tampered"]}
    assert (value, "outside") in reasons
    code, out, _ = invoke("report", batch)
    assert code == 1 and "root:" not in out and "bị can thiệp" in out and value in out


def test_a_listed_file_replaced_by_a_link_is_not_followed(batch: Path) -> None:
    checklist = batch / "viec-can-lam.txt"
    checklist.unlink()
    checklist.symlink_to("/etc/passwd")
    code, out, _ = invoke("report", batch)
    assert code == 1 and "root:" not in out
    _, status, _ = report(batch)
    assert {"entry": "files", "path": "viec-can-lam.txt", "reason": "symlink"} in status["tampered"]
    assert status["checklist"] == []


def test_a_folder_replaced_by_a_link_is_not_followed(batch: Path, tmp_path: Path) -> None:
    shutil.move(str(batch / "to-khai"), tmp_path / "elsewhere")
    (batch / "to-khai").symlink_to(tmp_path / "elsewhere")
    code, status, _ = report(batch)
    assert code == 1
    assert {t["reason"] for t in status["tampered"]} == {"symlink"}


# --- item 6: added files, links, edits to the list ----------------------------------------------


def test_an_added_file_is_reported(batch: Path) -> None:
    (batch / "to-khai" / "00099-nguoi-la.pdf").write_bytes(b"%PDF-1.4 made up")
    (batch / "ghi-chu").mkdir()
    code, status, _ = report(batch)
    assert code == 1
    assert status["added_files"] == ["ghi-chu/", "to-khai/00099-nguoi-la.pdf"]


def test_a_form_replaced_by_a_link_to_an_identical_copy_is_reported(
    batch: Path, tmp_path: Path
) -> None:
    form = next((batch / "to-khai").iterdir())
    copy = Path(shutil.copy(form, tmp_path / "copy.pdf"))
    form.unlink()
    form.symlink_to(copy)
    code, status, _ = report(batch)
    assert code == 1
    relative = form.relative_to(batch).as_posix()
    assert {"entry": "files", "path": relative, "reason": "symlink"} in status["tampered"]


def test_a_changed_id_number_in_the_list_is_named_by_row_and_column(batch: Path) -> None:
    before: list[str] = []

    def change(sheet: Any, columns: dict[str, int], header: int) -> None:
        cell = sheet.cell(header + 2, columns["Số CCCD/CMND"])
        before.append(str(cell.value))
        cell.value = "001090999999"

    edit_list(batch, change)
    code, status, _ = report(batch)
    assert code == 1
    [change_] = status["list_changes"]
    assert change_ == {
        **change_,
        "kind": "changed",
        "row": 9,
        "stt": 2,
        "column": "Số CCCD/CMND",
        "value": "001******999",
    }
    code, out, err = invoke("report", batch)
    assert code == 1, err
    assert "dòng 9, cột G" in out and "001******999" in out
    assert "001090999999" not in out and before[0] not in out


def test_every_edit_outside_the_clerks_columns_is_found(batch: Path) -> None:
    def change(sheet: Any, columns: dict[str, int], header: int) -> None:
        sheet.cell(header + 1, columns["Họ và tên"], "Nguyễn Văn Ất")
        sheet.cell(header + 3, columns["Số điện thoại"], "0912 000 000")
        sheet.cell(header + 4, columns["Phòng ban"], "Kho")
        sheet.delete_rows(header + 5)

    edit_list(batch, change)
    code, status, _ = report(batch)
    assert code == 1
    found = {(c["kind"], c["stt"], c["column"]) for c in status["list_changes"]}
    assert found == {
        ("changed", 1, "Họ và tên"),
        ("changed", 3, "Số điện thoại"),
        ("changed", 4, "Phòng ban"),
        ("missing", 5, None),
    }


def test_a_row_added_to_the_list_is_reported(batch: Path) -> None:
    def change(sheet: Any, columns: dict[str, int], header: int) -> None:
        sheet.insert_rows(header + 26)
        sheet.cell(header + 26, columns["Họ và tên"], "Người Thêm Vào")
        sheet.cell(header + 26, columns["Số CCCD/CMND"], "001090111111")

    edit_list(batch, change)
    code, status, _ = report(batch)
    assert code == 1
    assert [c["kind"] for c in status["list_changes"]] == ["added"]


# --- items 12 and 14: FIFOs, devices, bombs -----------------------------------------------------


def test_a_source_path_pointing_at_dev_zero_is_not_read(batch: Path) -> None:
    edit_manifest(batch, lambda data: data["source"].update(path="/dev/zero"))
    result = run_cli("report", batch, "--format", "json")
    assert result.returncode == 1, result.stderr
    tampered = json.loads(result.stdout)["tampered"]
    assert tampered == [{"entry": "source.path", "path": "/dev/zero", "reason": "not_a_sheet"}]


def test_a_fifo_source_sheet_is_not_waited_on(batch: Path) -> None:
    os.mkfifo(batch.parent / "fifo.xlsx")
    edit_manifest(batch, lambda data: data["source"].update(path="../fifo.xlsx"))
    code, status, _ = report(batch)
    assert code == 1
    assert status["tampered"][0]["reason"] == "fifo"


def test_a_fifo_list_is_tampering_not_a_hang(batch: Path) -> None:
    (batch / "danh-sach.xlsx").unlink()
    os.mkfifo(batch / "danh-sach.xlsx")
    code, status, _ = report(batch)
    assert code == 1
    assert {"entry": "files", "path": "danh-sach.xlsx", "reason": "fifo"} in status["tampered"]


def test_a_fifo_manifest_is_refused(batch: Path) -> None:
    (batch / "manifest.json").unlink()
    os.mkfifo(batch / "manifest.json")
    refused(run_cli("report", batch), "manifest.json")


def test_a_list_replaced_by_a_repeat_bomb_is_refused_before_calamine(batch: Path) -> None:
    bomb = write_ods(batch.parent / "bomb.ods", _people_rows() + _row(_cell("x", 16384), 6000))
    shutil.copy(bomb, batch / "danh-sach.xlsx")
    result = run_cli("report", batch, "--format", "json")
    assert result.returncode == 2, result.stderr  # the list cannot be read: report cannot run
    status = json.loads(result.stdout)
    assert status["list_changes"] == [{**status["list_changes"][0], "kind": "unreadable"}]
    assert "repeated" in status["list_note"] or "lặp lại" in status["list_note"]


# --- issue 10 item 11: Mã NV and Phòng ban on the list ------------------------------------------


def test_the_list_carries_employee_code_and_department(batch: Path) -> None:
    book = openpyxl.load_workbook(batch / "danh-sach.xlsx")
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    header = next(r for r in sheet.iter_rows() if any(c.value == LIST_STATUS_HEADER for c in r))
    texts = [c.value for c in header]
    assert texts[:3] == ["STT", "Mã NV", "Họ và tên"]
    assert texts[-4:] == ["Phòng ban", "Đã đối chiếu bản gốc", "Ký nhận", "Trạng thái"]
    assert header[0].row is not None
    below = header[0].row + 1
    first = [c.value for c in next(sheet.iter_rows(min_row=below, max_row=below))]
    assert str(first[1]).startswith("NV") and first[texts.index("Phòng ban")]
    with (batch / "danh-sach.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][1] == "Mã NV" and rows[0][-2] == "Phòng ban"
    assert rows[1][1] == first[1]


# --- the rules underneath, for any input ---------------------------------------------------------


@given(
    st.sampled_from(STATUS_CHOICES),
    st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=2, max_size=2),
    st.booleans(),
)
def test_a_status_is_recognised_whatever_its_case_and_spacing(
    choice: str, spaces: list[str], upper: bool
) -> None:
    typed = spaces[0] + choice.replace(" ", spaces[1]) + spaces[0]
    typed = typed.upper() if upper else typed.lower()
    assert canonical_status(typed) == choice
    assert status_key(typed) == status_key(choice)


@given(
    st.lists(
        st.sampled_from(["a", "b.pdf", "..", ".", "", "/", "\\", "C:", "x\x00"]),
        min_size=1,
        max_size=5,
    )
)
def test_a_manifest_path_never_leaves_the_folder(parts: list[str]) -> None:
    path = "/".join(parts)
    try:
        accepted = path_parts(path)
    except Tampered:
        return
    assert all(p not in ("", ".", "..") and "\\" not in p and ":" not in p for p in accepted)
    assert not path.startswith("/")


def test_a_fifo_among_the_photos_is_skipped_not_waited_on(tmp_path: Path) -> None:
    for name in ("employees.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    photos = tmp_path / "anh"
    photos.mkdir()
    os.mkfifo(photos / "dong5_truoc.jpg")
    result = run_cli(
        "prepare",
        tmp_path / "employees.xlsx",
        "--photos",
        photos,
        "--out",
        tmp_path / "out",
        "--date",
        AS_OF.isoformat(),
    )
    assert result.returncode == 0, result.stderr


# --- manifest.json edited by hand (its seal) ------------------------------------------------------


def _replace_in_manifest(folder: Path, old: str, new: str) -> None:
    """A clerk's edit in a text editor: one value changed, the rest of the file as it was."""
    path = folder / "manifest.json"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"full_name": "', '"full_name": "X'),  # a person's name
        ('"date": "2026-11-25"', '"date": "2026-12-25"'),  # the batch's date
        ('"created_for": "Công ty', '"created_for": "Cty'),  # the employer
        ('"status": "ready"', '"status": "done"'),
    ],
)
def test_an_edit_of_the_manifest_itself_is_reported(batch: Path, old: str, new: str) -> None:
    """No file changes, so only the manifest's seal can tell: before, these read as intact."""
    _replace_in_manifest(batch, old, new)
    code, status, _ = report(batch)
    assert code == 1 and status["intact"] is False and status["manifest_edited"] is True
    code, out, _ = invoke("report", batch)
    assert code == 1 and "manifest.json đã bị sửa tay" in " ".join(out.split())
    _, out, _ = invoke("report", batch, "--lang", "en")
    assert "manifest.json was edited by hand" in " ".join(out.split())


def test_a_fresh_manifest_is_sealed_and_the_seal_is_its_last_key(batch: Path) -> None:
    data = json.loads((batch / "manifest.json").read_text(encoding="utf-8"))
    assert list(data)[-1] == "seal" and data["seal"].startswith("sha256:")
    code, status, _ = report(batch)
    assert code == 0 and status["manifest_edited"] is False


def test_a_manifest_from_before_the_seal_is_not_called_edited(batch: Path) -> None:
    path = batch / "manifest.json"
    text = path.read_text(encoding="utf-8")
    older = text[: text.rindex(',\n  "seal": ')] + "\n}\n"
    older = older.replace('"manifest_version": 2', '"manifest_version": 1', 1)  # as it was then
    path.write_text(older, encoding="utf-8")
    code, status, _ = report(batch)
    assert code == 0 and status["intact"] is True and status["manifest_edited"] is False


def test_a_seal_copied_from_another_batch_does_not_hold(batch: Path, tmp_path: Path) -> None:
    _replace_in_manifest(batch, '"full_name": "', '"full_name": "Y')
    path = batch / "manifest.json"
    text = path.read_text(encoding="utf-8")
    forged = text[: text.rindex('"sha256:')] + '"sha256:' + "0" * 64 + '"\n}\n'
    path.write_text(forged, encoding="utf-8")
    _, status, _ = report(batch)
    assert status["manifest_edited"] is True
