"""File names inside the output folder: readable, ASCII, never an ID number, never a path."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from vssid_batch.models import Employee

MAX_SLUG = 40
FORMS_DIR = "to-khai"
PHOTOCOPIES_DIR = "ban-sao-cccd"
FORMS_PRINT = "in-tat-ca-to-khai.pdf"
LIST_XLSX = "danh-sach.xlsx"
LIST_CSV = "danh-sach.csv"
COVER_LETTER = "cong-van.pdf"
MANIFEST = "manifest.json"
CHECKLIST = "viec-can-lam.txt"
# Letters with a stroke that NFKD keeps as they are: Vietnamese Đ/đ and the Latin eth Ð/ð.
_D_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})


def slug(text: str) -> str:
    """An ASCII, lower-case, hyphenated form of a name, safe as part of a file name.

    >>> slug("Nguyễn Thị Ánh Tuyết")
    'nguyen-thi-anh-tuyet'
    >>> slug("Đặng Văn Đức"), slug("../../etc/passwd"), slug("=HYPERLINK(1)"), slug("  ")
    ('dang-van-duc', 'etc-passwd', 'hyperlink-1', 'khong-ten')

    Đ and its look-alike Ð (U+00D0, typed from some keyboards) do not decompose to D:
    >>> slug("ÐINH ðỨC")
    'dinh-duc'
    """
    text = text.translate(_D_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "khong-ten"


def form_filename(employee: Employee, digits: int = 5) -> str:
    """``<Excel row>-<slug of the name>.pdf``: sorts in sheet order, names no ID number.

    >>> from datetime import date
    >>> from vssid_batch.models import Gender
    >>> e = Employee(row=7, full_name="Lò Thị Mai", birth_date=date(1990, 1, 1),
    ...              gender=Gender.female, bhxh_code="0123456789", id_number="014190001234",
    ...              phone="0912345678")
    >>> form_filename(e)
    '00007-lo-thi-mai.pdf'
    """
    return f"{employee.row:0{digits}d}-{slug(employee.full_name)}.pdf"


def row_digits(employees: list[Employee]) -> int:
    """Zero-padding that keeps every row number the same width (so files sort in sheet order)."""
    return max(5, len(str(max((e.row for e in employees), default=0))))


def default_output_folder(sheet: Path) -> Path:
    """``./vssid-batch-<file stem>`` in the current folder (cli.md)."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", sheet.stem).strip(" .") or "batch"
    return Path(f"vssid-batch-{stem}")
