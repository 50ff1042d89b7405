"""Full names: the characters allowed, normalisation, and Vietnamese capitals."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssid_batch.rules import names
from vssid_batch.rules.errors import RuleError

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn Thị Ánh",
        "NGUYỄN VĂN AN",
        "trần văn bình",
        "H'Hen Niê",
        "H’Hen Niê",
        "Ka-Nhi",
        "Y-Đăk K'Buôr",
        "Lò Văn Pọm",
        "Đặng Thuỳ Dương",
        "Hoàng Thị Thủy",
        "Nông Thị Ngoan",
        "Ksor H'Bia",
        "Rơ Châm Y-Vi",
        "Lưu Gia Hào",
        "劉家豪",
        "A",
    ],
)
def test_valid_names_stay_as_written(name: str) -> None:
    assert names.validate(name) == name
    assert names.is_valid(name)


def test_whitespace_is_trimmed_and_collapsed() -> None:
    assert names.validate("\t Nguyễn\u00a0\u00a0Thị  \u3000Ánh \n") == "Nguyễn Thị Ánh"


def test_decomposed_text_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert decomposed != "Nguyễn Thị Ánh"
    assert names.validate(decomposed) == "Nguyễn Thị Ánh"


@pytest.mark.parametrize(
    ("name", "char"),
    [
        ("Nguyễn Văn A1", "1"),
        ("=Trần Văn Bình", "="),
        ("+Lê An", "+"),
        ("Lê @n", "@"),
        ("Lê/An", "/"),
        ("Lê\\An", "\\"),
        ("Nguyễn V. An", "."),
        ("Lê, An", ","),
        ("'Lê An", "'"),
        ("Lê An'", "'"),
        ("Ka-", "-"),
        ("-Nhi", "-"),
        ("Ka--Nhi", "-"),
        ("H''Hen", "'"),
        ("Ka -Nhi", "-"),
        ("Lê (An)", "("),
        ("Lê\u200bAn", "\u200b"),
        ("Lê An 🙂", "🙂"),
        ("Lê_An", "_"),
        ("Lê\u0301 An", None),
    ],
)
def test_invalid_characters_are_named(name: str, char: str | None) -> None:
    if char is None:  # a combining mark that NFC composes is fine: "Lế An"
        assert names.validate(name) == "Lế An"
        return
    with pytest.raises(RuleError) as error:
        names.validate(name)
    assert error.value.code == "invalid_character"
    assert error.value.params == {"char": char, "codepoint": f"U+{ord(char):04X}"}


def test_stray_combining_mark_at_word_start() -> None:
    with pytest.raises(RuleError) as error:
        names.validate("Lê \u0301An")
    assert error.value.params["codepoint"] == "U+0301"


@pytest.mark.parametrize("name", ["", "   ", "\u00a0\t"])
def test_missing(name: str) -> None:
    with pytest.raises(RuleError) as error:
        names.validate(name)
    assert error.value.code == "missing"


def test_too_long() -> None:
    assert names.validate("A" * 100) == "A" * 100
    with pytest.raises(RuleError) as error:
        names.validate("A" * 101)
    assert error.value.code == "too_long"
    assert error.value.params == {"length": "101", "max_length": "100"}


def test_every_vietnamese_letter_upper_cases() -> None:
    for base in BASES:
        for tone in TONES:
            lower = unicodedata.normalize("NFC", base + tone)
            expected = unicodedata.normalize("NFC", base.upper() + tone)
            assert len(lower) == 1 and len(expected) == 1
            assert names.upper(lower) == expected
    assert names.upper("đ") == "Đ"


def test_upper_of_a_name() -> None:
    assert names.upper("Nguyễn Thị Ánh") == "NGUYỄN THỊ ÁNH"
    assert names.upper(unicodedata.normalize("NFD", "Đỗ  Quỳnh")) == "ĐỖ QUỲNH"


words = st.text(st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8)


@given(st.lists(words, min_size=1, max_size=5), st.sampled_from([" ", "  ", "\u00a0", "\t"]))
def test_letters_and_spaces_always_pass(parts: list[str], gap: str) -> None:
    name = unicodedata.normalize("NFC", " ".join(parts))
    result = names.validate(gap + gap.join(parts) + gap)
    assert result == names.normalize(name)
    assert unicodedata.is_normalized("NFC", result)
    assert names.validate(result) == result


@given(st.text(max_size=40))
def test_validate_is_idempotent_or_raises(text: str) -> None:
    try:
        result = names.validate(text)
    except RuleError as error:
        assert error.code in {"missing", "too_long", "invalid_character"}
        return
    assert names.validate(result) == result
    assert "  " not in result and result == result.strip()
