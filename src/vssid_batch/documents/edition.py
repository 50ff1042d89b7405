"""Editions of the Mẫu 01 wording: one TOML file per edition, chosen in unit.toml.

The packaged editions live in ``documents/editions/<key>.toml``; ``[form] edition = "<key>"``
chooses one, and a value ending in ``.toml`` is a file of the same shape beside unit.toml (an
office's newer wording, before a release packages it). A wording change is one new file: the
renderer reads every printed word from the chosen edition.

>>> DEFAULT_EDITION in known_editions()
True
>>> known_editions()[DEFAULT_EDITION]
'Nghị định 166/2016/NĐ-CP'
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path

DEFAULT_EDITION = "nd166-2016"
SUFFIX = ".toml"


class UnknownEdition(ValueError):
    """Neither a packaged edition nor an existing ``.toml`` file; ``known`` lists the keys."""

    def __init__(self, edition: str) -> None:
        super().__init__(edition)
        self.edition = edition
        self.known = sorted(known_editions())


def _toml(text: str) -> dict[str, object]:
    # Imported here: `validate` needs DEFAULT_EDITION (through the models), not the parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    data: dict[str, object] = tomllib.loads(text)
    return data


def _folder() -> Path:
    return Path(str(resources.files("vssid_batch.documents").joinpath("editions")))


@cache
def known_editions() -> dict[str, str]:
    """Packaged edition key → its legal basis (the file's ``edition`` key)."""
    return {
        path.stem: str(_toml(path.read_text("utf-8")).get("edition", path.stem))
        for path in sorted(_folder().glob(f"*{SUFFIX}"))
    }


def resolve(edition: str, base: Path) -> str:
    """The edition as the renderer takes it: a packaged key, or an absolute file path.

    ``base`` is the folder of unit.toml, against which a relative file path is read.

    >>> resolve("nd166-2016", Path("."))
    'nd166-2016'
    >>> resolve("nd999", Path("."))
    Traceback (most recent call last):
        ...
    vssid_batch.documents.edition.UnknownEdition: nd999
    """
    if edition in known_editions():
        return edition
    if edition.endswith(SUFFIX) and (base / edition).is_file():
        return str((base / edition).resolve())
    raise UnknownEdition(edition)


def edition_basis(edition: str) -> str:
    """The legal basis a resolved edition names (its ``edition`` key), else its key or file name.

    >>> edition_basis("nd166-2016")
    'Nghị định 166/2016/NĐ-CP'
    """
    if edition in known_editions():
        return known_editions()[edition]
    return str(_toml(edition_text(edition)).get("edition", Path(edition).name))


def edition_text(edition: str) -> str:
    """The TOML text of a resolved edition (a key or an absolute path)."""
    path = _folder() / f"{edition}{SUFFIX}" if edition in known_editions() else Path(edition)
    return path.read_text("utf-8")
