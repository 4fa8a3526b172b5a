"""One page per record: meeting, document, forum, series, topic, party (Markdown with HTML)."""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..drawings import japan_roles_chart, process_nodes, process_svg
from ..core.models import LANGS
from ..i18n import format_range, t
from ..markup import (choice_html, esc, facts_html, h1_html, heading_md, link_html, links_html, place_html,
                      prose_html, representative_html, roles_html, url_html)
from ..text import in_parens, list_sep, when_text
from ..urls import Ctx
from .blocks import (backlinks_html, briefing_offer_html, cite_html, json_ld_html, lineage_html, notes_html,
                     record_front_matter, sources_html, summary_html)
from .commitments import document_commitments_html
from .rosters import roster_html, series_timeline_html
from .tables import document_date_html, document_table, meeting_table, members_table


def _link(kb: KnowledgeBase, kind: str, rid: str | None, ctx: Ctx) -> str:
    return link_html(kb, kind, rid, ctx) if rid else ""


def meeting_page(kb: KnowledgeBase, mid: str, ctx: Ctx) -> str:
    m, lang = kb.meetings[mid], ctx.lang
    rows = [
        ("forum", link_html(kb, "forum", m.forum, ctx)),
        ("series", _link(kb, "series", m.series, ctx)),
        ("kind", choice_html(lang, "kind", m.kind)),
        ("date", esc(when_text(m, lang))),
        ("place", place_html(kb, mid, lang)),
        ("host", _link(kb, "party", m.host, ctx)),
        ("chair", _link(kb, "party", m.chair, ctx)),
        ("japan_role", roles_html(m.japan_role, lang)),
        ("japan_represented_by", list_sep(lang).join(representative_html(r, lang) for r in m.japan_represented_by)),
        ("parties", links_html(kb, "party", m.parties, ctx)),
        ("topics", links_html(kb, "topic", m.topics, ctx)),
        processes_row(kb, "meeting", mid, ctx),
    ]
    out = [record_front_matter(kb, "meeting", mid, ctx), h1_html(m.title, lang, m.title_unofficial),
           facts_html(rows, lang)]
    if m.status == "planned":
        out.append(f'<p class="kyocho-gap-note">{esc(t(lang, "meeting_planned_note"))}</p>\n')
    out.append(summary_html(m.summary, ctx))
    outcomes = kb.outcomes(mid)
    if outcomes:
        def item(did: str, annexes: str = "") -> str:
            kind = choice_html(lang, "doctype", kb.documents[did].type)
            return f"<li>{link_html(kb, 'document', did, ctx)}{in_parens(kind, lang)}{annexes}</li>"
        items = []
        for did in outcomes:
            if kb.documents[did].annex_of in outcomes:
                continue  # listed under its parent document
            annexes = kb.annexes(did)
            items.append(item(did, "<ul>" + "".join(item(a) for a in annexes) + "</ul>" if annexes else ""))
        out.append(heading_md(lang, "documents_adopted", "documents") + "<ul>\n" + "\n".join(items) + "\n</ul>\n")
    out += [lineage_html(kb, "meeting", mid, ctx), notes_html(m.notes, ctx), sources_html(kb, m.sources, ctx),
            cite_html(kb, "meeting", mid, ctx), backlinks_html(kb, "meeting", mid, ctx),
            json_ld_html(kb, "meeting", mid, ctx)]
    return "".join(out)


