"""How values are written on the documents and the list: dates, counts, phones, names.

One module that both ``documents/`` (Mẫu 01, the cover letter) and ``batch/`` (danh sách) use, so
that the form, the letter and the list print a date, a phone number or a count the same way.
Pure functions; Vietnamese administrative conventions (Nghị định 30/2020, Phụ lục I).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from vssid_batch.models import Unit
from vssid_batch.rules import phone as phone_rule


def date_parts(on: date) -> tuple[str, str, str]:
    """Day, month, year as a document writes them: a day below 10 and the months 1 and 2 take a
    leading zero (no digit written in front can turn them into another date; 3–9 cannot become
    another month).

    >>> date_parts(date(2026, 2, 5)), date_parts(date(2026, 3, 9)), date_parts(date(2026, 11, 25))
    (('05', '02', '2026'), ('09', '3', '2026'), ('25', '11', '2026'))
    """
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"{on.day:02d}", month, str(on.year)


def date_fields(on: date | None) -> dict[str, str | None]:
    """{dd}, {mm}, {yyyy} for a template; all None (dotted leaders) when ``on`` is None.

    >>> date_fields(date(2026, 2, 5))
    {'dd': '05', 'mm': '02', 'yyyy': '2026'}
    >>> date_fields(None)["mm"] is None
    True
    """
    if on is None:
        return {"dd": None, "mm": None, "yyyy": None}
    day, month, year = date_parts(on)
    return {"dd": day, "mm": month, "yyyy": year}


def dated_place(place: str, on: date) -> str:
    """The địa danh and date line.

    >>> dated_place("Hà Nội", date(2026, 2, 5))
    'Hà Nội, ngày 05 tháng 02 năm 2026'
    >>> dated_place("Hà Nội", date(2026, 11, 25))
    'Hà Nội, ngày 25 tháng 11 năm 2026'
    >>> dated_place("Hà Nội", date(2026, 3, 1))
    'Hà Nội, ngày 01 tháng 3 năm 2026'
    """
    day, month, year = date_parts(on)
    return f"{place}, ngày {day} tháng {month} năm {year}"


def letter_number(unit: Unit, on: date) -> str:
    """Số và ký hiệu: numbers below 10 get a leading zero (Phụ lục I).

    The year is part of the number because a unit's numbering restarts every year.
    """
    return f"{unit.letter.number:02d}/{on.year}/{unit.letter.symbol}"


def vietnamese_count(n: int) -> str:
    """Digits grouped by dots, as Vietnamese documents write counts.

    >>> vietnamese_count(25), vietnamese_count(12500)
    ('25', '12.500')
    """
    return f"{n:,}".replace(",", ".")


def phone_text(phone: str) -> str:
    """A 10-digit mobile number grouped 4-3-3 as people read it aloud; anything else as given.

    >>> phone_text("0912345678"), phone_text("091.234.5678"), phone_text("02438251234")
    ('0912 345 678', '0912 345 678', '02438251234')
    """
    digits = re.sub(r"\D", "", phone)
    if len(digits) == phone_rule.LENGTH and digits.startswith("0"):
        return phone_rule.format(digits)
    return phone.strip()


def upper_name(name: str) -> str:
    """Vietnamese capitals: str.upper maps every precomposed letter (ễ → Ễ, đ → Đ) correctly.

    >>> upper_name("Nguyễn Thị Ánh Tuyết")
    'NGUYỄN THỊ ÁNH TUYẾT'
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).upper())


_VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def sort_key(text: str) -> tuple[list[int], str]:
    """Order Vietnamese text as a dictionary does: letters by the alphabet (a ă â … đ after d),
    then tone marks, case last.

    >>> sorted(["Kho", "Kế toán", "Đào tạo", "Dịch vụ", "Anh", "An ninh"], key=sort_key)
    ['An ninh', 'Anh', 'Dịch vụ', 'Đào tạo', 'Kế toán', 'Kho']
    >>> sorted(["\u0301", "a", "Ḹ", "L"], key=sort_key)  # a lone tone mark is no "a"
    ['a', 'L', 'Ḹ', '́']
    """
    letters: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        base = unicodedata.normalize("NFD", char)
        # keep the marks that make a letter (ă â ê ô ơ ư), drop the five tones
        kept = "".join(c for c in base if c not in "\u0300\u0301\u0303\u0309\u0323")
        # a lone tone mark is itself; "ḹ" without its dot is "l" + macron (two characters)
        letters.extend(_rank(letter) for letter in unicodedata.normalize("NFC", kept) or char)
    return letters, text


def _rank(letter: str) -> int:
    at = _VIETNAMESE_LETTERS.find(letter)
    if at < 0:  # spaces, digits and signs before letters, other scripts after
        at = ord(letter) - 0x110000 if ord(letter) < 0x80 else 0x100 + ord(letter)
    return at
