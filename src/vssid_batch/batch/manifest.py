"""manifest.json: what a prepared folder holds, with the SHA-256 of every file (cli.md).

``report`` reads it back to check the files, compare with the source sheet and show progress.
People are matched across runs by a key derived from their ID number, so the manifest does not
have to spell the number out.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel, Field, ValidationError

from vssid_batch import __version__
from vssid_batch.atomic import atomic_path
from vssid_batch.documents.edition import edition_basis, edition_text, known_editions
from vssid_batch.errors import VssidError
from vssid_batch.files import NotRegularFile, file_kind, open_regular, read_limited
from vssid_batch.models import CardCounts, Employee, empty_dict, empty_list

# 2: sealed (``seal_holds``). A version-2 manifest whose seal is not found was edited (CRLF, a
# reformat, the seal line deleted): only version 1, from before the seal, goes unsealed.
MANIFEST_VERSION = 2
SEALED_SINCE = 2
CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def person_key(employee: Employee) -> str:
    """Who a person is across runs: derived from the ID number, not the number itself."""
    return hashlib.sha256(f"vssid-batch:{employee.id_number}".encode()).hexdigest()[:24]


def fingerprint(employee: Employee) -> str:
    """Changes when anything printed about the person changes (not when their row moves)."""
    record = employee.model_dump(mode="json", exclude={"row"})
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:24]


class Source(BaseModel):
    file: str
    sha256: str
    path: str  # relative to the folder when possible, so the pair can move together
    sheet: str | None = None
    header_row: int | None = None
    column_map: list[str] = Field(default_factory=empty_list)
    include_hidden: bool = False  # rows hidden in the workbook were taken as people


class Documents(BaseModel):
    forms_print: str
    list_xlsx: str
    list_csv: str
    cover_letter: str
    checklist: str | None = None


class PersonEntry(BaseModel):
    row: int
    full_name: str
    form: str
    sha256: str
    status: str = "ready"
    key: str
    fingerprint: str
    photocopy: str | None = None
    # Fingerprints of this person's cells in danh-sach.xlsx (``danh_sach.row_digests``), so that
    # ``report`` can name an edited cell without the manifest holding the numbers in clear.
    list_cells: str | None = None


class SkippedEntry(BaseModel):
    row: int
    full_name: str
    codes: list[str]


class PhotoSummary(BaseModel):
    folder: str
    with_both_sides: int = 0
    missing: list[int] = Field(default_factory=empty_list)  # rows without any photo
    one_side_only: list[int] = Field(default_factory=empty_list)
    unmatched_files: list[str] = Field(default_factory=empty_list)  # file names, numbers masked
    cards: CardCounts | None = None  # what the QR codes on the cards said (counts only)


class FormEdition(BaseModel):
    """Which wording of Tờ khai Mẫu 01 the forms were printed in."""

    key: str  # the packaged edition's key, or the name of the edition file beside unit.toml
    basis: str  # the legal basis it follows, e.g. "Nghị định 166/2016/NĐ-CP"
    sha256: str  # of the edition's text: a file edited later is a different edition


def form_edition(edition: str) -> FormEdition:
    """The record of a resolved edition (a packaged key or an absolute file path).

    >>> form_edition("nd166-2016").basis
    'Nghị định 166/2016/NĐ-CP'
    """
    text = edition_text(edition)
    key = edition if edition in known_editions() else Path(edition).name  # no absolute path
    return FormEdition(
        key=key, basis=edition_basis(edition), sha256=hashlib.sha256(text.encode()).hexdigest()
    )


class Manifest(BaseModel):
    manifest_version: int = MANIFEST_VERSION
    tool: str = f"vssid-batch {__version__}"
    created_for: str
    date: date
    source: Source
    documents: Documents
    people: list[PersonEntry]
    skipped: list[SkippedEntry] = Field(default_factory=empty_list)
    photos: PhotoSummary | None = None
    files: dict[str, str] = Field(default_factory=empty_dict)  # every file but this one → SHA-256
    # The list's columns that ``list_cells`` cover, in order (empty: made before they existed).
    list_columns: list[str] = Field(default_factory=empty_list)
    form_edition: FormEdition | None = None  # None: made before the edition was recorded
    # "sha256:<hex>" of the file's bytes before the seal (``seal_holds``): a hand edit of what
    # no other file vouches for (a name, the date, the employer) shows. None: an older batch.
    seal: str | None = None


def _indented(value: object, depth: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth)


def write_manifest_streaming(
    folder: Path,
    name: str,
    head: Manifest,
    people: Iterable[PersonEntry],
    files: Iterable[tuple[str, str]],
) -> None:
    """The manifest of ``head`` with ``people`` and ``files`` written one entry at a time, and
    sealed: its last key is the SHA-256 of every byte before it.

    For 100,000 people the list of models, its JSON copy and the JSON text together would cost
    hundreds of megabytes at the very end of prepare; streamed, memory stays flat.
    """
    data = head.model_dump(mode="json", exclude={"seal"})
    digest = hashlib.sha256()
    # newline="\n": the bytes on disk are the bytes hashed (Windows' text mode wrote "\r\n").
    with (
        atomic_path(folder / name) as temporary,
        temporary.open("w", encoding="utf-8", newline="\n") as out,
    ):

        def write(text: str) -> None:
            out.write(text)
            digest.update(text.encode("utf-8"))

        write("{")
        for index, (key, value) in enumerate(data.items()):
            write(("," if index else "") + f"\n  {json.dumps(key)}: ")
            if key == "people":
                write("[")
                for number, person in enumerate(people):
                    entry = _indented(person.model_dump(mode="json"), 2)
                    write(("," if number else "") + "\n    " + entry)
                write("\n  ]")
            elif key == "files":
                write("{")
                for number, (path, sha) in enumerate(files):
                    write(("," if number else "") + f"\n    {json.dumps(path)}: {json.dumps(sha)}")
                write("\n  }")
            else:
                write(_indented(value, 1))
        out.write(f'{_SEAL}"sha256:{digest.hexdigest()}"\n}}\n')


_SEAL = ',\n  "seal": '


def seal_holds(data: bytes) -> bool | None:
    r"""Whether manifest.json's bytes are those ``write_manifest_streaming`` sealed; None when it
    has no seal (made by an older version).

    >>> body = b'{\n  "date": "2026-11-25"'
    >>> sealed = body + b',\n  "seal": "sha256:' + hashlib.sha256(body).hexdigest().encode()
    >>> seal_holds(sealed + b'"\n}\n'), seal_holds(sealed.replace(b"11-25", b"11-26") + b'"\n}')
    (True, False)
    >>> seal_holds(b'{"date": "2026-11-25"}') is None
    True
    """
    at = data.rfind(_SEAL.encode())
    if at < 0:
        return None
    expected = b'"sha256:' + hashlib.sha256(data[:at]).hexdigest().encode() + b'"\n}'
    return data[at + len(_SEAL) :].rstrip() == expected


MAX_MANIFEST_BYTES = 512 << 20  # 200,000 people at about 600 bytes each, with room to spare


class Tampered(Exception):
    """A path from the manifest that ``report`` will not follow; ``reason`` says why:
    "outside" (absolute, "..", not a plain relative path), "symlink", "not_listed", or the kind of
    file it is instead of a regular one ("fifo", "device", "directory"…)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def path_parts(relative: str) -> list[str]:
    """The components of a manifest path, or ``Tampered`` "outside" when it could leave the
    folder: absolute (POSIX or Windows), with "..", ".", empty parts, backslashes, colons
    (drives, Windows streams) or NUL.

    >>> path_parts("to-khai/00005-nguyen-van-an.pdf")
    ['to-khai', '00005-nguyen-van-an.pdf']
    >>> def why(path):
    ...     try:
    ...         return path_parts(path)
    ...     except Tampered as error:
    ...         return error.reason
    >>> [why(p) for p in ("../../etc/passwd", "/etc/passwd", "C:/x", "a//b", "a\\\\..\\\\b")]
    ['outside', 'outside', 'outside', 'outside', 'outside']
    """
    parts = relative.split("/")
    if (
        not relative
        or "\\" in relative
        or "\x00" in relative
        or ":" in relative
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise Tampered(relative, "outside")
    return parts


def open_listed(folder: Path, relative: str) -> BinaryIO:
    """The file ``relative`` inside ``folder``, open for reading — never through a symbolic link
    (each component is opened with ``O_NOFOLLOW`` from the one before, so nothing can be
    swapped in between), never a FIFO or device. ``Tampered`` says why not;
    ``FileNotFoundError`` when it is simply gone."""
    parts = path_parts(relative)
    if os.open not in os.supports_dir_fd or not hasattr(os, "O_DIRECTORY"):
        return _open_listed_by_lstat(folder, parts, relative)
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            try:
                inner = os.open(
                    part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=directory
                )
            except FileNotFoundError:
                raise
            except OSError:
                kind = file_kind(os.lstat(part, dir_fd=directory).st_mode)
                raise Tampered(relative, kind) from None
            os.close(directory)
            directory = inner
        try:
            return open_regular(parts[-1], dir_fd=directory, follow_symlinks=False)
        except NotRegularFile as error:
            raise Tampered(relative, error.kind) from None
    finally:
        os.close(directory)


def _open_listed_by_lstat(folder: Path, parts: list[str], relative: str) -> BinaryIO:
    """``open_listed`` where folders cannot be opened (Windows): each component looked at."""
    path = folder
    for part in parts:
        path = path / part
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode) or (part is not parts[-1] and not stat.S_ISDIR(mode)):
            raise Tampered(relative, file_kind(mode))
    try:
        return open_regular(path, follow_symlinks=False)
    except NotRegularFile as error:
        raise Tampered(relative, error.kind) from None


