"""Cut a chunk of rendered forms into one-page PDFs, and join chunks into one print PDF.

Why this exists: reportlab pays font subsetting, font embedding and document set-up once per
document. A batch renders a chunk of forms as one multi-page document (``render_forms``) and then
*copies* each page out into its own small PDF (``split_pages``): the page's content stream bytes
verbatim plus the font objects it uses. The print PDF is the chunks joined in order
(``PdfConcatenator``), streamed to the file object by object so memory does not grow with the
number of pages, and with byte-identical objects (the shared font subsets) written once.

Scope, on purpose narrow: this reads what reportlab writes — a classic ``xref`` table, no object
streams, no incremental updates, no encryption, every page attribute on the page itself. Anything
else raises ``PdfFormatError`` instead of producing a PDF that might be broken.

Output is deterministic: the same inputs give the same bytes (fixed dates, /ID from an MD5 of the
file body), like reportlab's ``invariant`` mode.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, NamedTuple, TypeAlias

from vssid_batch.documents.pdf.canvas import PRODUCER

__all__ = ["PdfConcatenator", "PdfFormatError", "PdfInfo", "split_pages"]


class PdfFormatError(ValueError):
    """The input is not the kind of PDF this module understands (see the module docstring)."""


@dataclass(frozen=True)
class PdfInfo:
    """The document metadata written into an output file."""

    title: str
    author: str


# ---------------------------------------------------------------------------------------------
# PDF values. Names, numbers and strings are kept as the bytes that were read, so copying an
# object never re-encodes (and never misreads) a string or a number.


class Name(bytes):
    """A PDF name: the raw bytes after the slash."""


class Atom(bytes):
    """A number, string, boolean or null, byte for byte as written."""


class Ref(NamedTuple):
    """An indirect reference ``num gen R``."""

    num: int
    gen: int


Value: TypeAlias = "Name | Atom | Ref | list[Value] | dict[Name, Value]"
PdfDict: TypeAlias = "dict[Name, Value]"


@dataclass(frozen=True)
class Stream:
    dictionary: PdfDict
    data: bytes  # still encoded (Filter applied): copied verbatim


Body: TypeAlias = "Value | Stream"

TYPE, PAGES, KIDS, PARENT = Name(b"Type"), Name(b"Pages"), Name(b"Kids"), Name(b"Parent")
CONTENTS, LENGTH, ROOT = Name(b"Contents"), Name(b"Length"), Name(b"Root")
# Keys a page may inherit from the page tree (PDF 32000 §7.7.3.4). reportlab never uses
# inheritance; copying a page whose tree node carries them would silently drop them.
INHERITABLE = frozenset(Name(key) for key in (b"Resources", b"MediaBox", b"CropBox", b"Rotate"))
# Trailer keys of files this module does not read correctly: refuse rather than guess.
UNSUPPORTED_TRAILER = frozenset(Name(key) for key in (b"Prev", b"XRefStm", b"Encrypt"))

# ---------------------------------------------------------------------------------------------
# Lexer and parser (PDF 32000 §7.2–7.3)

_WS = rb"\x00\t\n\x0c\r "
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_SKIP = re.compile(rb"(?:[" + _WS + rb"]|%[^\r\n]*)*")  # whitespace and comments
_NAME = re.compile(rb"/(" + _REGULAR + rb"*)")
_TOKEN = re.compile(_REGULAR + rb"+")
_HEX_STRING = re.compile(rb"<[0-9A-Fa-f" + _WS + rb"]*>")
_STRING_SPECIAL = re.compile(rb"[\\()]")
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_KEYWORDS = frozenset((b"true", b"false", b"null"))
# What must follow an integer for it to be a reference: "<gen> R", R standing alone.
_REF_TAIL = re.compile(rb"[" + _WS + rb"]+(\d+)[" + _WS + rb"]+R(?!" + _REGULAR + rb")")
_OBJ_HEAD = re.compile(rb"(\d+)[" + _WS + rb"]+(\d+)[" + _WS + rb"]+obj(?!" + _REGULAR + rb")")
_STREAM_END = re.compile(rb"(?:\r\n|\r|\n)?endstream")
_STARTXREF = re.compile(rb"startxref[" + _WS + rb"]+(\d+)")
_HEADER = re.compile(rb"%PDF-(\d)\.(\d)")


def _skip(data: bytes, pos: int) -> int:
    match = _SKIP.match(data, pos)
    return match.end() if match else pos


def _parse_value(data: bytes, pos: int) -> tuple[Value, int]:
    """The value starting at ``pos`` (after any whitespace) and the position just after it."""
    pos = _skip(data, pos)
    if pos >= len(data):
        raise PdfFormatError("unexpected end of data while reading a value")
    if data.startswith(b"<<", pos):
        return _parse_dict(data, pos + 2)
    first = data[pos : pos + 1]
    if first == b"[":
        return _parse_array(data, pos + 1)
    if first == b"/":
        name = _NAME.match(data, pos)
        assert name is not None  # "/" alone is the empty name, so this always matches
        return Name(name.group(1)), name.end()
    if first == b"(":
        end = _string_end(data, pos)
        return Atom(data[pos:end]), end
    if first == b"<":
        hex_string = _HEX_STRING.match(data, pos)
        if hex_string is None:
            raise PdfFormatError(f"malformed hex string at byte {pos}")
        return Atom(hex_string.group()), hex_string.end()
    return _parse_token(data, pos)


def _parse_token(data: bytes, pos: int) -> tuple[Value, int]:
    token = _TOKEN.match(data, pos)
    if token is None:
        raise PdfFormatError(f"unexpected {data[pos : pos + 1]!r} at byte {pos}")
    text = token.group()
    if text.isdigit():
        tail = _REF_TAIL.match(data, token.end())
        if tail is not None:
            return Ref(int(text), int(tail.group(1))), tail.end()
    if not (_NUMBER.fullmatch(text) or text in _KEYWORDS):
        raise PdfFormatError(f"unexpected keyword {text!r} at byte {pos}")
    return Atom(text), token.end()


def _parse_dict(data: bytes, pos: int) -> tuple[PdfDict, int]:
    result: PdfDict = {}
    while True:
        pos = _skip(data, pos)
        if data.startswith(b">>", pos):
            return result, pos + 2
        key, pos = _parse_value(data, pos)
        if not isinstance(key, Name):
            raise PdfFormatError(f"dictionary key is not a name near byte {pos}")
        result[key], pos = _parse_value(data, pos)


def _parse_array(data: bytes, pos: int) -> tuple[list[Value], int]:
    result: list[Value] = []
    while True:
        pos = _skip(data, pos)
        if data.startswith(b"]", pos):
            return result, pos + 1
        value, pos = _parse_value(data, pos)
        result.append(value)


def _string_end(data: bytes, pos: int) -> int:
    """Just past the literal string opening at ``pos``: parentheses nest, backslash escapes."""
    depth = 0
    while True:
        special = _STRING_SPECIAL.search(data, pos)
        if special is None:
            raise PdfFormatError("unterminated string")
        pos = special.end()
        char = special.group()
        if char == b"\\":
            pos += 1
        elif char == b"(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return pos


def _int(value: object, what: str) -> int:
    if isinstance(value, bytes) and value.isdigit():
        return int(value)
    raise PdfFormatError(f"{what}: expected a non-negative integer, got {value!r}")


# ---------------------------------------------------------------------------------------------
# Reading a document


class _Source:
    """One input PDF: the xref table, the trailer, and objects parsed on demand (cached)."""

    def __init__(self, data: bytes) -> None:
        header = _HEADER.match(data)
        if header is None:
            raise PdfFormatError("not a PDF: no %PDF-x.y header")
        self.data = data
        self.version = (int(header.group(1)), int(header.group(2)))
        self.trailer = self._read_xref()
        self._objects: dict[int, Body] = {}

    def _read_xref(self) -> PdfDict:
        data = self.data
        found = _STARTXREF.match(data, data.rfind(b"startxref", max(0, len(data) - 1024)))
        if found is None:
            raise PdfFormatError("no startxref at the end of the file")
        start = int(found.group(1))
        if not data.startswith(b"xref", start):
            raise PdfFormatError("no classic xref table (cross-reference streams unsupported)")
        trailer_at = data.find(b"trailer", start)
        if trailer_at < 0:
            raise PdfFormatError("no trailer after the xref table")
        self._offsets = _xref_entries(data[start + 4 : trailer_at].split())
        trailer, _ = _parse_value(data, trailer_at + len(b"trailer"))
        if not isinstance(trailer, dict):
            raise PdfFormatError("the trailer is not a dictionary")
        unsupported = UNSUPPORTED_TRAILER.intersection(trailer)
        if unsupported:
            names = ", ".join(sorted(key.decode("latin-1") for key in unsupported))
            raise PdfFormatError(f"unsupported trailer entries: {names}")
        return trailer

    def get(self, ref: Ref) -> Body:
        """The object ``ref`` points at (parsed once)."""
        body = self._objects.get(ref.num)
        if body is None:
            entry = self._offsets.get(ref.num)
            if entry is None or entry[1] != ref.gen:
                raise PdfFormatError(f"object {ref.num} {ref.gen} is not in the xref table")
            try:
                body = self._objects[ref.num] = self._read_object(ref.num, *entry)
            except RecursionError:
                raise PdfFormatError(f"object {ref.num} is nested too deeply") from None
        return body

    def dictionary(self, ref: Value | None, what: str) -> PdfDict:
        if not isinstance(ref, Ref):
            raise PdfFormatError(f"{what} is not an indirect reference")
        body = self.get(ref)
        if not isinstance(body, dict):
            raise PdfFormatError(f"{what} (object {ref.num}) is not a dictionary")
        return body

    def _read_object(self, num: int, offset: int, generation: int) -> Body:
        data = self.data
        head = _OBJ_HEAD.match(data, offset)
        if head is None or (int(head.group(1)), int(head.group(2))) != (num, generation):
            raise PdfFormatError(f"the xref offset of object {num} does not point at it")
        value, pos = _parse_value(data, head.end())
        pos = _skip(data, pos)
        body: Body = value
        if data.startswith(b"stream", pos):
            if not isinstance(value, dict):
                raise PdfFormatError(f"object {num}: stream without a dictionary")
            body, pos = self._read_stream(num, value, pos + len(b"stream"))
            pos = _skip(data, pos)
        if not data.startswith(b"endobj", pos):
            raise PdfFormatError(f"object {num}: no endobj where expected")
        return body

    def _read_stream(self, num: int, dictionary: PdfDict, pos: int) -> tuple[Stream, int]:
        # The data starts after CRLF or LF (§7.3.8.1) and is exactly /Length bytes long: it is
        # never scanned, so binary content cannot be mistaken for a keyword.
        data = self.data
        if data.startswith(b"\r\n", pos):
            pos += 2
        elif data.startswith(b"\n", pos):
            pos += 1
        else:
            raise PdfFormatError(f"object {num}: 'stream' not followed by an end of line")
        length: object = dictionary.get(LENGTH)
        if isinstance(length, Ref):
            length = self.get(length)
        end = pos + _int(length, f"object {num} /Length")
        closing = _STREAM_END.match(data, end) if end <= len(data) else None
        if closing is None:
            raise PdfFormatError(f"object {num}: /Length does not end at 'endstream'")
        return Stream(dictionary, data[pos:end]), closing.end()

    def pages(self) -> list[Ref]:
        """References to the pages, in document order (walks the page tree)."""
        catalog = self.dictionary(self.trailer.get(ROOT), "trailer /Root")
        pending: list[Value] = [catalog.get(PAGES, Atom(b"null"))]
        seen: set[int] = set()
        pages: list[Ref] = []
        while pending:
            ref = pending.pop()
            node = self.dictionary(ref, "a page tree node")
            assert isinstance(ref, Ref)  # dictionary() checked it
            if ref.num in seen:
                raise PdfFormatError(f"page tree visits object {ref.num} twice")
            seen.add(ref.num)
            kind = node.get(TYPE)
            if kind == b"Page":
                pages.append(ref)
            elif kind == b"Pages":
                pending.extend(reversed(_kids(node, ref.num)))
            else:
                raise PdfFormatError(f"page tree node {ref.num} has /Type {kind!r}")
        return pages


def _xref_entries(fields: list[bytes]) -> dict[int, tuple[int, int]]:
    """Object number → (offset, generation) for the in-use entries of an xref table."""
    entries: dict[int, tuple[int, int]] = {}
    index = 0
    while index < len(fields):
        if index + 2 > len(fields):
            raise PdfFormatError("truncated xref subsection header")
        first = _int(fields[index], "xref subsection start")
        count = _int(fields[index + 1], "xref subsection count")
        index += 2
        rows = fields[index : index + 3 * count]
        if len(rows) != 3 * count:
            raise PdfFormatError("truncated xref table")
        for number in range(count):
            offset, generation, kind = rows[3 * number : 3 * number + 3]
            if kind == b"n":
                entries[first + number] = (_int(offset, "xref offset"), _int(generation, "gen"))
            elif kind != b"f":
                raise PdfFormatError(f"xref entry of type {kind!r}")
        index += 3 * count
    return entries


def _kids(node: PdfDict, num: int) -> list[Value]:
    inherited = INHERITABLE.intersection(node)
    if inherited:
        raise PdfFormatError(f"page tree node {num} has attributes pages inherit; unsupported")
    kids = node.get(KIDS)
    if not isinstance(kids, list):
        raise PdfFormatError(f"page tree node {num} has no /Kids array")
    return kids


# ---------------------------------------------------------------------------------------------
# Following references


def _refs(value: Value) -> Iterator[Ref]:
    """Every reference inside ``value``, in order of appearance."""
    if isinstance(value, Ref):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)


def _stream_dict(stream: Stream) -> PdfDict:
    """The stream's dictionary with /Length as a direct number (an indirect one is dropped)."""
    return {**stream.dictionary, LENGTH: Atom(b"%d" % len(stream.data))}


