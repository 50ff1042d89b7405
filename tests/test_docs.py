"""The README and the message catalogue cannot drift from the code."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from vssid_batch.cli.app import COMMANDS, app, load
from vssid_batch.messages import en, known_codes, vi

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES = ROOT / "src" / "vssid_batch" / "rules"


def test_every_command_is_documented() -> None:
    assert set(COMMANDS) == {"validate", "prepare", "report", "template", "init"}
    for name in COMMANDS:
        assert f"vssid-batch {name}" in README


def test_help_lists_each_command_by_its_own_docstring() -> None:
    """``--help`` shows a table of summaries so that it need not import the commands."""
    for name, command in COMMANDS.items():
        doc = load(name).__doc__
        assert " ".join(doc.split("\n\n")[0].split()) == command.summary, name


def test_readme_starts_with_the_two_commands() -> None:
    first_section = README.split("## ", 2)[1]
    assert first_section.startswith("Two commands")
    assert "vssid-batch prepare examples/employees.xlsx" in first_section
    assert 'pip install -e ".[test]" && python -m pytest' in first_section
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest' in ci


def _tool(name: str) -> ModuleType:
    path = ROOT / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_problem_code_reference_is_the_catalogue() -> None:
    """docs/problem-codes.md is generated from the catalogue: a code added or reworded without
    running tools/make_docs.py fails here, and every code has a row."""
    written = (ROOT / "docs" / "problem-codes.md").read_text(encoding="utf-8")
    assert written == _tool("make_docs").problem_codes(), (
        "docs/problem-codes.md is out of date: run python tools/make_docs.py"
    )
    for code in known_codes():
        assert f"| `{code}` |" in written, code
    assert "docs/problem-codes.md" in README


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


# --- the generated CLI reference and README's links (issue 13) ---------------------------------


def test_the_cli_reference_is_what_help_prints() -> None:
    """docs/cli-reference.md is generated; an option or help text changed without running
    tools/make_docs.py fails here."""
    tool = _tool("make_docs")
    written = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert written == tool.cli_reference(), "docs/cli-reference.md is out of date: run the tool"
    for name in tool.commands():
        assert f"## `vssid-batch {name}`" in written
    assert "--as-of" in written and "--show-pii" in written


def test_readme_links_only_to_files_in_the_repository() -> None:
    links = re.findall(r"\]\(([^)#\s]+)[^)]*\)", README)
    local = [link for link in links if "://" not in link]
    assert "docs/cli-reference.md" in local
    for link in local:
        target = (ROOT / link).resolve()
        assert target.is_relative_to(ROOT) and target.exists(), link
    assert "../" not in README  # no path outside the repository, linked or quoted


def test_readme_first_command_gives_no_office_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example names a current office: no "quận/huyện" warning (the decree notice is right)."""
    command = re.search(r"vssid-batch (prepare examples/\S+ [^\n]*)", README)
    assert command is not None
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in command[1].split()]
    monkeypatch.chdir(tmp_path)  # the folder it writes lands here
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "164/2025/NĐ-CP" in result.output and "quận/huyện" not in result.output


def test_the_library_example_in_the_architecture_doc_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/architecture.md shows a script using ``api``; it runs as written on the example."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    example = re.search(r"## Using it as a library\n\n```python\n(.*?)```", doc, re.S)
    assert example is not None
    (tmp_path / "nhan-vien.xlsx").write_bytes((ROOT / "examples" / "employees.xlsx").read_bytes())
    (tmp_path / "unit.toml").write_bytes((ROOT / "examples" / "unit.toml").read_bytes())
    monkeypatch.chdir(tmp_path)
    exec(compile(example[1], "architecture.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "25 forms in ho-so" in printed
    assert (tmp_path / "ho-so" / "manifest.json").is_file()
