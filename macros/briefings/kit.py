"""The briefing builder's data: every part of a briefing that depends on one record, built by
the same functions as a briefing here, for the site's builder to join in the browser.

The builder (docs/assets/kyocho-briefing.js) chooses the records as `selection` does, joins
these parts in the order `build` does, fills the key-point and overview templates of `front`
with its counts, numbers the sources in reading order (`blocks.number_refs`) and writes the
result as a print page and a Word file. It never words anything itself: every sentence,
label, date and name comes from here. `tests/browser/test_builder.py` holds the two to the
same text as `scripts.briefing` for the same choice.

Links are written `{root}meetings/…/`: the builder replaces `{root}` with the language's
home, relative on the page and absolute in the Word file.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import zipfile

from docx import Document

from ..core.kb import KnowledgeBase
from ..i18n import EN_MONTHS, ERAS, GREGORIAN_IN_JAPAN, t
from ..text import forum_text, label, list_sep, title_text
from ..urls import Ctx
from .blocks import Bullets, Contents, Figure, Heading, Item, Link, Paragraph, Ref, Table
from .build import (CHRONOLOGY_WEIGHTS, Briefing, Builder, document_section, meeting_section, roster_runs,
                    chronology_header, chronology_row, process_figure, source_runs, upcoming_item)
from .docx import TEXT_STYLES, write_docx
from .front import LEADING, TEMPLATES, commitment_row, forum_chain, latest_runs, month_text, next_runs
from .selection import FACETS

ROOT = "{root}"
VERSION = 1
STRINGS = ("briefing", "briefing_everything", "briefing_source_note", "briefing_nothing", "key_points", "overview",
           "chronology", "briefing_commitments", "upcoming", "engagements", "other_documents", "glossary",
           "sources", "contents", "commitment", "document", "commitment_paragraph", "commitment_status",
           "commitment_due", "glossary_term", "glossary_meaning")
LABELS = ("produced", "data_current_to", "period") + tuple(FACETS.values())


def _runs(runs) -> list:
    out = []
    for r in runs:
        if isinstance(r, Link):
            out.append({"l": r.text, "u": r.url})
        elif isinstance(r, Ref):
            out.append({"r": r.key})
        else:
            out.append(r)
    return out


def _item(i: Item) -> dict:
    return {"runs": _runs(i.runs), "children": [_item(c) for c in i.children]}


def block_json(block) -> dict:
    """A neutral block as JSON: `t` names its kind."""
    if isinstance(block, Heading):
        return {"t": "h", "level": block.level, "text": block.text, "anchor": block.anchor}
    if isinstance(block, Paragraph):
        return {"t": "p", "runs": _runs(block.runs), "style": block.style}
    if isinstance(block, Table):
        return {"t": "table", "header": list(block.header), "rows": [[_runs(c) for c in row] for row in block.rows],
                "weights": list(block.weights)}
    if isinstance(block, Bullets):
        return {"t": "ul", "items": [_item(i) for i in block.items]}
    raise TypeError(f"no JSON form for {type(block).__name__}")


def _blocks_of(b: Builder, build, *args) -> list[dict]:
    b.blocks = []
    build(b, *args)
    return [block_json(x) for x in b.blocks]


def _changed(kb: KnowledgeBase, kind: str, rid: str) -> str | None:
    day = kb.changed.get(kb.records[kind][rid].path)
    return day.isoformat() if day else None


def _facets(kb: KnowledgeBase, kind: str, rid: str) -> dict:
    f = kb.facets(kind, rid)
    return {facet: sorted(getattr(f, facet)) for facet in ("forums", "topics", "parties", "processes")}


def _meetings(kb: KnowledgeBase, b: Builder) -> list[dict]:
    lang = b.lang
    out = []
    for mid in sorted(kb.meetings, key=lambda i: (kb.meetings[i].start, i)):
        m = kb.meetings[mid]
        out.append({
            "id": mid, "start": m.start.isoformat(), "last": m.last_day.isoformat(), "status": m.status,
            "series": m.series, "facets": _facets(kb, "meeting", mid), "changed": _changed(kb, "meeting", mid),
            "led": bool(set(LEADING) & set(m.japan_role)), "root": kb.root_forum(m.forum),
            "forum_chain": forum_chain(kb, m.forum), "outcomes": kb.outcomes(mid),
            "month_start": month_text(m.start, lang), "month_last": month_text(m.last_day, lang),
            "row": [_runs(c) for c in chronology_row(b, mid)], "upcoming": _item(upcoming_item(b, mid)),
            "latest": _runs(latest_runs(b, mid)), "next": _runs(next_runs(b, mid)),
            "led_link": _runs((b.link("meeting", mid),)), "sources": list(m.sources),
            "section": _blocks_of(b, meeting_section, mid),
        })
    return out


def _documents(kb: KnowledgeBase, b: Builder) -> dict:
    out = {}
    for did, d in kb.documents.items():
        day = kb.document_day(did)
        commitments = [{"status": kb.commitment_status(f"{did}#{c.id}"), "due": c.due.isoformat() if c.due else None,
                        "row": [_runs(cell) for cell in commitment_row(b, did, c)]} for c in d.commitments]
        out[did] = {"day": day.isoformat() if day else None, "adopted_at": d.adopted_at,
                    "facets": _facets(kb, "document", did), "changed": _changed(kb, "document", did),
                    "first_source": d.sources[0], "commitments": commitments,
                    "section": _blocks_of(b, document_section, did, 3)}
    return out


def _choices(kb: KnowledgeBase, b: Builder) -> dict:
    """What the form offers per facet, with what the title and the selection rows need."""
    out = {}
    for facet, kind in FACETS.items():
        rows = []
        for rid in kb.records[kind]:
            rows.append({"id": rid, "title": title_text(kb, kind, rid, b.lang),
                         "link": _runs((b.link(kind, rid),))[0], "changed": _changed(kb, kind, rid)})
        rows.sort(key=lambda r: r["title"].lower())
        out[facet] = rows
    return out


def _figures(kb: KnowledgeBase, ctx: Ctx) -> dict[str, Figure]:
    """Each process's drawing, as a briefing shows it."""
    figures = {pid: process_figure(kb, pid, ctx) for pid in kb.processes}
    return {pid: f for pid, f in figures.items() if f}


