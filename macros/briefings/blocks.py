"""The neutral document a briefing is built as: headings, paragraphs, tables, lists, references.

The writers (`writers` for Markdown and HTML, `docx` for Word) turn the same blocks into each
format, so the formats cannot drift apart in what they say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Ref:
    """A numbered source reference, written [n] and linked to the bibliography. A briefing is
    built with the sources' keys (number 0) and numbered once it is complete, in reading
    order (`number_refs`), so that any part can be built on its own and joined later."""
    number: int
    key: str = ""


Inline = Union[str, Link, Ref]
Runs = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the briefing's title
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    style: str = ""  # "meta" for the title block, "" for body text


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]
    weights: tuple[float, ...] = ()  # relative column widths for page layouts


@dataclass(frozen=True)
class Item:
    runs: Runs
    children: tuple["Item", ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Reference:
    number: int
    runs: Runs
    anchor: str


@dataclass(frozen=True)
class Bibliography:
    entries: tuple[Reference, ...]


@dataclass(frozen=True)
class Contents:
    """The briefing's sections, (heading text, anchor), for a table of contents."""
    title: str
    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    """A drawing: its SVG (the page's own), what it shows in words, and its numbered key."""
    svg: str
    caption: str
    key: tuple[str, ...] = ()


Block = Union[Heading, Paragraph, Table, Bullets, Bibliography, Contents, Figure]


def number_refs(blocks: list) -> tuple[list, list[str]]:
    """Number the references in reading order (row by row, item before its children): the
    first source cited is [1]. Returns the numbered blocks and the source keys in number order."""
    numbers: dict[str, int] = {}

    def runs(rs: Runs) -> Runs:
        out = []
        for r in rs:
            if isinstance(r, Ref) and r.key:
                r = Ref(numbers.setdefault(r.key, len(numbers) + 1), r.key)
            out.append(r)
        return tuple(out)

    def item(i: Item) -> Item:
        head = runs(i.runs)
        return Item(head, tuple(item(c) for c in i.children))

    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            block = Paragraph(runs(block.runs), block.style)
        elif isinstance(block, Table):
            block = Table(block.header, tuple(tuple(runs(c) for c in row) for row in block.rows), block.weights)
        elif isinstance(block, Bullets):
            block = Bullets(tuple(item(i) for i in block.items))
        out.append(block)
    return out, list(numbers)
