"""`vssid-batch template` and `vssid-batch init`: files the clerk starts from."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vssid_batch.batch.atomic import atomic_path
from vssid_batch.cli import options
from vssid_batch.cli.common import command_errors, fail, stdout
from vssid_batch.cli.options import Overwrite  # the two commands' own option
from vssid_batch.cli.render import say
from vssid_batch.config import CONFIG_NAME, UNIT_TEMPLATE
from vssid_batch.messages import Lang, t


def template(
    out: options.OutFile, force: Overwrite = False, lang: options.Language = Lang.vi
) -> None:
    """Tạo bảng nhân viên mẫu (.xlsx) với cột CCCD, BHXH, điện thoại định dạng Text."""
    with command_errors(lang):
        if out.exists() and not force:
            raise fail(t("file_exists", lang, path=out))
        from vssid_batch.template import write_template  # openpyxl: load only when run

        write_template(out)
    say(stdout, t("template_written", lang, path=out))


def init(
    path: Annotated[Path, typer.Argument(help="Tệp cấu hình cần tạo.")] = Path(CONFIG_NAME),
    force: Overwrite = False,
    lang: options.Language = Lang.vi,
) -> None:
    """Tạo tệp unit.toml: thông tin đơn vị cho Tờ khai Mẫu 01 và công văn."""
    with command_errors(lang):
        if path.exists() and not force:
            raise fail(t("file_exists", lang, path=path))
        with atomic_path(path) as temporary:
            temporary.write_text(UNIT_TEMPLATE, encoding="utf-8")
    say(stdout, t("init_written", lang, path=path))
