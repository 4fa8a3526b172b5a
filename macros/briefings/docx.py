"""The Word writer for briefings (python-docx).

Uses Word's own styles (Title, Heading 1–2, List Bullet, Table Grid) so that the navigation
pane, the table of contents and the officer's house template all work on the file. Japanese
text gets an East Asian font on every style that carries text, the document language is set
for both scripts, and the page is A4 with the margins Japanese ministries commonly use.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..drawings.raster import svg_png
from .blocks import Bibliography, Bullets, Contents, Figure, Heading, Inline, Link, Paragraph, Ref, Table
from .build import Briefing

# Fonts present on Japanese Windows and macOS Office; LibreOffice substitutes its own.
FONTS = {
    "ja": {"latin": "Yu Gothic", "east_asian": "Yu Gothic", "heading": "Yu Gothic"},
    "en": {"latin": "Calibri", "east_asian": "Yu Gothic", "heading": "Calibri"},
}
LANG_TAGS = {"ja": "ja-JP", "en": "en-GB"}
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


def _hyperlink(paragraph, text: str, url: str, size: int | None = None) -> None:
    """python-docx has no hyperlink API: add the relationship and the w:hyperlink element."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1F4E9A")
    rpr.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(underline)
    if size:
        half_points = OxmlElement("w:sz")
        half_points.set(qn("w:val"), str(size * 2))
        rpr.append(half_points)
    run.append(rpr)
    node = OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def _runs(paragraph, runs: tuple[Inline, ...], links: bool, size: int | None = None) -> None:
    """Write runs; `size` in points applies to every run, links included."""
    for r in runs:
        if isinstance(r, Link) and links:
            _hyperlink(paragraph, r.text, r.url, size)
            continue
        if isinstance(r, Ref):
            run = paragraph.add_run(f"[{r.number}]")
            run.font.superscript = True
        else:
            run = paragraph.add_run(r.text if isinstance(r, Link) else r)
        if size:
            run.font.size = Pt(size)


def _row_props(row, header: bool = False) -> None:
    """A row never splits across pages; the header row repeats on each page."""
    props = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    props.append(keep)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        props.append(repeat)


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


def _contents(doc, block: Contents, style_id: dict) -> None:
    """A table of contents field over the section headings (Heading 1), its entries written
    out so that it reads before Word updates it (Word asks on opening; then page numbers)."""
    title = doc.add_paragraph()
    title._p.style = style_id["Heading 1"]
    title.add_run(block.title)
    first = doc.add_paragraph()
    begin, instr, sep = (OxmlElement("w:r") for _ in range(3))
    char = OxmlElement("w:fldChar"); char.set(qn("w:fldCharType"), "begin"); begin.append(char)
    text = OxmlElement("w:instrText"); text.set(qn("xml:space"), "preserve")
    text.text = ' TOC \\o "1-1" \\h \\z \\u '
    instr.append(text)
    char = OxmlElement("w:fldChar"); char.set(qn("w:fldCharType"), "separate"); sep.append(char)
    for run in (begin, instr, sep):
        first._p.append(run)
    paragraphs = [first] + [doc.add_paragraph() for _ in block.entries[1:]]
    for p, (entry, _anchor) in zip(paragraphs, block.entries):
        p.add_run(entry)
    end = OxmlElement("w:r")
    char = OxmlElement("w:fldChar"); char.set(qn("w:fldCharType"), "end"); end.append(char)
    paragraphs[-1]._p.append(end)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


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

    def paragraph(style: str | None = None):
        p = doc.add_paragraph()
        if style:
            p._p.style = style_id[style]
        return p

    for block in brief.blocks:
        if isinstance(block, Heading):
            # Level 1 is the title; the briefing's sections are Heading 1, meetings Heading 2.
            name = "Title" if block.level == 1 else f"Heading {block.level - 1}"
            paragraph(name).add_run(block.text)
        elif isinstance(block, Paragraph):
            p = paragraph()
            _runs(p, block.runs, links)
            if block.style == "meta":
                for run in p.runs:
                    run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
                p.paragraph_format.space_after = Pt(2)
            elif block.style == "label":
                for run in p.runs:
                    run.bold = True
                p.paragraph_format.keep_with_next = True
        elif isinstance(block, Table):
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = doc.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = _column_widths(block, section)
            table.autofit = False
            for column, width in zip(table.columns, widths):
                column.width = width  # the grid: LibreOffice reads this, Word the cells
            for cell, text, width in zip(table.rows[0].cells, block.header, widths):
                run = cell.paragraphs[0].add_run(text)
                run.bold, run.font.size = True, Pt(9)
                cell.width = width
            _row_props(table.rows[0], header=True)
            for row in block.rows:
                added = table.add_row()
                _row_props(added)
                for cell, runs, width in zip(added.cells, row, widths):
                    _runs(cell.paragraphs[0], runs, links, size=9)
                    cell.width = width
            doc.add_paragraph()
        elif isinstance(block, Bullets):
            def walk(items, depth: int) -> None:
                for item in items:
                    p = paragraph("List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}")
                    _runs(p, item.runs, links)
                    walk(item.children, depth + 1)
            walk(block.items, 0)
        elif isinstance(block, Contents):
            _contents(doc, block, style_id)
        elif isinstance(block, Figure):
            png = svg_png(block.svg)
            if png:
                doc.add_picture(io.BytesIO(png), width=section.page_width - section.left_margin - section.right_margin)
                doc.paragraphs[-1].paragraph_format.keep_with_next = True
            caption = paragraph()
            caption.add_run(block.caption).italic = True
            for entry in block.key:
                p = paragraph()
                p.paragraph_format.space_after = Pt(0)
                p.add_run(entry).font.size = Pt(9)
        elif isinstance(block, Bibliography):
            for ref in block.entries:
                p = paragraph()
                p.paragraph_format.left_indent = Mm(8)
                p.paragraph_format.first_line_indent = Mm(-8)
                p.add_run(f"[{ref.number}]\t").font.size = Pt(9)
                _runs(p, ref.runs, True, size=9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
