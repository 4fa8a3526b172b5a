"""The index page of each kind: timeline of meetings, documents by year, forums, series, topics, parties."""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..drawings import timeline_filters_html, timeline_svg, topics_chart
from ..i18n import t
from ..markup import choice_html, esc, front_matter, heading_md, link_html, links_html, table_html
from ..text import title_text
from ..urls import Ctx
from .tables import document_table, meeting_table


def _title(key: str, ctx: Ctx) -> str:
    return front_matter(t(ctx.lang, key)) + f"# {t(ctx.lang, key)}\n\n"


def timeline_page(kb: KnowledgeBase, ctx: Ctx) -> str:
    out = [_title("timeline", ctx)]
    years = kb.meetings_by_year()
    if years:
        out += [timeline_filters_html(kb, ctx), timeline_svg(kb, list(kb.meetings), ctx)]
    if years:
        nav = "".join(f'<li><a href="#y{y}">{y}</a></li>' for y in years)
        out.append(f'<nav class="kyocho-years" aria-label="{esc(t(ctx.lang, "years"), quote=True)}"><ul>{nav}</ul></nav>\n')
    for year, ids in years.items():
        out.append(f"\n## {year} {{#y{year}}}\n\n")
        out.append(meeting_table(kb, ids, ctx, filterable=True))
    return "".join(out)


def _forum_tree(kb: KnowledgeBase, fid: str, depth: int = 0):
    yield depth, fid
    for sub in kb.sub_forums(fid):
        yield from _forum_tree(kb, sub, depth + 1)


def forums_index(kb: KnowledgeBase, ctx: Ctx) -> str:
    lang = ctx.lang
    rows = []
    for fid in kb.root_forums():
        for depth, sub in _forum_tree(kb, fid):
            indent = ("　" if lang == "ja" else "\u2003") * depth
            rows.append([indent + link_html(kb, "forum", sub, ctx),
                         choice_html(lang, "forumkind", kb.forums[sub].kind),
                         links_html(kb, "series", kb.series_of_forum(sub), ctx),
                         str(len(kb.meetings_of_forum(sub)))])
    head = [t(lang, k) for k in ("forum", "kind", "series", "meetings_count")]
    return _title("forums", ctx) + table_html(head, rows)


def topics_index(kb: KnowledgeBase, ctx: Ctx) -> str:
    def tree(tid: str, seen: set) -> str:
        if tid in seen:
            return ""
        seen.add(tid)
        count = len(kb.meetings_of_topic(tid)) + len(kb.documents_of_topic(tid))
        inner = "".join(tree(k, seen) for k in kb.narrower_topics(tid))
        return (f"<li>{link_html(kb, 'topic', tid, ctx)} <span class=\"kyocho-count\">({count})</span>"
                + (f"<ul>{inner}</ul>" if inner else "") + "</li>")

    roots = sorted(tid for tid, tp in kb.topics.items() if not tp.broader)
    seen: set = set()
    chart = topics_chart(kb, ctx)
    over_time = heading_md(ctx.lang, "topics_over_time", "over-time") + chart if chart else ""
    return (_title("topics", ctx) + "<ul>\n" + "\n".join(tree(r, seen) for r in roots) + "\n</ul>\n"
            + over_time)


def parties_index(kb: KnowledgeBase, ctx: Ctx) -> str:
    out = [_title("parties", ctx)]
    for kind, key in (("country", "countries"), ("economy", "economies"), ("organization", "organizations")):
        ids = sorted((p for p, m in kb.parties.items() if m.kind == kind),
                     key=lambda p: title_text(kb, "party", p, ctx.lang))
        if not ids:
            continue
        out.append(f"\n## {t(ctx.lang, key)} {{#{kind}}}\n\n")
        out.append("<ul class=\"kyocho-columns\">\n" + "\n".join(
            f"<li>{link_html(kb, 'party', p, ctx)} <span class=\"kyocho-count\">"
            f"({len(kb.meetings_of_party(p))})</span></li>" for p in ids) + "\n</ul>\n")
    return "".join(out)


def documents_index(kb: KnowledgeBase, ctx: Ctx) -> str:
    out = [_title("documents", ctx)]
    by_year: dict[int, list[str]] = {}
    for did in kb.documents_by_date(list(kb.documents)):
        day = kb.document_day(did)
        by_year.setdefault(day.year if day else 0, []).append(did)
    for year in sorted(by_year, reverse=True):
        label = str(year) if year else t(ctx.lang, "date_unknown")
        out.append(f"\n## {label} {{#y{year}}}\n\n")
        out.append(document_table(kb, by_year[year], ctx))
    return "".join(out)


def series_index(kb: KnowledgeBase, ctx: Ctx) -> str:
    rows = [[link_html(kb, "series", s, ctx), link_html(kb, "forum", m.forum, ctx),
             str(len(kb.meetings_of_series(s)))]
            for s, m in sorted(kb.series.items(), key=lambda kv: (kv[1].forum, kv[0]))]
    head = [t(ctx.lang, k) for k in ("series", "forum", "meetings_count")]
    return _title("series", ctx) + table_html(head, rows)


def processes_index(kb: KnowledgeBase, ctx: Ctx) -> str:
    lang = ctx.lang
    rows = [[link_html(kb, "process", pid, ctx), choice_html(lang, "process_status", p.status),
             str(p.start.year), links_html(kb, "forum", p.forums, ctx), str(len(kb.members_of_process(pid)))]
            for pid, p in sorted(kb.processes.items(), key=lambda kv: (kv[1].start, kv[0]))]
    head = [t(lang, k) for k in ("process", "status", "since", "forums", "records_count")]
    return _title("processes", ctx) + f"<p>{esc(t(lang, 'processes_intro'))}</p>\n" + table_html(head, rows)


INDEX_PAGES = {"meeting": timeline_page, "document": documents_index, "forum": forums_index,
               "series": series_index, "topic": topics_index, "party": parties_index,
               "process": processes_index}
