"""Building a briefing: the selected records as neutral blocks, in one language.

Sources are numbered in the order they are first cited; the same blocks are written as
Markdown, HTML (the print page on the site) and Word by the writers.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

import nh3

from ..core.kb import KnowledgeBase
from ..i18n import format_date, format_range, t
from ..markup import markdown_html
from ..text import (forum_text, in_parens, label, list_sep, missing_editions_text, place_text, representative_text,
                    roles_text, roster_count_text, title_text, value_text, when_text)
from ..urls import Ctx, url_of
from ..drawings import process_nodes, process_svg
from .blocks import (Bibliography, Block, Bullets, Contents, Figure, Heading, Inline, Item, Link, Paragraph, Ref,
                     Reference, Runs, Table, number_refs)
from .front import LEADING, commitments_table, data_current_to, fill, glossary, key_points, month_text
from .selection import FACETS, Selection, select_meetings, select_other_documents

@dataclass
class Briefing:
    lang: str
    title: str
    blocks: list[Block]
    meetings: list[str]
    documents: list[str]
    produced: dt.date


def _plain_markdown(source: str) -> str:
    """Markdown as plain text (summaries go into Word and tables, not into HTML)."""
    cleaned = nh3.clean(markdown_html(source), tags=set())
    return re.sub(r"\s+", " ", html.unescape(cleaned)).strip()


class Builder:
    """Collects blocks and numbers sources in the order they are first cited."""

    def __init__(self, kb: KnowledgeBase, ctx: Ctx):
        self.kb, self.ctx, self.lang = kb, ctx, ctx.lang
        self.blocks: list[Block] = []

    def s(self, key: str) -> str:
        return t(self.lang, key)

    def text(self, value) -> str:
        return value_text(value, self.lang)

    def plain(self, value) -> str:
        return _plain_markdown(value_text(value, self.lang))

    def title(self, kind: str, rid: str) -> str:
        return title_text(self.kb, kind, rid, self.lang)

    def link(self, kind: str, rid: str) -> Inline:
        label = self.title(kind, rid)
        if not self.ctx.linked:
            return label
        return Link(label, self.ctx.href(url_of(kind, rid)))

    def refs(self, keys) -> Runs:
        # Each source once per citation; numbered when the briefing is complete (number_refs).
        return tuple(Ref(0, key) for key in dict.fromkeys(keys))

    def label(self, key: str) -> str:
        return label(self.lang, key)

    def forum(self, fid: str) -> str:
        return forum_text(self.kb, fid, self.lang, short=True)

    def joined(self, kind: str, ids) -> Runs:
        runs: list[Inline] = []
        for i, rid in enumerate(ids):
            if i:
                runs.append(list_sep(self.lang))
            runs.append(self.link(kind, rid))
        return tuple(runs)


def chosen(kb: KnowledgeBase, sel: Selection, facet: str, lang: str) -> list[str]:
    """The ids chosen in a facet, in the order of their names (a choice is a set: the same
    briefing however it was asked for, on the command line or in the site's builder)."""
    return sorted(dict.fromkeys(getattr(sel, facet)), key=lambda rid: title_text(kb, FACETS[facet], rid, lang).lower())


def selection_label(kb: KnowledgeBase, sel: Selection, lang: str) -> str:
    """`G7 × AI, 2016–2023` — what the briefing is about, from the selection."""
    parts = []
    for facet, kind in FACETS.items():
        names = [title_text(kb, kind, rid, lang) for rid in chosen(kb, sel, facet, lang)]
        if names:
            parts.append(("・" if lang == "ja" else " / ").join(names))
    label = " × ".join(parts) or t(lang, "briefing_everything")
    if sel.since or sel.until:
        span = f"{sel.since.year if sel.since else ''}–{sel.until.year if sel.until else ''}"
        label += f"（{span}）" if lang == "ja" else f", {span}"
    return label


def _selection_rows(b: Builder, sel: Selection) -> list[Runs]:
    rows = []
    for facet, kind in FACETS.items():
        ids = chosen(b.kb, sel, facet, b.lang)
        if ids:
            rows.append((b.label(kind),) + b.joined(kind, ids))
    if sel.since or sel.until:
        since = format_date(sel.since, b.lang) if sel.since else "…"
        until = format_date(sel.until, b.lang) if sel.until else "…"
        rows.append((f"{b.label('period')}{since} – {until}",))
    return rows


def overview(kb: KnowledgeBase, meetings: list[str], documents: list[str], lang: str) -> str:
    """One paragraph from the data: how many, when, where, and what Japan did."""
    if not meetings and not documents:
        return t(lang, "briefing_nothing")
    n_docs = len(documents)
    if not meetings:
        return fill(lang, "overview_documents_only", d=n_docs, d_s=plural_s(n_docs))
    counts: dict[str, int] = {}
    for mid in meetings:
        root = kb.root_forum(kb.meetings[mid].forum)
        counts[root] = counts.get(root, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    forums = list_sep(lang).join(fill(lang, "overview_forum", forum=forum_text(kb, f, lang, short=True), n=n)
                                 for f, n in ranked)
    out = fill(lang, "overview", first=month_text(kb.meetings[meetings[0]].start, lang),
               last=month_text(kb.meetings[meetings[-1]].last_day, lang), forums=forums,
               n=len(meetings), n_s=plural_s(len(meetings)), d=n_docs, d_s=plural_s(n_docs))
    led = [m for m in meetings if set(LEADING) & set(kb.meetings[m].japan_role)]
    if led:
        out += fill(lang, "overview_led", led=len(led), them="them" if len(meetings) > 1 else "it")
    return out


def plural_s(n: int) -> str:
    """The English plural ending for a count ("" for one)."""
    return "" if n == 1 else "s"


def build(kb: KnowledgeBase, sel: Selection, ctx: Ctx, produced: dt.date) -> Briefing:
    """The briefing for `sel` in `ctx.lang`. Record titles link to their pages as `ctx` says
    (relative on the site, absolute in a Word file); with `ctx.linked` off they are text."""
    lang = ctx.lang
    meetings = select_meetings(kb, sel)
    others = select_other_documents(kb, sel, meetings)
    adopted = [d for m in meetings for d in kb.outcomes(m)]
    b = Builder(kb, ctx)
    title = f"{b.s('briefing')}: {selection_label(kb, sel, lang)}" if lang == "en" else \
        f"{b.s('briefing')}：{selection_label(kb, sel, lang)}"
    add = b.blocks.append
    add(Heading(1, title))
    for row in _selection_rows(b, sel):
        add(Paragraph(row, "meta"))
    current = data_current_to(kb, [("meeting", m) for m in meetings] + [("document", d) for d in adopted + others]
                              + [(kind, rid) for facet, kind in FACETS.items() for rid in getattr(sel, facet)])
    dates = f"{b.label('produced')}{format_date(produced, lang)}"
    if current:
        dates += ("　" if lang == "ja" else " · ") + f"{b.label('data_current_to')}{format_date(current, lang)}"
    add(Paragraph((dates,), "meta"))
    add(Paragraph((b.s("briefing_source_note"),), "meta"))
    contents_at = len(b.blocks)

    points = key_points(b, meetings, adopted + others, produced)
    if points:
        add(Heading(2, b.s("key_points"), "key-points"))
        add(Bullets(tuple(points)))
    add(Heading(2, b.s("overview"), "overview"))
    add(Paragraph((overview(kb, meetings, adopted + others, lang),)))
    for sid in chosen(kb, sel, "series", lang):
        add(Paragraph(roster_runs(b, sid)))
    for pid in chosen(kb, sel, "processes", lang):   # a process is shown whole, as on its page: the drawing and its key
        figure = process_figure(kb, pid, ctx)
        if figure:
            add(figure)

    if meetings:
        add(Heading(2, b.s("chronology"), "chronology"))
        add(Table(chronology_header(lang), tuple(chronology_row(b, mid) for mid in meetings), weights=CHRONOLOGY_WEIGHTS))

    table = commitments_table(b, adopted + others)
    if table:
        add(Heading(2, b.s("briefing_commitments"), "commitments"))
        add(table)
    upcoming = [m for m in meetings if kb.meetings[m].start > produced]
    if upcoming:
        add(Heading(2, b.s("upcoming"), "upcoming"))
        add(Bullets(tuple(upcoming_item(b, m) for m in upcoming)))

    if meetings:
        add(Heading(2, b.s("engagements"), "engagements"))
        for mid in meetings:
            meeting_section(b, mid)

    if others:
        add(Heading(2, b.s("other_documents"), "other-documents"))
        for did in others:
            document_section(b, did, level=3)

    terms = glossary(b, meetings)
    if terms:
        add(Heading(2, b.s("glossary"), "glossary"))
        add(terms)

    add(Heading(2, b.s("sources"), "sources"))
    b.blocks, cited = number_refs(b.blocks)
    b.blocks.append(Bibliography(tuple(Reference(n, source_runs(kb, key, lang), f"ref-{n}") for n, key in enumerate(cited, 1))))
    sections = tuple((h.text, h.anchor) for h in b.blocks if isinstance(h, Heading) and h.level == 2)
    b.blocks.insert(contents_at, Contents(b.s("contents"), sections))
    return Briefing(lang, title, b.blocks, meetings, adopted + others, produced)


CHRONOLOGY_WEIGHTS = (2, 3.8, 1.6, 1.3, 1.5)


def chronology_header(lang: str) -> tuple[str, ...]:
    return tuple(t(lang, k) for k in ("date", "meeting", "place", "forum", "japan_role"))


def chronology_row(b: Builder, mid: str) -> tuple[Runs, ...]:
    """A meeting's row in the chronology: when, what, where, which forum, Japan's part."""
    kb, lang = b.kb, b.lang
    m = kb.meetings[mid]
    role = roles_text(m.japan_role, lang)
    if m.japan_represented_by:   # who represented Japan: what officers ask first
        role += in_parens(list_sep(lang).join(representative_text(r, lang) for r in m.japan_represented_by), lang)
    return ((when_text(m, lang),), (b.link("meeting", mid),), (place_text(kb, mid, lang),), (b.forum(m.forum),), (role,))


def upcoming_item(b: Builder, mid: str) -> Item:
    m = b.kb.meetings[mid]
    return Item((format_range(m.start, m.end, b.lang), " ", b.link("meeting", mid)) + b.refs(m.sources))


def process_figure(kb: KnowledgeBase, pid: str, ctx: Ctx) -> Figure | None:
    """A process's drawing as a briefing shows it: the SVG, what it shows, its numbered key."""
    svg = process_svg(kb, pid, ctx)
    if not svg:
        return None
    lang = ctx.lang
    key = tuple(f"{n.number}. {title_text(kb, n.kind, n.rid, lang)}{in_parens(format_range(n.day, None, lang, era=False), lang)}"
                for n in process_nodes(kb, pid))
    return Figure(svg, t(lang, "process_drawing_title").format(name=title_text(kb, "process", pid, lang)), key)


def source_runs(kb: KnowledgeBase, key: str, lang: str) -> Runs:
    """A source's entry in the list at the end: publisher, title, date, address, and whether
    it is a secondary source."""
    s = kb.sources[key]
    runs: list[Inline] = []
    if s.publisher:
        runs.append(f"{s.publisher_in(lang)}. ")
    runs.append(f"{s.title}.")
    if s.date:
        runs.append(f" {s.date}.")
    runs += [" ", Link(s.url, s.url)]
    if s.kind == "secondary":
        runs.append(in_parens(t(lang, "source_secondary"), lang))
    return tuple(runs)


def meeting_section(b: Builder, mid: str) -> None:
    kb, lang, add = b.kb, b.lang, b.blocks.append
    m = kb.meetings[mid]
    add(Heading(3, f"{when_text(m, lang)} {b.title('meeting', mid)}", f"m-{mid}"))
    where = place_text(kb, mid, lang)
    facts = [b.label("forum") + b.forum(m.forum)]
    if where:
        facts.append(b.label("place") + where)
    if m.japan_role:
        facts.append(b.label("japan_role") + roles_text(m.japan_role, lang))
    if m.japan_represented_by:
        facts.append(b.label("japan_represented_by") +
                     list_sep(lang).join(representative_text(r, lang) for r in m.japan_represented_by))
    add(Paragraph((" / ".join(facts),), "meta"))
    add(Paragraph(_summary(m.summary, lang) + b.refs(m.sources)))
    outcomes = kb.outcomes(mid)
    if outcomes:
        items = []
        for did in outcomes:
            if kb.documents[did].annex_of in outcomes:
                continue
            items.append(_document_item(b, did, outcomes))
        add(Paragraph((b.s("documents_adopted"),), "label"))
        add(Bullets(tuple(items)))
    line = kb.lineage("meeting", mid)
    before, after = line.builds_on, line.followed_by
    if before:
        add(Paragraph((b.label("builds_on_meetings"),) + b.joined("meeting", before)))
    if after:
        add(Paragraph((b.label("followed_by_meetings"),) + b.joined("meeting", after)))


def roster_runs(b: Builder, series_id: str) -> Runs:
    """What the knowledge base knows of a series' editions, gaps included."""
    head = (b.link("series", series_id), "：" if b.lang == "ja" else ": ")
    counted = roster_count_text(b.kb, series_id, b.lang)
    if not counted:
        return head + (t(b.lang, "no_roster"),)
    missing = missing_editions_text(b.kb, series_id, b.lang)
    return head + (counted + ("。" if b.lang == "ja" else ". ") + missing,) + b.refs(b.kb.series[series_id].sources)


def _text_md(value, lang: str) -> str:
    """The Markdown of a bilingual field in `lang`, falling back to the other language."""
    return value_text(value, lang)


def _summary(value, lang: str) -> Runs:
    """A summary as plain text; one not yet translated says so before the original."""
    body = _plain_markdown(_text_md(value, lang))
    if value.get(lang):
        return (body,)
    return (f"[{t(lang, 'not_translated')}] ", body)


def _commitment_note(kb: KnowledgeBase, did: str, c, lang: str) -> str:
    """After a commitment's summary: its paragraph, its due date and what became of it."""
    ref = f"{did}#{c.id}"
    parts = []
    if c.paragraph and value_text(c.paragraph, lang):
        parts.append(value_text(c.paragraph, lang))
    if c.due:
        parts.append(f"{t(lang, 'commitment_due')}{t(lang, 'colon')}{format_date(c.due, lang)}")
    if kb.commitment_status(ref) != "open":
        parts.append(t(lang, f"commitment_status_{kb.commitment_status(ref)}"))
    if not parts:
        return ""
    return f"（{'、'.join(parts)}）" if lang == "ja" else f" ({'; '.join(parts)})"


def _document_item(b: Builder, did: str, siblings: list[str]) -> Item:
    kb, lang = b.kb, b.lang
    d = kb.documents[did]
    kind = t(lang, f"doctype_{d.type}")
    when = format_date(d.date, lang) if d.date else ""
    meta = "、".join(x for x in (kind, when) if x) if lang == "ja" else ", ".join(x for x in (kind, when) if x)
    label = f"（{meta}）" if lang == "ja" else f" ({meta})"
    unofficial = f" {t(lang, 'unofficial_title')}" if lang in d.title_unofficial else ""
    children = [Item((_plain_markdown(_text_md(c, lang)) + _commitment_note(kb, did, c, lang),)) for c in d.commitments]
    children += [Item((b.label("annex"), b.link("document", a)) + b.refs(kb.documents[a].sources))
                 for a in kb.annexes(did)]
    earlier = [x for x in d.builds_on if x in kb.documents]
    if earlier:
        children.append(Item((b.label("builds_on"),) + b.joined("document", earlier)))
    return Item((b.link("document", did), label + unofficial) + b.refs(d.sources), tuple(children))


def document_section(b: Builder, did: str, level: int) -> None:
    kb, lang, add = b.kb, b.lang, b.blocks.append
    d = kb.documents[did]
    when = format_date(d.date, lang) + " " if d.date else ""
    add(Heading(level, f"{when}{b.title('document', did)}", f"d-{did}"))
    add(Paragraph(_summary(d.summary, lang) + b.refs(d.sources)))
    item = _document_item(b, did, [])
    if item.children:
        add(Bullets(item.children))
    later = kb.lineage("document", did).followed_by
    if later:
        add(Paragraph((b.label("followed_by"),) + b.joined("document", later)))
