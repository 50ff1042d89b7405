"""Mobile numbers: normalising, phonenumbers validity, landlines, the 2018 conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssid_batch.rules import phone
from vssid_batch.rules.errors import InvalidFormat, InvalidLength, RuleError

# Mobile blocks in use after the 2018 conversion, by carrier. phonenumbers knows some prefixes
# only in part (089 from 0896, 052 as 0522/0523/0528, 055 as 0559), so those are listed by block.
CURRENT_BLOCKS: dict[str, tuple[str, ...]] = {
    "Viettel": ("032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098"),
    "Vinaphone": ("081", "082", "083", "084", "085", "088", "091", "094"),
    "MobiFone": ("070", "076", "077", "078", "079", "0896", "0897", "0898", "0899", "090", "093"),
    "Vietnamobile": ("0522", "0523", "0528", "056", "058", "092"),
    "Gmobile": ("059", "0990", "0991", "0993", "0994", "0995", "0996", "0997"),
    "Itelecom": ("087",),
    "Reddi": ("0559",),
}
BLOCKS = [(carrier, block) for carrier, blocks in CURRENT_BLOCKS.items() for block in blocks]

# ids.md, "Old 11-digit numbers", row by row.
OLD_TO_NEW_TABLE: dict[str, list[tuple[str, str]]] = {
    "Viettel": [
        ("0162", "032"),
        ("0163", "033"),
        ("0164", "034"),
        ("0165", "035"),
        ("0166", "036"),
        ("0167", "037"),
        ("0168", "038"),
        ("0169", "039"),
    ],
    "MobiFone": [
        ("0120", "070"),
        ("0121", "079"),
        ("0122", "077"),
        ("0126", "076"),
        ("0128", "078"),
    ],
    "VinaPhone": [
        ("0123", "083"),
        ("0124", "084"),
        ("0125", "085"),
        ("0127", "081"),
        ("0129", "082"),
    ],
    "Vietnamobile": [("0186", "056"), ("0188", "058")],
    "Gmobile": [("0199", "059")],
}
OLD_ROWS = [(carrier, old, new) for carrier, rows in OLD_TO_NEW_TABLE.items() for old, new in rows]


@st.composite
def mobiles(draw: st.DrawFn) -> tuple[str, str]:
    carrier, block = draw(st.sampled_from(BLOCKS))
    rest = draw(st.text(alphabet="0123456789", min_size=10 - len(block), max_size=10 - len(block)))
    return carrier, block + rest


def spellings(number: str) -> list[str]:
    """Ways clerks write the same mobile number."""
    national = number[1:]
    return [
        number,
        f"{number[:4]} {number[4:7]} {number[7:]}",
        f"{number[:4]}.{number[4:7]}.{number[7:]}",
        f"{number[:4]}-{number[4:7]}-{number[7:]}",
        f"+84{national}",
        f"+84 {national[:3]} {national[3:6]} {national[6:]}",
        f"(+84) {national}",
        f"84{national}",
        f"0084{national}",
        f"+84 (0){national}",
        f"\u00a0{number} ",
    ]


@given(mobiles())
def test_current_mobiles_validate_in_every_spelling(drawn: tuple[str, str]) -> None:
    carrier, number = drawn
    for text in spellings(number):
        assert phone.compact(text) == number
        assert phone.validate(text) == number
        assert phone.validate_with_conversion(text) == (number, None)
        assert phone.is_valid(text)
    assert phone.format(number) == f"{number[:4]} {number[4:7]} {number[7:]}"
    assert phone.compact(phone.format(number)) == number
    assert phone.carrier(number) == carrier


@pytest.mark.parametrize(("carrier", "old", "new"), OLD_ROWS)
@given(last7=st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_every_old_prefix_maps_to_its_new_one(carrier: str, old: str, new: str, last7: str) -> None:
    old_number, new_number = old + last7, new + last7
    assert phone.convert_old(old_number) == new_number
    assert phone.convert_old(f"+84 {old_number[1:4]} {last7}") == new_number
    assert phone.validate_with_conversion(old_number) == (new_number, old_number)
    assert phone.validate(new_number) == new_number
    assert phone.carrier(old_number).casefold() == carrier.casefold()
    with pytest.raises(RuleError) as error:
        phone.validate(old_number)
    assert error.value.code == "old_number"
    assert error.value.params == {"pii_new_number": new_number}


def test_the_table_is_the_spec_table() -> None:
    assert {old: new for _, old, new in OLD_ROWS} == phone.OLD_TO_NEW


@pytest.mark.parametrize("number", ["01701234567", "01301234567", "01001234567"])
def test_unlisted_old_prefixes_are_not_converted(number: str) -> None:
    assert phone.convert_old(number) is None
    with pytest.raises(InvalidLength) as error:
        phone.validate(number)
    assert error.value.params == {"length": "11"}


@pytest.mark.parametrize(
    "number", ["024 3812 3456", "02838123456", "+84 28 3812 3456", "0236 381 234", "0203 123 4567"]
)
def test_landlines_are_refused(number: str) -> None:
    with pytest.raises(RuleError) as error:
        phone.validate(number)
    assert error.value.code == "landline"


@pytest.mark.parametrize("number", ["1800123456", "1900123456"])
def test_other_services_are_not_mobile(number: str) -> None:
    with pytest.raises(RuleError) as error:
        phone.validate(number)
    assert error.value.code == "not_mobile"


@pytest.mark.parametrize(
    "number",
    [
        "0121012345",
        "0162123456",
        "0801234567",
        "0412345678",
        "0890123456",
        "0550123456",
        "0992123456",
    ],
)
def test_numbers_phonenumbers_does_not_know_are_invalid(number: str) -> None:
    with pytest.raises(RuleError) as error:
        phone.validate(number)
    assert error.value.code == "invalid"


@pytest.mark.parametrize(
    ("number", "length"),
    [("091234567", "9"), ("09123456789", "11"), ("0912", "4"), ("912345678", "9")],
)
def test_wrong_length(number: str, length: str) -> None:
    with pytest.raises(InvalidLength) as error:
        phone.validate(number)
    assert error.value.code == "invalid_length"
    assert error.value.params == {"length": length}


@pytest.mark.parametrize(
    "number",
    [
        "",
        "không có",
        "0912 345 67x",
        "0912/345/678",
        "+1 202 555 0100",
        "0912345678 / 0987654321",
        "０９１２３４５６７８",
        "912345678.0",
        "0912345678.0",
    ],
)
def test_garbage_is_invalid_format(number: str) -> None:
    with pytest.raises(InvalidFormat) as error:
        phone.validate(number)
    assert error.value.code == "invalid_format"


def test_lost_leading_zero_is_not_guessed_here() -> None:
    # Only the sheet reader knows the cell was numeric; the rule keeps 84… as written.
    assert phone.compact("841234567") == "841234567"
    with pytest.raises(InvalidLength):
        phone.validate("841234567")


def test_format_leaves_odd_lengths_alone() -> None:
    assert phone.format("091234567") == "091234567"


def test_carrier_unknown() -> None:
    assert phone.carrier("0951234567") == ""
    assert phone.carrier("") == ""
    assert phone.carrier("+44 20 7946 0000") == ""


@given(st.text(alphabet="0123456789 +-.()", max_size=16))
def test_validate_returns_ten_digits_or_raises(text: str) -> None:
    try:
        number = phone.validate(text)
    except RuleError as error:
        assert str(error) == error.code
        return
    assert len(number) == 10 and number.isdigit() and number[1] in "35789"
