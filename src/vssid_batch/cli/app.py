"""The `vssid-batch` command: one Typer app, one module per command.

Start-up is most of a small batch's time, so a command's module (and what it imports: the sheet
reader and rules for `validate`, reportlab and Pillow for `prepare`) loads only when that command
runs. ``--help`` lists the commands from the table below without importing any of them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, NamedTuple

import typer
from typer.core import TyperGroup

from vssid_batch.lazy import resume_garbage_collection, skip_pydantic_plugin_discovery

HELP = "Lập hồ sơ đăng ký giao dịch điện tử BHXH và VssID (Tờ khai Mẫu 01) từ bảng nhân viên."
_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}


class Command(NamedTuple):
    module: str
    function: str
    summary: str  # the first line of the function's docstring (tests/test_docs.py checks it)


COMMANDS: dict[str, Command] = {
    "validate": Command(
        "vssid_batch.cli.validate",
        "validate",
        "Kiểm tra bảng nhân viên: báo mọi lỗi theo dòng, cột Excel kèm cách sửa.",
    ),
    "prepare": Command(
        "vssid_batch.cli.prepare",
        "prepare",
        "Kiểm tra bảng rồi lập bộ hồ sơ: tờ khai Mẫu 01, tệp in, danh sách, công văn, manifest.",
    ),
    "report": Command(
        "vssid_batch.cli.report",
        "report",
        "Xem tiến độ bộ hồ sơ: tệp còn nguyên không, ai đã ký, đã nộp, bảng gốc có gì thay đổi.",
    ),
    "template": Command(
        "vssid_batch.cli.template",
        "template",
        "Tạo bảng nhân viên mẫu (.xlsx) với cột CCCD, BHXH, điện thoại định dạng Text.",
    ),
    "init": Command(
        "vssid_batch.cli.init",
        "init",
        "Tạo tệp unit.toml: thông tin đơn vị cho Tờ khai Mẫu 01 và công văn.",
    ),
}


def load(name: str) -> Any:
    """The function behind command ``name`` (importing its module)."""
    command = COMMANDS[name]
    return getattr(import_module(command.module), command.function)


class _LazyGroup(TyperGroup):
    """Commands built on first use, from ``COMMANDS``."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        single = typer.Typer(**_SETTINGS)
        single.command(cmd_name)(load(cmd_name))
        resume_garbage_collection()  # loaded: the command's own work makes garbage
        return typer.main.get_command(single)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, command.summary) for name, command in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(name="vssid-batch", cls=_LazyGroup, **_SETTINGS)


@app.callback(help=HELP)
def _main() -> None:
    """Nothing to do before a command: each loads what it needs."""


def main() -> None:
    # The first pydantic model looks for pydantic plugins in the metadata of every installed
    # package; the command line uses none (vssid_batch.lazy). Typer's own type adapters skip
    # them too.
    with skip_pydantic_plugin_discovery():
        app()
