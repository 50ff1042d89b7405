"""Writing files so that a crash or Ctrl-C never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Personal data: what we write is readable by its owner only (Nghị định 13/2023).
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; it replaces ``target`` only if the block succeeds.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("xong")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('xong', ['a.txt'])
    """
    if target.is_dir() and not target.is_symlink():
        # os.replace would fail at the end naming the temporary file, not the folder in the way.
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, PRIVATE_FILE_MODE)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
