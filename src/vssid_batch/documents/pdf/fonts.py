"""The embedded Tinos fonts (Times New Roman metrics, full Vietnamese), registered once.

The tool never looks for system fonts: the TTF files ship inside the package (OFL.txt). They
are the upstream fonts without TrueType hinting (``tools/build_fonts.py``): a printer does not
use it, and it was a third of every embedded glyph's bytes.

Speed and size: reportlab embeds, per document, a subset of each font holding the glyphs that
document used, and builds it from the TTF, compresses it and writes its widths every time. A batch
makes thousands of one-page documents with nearly the same glyphs, so ``SharedSubsetTTFont``
starts every document's subset with an ``Alphabet``, per face: the characters the whole batch
draws in that face (``documents.alphabet``), or for a one-off document the whole Vietnamese
alphabet (``FULL``). The subsets then come out identical from one document to the next, whatever
chunk or worker process drew them, and their PDF objects are built once per process.

The alphabet also fixes the byte each of its characters gets in the first subset, whatever the
document: ``seeded_bytes`` encodes text from that table once per process, so drawing can write
the text operator without asking reportlab to split and encode the string on every page.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFNameBytes,
    TTFont,
    TTFontFace,
)

from vssid_batch.atomic import atomic_path
from vssid_batch.files import private_folder, user_cache_folder

# The font files stay in documents/fonts/ (package data, with their licence).
FONT_DIR = Path(__file__).parent.parent / "fonts"

REGULAR = "Tinos"
BOLD = "Tinos-Bold"
ITALIC = "Tinos-Italic"
BOLD_ITALIC = "Tinos-BoldItalic"

_FILES = {
    REGULAR: "Tinos-Regular.ttf",
    BOLD: "Tinos-Bold.ttf",
    ITALIC: "Tinos-Italic.ttf",
    BOLD_ITALIC: "Tinos-BoldItalic.ttf",
}


@cache
def register_fonts() -> None:
    """Register the four faces with reportlab (cached: once per process)."""
    for name, filename in _FILES.items():
        # Not ASCII-readable: that layout puts all 95 printable ASCII glyphs in every subset,
        # used or not (5.7 KB per face and document).
        path = str(FONT_DIR / filename)
        with _faces_from_cache():
            font = SharedSubsetTTFont(name, path, asciiReadable=False)
        pdfmetrics.registerFont(font)


# ---------------------------------------------------------------------------------------------
# The face cache. reportlab parses a TTF's tables in Python (14 ms a face, 55 ms for the four),
# in every process that draws: a small batch's parent, its helper, each worker. What the parse
# yields is plain data (the face object's attributes: metrics, character map, glyph offsets),
# so it is kept, once per font file and reportlab and Python version, in the user's cache
# folder (``files.user_cache_folder``) with ``marshal`` (Python's own format for its bytecode
# cache: plain values only, never code), and read back in a fraction of the time. A face read
# back has the same attributes as a parsed one (tests/test_reportlab_fence.py), so documents
# are byte-identical. Anything unexpected (no cache folder, a foreign or damaged file, a value
# marshal cannot hold) means parsing as before.

_FACE_CACHE_FORMAT = 1
_NOT_KEPT = frozenset({"_ttf_data", "_pdfScale"})  # the file's bytes; a function of unitsPerEm


@contextlib.contextmanager
def _faces_from_cache() -> Iterator[None]:
    """While ``TTFont.__init__`` runs, its face is a ``_CachedFace`` (it names ``TTFontFace``
    from its module, which the fence's canary checks)."""
    ttfonts.TTFontFace = _CachedFace
    try:
        yield
    finally:
        ttfonts.TTFontFace = TTFontFace


class _CachedFace(TTFontFace):  # type: ignore[misc]  # reportlab has no type hints
    """A ``TTFontFace`` read back from the face cache when it is there, else parsed and kept."""

    def __init__(self, filename: str, validate: int = 0, subfontIndex: int = 0) -> None:
        data = Path(filename).read_bytes()
        kept = _face_file(filename, data) if not validate and subfontIndex == 0 else None
        state = _read_face(kept) if kept is not None else None
        if state is None:
            TTFontFace.__init__(self, filename, validate=validate, subfontIndex=subfontIndex)
            if kept is not None:
                _keep_face(kept, self.__dict__)
            return
        self.__dict__.update(state)
        self._ttf_data = data
        self._pdfScale = _pdf_scale(self.unitsPerEm)


def _pdf_scale(units_per_em: int) -> Callable[[float], float]:
    """reportlab's font-unit → 1/1000 em scaling, as its parser sets it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


@cache
def _face_folder() -> Path | None:
    """The cache's font folder, made and checked once per process (None: no cache)."""
    folder = user_cache_folder()
    if folder is None or not private_folder(folder / "fonts"):
        return None
    return folder / "fonts"


def _face_file(filename: str, data: bytes) -> Path | None:
    folder = _face_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(data).hexdigest()[:24]
    python = "".join(map(str, sys.version_info[:2]))
    name = f"{Path(filename).stem}-{digest}-rl{reportlab.Version}-py{python}-{_FACE_CACHE_FORMAT}"
    return folder / f"{name}.face"


def _read_face(path: Path) -> dict[str, Any] | None:
    """The face attributes kept in ``path``, or None when it is missing or not what we wrote."""
    try:
        names, values = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(names, dict) and isinstance(values, dict)):
        return None
    if not all(isinstance(v, str) for v in names.values()) or "unitsPerEm" not in values:
        return None
    return {**values, **{key: TTFNameBytes(text.encode("utf-8")) for key, text in names.items()}}


