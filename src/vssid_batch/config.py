"""The unit config (unit.toml): the employer's details for the forms and the cover letter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vssid_batch.errors import VssidError
from vssid_batch.files import NotRegularFile, open_regular, read_limited
from vssid_batch.models import Unit

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
        return Unit.model_validate(_blank_to_none(data))
    except ValidationError as error:
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in error.errors())
        raise VssidError(f"{path}: giá trị không hợp lệ ở {where}.",
                         f"{path}: invalid value at {where}.", code="config_invalid") from None


UNIT_TEMPLATE = '''\
# Thông tin đơn vị cho vssid-batch: dùng trên Tờ khai Mẫu 01 và công văn gửi cơ quan BHXH.
# Điền các dòng còn trống rồi chạy: vssid-batch prepare <bảng nhân viên>.
# Employer details for vssid-batch (Mẫu 01 forms and the cover letter). Fill in the blanks.

[employer]
name = ""               # Tên đơn vị, vd. "Công ty TNHH Sao Mai"
parent = ""             # Cơ quan chủ quản (nếu có); để trống nếu không có
bhxh_unit_code = ""     # Mã đơn vị BHXH, vd. "TA1234A"
tax_code = ""           # Mã số thuế
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
recipient = "Bảo hiểm xã hội quận Đống Đa"
reference = "219/BHXH"  # Công văn hướng dẫn của cơ quan BHXH
reference_date = 2021-03-11
reference_issuer = "Bảo hiểm xã hội quận Đống Đa"
archive = "VT, HCNS"    # Nơi lưu
'''