def _body_refs(body: Body) -> Iterator[Ref]:
    return _refs(_stream_dict(body) if isinstance(body, Stream) else body)


def _refuse_page(body: Body, num: int) -> None:
    """Pages are copied one at a time; reaching another page (a link, an annotation's /P)
    would drag the whole document along, so it is refused."""
    if isinstance(body, dict) and body.get(TYPE) in (b"Page", b"Pages"):
        raise PdfFormatError(f"a page refers to page tree object {num}; unsupported")


def _closure(source: _Source, roots: Iterable[Ref], known: Mapping[int, int]) -> list[Ref]:
    """Objects reachable from ``roots`` and not in ``known``, depth first, in a fixed order."""
    order: list[Ref] = []
    seen: set[int] = set()
    stack = list(roots)[::-1]
    while stack:
        ref = stack.pop()
        if ref.num in seen or ref.num in known:
            continue
        seen.add(ref.num)
        order.append(ref)
        body = source.get(ref)
        _refuse_page(body, ref.num)
        stack.extend(list(_body_refs(body))[::-1])
    return order


def _page(source: _Source, ref: Ref) -> tuple[PdfDict, list[Ref], list[Ref]]:
    """The page dictionary with /Parent as a placeholder, and the roots of what it uses:
    resources (shared between pages) and contents (the page's own)."""
    page = source.get(ref)
    if not isinstance(page, dict) or PARENT not in page:
        raise PdfFormatError(f"page {ref.num} is not a dictionary with a /Parent")
    shared = [
        ref for key, value in page.items() if key not in (PARENT, CONTENTS) for ref in _refs(value)
    ]
    own = list(_refs(page.get(CONTENTS, Atom(b"null"))))
    return {**page, PARENT: Ref(_PARENT_SLOT, 0)}, shared, own