def _keep_face(path: Path, state: Mapping[str, Any]) -> None:
    names = {k: v.ustr for k, v in state.items() if isinstance(v, TTFNameBytes)}
    values = {k: v for k, v in state.items() if k not in names and k not in _NOT_KEPT}
    try:
        with atomic_path(path) as temporary:
            temporary.write_bytes(marshal.dumps((names, values)))
    except (OSError, ValueError):  # a read-only cache, or a value marshal cannot hold
        return
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` set in ``font`` at ``size``."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


@lru_cache(maxsize=4096)
def width(text: str, font: str, size: float) -> float:
    """``text_width`` with a cache: labels and words repeat on every form of a batch."""
    return text_width(text, font, size)


# Printable ASCII, every precomposed Vietnamese letter in both cases, and the typographic marks
# our documents use: one subset per face covers any Vietnamese text.
_VIETNAMESE = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)
SEED = "".join(map(chr, range(32, 127))) + _VIETNAMESE + "–—…‘’“”•№"


@dataclass(frozen=True)
class Alphabet:
    """The characters each face's subsets start with, in code point order.

    Documents drawn with the same alphabet get the same subsets and the same byte for each of
    its characters, whatever else they draw: the per-person files of a batch do not depend on
    how the batch was cut into chunks or spread over processes.

    >>> Alphabet.of({"Tinos": "bab ", "Tinos-Bold": ""}).chars("Tinos")
    'ab'
    >>> Alphabet.of({"Tinos": "ab"}).chars("Tinos-Italic")
    ''
    """

    faces: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, chars: Mapping[str, Iterable[str]]) -> Alphabet:
        # The space always has code 32 (word spacing applies to that byte), so it is not seeded.
        return cls(
            tuple(
                sorted(
                    (font, "".join(sorted(set(text) - {" ", "\xa0"})))
                    for font, text in chars.items()
                )
            )
        )

    def chars(self, font: str) -> str:
        return self._by_font.get(font, "")

    @cached_property
    def _by_font(self) -> dict[str, str]:  # asked for every string drawn
        return dict(self.faces)


FULL = Alphabet.of({font: SEED for font in _FILES})

_ALPHABET = "_vssid_alphabet"  # attribute of reportlab's document object


def set_document_alphabet(document: Any, alphabet: Alphabet) -> None:
    """Seed ``document``'s font subsets with ``alphabet`` (before anything is drawn in it)."""
    setattr(document, _ALPHABET, alphabet)


def alphabet_of(document: Any) -> Alphabet:
    """The alphabet of ``document``: ``FULL`` unless ``set_document_alphabet`` chose another."""
    alphabet: Alphabet = getattr(document, _ALPHABET, FULL)
    return alphabet


def drawn_characters(document: Any) -> dict[str, str]:
    """Face → the characters ``document`` drew in it, from reportlab's per-document code
    assignments, which are dropped (the document must not be saved after)."""
    drawn: dict[str, str] = {}
    for font, _ in FULL.faces:
        state = pdfmetrics.getFont(font).state.pop(document, None)
        if state is not None:
            drawn[font] = "".join(chr(code) for code in state.assignments if code > 0)
    return drawn


class _Probe:
    """Stands in for a document, to read the codes the seed gets (fonts keep state per document)."""


@lru_cache(maxsize=64)
def seeded_codes(font: str, chars: str) -> Mapping[str, int]:
    """Character → byte in subset 0 of ``font``, for the characters whose byte is the same in
    every document seeded with ``chars``: the space and ``chars`` (assigned first, in order, by
    ``SharedSubsetTTFont``)."""
    register_fonts()
    ttf = pdfmetrics.getFont(font)
    if not isinstance(ttf, SharedSubsetTTFont):  # pragma: no cover - our fonts always are
        return {}
    assignments: dict[int, int] = ttf._seeded_state(chars).assignments
    codes = {chr(char): code for char, code in assignments.items() if char > 0 and code < 256}
    for space in WORD_SPACES:  # reportlab writes a no-break space as a space
        codes[space] = 32
    return codes


# The characters written as byte 32, the space: PDF word spacing (``Tw``) widens every one of
# them, the no-break space included.
WORD_SPACES = " \xa0"


def word_spaces(text: str) -> int:
    """How many characters of ``text`` word spacing widens.

    >>> word_spaces("25\u00a0người và 3 người")
    4
    """
    return sum(text.count(space) for space in WORD_SPACES)


def seeded_bytes(font: str, text: str, chars: str) -> bytes | None:
    """``text`` encoded for subset 0 of ``font`` in any document seeded with ``chars``, or None
    when a character is not in the seed (its byte then depends on what the document drew
    before)."""
    codes = seeded_codes(font, chars)
    try:
        return bytes([codes[char] for char in text])
    except KeyError:
        return None


def subset_resource(font: str, document: Any) -> str:
    """The PDF name (``/F2+0``) of subset 0 of ``font`` in ``document``, registering the font
    with the document (in the order of first use, as drawing a string does) and seeding it."""
    ttf = pdfmetrics.getFont(font)
    ttf.splitString("", document)
    return str(ttf.getSubsetInternalName(0, document))


class _Serialized(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """A PDF value whose bytes were produced once (e.g. a subset's ``Widths`` array)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class SharedSubsetTTFont(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """A ``TTFont`` whose per-document subsets are seeded and whose subset objects are cached.

    The PDF it writes is the same as reportlab's except that each subset also holds the glyphs
    of the document's ``Alphabet``; the output stays byte-identical for the same input.
    """

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        state = self._assignState(doc)
        if not getattr(state, "seeded", False):
            state.seeded = True
            self._seed(state, doc)
        return TTFont.splitString(self, text, doc, encoding)

    def _seed(self, state: Any, doc: Any) -> None:
        """Assign the alphabet's characters their codes: a copy of the seeded state made once
        per process and alphabet (assigning them one by one cost half a millisecond per font and
        document)."""
        chars = alphabet_of(doc).chars(self.fontName)
        seeded = self._seeded_state(chars)
        fresh = TTFont.State(self._asciiReadable, self)
        if (state.nextCode, state.assignments, state.subsets) == (
            fresh.nextCode,
            fresh.assignments,
            fresh.subsets,
        ):
            state.nextCode = seeded.nextCode
            state.assignments = dict(seeded.assignments)
            state.subsets = [list(subset) for subset in seeded.subsets]
        else:  # pragma: no cover - something assigned codes before the first split
            TTFont.splitString(self, chars, doc)

    def _seeded_state(self, chars: str) -> Any:
        cache: dict[str, Any] = self.__dict__.setdefault("_seeded", {})
        seeded = cache.get(chars)
        if seeded is None:
            probe = _Probe()
            TTFont.splitString(self, chars, probe)
            seeded = cache[chars] = self.state.pop(probe)
        return seeded

    def addObjects(self, doc: Any) -> None:
        """As ``TTFont.addObjects``, with font file, ToUnicode map and widths from the cache."""
        state = self._assignState(doc)
        state.frozen = 1
        fonts = doc.idToObject["BasicFonts"].dict
        for number, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(number, doc)[1:]
            base = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            base_name = base.decode("pdfdoc")
            parts = _subset_parts(self, tuple(subset), base_name, bool(doc.compression))
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {number}"
            font.Name = internal
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Serialized(parts.widths)
            font.ToUnicode = doc.Reference(parts.cmap(), "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self._descriptor(doc, base_name, parts)
            doc.Reference(font, internal)
            fonts[internal] = font
        del self.state[doc]

    def _descriptor(self, doc: Any, base_name: str, parts: _SubsetParts) -> Any:
        face = self.face
        font_file = doc.Reference(parts.font_file(), f"fontFile:{face.filename}({base_name})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(base_name),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": font_file,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + base_name)


class _SubsetParts:
    """The document-independent bytes of one subset: font program, ToUnicode map, widths."""

    def __init__(self, font: TTFont, subset: tuple[int, ...], base_name: str, compress: bool):
        self._program = font.face.makeSubset(list(subset))
        self._cmap = to_unicode_cmap(base_name, subset).encode("ascii")
        if compress:  # made once per process and batch, embedded in every form: squeeze hard
            self._program_z: bytes | None = zlib.compress(self._program, 9)
            self._cmap_z: bytes | None = zlib.compress(self._cmap, 9)
        else:
            self._program_z = self._cmap_z = None
        # A tenth of a unit (1/10,000 em) is far below what a printer or screen can show, and
        # the array is written uncompressed into every document: 333.0078 → 333.
        widths = pdfdoc.PDFArray([round(font.face.getCharWidth(code), 1) for code in subset])
        self.widths: bytes = widths.format(pdfdoc.DummyDoc())

    def font_file(self) -> Any:
        stream = _stream(self._program, self._program_z)
        stream.dictionary["Length1"] = len(self._program)
        return stream

    def cmap(self) -> Any:
        return _stream(self._cmap, self._cmap_z)


def _stream(content: bytes, compressed: bytes | None) -> Any:
    """A fresh stream object (each document names its own) around shared bytes.

    Setting ``Filter`` ourselves tells reportlab the content is already encoded.
    """
    stream = pdfdoc.PDFStream()
    if compressed is None:
        stream.content = content
    else:
        stream.content = compressed
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return stream


@lru_cache(maxsize=64)
def _subset_parts(
    font: TTFont, subset: tuple[int, ...], base_name: str, compress: bool
) -> _SubsetParts:
    return _SubsetParts(font, subset, base_name, compress)


def to_unicode_cmap(font_name: str, subset: tuple[int, ...]) -> str:
    """The ToUnicode CMap of a subset (byte → character, for copying and searching text),
    as reportlab's ``makeToUnicodeCMap`` but with runs of consecutive characters written as
    ranges: alphabets are assigned in code point order, so most of a subset is runs.

    >>> print(to_unicode_cmap("F", (0, 0x41, 0x42, 0x43, 0x1EA1)).split("endcodespacerange")[1])
    <BLANKLINE>
    1 beginbfrange
    <01> <03> <0041>
    endbfrange
    2 beginbfchar
    <00> <0000>
    <04> <1EA1>
    endbfchar
    endcmap
    CMapName currentdict /CMap defineresource pop
    end
    end
    """
    ranges: list[tuple[int, int, int]] = []  # first byte, last byte, first character
    for code, char in enumerate(subset):
        if ranges and _extends(ranges[-1], code, char):
            ranges[-1] = (ranges[-1][0], code, ranges[-1][2])
        else:
            ranges.append((code, code, char))
    spans = [f"<{a:02X}> <{b:02X}> <{c:04X}>" for a, b, c in ranges if b > a]
    singles = [f"<{a:02X}> <{c:04X}>" for a, b, c in ranges if b == a]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        *_cmap_blocks("bfrange", spans),
        *_cmap_blocks("bfchar", singles),
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _extends(run: tuple[int, int, int], code: int, char: int) -> bool:
    """Whether (code, char) continues ``run``; a range may only vary the character's low byte."""
    first, last, start = run
    expected = start + (code - first)
    return code == last + 1 and char == expected and char >> 8 == start >> 8 and char <= 0xFFFF


def _cmap_blocks(kind: str, entries: list[str]) -> list[str]:
    """``entries`` in blocks of at most 100, the most a CMap block may hold."""
    lines: list[str] = []
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines += [f"{len(block)} begin{kind}", *block, f"end{kind}"]
    return lines
