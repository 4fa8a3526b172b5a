"""The Word writer for briefings (python-docx).

Uses Word's own styles (Title, Heading 1–2, List Bullet, Table Grid) so that the navigation
pane, the table of contents and the officer's house template all work on the file. Japanese
text gets an East Asian font on every style that carries text, the document language is set
for both scripts, and the page is A4 with the margins Japanese ministries commonly use.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt, RGBColor
from lxml import etree

from ..drawings.raster import svg_png
from .blocks import Bibliography, Bullets, Contents, Figure, Heading, Inline, Link, Paragraph, Ref, Table
from .build import Briefing

# Fonts present on Japanese Windows and macOS Office; LibreOffice substitutes its own.
FONTS = {
    "ja": {"latin": "Yu Gothic", "east_asian": "Yu Gothic", "heading": "Yu Gothic"},
    "en": {"latin": "Calibri", "east_asian": "Yu Gothic", "heading": "Calibri"},
}
LANG_TAGS = {"ja": "ja-JP", "en": "en-GB"}
# Part of the key of the cached Word files (build.publish_briefings): change it whenever the
# writer's output changes, so that files written by the previous writer are made again.
FORMAT = 2
TEXT_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
               "List Bullet 2", "List Bullet 3", "Table Grid")


def _set_fonts(style, latin: str, east_asian: str, lang: str) -> None:
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian),
                        ("w:cs", latin)):
        fonts.set(qn(attr), value)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)  # a theme font would override ours
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), LANG_TAGS[lang])
    language.set(qn("w:eastAsia"), "ja-JP")


class _Body:
    """The document body, written as WordprocessingML text and parsed once at the end.

    python-docx's element API checks the schema's child order on every insertion, and moving
    parsed elements into its document one by one is slow too: a briefing of 7,000 blocks took
    11 s through the API, 1.9 s moved in, 0.2 s parsed in place. The elements and properties
    are the ones the API writes; python-docx keeps the package, the styles, the relationships
    (links, pictures), the footer and the settings."""

    def __init__(self, doc, links: bool, table_style: str) -> None:
        self.doc, self.links, self.table_style = doc, links, table_style
        self.part = doc.part
        self.chunks: list[str] = []
        self.rel_ids: dict[str, str] = {}
        self._next_id = 1

    def finish(self) -> None:
        """Replace the document's body with what was written, keeping its section properties
        (page size, margins, footer) last. Nothing may be added through python-docx after this."""
        old = self.doc.element.body
        section = etree.tostring(old.sectPr, encoding="unicode")
        body = parse_xml(f"<w:body {nsdecls('w', 'r')}>{''.join(self.chunks)}{section}</w:body>")
        self.doc.element.replace(old, body)

    def _rel(self, url: str) -> str:
        """The relationship id of a link to `url`, one per address. python-docx's `relate_to`
        compares the address with every relationship of the part and then looks for the lowest
        free id: quadratic in the links (a briefing with 2,000 links spent 3 s there)."""
        if url not in self.rel_ids:
            rels = self.part.rels
            while f"rId{self._next_id}" in rels:
                self._next_id += 1
            rid = f"rId{self._next_id}"
            rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, url, rid, is_external=True)
            self.rel_ids[url] = rid
        return self.rel_ids[url]

    @staticmethod
    def run(text: str, bold: bool = False, italic: bool = False, color: str | None = None,
            size: int | None = None, superscript: bool = False) -> str:
        """One run; a tab and a line break inside `text` become w:tab and w:br, as in python-docx."""
        props = "".join((
            "<w:b/>" if bold else "", "<w:i/>" if italic else "",
            f'<w:color w:val="{color}"/>' if color else "",
            f'<w:sz w:val="{size * 2}"/>' if size else "",
            '<w:vertAlign w:val="superscript"/>' if superscript else ""))
        parts = []
        for piece in re.split(r"([\t\n\r])", text):
            if piece == "\t":
                parts.append("<w:tab/>")
            elif piece in ("\n", "\r"):
                parts.append("<w:br/>")
            elif piece:
                space = ' xml:space="preserve"' if piece.strip() != piece else ""
                parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
        return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(parts)}</w:r>"

    def runs(self, runs: tuple[Inline, ...], size: int | None = None, links: bool | None = None,
             **style) -> str:
        """Runs of text, references and links (as text where `links` is false; default: the
        document's choice); `size` in points applies to every run, links included."""
        links = self.links if links is None else links
        out = []
        for r in runs:
            if isinstance(r, Link) and links:
                props = ('<w:rStyle w:val="Hyperlink"/><w:color w:val="1F4E9A"/>'
                         + (f'<w:sz w:val="{size * 2}"/>' if size else "") + '<w:u w:val="single"/>')
                out.append(f'<w:hyperlink r:id="{self._rel(r.url)}"><w:r><w:rPr>{props}</w:rPr>'
                           f'<w:t xml:space="preserve">{escape(r.text)}</w:t></w:r></w:hyperlink>')
            elif isinstance(r, Ref):
                out.append(self.run(f"[{r.number}]", size=size, superscript=True, **style))
            else:
                out.append(self.run(r.text if isinstance(r, Link) else r, size=size, **style))
        return "".join(out)

    def paragraph(self, content: str = "", style: str | None = None, keep_next: bool = False,
                  after: int | None = None, hanging: int | None = None) -> None:
        """A paragraph: its style id, keep-with-next, space after (points), hanging indent (twips)."""
        props = "".join((
            f'<w:pStyle w:val="{style}"/>' if style else "", "<w:keepNext/>" if keep_next else "",
            f'<w:spacing w:after="{after * 20}"/>' if after is not None else "",
            f'<w:ind w:left="{hanging}" w:hanging="{hanging}"/>' if hanging else ""))
        self.chunks.append(f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>")

    def table(self, block: Table, widths: list) -> None:
        """A Table Grid table, centred, fixed column widths; rows never split across pages and
        the header row repeats on each page."""
        twips = [Emu(w).twips for w in widths]
        look = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
                'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.table_style}"/><w:tblW w:type="auto" w:w="0"/>'
               f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>{look}</w:tblPr><w:tblGrid>',
               "".join(f'<w:gridCol w:w="{w}"/>' for w in twips), "</w:tblGrid>"]

        def row(cells: list[str], header: bool) -> str:
            props = '<w:cantSplit w:val="true"/>' + ('<w:tblHeader w:val="true"/>' if header else "")
            return f"<w:tr><w:trPr>{props}</w:trPr>" + "".join(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr><w:p>{cell}</w:p></w:tc>'
                for cell, w in zip(cells, twips)) + "</w:tr>"
        out.append(row([self.run(text, bold=True, size=9) for text in block.header], header=True))
        out.extend(row([self.runs(runs, size=9) for runs in cells], header=False) for cells in block.rows)
        out.append("</w:tbl>")
        self.chunks.append("".join(out))
        self.paragraph()


def _field(paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES…) with `shown` as its value until Word updates it."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = OxmlElement("w:r")
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {instruction} "
        elif kind == "text":
            node = OxmlElement("w:t")
            node.text = shown
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run.append(node)
        paragraph._p.append(run)


def _page_numbers(section) -> None:
    """The footer says "page / pages" in the centre."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(p, "PAGE", "1")
    p.add_run(" / ")
    _field(p, "NUMPAGES", "1")


def _contents(doc, body: _Body, block: Contents, style_id: dict) -> None:
    """A table of contents field over the section headings (Heading 1), its entries written
    out so that it reads before Word updates it (Word asks on opening; then page numbers)."""
    body.paragraph(body.run(block.title), style=style_id["Heading 1"])
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    last = len(block.entries) - 1
    for i, (entry, _anchor) in enumerate(block.entries):
        body.paragraph((field if i == 0 else "") + body.run(entry)
                       + ('<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == last else ""))
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _column_widths(table: Table, section) -> list:
    """Share the text width by the table's weights (equal shares without them)."""
    weights = table.weights or (1,) * len(table.header)
    usable = section.page_width - section.left_margin - section.right_margin
    return [int(usable * w / sum(weights)) for w in weights]


def write_docx(brief: Briefing, links: bool = True) -> bytes:
    """The briefing as a .docx file's bytes. `links=False` writes record titles as text
    (a file handed in on paper); source URLs are always written out in full."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(22)
    fonts = FONTS[brief.lang]
    for name in TEXT_STYLES:
        heading = name.startswith(("Heading", "Title"))
        _set_fonts(doc.styles[name], fonts["heading"] if heading else fonts["latin"],
                   fonts["east_asian"], brief.lang)
    doc.styles["Normal"].font.size = Pt(10.5)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        doc.styles[name].paragraph_format.keep_with_next = True   # a heading stays with its text
    _page_numbers(section)

    props = doc.core_properties
    props.title = brief.title
    props.author = "Kyocho"
    props.language = LANG_TAGS[brief.lang]
    props.created = props.modified = dt.datetime.combine(brief.produced, dt.time())

    # Style ids resolved once: python-docx looks a style name up by scanning every style,
    # which made large briefings take seconds.
    style_id = {name: doc.styles[name].style_id for name in TEXT_STYLES}

    body = _Body(doc, links, style_id["Table Grid"])
    for block in brief.blocks:
        if isinstance(block, Heading):
            # Level 1 is the title; the briefing's sections are Heading 1, meetings Heading 2.
            name = "Title" if block.level == 1 else f"Heading {block.level - 1}"
            body.paragraph(body.run(block.text), style=style_id[name])
        elif isinstance(block, Paragraph):
            if block.style == "meta":
                body.paragraph(body.runs(block.runs, color="444444"), after=2)
            elif block.style == "label":
                body.paragraph(body.runs(block.runs, bold=True), keep_next=True)
            else:
                body.paragraph(body.runs(block.runs))
        elif isinstance(block, Table):
            body.table(block, _column_widths(block, section))
        elif isinstance(block, Bullets):
            def walk(items, depth: int) -> None:
                for item in items:
                    name = "List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}"
                    body.paragraph(body.runs(item.runs), style=style_id[name])
                    walk(item.children, depth + 1)
            walk(block.items, 0)
        elif isinstance(block, Contents):
            _contents(doc, body, block, style_id)
        elif isinstance(block, Figure):
            png = svg_png(block.svg)
            if png:   # what python-docx's add_picture writes, kept with its caption
                inline = doc.part.new_pic_inline(io.BytesIO(png), section.page_width - section.left_margin
                                                 - section.right_margin, None)
                body.paragraph(f"<w:r><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>",
                               keep_next=True)
            body.paragraph(body.run(block.caption, italic=True))
            for entry in block.key:
                body.paragraph(body.run(entry, size=9), after=0)
        elif isinstance(block, Bibliography):
            hanging = Mm(8).twips
            for ref in block.entries:
                body.paragraph(body.run(f"[{ref.number}]\t", size=9) + body.runs(ref.runs, size=9, links=True),
                               hanging=hanging)   # a source's address is always a link
    body.finish()
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