def _figure_docx(figure: Figure, lang: str, n: int) -> dict:
    """The Word writer's own paragraphs for a drawing, its picture as a part of its own."""
    data = write_docx(Briefing(lang, "", [figure], [], [], dt.date(2000, 1, 1)), links=False)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = _body(z.read("word/document.xml").decode())
        rels = z.read("word/_rels/document.xml.rels").decode()
        images = {rid: target for rid, target in re.findall(r'Id="(rId\d+)"[^>]*Target="(media/[^"]+)"', rels)} | \
                 {rid: target for target, rid in re.findall(r'Target="(media/[^"]+)"[^>]*Id="(rId\d+)"', rels)}
        png = None
        for rid, target in images.items():
            body = body.replace(f'r:embed="{rid}"', 'r:embed="{image}"')
            png = base64.b64encode(z.read(f"word/{target}")).decode()
    body = re.sub(r'(<wp:docPr id=")\d+', rf"\g<1>{1000 + n}", body)   # unique in a briefing with several
    return {"docx": body, "png": png}


def _body(document_xml: str) -> str:
    """The paragraphs of a document.xml, without the section properties."""
    inner = document_xml.split("<w:body>", 1)[1].rsplit("</w:body>", 1)[0]
    return re.sub(r"<w:sectPr[\s\S]*</w:sectPr>\s*$", "", inner)


def docx_shell(lang: str) -> dict:
    """The Word file around a briefing's body, as python-docx writes it for `write_docx`:
    every part but the body, which the builder writes with the same styles."""
    data = write_docx(Briefing(lang, ROOT + "title", [Contents("x", (("x", "x"),))], [], [], dt.date(2000, 1, 1)),
                      links=True)
    parts, binary = {}, {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                parts[name] = z.read(name).decode("utf-8")
            else:   # the template's thumbnail
                binary[name] = base64.b64encode(z.read(name)).decode()
    document = parts.pop("word/document.xml")
    head, rest = document.split("<w:body>", 1)
    sect = re.search(r"<w:sectPr[\s\S]*</w:sectPr>", rest).group(0)
    types = parts["[Content_Types].xml"]
    if 'Extension="png"' not in types:
        parts["[Content_Types].xml"] = types.replace(
            "<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
    doc = Document(io.BytesIO(data))
    return {"parts": parts, "binary": binary, "head": head + "<w:body>", "tail": sect + "</w:body></w:document>",
            "styles": {name: doc.styles[name].style_id for name in TEXT_STYLES},
            "created": "2000-01-01T00:00:00Z"}


def briefing_kit(kb: KnowledgeBase, lang: str) -> dict:
    """Everything the builder needs for `lang`, as JSON-ready data."""
    ctx = Ctx(lang, base=ROOT, linked=True)
    b = Builder(kb, ctx)
    eras = [[start.isoformat(), name] for start, name in ERAS]
    return {
        "version": VERSION, "lang": lang,
        "strings": {k: t(lang, k) for k in STRINGS} | {"list_sep": list_sep(lang)},
        "labels": {k: label(lang, k) for k in LABELS},
        "templates": TEMPLATES[lang], "months": list(EN_MONTHS), "eras": eras,
        "gregorian": GREGORIAN_IN_JAPAN.isoformat(),
        "chronology": {"header": list(chronology_header(lang)), "weights": list(CHRONOLOGY_WEIGHTS)},
        "choices": _choices(kb, b),
        "meetings": _meetings(kb, b),
        "documents": _documents(kb, b),
        "forums": {fid: {"short": forum_text(kb, fid, lang, short=True), "full": forum_text(kb, fid, lang)}
                   for fid in kb.forums},
        "series": {sid: _runs(roster_runs(b, sid)) for sid in kb.series},
        "processes": {pid: {"svg": f.svg, "caption": f.caption, "key": list(f.key)}
                      for pid, f in _figures(kb, ctx).items()},
        "sources": {key: _runs(source_runs(kb, key, lang)) for key in kb.sources},
    }


def word_kit(kb: KnowledgeBase, lang: str) -> dict:
    """What the builder needs for a Word file only (fetched when one is asked for): the file
    around the body, and the drawings as the Word writer writes them."""
    figures = _figures(kb, Ctx(lang, base=ROOT, linked=True))
    return {"version": VERSION, "lang": lang, "shell": docx_shell(lang),
            "figures": {pid: _figure_docx(f, lang, n) for n, (pid, f) in enumerate(figures.items(), 1)}}