# The page's /Parent is rewritten to point at the output's page tree node, which has no source
# object number; this key in the numbering stands for it.
_PARENT_SLOT = -1

# ---------------------------------------------------------------------------------------------
# Writing


def _encode(value: Value, numbers: Mapping[int, int]) -> bytes:
    """``value`` as PDF bytes, its references renumbered through ``numbers``."""
    if isinstance(value, Name):
        return b"/" + value
    if isinstance(value, Atom):
        return bytes(value)
    if isinstance(value, Ref):
        return b"%d 0 R" % numbers[value.num]
    if isinstance(value, list):
        return b"[" + b" ".join(_encode(item, numbers) for item in value) + b"]"
    items = (b"/" + key + b" " + _encode(item, numbers) for key, item in value.items())
    return b"<<" + b" ".join(items) + b">>"


def _encode_body(body: Body, numbers: Mapping[int, int]) -> bytes:
    if isinstance(body, Stream):
        head = _encode(_stream_dict(body), numbers)
        return b"".join((head, b"\nstream\n", body.data, b"\nendstream"))
    return _encode(body, numbers)


_DATE = b"(D:20000101000000+00'00')"  # what reportlab's invariant mode writes


def _text(value: str) -> bytes:
    """A text string: plain ASCII as it is, anything else as UTF-16BE with a byte order mark;
    both as a literal (a hex string would double the bytes of every title in every file).

    >>> _text("a(b)")
    b'(a\\\\(b\\\\))'
    >>> _text("Tờ")
    b'(\\xfe\\xff\\x00T\\x1e\\xdd)'
    """
    if value.isascii() and value.isprintable():
        data = value.encode("ascii")
    else:
        data = b"\xfe\xff" + value.encode("utf-16-be")
    # Escaped: the delimiters and the backslash; CR, which a reader would take for a newline.
    for char, escape in ((b"\\", b"\\\\"), (b"(", b"\\("), (b")", b"\\)"), (b"\r", b"\\r")):
        data = data.replace(char, escape)
    return b"(" + data + b")"


