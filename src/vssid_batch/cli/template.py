"""`vssid-batch template`: a blank employee sheet Excel cannot damage."""

from __future__ import annotations

from vssid_batch import api
from vssid_batch.cli import options
from vssid_batch.cli.common import write_starter_file
from vssid_batch.cli.options import Overwrite
from vssid_batch.messages import Lang


def template(
    out: options.OutFile, force: Overwrite = False, lang: options.Language = Lang.vi
) -> None:
    """Tạo bảng nhân viên mẫu (.xlsx) với cột CCCD, BHXH, điện thoại định dạng Text."""
    write_starter_file(api.template, out, force=force, lang=lang, written="template_written")
