"""Fragments of the hand-written home page: counts, the latest meetings, a forum's meetings.

Plain functions of (knowledge base, context) that return HTML (record text escaped, as on
generated pages), so the Markdown around them cannot be broken by data. `macros/__init__.py`
only registers them as macros.
"""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import esc
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


def recent_meetings(kb: KnowledgeBase, ctx: Ctx, count: int = 10) -> str:
    """The latest `count` meetings, newest first."""
    ids = sorted(kb.meetings, key=lambda m: (kb.meetings[m].start, m), reverse=True)[:count]
    return meeting_table(kb, ids, ctx)


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
