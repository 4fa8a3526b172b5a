"""The coverage page's tables: what the knowledge base holds, per forum, year, source and language."""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..drawings import per_year_chart
from ..i18n import t
from ..markup import esc, link_html, table_html
from ..urls import Ctx, url_of


def coverage_by_forum(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Meetings and documents per forum family (a forum with its sub-bodies)."""
    lang, rows = ctx.lang, []
    for fid in kb.root_forums():
        rows.append([link_html(kb, "forum", fid, ctx), str(len(kb.meetings_of_forum(fid))),
                     str(len(kb.documents_of_forum(fid)))])
    unattached = [d for d in kb.documents if kb.forum_of_document(d) is None]
    rows.append([esc(t(lang, "no_forum")), "0", str(len(unattached))])
    return table_html([t(lang, "forum"), t(lang, "meetings_count"), t(lang, "documents_count")], rows)


def coverage_by_year(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Meetings per year drawn by forum family, then meetings and documents per year, newest first."""
    lang, years = ctx.lang, {}
    for m in kb.meetings.values():
        years.setdefault(m.start.year, [0, 0])[0] += 1
    for d in kb.documents.values():
        if d.date:
            years.setdefault(d.date.year, [0, 0])[1] += 1
    rows = [[f'<a href="{ctx.href(url_of("meeting"))}#y{y}">{y}</a>' if c[0] else str(y),
             str(c[0]), str(c[1])] for y, c in sorted(years.items(), reverse=True)]
    return per_year_chart(kb, ctx) + table_html([t(lang, "year"), t(lang, "meetings_count"), t(lang, "documents_count")], rows)


def coverage_sources(kb: KnowledgeBase, lang: str) -> str:
    """How many sources each kind of record cites, and how many records have no official one."""
    rows = []
    for kind in ("meeting", "document", "process", "forum", "series", "topic", "party"):
        recs = list(kb.all(kind))
        counts = sorted(len(r.model.sources) for r in recs)
        if not counts:
            continue
        one = sum(1 for c in counts if c == 1)
        unofficial = sum(1 for r in recs if not any(kb.sources[k].kind == "official"
                                                     for k in r.model.sources if k in kb.sources))
        rows.append([esc(t(lang, kind)), str(len(counts)), str(counts[0]),
                     f"{counts[len(counts) // 2]}", str(counts[-1]), str(one), str(unofficial)])
    return table_html([t(lang, "kind"), t(lang, "records_count"), t(lang, "sources_min"),
                       t(lang, "sources_median"), t(lang, "sources_max"), t(lang, "sources_single"),
                       t(lang, "sources_unofficial")], rows)


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
    return table_html([t(lang, "kind"), t(lang, "field"), t(lang, "records_count"), "日本語 / ja",
                   "English / en", t(lang, "unofficial_titles")], rows)


def coverage_answers(kb: KnowledgeBase, ctx: Ctx) -> str:
    """What officers ask first, and how much of it is known, per forum family: of the meetings
    in which Japan took part, how many say who represented Japan; of the documents' commitments,
    how many give their paragraph and how many a later step."""
    lang, rows = ctx.lang, []

    def share(part: int, whole: int) -> str:
        return f"{part} / {whole} ({100 * part // whole}%)" if whole else "–"

    totals = [0, 0, 0, 0, 0]
    for fid in kb.root_forums():
        with_japan = [m for m in kb.meetings_of_forum(fid) if kb.meetings[m].japan_role]
        named = [m for m in with_japan if kb.meetings[m].japan_represented_by]
        refs = [(d, c) for d in kb.documents_of_forum(fid) for c in kb.documents[d].commitments]
        located = [1 for _, c in refs if c.paragraph]
        followed = [1 for d, c in refs if kb.commitment_status(f"{d}#{c.id}") != "open" or c.follows]
        counts = [len(with_japan), len(named), len(refs), len(located), len(followed)]
        totals = [a + b for a, b in zip(totals, counts)]
        if counts[0] or counts[2]:
            rows.append([link_html(kb, "forum", fid, ctx), share(counts[1], counts[0]),
                         share(counts[3], counts[2]), share(counts[4], counts[2])])
    rows.append([f"<strong>{esc(t(lang, 'answers_total'))}</strong>", share(totals[1], totals[0]),
                 share(totals[3], totals[2]), share(totals[4], totals[2])])
    return table_html([t(lang, "forum"), t(lang, "answers_represented"), t(lang, "answers_paragraph"),
                       t(lang, "answers_followed")], rows)
