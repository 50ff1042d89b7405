"""Vietnamese mobile numbers: BHXH texts the VssID account to this number.

A number is stored as 10 digits and printed ``0912 345 678``. It must parse with
``phonenumbers`` (region VN), be valid and be a mobile number:

>>> validate("+84 912.345.678")
'0912345678'
>>> format("0912345678")
'0912 345 678'
>>> carrier("0912345678"), carrier("0321234567"), carrier("0871234567")
('Vinaphone', 'Viettel', 'Itelecom')

Errors, each with a stable ``code``:

>>> validate("091234567x")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidFormat: invalid_format
>>> validate("091234567")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.InvalidLength: invalid_length
>>> validate("024 3812 3456")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: landline
>>> validate("1800 1234 56")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: not_mobile

Old 11-digit numbers were converted between 15/09/2018 and 30/06/2019 (the last 7 digits kept).
Plain ``validate`` refuses them with ``old_number``, so a conversion never happens unnoticed;
``validate_with_conversion`` maps them and tells the caller, which warns the clerk:

>>> validate("0162 123 4567")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: old_number
>>> validate_with_conversion("0162 123 4567")
('0321234567', '01621234567')
>>> validate_with_conversion("0912345678")
('0912345678', None)
"""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from phonenumbers import PhoneNumberType

from vssid_batch.rules._clean import strip_separators
from vssid_batch.rules.errors import InvalidFormat, InvalidLength, RuleError, accepts

LENGTH = 10
OLD_LENGTH = 11

# Bộ TT&TT 2018: old 4-digit prefix → new 3-digit prefix; the last 7 digits are kept.
OLD_TO_NEW: dict[str, str] = {
    # Viettel
    "0162": "032", "0163": "033", "0164": "034", "0165": "035",
    "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    # MobiFone
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    # Vinaphone
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    # Vietnamobile
    "0186": "056", "0188": "058",
    # Gmobile
    "0199": "059",
}  # fmt: skip

# The prefixes each network was allotted (after 2018). Our own table rather than
# phonenumbers' carrier data: that data names the host network of virtual operators
# (087 Itelecom shows as Vinaphone) and its spellings change between versions.
CARRIER_PREFIXES: dict[str, str] = {
    **dict.fromkeys(("032", "033", "034", "035", "036", "037", "038", "039",
                     "086", "096", "097", "098"), "Viettel"),
    **dict.fromkeys(("081", "082", "083", "084", "085", "088", "091", "094"), "Vinaphone"),
    **dict.fromkeys(("070", "076", "077", "078", "079", "089", "090", "093"), "MobiFone"),
    **dict.fromkeys(("052", "056", "058", "092"), "Vietnamobile"),
    **dict.fromkeys(("059", "099"), "Gmobile"),
    "087": "Itelecom",
    "055": "Reddi",
}  # fmt: skip
# Spellings phonenumbers uses for the few prefixes outside the table.
_CARRIER_NAMES = {"G-Mobile": "Gmobile", "Indochina Telecom": "Itelecom"}

# Subscriber mobile numbers start 03, 05, 07, 08 or 09. phonenumbers also counts some
# machine-to-machine ranges (0121[0-3]…, 0140…, 0160…) as mobile, but a 10-digit 01… number
# in an employee sheet is an old 11-digit number with a digit missing.
_SUBSCRIBER_MOBILE = re.compile(r"0[35789][0-9]{8}")

_SEPARATORS = re.compile(r"[\s.\-()]+")


def compact(number: str) -> str:
    """Strip spaces, dots, dashes and parentheses; write ``+84``, ``0084`` or ``84`` as ``0``.

    ``84`` without a plus is a country code only when 9 or 10 digits follow: ``84`` is also the
    start of the Vinaphone prefix 084 in a number that lost its leading zero.

    >>> compact("(+84) 912-345-678"), compact("84912345678"), compact("+84 (0) 912 345 678")
    ('0912345678', '0912345678', '0912345678')
    >>> compact("841234567")
    '841234567'
    """
    number = strip_separators(number, _SEPARATORS)
    for prefix in ("+84", "0084"):
        if number.startswith(prefix):
            number = number[len(prefix) :]
            break
    else:
        if number.startswith("84") and len(number) in (11, 12):
            number = number[2:]
        else:
            return number
    return number if number.startswith("0") else "0" + number


