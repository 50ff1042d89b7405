"""Start-up: a command imports only what it uses (issue 14 item 1), measured as the clerk runs
it, in a fresh interpreter with ``python -X importtime``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES, child_env, run_python

HEAVY = {"reportlab", "PIL", "numpy", "pandas", "openpyxl", "fontTools", "pypdf"}


def examples_in(folder: Path, *names: str) -> Path:
    """Copies of the bundled examples ``names`` in ``folder``; the first one's path."""
    for name in names:
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    return folder / names[0]


def imported(*args: str, cwd: Path | None = None, top: bool = True) -> set[str]:
    """Packages (``top``: top-level only) ``vssid-batch args…`` imports, from ``-X importtime``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vssid_batch", *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=cwd,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [
        line.split("|")[-1]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]
    names = {line.strip() for line in lines[1:]}  # [0] is the header
    return {name.split(".")[0] for name in names} if top else names


def test_help_imports_nothing_heavy() -> None:
    modules = imported("--help")
    assert "typer" in modules
    assert not modules & (HEAVY | {"pydantic", "phonenumbers", "python_calamine"})


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_prepare_loads_neither_openpyxl_nor_numpy(tmp_path: Path, jobs: str) -> None:
    """The list is written as XML (sheet.xlsx_stream), by the helper or by this process."""
    examples_in(tmp_path, "employees.xlsx", "unit.toml")
    modules = imported(
        "prepare", "employees.xlsx", "--out", "out", "--jobs", jobs, cwd=tmp_path, top=False
    )
    assert {"reportlab.pdfgen.canvas", "vssid_batch.sheet.xlsx_stream"} <= modules
    assert not [name for name in modules if name.startswith(("openpyxl", "numpy", "pandas"))]
    # no photos: no photocopy pages, so no HEIF plugin; no terminal: no progress bar; the
    # letter escapes its text without xml.sax.saxutils, which imports urllib.request
    unused = {"pillow_heif", "vssid_batch.documents.photocopy", "rich.progress", "urllib.request"}
    assert not modules & unused, modules & unused


def test_validate_imports_no_pdf_image_or_dataframe_library(tmp_path: Path) -> None:
    sheet = examples_in(tmp_path, "employees.xlsx")
    modules = imported("validate", str(sheet), cwd=tmp_path)
    assert {"pydantic", "vssid_batch"} <= modules  # it did check the sheet
    assert not modules & HEAVY, modules & HEAVY
    # nor what only prepare's configuration needs (TOML, the tax-code rules)
    assert not imported("validate", str(sheet), cwd=tmp_path, top=False) & {"tomllib", "stdnum"}


@pytest.mark.parametrize("args", [["report", "--help"], ["prepare", "--help"]])
def test_other_commands_help_is_light(args: list[str]) -> None:
    assert not imported(*args) & HEAVY


def test_validate_does_not_scan_installed_packages_for_pydantic_plugins(tmp_path: Path) -> None:
    sheet = examples_in(tmp_path, "employees.xlsx")
    modules = imported("validate", str(sheet), cwd=tmp_path, top=False)
    assert "pydantic.plugin._schema_validator" in modules  # pydantic did build validators
    assert "importlib.metadata" not in modules and "pydantic.plugin._loader" not in modules


def test_pydantic_asks_its_plugin_loader_for_get_plugins_only() -> None:
    """The stand-in of ``lazy.skip_pydantic_plugin_discovery`` offers ``get_plugins`` alone: a
    pydantic that imports anything else from the loader must fail here, not in a clerk's run."""
    import ast

    import pydantic.plugin

    names: set[str] = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Attribute) and node.attr == "_loader":
                names.add("<module attribute>")
    assert names == {"get_plugins"}, names
    assert pydantic.plugin.__name__ == "pydantic.plugin"


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="fork, 2 cores")
def test_a_small_prepares_parent_loads_only_what_it_draws_with(tmp_path: Path) -> None:
    """The parent draws the forms and the letter; a helper forked before the sheet is read
    (batch.helper) reads the config (the tax-code rules) and writes the list. Nor does the
    parent load the machinery of worker processes it does not start."""
    examples_in(tmp_path, "employees.xlsx", "unit.toml")
    program = (
        "import sys, datetime, pathlib; from vssid_batch import api;"
        "api.prepare(pathlib.Path('employees.xlsx'), out=pathlib.Path('out'),"
        " on=datetime.date(2026, 11, 25));"
        "print(sorted(m for m in ('openpyxl', 'numpy', 'multiprocessing',"
        " 'concurrent.futures', 'reportlab.platypus', 'stdnum') if m in sys.modules))"
    )
    result = run_python(program, cwd=tmp_path)
    assert result.stdout.strip() == "[]", result.stderr[-2000:]
    assert (tmp_path / "out" / "danh-sach.xlsx").stat().st_size > 0
    assert (tmp_path / "out" / "cong-van.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="fork, 2 cores")
@pytest.mark.parametrize("limit", [None, 0])
def test_a_small_sheet_is_checked_by_the_helper(tmp_path: Path, limit: int | None) -> None:
    """While the parent loads the config and the drawing code, its helper checks a small sheet
    and sends the report back; a sheet over api.HELPER_CHECKS_UP_TO is checked by the parent.
    Either way it is checked once, and the folder is the same."""
    examples_in(tmp_path, "employees.xlsx", "unit.toml")
    program = (
        "import os, sys, datetime, pathlib; from vssid_batch import api\n"
        f"if {limit!r} is not None: api.HELPER_CHECKS_UP_TO = {limit!r}\n"
        "real = api.validate\n"
        "def recording(*args, **kwargs):\n"
        "    with open('checked-by.txt', 'a') as out: out.write(f'{os.getpid()}\\n')\n"
        "    return real(*args, **kwargs)\n"
        "api.validate = recording\n"
        "done = api.prepare(pathlib.Path('employees.xlsx'), out=pathlib.Path('out'),"
        " on=datetime.date(2026, 11, 25))\n"
        "print(os.getpid(), done.batch.prepared)"
    )
    result = run_python(program, cwd=tmp_path)
    parent, people = result.stdout.split()
    (checker,) = (tmp_path / "checked-by.txt").read_text().split()
    assert (checker != parent) == (limit is None), result.stderr[-2000:]
    assert int(people) > 0 and (tmp_path / "out" / "manifest.json").exists()


def test_the_batch_machinery_loads_no_drawing_library_before_it_draws() -> None:
    """api.prepare imports the batch modules before it checks the sheet; reportlab and openpyxl
    load only where a chunk is drawn or a list written, so that a small batch's helper and its
    parent load them side by side (batch.helper)."""
    program = (
        "import sys; import vssid_batch.api, vssid_batch.batch.prepare, vssid_batch.batch.render;"
        "print(sorted(m for m in ('reportlab', 'openpyxl', 'PIL') if m in sys.modules))"
    )
    result = run_python(program)
    assert result.stdout.strip() == "[]", result.stderr[-2000:]


def test_drawing_the_documents_never_loads_platypus() -> None:
    """The forms and the cover letter are both drawn from items (documents.layout): reportlab's
    flowing-text layer, platypus (some 50 ms to load and to set the letter), loads nowhere."""
    program = (
        "import sys, datetime; from vssid_batch.synthetic import make_employees;"
        "from vssid_batch.documents.mau01 import render_form;"
        "from vssid_batch.documents.cover_letter import render_cover_letter;"
        "from vssid_batch.config import load_unit; from pathlib import Path;"
        "unit = load_unit(Path(sys.argv[1])); on = datetime.date(2026, 11, 25);"
        "render_form(make_employees(1, seed=2)[0], unit, on=on);"
        "assert render_cover_letter(unit, people=3, on=on).startswith(b'%PDF');"
        "print('reportlab.platypus' in sys.modules)"
    )
    result = run_python(program, str(EXAMPLES / "unit.toml"))
    assert result.stdout.strip() == "False", result.stderr[-2000:]


def test_the_collector_is_paused_only_while_the_command_line_starts(tmp_path: Path) -> None:
    """`python -m vssid_batch` pauses the garbage collector while it imports, then freezes what
    start-up made and runs it again once the command is loaded (lazy.pause_garbage_collection);
    a script that did not pause it finds it as it left it."""
    sheet = examples_in(tmp_path, "employees.xlsx")
    program = (
        "import gc, sys; from vssid_batch.__main__ import run;"
        "sys.argv = ['vssid-batch', 'validate', sys.argv[1]];"
        "run();"
        "print(gc.isenabled(), gc.get_freeze_count() > 10_000);"
        "from vssid_batch import lazy;"
        "gc.unfreeze(); lazy.resume_garbage_collection(); print(gc.get_freeze_count())"
    )
    result = run_python(program, str(sheet))
    assert result.stdout.split()[-3:] == ["True", "True", "0"], result.stderr[-2000:]


def test_the_command_ends_without_teardown_but_with_its_status_output_and_exit_handlers(
    tmp_path: Path,
) -> None:
    """``vssid-batch`` ends with os._exit once the command is done (__main__._leave): the exit
    status, every line of output (piped, so buffered) and the exit handlers are all kept."""
    sheet = examples_in(tmp_path, "employees-with-errors.xlsx")
    program = (
        "import atexit, sys; atexit.register(lambda: print('exit handler ran'));"
        "sys.argv = ['vssid-batch', 'validate', sys.argv[1], '--all', '--as-of', '2026-11-25'];"
        "from vssid_batch.__main__ import main; main()"
    )
    result = run_python(program, str(sheet))
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stderr[-2000:]  # the sheet has errors
    assert len(lines) > 20 and lines[-1] == "exit handler ran"
    assert "Sửa các lỗi" in lines[-2]  # the summary's last line, flushed before the end
    said = run_python("from vssid_batch.__main__ import _leave; _leave('thông báo')")
    assert (said.returncode, said.stderr.strip()) == (1, "thông báo")


def test_a_reader_that_stops_early_gets_no_broken_pipe_noise(tmp_path: Path) -> None:
    sheet = examples_in(tmp_path, "employees-with-errors.xlsx")
    command = [sys.executable, "-m", "vssid_batch", "validate", str(sheet), "--all"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env()
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        errors = process.stderr.read().decode()
        process.wait(timeout=60)
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