def text_links_html(kb: KnowledgeBase, did: str, ctx: Ctx) -> str:
    """Where the document's text is, per language, and whether it is official."""
    d = kb.documents[did]
    if not d.texts:
        return ""
    items = []
    for code in LANGS:
        text_link = getattr(d.texts, code)
        if text_link is None:
            continue
        name = "日本語" if code == "ja" else "English"
        status = esc(t(ctx.lang, f"text_status_{text_link.status}"))
        if text_link.url:
            items.append(f'<li><a href="{esc(text_link.url, quote=True)}" hreflang="{code}">{name}</a> — {status}</li>')
        else:
            items.append(f"<li>{name} — {status}</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>\n" if items else ""


def document_page(kb: KnowledgeBase, did: str, ctx: Ctx) -> str:
    d, lang = kb.documents[did], ctx.lang
    forum = kb.forum_of_document(did)
    rows = [
        ("kind", choice_html(lang, "doctype", d.type)),
        ("date", document_date_html(kb, did, lang)),
        ("outcome_of", _link(kb, "meeting", d.adopted_at, ctx)),
        ("forum", _link(kb, "forum", forum, ctx)),
        ("annex_of", _link(kb, "document", d.annex_of, ctx)),
        ("annexes", links_html(kb, "document", kb.annexes(did), ctx)),
        ("parties", links_html(kb, "party", d.parties, ctx)),
        ("topics", links_html(kb, "topic", d.topics, ctx)),
        ("texts", text_links_html(kb, did, ctx)),
        processes_row(kb, "document", did, ctx),
    ]
    out = [record_front_matter(kb, "document", did, ctx), h1_html(d.title, lang, d.title_unofficial),
           facts_html(rows, lang), summary_html(d.summary, ctx)]
    out.append(document_commitments_html(kb, did, ctx))
    out += [lineage_html(kb, "document", did, ctx), notes_html(d.notes, ctx), sources_html(kb, d.sources, ctx),
            cite_html(kb, "document", did, ctx), backlinks_html(kb, "document", did, ctx),
            json_ld_html(kb, "document", did, ctx)]
    return "".join(out)


def forum_page(kb: KnowledgeBase, fid: str, ctx: Ctx) -> str:
    f, lang = kb.forums[fid], ctx.lang
    rows = [
        ("kind", choice_html(lang, "forumkind", f.kind)),
        ("parent_forum", _link(kb, "forum", f.parent, ctx)),
        ("partner", _link(kb, "party", f.partner, ctx)),
        ("sub_bodies", links_html(kb, "forum", kb.sub_forums(fid), ctx)),
        ("series", links_html(kb, "series", kb.series_of_forum(fid), ctx)),
        ("official_site", url_html(f.url) if f.url else ""),
    ]
    out = [record_front_matter(kb, "forum", fid, ctx), h1_html(f.name, lang), facts_html(rows, lang),
           briefing_offer_html("forum", fid, ctx), summary_html(f.description, ctx),
           heading_md(lang, "meetings", "meetings"),
           meeting_table(kb, list(reversed(kb.meetings_of_forum(fid))), ctx)]
    docs = kb.documents_of_forum(fid)
    if docs:
        out += [heading_md(lang, "documents", "documents"), document_table(kb, list(reversed(docs)), ctx)]
    out += [sources_html(kb, f.sources, ctx),
            backlinks_html(kb, "forum", fid, ctx, skip=frozenset({"meeting", "series", "forum"}))]
    return "".join(out)


def series_page(kb: KnowledgeBase, sid: str, ctx: Ctx) -> str:
    s, lang = kb.series[sid], ctx.lang
    return "".join([
        record_front_matter(kb, "series", sid, ctx), h1_html(s.name, lang),
        facts_html([("forum", link_html(kb, "forum", s.forum, ctx))], lang),
        briefing_offer_html("series", sid, ctx), summary_html(s.description, ctx),
        series_timeline_html(kb, sid, ctx),
        heading_md(lang, "meetings", "meetings"),
        meeting_table(kb, list(reversed(kb.meetings_of_series(sid))), ctx, show_forum=False),
        roster_html(kb, sid, ctx),
        sources_html(kb, s.sources, ctx)])


def topic_page(kb: KnowledgeBase, tid: str, ctx: Ctx) -> str:
    tp, lang = kb.topics[tid], ctx.lang
    rows = [("broader", links_html(kb, "topic", tp.broader, ctx)),
            ("narrower", links_html(kb, "topic", kb.narrower_topics(tid), ctx))]
    return "".join([
        record_front_matter(kb, "topic", tid, ctx), h1_html(tp.name, lang), facts_html(rows, lang),
        briefing_offer_html("topic", tid, ctx), summary_html(tp.description, ctx),
        heading_md(lang, "meetings", "meetings"),
        meeting_table(kb, list(reversed(kb.meetings_of_topic(tid))), ctx),
        heading_md(lang, "documents", "documents"),
        document_table(kb, list(reversed(kb.documents_of_topic(tid))), ctx),
        sources_html(kb, tp.sources, ctx)])


def party_page(kb: KnowledgeBase, pid: str, ctx: Ctx) -> str:
    p, lang = kb.parties[pid], ctx.lang
    rows = [("kind", choice_html(lang, "partykind", p.kind)),
            ("official_site", url_html(p.url) if p.url else "")]
    out = [record_front_matter(kb, "party", pid, ctx), h1_html(p.name, lang), facts_html(rows, lang),
           briefing_offer_html("party", pid, ctx)]
    if pid == kb.japan:
        out += [heading_md(lang, "japan_roles", "roles"), japan_roles_chart(kb, ctx)]
    out += [heading_md(lang, "meetings", "meetings"),
            meeting_table(kb, list(reversed(kb.meetings_of_party(pid))), ctx)]
    docs = kb.documents_of_party(pid)
    if docs:
        out += [heading_md(lang, "documents", "documents"), document_table(kb, list(reversed(docs)), ctx)]
    out += [sources_html(kb, p.sources, ctx),
            backlinks_html(kb, "party", pid, ctx, skip=frozenset({"meeting", "document"}))]
    return "".join(out)


def process_page(kb: KnowledgeBase, pid: str, ctx: Ctx) -> str:
    """The process: what it is, Japan's part, and its meetings and documents drawn on a time axis."""
    p, lang = kb.processes[pid], ctx.lang
    rows = [("status", choice_html(lang, "process_status", p.status)),
            ("since", format_range(p.start, None, lang)),
            ("forums", links_html(kb, "forum", p.forums, ctx)),
            ("aliases", esc(list_sep(lang).join(p.aliases)))]
    nodes = process_nodes(kb, pid)
    out = [record_front_matter(kb, "process", pid, ctx), h1_html(p.name, lang), facts_html(rows, lang),
           briefing_offer_html("process", pid, ctx), summary_html(p.summary, ctx)]
    if p.japan_role:
        out.append(heading_md(lang, "japan_part", "japan") + prose_html(p.japan_role, lang) + "\n")
    out.append(heading_md(lang, "process_members", "members"))
    out.append(process_svg(kb, pid, ctx) + members_table(kb, nodes, ctx) if nodes else
               f"<p>{esc(t(lang, 'no_records'))}</p>\n")
    out += [notes_html(p.notes, ctx), sources_html(kb, p.sources, ctx)]
    return "".join(out)


def processes_row(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx) -> tuple[str, str]:
    """The facts row naming the processes a meeting or document belongs to."""
    return ("processes", links_html(kb, "process", kb.processes_of(kind, rid), ctx))


RECORD_PAGES = {"meeting": meeting_page, "document": document_page, "forum": forum_page,
                "series": series_page, "topic": topic_page, "party": party_page, "process": process_page}