def sha256_handle(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while block := handle.read(CHUNK):
        digest.update(block)
    return digest.hexdigest()


def read_manifest(path: Path) -> Manifest:
    """The manifest.json at ``path``: a regular file (not a link, a FIFO or /dev/zero), of a
    sane size, that parses; else a ``VssidError``."""
    return read_sealed_manifest(path)[0]


def read_sealed_manifest(path: Path) -> tuple[Manifest, bool | None]:
    """``read_manifest``, and whether its seal holds (``seal_holds``; None only for a version-1
    manifest, from before the seal)."""
    try:
        try:
            with open_listed(path.parent, path.name) as handle:
                data = read_limited(handle, MAX_MANIFEST_BYTES)
        except Tampered as error:
            raise VssidError("manifest.not_regular", path=path, reason=error.reason) from None
        # Notepad's byte-order mark: the manifest still reads, and its seal tells of the save
        manifest = Manifest.model_validate_json(data.removeprefix(codecs.BOM_UTF8))
        sealed = seal_holds(data)
        if sealed is None and manifest.manifest_version >= SEALED_SINCE:
            sealed = False  # written sealed, the seal is gone: not an older batch
        return manifest, sealed
    except FileNotFoundError:
        raise VssidError("manifest.missing", path=path) from None
    except (OSError, ValidationError, ValueError):
        raise VssidError("manifest.invalid", path=path) from None
