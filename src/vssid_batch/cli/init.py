"""`vssid-batch init`: unit.toml, the employer's details for the forms and the cover letter."""

from __future__ import annotations

from pathlib import Path

from vssid_batch import api
from vssid_batch.cli import options
from vssid_batch.cli.common import write_starter_file
from vssid_batch.cli.options import Overwrite
from vssid_batch.config import CONFIG_NAME
from vssid_batch.messages import Lang


def init(
    path: options.ConfigFile = Path(CONFIG_NAME),
    force: Overwrite = False,
    lang: options.Language = Lang.vi,
) -> None:
    """Tạo tệp unit.toml: thông tin đơn vị cho Tờ khai Mẫu 01 và công văn."""
    write_starter_file(api.init_config, path, force=force, lang=lang, written="init_written")