def convert_old(number: str) -> str | None:
    """The new 10-digit number for an old 11-digit one; None when it is not an old number.

    >>> convert_old("0121 123 4567"), convert_old("01991234567")
    ('0791234567', '0591234567')
    >>> convert_old("0912345678") is None, convert_old("01701234567") is None
    (True, True)
    """
    number = compact(number)
    if len(number) != OLD_LENGTH or not (number.isascii() and number.isdigit()):
        return None
    new_prefix = OLD_TO_NEW.get(number[:4])
    return None if new_prefix is None else new_prefix + number[4:]


def validate(number: str) -> str:
    """Return the compact 10-digit mobile number or raise (in this order of checks):

    ``InvalidFormat`` (not digits), ``RuleError("old_number", pii_new_number=…)`` (an old
    11-digit number), ``RuleError("landline")`` (any 02… number: fixed lines since 2017),
    ``InvalidLength`` (``length``), ``RuleError("invalid")`` (phonenumbers: not a valid number,
    or a 10-digit 01… number), ``RuleError("not_mobile")`` (valid, but toll-free, premium…).

    >>> validate("0 98 765 4321")
    '0987654321'
    >>> validate("0037900000")
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.RuleError: invalid
    """
    number = compact(number)
    if not (number.isascii() and number.isdigit()):
        raise InvalidFormat()
    new_number = convert_old(number)
    if new_number is not None:
        raise RuleError("old_number", pii_new_number=new_number)
    if number.startswith("02"):
        raise RuleError("landline")
    if len(number) != LENGTH:
        raise InvalidLength(length=str(len(number)))
    if number.startswith("01"):
        raise RuleError("invalid")
    if _is_mobile_by_metadata(number[1:]) and _SUBSCRIBER_MOBILE.fullmatch(number):
        return number
    try:
        parsed = phonenumbers.parse(number, "VN")
    except phonenumbers.NumberParseException:  # "00…" reads as an international prefix
        raise RuleError("invalid") from None
    if not phonenumbers.is_valid_number(parsed):
        raise RuleError("invalid")
    kind = phonenumbers.number_type(parsed)
    if kind != PhoneNumberType.MOBILE or not _SUBSCRIBER_MOBILE.fullmatch(number):
        raise RuleError("not_mobile")
    return number


@cache
def _mobile_metadata() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[int]]:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("VN")
    assert metadata is not None  # phonenumbers ships VN metadata
    general, mobile = metadata.general_desc, metadata.mobile
    assert general is not None and mobile is not None
    assert general.national_number_pattern and mobile.national_number_pattern
    return (
        re.compile(general.national_number_pattern),
        re.compile(mobile.national_number_pattern),
        frozenset(mobile.possible_length or ()),
    )


def _is_mobile_by_metadata(national: str) -> bool:
    """phonenumbers' own MOBILE test (its VN metadata patterns) without parsing overhead.

    ``validate`` runs on every row of sheets with 100,000 people; a number that fails this fast
    test still goes through ``phonenumbers.parse`` to tell "invalid" from "not mobile".

    >>> _is_mobile_by_metadata("912345678"), _is_mobile_by_metadata("2438123456")
    (True, False)
    """
    general, mobile, lengths = _mobile_metadata()
    return (
        (not lengths or len(national) in lengths)
        and general.fullmatch(national) is not None
        and mobile.fullmatch(national) is not None
    )


def validate_with_conversion(number: str) -> tuple[str, str | None]:
    """Like ``validate``, but map an old 11-digit number: (new number, old number or None).

    >>> validate_with_conversion("+84 168 123 4567")
    ('0381234567', '01681234567')
    """
    old = compact(number)
    new_number = convert_old(old)
    if new_number is None:
        return validate(number), None
    return validate(new_number), old


def is_valid(number: str) -> bool:
    """Whether plain ``validate`` accepts the number (an old number is not valid as it is).

    >>> is_valid("0912345678"), is_valid("01621234567"), is_valid("02438123456")
    (True, False, False)
    """
    return accepts(validate, number)


def format(number: str) -> str:
    """``0912 345 678`` for a 10-digit number; anything else comes back compact.

    >>> format("+84912345678")
    '0912 345 678'
    """
    number = compact(number)
    if len(number) != LENGTH:
        return number
    return f"{number[:4]} {number[4:7]} {number[7:]}"


