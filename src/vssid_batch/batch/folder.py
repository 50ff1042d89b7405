"""The output folder appears complete or not at all, and ``--force`` replaces only our own batch.

Everything is written into a hidden staging folder beside the final place, then renamed into
place. With ``--force`` the old batch is first renamed to a backup name, the new one renamed into
place, and only then the backup deleted: a kill at any moment leaves the old batch or the new one
(a backup left without its folder is put back by the next run, never deleted).

A lock file beside the folder (``.<name>.lock``, released by the kernel when the process dies)
keeps two runs into the same folder apart: the second refuses instead of deleting the first's
staging folder. Staging folders are only cleaned up while holding that lock.

``--force`` replaces a folder only when this tool made it — it holds our marker file (or, for
batches made before the marker, a manifest.json listing everything in it) and nothing else — and
never a folder holding the input sheet, the photos, the config or the current folder.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from vssid_batch.atomic import PRIVATE_DIR_MODE
from vssid_batch.batch import naming
from vssid_batch.errors import VssidError

_STAGING_SUFFIX = ".dang-ghi"
_BACKUP_SUFFIX = ".ban-cu"
_LOCK_SUFFIX = ".lock"
MARKER = ".vssid-batch"  # in every prepared folder: "made by vssid-batch, --force may replace it"
MARKER_FORMAT = 1
_MARKER_FIRST_LINE = "vssid-batch batch folder"
_MARKER_TEXT = (
    f"{_MARKER_FIRST_LINE}\nformat {MARKER_FORMAT}\n"
    "Thư mục này do “vssid-batch prepare” tạo; “prepare --force” có thể thay nó.\n"
    "This folder was made by “vssid-batch prepare”; “prepare --force” may replace it.\n"
)
_SHOWN = 5  # foreign files named in a refusal


def _staging_prefix(final: Path) -> str:
    return f".{final.name}."


def _backup_path(final: Path) -> Path:
    return final.parent / f".{final.name}{_BACKUP_SUFFIX}"


def lock_path(final: Path) -> Path:
    return final.parent / f".{final.name}{_LOCK_SUFFIX}"


def _is_staging(name: str, final: Path) -> bool:
    """``.<name>.<8 random characters>.dang-ghi`` — exactly, so that ``out`` never matches the
    staging folders of ``out.2``.

    >>> _is_staging(".out.ab_12cd3.dang-ghi", Path("out"))
    True
    >>> _is_staging(".out.2.ab_12cd3.dang-ghi", Path("out")), _is_staging(".out.x", Path("out"))
    (False, False)
    """
    pattern = re.escape(_staging_prefix(final)) + r"[a-z0-9_]{8}" + re.escape(_STAGING_SUFFIX)
    return re.fullmatch(pattern, name) is not None


def _new_staging(final: Path) -> Path:
    return Path(
        tempfile.mkdtemp(prefix=_staging_prefix(final), suffix=_STAGING_SUFFIX, dir=final.parent)
    )


def _remove(path: Path) -> None:
    """Delete a staging folder or backup; a symlink is unlinked, never followed."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _discard(path: Path, final: Path) -> None:
    """Rename to a staging name first: a deletion cut short is then never mistaken for a batch."""
    doomed = _new_staging(final)
    os.rmdir(doomed)
    os.rename(path, doomed)
    _remove(doomed)


# --- is it ours? -----------------------------------------------------------------------------


def write_marker(folder: Path) -> None:
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


def _has_marker(folder: Path) -> bool:
    path = folder / MARKER
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(200).decode("utf-8", "replace")
    except OSError:
        return False
    return head.splitlines()[:1] == [_MARKER_FIRST_LINE]


def _listed_files(folder: Path) -> set[str] | None:
    """The files manifest.json lists (and itself), or None without a readable manifest."""
    path = folder / naming.MANIFEST
    if path.is_symlink() or not path.is_file():
        return None
    try:
        files = json.loads(path.read_bytes()).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(files, dict):
        return None
    return {str(name) for name in files} | {naming.MANIFEST, MARKER}


def _named_like_ours(relative: str) -> bool:
    """For a marked folder whose manifest is gone: the names prepare writes."""
    top = {
        naming.FORMS_PRINT,
        naming.LIST_XLSX,
        naming.LIST_CSV,
        naming.COVER_LETTER,
        naming.MANIFEST,
        naming.CHECKLIST,
        MARKER,
    }
    parts = relative.split("/")
    return relative in top or (
        len(parts) == 2
        and parts[0] in (naming.FORMS_DIR, naming.PHOTOCOPIES_DIR)
        and parts[1].endswith(".pdf")
    )


def foreign_entries(folder: Path) -> list[str] | None:
    """What in ``folder`` this tool did not write; None when nothing says the folder is ours.

    Symlinks are always foreign (prepare never makes one); empty subfolders do not count.
    """
    listed = _listed_files(folder)
    if listed is None and not _has_marker(folder):
        return None
    foreign = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for name in [*dirs, *files]:
            path = here / name
            relative = path.relative_to(folder).as_posix()
            known = relative in listed if listed is not None else _named_like_ours(relative)
            if path.is_symlink() or (name in files and not known):
                foreign.append(relative)
    return sorted(foreign)


