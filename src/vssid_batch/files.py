"""Opening a file the clerk named without trusting what it is; and the user's cache folder.

A named pipe (FIFO) blocks ``open`` until someone writes to it, and a device such as /dev/zero
never ends: either hangs the command for ever. ``open_regular`` opens without blocking
(``O_NONBLOCK``), then asks the open descriptor itself what it is (``fstat``), so that nothing can
be swapped in between the check and the read; only a regular file is handed back.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # absent on Windows, where FIFOs do not exist
_BINARY = getattr(os, "O_BINARY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """The path exists but is not a regular file; ``kind`` says what it is instead."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"{path}: {kind}, not a regular file")
        self.kind = kind


def file_kind(mode: int) -> str:
    """What a ``st_mode`` describes, in one word.

    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFREG | 0o600), file_kind(stat.S_IFDIR)
    ('fifo', 'file', 'directory')
    """
    for test, kind in (
        (stat.S_ISREG, "file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISLNK, "symlink"),
    ):
        if test(mode):
            return kind
    return "special"


def open_regular(
    path: str | os.PathLike[str], *, dir_fd: int | None = None, follow_symlinks: bool = True
) -> BinaryIO:
    """``path`` opened for binary reading, or ``NotRegularFile`` (or another ``OSError``).

    Never blocks on a FIFO. With ``follow_symlinks=False`` a symbolic link is refused too
    (``O_NOFOLLOW``); ``dir_fd`` opens relative to an open folder.
    """
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd) if dir_fd is not None else os.open(path, flags)
    except OSError as error:
        if not follow_symlinks and _is_link(path, dir_fd):
            raise NotRegularFile(os.fspath(path), "symlink") from error
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(os.fspath(path), file_kind(mode))
        if _NONBLOCK:  # reads of a regular file never block; clear the flag all the same
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _is_link(path: str | os.PathLike[str], dir_fd: int | None) -> bool:
    try:
        mode = (
            os.lstat(path, dir_fd=dir_fd).st_mode if dir_fd is not None else os.lstat(path).st_mode
        )
    except OSError:
        return False
    return stat.S_ISLNK(mode)


def read_limited(handle: BinaryIO, limit: int) -> bytes:
    """All of ``handle``, or ``ValueError`` when it holds more than ``limit`` bytes."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"more than {limit} bytes")
    return data


CACHE_ENV = "VSSID_BATCH_CACHE"  # a folder, or "off"


def user_cache_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where vssid-batch keeps what it can rebuild (the fonts as parsed), or None for nowhere.

    ``$VSSID_BATCH_CACHE`` when set ("off" or empty: no cache), else the platform's per-user
    cache folder: ``%LOCALAPPDATA%`` on Windows, ``~/Library/Caches`` on macOS,
    ``$XDG_CACHE_HOME`` or ``~/.cache`` elsewhere; each followed by ``vssid-batch``.

    >>> str(user_cache_folder({CACHE_ENV: "/tmp/c"})), user_cache_folder({CACHE_ENV: "off"})
    ('/tmp/c', None)
    """
    chosen = environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    if sys.platform == "win32":
        base = environ.get("LOCALAPPDATA")
        return Path(base) / "vssid-batch" / "cache" if base else None
    base = environ.get("XDG_CACHE_HOME") or ""
    try:
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "vssid-batch"
        return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "vssid-batch"
    except RuntimeError:  # no home folder
        return None


def private_folder(path: Path) -> bool:
    """Make ``path`` (mode 700) if missing; whether it is a folder only this user can write to,
    so that what is read back from it was written by vssid-batch run by this user."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(path, follow_symlinks=False)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to expand "~" to
        return False
    if not hasattr(os, "getuid"):  # Windows: the folder is under the user's own profile
        return stat.S_ISDIR(info.st_mode)
    others_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not others_write