def _info_body(info: PdfInfo) -> bytes:
    producer = _text(PRODUCER)
    return b"<</Title %b /Author %b /Creator %b /Producer %b /CreationDate %b /ModDate %b>>" % (
        _text(info.title),
        _text(info.author),
        producer,
        producer,
        _DATE,
        _DATE,
    )


class _Writer:
    """Writes numbered objects through ``sink`` and keeps what the xref table needs: offsets.

    Object numbers are handed out by ``reserve`` before the object is written, so an object can
    be referenced (a page naming its parent) before it exists in the file.
    """

    def __init__(self, sink: Callable[[bytes], object]) -> None:
        self._sink = sink
        self.position = 0
        self._offsets = array("q", [0])  # index = object number; -1 = reserved, not written
        self._md5 = hashlib.md5(usedforsecurity=False)  # the /ID: a digest of the body

    @classmethod
    def start(cls, sink: Callable[[bytes], object], version: tuple[int, int]) -> _Writer:
        writer = cls(sink)
        # The second line's bytes above 127 tell transfer tools the file is binary (§7.5.2).
        writer.write(b"%%PDF-%d.%d\n%%\x93\x8c\x8b\x9e\n" % version)
        return writer

    def fork(self, sink: Callable[[bytes], object]) -> _Writer:
        """A writer continuing from this one's state, writing the rest through ``sink``."""
        other = _Writer(sink)
        other.position = self.position
        other._offsets = array("q", self._offsets)
        other._md5 = self._md5.copy()
        return other

    def write(self, data: bytes) -> None:
        self._sink(data)
        self._md5.update(data)
        self.position += len(data)

    def reserve(self) -> int:
        self._offsets.append(-1)
        return len(self._offsets) - 1

    def object(self, num: int, body: bytes) -> None:
        if self._offsets[num] != -1:
            raise RuntimeError(f"object {num} written twice or never reserved")
        self._offsets[num] = self.position
        self.write(b"%d 0 obj\n%b\nendobj\n" % (num, body))

    def finish(self, root: int, info: int) -> None:
        """The xref table and trailer: after this the file is complete."""
        if -1 in self._offsets:
            raise RuntimeError(f"object {self._offsets.index(-1)} was reserved but not written")
        start = self.position
        self.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self._offsets))
        for first in range(1, len(self._offsets), 1024):  # in slices: no 6 MB bytes at once
            rows = tuple(self._offsets[first : first + 1024])
            self.write(b"%010d 00000 n \n" * len(rows) % rows)
        digest = self._md5.hexdigest().encode("ascii")
        self.write(
            b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%b> <%b>]>>\n"
            b"startxref\n%d\n%%%%EOF\n" % (len(self._offsets), root, info, digest, digest, start)
        )


