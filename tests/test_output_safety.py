"""What `prepare --force` may delete, a kill between its renames, two runs into one folder, and
one clear line (exit 2) for every way the output folder can fail (issue 15: 1, 2, 17)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vssid_batch.batch import folder as folder_module
from vssid_batch.batch import render
from vssid_batch.batch.folder import MARKER
from vssid_batch.cli.app import app

from helpers import AS_OF, EXAMPLES, child_env

UNEXPECTED = "không mong đợi"


def invoke(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout + result.stderr


def prepare(sheet: Path, out: object, *extra: object) -> tuple[int, str]:
    return invoke("prepare", sheet, "--out", out, "--jobs", 1, "--date", AS_OF.isoformat(), *extra)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example sheet and unit.toml in ``work/``; the current folder is ``work/sub``."""
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    for name in ("employees.xlsx", "unit.toml"):
        shutil.copy(EXAMPLES / name, work / name)
    monkeypatch.chdir(work / "sub")
    return work


def leftovers(parent: Path, name: str = "out") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}"))


# --- 1. --force deletes only a folder the tool made ------------------------------------------


@pytest.mark.parametrize(
    "case",
    [
        "sheet_folder",
        "photos",
        "in_photos",
        "config",
        "cwd",
        "parent_of_cwd",
        "dot",
        "dotdot",
        "symlink",
        "foreign",
        "sheet_in_batch",
    ],
)
def test_force_never_deletes_what_the_tool_did_not_make(workdir: Path, case: str) -> None:
    sheet, extra = workdir / "employees.xlsx", []
    out: Path | str = workdir
    if case == "photos":
        out = workdir / "anh"
        out.mkdir()
        (out / "001090123456_truoc.jpg").write_bytes(b"photo")
        extra = ["--photos", out]
    elif case == "in_photos":  # photos are searched recursively: keep the batch out of them
        photos = workdir / "anh"
        (photos / "cu").mkdir(parents=True)
        out = photos / "cu"
        extra = ["--photos", photos]
    elif case == "config":
        out = workdir / "cfg"
        out.mkdir()
        shutil.move(workdir / "unit.toml", out / "unit.toml")
        extra = ["--config", out / "unit.toml"]
    elif case == "cwd":
        out = workdir / "sub"
        (out / "notes.txt").write_text("clerk's notes", encoding="utf-8")
    elif case == "parent_of_cwd":
        out = workdir / "sub" / ".." / ".."  # spelled so that only resolving shows it
    elif case in ("dot", "dotdot"):
        out = "." if case == "dot" else ".."
    elif case == "symlink":
        assert prepare(sheet, workdir / "real")[0] == 0
        out = workdir / "link"
        out.symlink_to(workdir / "real", target_is_directory=True)
    elif case == "foreign":
        out = workdir / "other"
        out.mkdir()
        (out / "bao-cao.docx").write_bytes(b"not ours")
    elif case == "sheet_in_batch":
        out = workdir / "old"
        assert prepare(sheet, out)[0] == 0
        sheet = Path(shutil.copy(sheet, out / "nhan-vien.xlsx"))
        extra = ["--config", workdir / "unit.toml"]
    before = snapshot(workdir)
    code, output = prepare(sheet, out, "--force", *extra)
    assert code == 2, output
    assert UNEXPECTED not in output and "Traceback" not in output
    assert f"--out {out}" in output or f"{out}" in output  # the folder is named
    assert snapshot(workdir) == before  # nothing deleted, nothing added
    assert not list(workdir.glob(".*.dang-ghi")) and not list(workdir.glob(".*.lock"))


def test_force_replaces_the_tools_own_batch_marked_or_old(workdir: Path) -> None:
    sheet, out = workdir / "employees.xlsx", workdir / "out"
    assert prepare(sheet, out)[0] == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert MARKER in manifest["files"]
    (out / "danh-sach.xlsx").write_bytes(b"edited by the clerk")  # listed: still ours
    assert prepare(sheet, out, "--force")[0] == 0
    # A batch made before the marker existed: recognised by a manifest listing everything.
    (out / MARKER).unlink()
    del manifest["files"][MARKER]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert prepare(sheet, out, "--force")[0] == 0
    assert (out / MARKER).is_file()


@pytest.mark.parametrize("drop_marker", [False, True])
def test_force_refuses_a_batch_with_files_added(workdir: Path, drop_marker: bool) -> None:
    sheet, out = workdir / "employees.xlsx", workdir / "out"
    assert prepare(sheet, out)[0] == 0
    (out / "to-khai" / "ban-scan.pdf").write_bytes(b"the clerk's scan")
    if drop_marker:
        (out / MARKER).unlink()
    code, output = prepare(sheet, out, "--force")
    assert code == 2 and "to-khai/ban-scan.pdf" in output
    assert (out / "to-khai" / "ban-scan.pdf").read_bytes() == b"the clerk's scan"


# --- 2. a kill between the renames; two runs into one folder ---------------------------------


KILL_BETWEEN_RENAMES = """
import os, signal, sys
from vssid_batch.batch import folder
real, calls = os.rename, []
def rename(src, dst):
    real(src, dst)
    calls.append(dst)
    if str(dst).endswith(".ban-cu"):  # the old batch moved aside: die before the new one moves in
        os.kill(os.getpid(), signal.SIGKILL)
folder.os.rename = rename
from vssid_batch.cli.app import main
sys.argv = ["vssid-batch", *sys.argv[1:]]
main()
"""


