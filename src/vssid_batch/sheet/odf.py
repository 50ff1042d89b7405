"""Walking one table of an OpenDocument spreadsheet's content.xml (.ods), for the readers that
need more than calamine gives: formula cells without a value (``formulas``) and hidden rows
(``visibility``).

The XML is parsed as a stream and each row cleared once it has been seen, so memory stays flat
however long the sheet. Tables inside cells (ODS allows sub-tables) are not the sheet's rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ROW = TABLE + "table-row"


def table_events(stream: IO[bytes], sheet: str) -> Iterator[tuple[str, ElementTree.Element]]:
    """("start" or "end", element) for everything inside table ``sheet``, outside its
    sub-tables; it stops at the table's end. A row is cleared after its "end" is handed on.

    >>> import io
    >>> xml = (b'<t:r xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
    ...        b'<t:table t:name="A"><t:table-row/></t:table><t:table t:name="B">'
    ...        b'<t:table-row><t:table-cell><t:table t:name="B"><t:table-row/></t:table>'
    ...        b'</t:table-cell></t:table-row></t:table></t:r>')
    >>> [(event, seen.tag.split("}")[1]) for event, seen in table_events(io.BytesIO(xml), "B")]
    [('start', 'table-row'), ('start', 'table-cell'), ('end', 'table-cell'), ('end', 'table-row')]
    """
    inside = False
    depth = 0  # tables inside the wanted one: ignored
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if tag == TABLE + "table":
            if event == "start":
                if inside:
                    depth += 1
                elif element.get(TABLE + "name") == sheet:
                    inside = True
            elif inside:
                if depth:
                    depth -= 1
                else:
                    return
            continue
        if inside and not depth:
            yield event, element
        if event == "end" and tag == ROW:
            element.clear()


def repeat(element: ElementTree.Element, name: str) -> int:
    """How many times a row or cell stands (``number-rows-repeated``, …): 1 unless a count.

    >>> repeat(ElementTree.Element(ROW, {TABLE + "number-rows-repeated": "3"}),
    ...        "number-rows-repeated")
    3
    """
    text = element.get(TABLE + name, "1")
    return int(text) if text.isdigit() and int(text) > 0 else 1
