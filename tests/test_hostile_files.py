"""Files that are not what they seem: pipes, zip bombs, ODS repeat bombs, whitespace floods
(issue 15, items 12-14). Every CLI run here is a child process bounded in memory
(``RLIMIT_AS``) and in time, so that a regression fails the test instead of taking the machine or
the suite with it."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from vssid_batch.sheet import formats, formulas
from vssid_batch.synthetic import employee_cells, make_employees, write_sheet

MEMORY_LIMIT = 1536 << 20  # far below what the bombs ask for, far above a normal run
TIME_LIMIT = 60
SRC = Path(__file__).resolve().parent.parent / "src"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


def _limit_memory() -> None:  # runs in the child, before Python starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``vssid-batch ARGS`` in a child process with bounded memory and time."""
    env = {
        **os.environ,
        "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "COLUMNS": "250",
    }
    return subprocess.run(
        [sys.executable, "-m", "vssid_batch", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
        env=env,
        cwd=cwd,
        check=False,
    )


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, one line on stderr naming what, no traceback, no abort."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# --- FIFOs (item 14) ---------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ds.xlsx"
    os.mkfifo(path)
    yield path
    path.unlink()


def test_a_fifo_sheet_is_refused_not_waited_on(fifo: Path) -> None:
    result = run_cli("validate", fifo, "--lang", "en")
    refused(result, "named pipe (FIFO)", str(fifo))


def test_a_fifo_config_is_refused(tmp_path: Path, fifo: Path) -> None:
    sheet = tmp_path / "people.xlsx"
    write_sheet(sheet, [employee_cells(p, i) for i, p in enumerate(make_employees(2), 1)])
    result = run_cli(
        "prepare", sheet, "--config", fifo, "--out", tmp_path / "out", "--date", "2026-11-25"
    )
    refused(result, "không phải tệp thường")
    assert not (tmp_path / "out").exists()


def test_the_reader_refuses_a_device(tmp_path: Path) -> None:
    result = run_cli("validate", "/dev/zero")
    refused(result, "thiết bị")


# --- zip bombs (item 12) -----------------------------------------------------------------------


def _people_xlsx(path: Path) -> Path:
    write_sheet(path, [employee_cells(p, i) for i, p in enumerate(make_employees(3), 1)])
    return path


def _deflated(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def test_a_huge_shared_string_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """1.5 MB on disk, 300 MB inflated: one shared string of spaces."""
    source = _people_xlsx(tmp_path / "ok.xlsx")
    space = b" " * (1 << 20)

    def strings() -> Iterator[bytes]:
        yield (
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        )
        for _ in range(300):
            yield space
        yield b"</t></si></sst>"

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bomb, "w") as new:
        for info in old.infolist():
            if info.filename != "xl/sharedStrings.xml":
                new.writestr(info, old.read(info), zipfile.ZIP_DEFLATED)
        with new.open(
            _deflated(zipfile.ZipInfo("xl/sharedStrings.xml")), "w", force_zip64=True
        ) as out:
            for part in strings():
                out.write(part)
    assert bomb.stat().st_size < 2 << 20
    started = time.monotonic()
    refused(run_cli("validate", bomb, "--lang", "en"), "xl/sharedStrings.xml", "over the limit")
    assert time.monotonic() - started < 30


def test_a_sheet_compressed_a_thousand_fold_is_refused(tmp_path: Path) -> None:
    source = _people_xlsx(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"<sheetData>")
    padded = tmp_path / "padded.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(padded, "w") as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info, old.read(info), zipfile.ZIP_DEFLATED)
        with new.open(_deflated(zipfile.ZipInfo("xl/worksheets/sheet1.xml")), "w") as out:
            out.write(head + b"<sheetData>")
            for _ in range(40):
                out.write(b" " * (1 << 20))
            out.write(tail)
    refused(run_cli("validate", padded, "--lang", "en"), "compressed more than")


def test_a_member_that_lies_about_its_size_is_damaged(tmp_path: Path) -> None:
    """The zip directory says 1 KB; the data inflates to 20 MB. zipfile stops at the declared
    size and the CRC does not match: "damaged", before calamine could inflate it all."""
    source = _people_xlsx(tmp_path / "ok.xlsx")
    liar = tmp_path / "liar.xlsx"
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(liar, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                data = data.replace(b"</sheetData>", b" " * (20 << 20) + b"</sheetData>")
            new.writestr(_deflated(zipfile.ZipInfo(info.filename)), data)
    raw = bytearray(liar.read_bytes())
    with zipfile.ZipFile(liar) as archive:
        info = archive.getinfo(member)
    declared = info.file_size.to_bytes(4, "little")
    assert raw.count(declared) >= 2  # local header and central directory
    raw[:] = raw.replace(declared, (1024).to_bytes(4, "little"))
    liar.write_bytes(bytes(raw))
    refused(run_cli("validate", liar, "--lang", "en"), "damaged")


# --- ODS repeat bombs (item 12) ----------------------------------------------------------------

_ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="DS">'
)
_ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def _cell(value: object, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{repeated}/>"
    return (
        f'<table:table-cell office:value-type="string"{repeated}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def _row(cells: str, repeat: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{repeated}>{cells}</table:table-row>"


def write_ods(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", _ODS_HEAD + rows + _ODS_TAIL)
        archive.writestr(
            "META-INF/manifest.xml",
            (
                '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                "</manifest:manifest>"
            ),
        )
    return path


def _people_rows() -> str:
    people = make_employees(3)
    header = [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Mã số BHXH",
        "Số CCCD/CMND",
        "Số điện thoại",
    ]
    rows = [header] + [
        [str(i), p.full_name, p.birth_date_text, p.gender.value, p.bhxh_code, p.id_number, p.phone]
        for i, p in enumerate(people, 1)
    ]
    # LibreOffice's own padding: empty cells to the last column, empty rows to the last row.
    return "".join(
        _row("".join(_cell(v) for v in row) + _cell(None, 16384 - len(row))) for row in rows
    ) + _row(_cell(None, 16384), 1048572)


def test_libreoffice_padding_is_accepted(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "ds.ods", _people_rows())
    result = run_cli("validate", path, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert '"people": 3' in result.stdout


def test_a_repeated_cell_with_a_value_is_refused_before_calamine(tmp_path: Path) -> None:
    """6 KB that calamine would expand to 98 million cells (it aborts: exit -6, no message)."""
    bomb = write_ods(tmp_path / "bomb.ods", _people_rows() + _row(_cell("x", 16384), 6000))
    assert bomb.stat().st_size < 8 << 10
    refused(run_cli("validate", bomb, "--lang", "en"), "repeated cells")


def test_ods_cells_counts_what_calamine_would_hold() -> None:
    def count(rows: str) -> int:
        return formats.ods_cells(io.BytesIO((_ODS_HEAD + rows + _ODS_TAIL).encode()))

    assert count(_row(_cell("a") + _cell(None, 1020)) + _row(_cell(None, 1024), 1048000)) == 1
    assert count(_row(_cell("a") + _cell(None, 98) + _cell("b"))) == 100
    # An empty row between two rows with values counts: calamine keeps the rectangle.
    assert count(_row(_cell("a")) + _row(_cell(None), 999) + _row(_cell("b"))) == 1001
    assert count(_row(_cell("a", 16384), 6000)) > formats.MAX_CELLS


# --- whitespace floods in the formula search (item 13) -----------------------------------------


def _padded_sheet(padding: int) -> bytes:
    """A formula cell without a value, ``padding`` bytes of whitespace inside it."""
    return (
        b'<worksheet><sheetData><row r="5"><c r="B5"><f>SUM(1)</f>'
        + b" " * padding
        + b"<v/></c></row></sheetData></worksheet>"
    )


def _scan(data: bytes) -> tuple[set[tuple[int, int]], int]:
    """What the search finds, and the largest buffer it ever held."""
    largest = 0
    chunks = formulas._chunks

    def watched(stream: io.BytesIO) -> Iterator[tuple[bytes, int]]:
        nonlocal largest
        for buffer, cut in chunks(stream):
            largest = max(largest, len(buffer))
            yield buffer, cut

    original, formulas._chunks = formulas._chunks, watched  # type: ignore[assignment]
    try:
        found = formulas._xlsx_scan(io.BytesIO(data), lambda: io.BytesIO(data))
    finally:
        formulas._chunks = original
    return found, largest


def test_whitespace_inside_a_cell_does_not_grow_the_carry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, the unfinished cell was carried whole from chunk to chunk: 40 MB of padding meant
    40 copies of up to 40 MB. Now the carry stays under a bound and the cell is still found."""
    monkeypatch.setattr(formulas, "CHUNK", 1 << 12)
    monkeypatch.setattr(formulas, "MAX_CARRY", 1 << 14)
    found, largest = _scan(_padded_sheet(2 << 20))
    assert found == {(4, 1)}
    assert largest <= formulas.MAX_CARRY + formulas.CHUNK + 64


def test_the_formula_search_is_linear_in_the_padding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formulas, "CHUNK", 1 << 14)
    monkeypatch.setattr(formulas, "MAX_CARRY", 1 << 16)

    def seconds(padding: int) -> float:
        data = _padded_sheet(padding)
        started = time.perf_counter()
        _scan(data)
        return time.perf_counter() - started

    small, large = min(seconds(2 << 20) for _ in range(3)), min(seconds(8 << 20) for _ in range(3))
    assert large < 10 * max(small, 1e-3), (small, large)  # quadratic: 16 times


def people_book(count: int) -> tuple[Any, Any]:
    """A workbook as a clerk types it: a header row and ``count`` made-up people below."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Ngày sinh", "Giới tính", "Mã số BHXH", "Số CCCD", "SĐT"])
    for p in make_employees(count):
        sheet.append(
            [p.full_name, p.birth_date_text, p.gender.value, p.bhxh_code, p.id_number, p.phone]
        )
    return book, sheet


def test_a_sheet_padded_with_whitespace_is_read(tmp_path: Path) -> None:
    """Under the compression-ratio ceiling, a padded sheet is read (and quickly)."""
    path = tmp_path / "padded.xlsx"
    book, sheet = people_book(2)
    sheet["H2"] = "=1+1"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    xml = xml.replace(b"<f>1+1</f>", b"<f>1+1</f>" + b"\n" * (6 << 20))
    padded = tmp_path / "padded-ws.xlsx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(
                info.filename, xml if info.filename.endswith("sheet1.xml") else old.read(info)
            )
    started = time.monotonic()
    result = run_cli("validate", padded, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert '"people": 2' in result.stdout
    assert time.monotonic() - started < 30


# --- values far apart in an .xlsx (item 12) ------------------------------------------------------


def test_two_values_far_apart_are_refused_before_calamine(tmp_path: Path) -> None:
    """5 KB: A1 and XFD6000 make calamine hold 98 million cells (it aborts: exit -6)."""
    path = tmp_path / "corners.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["XFD6000"] = "Họ và tên", "x"
    book.save(path)
    assert path.stat().st_size < 8 << 10
    refused(run_cli("validate", path, "--lang", "en"), "span 98.3 million cells")


def test_a_wide_sheet_with_styled_cells_far_right_is_read(tmp_path: Path) -> None:
    """The quick bound (rows x widest column) sends it to the exact count, which leaves cells
    that only carry a style out, as calamine does."""
    path = tmp_path / "wide.xlsx"
    book, sheet = people_book(3)
    sheet["XFD30000"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("sheet1.xml"))
        assert formats._inflate(archive, info) > formats.MAX_SHEET_CELLS
        assert formats.sheet_cells(archive, info) == 4 * 6
    result = run_cli("validate", path, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert '"people": 3' in result.stdout
