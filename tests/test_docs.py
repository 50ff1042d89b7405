"""The README and the message catalogue cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vssid_batch.cli.app import app
from vssid_batch.messages import en, known_codes, vi

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES = ROOT / "src" / "vssid_batch" / "rules"


def test_every_command_is_documented() -> None:
    names = [c.name for c in app.registered_commands]
    assert set(names) == {"validate", "prepare", "report", "template", "init"}
    for name in names:
        assert f"vssid-batch {name}" in README


def test_readme_starts_with_the_two_commands() -> None:
    first_section = README.split("## ", 2)[1]
    assert first_section.startswith("Two commands")
    assert "vssid-batch prepare examples/employees.xlsx" in first_section
    assert 'pip install -e ".[test]" && python -m pytest' in first_section
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in ci


def test_every_problem_code_is_in_the_readme() -> None:
    for code in known_codes():
        assert f"`{code}`" in README or re.search(rf"`{re.escape(code)}`", README), code


def test_both_languages_have_the_same_keys() -> None:
    assert set(vi.PROBLEMS) == set(en.PROBLEMS)
    assert set(vi.UI) == set(en.UI)
    assert set(vi.FIELD_NAMES) == set(en.FIELD_NAMES)


def test_every_code_a_rule_raises_has_a_message() -> None:
    raised = set()
    for path in RULES.glob("*.py"):
        raised |= set(re.findall(r'RuleError\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
        raised |= set(re.findall(r'^\s+code = "(\w+)"', path.read_text(encoding="utf-8"), re.M))
    suffixes = {code.split(".", 1)[1] for code in known_codes()}
    # phone.validate_with_conversion maps old numbers; invalid_component is only a base class
    unused_by_checker = {"old_number", "invalid_component"}
    assert raised - suffixes - unused_by_checker == set()


def test_readme_first_command_gives_no_office_warning(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The example names a current office: no "quận/huyện" warning (the decree notice is right)."""
    command = re.search(r"vssid-batch (prepare examples/\S+ [^\n]*)", README)
    assert command is not None
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in command[1].split()]
    monkeypatch.chdir(tmp_path)  # the folder it writes lands here
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "164/2025/NĐ-CP" in result.output and "quận/huyện" not in result.output
