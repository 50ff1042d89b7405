"""No personal number leaves the tool in full unless --show-pii: the one masking function and
every output it guards (issue 15, items 3 and 4).

The masking function is checked by properties (hypothesis); the outputs by a sheet that puts a
12-digit ID and a 10-digit phone, plain, spaced, dotted and dashed, into every column, read back
through validate (table and JSON), prepare's console, manifest.json and report.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.privacy import for_display, for_display_data, mask, mask_numbers, terminal_safe
from vssid_batch.rules.legacy_text import Encoding, from_unicode
from vssid_batch.synthetic import HEADERS, employee_cells, make_employees, write_sheet

from helpers import AS_OF, EXAMPLES

ID, PHONE = "001090123456", "0912345678"
FORMS = (
    ID,
    "001 090 123 456",
    "001.090.123.456",
    "001-090-123-456",
    PHONE,
    "0912 345 678",
    "0912.345.678",
    "091-234-5678",
)
SEPARATORS = " .-_"
# Written apart from the module on purpose: digits joined by up to three separators.
LONG_RUN = re.compile(
    r"\d(?:[ .\-_()\u00a0\u2000-\u200a\u202f\u205f\u3000\u2010-\u2015\u2212"
    r"\uff0d\uff0e]{0,3}\d|[,/\uff0f]\d){7,}"
)
DATE = re.compile(r"\d{4}([./-])\d{2}\1\d{2}|\d{2}([./ -])\d{2}\2\d{4}")


def unmasked_runs(text: str) -> list[str]:
    """Runs of 8+ digits left in ``text``, dates aside."""
    return [run for run in LONG_RUN.findall(text) if not DATE.fullmatch(run)]


# -- the function --------------------------------------------------------------------------------


@st.composite
def numbers_with_separators(draw: st.DrawFn) -> str:
    """8–24 digits in groups joined by one to three separators, as a clerk may type them."""
    digits = draw(st.text("0123456789", min_size=8, max_size=24))
    out = []
    for index, digit in enumerate(digits):
        if index and draw(st.booleans()):
            out.append(draw(st.text(SEPARATORS, min_size=1, max_size=3)))
        out.append(digit)
    return "".join(out)


texts = st.text(
    alphabet=st.sampled_from(list("0123456789 .-_,/aĐđ“”\x1b\x00\u202e\t\n[]")), max_size=60
)


@given(texts)
def test_no_long_run_of_digits_survives(text: str) -> None:
    assert unmasked_runs(for_display(text)) == []


@given(texts)
def test_masking_is_idempotent(text: str) -> None:
    once = for_display(text)
    assert for_display(once) == once


@given(st.text(max_size=80))
def test_text_without_long_runs_is_unchanged(text: str) -> None:
    safe = terminal_safe(text)
    if not LONG_RUN.search(safe):
        assert mask_numbers(safe) == safe


@given(numbers_with_separators(), st.text("abc xyz", max_size=5), st.text("abc xyz", max_size=5))
def test_a_number_keeps_its_first_and_last_three_digits(
    number: str, before: str, after: str
) -> None:
    text = f"{before}#{number}#{after}"
    masked = mask_numbers(text)
    digits = re.sub(r"\D", "", number)
    shown = masked.split("#")[1]
    assert len(shown) == len(number)  # separators stay in place
    assert [c for c in shown if not c.isdigit() and c != "*"] == [
        c for c in number if not c.isdigit()
    ]
    assert re.sub(r"[^\d*]", "", shown) == digits[:3] + "*" * (len(digits) - 6) + digits[-3:]
    assert masked.split("#")[0] == before and masked.split("#")[2] == after


@given(st.text("0123456789", min_size=8, max_size=20))
def test_a_bare_number_is_masked_as_before(number: str) -> None:
    assert mask_numbers(number) == mask(number)


@given(st.text(max_size=80))
def test_terminal_safe_text_has_nothing_a_terminal_acts_on(text: str) -> None:
    import unicodedata

    safe = terminal_safe(text)
    assert all(unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp", "Cs"} for c in safe)


def test_examples_from_the_issue() -> None:
    assert (
        for_display("Ngày sinh “001090123456” không đọc được")
        == "Ngày sinh “001******456” không đọc được"
    )
    assert (
        for_display("Giới tính “0912345678” không hợp lệ") == "Giới tính “091****678” không hợp lệ"
    )
    assert for_display("037 204 866 433_truoc.jpg") == "037 *** *** 433_truoc.jpg"
    assert for_display("trùng với dòng 12, 13, 14, 15, 16") == "trùng với dòng 12, 13, 14, 15, 16"
    assert for_display("số 0912345678", show_pii=True) == "số 0912345678"
    assert for_display_data({"a": [ID, 7]}) == {"a": ["001******456", 7]}


# -- every output --------------------------------------------------------------------------------


def _matrix_sheet(path: Path) -> list[str]:
    """Every form of the two numbers in every column (one row each); returns all secrets."""
    people = make_employees(len(HEADERS) * len(FORMS) + 2, seed=3)
    rows: list[list[object]] = []
    for column in range(len(HEADERS)):
        for form in FORMS:
            row = employee_cells(people[len(rows)], len(rows) + 1)
            row[column] = form
            rows.append(row)
    # A legacy-encoded address quoting the phone, and a valid person to prepare.
    legacy = employee_cells(people[len(rows)], len(rows) + 1)
    legacy[HEADERS.index("Địa chỉ liên hệ")] = from_unicode(
        f"Số {PHONE} phố Thái Hà, Đống Đa, Hà Nội", Encoding.tcvn3
    )
    rows.append(legacy)
    write_sheet(path, rows, sheet="DS 0912 345 678")
    own = [v for p in people for v in (p.id_number, p.phone, p.bhxh_code)]
    return [*FORMS, *own]


def _assert_masked(text: str, secrets: list[str], where: str) -> None:
    for secret in secrets:
        assert secret not in text, (where, secret)
    assert unmasked_runs(text) == [], where


def test_no_number_leaks_from_any_column(tmp_path: Path) -> None:
    sheet = tmp_path / "ds 001.090.123.456.xlsx"
    secrets = _matrix_sheet(sheet)
    shutil.copy(EXAMPLES / "unit.toml", tmp_path / "unit.toml")
    photos = tmp_path / "anh 0912 345 678"
    photos.mkdir()
    for name in (
        "037 204 866 433_truoc.jpg",
        "037.204.866.433_sau.jpg",
        "0372-0486-6433 mặt sau.jpg",
    ):
        Image.new("RGB", (800, 504), "grey").save(photos / name)
    secrets += ["037 204 866 433", "037.204.866.433", "0372-0486-6433", "037204866433"]
    runner = CliRunner()
    args = ["--as-of", AS_OF.isoformat()]
    outputs = {}
    table = runner.invoke(app, ["validate", str(sheet), "--all", *args])
    assert table.exit_code == 1
    outputs["validate table"] = table.stdout
    document = runner.invoke(app, ["validate", str(sheet), "--format", "json", *args])
    outputs["validate json"] = document.stdout
    refused = runner.invoke(
        app, ["prepare", str(sheet), "--out", str(tmp_path / "o"), "--date", AS_OF.isoformat()]
    )
    assert refused.exit_code == 1
    outputs["prepare refused"] = refused.stdout + refused.stderr
    made = runner.invoke(
        app,
        [
            "prepare",
            str(sheet),
            "--out",
            str(tmp_path / "o"),
            "--skip-invalid",
            "--jobs",
            "1",
            "--photos",
            str(photos),
            "--date",
            AS_OF.isoformat(),
        ],
    )
    assert made.exit_code == 0, made.stderr
    outputs["prepare"] = made.stdout + made.stderr
    manifest = (tmp_path / "o" / "manifest.json").read_text(encoding="utf-8")
    outputs["manifest photos"] = json.dumps(json.loads(manifest)["photos"], ensure_ascii=False)
    outputs["manifest skipped"] = json.dumps(json.loads(manifest)["skipped"], ensure_ascii=False)
    for extra in ([], ["--format", "json"]):
        status = runner.invoke(app, ["report", str(tmp_path / "o"), *extra])
        outputs[f"report {extra}"] = status.stdout + status.stderr
    for where, text in outputs.items():
        _assert_masked(text, secrets, where)
    # The proof that the sheet's numbers were quoted at all (masked): 14 kinds of message.
    problems = json.loads(document.stdout)["problems"]
    quoted = [
        p
        for p in problems
        if "001******456" in p["message"]
        or "091****678" in p["message"]
        or "001.***.***.456" in p["message"]
        or "091-***-*678" in p["message"]
    ]
    assert len(quoted) >= 10
    assert "037 *** *** 433_truoc.jpg" in outputs["prepare"]
    assert "037 *** *** 433_truoc.jpg" in outputs["manifest photos"]
    assert "037 *** *** 433_truoc.jpg" in outputs["report []"]


def test_show_pii_shows_the_numbers(tmp_path: Path) -> None:
    sheet = tmp_path / "ds.xlsx"
    people = make_employees(2, seed=4)
    rows = [employee_cells(p, i + 1) for i, p in enumerate(people)]
    rows[0][HEADERS.index("Giới tính")] = PHONE
    write_sheet(sheet, rows)
    runner = CliRunner()
    shown = runner.invoke(app, ["validate", str(sheet), "--show-pii", "--format", "json"])
    hidden = runner.invoke(app, ["validate", str(sheet)])
    assert f"“{PHONE}”" in shown.stdout
    assert PHONE not in hidden.stdout and "“091****678”" in hidden.stdout


def test_error_lines_mask_paths(tmp_path: Path) -> None:
    missing = tmp_path / "DS 0912345678.xlsx"
    result = CliRunner().invoke(app, ["validate", str(missing)])
    assert result.exit_code == 2
    assert "091****678" in result.stderr and PHONE not in result.stderr