def test_kill_between_the_renames_keeps_the_old_batch(workdir: Path) -> None:
    sheet, out = workdir / "employees.xlsx", workdir / "out"
    assert prepare(sheet, out)[0] == 0
    old = snapshot(out)
    process = subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_BETWEEN_RENAMES,
            "prepare",
            str(sheet),
            "--out",
            str(out),
            "--jobs",
            "1",
            "--date",
            "2026-11-26",
            "--force",
        ],
        capture_output=True,
        timeout=120,
        check=False,
        env=child_env(),
    )
    assert process.returncode == -9
    assert not out.exists() and (workdir / ".out.ban-cu").is_dir()  # the kill came in between
    code, output = prepare(sheet, out)  # the next run puts the old batch back, then refuses
    assert code == 2 and "--force" in output
    assert snapshot(out) == old
    assert leftovers(workdir) == []


def test_a_second_run_refuses_while_the_first_is_writing(workdir: Path) -> None:
    sheet, out = workdir / "employees.xlsx", workdir / "out"
    live = workdir / ".out.abcd1234.dang-ghi"  # the first run's staging folder
    (live / "to-khai").mkdir(parents=True)
    (live / "to-khai" / "00005-a.pdf").write_bytes(b"half-way")
    with folder_module.output_lock(out):  # the first run, still writing
        code, output = prepare(sheet, out)
        assert code == 2 and "out" in output and UNEXPECTED not in output
        assert (live / "to-khai" / "00005-a.pdf").read_bytes() == b"half-way"
    # Once it has gone (killed: no lock held), its staging folder is stale and cleaned.
    assert prepare(sheet, out)[0] == 0
    assert not live.exists() and leftovers(workdir) == []


def test_staging_of_a_similarly_named_folder_is_not_touched(workdir: Path) -> None:
    other = workdir / ".out.2.abcd1234.dang-ghi"
    other.mkdir()
    assert prepare(workdir / "employees.xlsx", workdir / "out")[0] == 0
    assert other.is_dir()


# --- 17. clear messages ----------------------------------------------------------------------


def test_full_disk_is_one_clear_line(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, data: bytes) -> str:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(render, "_write", full)
    code, output = prepare(workdir / "employees.xlsx", workdir / "out")
    assert code == 2 and "đầy" in output and UNEXPECTED not in output
    assert not (workdir / "out").exists() and leftovers(workdir) == []


def test_read_only_parent_is_one_clear_line(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = workdir / "readonly"
    parent.mkdir()
    parent.chmod(0o500)
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        # as the kernel does for a non-root user (tests may run as root, who may write anyway)
        if Path(os.fsdecode(path)).parent == parent:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(f"{folder_module.__name__}.os.open", denied)
    try:
        code, output = prepare(workdir / "employees.xlsx", parent / "out")
    finally:
        parent.chmod(0o700)
    assert code == 2 and "quyền ghi" in output and str(parent) in output
    assert UNEXPECTED not in output


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write into a read-only folder"
)
def test_read_only_parent_for_real(workdir: Path) -> None:
    parent = workdir / "readonly"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        code, output = prepare(workdir / "employees.xlsx", parent / "out")
    finally:
        parent.chmod(0o700)
    assert code == 2 and "quyền ghi" in output and UNEXPECTED not in output


def test_broken_symlink_as_out(workdir: Path) -> None:
    (workdir / "out").symlink_to(workdir / "nowhere")
    code, output = prepare(workdir / "employees.xlsx", workdir / "out", "--force")
    assert code == 2 and "symlink" in output and UNEXPECTED not in output
    assert (workdir / "out").is_symlink() and not (workdir / "nowhere").exists()


@pytest.mark.parametrize("out", [".", ".."])
def test_current_folder_or_its_parent_as_out(workdir: Path, out: str) -> None:
    code, output = prepare(workdir / "employees.xlsx", out)
    assert code == 2 and f"--out {out} là thư mục hiện tại" in output


def test_annotate_csv_copy_keeps_a_readable_sheet_title(tmp_path: Path) -> None:
    import openpyxl

    source = tmp_path / "DS [T5].csv"
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    rows = [
        "STT,Họ và tên,Ngày sinh,Giới tính,Mã số BHXH,Số CCCD,Điện thoại",
        "1,Nguyễn Văn An,01/01/1990,Nam,0123456789,001090012345,0912345678",
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    target = tmp_path / "ket-qua.xlsx"
    code, output = invoke("validate", source, "--annotate", target)
    assert code in (0, 1), output
    assert openpyxl.load_workbook(target).sheetnames[0] == "DS (T5)"


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04garbage", bytes(range(256)) * 8])
def test_report_on_a_damaged_list(workdir: Path, damage: bytes) -> None:
    out = workdir / "out"
    assert prepare(workdir / "employees.xlsx", out)[0] == 0
    (out / "danh-sach.xlsx").write_bytes(damage)
    code, output = invoke("report", out)
    assert code == 2 and "danh-sach.xlsx" in output and "hỏng" in output
    assert UNEXPECTED not in output


@given(st.text(max_size=60))
def test_any_file_name_gives_a_sheet_title_excel_accepts(name: str) -> None:
    import openpyxl

    from vssid_batch.annotate import sheet_title

    title = sheet_title(name)
    openpyxl.Workbook().active.title = title  # type: ignore[union-attr]  # raises if invalid
    assert 1 <= len(title) <= 31