# ---------------------------------------------------------------------------------------------
# One page per file

# Fixed numbers for the objects every one-page file has; the copied objects follow.
_CATALOG, _PAGES, _PAGE, _INFO = 1, 2, 3, 4


@dataclass(frozen=True)
class _Prefix:
    """Header and shared objects (the fonts) of a one-page file: the same bytes for every page
    of a chunk that uses the same resources, so they are built once and their MD5 state reused."""

    data: bytes
    writer: _Writer
    numbers: dict[int, int]


def split_pages(pdf: bytes, infos: Sequence[PdfInfo]) -> list[bytes]:
    """One standalone one-page PDF per page of ``pdf``, in order, the n-th with ``infos[n]``.

    Each page keeps its content stream bytes and the objects its resources use (the fonts).
    Raises ``ValueError`` when ``infos`` does not have one entry per page, ``PdfFormatError``
    when ``pdf`` is not a PDF as reportlab writes it.
    """
    source = _Source(pdf)
    pages = source.pages()
    if len(pages) != len(infos):
        raise ValueError(f"{len(infos)} PdfInfo for a document of {len(pages)} pages")
    prefixes: dict[tuple[Ref, ...], _Prefix] = {}
    return [_one_page(source, ref, info, prefixes) for ref, info in zip(pages, infos, strict=True)]


