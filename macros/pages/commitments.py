"""Commitments: on a document's page, each with where it comes from and what became of it; and
the Commitments page, every commitment by forum with its topics and status, and what falls due.

A commitment is referred to as "<document id>#<commitment id>"; on its document's page it has
the anchor `c-<commitment id>`. What became of it is derived in the core from the later
commitments that name it (`kb.commitment_followups`, `kb.commitment_status`); where none is
recorded the page says that Kyocho has no later step, not that nothing happened.
"""

from __future__ import annotations

import datetime as dt

from ..core.kb import KnowledgeBase
from ..core.models import Commitment
from ..i18n import format_date, t
from ..markup import esc, filters_form_html, heading_md, link_html, links_html, text_html
from ..text import other_lang, title_text
from ..urls import Ctx, url_of
from .tables import facet_attrs

STATUSES = ("open", "reaffirms", "advances", "narrows", "supersedes")
SOON = dt.timedelta(days=365)


def commitment_href(kb: KnowledgeBase, ref: str, ctx: Ctx) -> str:
    did, _, cid = ref.partition("#")
    return f"{ctx.href(url_of('document', did))}#c-{cid}"


def commitment_link(kb: KnowledgeBase, ref: str, ctx: Ctx) -> str:
    """A link to the commitment: its document's title and date, then the summary itself."""
    did, c = kb.commitment(ref)
    day = kb.document_day(did)
    when = f" ({format_date(day, ctx.lang)})" if day else ""
    return (f'<a href="{commitment_href(kb, ref, ctx)}">{esc(title_text(kb, "document", did, ctx.lang))}{esc(when)}</a>'
            f"{t(ctx.lang, 'colon')}{text_html(c, ctx.lang)}")


def _paragraph_html(kb: KnowledgeBase, did: str, c: Commitment, lang: str) -> str:
    """Where in the official text: the paragraph, linked to the text in the reader's language
    (or the other one) when the document record gives its address."""
    if not c.paragraph:
        return ""
    texts = kb.documents[did].texts
    link = None
    for code in (lang, other_lang(lang)):
        entry = getattr(texts, code, None) if texts else None
        if entry and entry.url:
            link = entry.url
            break
    label = text_html(c.paragraph, lang)
    return f'<a href="{esc(link, quote=True)}">{label}</a>' if link else label


def status_text(kb: KnowledgeBase, ref: str, lang: str) -> str:
    return t(lang, f"commitment_status_{kb.commitment_status(ref)}")


def document_commitments_html(kb: KnowledgeBase, did: str, ctx: Ctx) -> str:
    """The document page's section: each commitment with its paragraph, due date, what it
    follows and what followed it."""
    lang = ctx.lang
    items = []
    for c in kb.documents[did].commitments:
        ref = f"{did}#{c.id}"
        meta = []
        paragraph = _paragraph_html(kb, did, c, lang)
        if paragraph:
            meta.append(f"{esc(t(lang, 'commitment_paragraph'))}{t(lang, 'colon')}{paragraph}")
        if c.due:
            meta.append(f"{esc(t(lang, 'commitment_due'))}{t(lang, 'colon')}{esc(format_date(c.due, lang))}")
        meta.append(f"{esc(t(lang, 'commitment_status'))}{t(lang, 'colon')}{esc(status_text(kb, ref, lang))}")
        steps = [f"<li>{esc(t(lang, 'relation_' + f.relation))}{t(lang, 'colon')}{commitment_link(kb, f.commitment, ctx)}</li>"
                 for f in c.follows if kb.commitment(f.commitment)]
        steps += [f"<li>{esc(t(lang, 'relation_by_' + relation))}{t(lang, 'colon')}{commitment_link(kb, later, ctx)}</li>"
                  for later, relation in kb.commitment_followups(ref)]
        items.append(f'<li id="c-{c.id}"><p>{text_html(c, lang)}</p>'
                     f'<p class="kyocho-commitment-meta">{" · ".join(meta)}</p>'
                     + (f'<ul class="kyocho-commitment-steps">{"".join(steps)}</ul>' if steps else "") + "</li>")
    if not items:
        return ""
    return (heading_md(lang, "key_commitments", "commitments")
            + '<ol class="kyocho-commitments">\n' + "\n".join(items) + "\n</ol>\n")


