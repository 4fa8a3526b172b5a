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