def _one_page(
    source: _Source, ref: Ref, info: PdfInfo, prefixes: dict[tuple[Ref, ...], _Prefix]
) -> bytes:
    page, shared_roots, own_roots = _page(source, ref)
    # Keyed by the roots, not the closure: walking the fonts' objects again for every page
    # would cost more than copying the page.
    roots = tuple(shared_roots)
    prefix = prefixes.get(roots)
    if prefix is None:
        prefix = prefixes[roots] = _prefix(source, _closure(source, roots, {}))
    parts = [prefix.data]
    writer = prefix.writer.fork(parts.append)
    numbers = {**prefix.numbers, _PARENT_SLOT: _PAGES}
    _copy(writer, source, _closure(source, own_roots, numbers), numbers)
    writer.object(_PAGE, _encode(page, numbers))
    writer.object(_PAGES, b"<</Type /Pages /Kids [%d 0 R] /Count 1>>" % _PAGE)
    writer.object(_CATALOG, b"<</Type /Catalog /Pages %d 0 R>>" % _PAGES)
    writer.object(_INFO, _info_body(info))
    writer.finish(root=_CATALOG, info=_INFO)
    return b"".join(parts)


def _prefix(source: _Source, shared: list[Ref]) -> _Prefix:
    parts: list[bytes] = []
    writer = _Writer.start(parts.append, source.version)
    fixed = [writer.reserve() for _ in range(4)]
    assert fixed == [_CATALOG, _PAGES, _PAGE, _INFO]
    numbers = _copy(writer, source, shared, {})
    return _Prefix(b"".join(parts), writer, numbers)


def _copy(
    writer: _Writer, source: _Source, refs: list[Ref], numbers: dict[int, int]
) -> dict[int, int]:
    """Write ``refs`` (a closure) with new numbers after ``numbers``, which is updated."""
    for ref in refs:
        numbers[ref.num] = writer.reserve()
    for ref in refs:
        writer.object(numbers[ref.num], _encode_body(source.get(ref), numbers))
    return numbers


# ---------------------------------------------------------------------------------------------
# Many chunks into one file

_LEAF = 64  # pages per node of the output's page tree; nodes above it hold up to _LEAF nodes


