"""Số định danh cá nhân: the 12-digit personal number (CCCD, thẻ căn cước, 12-digit CMND).

The number reads ``PPP G YY RRRRRR`` (Nghị định 137/2015/NĐ-CP):

* ``PPP`` — the province where the birth was registered (``rules.provinces``);
* ``G`` — century and sex: 1900s Nam 0 / Nữ 1, 2000s Nam 2 / Nữ 3, 2100s 4/5, 2200s 6/7, 2300s 8/9;
* ``YY`` — the last two digits of the birth year;
* ``RRRRRR`` — random. There is no check digit, so a slip in the random part cannot be caught.

>>> validate("001 090 123 456")
'001090123456'
>>> province_code("001090123456"), sex("001090123456").value, birth_year("001090123456")
('001', 'Nam', 1990)
>>> sex("079305001234").value, birth_year("079305001234")
('Nữ', 2005)

Shape errors come first, then the province; each carries a stable ``code``:

>>> validate("00109012345")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidLength: invalid_length
>>> validate("00109O123456")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidFormat: invalid_format
>>> validate("003090123456")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidComponent: unknown_province

Births registered abroad carry codes outside the table; the caller accepts them only for a
non-Vietnamese nationality or on an explicit override:

>>> validate("003090123456", allow_unknown_province=True)
'003090123456'

The cross-field checks catch real typing mistakes. ``validate`` knows nothing of the sheet, so
the checker calls them with the sheet's gender and birth year, and ``validate_birth_year`` with
``--as-of`` (there is no clock in the rules):

>>> from vssid_batch.models import Gender
>>> check_sex("001090123456", Gender.female)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: sex_mismatch
>>> check_birth_year("001090123456", 1991)
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: birth_year_mismatch
>>> from datetime import date
>>> validate_birth_year("001299123456", as_of=date(2026, 11, 25))
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: future_year
"""

from __future__ import annotations

import re
from datetime import date

from vssid_batch.models import Gender
from vssid_batch.rules._clean import digits_of_length, strip_separators
from vssid_batch.rules.errors import InvalidComponent, RuleError
from vssid_batch.rules.provinces import PROVINCES

LENGTH = 12

# Separators clerks type or paste between digit groups; any Unicode space, dot or dash.
_SEPARATORS = re.compile(r"[\s.\-]+")


def compact(number: str) -> str:
    """Remove spaces, dots and dashes (a clerk may group the digits to read them).

    >>> compact(" 001.090.123-456 ")
    '001090123456'
    """
    return strip_separators(number, _SEPARATORS)


def validate(number: str, *, allow_unknown_province: bool = False) -> str:
    """Return the compact number, or raise ``InvalidFormat``, ``InvalidLength``, or
    ``InvalidComponent`` with code ``unknown_province`` (param ``province_code``).

    >>> validate("001190123456")
    '001190123456'
    """
    number = digits_of_length(compact(number), LENGTH)
    if number[:3] not in PROVINCES and not allow_unknown_province:
        raise InvalidComponent("unknown_province", province_code=number[:3])
    return number


def is_valid(number: str, *, allow_unknown_province: bool = False) -> bool:
    """Whether ``validate`` accepts the number.

    >>> is_valid("001090123456"), is_valid("001090"), is_valid("999090123456")
    (True, False, False)
    """
    try:
        validate(number, allow_unknown_province=allow_unknown_province)
    except RuleError:
        return False
    return True


def format(number: str) -> str:
    """The 12 digits without separators, exactly as printed on the card.

    The clerk compares the form with the card, so the display matches the card; the forms put
    one digit per box anyway.

    >>> format("001 090 123 456")
    '001090123456'
    """
    return compact(number)


def _digits(number: str) -> str:
    # The helpers below read parts of the number; they must not read parts of garbage.
    return validate(number, allow_unknown_province=True)


def province_code(number: str) -> str:
    """The three-digit province code (``provinces.province_name`` gives its name).

    >>> province_code("036085000001")
    '036'
    """
    return _digits(number)[:3]


def century_sex_digit(birth_year: int, gender: Gender) -> int:
    """The digit ``G`` a person of that sex born in that year carries.

    >>> century_sex_digit(1990, Gender.male), century_sex_digit(1990, Gender.female)
    (0, 1)
    >>> century_sex_digit(2005, Gender.female)
    3
    >>> century_sex_digit(1899, Gender.male)
    Traceback (most recent call last):
        ...
    ValueError: birth year 1899 has no century digit
    """
    if not 1900 <= birth_year <= 2399:
        raise ValueError(f"birth year {birth_year} has no century digit")
    return (birth_year // 100 - 19) * 2 + (0 if gender is Gender.male else 1)


def sex(number: str) -> Gender:
    """The sex the number records: an even ``G`` is Nam, an odd one Nữ.

    >>> sex("001190123456")
    <Gender.female: 'Nữ'>
    """
    return Gender.male if int(_digits(number)[3]) % 2 == 0 else Gender.female


def birth_year(number: str) -> int:
    """The birth year from ``G`` and ``YY``: ``(G // 2 + 19) * 100 + YY``.

    >>> birth_year("001075123456"), birth_year("001201123456"), birth_year("001499123456")
    (1975, 2001, 2199)
    """
    digits = _digits(number)
    return (int(digits[3]) // 2 + 19) * 100 + int(digits[4:6])


def check_sex(number: str, gender: Gender) -> None:
    """Raise ``RuleError("sex_mismatch", id_gender=…, sheet_gender=…)`` when they differ.

    >>> check_sex("001190123456", Gender.female)
    """
    recorded = sex(number)
    if recorded is not gender:
        raise RuleError("sex_mismatch", id_gender=recorded.value, sheet_gender=gender.value)


def check_birth_year(number: str, year: int) -> None:
    """Raise ``RuleError("birth_year_mismatch", id_year=…, sheet_year=…)`` when they differ.

    >>> check_birth_year("001090123456", 1990)
    """
    recorded = birth_year(number)
    if recorded != year:
        raise RuleError("birth_year_mismatch", id_year=str(recorded), sheet_year=str(year))


def validate_birth_year(number: str, as_of: date) -> int:
    """Return the birth year, or raise ``RuleError("future_year", year=…)`` if after ``as_of``.

    >>> validate_birth_year("001226123456", as_of=date(2026, 1, 1))
    2026
    """
    year = birth_year(number)
    if year > as_of.year:
        raise RuleError("future_year", year=str(year))
    return year
