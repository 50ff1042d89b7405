"""Shared fixtures: made-up people, sheets written from them, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vssid_batch.files import CACHE_ENV
from vssid_batch.models import Employee
from vssid_batch.synthetic import make_employees, write_sheet

# Rich wraps tables to the terminal width; keep captured output wide so phrases stay whole.
os.environ.setdefault("COLUMNS", "250")


@pytest.fixture(autouse=True, scope="session")
def font_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parsed fonts are kept for the session in a folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ[CACHE_ENV] = str(folder)
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def people() -> list[Employee]:
    return make_employees(6, seed=11)


@pytest.fixture
def sheet_of(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write rows (cells per person, see `employee_cells`) to an .xlsx; header on row 4."""

    def write(rows: list[list[object]], name: str = "employees.xlsx") -> Path:
        path = tmp_path / name
        write_sheet(path, rows)
        return path

    return write
