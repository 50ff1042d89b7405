"""The code's habits, checked where CI runs (issue 13): lint, format and types of src and tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tree_is_formatted() -> None:
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # mypy over src and tests: about 15 s from a cold cache
def test_mypy_is_clean_on_src_and_tests() -> None:
    result = _run("mypy", "src", "tests")
    assert result.returncode == 0, result.stdout + result.stderr
