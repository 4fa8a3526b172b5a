"""Briefing packs: what a policy officer takes into a meeting, built from the knowledge base.

A briefing is built once as a list of neutral blocks (headings, paragraphs, tables, lists,
with links and numbered source references inside them) and then written by one of three
writers: Markdown, HTML (the print page on the site) and Word (`briefing_docx`). So the
three formats cannot drift apart: they differ in how they write, never in what they say.

Selection: within a facet the values are alternatives (topic A *or* B), across facets they
all apply (topic A *and* forum G7 *and* since 2016). A topic includes its narrower topics and
a forum its sub-bodies, as on the site's pages.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Union

import nh3

from . import render
from .i18n import EN_MONTHS, format_date, format_range, t
from .kb import KnowledgeBase
from .problems import did_you_mean

# -- the neutral document ---------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Ref:
    """A numbered source reference, written [n] and linked to the bibliography."""
    number: int


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


Block = Union[Heading, Paragraph, Table, Bullets, Bibliography]


# -- selection --------------------------------------------------------------------------
FACETS = {"topics": "topic", "forums": "forum", "parties": "party", "series": "series"}
FACET_OF = {kind: facet for facet, kind in FACETS.items()}


@dataclass(frozen=True)
class Selection:
    topics: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def problems(self, kb: KnowledgeBase) -> list[str]:
        """Plain messages for ids that do not exist and for an empty date range."""
        out = []
        for facet, kind in FACETS.items():
            known = kb.records[kind]
            for rid in getattr(self, facet):
                if rid not in known:
                    out.append(f"--{kind}: no {kind} has the id '{rid}'{did_you_mean(rid, known)}")
        if self.since and self.until and self.until < self.since:
            out.append(f"--until: {self.until} is before --since {self.since}")
        return out

    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in FACETS) and not (self.since or self.until)


def _families(kb: KnowledgeBase, sel: Selection) -> tuple[set[str], set[str]]:
    topics = {x for tid in sel.topics for x in kb.topic_family(tid)}
    forums = {x for fid in sel.forums for x in kb.forum_family(fid)}
    return topics, forums


def select_meetings(kb: KnowledgeBase, sel: Selection) -> list[str]:
    """Meetings that match every facet of the selection, oldest first."""
    topics, forums = _families(kb, sel)
    out = []
    for mid, m in kb.meetings.items():
        # Cheap tests first: outcome documents are looked up only when a facet needs them.
        if forums and m.forum not in forums:
            continue
        if sel.series and m.series not in sel.series:
            continue
        if sel.since and m.last_day < sel.since:
            continue
        if sel.until and m.start > sel.until:
            continue
        if topics and not topics & set(m.topics):
            if not any(topics & set(kb.documents[d].topics) for d in kb.outcomes(mid)):
                continue
        if sel.parties:
            involved = set(m.parties) | {m.host, m.chair}
            if not involved & set(sel.parties) and not any(
                    set(sel.parties) & set(kb.documents[d].parties) for d in kb.outcomes(mid)):
                continue
        out.append(mid)
    return sorted(out, key=lambda i: (kb.meetings[i].start, i))


def select_other_documents(kb: KnowledgeBase, sel: Selection, meetings: list[str]) -> list[str]:
    """Documents that match the selection but were not adopted at one of `meetings`:
    reports and strategies issued outside a meeting, or adopted at a meeting outside it."""
    if sel.series:
        return []  # a series is a list of meetings; its documents come with them
    topics, forums = _families(kb, sel)
    chosen = set(meetings)
    out = []
    for did, d in kb.documents.items():
        if d.adopted_at in chosen:
            continue
        if topics and not topics & set(d.topics):
            continue
        if forums and kb.forum_of_document(did) not in forums:
            continue
        if sel.parties and not set(sel.parties) & set(d.parties):
            continue
        day = kb.document_day(did)
        if (sel.since or sel.until) and day is None:
            continue
        if sel.since and day < sel.since:
            continue
        if sel.until and day > sel.until:
            continue
        out.append(did)
    return sorted(out, key=lambda i: (kb.document_day(i) or dt.date.min, i))


# -- building ---------------------------------------------------------------------------


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
    cleaned = nh3.clean(render.markdown_html(source), tags=set())
    return re.sub(r"\s+", " ", html.unescape(cleaned)).strip()


class _Builder:
    """Collects blocks and numbers sources in the order they are first cited."""

    def __init__(self, kb: KnowledgeBase, lang: str, base_url: str):
        self.kb, self.lang, self.base_url = kb, lang, base_url
        self.blocks: list[Block] = []
        self.numbers: dict[str, int] = {}

    def s(self, key: str) -> str:
        return t(self.lang, key)

    def text(self, value) -> str:
        return render.plain(value, self.lang) if value else ""

    def title(self, kind: str, rid: str) -> str:
        return self.text(render.title_of(self.kb, kind, rid))

    def link(self, kind: str, rid: str) -> Inline:
        label = self.title(kind, rid)
        if self.base_url is None:
            return label
        return Link(label, self.base_url + render.url_of(kind, rid))

    def refs(self, keys) -> Runs:
        out = []
        for key in keys:
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
            out.append(Ref(self.numbers[key]))
        return tuple(out)

    def label(self, key: str) -> str:
        """`開催地：` / `Place: ` — a label before a value."""
        return f"{t(self.lang, key)}：" if self.lang == "ja" else f"{t(self.lang, key)}: "

    def forum(self, fid: str) -> str:
        f = self.kb.forums[fid]
        return self.text(f.short or f.name)

    def sep(self) -> str:
        return "、" if self.lang == "ja" else ", "

    def joined(self, kind: str, ids) -> Runs:
        runs: list[Inline] = []
        for i, rid in enumerate(ids):
            if i:
                runs.append(self.sep())
            runs.append(self.link(kind, rid))
        return tuple(runs)


def selection_label(kb: KnowledgeBase, sel: Selection, lang: str) -> str:
    """`G7 × AI, 2016–2023` — what the briefing is about, from the selection."""
    parts = []
    for facet, kind in FACETS.items():
        names = [render.plain(render.title_of(kb, kind, rid), lang) for rid in getattr(sel, facet)]
        if names:
            parts.append(("・" if lang == "ja" else " / ").join(names))
    label = " × ".join(parts) or t(lang, "briefing_everything")
    if sel.since or sel.until:
        span = f"{sel.since.year if sel.since else ''}–{sel.until.year if sel.until else ''}"
        label += f"（{span}）" if lang == "ja" else f", {span}"
    return label


def _selection_rows(b: _Builder, sel: Selection) -> list[Runs]:
    rows = []
    for facet, kind in FACETS.items():
        ids = getattr(sel, facet)
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
    counts: dict[str, int] = {}
    for mid in meetings:
        root = kb.root_forum(kb.meetings[mid].forum)
        counts[root] = counts.get(root, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def forum_name(fid: str) -> str:
        f = kb.forums[fid]
        return render.plain(f.short or f.name, lang)

    led = [m for m in meetings if {"host", "chair", "co-chair"} & set(kb.meetings[m].japan_role)]
    n_docs = len(documents)
    if lang == "ja":
        if not meetings:
            return f"会合に紐づかない成果文書が{n_docs}件あります。"
        first, last = kb.meetings[meetings[0]].start, kb.meetings[meetings[-1]].last_day
        forums = "、".join(f"{forum_name(f)}（{n}件）" for f, n in ranked)
        out = (f"{first.year}年{first.month}月から{last.year}年{last.month}月までに、{forums}の場で"
               f"計{len(meetings)}件の会合が開かれ、{n_docs}件の成果文書が採択・公表されました。")
        if led:
            out += f"このうち{len(led)}件の会合で、日本が開催国または議長を務めました。"
        return out
    if not meetings:
        return f"{n_docs} outcome document{'s' if n_docs != 1 else ''} not tied to a meeting."
    first, last = kb.meetings[meetings[0]].start, kb.meetings[meetings[-1]].last_day
    forums = ", ".join(f"{forum_name(f)} ({n})" for f, n in ranked)
    plural = "s" if len(meetings) != 1 else ""
    out = (f"Between {EN_MONTHS[first.month - 1]} {first.year} and "
           f"{EN_MONTHS[last.month - 1]} {last.year}, {len(meetings)} meeting{plural} took "
           f"place in {forums}, and {n_docs} outcome document{'s' if n_docs != 1 else ''} "
           f"were adopted or issued.")
    if led:
        out += f" Japan hosted or chaired {len(led)} of {'them' if len(meetings) > 1 else 'it'}."
    return out


def build(kb: KnowledgeBase, sel: Selection, lang: str, produced: dt.date,
          base_url: str | None = None) -> Briefing:
    """The briefing for `sel` in `lang`. `base_url` makes record titles links (site pages);
    None leaves them as text (e.g. a Word file handed in without the site)."""
    meetings = select_meetings(kb, sel)
    others = select_other_documents(kb, sel, meetings)
    adopted = [d for m in meetings for d in kb.outcomes(m)]
    b = _Builder(kb, lang, base_url)
    title = f"{b.s('briefing')}: {selection_label(kb, sel, lang)}" if lang == "en" else \
        f"{b.s('briefing')}：{selection_label(kb, sel, lang)}"
    add = b.blocks.append
    add(Heading(1, title))
    for row in _selection_rows(b, sel):
        add(Paragraph(row, "meta"))
    add(Paragraph((f"{b.label('produced')}{format_date(produced, lang)}",), "meta"))
    add(Paragraph((b.s("briefing_source_note"),), "meta"))

    add(Heading(2, b.s("overview"), "overview"))
    add(Paragraph((overview(kb, meetings, adopted + others, lang),)))

    if meetings:
        add(Heading(2, b.s("chronology"), "chronology"))
        rows = []
        for mid in meetings:
            m = kb.meetings[mid]
            rows.append(((format_range(m.start, m.end, lang),), (b.link("meeting", mid),),
                         (_place(kb, mid, lang),), (b.forum(m.forum),),
                         (_roles(m.japan_role, lang),)))
        add(Table((b.s("date"), b.s("meeting"), b.s("place"), b.s("forum"), b.s("japan_role")),
                  tuple(rows), weights=(2, 3.8, 1.6, 1.3, 1.5)))

        add(Heading(2, b.s("engagements"), "engagements"))
        for mid in meetings:
            _meeting_section(b, mid)

    if others:
        add(Heading(2, b.s("other_documents"), "other-documents"))
        for did in others:
            _document_section(b, did, level=3)

    upcoming = [m for m in meetings if kb.meetings[m].start > produced]
    if upcoming:
        add(Heading(2, b.s("upcoming"), "upcoming"))
        add(Bullets(tuple(Item((format_range(kb.meetings[m].start, kb.meetings[m].end, lang), " ",
                                b.link("meeting", m))) for m in upcoming)))

    add(Heading(2, b.s("sources"), "sources"))
    entries = []
    for key, n in b.numbers.items():
        s = kb.sources[key]
        runs: list[Inline] = []
        if s.publisher:
            runs.append(f"{s.publisher}. ")
        runs.append(f"{s.title}.")
        if s.date:
            runs.append(f" {s.date}.")
        runs += [" ", Link(s.url, s.url)]
        entries.append(Reference(n, tuple(runs), f"ref-{n}"))
    add(Bibliography(tuple(entries)))
    return Briefing(lang, title, b.blocks, meetings, adopted + others, produced)


def _place(kb: KnowledgeBase, mid: str, lang: str) -> str:
    return html.unescape(render.place(kb, mid, lang))


def _roles(values, lang: str) -> str:
    return html.unescape(render.roles(values, lang))


def _meeting_section(b: _Builder, mid: str) -> None:
    kb, lang, add = b.kb, b.lang, b.blocks.append
    m = kb.meetings[mid]
    add(Heading(3, f"{format_range(m.start, m.end, lang)} {b.title('meeting', mid)}", f"m-{mid}"))
    where = _place(kb, mid, lang)
    facts = [b.label("forum") + b.forum(m.forum)]
    if where:
        facts.append(b.label("place") + where)
    if m.japan_role:
        facts.append(b.label("japan_role") + _roles(m.japan_role, lang))
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
    before = [x for x in m.builds_on if x in kb.meetings]
    after = kb.followed_by("meeting", mid)
    if before:
        add(Paragraph((b.label("builds_on_meetings"),) + b.joined("meeting", before)))
    if after:
        add(Paragraph((b.label("followed_by_meetings"),) + b.joined("meeting", after)))


def _text_md(value, lang: str) -> str:
    """The Markdown of a bilingual field in `lang`, falling back to the other language."""
    return value.get(lang) or value.get(render.other(lang)) or ""


def _summary(value, lang: str) -> Runs:
    """A summary as plain text; one not yet translated says so before the original."""
    body = _plain_markdown(_text_md(value, lang))
    if value.get(lang):
        return (body,)
    return (f"[{t(lang, 'not_translated')}] ", body)


def _document_item(b: _Builder, did: str, siblings: list[str]) -> Item:
    kb, lang = b.kb, b.lang
    d = kb.documents[did]
    kind = t(lang, f"doctype_{d.type}")
    when = format_date(d.date, lang) if d.date else ""
    meta = "、".join(x for x in (kind, when) if x) if lang == "ja" else ", ".join(x for x in (kind, when) if x)
    label = f"（{meta}）" if lang == "ja" else f" ({meta})"
    unofficial = f" {t(lang, 'unofficial_title')}" if lang in d.title_unofficial else ""
    children = [Item((_plain_markdown(_text_md(c, lang)),)) for c in d.commitments]
    children += [Item((b.label("annex"), b.link("document", a)) + b.refs(kb.documents[a].sources))
                 for a in kb.annexes(did)]
    earlier = [x for x in d.builds_on if x in kb.documents]
    if earlier:
        children.append(Item((b.label("builds_on"),) + b.joined("document", earlier)))
    return Item((b.link("document", did), label + unofficial) + b.refs(d.sources), tuple(children))


def _document_section(b: _Builder, did: str, level: int) -> None:
    kb, lang, add = b.kb, b.lang, b.blocks.append
    d = kb.documents[did]
    when = format_date(d.date, lang) + " " if d.date else ""
    add(Heading(level, f"{when}{b.title('document', did)}", f"d-{did}"))
    add(Paragraph(_summary(d.summary, lang) + b.refs(d.sources)))
    item = _document_item(b, did, [])
    if item.children:
        add(Bullets(item.children))
    later = kb.followed_by("document", did)
    if later:
        add(Paragraph((b.label("followed_by"),) + b.joined("document", later)))


# -- writers: Markdown and HTML ---------------------------------------------------------


def _md_escape(value: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", value)


def _md_runs(runs: Runs) -> str:
    out = []
    for r in runs:
        if isinstance(r, Link):
            out.append(f"[{_md_escape(r.text)}](<{r.url}>)")
        elif isinstance(r, Ref):
            out.append(f"[\\[{r.number}\\]](#ref-{r.number})")
        else:
            out.append(_md_escape(r))
    return "".join(out)


def to_markdown(brief: Briefing) -> str:
    lines: list[str] = []
    for block in brief.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _md_escape(block.text), ""]
        elif isinstance(block, Paragraph):
            text = _md_runs(block.runs)
            lines += [f"*{text}*" if block.style == "meta" else text, ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_md_escape(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(_md_runs(c) for c in row) + " |")
            lines.append("")
        elif isinstance(block, Bullets):
            def walk(items, depth):
                for item in items:
                    lines.append("    " * depth + "- " + _md_runs(item.runs))
                    walk(item.children, depth + 1)
            walk(block.items, 0)
            lines.append("")
        elif isinstance(block, Bibliography):
            for ref in block.entries:
                lines.append(f'<a id="{ref.anchor}"></a>{ref.number}. {_md_runs(ref.runs)}')
            lines.append("")
    return "\n".join(lines)


def _html_runs(runs: Runs) -> str:
    out = []
    for r in runs:
        if isinstance(r, Link):
            out.append(f'<a href="{html.escape(r.url, quote=True)}">{html.escape(r.text)}</a>')
        elif isinstance(r, Ref):
            out.append(f'<sup class="kyocho-ref"><a href="#ref-{r.number}">[{r.number}]</a></sup>')
        else:
            out.append(html.escape(r))
    return "".join(out)


def to_html_fragment(brief: Briefing, skip_title: bool = False) -> str:
    """The briefing's body as HTML (the site wraps it in its own page)."""
    out = []
    for block in brief.blocks:
        if isinstance(block, Heading):
            if skip_title and block.level == 1:
                continue
            anchor = f' id="{block.anchor}"' if block.anchor else ""
            out.append(f"<h{block.level}{anchor}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            cls = f' class="kyocho-{block.style}"' if block.style else ""
            out.append(f"<p{cls}>{_html_runs(block.runs)}</p>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
            rows = "\n".join("<tr>" + "".join(f"<td>{_html_runs(c)}</td>" for c in row) + "</tr>"
                             for row in block.rows)
            out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n"
                       f"<tbody>\n{rows}\n</tbody>\n</table>")
        elif isinstance(block, Bullets):
            def walk(items) -> str:
                return "<ul>" + "".join(
                    f"<li>{_html_runs(i.runs)}{walk(i.children) if i.children else ''}</li>"
                    for i in items) + "</ul>"
            out.append(walk(block.items))
        elif isinstance(block, Bibliography):
            out.append('<ol class="kyocho-endnotes">' + "".join(
                f'<li id="{r.anchor}" value="{r.number}">{_html_runs(r.runs)}</li>'
                for r in block.entries) + "</ol>")
    return "\n".join(out) + "\n"


STANDALONE_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans CJK JP", "Yu Gothic", "Hiragino Sans", sans-serif;
       font-size: 10.5pt; line-height: 1.6; max-width: 50em; margin: 2em auto; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; }
h3 { font-size: 11.5pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.kyocho-meta { color: #444; margin: 0.2em 0; } .kyocho-label { font-weight: bold; }
.kyocho-endnotes { font-size: 9pt; word-break: break-all; }
"""


def to_html(brief: Briefing) -> str:
    """A standalone, printable HTML file (no scripts, no external resources)."""
    return (f'<!doctype html>\n<html lang="{brief.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(brief.title)}</title>\n<style>{STANDALONE_CSS}</style>\n"
            f"</head>\n<body>\n{to_html_fragment(brief)}</body>\n</html>\n")
