"""The unit config (unit.toml): the employer's details for the forms and the cover letter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vssid_batch.documents.edition import UnknownEdition, resolve
from vssid_batch.errors import VssidError
from vssid_batch.files import NotRegularFile, open_regular, read_limited
from vssid_batch.models import Unit
from vssid_batch.rules import mst
from vssid_batch.rules.errors import RuleError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "unit.toml"
MAX_CONFIG_BYTES = 1 << 20  # a few hundred bytes of employer details; never megabytes

# Keys the documents cannot do without; an empty string counts as missing.
REQUIRED_KEYS: tuple[str, ...] = (
    "employer.name", "employer.bhxh_unit_code", "employer.tax_code", "employer.address",
    "contact.name", "contact.phone",
    "signer.name", "signer.title",
    "letter.number", "letter.symbol", "letter.place", "letter.recipient",
)


def find_config(explicit: Path | None, sheet: Path) -> Path:
    """``--config``, else unit.toml beside the sheet, else in the current folder."""
    if explicit is not None:
        return explicit
    for candidate in (sheet.parent / CONFIG_NAME, Path.cwd() / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    raise VssidError(
        f"Không tìm thấy {CONFIG_NAME} (cạnh {sheet.name} hoặc ở thư mục hiện tại): "
        "chạy “vssid-batch init” rồi điền thông tin đơn vị, hoặc dùng --config.",
        f"No {CONFIG_NAME} found (beside {sheet.name} or in the current folder): run "
        "“vssid-batch init” and fill in the employer's details, or pass --config.",
        code="config_not_found",
    )


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
    return [k for k in REQUIRED_KEYS
            if _lookup(data, k) is None or str(_lookup(data, k)).strip() == ""]


def _blank_to_none(data: Any) -> Any:
    """Optional keys the clerk left as "" mean "not given"."""
    if isinstance(data, dict):
        return {k: _blank_to_none(v) for k, v in data.items()
                if not (isinstance(v, str) and v.strip() == "")}
    return data


def load_unit(path: Path) -> Unit:
    """Read and check a unit config; any problem is a ``VssidError`` naming the file and keys."""
    try:
        # A FIFO or a device given as --config would block or never end: refused unopened.
        with open_regular(path) as handle:
            data = tomllib.loads(read_limited(handle, MAX_CONFIG_BYTES).decode("utf-8-sig"))
    except FileNotFoundError:
        raise VssidError(f"{path}: không tìm thấy tệp cấu hình.",
                         f"{path}: config file not found.", code="config_not_found") from None
    except NotRegularFile as error:
        raise VssidError(f"{path}: không phải tệp thường ({error.kind}).",
                         f"{path}: not a regular file ({error.kind}).",
                         code="config_invalid") from None
    except (OSError, ValueError, tomllib.TOMLDecodeError) as error:
        raise VssidError(f"{path}: không đọc được tệp cấu hình ({error}).",
                         f"{path}: cannot read the config file ({error}).",
                         code="config_invalid") from None
    missing = missing_keys(data)
    if missing:
        keys = ", ".join(missing)
        raise VssidError(f"{path}: thiếu thông tin {keys}.", f"{path}: missing {keys}.",
                         code="config_incomplete")
    try:
        unit = Unit.model_validate(_blank_to_none(data))
    except ValidationError as error:
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in error.errors())
        raise VssidError(f"{path}: giá trị không hợp lệ ở {where}.",
                         f"{path}: invalid value at {where}.", code="config_invalid") from None
    employer = unit.employer.model_copy(update={"tax_code": _tax_code(unit.employer.tax_code,
                                                                      path)})
    form = unit.form.model_copy(update={"edition": _edition(unit.form.edition, path)})
    return unit.model_copy(update={"employer": employer, "form": form})


# Why a tax code is refused, in both languages (``rules.mst``'s codes).
_TAX_CODE_FAULTS = {
    "invalid_checksum": ("sai chữ số kiểm tra", "wrong check digit"),
    "invalid_length": ("phải có 10 chữ số, hoặc 13 (dạng 0103456789-001) cho chi nhánh",
                       "must have 10 digits, or 13 (as 0103456789-001) for a branch"),
    "invalid_format": ("chỉ được gồm chữ số", "digits only"),
    "invalid_component": ("mã chi nhánh 000 không hợp lệ", "branch suffix 000 is invalid"),
}


def _tax_code(value: str, path: Path) -> str:
    """The employer's MST as documents print it; a bad one names the key and the file."""
    try:
        return mst.format(value)
    except RuleError as error:
        vi, en = _TAX_CODE_FAULTS.get(error.code, _TAX_CODE_FAULTS["invalid_format"])
        raise VssidError(
            f"{path}: employer.tax_code (mã số thuế) “{value}” không hợp lệ: {vi}. Ghi đúng mã "
            "số thuế của đơn vị (mã số doanh nghiệp).",
            f"{path}: employer.tax_code “{value}” is not a valid tax code: {en}.",
            code="config_invalid") from None


def _edition(value: str, path: Path) -> str:
    try:
        return resolve(value, path.parent)
    except UnknownEdition as error:
        known = ", ".join(error.known)
        raise VssidError(
            f"{path}: form.edition “{value}” không có; các mẫu đã biết: {known}.",
            f"{path}: form.edition “{value}” is unknown; known editions: {known}.",
            code="config_invalid") from None


UNIT_TEMPLATE = '''\
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
'''
