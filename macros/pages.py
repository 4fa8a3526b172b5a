"""Macros for hand-written pages: plain functions of (knowledge base, language, page URL).

They return HTML (record text escaped, as on generated pages) so the Markdown around them
cannot be broken by data. `macros/__init__.py` only registers them.
"""

from __future__ import annotations

from . import render
from .i18n import format_range, t
from .kb import KnowledgeBase
from .render import esc


def summary_table(kb: KnowledgeBase, lang: str, here: str) -> str:
    """Counts per kind, each linking to its index page."""
    rows = [("meetings", "meeting"), ("documents", "document"), ("forums", "forum"),
            ("series", "series"), ("topics", "topic"), ("parties", "party")]
    cells = "".join(
        f'<li><a href="{render.href(here, render.url_of(kind))}">{esc(t(lang, key))}</a> '
        f'<span class="kyocho-count">{len(kb.records[kind])}</span></li>'
        for key, kind in rows)
    return f'<ul class="kyocho-columns">{cells}</ul>'


def recent_meetings(kb: KnowledgeBase, lang: str, here: str, count: int = 10) -> str:
    """The latest `count` meetings, newest first."""
    ids = sorted(kb.meetings, key=lambda m: (kb.meetings[m].start, m), reverse=True)[:count]
    return render.meeting_table(kb, ids, lang, here)


def forum_meetings(kb: KnowledgeBase, lang: str, here: str, forum_id: str) -> str:
    """All meetings of a forum and its sub-bodies, newest first."""
    if forum_id not in kb.forums:
        raise KeyError(f"forum_meetings: no forum '{forum_id}'")
    return render.meeting_table(kb, list(reversed(kb.meetings_of_forum(forum_id))), lang, here)


def span(kb: KnowledgeBase, lang: str) -> str:
    """The period the meetings cover, e.g. 1995–2025."""
    if not kb.meetings:
        return ""
    first = min(m.start for m in kb.meetings.values())
    last = max(m.last_day for m in kb.meetings.values())
    return f"{first.year}–{last.year}"


__all__ = ["summary_table", "recent_meetings", "forum_meetings", "span", "format_range"]


def _table(head: list[str], rows: list[list[str]]) -> str:
    h = "".join(f"<th>{esc(c)}</th>" for c in head)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{h}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def coverage_by_forum(kb: KnowledgeBase, lang: str, here: str) -> str:
    """Meetings and documents per forum family (a forum with its sub-bodies)."""
    rows = []
    roots = sorted((f for f, m in kb.forums.items() if not m.parent),
                   key=lambda f: (kb.forums[f].kind == "bilateral", f))
    for fid in roots:
        family = set(kb.forum_family(fid))
        meetings = [m for m, r in kb.meetings.items() if r.forum in family]
        docs = [d for d in kb.documents if kb.forum_of_document(d) in family]
        rows.append([render.link(kb, "forum", fid, lang, here), str(len(meetings)), str(len(docs))])
    unattached = [d for d in kb.documents if kb.forum_of_document(d) is None]
    rows.append([esc(t(lang, "no_forum")), "0", str(len(unattached))])
    return _table([t(lang, "forum"), t(lang, "meetings_count"), t(lang, "documents_count")], rows)


def coverage_by_year(kb: KnowledgeBase, lang: str, here: str) -> str:
    """Meetings and documents per year, newest first."""
    years: dict[int, list[int]] = {}
    for m in kb.meetings.values():
        years.setdefault(m.start.year, [0, 0])[0] += 1
    for d in kb.documents.values():
        if d.date:
            years.setdefault(d.date.year, [0, 0])[1] += 1
    rows = [[f'<a href="{render.href(here, render.url_of("meeting"))}#y{y}">{y}</a>' if c[0] else str(y),
             str(c[0]), str(c[1])] for y, c in sorted(years.items(), reverse=True)]
    return _table([t(lang, "year"), t(lang, "meetings_count"), t(lang, "documents_count")], rows)


def coverage_sources(kb: KnowledgeBase, lang: str) -> str:
    """How many sources each kind of record cites."""
    rows = []
    for kind in ("meeting", "document", "forum", "series", "topic", "party"):
        counts = sorted(len(r.model.sources) for r in kb.all(kind))
        if not counts:
            continue
        one = sum(1 for c in counts if c == 1)
        rows.append([esc(t(lang, kind)), str(len(counts)), str(counts[0]),
                     f"{counts[len(counts) // 2]}", str(counts[-1]), str(one)])
    return _table([t(lang, "kind"), t(lang, "records_count"), t(lang, "sources_min"),
                   t(lang, "sources_median"), t(lang, "sources_max"), t(lang, "sources_single")], rows)


def coverage_translation(kb: KnowledgeBase, lang: str) -> str:
    """For each text field: how many records have it in Japanese and in English."""
    fields = [("meeting", "title"), ("meeting", "summary"), ("meeting", "notes"),
              ("document", "title"), ("document", "summary"), ("document", "commitments"),
              ("forum", "name"), ("forum", "description"), ("topic", "name"), ("party", "name"),
              ("series", "name")]
    rows = []
    for kind, fname in fields:
        recs = list(kb.all(kind))
        present = [r for r in recs if getattr(r.model, fname)]
        if not present:
            continue
        def has(r, code):
            value = getattr(r.model, fname)
            items = value if isinstance(value, list) else [value]
            return all(item.get(code) for item in items)
        ja = sum(1 for r in present if has(r, "ja"))
        en = sum(1 for r in present if has(r, "en"))
        unofficial = sum(1 for r in present if fname == "title" and r.model.title_unofficial)
        rows.append([esc(t(lang, kind)), f"<code>{fname}</code>", str(len(present)),
                     f"{ja} ({100 * ja // len(present)}%)", f"{en} ({100 * en // len(present)}%)",
                     str(unofficial) if fname == "title" else ""])
    return _table([t(lang, "kind"), t(lang, "field"), t(lang, "records_count"), "日本語 / ja",
                   "English / en", t(lang, "unofficial_titles")], rows)
