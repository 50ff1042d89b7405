"""One catalogue: every sentence a user reads is keyed by a code in messages/vi.py and en.py.

The codes are found in the source itself (the error constructors and ``t("…")`` calls), so a new
raise site or UI text without a wording in both languages fails here, not in front of a clerk.
"""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.errors import VssidError
from vssid_batch.messages import Lang, checklist, en, vi
from vssid_batch.sheet.errors import CODES, SheetError

from helpers import AS_OF, EXAMPLES

SRC = Path(__file__).resolve().parent.parent / "src" / "vssid_batch"
SECTIONS = ("FIELD_NAMES", "SIDES", "PROBLEMS", "LABELS", "UI", "ERRORS")


def _called(node: ast.Call) -> str:
    func = node.func
    return (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )


def _first_text(node: ast.Call) -> str | None:
    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    return None


def used_keys() -> dict[str, set[str]]:
    """Catalogue keys named in src/: {"ERRORS": {...}, "UI": {...}}, from the syntax tree."""
    found: dict[str, set[str]] = {"ERRORS": set(), "UI": set()}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _called(node)
            if name == "Notice":  # a notice's words are "notice.<code>" (printed and in the file)
                found["UI"] |= {
                    f"notice.{k.value.value}"
                    for k in node.keywords
                    if k.arg == "code"
                    and isinstance(k.value, ast.Constant)
                    and isinstance(k.value.value, str)
                }
            if (text := _first_text(node)) is None:
                continue
            if name == "VssidError":
                found["ERRORS"].add(text)
            elif name == "SheetError" or (name == "_text" and path.parent.name == "sheet"):
                found["ERRORS"].add("sheet." + text)  # sheet/errors.py's _text: a piece of one
            elif name == "t":
                found["UI"].add(text)
            elif name == "Phrase":
                found["ERRORS"].add(text)
    return found


def test_the_source_raises_and_says_only_what_both_catalogues_word() -> None:
    used = used_keys()
    assert len(used["ERRORS"]) > 40 and len(used["UI"]) > 40  # the scan does find them
    assert "notice.decree_164" in used["UI"]
    for section, keys in used.items():
        for catalogue in (vi, en):
            missing = keys - set(getattr(catalogue, section))
            assert not missing, (catalogue.__name__, section, sorted(missing))


def test_every_sheet_error_code_has_its_sentence() -> None:
    assert {f"sheet.{code}" for code in CODES} <= set(vi.ERRORS)


def test_the_scan_would_catch_a_raise_site_without_a_wording(tmp_path: Path) -> None:
    tree = ast.parse('raise VssidError("output.no_such_code", final=x)\nt("no_such_ui_key")')
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert {(_called(c), _first_text(c)) for c in calls} == {
        ("VssidError", "output.no_such_code"),
        ("t", "no_such_ui_key"),
    }
    assert "output.no_such_code" not in vi.ERRORS
    with pytest.raises(ValueError):
        VssidError("output.no_such_code")


@pytest.mark.parametrize("section", SECTIONS)
def test_both_catalogues_have_the_same_keys(section: str) -> None:
    assert set(getattr(vi, section)) == set(getattr(en, section))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("section", SECTIONS)
def test_an_entry_has_the_same_placeholders_in_both_languages(section: str) -> None:
    vi_section, en_section = getattr(vi, section), getattr(en, section)
    for key, vi_text in vi_section.items():
        en_text = en_section[key]
        pairs = (
            zip(vi_text, en_text, strict=True)
            if isinstance(vi_text, tuple)
            else [(vi_text, en_text)]
        )
        for vi_part, en_part in pairs:
            assert _placeholders(vi_part) == _placeholders(en_part), (section, key)


def test_errors_carry_a_code_and_parameters_and_are_worded_on_output() -> None:
    error = VssidError("output.exists", final="ho-so")
    assert (error.code, error.params) == ("output.exists", {"final": "ho-so"})
    assert error.message("vi").startswith("Thư mục ho-so đã có")
    assert error.message("en").startswith("Folder ho-so already exists")
    assert str(error) == error.vi and error.message("xx") == error.vi
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.code, copy.params) == (VssidError, error.code, error.params)
    sheet = SheetError("file_not_found", file="ds.xlsx")
    assert isinstance(sheet, VssidError) and sheet.code == "file_not_found"
    assert type(pickle.loads(pickle.dumps(sheet))) is SheetError


def test_sheet_errors_name_fields_as_the_problems_do() -> None:
    error = SheetError("missing_columns", file="ds.xlsx", missing=("phone",), found=())
    assert f"{vi.FIELD_NAMES['phone']} (phone)" in error.message("vi")
    assert f"{en.FIELD_NAMES['phone']} (phone)" in error.message("en")


def test_the_checklist_has_the_same_steps_in_both_languages() -> None:
    values = {
        "forms_print": "in.pdf",
        "photocopies": "",
        "list_xlsx": "ds.xlsx",
        "cover_letter": "cv.pdf",
        "recipient": "BHXH",
        "folder": "out",
    }
    steps = {lang: checklist(lang, **values) for lang in Lang}
    assert len(steps[Lang.vi]) == len(steps[Lang.en]) == 7
    assert steps[Lang.vi][0].startswith("In tệp in.pdf")
    assert steps[Lang.en][0].startswith("Print in.pdf")


def test_prepare_lang_en_prints_the_steps_in_english(tmp_path: Path) -> None:
    for name in ("employees.xlsx", "unit.toml"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    result = CliRunner().invoke(
        app,
        [
            "prepare",
            str(tmp_path / "employees.xlsx"),
            "--out",
            str(tmp_path / "out"),
            "--date",
            AS_OF.isoformat(),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "  1. Print " in result.stdout and "  7. Record progress" in result.stdout
    assert "In tệp" not in result.stdout and "Ghi tiến độ" not in result.stdout
    # The file goes with the Vietnamese documents: it stays Vietnamese.
    written = (tmp_path / "out" / "viec-can-lam.txt").read_text(encoding="utf-8")
    assert written.startswith("1. In tệp ") and "\n7. Ghi tiến độ" in written
    # report words what it could not check in the output language too (the JSON keeps Vietnamese).
    (tmp_path / "employees.xlsx").unlink()
    status = CliRunner().invoke(app, ["report", str(tmp_path / "out"), "--lang", "en"])
    assert "employees.xlsx: no longer at" in status.stdout, status.stdout
    assert "không còn ở" not in status.stdout
    status = CliRunner().invoke(app, ["report", str(tmp_path / "out")])
    assert "employees.xlsx: không còn ở" in status.stdout
