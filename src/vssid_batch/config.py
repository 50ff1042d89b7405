"""The unit config (unit.toml): the employer's details for the forms and the cover letter."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vssid_batch.documents.edition import UnknownEdition, resolve
from vssid_batch.errors import VssidError
from vssid_batch.files import NotRegularFile, open_regular, read_limited
from vssid_batch.messages import Phrase, has_error
from vssid_batch.models import Unit
from vssid_batch.rules.drawable import FORM_FONT_COVERAGE, undrawable
from vssid_batch.rules.errors import RuleError
from vssid_batch.rules.text import code_point, strip_controls

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "unit.toml"
MAX_CONFIG_BYTES = 1 << 20  # a few hundred bytes of employer details; never megabytes

# Keys the documents cannot do without; an empty string counts as missing.
REQUIRED_KEYS: tuple[str, ...] = (
    "employer.name",
    "employer.bhxh_unit_code",
    "employer.tax_code",
    "employer.address",
    "contact.name",
    "contact.phone",
    "signer.name",
    "signer.title",
    "letter.number",
    "letter.symbol",
    "letter.place",
    "letter.recipient",
)


def find_config(explicit: Path | None, sheet: Path) -> Path:
    """``--config``, else unit.toml beside the sheet, else in the current folder."""
    if explicit is not None:
        return explicit
    for candidate in (sheet.parent / CONFIG_NAME, Path.cwd() / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    raise VssidError("config.not_found", config=CONFIG_NAME, sheet=sheet.name)


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def missing_keys(data: dict[str, Any]) -> list[str]:
    """Required keys absent or blank.

    >>> missing_keys({"employer": {"name": "Công ty A", "tax_code": " "}})[:3]
    ['employer.bhxh_unit_code', 'employer.tax_code', 'employer.address']
    """
    return [
        k for k in REQUIRED_KEYS if _lookup(data, k) is None or str(_lookup(data, k)).strip() == ""
    ]


def _blank_to_none(data: Any) -> Any:
    """Optional keys the clerk left as "" mean "not given"."""
    if isinstance(data, dict):
        return {
            k: _blank_to_none(v)
            for k, v in data.items()
            if not (isinstance(v, str) and v.strip() == "")
        }
    return data


_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _error_position(error: ValueError) -> tuple[int | None, int | None]:
    """Line and column of a TOML syntax error (attributes from Python 3.14, else its message).

    >>> _error_position(ValueError("Expected '=' after a key (at line 3, column 7)"))
    (3, 7)
    """
    line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
    if line is None and (found := _POSITION.search(str(error))):
        line, column = int(found[1]), int(found[2])
    return line, column


def load_unit(path: Path) -> Unit:
    """Read and check a unit config; any problem is a ``VssidError`` naming the file and keys."""
    try:
        # A FIFO or a device given as --config would block or never end: refused unopened.
        with open_regular(path) as handle:
            data = tomllib.loads(read_limited(handle, MAX_CONFIG_BYTES).decode("utf-8-sig"))
    except FileNotFoundError:
        raise VssidError("config.file_not_found", path=path) from None
    except NotRegularFile as error:
        raise VssidError("config.not_regular", path=path, kind=error.kind) from None
    except UnicodeDecodeError:  # the sheet given as --config, say: Python's words would not help
        raise VssidError("config.not_text", path=path) from None
    except tomllib.TOMLDecodeError as error:  # where, in the clerk's language: not the parser's
        line, column = _error_position(error)
        if line is None:
            raise VssidError("config.unreadable", path=path, reason=error) from None
        raise VssidError("config.bad_syntax", path=path, line=line, column=column) from None
    except (OSError, ValueError) as error:
        raise VssidError("config.unreadable", path=path, reason=error) from None
    missing = missing_keys(data)
    if missing:
        raise VssidError("config.incomplete", path=path, keys=", ".join(missing))
    try:
        unit = Unit.model_validate(_blank_to_none(_composed(data)))
    except ValidationError as error:
        raise _invalid_value(path, error) from None
    for where, value in _texts(unit):
        unprintable = unprintable_characters(value)
        if unprintable:
            codepoints = " ".join(unprintable)
            raise VssidError("config.unprintable", path=path, where=where, codepoints=codepoints)
    employer = unit.employer.model_copy(
        update={"tax_code": _tax_code(unit.employer.tax_code, path)}
    )
    form = unit.form.model_copy(update={"edition": _edition(unit.form.edition, path)})
    return unit.model_copy(update={"employer": employer, "form": form})


def _composed(data: Any, key: str = "") -> Any:
    """Every text of the employer's details in NFC (a macOS editor may save NFD), so that the
    length caps count letters as printed; not the form edition, which may name a file."""
    if isinstance(data, dict):
        return {k: _composed(v, f"{key}.{k}" if key else k) for k, v in data.items()}
    if isinstance(data, str) and not key.startswith("form."):
        return unicodedata.normalize("NFC", data)
    return data


def _texts(unit: Unit) -> Iterator[tuple[str, str]]:
    """``("employer.name", value)`` for every text the letter and the forms print."""
    for section in ("employer", "contact", "signer", "letter"):
        for key, value in getattr(unit, section):
            if isinstance(value, str):
                yield f"{section}.{key}", value


def unprintable_characters(text: str) -> list[str]:
    """The code points in ``text`` that print as nothing: characters the documents' font lacks
    (Chinese, emoji…), control characters, and the invisible ones a copy from the web brings
    (zero-width space, word joiner, bidi controls). A value made only of them would print blank.

    >>> unprintable_characters("Công ty\u200b 公司"), unprintable_characters("Công ty Sao Mai")
    (['U+200B', 'U+516C', 'U+53F8'], [])
    """
    _, controls = strip_controls(text)
    missing = [code_point(char) for char in undrawable(text, FORM_FONT_COVERAGE)]
    return sorted((set(controls) - {"…"}) | set(missing))


def _invalid_value(path: Path, error: ValidationError) -> VssidError:
    """The keys whose values are wrong; a value too long says how long it may be."""
    errors = error.errors()
    where = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
    for e in errors:
        if e["type"] == "string_too_long":
            key = ".".join(str(p) for p in e["loc"])
            limit = e.get("ctx", {}).get("max_length", "?")
            return VssidError("config.too_long", path=path, where=key, limit=limit)
    return VssidError("config.invalid_value", path=path, where=where)


def _tax_code(value: str, path: Path) -> str:
    """The employer's MST as documents print it; a bad one names the key and the file."""
    from vssid_batch.rules import mst  # python-stdnum imports ssl and pydoc: only when read

    try:
        return mst.format(value)
    except RuleError as error:
        fault = f"config.tax_code_fault.{error.code}"
        if not has_error(fault):
            fault = "config.tax_code_fault.invalid_format"
        raise VssidError(
            "config.bad_tax_code", path=path, value=value, fault=Phrase(fault)
        ) from None


