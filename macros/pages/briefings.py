"""The site's briefing pages: a print-ready page per forum, series, topic and party, and their index."""

from __future__ import annotations

import datetime as dt

from .. import briefings
from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import esc, front_matter, text_html
from ..text import title_of, title_text
from ..core.models import FOLDERS, LANGS
from ..urls import BRIEFING_KINDS, BUILDER_DATA, BUILDER_WORD, Ctx, briefing_docx_name, briefing_url, lang_prefix, url_of


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


BUILDER_MESSAGES = {"building": "builder_building", "done": "builder_done", "word": "builder_word_making",
                    "word-done": "builder_word_done", "failed": "builder_failed", "range": "builder_range",
                    "unknown": "builder_unknown"}


def builder_form(kb: KnowledgeBase, lang: str) -> str:
    """The form of the briefing builder (docs/assets/kyocho-briefing.js): one list per facet,
    the period and the language; hidden until the script shows it. The builder's data is
    published beside this page in each language (`build.publish_builder`)."""
    up = "../" * (1 + lang_prefix(lang).count("/"))   # from briefings/ to the site root
    data = {"lang": lang}
    for other in LANGS:
        data[f"root-{other}"] = up + lang_prefix(other)
        data[f"kit-{other}"] = up + lang_prefix(other) + BUILDER_DATA
        data[f"word-{other}"] = up + lang_prefix(other) + BUILDER_WORD
    for name, key in BUILDER_MESSAGES.items():
        data[f"msg-{name}"] = t(lang, key)
    attrs = " ".join(f'data-{k}="{esc(v, quote=True)}"' for k, v in data.items())
    fields = []
    for kind in briefings.FACETS.values():
        options = "".join(f'<option value="{esc(rid, quote=True)}">{esc(title_text(kb, kind, rid, lang))}</option>'
                          for rid in sorted(kb.records[kind], key=lambda i: title_text(kb, kind, i, lang).lower()))
        fields.append(f'<label>{esc(t(lang, FOLDERS[kind]))}<select name="{kind}" multiple size="6">{options}</select></label>')
    languages = "".join(f'<option value="{code}"{" selected" if code == lang else ""}>{esc(t(code, "language_name"))}</option>'
                        for code in LANGS)
    return (f"\n## {t(lang, 'builder_title')} {{: #builder }}\n\n"
            f"<p>{esc(t(lang, 'builder_intro'))}</p>\n"
            f"<noscript><p>{esc(t(lang, 'builder_noscript'))}</p></noscript>\n"
            f'<form class="kyocho-builder" hidden {attrs} aria-label="{esc(t(lang, "builder_title"), quote=True)}">'
            f'<p class="kyocho-builder-hint">{esc(t(lang, "builder_hint"))}</p>'
            f'<div class="kyocho-builder-facets">{"".join(fields)}</div><div class="kyocho-builder-more">'
            f'<label>{esc(t(lang, "builder_since"))}<input type="date" name="since"></label>'
            f'<label>{esc(t(lang, "builder_until"))}<input type="date" name="until"></label>'
            f'<label>{esc(t(lang, "builder_language"))}<select name="lang">{languages}</select></label>'
            f'<button type="submit" class="md-button md-button--primary">{esc(t(lang, "builder_build"))}</button></div></form>\n'
            '<p class="kyocho-builder-status" role="status" aria-live="polite"></p>\n'
            f'<p class="kyocho-builder-tools" hidden><button type="button" class="md-button" data-action="print">'
            f'{esc(t(lang, "builder_print"))}</button> <button type="button" class="md-button" data-action="word">'
            f'{esc(t(lang, "builder_word"))}</button></p>\n'
            '<div class="kyocho-briefing kyocho-builder-result" data-pagefind-ignore="all"></div>\n')


def briefings_index(kb: KnowledgeBase, lang: str) -> str:
    """Every briefing the site offers, by kind, with its print page and Word file, and the
    builder for any other choice."""
    ctx = Ctx(lang, "briefings/")
    out = [front_matter(t(lang, "briefings"), kyocho_no_index=True), f"# {t(lang, 'briefings')}\n\n",
           f"<p>{esc(t(lang, 'briefings_intro'))}</p>\n", builder_form(kb, lang)]
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