class PdfConcatenator:
    """Writes one PDF holding every page of the documents given to ``add``, in order.

    Streaming: each page's objects go to the file as soon as the page is read; what stays in
    memory is an offset per object, a number per page and one entry per distinct shared object.
    Shared objects (fonts) are keyed by a SHA-256 of their bytes after renumbering, children
    first, so chunks with identical font subsets embed them once.

    Use as a context manager: on an exception the half-written file is removed. (For a file that
    appears only when complete, write to ``atomic.atomic_path``'s temporary path.)
    """

    def __init__(self, path: Path, info: PdfInfo) -> None:
        self._path = Path(path)
        self._info = info
        self._file: BinaryIO | None = self._path.open("wb")
        self._writer: _Writer | None = None
        self._header = self._version = (1, 3)  # of the first chunk, and the newest seen
        self._kids = array("q")  # the output numbers of the pages, in order
        self._leaves = array("q")  # the page tree nodes pages point to, one per _LEAF pages
        self._shared: dict[bytes, int] = {}  # SHA-256 of an object's bytes -> its number
        self._broken = False

    def __enter__(self) -> PdfConcatenator:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def add(self, pdf: bytes) -> None:
        """Append every page of ``pdf`` (e.g. a chunk from ``render_forms``), in order."""
        source = _Source(pdf)
        pages = source.pages()
        writer = self._writer_for(source.version)
        # A failure after the first write leaves the file inconsistent: no later add or close.
        self._broken = True
        numbers: dict[int, int] = {}  # this chunk's object number -> the output's
        for ref in pages:
            self._add_page(writer, source, ref, numbers)
        self._broken = False

    def add_file(self, path: Path) -> None:
        """``add`` for a PDF file (a chunk is small: it is read whole)."""
        self.add(Path(path).read_bytes())

    def close(self) -> None:
        """Write the page tree, catalog, metadata, xref table and trailer; close the file.

        Raises ``ValueError`` when no page was added (an empty print file is a mistake upstream).
        """
        if self._file is None:
            return
        writer = self._writer
        if writer is None or not self._kids:
            self.abort()
            raise ValueError("PdfConcatenator: no pages were added")
        if self._broken:
            self.abort()
            raise RuntimeError("PdfConcatenator: an earlier add failed; the file is removed")
        root = self._write_page_tree(writer)
        catalog = writer.reserve()
        version = b" /Version /%d.%d" % self._version if self._version > self._header else b""
        writer.object(catalog, b"<</Type /Catalog /Pages %d 0 R%b>>" % (root, version))
        info = writer.reserve()
        writer.object(info, _info_body(self._info))
        writer.finish(root=catalog, info=info)
        self._file.close()
        self._file = None

    def abort(self) -> None:
        """Close and delete the partial file."""
        if self._file is not None:
            self._file.close()
            self._file = None
            self._path.unlink(missing_ok=True)

    def _writer_for(self, version: tuple[int, int]) -> _Writer:
        if self._file is None or self._broken:
            raise RuntimeError("PdfConcatenator: closed, or an earlier add failed")
        if self._writer is None:
            self._writer = _Writer.start(self._file.write, version)
            self._header = self._version = version
        # A later chunk of a newer version: the catalog's /Version overrides the header (§7.7.2).
        self._version = max(self._version, version)
        return self._writer

    def _add_page(
        self, writer: _Writer, source: _Source, ref: Ref, numbers: dict[int, int]
    ) -> None:
        page, shared_roots, own_roots = _page(source, ref)
        for root in shared_roots:
            self._write_shared(writer, source, root, numbers, set())
        _copy(writer, source, _closure(source, own_roots, numbers), numbers)
        if len(self._kids) % _LEAF == 0:
            self._leaves.append(writer.reserve())
        numbers[_PARENT_SLOT] = self._leaves[-1]
        page_num = writer.reserve()
        writer.object(page_num, _encode(page, numbers))
        self._kids.append(page_num)

    def _write_shared(
        self, writer: _Writer, source: _Source, ref: Ref, numbers: dict[int, int], path: set[int]
    ) -> int:
        """Write object ``ref`` and what it refers to, children first, unless an identical
        object is already in the file; its output number either way."""
        num = ref.num
        known = numbers.get(num)
        if known is not None:
            return known
        if num in path:
            # Identity by content needs the children's numbers first; a cycle has no first.
            raise PdfFormatError(f"reference cycle through object {num} in a page's resources")
        body = source.get(ref)
        _refuse_page(body, num)
        path.add(num)
        for child in _body_refs(body):
            self._write_shared(writer, source, child, numbers, path)
        path.discard(num)
        encoded = _encode_body(body, numbers)
        key = hashlib.sha256(encoded).digest()
        out = self._shared.get(key)
        if out is None:
            out = self._shared[key] = writer.reserve()
            writer.object(out, encoded)
        numbers[num] = out
        return out

    def _write_page_tree(self, writer: _Writer) -> int:
        """Write the page tree, leaves up; its root's number. Pages already name their leaf."""
        level = []
        for index, leaf in enumerate(self._leaves):
            kids = self._kids[index * _LEAF : (index + 1) * _LEAF].tolist()
            level.append(_Node(leaf, kids, len(kids)))
        parents: dict[int, int] = {}
        while True:
            if len(level) == 1:
                _write_nodes(writer, level, parents)
                return level[0].num
            upper = []
            for start in range(0, len(level), _LEAF):
                group = level[start : start + _LEAF]
                num = writer.reserve()
                parents.update((node.num, num) for node in group)
                upper.append(_Node(num, [node.num for node in group], sum(n.pages for n in group)))
            _write_nodes(writer, level, parents)
            level = upper


class _Node(NamedTuple):
    num: int
    kids: list[int]
    pages: int  # pages under this node


def _write_nodes(writer: _Writer, nodes: list[_Node], parents: Mapping[int, int]) -> None:
    for node in nodes:
        kids = b" ".join(b"%d 0 R" % kid for kid in node.kids)
        parent = parents.get(node.num)
        link = b" /Parent %d 0 R" % parent if parent is not None else b""
        writer.object(
            node.num, b"<</Type /Pages /Kids [%b] /Count %d%b>>" % (kids, node.pages, link)
        )
