"""The `vssid-batch` command: one Typer app, one module per command."""

from __future__ import annotations

import typer

from vssid_batch.cli.init import init, template
from vssid_batch.cli.prepare import prepare
from vssid_batch.cli.report import report
from vssid_batch.cli.validate import validate

app = typer.Typer(
    name="vssid-batch",
    help="Lập hồ sơ đăng ký giao dịch điện tử BHXH và VssID (Tờ khai Mẫu 01) từ bảng nhân viên.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("validate")(validate)
app.command("prepare")(prepare)
app.command("report")(report)
app.command("template")(template)
app.command("init")(init)


def main() -> None:
    app()
