"""The face cache (documents/pdf/fonts.py): fonts parsed once per user, never trusted blindly.

reportlab parses each TTF in Python in every process that draws; the parsed faces are kept in
the user's cache folder and read back. The documents must not change, and a cache folder or file
that is not what vssid-batch wrote is ignored.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

import pytest

from vssid_batch.files import CACHE_ENV, user_cache_folder

from helpers import EXAMPLES, run_python

# A fresh interpreter each time: faces are registered once per process.
FORM = (
    "import sys, datetime, hashlib;"
    "from vssid_batch.synthetic import make_employees;"
    "from vssid_batch.documents.mau01 import render_form;"
    "from vssid_batch.config import load_unit;"
    "from pathlib import Path; unit = load_unit(Path(sys.argv[1]));"
    "data = render_form(make_employees(1, seed=3)[0], unit, on=datetime.date(2026, 11, 25));"
    "print(hashlib.sha256(data).hexdigest())"
)


def form_digest(cache: str) -> str:
    result = run_python(FORM, str(EXAMPLES / "unit.toml"), env={CACHE_ENV: cache})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def kept(folder: Path) -> list[Path]:
    return sorted((folder / "fonts").glob("*.face"))


def test_a_form_is_the_same_parsed_kept_and_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    without = form_digest("off")
    assert not folder.exists()
    assert form_digest(str(folder)) == without  # parsed, and kept
    faces = kept(folder)
    assert len(faces) == 4  # the four faces, registered together
    assert (folder / "fonts").stat().st_mode & 0o777 == 0o700
    assert form_digest(str(folder)) == without  # read back


def test_a_damaged_or_foreign_face_file_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = form_digest(str(folder))
    first, second, third, _ = kept(folder)
    good = first.read_bytes()
    first.write_bytes(good[: len(good) // 2])  # cut short
    second.write_bytes(b"\x00" * 100)  # not marshal data
    third.write_bytes(marshal.dumps(("names", ["not", "a", "face"])))
    assert form_digest(str(folder)) == expected
    assert first.read_bytes() == good  # written again, whole


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts").chmod(0o777)
    assert form_digest(str(folder)) == form_digest("off")
    assert kept(folder) == []


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert form_digest(str(blocked / "cache")) == form_digest("off")


def test_where_the_cache_is() -> None:
    assert user_cache_folder({CACHE_ENV: "off"}) is None
    assert user_cache_folder({CACHE_ENV: " "}) is None
    assert user_cache_folder({CACHE_ENV: "/x/y"}) == Path("/x/y")
    if sys.platform not in ("win32", "darwin"):
        assert user_cache_folder({"XDG_CACHE_HOME": "/c"}) == Path("/c/vssid-batch")
        relative = user_cache_folder({"XDG_CACHE_HOME": "rel"})  # not absolute: ignored
        assert relative == Path.home() / ".cache" / "vssid-batch"
