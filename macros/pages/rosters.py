"""Rosters: the editions of a series as an official list gives them, and which are recorded.

A missing edition is a known gap, shown by name and date; a series without a roster says
that Kyocho cannot yet tell what it lacks.
"""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..core.models import Edition
from ..drawings import series_timeline_svg
from ..i18n import format_range, t
from ..markup import choice_html, esc, heading_md, link_html, table_html, text_html
from ..text import edition_text, list_sep, roster_count_text
from ..urls import Ctx


def _when(edition: Edition, lang: str) -> str:
    return format_range(edition.start, edition.end, lang) if edition.start else str(edition.year)


def series_timeline_html(kb: KnowledgeBase, series_id: str, ctx: Ctx) -> str:
    """The series page's drawing: its editions on a time axis, gaps as open marks."""
    drawing = series_timeline_svg(kb, series_id, ctx)
    return heading_md(ctx.lang, "series_timeline", "timeline") + drawing if drawing else ""


def roster_html(kb: KnowledgeBase, series_id: str, ctx: Ctx) -> str:
    """The series page's section: the count, then every edition with its meeting or a gap."""
    lang = ctx.lang
    out = heading_md(lang, "editions", "editions")
    if not kb.series[series_id].editions:
        return out + f'<p class="kyocho-gap-note">{esc(t(lang, "no_roster"))}</p>\n'
    rows = []
    for e in kb.series[series_id].editions:
        recorded = e.meeting and e.meeting in kb.meetings
        rows.append([str(e.number) if e.number else "", _when(e, lang), text_html(e.city, lang),
                     choice_html(lang, "edition_status", e.status),
                     link_html(kb, "meeting", e.meeting, ctx) if recorded else
                     f'<span class="kyocho-gap-note">{esc(t(lang, "edition_not_recorded"))}</span>'])
    head = [t(lang, k) for k in ("edition_number", "date", "place", "status", "meeting")]
    return out + f"<p><strong>{esc(roster_count_text(kb, series_id, lang))}</strong></p>\n" + table_html(head, rows)


def coverage_rosters(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Per forum family and series: editions recorded / known, and the ones not yet recorded."""
    lang, rows = ctx.lang, []
    for fid in kb.root_forums():
        family = set(kb.forum_family(fid))
        for sid in sorted(s for s, m in kb.series.items() if m.forum in family):
            counted = kb.roster_count(sid)
            missing = list_sep(lang).join(edition_text(e, lang) for e in kb.missing_editions(sid))
            rows.append([link_html(kb, "forum", fid, ctx), link_html(kb, "series", sid, ctx),
                         str(counted[0]) if counted else str(len(kb.meetings_of_series(sid))),
                         str(counted[1]) if counted else esc(t(lang, "roster_none")), esc(missing)])
    head = [t(lang, k) for k in ("forum_family", "series", "roster_recorded", "roster_known", "roster_missing")]
    return table_html(head, rows)
