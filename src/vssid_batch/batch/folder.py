"""The output folder appears complete or not at all.

Everything is written into a hidden staging folder beside the final place, then renamed into
place in one step. A crash, Ctrl-C or SIGKILL leaves at most the hidden staging folder (removed
by the next run), never a half-filled folder at the final place. With ``--force`` an existing
folder is replaced only once the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from vssid_batch.batch.atomic import PRIVATE_DIR_MODE
from vssid_batch.errors import VssidError

_STAGING_SUFFIX = ".dang-ghi"


def _staging_prefix(final: Path) -> str:
    return f".{final.name}."


def remove_stale_staging(final: Path) -> None:
    """Staging folders a killed run left beside ``final``."""
    parent = final.parent if str(final.parent) else Path(".")
    if not parent.is_dir():
        return
    for leftover in parent.glob(_staging_prefix(final) + "*" + _STAGING_SUFFIX):
        shutil.rmtree(leftover, ignore_errors=True)


def check_target(final: Path, *, force: bool) -> None:
    """Refuse early (exit 2) when the folder exists and --force was not given."""
    if final.exists() and not force:
        raise VssidError(
            f"Thư mục {final} đã có; dùng --force để thay bằng bộ hồ sơ mới, hoặc --out để "
            "chọn thư mục khác.",
            f"Folder {final} already exists; use --force to replace it or --out for another.",
            code="output_exists")
    if final.exists() and not final.is_dir():
        raise VssidError(f"{final} là một tệp, không phải thư mục.",
                         f"{final} is a file, not a folder.", code="output_not_folder")


@contextlib.contextmanager
def staged_folder(final: Path, *, force: bool) -> Iterator[Path]:
    """Yield an empty private folder; on success it becomes ``final`` in one rename."""
    check_target(final, force=force)
    final.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(final)
    staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(final), suffix=_STAGING_SUFFIX,
                                    dir=final.parent))
    os.chmod(staging, PRIVATE_DIR_MODE)
    try:
        yield staging
        _move_into_place(staging, final, force=force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, final: Path, *, force: bool) -> None:
    if not final.exists():
        os.rename(staging, final)
        return
    check_target(final, force=force)  # it may have appeared while we were writing
    retired = Path(tempfile.mkdtemp(prefix=_staging_prefix(final), suffix=_STAGING_SUFFIX,
                                    dir=final.parent))
    os.rmdir(retired)
    os.rename(final, retired)  # two renames: the old batch stays whole until the new one is in
    try:
        os.rename(staging, final)
    except OSError:
        os.rename(retired, final)
        raise
    shutil.rmtree(retired, ignore_errors=True)
