"""E-mail syntax."""

from __future__ import annotations

import pytest

from vssid_batch.rules import email
from vssid_batch.rules.errors import RuleError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an.nguyen@example.vn", "an.nguyen@example.vn"),
        (" An.Nguyen@Example.COM.VN ", "An.Nguyen@example.com.vn"),
        ("hr+vssid@cong-ty.com.vn", "hr+vssid@cong-ty.com.vn"),
        ("a_b-c@mail.example.org", "a_b-c@mail.example.org"),
        ("x@xn--a-1ga.vn", "x@xn--a-1ga.vn"),
    ],
)
def test_valid(text: str, expected: str) -> None:
    assert email.validate(text) == expected
    assert email.is_valid(text)


@pytest.mark.parametrize(
    "text",
    [
        "an.nguyen",
        "an@",
        "@example.vn",
        "an@example",
        "an@@example.vn",
        "an@b@example.vn",
        "an nguyen@example.vn",
        "an@exam ple.vn",
        "an@example..vn",
        "an@.example.vn",
        "an@example.vn.",
        ".an@example.vn",
        "an.@example.vn",
        "an..b@example.vn",
        "nguyễn@example.vn",
        "an@example.v",
        "an@example.123",
        "an@-example.vn",
        "an@example-.vn",
        "a@b.vn; c@d.vn",
        "a@b.vn,c@d.vn",
        "<an@example.vn>",
        "mailto:an@example.vn",
        "a" * 245 + "@example.vn",
    ],
)
def test_invalid(text: str) -> None:
    with pytest.raises(RuleError) as error:
        email.validate(text)
    assert error.value.code == "invalid"
    assert error.value.params == {}


def test_length_limit() -> None:
    address = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".vn"
    assert len(address) == 254
    assert email.validate(address) == address
    with pytest.raises(RuleError):
        email.validate("a" + address)


def test_missing() -> None:
    with pytest.raises(RuleError) as error:
        email.validate("  ")
    assert error.value.code == "missing"