# --- refusing what may not be touched ---------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_protected(final: Path, protected: Sequence[Path]) -> None:
    """The input sheet, photos, config and the current folder are never inside --out (nor
    --out inside the photo folder), compared by resolved path."""
    target = final.resolve()
    if _inside(Path.cwd().resolve(), target):
        raise VssidError("output.contains_cwd", final=final)
    for path in protected:
        kept = path.resolve()
        if _inside(kept, target):
            raise VssidError("output.contains_input", final=final, path=path)
        if _inside(target, kept):
            raise VssidError("output.inside_photos", final=final, path=path)


def _check_ours(final: Path) -> None:
    if not any(final.iterdir()):
        return  # an empty folder: replacing it loses nothing
    foreign = foreign_entries(final)
    if foreign is None:
        raise VssidError("output.not_ours", final=final)
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (" …" if len(foreign) > _SHOWN else "")
        raise VssidError("output.has_foreign_files", final=final, shown=shown)


def check_target(final: Path, *, force: bool, protected: Sequence[Path] = ()) -> None:
    """Refuse early (exit 2) what may not be written or replaced."""
    if final.is_symlink():
        raise VssidError("output.symlink", final=final)
    _check_protected(final, protected)
    if not final.exists():
        return
    if not final.is_dir():
        raise VssidError("output.not_folder", final=final)
    if not force:
        raise VssidError("output.exists", final=final)
    _check_ours(final)


# --- one run at a time ------------------------------------------------------------------------


def _try_lock(descriptor: int) -> bool:
    """Take an exclusive lock without waiting; the OS drops it when the process dies."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise
    return True


@contextlib.contextmanager
def output_lock(final: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``final``; refuse (exit 2) if another run holds it."""
    path = lock_path(final)
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(descriptor):
            os.close(descriptor)
            raise VssidError("output.busy", final=final, path=path)
        try:  # the previous holder may have deleted the file between our open and lock
            if os.path.samestat(os.fstat(descriptor), os.stat(path)):
                break
        except FileNotFoundError:
            pass
        os.close(descriptor)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # Windows cannot delete an open file: it stays
            path.unlink()
        os.close(descriptor)


def _recover(final: Path) -> None:
    """Undo what a killed run left (we hold the lock, so no live run owns any of it)."""
    backup = _backup_path(final)
    if backup.is_dir() and not backup.is_symlink():
        if not final.exists() and not final.is_symlink():
            os.rename(backup, final)  # killed between the two renames: the old batch comes back
        elif foreign_entries(backup) == []:
            _discard(backup, final)  # killed after the new batch was in place
    for leftover in final.parent.iterdir():
        if _is_staging(leftover.name, final):
            _remove(leftover)


# --- writing ----------------------------------------------------------------------------------

_OUTPUT_ERRNOS = {
    errno.ENOSPC: "full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "full",
    errno.EROFS: "denied",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
}


def _output_error(error: OSError, final: Path) -> VssidError | None:
    """A full disk or a folder we may not write to, said plainly; None for other failures."""
    kind = _OUTPUT_ERRNOS.get(error.errno or 0)
    parent = final.parent.resolve()
    if kind is None or (
        error.filename is not None
        and not _inside(Path(os.fsdecode(error.filename)).resolve(), parent)
    ):
        return None
    if kind == "full":
        return VssidError("output.disk_full", final=final)
    return VssidError("output.not_writable", folder=final.parent)


@contextlib.contextmanager
def staged_folder(final: Path, *, force: bool, protected: Sequence[Path] = ()) -> Iterator[Path]:
    """Yield an empty private folder (with our marker); on success it becomes ``final``."""
    try:
        check_target(final, force=force, protected=protected)
        final.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(final):
            _recover(final)
            check_target(final, force=force, protected=protected)  # a backup may be back
            staging = _new_staging(final)
            try:
                os.chmod(staging, PRIVATE_DIR_MODE)
                write_marker(staging)
                yield staging
                _move_into_place(staging, final, force=force, protected=protected)
            finally:
                _remove(staging)
    except OSError as error:
        raise (_output_error(error, final) or error) from None


def _move_into_place(staging: Path, final: Path, *, force: bool, protected: Sequence[Path]) -> None:
    if not final.exists():
        os.rename(staging, final)
        return
    check_target(final, force=force, protected=protected)  # it may have changed meanwhile
    backup = _backup_path(final)
    os.rename(final, backup)  # the old batch stays whole, under the backup name
    try:
        os.rename(staging, final)
    except BaseException:  # an error or Ctrl-C between the renames: put the old batch back
        if not final.exists():
            os.rename(backup, final)
        raise
    _discard(backup, final)