def _edition(value: str, path: Path) -> str:
    try:
        return resolve(value, path.parent)
    except UnknownEdition as error:
        raise VssidError(
            "config.unknown_edition", path=path, value=value, known=", ".join(error.known)
        ) from None


UNIT_TEMPLATE = """\
# Thông tin đơn vị cho vssid-batch: dùng trên Tờ khai Mẫu 01 và công văn gửi cơ quan BHXH.
# Điền các dòng còn trống rồi chạy: vssid-batch prepare <bảng nhân viên>.
# Employer details for vssid-batch (Mẫu 01 forms and the cover letter). Fill in the blanks.

[employer]
name = ""               # Tên đơn vị, vd. "Công ty TNHH Sao Mai"
parent = ""             # Cơ quan chủ quản (nếu có); để trống nếu không có
bhxh_unit_code = ""     # Mã đơn vị BHXH, vd. "TA1234A"
tax_code = ""           # Mã số thuế = mã số doanh nghiệp, 10 số (chi nhánh: 0103456789-001)
address = ""            # Địa chỉ trụ sở

[contact]               # Người liên hệ khi cơ quan BHXH cần hỏi
name = ""
phone = ""
email = ""

[signer]                # Người ký công văn
name = ""
title = "GIÁM ĐỐC"
authority = ""          # "KT. GIÁM ĐỐC" khi cấp phó ký thay (title = "PHÓ GIÁM ĐỐC")

[letter]                # Công văn
number = 1              # Số công văn (in là 01/2026/…)
symbol = ""             # Ký hiệu, vd. "CV-SAOMAI"
place = "Hà Nội"        # Địa danh ghi trên văn bản
# Cơ quan BHXH nhận hồ sơ. XÁC NHẬN TÊN HIỆN NAY với cơ quan BHXH: từ 01/07/2025 BHXH quận,
# huyện đã được sắp xếp lại (vd. ở Hà Nội thành “Bảo hiểm xã hội cơ sở …” thuộc Bảo hiểm xã hội
# thành phố Hà Nội). Confirm the receiving office's current name: district offices were
# reorganised from 01/07/2025.
recipient = "Bảo hiểm xã hội quận Đống Đa"
reference = "219/BHXH"  # Công văn hướng dẫn của cơ quan BHXH
reference_date = 2021-03-11
reference_issuer = "Bảo hiểm xã hội quận Đống Đa"
archive = "VT, HCNS"    # Nơi lưu

[form]                  # Tờ khai Mẫu 01
edition = "nd166-2016"  # Mẫu theo Nghị định 166/2016/NĐ-CP (mặc định)
"""
