"""manifest.json: what a prepared folder holds, with the SHA-256 of every file (cli.md).

``report`` reads it back to check the files, compare with the source sheet and show progress.
People are matched across runs by a key derived from their ID number, so the manifest does not
have to spell the number out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from vssid_batch import __version__
from vssid_batch.batch.atomic import atomic_path
from vssid_batch.errors import VssidError
from vssid_batch.models import CardCounts, Employee

MANIFEST_VERSION = 1
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
    column_map: list[str] = Field(default_factory=list)
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


class SkippedEntry(BaseModel):
    row: int
    full_name: str
    codes: list[str]


class PhotoSummary(BaseModel):
    folder: str
    with_both_sides: int = 0
    missing: list[int] = Field(default_factory=list)  # rows without any photo
    one_side_only: list[int] = Field(default_factory=list)
    unmatched_files: list[str] = Field(default_factory=list)  # file names, numbers masked
    cards: CardCounts | None = None  # what the QR codes on the cards said (counts only)


class Manifest(BaseModel):
    manifest_version: int = MANIFEST_VERSION
    tool: str = f"vssid-batch {__version__}"
    created_for: str
    date: date
    source: Source
    documents: Documents
    people: list[PersonEntry]
    skipped: list[SkippedEntry] = Field(default_factory=list)
    photos: PhotoSummary | None = None
    files: dict[str, str] = Field(default_factory=dict)  # every file but this one → SHA-256


def write_manifest(folder: Path, manifest: Manifest, name: str) -> None:
    text = json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2)
    with atomic_path(folder / name) as temporary:
        temporary.write_text(text + "\n", encoding="utf-8")


def _indented(value: object, depth: int) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * depth)


def write_manifest_streaming(folder: Path, name: str, head: Manifest,
                             people: Iterable[PersonEntry],
                             files: Iterable[tuple[str, str]]) -> None:
    """The manifest of ``head`` with ``people`` and ``files`` written one entry at a time.

    For 100,000 people the list of models, its JSON copy and the JSON text together would cost
    hundreds of megabytes at the very end of prepare; streamed, memory stays flat.
    """
    data = head.model_dump(mode="json")
    with atomic_path(folder / name) as temporary, temporary.open("w", encoding="utf-8") as out:
        out.write("{")
        for index, (key, value) in enumerate(data.items()):
            out.write(("," if index else "") + f"\n  {json.dumps(key)}: ")
            if key == "people":
                out.write("[")
                for number, person in enumerate(people):
                    out.write(("," if number else "") + "\n    "
                              + _indented(person.model_dump(mode="json"), 2))
                out.write("\n  ]")
            elif key == "files":
                out.write("{")
                for number, (path, digest) in enumerate(files):
                    out.write(("," if number else "") + f"\n    {json.dumps(path)}: "
                              f"{json.dumps(digest)}")
                out.write("\n  }")
            else:
                out.write(_indented(value, 1))
        out.write("\n}\n")


def read_manifest(path: Path) -> Manifest:
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise VssidError(f"{path}: không có manifest.json — đây không phải thư mục do "
                         "“vssid-batch prepare” tạo.",
                         f"{path}: no manifest.json — not a folder made by "
                         "“vssid-batch prepare”.", code="manifest_missing") from None
    except (OSError, ValidationError, ValueError):
        raise VssidError(f"{path}: manifest.json bị hỏng hoặc đã bị sửa tay.",
                         f"{path}: manifest.json is damaged or was edited by hand.",
                         code="manifest_invalid") from None
