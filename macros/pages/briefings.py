"""The site's briefing pages: a print-ready page per forum, series, topic and party, and their index."""

from __future__ import annotations

import datetime as dt

from .. import briefings
from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import esc, front_matter, text_html
from ..text import title_of, title_text
from ..core.models import FOLDERS
from ..urls import BRIEFING_KINDS, Ctx, briefing_docx_name, briefing_url, url_of


def briefing_selection(kind: str, rid: str) -> briefings.Selection:
    """The briefing a record page offers: everything its forum, series, topic or party covers."""
    return briefings.Selection(**{briefings.FACET_OF[kind]: (rid,)})


def briefing_page(kb: KnowledgeBase, kind: str, rid: str, lang: str, produced: dt.date) -> str:
    """The print-ready briefing for everything a forum, series, topic or party covers."""
    ctx = Ctx(lang, briefing_url(kind, rid))
    brief = briefings.build(kb, briefing_selection(kind, rid), ctx, produced)
    name = briefing_docx_name(kind, rid, lang)
    tools = (f'<p class="kyocho-briefing-tools"><a href="{ctx.href(url_of(kind, rid))}">← '
             f'{text_html(title_of(kb, kind, rid), lang)}</a> · '
             f'<a href="{name}" download>{esc(t(lang, "briefing_docx"))}</a> · '
             f'{esc(t(lang, "briefing_print_hint"))}</p>\n')
    # Not indexed: a briefing copies record pages, which are what search should find. (A
    # process's drawing is part of the briefing itself: a Figure block, in Word as a picture.)
    return (front_matter(brief.title, kyocho_no_index=True) + f"<h1>{esc(brief.title)}</h1>\n" + tools +
            '<div class="kyocho-briefing" data-pagefind-ignore="all">\n' +
            briefings.to_html_fragment(brief, skip_title=True) + "</div>\n")


def briefings_index(kb: KnowledgeBase, lang: str) -> str:
    """Every briefing the site offers, by kind, with its print page and Word file."""
    ctx = Ctx(lang, "briefings/")
    out = [front_matter(t(lang, "briefings"), kyocho_no_index=True), f"# {t(lang, 'briefings')}\n\n",
           f"<p>{esc(t(lang, 'briefings_intro'))}</p>\n"]
    for kind in BRIEFING_KINDS:
        items = []
        for rid in sorted(kb.records[kind], key=lambda i: title_text(kb, kind, i, lang)):
            page = ctx.href(briefing_url(kind, rid))
            items.append(f'<li><a href="{page}">{text_html(title_of(kb, kind, rid), lang)}</a> '
                         f'(<a href="{page}{briefing_docx_name(kind, rid, lang)}" download>.docx</a>)</li>')
        if items:
            out.append(f"\n## {t(lang, FOLDERS[kind])} {{: #{FOLDERS[kind]} }}\n\n")
            out.append('<ul class="kyocho-columns">\n' + "\n".join(items) + "\n</ul>\n")
    return "".join(out)