def _row(kb: KnowledgeBase, did: str, c: Commitment, ctx: Ctx) -> str:
    ref = f"{did}#{c.id}"
    lang = ctx.lang
    attrs = facet_attrs(kb, "document", did, ("forum", "topic")) + f' data-status="{kb.commitment_status(ref)}"'
    day = kb.document_day(did)
    cells = [f'<a href="{commitment_href(kb, ref, ctx)}">{text_html(c, lang)}</a>',
             link_html(kb, "document", did, ctx) + (f"<br>{esc(format_date(day, lang))}" if day else ""),
             links_html(kb, "topic", kb.documents[did].topics, ctx),
             esc(status_text(kb, ref, lang)),
             esc(format_date(c.due, lang)) if c.due else ""]
    return f"<tr{attrs}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _table(kb: KnowledgeBase, rows: list[tuple[str, Commitment]], ctx: Ctx) -> str:
    head = "".join(f"<th>{esc(t(ctx.lang, k))}</th>" for k in
                   ("commitment", "document", "topics", "commitment_status", "commitment_due"))
    body = "\n".join(_row(kb, did, c, ctx) for did, c in rows)
    # Not indexed for search: each commitment is found on its document's page.
    return f"<table data-pagefind-ignore=\"all\">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def commitments_filters_html(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Filters by forum, topic and status (the timeline's script runs them; hidden without it)."""
    lang = ctx.lang
    docs = {did for did, _ in kb.all_commitments()}
    facets = [kb.facets("document", did) for did in docs]
    forums = sorted(set().union(*(f.forums for f in facets)), key=lambda x: title_text(kb, "forum", x, lang))
    topics = sorted(set().union(*(f.topics for f in facets)), key=lambda x: title_text(kb, "topic", x, lang))
    used = {kb.commitment_status(f"{did}#{c.id}") for did, c in kb.all_commitments()}
    return filters_form_html(lang, [
        ("forum", "filter_forum", [(x, title_text(kb, "forum", x, lang)) for x in forums]),
        ("topic", "filter_topic", [(x, title_text(kb, "topic", x, lang)) for x in topics]),
        ("status", "filter_commitment_status",
         [(s, t(lang, f"commitment_status_{s}")) for s in STATUSES if s in used])],
        "filter_label_commitments", "filter_status_commitments")


def commitments_index(kb: KnowledgeBase, ctx: Ctx, today: dt.date | None = None) -> str:
    """The Commitments page's body: what falls due in the next twelve months, then every
    commitment by forum family (with its topics and status), filterable."""
    lang = ctx.lang
    today = today or dt.date.today()
    everything = kb.all_commitments()
    if not everything:
        return f"<p>{esc(t(lang, 'no_records'))}</p>\n"
    soon = sorted(((did, c) for did, c in everything if c.due and today <= c.due <= today + SOON),
                  key=lambda x: x[1].due)
    out = [heading_md(lang, "commitments_due_soon", "due"),
           f"<p>{esc(t(lang, 'commitments_due_soon_intro').format(date=format_date(today, lang)))}</p>\n",
           _table(kb, soon, ctx) if soon else f"<p>{esc(t(lang, 'commitments_due_none'))}</p>\n",
           heading_md(lang, "commitments_by_forum", "all"), commitments_filters_html(kb, ctx)]
    by_family: dict[str, list] = {}
    for did, c in everything:
        forum = kb.forum_of_document(did)
        by_family.setdefault(kb.root_forum(forum) if forum else "", []).append((did, c))
    for fam in sorted(by_family, key=lambda f: (f == "", title_text(kb, "forum", f, lang) if f else "")):
        name = title_text(kb, "forum", fam, lang) if fam else t(lang, "no_forum")
        out.append(f"\n### {esc(name)} {{: #f-{fam or 'none'} }}\n\n")
        out.append(_table(kb, by_family[fam], ctx))
    return "".join(out)


def commitment_count_text(kb: KnowledgeBase, lang: str) -> str:
    everything = kb.all_commitments()
    followed = sum(1 for did, c in everything if c.follows)
    return t(lang, "commitments_count").format(n=len(everything), followed=followed,
                                               docs=len({did for did, _ in everything}))

