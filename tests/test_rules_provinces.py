"""The province table of ids.md."""

from __future__ import annotations

import unicodedata

from vssid_batch.rules.provinces import PROVINCES, province_name


def test_sixty_three_three_digit_codes() -> None:
    assert len(PROVINCES) == 63
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCES)
    assert len(set(PROVINCES.values())) == 63


def test_names_are_nfc_and_trimmed() -> None:
    for name in PROVINCES.values():
        assert unicodedata.is_normalized("NFC", name)
        assert name == name.strip() and "  " not in name


def test_codes_are_not_contiguous() -> None:
    for unused in ("000", "003", "005", "007", "009", "013", "097", "099"):
        assert province_name(unused) is None


def test_some_names() -> None:
    assert province_name("011") == "Điện Biên"
    assert province_name("038") == "Thanh Hóa"
    assert province_name("066") == "Đắk Lắk"
    assert province_name("092") == "Cần Thơ"
    assert province_name("096") == "Cà Mau"
