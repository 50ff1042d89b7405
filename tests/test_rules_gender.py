"""Gender cells."""

from __future__ import annotations

import math
import unicodedata

import pytest

from vssid_batch.models import Gender
from vssid_batch.rules import gender
from vssid_batch.rules.errors import RuleError


@pytest.mark.parametrize(
    "value",
    [
        "Nam",
        "nam",
        "NAM",
        " Nam ",
        "Nam giới",
        "NAM GIỚI",
        "nam gioi",
        "M",
        "m",
        "Male",
        "MALE",
        Gender.male,
    ],
)
def test_male(value: object) -> None:
    assert gender.parse(value) is Gender.male


@pytest.mark.parametrize(
    "value",
    [
        "Nữ",
        "nữ",
        "NỮ",
        "nu",
        "Nu",
        "NU",
        "Nữ giới",
        "nu gioi",
        "Nữ  giới",
        "F",
        "f",
        "Female",
        "female",
        Gender.female,
        unicodedata.normalize("NFD", "Nữ"),
    ],
)
def test_female(value: object) -> None:
    assert gender.parse(value) is Gender.female


@pytest.mark.parametrize(
    "value", ["Năm", "Nũ", "X", "0", "1", "Nam/Nữ", "Khác", "Namm", 1, True, "N"]
)
def test_invalid(value: object) -> None:
    with pytest.raises(RuleError) as error:
        gender.parse(value)
    assert error.value.code == "invalid"
    assert error.value.params == {"value": str(value).strip()}


def test_invalid_value_is_cut() -> None:
    with pytest.raises(RuleError) as error:
        gender.parse("không rõ, hỏi lại phòng nhân sự trước khi nộp")
    assert len(error.value.params["value"]) == 30


@pytest.mark.parametrize("value", [None, "", "  ", math.nan])
def test_missing(value: object) -> None:
    with pytest.raises(RuleError) as error:
        gender.parse(value)
    assert error.value.code == "missing"
