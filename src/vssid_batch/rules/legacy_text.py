"""Legacy Vietnamese encodings: TCVN3 (ABC, ".VnTime" fonts) and VNI (VNI-Windows, "VNI-Times").

Old sheets were typed with 8-bit Vietnamese fonts. The file keeps the font's byte values, so
when the cell is read as Unicode each byte is its Latin-1 character and the name comes out as
mojibake. ``convert`` recognises such text and repairs it; anything else comes back unchanged:

>>> convert("NguyÔn V¨n An") == ("Nguyễn Văn An", Encoding.tcvn3)
True
>>> convert("Nguyeãn Vaên An") == ("Nguyễn Văn An", Encoding.vni)
True
>>> convert("Nguyễn Văn An") == ("Nguyễn Văn An", None)
True
>>> convert("José Müller")[1] is None
True
>>> convert("Sè 12 phè Th¸i Hµ, §èng §a, Hµ Néi")
('Số 12 phố Thái Hà, Đống Đa, Hà Nội', <Encoding.tcvn3: 'TCVN3'>)

The encodings
-------------
TCVN3 gives every lower-case letter one byte (``¨`` ă, ``Ô`` ễ, ``µ`` à …) and only the seven
base capitals have their own (``¡ ¢ £ ¤ ¥ ¦ §`` = Ă Â Ê Ô Ơ Ư Đ). A capital with a tone mark is
the lower-case byte shown in the all-capitals "VnTimeH" font, so its case is not in the text:
``to_unicode`` writes such letters in capitals only inside words whose other cased letters are
all capitals (and, for a word like ``Hµ`` that has a single capital, when the whole cell is in
capitals):

>>> to_unicode("TRÇN ThÞ Hµ", Encoding.tcvn3), to_unicode("TRÇN THÞ Hµ", Encoding.tcvn3)
('TRẦN Thị Hà', 'TRẦN THỊ HÀ')

VNI writes a letter as its base letter followed by a Latin-1 character for the marks
(``a`` + ``ø`` = à, ``a`` + ``ê`` = ă, ``a`` + ``é`` = ắ, ``o`` + ``â`` = ô) and has single
characters for ơ ư đ and the toned i and ỵ (``ô ö ñ ì í æ ó ò î``); capitals are the Latin-1
capitals of the same characters. The case of a pair follows its base letter, so text that a
spreadsheet ``PROPER()`` turned into ``Aùnh`` still reads "Ánh".

Detection (``detect``)
----------------------
It must never touch real Unicode, so it returns None unless the legacy reading is clearly
better:

1. Text that is ASCII, or that has a letter or combining mark above U+00FF (real "ễ", or NFD
   text), is Unicode already. This is decided before any other work.
2. The text is cut into words (runs of ASCII letters and U+00A1–U+00FF). Each word with a
   non-ASCII character and more than one character, not glued to a digit ("2×3", "1½kg"), is
   judged as a Vietnamese syllable: consonants, one group of vowels that Vietnamese writes
   (``ai``, ``oa``, ``ươi``, ``uyê`` …) with at most one tone mark, on a vowel where Vietnamese
   puts it (old or new style: "hòa" or "hoà"), a final allowed after that group, and no
   capital inside the word. If every such word is a good syllable as it stands ("Tô Lâm",
   "Lê Hà") the text is Unicode.
3. Each encoding decodes the words and weighs them. A word that decodes to a syllable counts 1
   for the encoding, 2 when it holds a TCVN3 byte that is no letter at all (``¨ © « µ §`` …,
   which no real name contains); a word that does not counts 1 against, and so does a word
   the encoding leaves as it is unless it was a good syllable already ("Lý", VNI "ì"); an
   ASCII word with a vowel that is no syllable ("Dupont") counts ½ against. Syllables are
   judged strictly (Vietnamese initials and finals, and only the sắc or nặng tone before c,
   ch, p, t) except in words with such a TCVN3 symbol, where ethnic-minority spellings
   ("Ml«", "§¨k", "Bu«r") pass.
4. An encoding is detected when at least 3/4 of the weight is for it, when that share beats
   the share of good syllables in the text as it stands, and when it beats the other
   encoding's share. A tie is None.

So "Müller", "Søren", "José" or "Noël" stay as they are: under either encoding they decode to
no Vietnamese syllable ("Mỹller", "Sứren", "Josộ"):

>>> [detect(name) for name in ("Müller", "Søren Kierkegaard", "José", "Noël", "Björn")]
[None, None, None, None, None]
>>> detect("Tô Lâm"), detect("Nguye\\u0302\\u0303n")
(None, None)

Some text cannot be told apart. TCVN3 "Vò Tó" (Vũ Tú) is also valid Unicode and VNI "ña"
(đa) is also TCVN3 "ủa": both are left alone; the column they are in is the caller's to weigh.
A lone French "Loïc" is taken for VNI "Lọc" ("Loïc Dupont" is not).

``from_unicode`` writes text in a legacy encoding (as Unikey would): it is for tests and
examples.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from itertools import chain


class Encoding(str, Enum):
    """A legacy Vietnamese 8-bit encoding whose bytes arrived as Latin-1 characters."""

    tcvn3 = "TCVN3"
    vni = "VNI"


# -- the Vietnamese alphabet ------------------------------------------------------------------

_BASES = "aăâeêioôơuưy"
# The order of tones in every table below: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_SAC, _NANG = 4, 5


def _letter(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


# Lower-case vowel letter -> (vowel without tone, tone).
_VOWELS: dict[str, tuple[str, int]] = {
    _letter(base, tone): (base, tone) for base in _BASES for tone in range(len(_TONE_MARKS))
}
_CONSONANTS = frozenset("bcdđfghjklmnpqrstvwxz")

# -- TCVN3 (ABC) ----------------------------------------------------------------------------------

# One byte per lower-case letter, in tone order (none, huyền, hỏi, ngã, sắc, nặng); "\xad" is
# the soft-hyphen position, which TCVN3 uses for ư.
_TCVN3_ROWS = {
    "a": "aµ¶·¸¹",
    "ă": "¨»¼½¾Æ",
    "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ",
    "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä",
    "ô": "«åæçèé",
    "ơ": "¬êëìíî",
    "u": "uïñòóô",
    "ư": "\xadõö÷øù",
    "y": "yúûüýþ",
}
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

# TCVN3 byte -> lower-case letter, for the bytes whose case the text does not tell.
_TCVN3_LOWER: dict[str, str] = {
    code: _letter(base, tone)
    for base, row in _TCVN3_ROWS.items()
    for tone, code in enumerate(row)
    if not code.isascii()
} | {"®": "đ"}
_TCVN3_UPPER = {code: letter for letter, code in _TCVN3_CAPITALS.items()}
# Bytes that are no letter as Unicode (symbols, soft hyphen, ª, µ): no real name holds them.
_TCVN3_SYMBOLS = frozenset(
    code for code in chain(_TCVN3_LOWER, _TCVN3_UPPER) if "\xa1" <= code <= "\xbe" or code in "×÷"
)
# A capital with a tone mark has no byte: it gets the lower-case one ("Ễ" -> "Ô", as VnTimeH
# shows "Ô"). Capitals first, so that the lower-case letters and the seven capitals win.
_TCVN3_ENCODE: dict[str, str] = (
    {letter.upper(): code for code, letter in _TCVN3_LOWER.items()}
    | {letter: code for code, letter in _TCVN3_LOWER.items()}
    | _TCVN3_CAPITALS
)

# -- VNI (VNI-Windows) ----------------------------------------------------------------------------

_VNI_TONES = "øûõùï"  # after a e o u y ơ ư: huyền hỏi ngã sắc nặng
_VNI_CIRCUMFLEX = "âàåãáä"  # after a e o: ^, ^ huyền, ^ hỏi, ^ ngã, ^ sắc, ^ nặng
_VNI_BREVE = "êèúüéë"  # after a: ă, ằ, ẳ, ẵ, ắ, ặ
_VNI_I = "iìæóíò"  # i, ì, ỉ, ĩ, í, ị: one character each


def _vni_lower(base: str, tone: int) -> str:
    """The VNI spelling of a lower-case vowel."""
    if base == "i":
        return _VNI_I[tone]
    if base == "y" and tone == _NANG:
        return "î"
    if base in "ăâêô":
        plain, marks = {
            "ă": ("a", _VNI_BREVE),
            "â": ("a", _VNI_CIRCUMFLEX),
            "ê": ("e", _VNI_CIRCUMFLEX),
            "ô": ("o", _VNI_CIRCUMFLEX),
        }[base]
        return plain + marks[tone]
    plain = {"ơ": "ô", "ư": "ö"}.get(base, base)
    return plain + (_VNI_TONES[tone - 1] if tone else "")


_VNI_ENCODE: dict[str, str] = (
    {letter: _vni_lower(base, tone) for letter, (base, tone) in _VOWELS.items()}
    | {letter.upper(): _vni_lower(base, tone).upper() for letter, (base, tone) in _VOWELS.items()}
    | {"đ": "ñ", "Đ": "Ñ"}
)


def _vni_decoding() -> dict[str, str]:
    """VNI spelling (one or two characters) -> letter. A pair takes the case of its base
    letter, so "Aù" (what PROPER() makes of "aù") reads "Á" too."""
    table: dict[str, str] = {}
    for letter, spelling in _VNI_ENCODE.items():
        if spelling == letter:
            continue  # a, e, i … and the ì í that VNI shares with Unicode
        table[spelling] = letter
        if len(spelling) == 2:
            table[spelling[0] + spelling[1].swapcase()] = letter
    return table


_VNI_DECODE = _vni_decoding()
_VNI_PAIR_STARTS = frozenset(key[0] for key in _VNI_DECODE if len(key) == 2)

# -- syllables ------------------------------------------------------------------------------------

# Vowel group -> (where the tone may go with no final consonant, where it may go with one);
# None: the group does not occur that way. "hòa"/"hoà", "thủy"/"thuỷ": both styles are in use.
_ANY_END = ({0}, {0})
_GROUPS: dict[str, tuple[set[int] | None, set[int] | None]] = {
    **dict.fromkeys(_BASES, _ANY_END),
    **dict.fromkeys(
        [
            "ai",
            "ao",
            "au",
            "ay",
            "âu",
            "ây",
            "eo",
            "êu",
            "ia",
            "iu",
            "oi",
            "ôi",
            "ơi",
            "ua",
            "ui",
            "ưa",
            "ưi",
            "ưu",
        ],
        ({0}, None),
    ),
    **dict.fromkeys(["iê", "yê", "uô", "ươ", "uê"], ({1}, {1})),
    **dict.fromkeys(["oa", "oe", "uy"], ({0, 1}, {1})),
    **dict.fromkeys(["oă", "uâ"], (None, {1})),
    "uơ": ({1}, None),
    **dict.fromkeys(
        ["iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"],
        ({1}, None),
    ),
    "uyê": (None, {2}),
}
_ONSETS = frozenset(
    [
        "",
        "b",
        "c",
        "ch",
        "d",
        "đ",
        "g",
        "gh",
        "gi",
        "h",
        "k",
        "kh",
        "l",
        "m",
        "n",
        "ng",
        "ngh",
        "nh",
        "p",
        "ph",
        "qu",
        "r",
        "s",
        "t",
        "th",
        "tr",
        "v",
        "x",
    ]
)
_CODAS = frozenset(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"])
_STOP_CODAS = frozenset(["c", "ch", "p", "t"])  # only sắc or nặng before these
# Finals of ethnic-minority names written in the Vietnamese alphabet ("Đăk", "Buôr", "Mah").
_LOOSE_CODAS = _CODAS | {"h", "k", "l", "r", "s"}

_STRICT, _LOOSE, _AS_IS = range(3)


def _is_syllable(word: str, mode: int) -> bool:
    """Whether ``word`` (any case) is one Vietnamese syllable.

    ``_STRICT``: Vietnamese initials and finals. ``_LOOSE``: any short consonant clusters, as in
    ethnic-minority names. ``_AS_IS``: like loose, and a tone on the u of "qu" or the i of "gi"
    (common typing slips, "qúy") is fine.
    """
    if not (word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())):
        return False  # "bỈ", "NguyÔn": a capital inside a word
    word = word.lower()
    start = 0
    while start < len(word) and word[start] in _CONSONANTS:
        start += 1
    end = start
    while end < len(word) and word[end] in _VOWELS:
        end += 1
    onset, coda = word[:start], word[end:]
    if end == start or not _CONSONANTS.issuperset(coda):
        return False
    vowels = [_VOWELS[char] for char in word[start:end]]
    toned = [index for index, (_, tone) in enumerate(vowels) if tone]
    if len(toned) > 1:
        return False
    tone = vowels[toned[0]][1] if toned else 0
    place = toned[0] if toned else None
    group = "".join(base for base, _ in vowels)
    if mode == _STRICT:
        if coda not in _CODAS or (coda in _STOP_CODAS and tone not in (_SAC, _NANG)):
            return False
    elif len(onset) > 3 or "đ" in onset[1:] or coda not in _LOOSE_CODAS:
        return False
    readings = [(onset, group, place)]
    # "qu" and "gi" spell one consonant: "quý" is qu + ý, "già" is gi + à.
    glide = {"q": "u", "g": "i"}.get(onset)
    if glide and len(group) > 1 and group[0] == glide:
        if place != 0:
            readings.append((onset + glide, group[1:], None if place is None else place - 1))
        elif mode == _AS_IS:  # the tone typed on the glide: "qúy", "gìa"
            readings.append((onset + glide, group[1:], None))
    for initial, nucleus, where in readings:
        if initial == "q" or (mode == _STRICT and initial not in _ONSETS):
            continue
        allowed = _GROUPS.get(nucleus, (None, None))[bool(coda)]
        if allowed is not None and (where is None or where in allowed):
            return True
    return False


# -- decoding ----------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z\xa1-\xff]+")
_LATIN1 = frozenset(map(chr, range(256)))


def _decode_vni(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in _VNI_PAIR_STARTS:
            pair = _VNI_DECODE.get(text[index : index + 2])
            if pair is not None:
                out.append(pair)
                index += 2
                continue
        out.append(_VNI_DECODE.get(char, char))
        index += 1
    return "".join(out)


def _tcvn3_word_case(word: str) -> tuple[bool, bool, bool]:
    """(in capitals, of unknown case, has a lower-case letter) for a TCVN3 word.

    Only ASCII letters and the seven capital bytes show case. A word is in capitals when those
    are all capitals and there are two, or one that is not the first letter ("ÆM" is ẶM);
    with none, or just a capital first letter ("Hµ"), its case is unknown.
    """
    cased = [
        (index, char.isupper() or char in _TCVN3_UPPER)
        for index, char in enumerate(word)
        if (char.isascii() and char.isalpha()) or char in _TCVN3_UPPER
    ]
    if not all(upper for _, upper in cased):
        return False, False, True
    capitals = len(cased) >= 2 or (len(cased) == 1 and cased[0][0] > 0)
    return capitals, not capitals, False


def _decode_tcvn3(text: str) -> str:
    words = [(match, _tcvn3_word_case(match.group())) for match in _WORD.finditer(text)]
    text_upper = any(case[0] for _, case in words) and not any(case[2] for _, case in words)
    out: list[str] = []
    done = 0
    for match, (upper, caseless, _) in words:
        out.append(text[done : match.start()])
        capitals = upper or (caseless and text_upper)
        for char in match.group():
            if char in _TCVN3_UPPER:
                out.append(_TCVN3_UPPER[char])
            elif char in _TCVN3_LOWER:
                letter = _TCVN3_LOWER[char]
                out.append(letter.upper() if capitals else letter)
            else:
                out.append(char)
        done = match.end()
    out.append(text[done:])
    return "".join(out)


def to_unicode(text: str, encoding: Encoding) -> str:
    """Read ``text`` as ``encoding`` bytes seen as Latin-1; NFC. Other characters stay.

    >>> to_unicode("TrÇn ThÞ Hµ", Encoding.tcvn3), to_unicode("Traàn Thò Haø", Encoding.vni)
    ('Trần Thị Hà', 'Trần Thị Hà')
    >>> to_unicode("NGUYÔN V¡N AN", Encoding.tcvn3), to_unicode("ÑOÃ THÒ HÖÔØNG", Encoding.vni)
    ('NGUYỄN VĂN AN', 'ĐỖ THỊ HƯỜNG')
    """
    decoded = _decode_tcvn3(text) if encoding is Encoding.tcvn3 else _decode_vni(text)
    return unicodedata.normalize("NFC", decoded)


def from_unicode(text: str, encoding: Encoding) -> str:
    """Write Vietnamese ``text`` in ``encoding`` (its bytes as Latin-1 characters).

    Characters with no spelling in the encoding stay as they are. In TCVN3 a capital with a
    tone mark gets its lower-case byte, as Unikey writes it for the VnTimeH fonts.

    >>> from_unicode("Nguyễn Văn Ánh", Encoding.tcvn3), from_unicode("Nguyễn Văn Ánh", Encoding.vni)
    ('NguyÔn V¨n ¸nh', 'Nguyeãn Vaên AÙnh')
    """
    table = _TCVN3_ENCODE if encoding is Encoding.tcvn3 else _VNI_ENCODE
    return "".join(table.get(char, char) for char in unicodedata.normalize("NFC", text))


# -- detection ---------------------------------------------------------------------------------


def _has_unicode_letters(text: str) -> bool:
    """Whether a letter or combining mark above U+00FF shows the text is real Unicode."""
    if _LATIN1.issuperset(text):
        return False
    return any(
        char > "\xff" and (char.isalpha() or unicodedata.category(char).startswith("M"))
        for char in text
    )


def _share(good: float, bad: float) -> float:
    return good / (good + bad) if good + bad else 0.0


def _score(words: list[str], as_is: list[bool], encoding: Encoding, penalty: float) -> float:
    good = bad = 0.0
    for word, plausible in zip(words, as_is, strict=True):
        decoded = to_unicode(word, encoding)
        if decoded == word:
            bad += not plausible  # "Lý" is no evidence; an undecodable "Müller" is
            continue
        strong = encoding is Encoding.tcvn3 and not _TCVN3_SYMBOLS.isdisjoint(word)
        if _is_syllable(decoded, _LOOSE if strong else _STRICT):
            good += 2 if strong else 1
        else:
            bad += 1
    if good < 1 or good < 3 * (bad + penalty):
        return 0.0
    return _share(good, bad + penalty)


def detect(text: str) -> Encoding | None:
    """The legacy encoding ``text`` was typed in, or None (Unicode, ASCII, or not sure).

    >>> detect("NguyÔn V¨n An"), detect("Nguyeãn Vaên An")
    (<Encoding.tcvn3: 'TCVN3'>, <Encoding.vni: 'VNI'>)
    >>> detect("Nguyen Van An"), detect("Nguyễn Văn An"), detect("Lê Hà")
    (None, None, None)
    """
    if text.isascii() or _has_unicode_letters(text):
        return None
    legacy: list[str] = []
    penalty = 0.0
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word.isascii():
            # A word with a vowel that is no syllable ("Dupont"): a little evidence against.
            if (
                not word.isupper()
                and any(char in "aeiouyAEIOUY" for char in word)
                and not _is_syllable(word, _STRICT)
            ):
                penalty += 0.5
            continue
        glued = text[start - 1 : start].isdigit() or text[end : end + 1].isdigit()
        if len(word) > 1 and not glued:  # "µ", "2×3", "1½kg": too little to judge
            legacy.append(word)
    if not legacy:
        return None
    as_is = [_is_syllable(word, _AS_IS) for word in legacy]
    if all(as_is):
        return None
    baseline = _share(sum(as_is), as_is.count(False) + penalty)
    scores = {encoding: _score(legacy, as_is, encoding, penalty) for encoding in Encoding}
    best = max(scores, key=scores.__getitem__)
    others = [score for encoding, score in scores.items() if encoding is not best]
    if scores[best] <= baseline or any(score >= scores[best] for score in others):
        return None
    return best


def convert(text: str) -> tuple[str, Encoding | None]:
    """``(text in Unicode, the encoding found)``, or ``(text, None)`` unchanged.

    >>> convert("Ñoã Thò Ñaøo") == ("Đỗ Thị Đào", Encoding.vni)
    True
    >>> convert("Lª Hoµng Th¸i") == ("Lê Hoàng Thái", Encoding.tcvn3)
    True
    >>> convert("25 Tràng Tiền")
    ('25 Tràng Tiền', None)
    """
    encoding = detect(text)
    if encoding is None:
        return text, None
    return to_unicode(text, encoding), encoding