def carrier(number: str) -> str:
    """The network the prefix was allotted to, as a help to the clerk; "" when unknown.

    Subscribers may have moved network keeping their number, so this is a hint, not a fact.
    An old 11-digit number is named by its new prefix.

    >>> carrier("0901234567"), carrier("0561234567"), carrier("0591234567"), carrier("0559123456")
    ('MobiFone', 'Vietnamobile', 'Gmobile', 'Reddi')
    >>> carrier("01231234567")
    'Vinaphone'
    >>> carrier("0951234567"), carrier("garbage")
    ('', '')
    """
    number = convert_old(number) or compact(number)
    name = CARRIER_PREFIXES.get(number[:3])
    if name is not None:
        return name
    try:
        parsed = phonenumbers.parse(number, "VN")
    except phonenumbers.NumberParseException:
        return ""
    if parsed.country_code != 84:
        return ""
    # Loaded only when a clerk's number needs naming: the carrier tables take 0.1 s to import,
    # a quarter of a small validate.
    from phonenumbers import carrier as pn_carrier

    name = pn_carrier.name_for_number(parsed, "en")
    return _CARRIER_NAMES.get(name, name)


# Between two numbers in one cell: ; , / | & a newline, a dash with spaces round it (a dash
# inside "0912-345-678" groups digits), or the words "hoặc", "và", "or".
_BETWEEN_NUMBERS = re.compile(r"[;,/|&\n\r]+|\s[-–—]\s|\s+(?:hoặc|và|or|hay|and)\s+", re.IGNORECASE)
_MIN_DIGITS = 9


# One number as a clerk writes it: digits, with spaces, dots, dashes, brackets or a plus inside.
_NUMBER = re.compile(r"[+(]?\d(?:[\d\s.\-()]*\d)?\)?")
# What is left of a note once the number is out: labels end in ":" or sit in brackets.
_NOTE_PUNCTUATION = " \t:;,.-–—()[]{}*"


def split_note(text: str) -> tuple[str, str]:
    """(the numbers, the words written around them) for a cell that adds a note to its numbers.

    Clerks label the number ("DĐ: …", "SĐT …") or remark on it ("(zalo)", "- chị Lan"). The
    words are taken out so the number can be checked, and returned so the clerk can see them:
    a note may say the number is someone else's. A part with digits outside its one number is
    left whole (its check then says what is wrong).

    >>> split_note("DĐ: 0912 345 678"), split_note("0912345678 (zalo)")
    (('0912 345 678', 'DĐ'), ('0912345678', 'zalo'))
    >>> split_note("0912345678 - chị Lan"), split_note("0912345678; NR: 024 3812 3456")
    (('0912345678', 'chị Lan'), ('0912345678; 024 3812 3456', 'NR'))
    >>> split_note("0912345678 hoặc 0987654321"), split_note("0912.345.678")
    (('0912345678 hoặc 0987654321', ''), ('0912.345.678', ''))
    >>> split_note("DĐ1: 0912345678"), split_note("không có")
    (('DĐ1: 0912345678', ''), ('không có', ''))

    A letter written for a digit is no note: the cell stays whole and its check says why.

    >>> split_note("O912345678"), split_note("0912345678l")
    (('O912345678', ''), ('0912345678l', ''))
    """
    pieces = re.split(f"({_BETWEEN_NUMBERS.pattern})", text, flags=re.IGNORECASE)
    kept: list[tuple[str, str]] = []  # (the separator before, the number)
    notes: list[str] = []
    for index in range(0, len(pieces), 2):  # even pieces are numbers, odd ones separators
        piece, before = pieces[index], pieces[index - 1] if index else ""
        numbers = _NUMBER.findall(piece)
        note = piece.replace(numbers[0], " ", 1) if len(numbers) == 1 else piece
        note = " ".join(note.strip(_NOTE_PUNCTUATION).split())
        if (
            len(numbers) > 1
            or not any(c.isalpha() for c in note)
            or any(c.isnumeric() for c in note)
            or _spelled_number(note)
            or (len(numbers) == 1 and _glued(piece, numbers[0]))
        ):
            kept.append((before, piece))  # a plain number, a separator's leftovers, or no note
            continue
        notes.append(note)
        if numbers:
            kept.append((before, piece[: len(piece) - len(piece.lstrip())] + numbers[0].strip()))
    if not notes or not kept:
        return text, ""
    return "".join(before + piece for before, piece in kept).lstrip(" ;,/|&-–—"), ", ".join(notes)


