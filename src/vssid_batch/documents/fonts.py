"""The embedded Tinos fonts (Times New Roman metrics, full Vietnamese), registered once.

The tool never looks for system fonts: the TTF files ship inside the package (OFL.txt).

Speed: reportlab embeds, per document, a subset of each font holding the glyphs that document
used, and builds it from the TTF, compresses it and writes its widths every time. A batch makes
thousands of one-page documents with nearly the same glyphs, so ``SharedSubsetTTFont`` starts
every document's subset with the whole Vietnamese alphabet (``SEED``): the subsets then come out
identical from one document to the next and their PDF objects are built once per process.

The seed also fixes the byte each of its characters gets in the first subset, whatever the
document: ``seeded_bytes`` encodes text from that table once per process, so drawing can write
the text operator without asking reportlab to split and encode the string on every page.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFont,
    makeToUnicodeCMap,
)

FONT_DIR = Path(__file__).parent / "fonts"

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
        pdfmetrics.registerFont(SharedSubsetTTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` set in ``font`` at ``size``."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


# Printable ASCII, every precomposed Vietnamese letter in both cases, and the typographic marks
# our documents use. With reportlab's ASCII-readable layout the first subset has 159 free codes;
# this takes 143 of them, so one subset per face covers any Vietnamese text.
_VIETNAMESE = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)
SEED = "".join(map(chr, range(32, 127))) + _VIETNAMESE + "–—…‘’“”•№"


class _Probe:
    """Stands in for a document, to read the codes the seed gets (fonts keep state per document)."""


@cache
def seeded_codes(font: str) -> Mapping[str, int]:
    """Character → byte in subset 0 of ``font``, for the characters whose byte is the same in
    every document: printable ASCII (reportlab's ASCII-readable layout) and the rest of ``SEED``
    (assigned first, in a fixed order, by ``SharedSubsetTTFont``)."""
    register_fonts()
    ttf = pdfmetrics.getFont(font)
    if not isinstance(ttf, SharedSubsetTTFont):  # pragma: no cover - our fonts always are
        return {}
    assignments: dict[int, int] = ttf._seeded_state().assignments
    codes = {chr(char): code for char, code in assignments.items() if char > 0 and code < 256}
    if " " in codes:
        codes["\xa0"] = codes[" "]  # reportlab writes a no-break space as a space
    return codes


def seeded_bytes(font: str, text: str) -> bytes | None:
    """``text`` encoded for subset 0 of ``font`` in any document, or None when a character is
    not in the seed (its byte then depends on what the document drew before)."""
    codes = seeded_codes(font)
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

    The PDF it writes is the same as reportlab's except that each subset also holds the
    ``SEED`` glyphs; the output stays byte-identical for the same input.
    """

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        state = self._assignState(doc)
        if not getattr(state, "seeded", False):
            state.seeded = True
            self._seed(state, doc)
        return TTFont.splitString(self, text, doc, encoding)

    def _seed(self, state: Any, doc: Any) -> None:
        """Assign the ``SEED`` characters their codes: a copy of the seeded state made once per
        process (assigning them one by one cost half a millisecond per font and document)."""
        seeded = self._seeded_state()
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
            TTFont.splitString(self, SEED, doc)

    def _seeded_state(self) -> Any:
        seeded = self.__dict__.get("_seeded")
        if seeded is None:
            probe = _Probe()
            TTFont.splitString(self, SEED, probe)
            seeded = self.__dict__["_seeded"] = self.state.pop(probe)
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
        self._cmap = makeToUnicodeCMap(base_name, list(subset)).encode("latin-1")
        if compress:
            self._program_z: bytes | None = zlib.compress(self._program)
            self._cmap_z: bytes | None = zlib.compress(self._cmap)
        else:
            self._program_z = self._cmap_z = None
        widths = pdfdoc.PDFArray([font.face.getCharWidth(code) for code in subset])
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
