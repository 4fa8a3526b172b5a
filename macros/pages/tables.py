"""Tables of meetings and of documents, as they appear on record, index and hand-written pages."""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..i18n import format_date, t
from ..markup import choice_html, esc, link_html, place_html, roles_html, table_html
from ..text import when_text
from ..urls import Ctx


def facet_attrs(kb: KnowledgeBase, kind: str, rid: str, names=("forum", "topic", "party", "role")) -> str:
    """What a filter (docs/assets/kyocho-filters.js) matches a table row by: the record's facets
    (kb.facets) named in `names`, as data attributes."""
    f = kb.facets(kind, rid)
    sets = {"forum": f.forums, "topic": f.topics, "party": f.parties, "role": f.roles}
    return " data-kyocho-row" + "".join(
        f' data-{name}="{" ".join(sorted(sets[name]))}"' for name in names if sets[name])


def meeting_table(kb: KnowledgeBase, ids: list[str], ctx: Ctx, show_forum: bool = True,
                  filterable: bool = False) -> str:
    """Date, meeting, forum, place and Japan's role, one row per meeting, in the given order;
    `filterable` rows carry what the timeline's filters match."""
    lang = ctx.lang
    if not ids:
        return f"<p>{esc(t(lang, 'no_records'))}</p>\n"
    head = [t(lang, "date"), t(lang, "meeting")] + ([t(lang, "forum")] if show_forum else []) + \
        [t(lang, "place"), t(lang, "japan_role")]
    rows = []
    for mid in ids:
        m = kb.meetings[mid]
        cells = [esc(when_text(m, lang)), link_html(kb, "meeting", mid, ctx)]
        if show_forum:
            cells.append(link_html(kb, "forum", m.forum, ctx))
        cells += [place_html(kb, mid, lang), roles_html(m.japan_role, lang)]
        rows.append(cells)
    return table_html(head, rows, [facet_attrs(kb, "meeting", mid) for mid in ids] if filterable else None)


def document_date_html(kb: KnowledgeBase, document_id: str, lang: str) -> str:
    d = kb.documents[document_id]
    return format_date(d.date, lang) if d.date else esc(t(lang, "date_unknown"))


def document_table(kb: KnowledgeBase, ids: list[str], ctx: Ctx) -> str:
    """Date, document, kind and the meeting that adopted it, one row per document."""
    lang = ctx.lang
    if not ids:
        return f"<p>{esc(t(lang, 'no_records'))}</p>\n"
    head = [t(lang, "date"), t(lang, "document"), t(lang, "kind"), t(lang, "outcome_of")]
    rows = []
    for did in ids:
        d = kb.documents[did]
        rows.append([document_date_html(kb, did, lang), link_html(kb, "document", did, ctx),
                     choice_html(lang, "doctype", d.type),
                     link_html(kb, "meeting", d.adopted_at, ctx) if d.adopted_at else ""])
    return table_html(head, rows)


def members_table(kb: KnowledgeBase, nodes, ctx: Ctx) -> str:
    """The drawing's text alternative: each numbered node with its date, forum and record."""
    lang = ctx.lang
    rows = [[str(n.number), format_date(n.day, lang),
             link_html(kb, "forum", n.lane, ctx) if n.lane else esc(t(lang, "outside_meetings")),
             esc(t(lang, n.kind)), link_html(kb, n.kind, n.rid, ctx)] for n in nodes]
    head = [t(lang, k) for k in ("number_sign", "date", "forum", "kind", "record")]
    return table_html(head, rows)
