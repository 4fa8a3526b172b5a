"""Fragments of the hand-written home page: counts, the latest and the coming meetings, the
processes to follow, ways to browse, a forum's meetings.

Plain functions of (knowledge base, context) that return HTML (record text escaped, as on
generated pages), so the Markdown around them cannot be broken by data. `macros/__init__.py`
only registers them as macros.
"""

from __future__ import annotations

import datetime as dt

from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import choice_html, esc, link_html
from ..text import edition_text, when_text
from ..urls import Ctx, url_of
from .tables import meeting_table


def summary_table(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Counts per kind, each linking to its index page."""
    rows = [("meetings", "meeting"), ("documents", "document"), ("processes", "process"), ("forums", "forum"),
            ("series", "series"), ("topics", "topic"), ("parties", "party")]
    cells = "".join(
        f'<li><a href="{ctx.href(url_of(kind))}">{esc(t(ctx.lang, key))}</a> '
        f'<span class="kyocho-count">{len(kb.records[kind])}</span></li>'
        for key, kind in rows)
    return f'<ul class="kyocho-columns">{cells}</ul>'


def recent_meetings(kb: KnowledgeBase, ctx: Ctx, count: int = 10, today: dt.date | None = None) -> str:
    """The latest `count` meetings that have begun by `today`, newest first."""
    today = today or dt.date.today()
    held = [m for m in kb.meetings if kb.meetings[m].start <= today]
    ids = sorted(held, key=lambda m: (kb.meetings[m].start, m), reverse=True)[:count]
    return meeting_table(kb, ids, ctx)


def upcoming(kb: KnowledgeBase, ctx: Ctx, today: dt.date | None = None) -> str:
    """What is planned: recorded meetings after `today`, and the planned editions that series'
    official lists give and Kyocho has not recorded yet, soonest first (one whose dates have
    passed says so)."""
    today = today or dt.date.today()
    lang = ctx.lang
    items: list[tuple[tuple, str]] = []
    for mid, m in kb.meetings.items():
        if m.start > today:
            items.append(((m.start, mid), f"<li>{esc(when_text(m, lang))}{t(lang, 'colon')}"
                                          f"{link_html(kb, 'meeting', mid, ctx)}</li>"))
    for sid, series in kb.series.items():
        for e in series.editions:
            if e.status == "planned" and not (e.meeting and e.meeting in kb.meetings):
                when = e.start or dt.date(e.year, 12, 31)
                # A planned edition whose dates have passed stays listed until the data says
                # what happened (the validator warns about it), so it is never silently lost.
                note = t(lang, "edition_not_recorded" if (e.end or when) >= today else "edition_overdue")
                items.append(((when, sid), f"<li>{link_html(kb, 'series', sid, ctx)} {esc(edition_text(e, lang))} "
                              f'<span class="kyocho-gap-note">{esc(note)}</span></li>'))
    if not items:
        return f"<p>{esc(t(lang, 'upcoming_none'))}</p>\n"
    return '<ul class="kyocho-upcoming">' + "".join(html for _, html in sorted(items)) + "</ul>\n"


def process_list(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Every process, with its status and the years it spans, and a link to its briefing."""
    lang = ctx.lang
    items = []
    for pid, p in sorted(kb.processes.items(), key=lambda kv: (kv[1].start, kv[0])):
        note = t(lang, "process_since").format(year=p.start.year, status=choice_html(lang, "process_status", p.status))
        items.append(f'<li>{link_html(kb, "process", pid, ctx)} <span class="kyocho-count">{note}</span></li>')
    return '<ul class="kyocho-columns">' + "".join(items) + "</ul>\n" if items else ""


def browse(kb: KnowledgeBase, ctx: Ctx, count: int = 8) -> str:
    """Four ways into the records: forums, the topics and countries with most meetings, years."""
    lang = ctx.lang

    def column(key: str, kind: str, entries: list[str]) -> str:
        more = f'<li><a href="{ctx.href(url_of(kind))}">{esc(t(lang, "browse_all"))}</a></li>'
        return (f'<div><h3>{esc(t(lang, key))}</h3><ul>' + "".join(entries) + more + "</ul></div>")

    def counted(kind: str, rid: str, n: int) -> str:
        return f'<li>{link_html(kb, kind, rid, ctx)} <span class="kyocho-count">({n})</span></li>'

    forums = [counted("forum", f, len(kb.meetings_of_forum(f))) for f in kb.root_forums()
              if kb.forums[f].kind != "bilateral" and kb.meetings_of_forum(f)][:count]
    topics = sorted(kb.topics, key=lambda tid: (-len(kb.meetings_of_topic(tid)), tid))[:count]
    countries = sorted((p for p, m in kb.parties.items() if m.kind == "country" and p != kb.japan),
                       key=lambda p: (-len(kb.meetings_of_party(p)), p))[:count]
    years = list(kb.meetings_by_year())[:count]
    timeline = ctx.href(url_of("meeting"))
    return ('<div class="kyocho-browse">'
            + column("forums", "forum", forums)
            + column("topics", "topic", [counted("topic", x, len(kb.meetings_of_topic(x))) for x in topics])
            + column("countries", "party", [counted("party", x, len(kb.meetings_of_party(x))) for x in countries])
            + column("years", "meeting", [f'<li><a href="{timeline}#y{y}">{y}</a></li>' for y in years])
            + "</div>\n")


def forum_meetings(kb: KnowledgeBase, forum_id: str, ctx: Ctx) -> str:
    """All meetings of a forum and its sub-bodies, newest first."""
    if forum_id not in kb.forums:
        raise KeyError(f"forum_meetings: no forum '{forum_id}'")
    return meeting_table(kb, list(reversed(kb.meetings_of_forum(forum_id))), ctx)


def span(kb: KnowledgeBase) -> str:
    """The period the meetings cover, e.g. 1995–2025."""
    if not kb.meetings:
        return ""
    first = min(m.start for m in kb.meetings.values())
    last = max(m.last_day for m in kb.meetings.values())
    return f"{first.year}–{last.year}"
