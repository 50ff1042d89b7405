"""`vssid-batch template` and `vssid-batch init`: files the clerk starts from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vssid_batch import api
from vssid_batch.cli import options
from vssid_batch.cli.common import command_errors, fail, stdout
from vssid_batch.cli.options import Overwrite  # the two commands' own option
from vssid_batch.cli.render import say
from vssid_batch.config import CONFIG_NAME
from vssid_batch.messages import Lang, t


def template(
    out: options.OutFile, force: Overwrite = False, lang: options.Language = Lang.vi
) -> None:
    """Tạo bảng nhân viên mẫu (.xlsx) với cột CCCD, BHXH, điện thoại định dạng Text."""
    _write(api.template, out, force, lang, "template_written")


def init(
    path: options.ConfigFile = Path(CONFIG_NAME),
    force: Overwrite = False,
    lang: options.Language = Lang.vi,
) -> None:
    """Tạo tệp unit.toml: thông tin đơn vị cho Tờ khai Mẫu 01 và công văn."""
    _write(api.init_config, path, force, lang, "init_written")


def _write(write: Callable[..., Path], path: Path, force: bool, lang: Lang, written: str) -> None:
    """Write ``path`` (unless it exists and no --force: one line, exit 2), then say so."""
    with command_errors(lang), _exists_is_usage(lang):
        write(path, force=force)
    say(stdout, t(written, lang, path=path))


@contextmanager
def _exists_is_usage(lang: Lang) -> Iterator[None]:
    try:
        yield
    except api.OutputExists as error:  # a usage mistake: the remedy, no "error:" prefix
        raise fail(t("file_exists", lang, path=error.filename)) from None