# Digits as words ("không chín một hai…"): a note of several of them is a number spelled out,
# which no mask would hide in the warning that quotes it.
_DIGIT_WORDS = frozenset((
    "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín",
    "linh", "lẻ", "mươi", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine",
))  # fmt: skip
_SPELLED_DIGITS = 3


def _spelled_number(note: str) -> bool:
    """Whether a note holds a number spelled out in words (three digit words or more).

    >>> _spelled_number("không chín tám bảy"), _spelled_number("số của ba"), _spelled_number("zalo")
    (True, False, False)
    """
    words = note.casefold().split()
    return sum(word.strip("()[],.;:-") in _DIGIT_WORDS for word in words) >= _SPELLED_DIGITS


def _glued(piece: str, number: str) -> bool:
    """Whether a letter touches the number: "O912345678" or "0912345678l" is a digit typed as a
    letter, not a note (taking the letter out would change the number).

    >>> _glued("O912345678", "912345678"), _glued("DĐ: 0912345678", "0912345678")
    (True, False)
    """
    at = piece.find(number)
    before, after = piece[at - 1 : at] if at else "", piece[at + len(number) : at + len(number) + 1]
    return before.isalpha() or after.isalpha()


def split_numbers(text: str) -> list[str]:
    """The numbers of a cell that holds several; one item when it holds one.

    Numbers only separated by spaces count as several when each part is a whole number (9 or
    more digits), since "0912 345 678" is one number written in groups.

    >>> split_numbers("0912345678 - 0987654321"), split_numbers("0912.345.678")
    (['0912345678', '0987654321'], ['0912.345.678'])
    >>> split_numbers("0912345678 / 024 3812 3456")
    ['0912345678', '024 3812 3456']
    >>> split_numbers("0912345678\\n0987654321"), split_numbers("0912345678 0987654321")
    (['0912345678', '0987654321'], ['0912345678', '0987654321'])
    >>> split_numbers("0912 345 678")
    ['0912 345 678']

    Two 10-digit numbers written in groups run together: 20 digits split in the middle.

    >>> split_numbers("0912 345 678 0987 654 321")
    ['0912345678', '0987654321']
    """
    parts = [part.strip() for part in _BETWEEN_NUMBERS.split(text) if part.strip()]
    if len(parts) == 1:
        words = parts[0].split()
        digits = compact(parts[0])
        if len(words) > 1 and all(sum(c.isdigit() for c in w) >= _MIN_DIGITS for w in words):
            parts = words
        elif len(digits) == 2 * LENGTH and digits.isdigit():
            parts = [digits[:LENGTH], digits[LENGTH:]]
    return parts or [text]


def choose_mobile(text: str) -> tuple[str, list[str]] | None:
    """For a cell with several numbers: (the one mobile, the others), or None.

    Raises ``RuleError("several_numbers", count=…)`` when two or more are mobiles (the employee
    must choose one: BHXH texts the account to it). None when the cell holds one number or no
    mobile at all (the caller then checks it as one value and reports why).

    >>> choose_mobile("0912345678 / 024 3812 3456")
    ('0912345678', ['024 3812 3456'])
    >>> choose_mobile("0912345678; 0987654321")
    Traceback (most recent call last):
        ...
    vssid_batch.rules.errors.RuleError: several_numbers
    >>> choose_mobile("0912 345 678") is None
    True

    The same mobile written twice is one mobile ("0912345678, 0912.345.678" pasted from two
    forms): there is nothing to choose.

    >>> choose_mobile("0912345678, 0912.345.678"), choose_mobile("0912345678 & 024 3812 3456")
    (('0912345678', []), ('0912345678', ['024 3812 3456']))
    """
    parts = split_numbers(text)
    if len(parts) < 2:
        return None
    mobiles: dict[str, str] = {}  # the number as dialled → the first part that writes it
    for part in parts:
        if is_valid(convert_old(part) or part):
            mobiles.setdefault(_dialled(part), part)
    if len(mobiles) > 1:
        raise RuleError("several_numbers", count=str(len(mobiles)))
    if not mobiles:
        return None
    ((dialled, mobile),) = mobiles.items()
    return mobile, [part for part in parts if _dialled(part) != dialled]


def _dialled(part: str) -> str:
    return compact(convert_old(part) or part)
