"""Escaped HTML building blocks for pages: text, Markdown, links, tables, facts lists.

Record content is untrusted (it comes from pull requests), so everything taken from a record
is written as escaped HTML, and Markdown fields are rendered and then sanitised with nh3 (a
binding of the Ammonia sanitiser). Only our own interface strings are written as Markdown
(`heading_md`, `front_matter`). Every function here returns HTML that is safe to insert.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from typing import Iterable

import markdown as _markdown
import nh3

from .core.kb import KnowledgeBase
from .core.models import Text
from .i18n import t
from .text import choice_text, list_sep, other_lang, place_parts, representative_text, title_of
from .urls import Ctx, url_of

esc = html.escape

_ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p",
                 "pre", "strong", "sub", "sup", "ul", "q", "s", "del", "ins"}
_MD = _markdown.Markdown(extensions=["sane_lists"], output_format="html")


def untranslated_html(lang: str) -> str:
    """The mark after text shown in the other language: （未翻訳） / (not translated)."""
    word = esc(t(lang, "not_translated"))
    return f'<span class="kyocho-untranslated">{"（" + word + "）" if lang == "ja" else "(" + word + ")"}</span>'


def text_html(value: Text | None, lang: str) -> str:
    """A bilingual field in `lang`; when missing, the other language, visibly marked."""
    if value is None:
        return ""
    got = value.get(lang)
    if got is not None:
        return esc(got)
    alt = other_lang(lang)
    return f'<span lang="{alt}">{esc(value.get(alt) or "")}</span> {untranslated_html(lang)}'


@lru_cache(maxsize=65536)
def markdown_html(source: str) -> str:
    """Contributor Markdown → safe HTML: rendered, then sanitised (never trusted).

    One Markdown instance, reset between texts (building one per call was most of the cost
    of a briefing), and a cache: the same summary appears on several pages and briefings."""
    rendered = _MD.reset().convert(source)
    clean = nh3.clean(rendered, tags=_ALLOWED_TAGS, attributes={"a": {"href", "title"}, "abbr": {"title"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    # Python-Markdown ends a raw HTML block at a blank line inside it: keep it in one piece.
    return "\n".join(line for line in clean.splitlines() if line.strip())


def prose_html(value: Text | None, lang: str) -> str:
    """A Markdown field as HTML; when missing in `lang`, a notice and the other language."""
    if value is None:
        return ""
    got = value.get(lang)
    if got is not None:
        return f'<div class="kyocho-prose">\n{markdown_html(got)}\n</div>'
    alt = other_lang(lang)
    return (f'<div class="admonition note kyocho-untranslated-block">\n'
            f'<p class="admonition-title">{esc(t(lang, "not_translated"))}</p>\n'
            f'<p>{esc(t(lang, "not_translated_note"))}</p>\n</div>\n'
            f'<div class="kyocho-prose" lang="{alt}">\n{markdown_html(value.get(alt) or "")}\n</div>')


def choice_html(lang: str, prefix: str, value: str) -> str:
    return esc(choice_text(lang, prefix, value))


def roles_html(values, lang: str) -> str:
    return list_sep(lang).join(choice_html(lang, "role", r) for r in values)


def representative_html(rep, lang: str) -> str:
    """「総務大臣　松本剛明」 / "Takeaki Matsumoto, Minister for Internal Affairs and Communications"."""
    return esc(representative_text(rep, lang))


def place_html(kb: KnowledgeBase, meeting_id: str, lang: str) -> str:
    """Where a meeting took place; a city not yet translated is marked as such."""
    city, rest = place_parts(kb, meeting_id, lang)
    return list_sep(lang).join(([text_html(city, lang)] if city else []) + [esc(r) for r in rest])


# -- links -------------------------------------------------------------------------------
def link_html(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx) -> str:
    """The record's title, linked to its page."""
    return f'<a href="{ctx.href(url_of(kind, rid))}">{text_html(title_of(kb, kind, rid), ctx.lang)}</a>'


def links_html(kb: KnowledgeBase, kind: str, ids: Iterable[str], ctx: Ctx) -> str:
    return list_sep(ctx.lang).join(link_html(kb, kind, i, ctx) for i in ids)


def url_html(url: str) -> str:
    """An external address, shown as itself."""
    return f'<a href="{esc(url, quote=True)}">{esc(url)}</a>'


# -- blocks ------------------------------------------------------------------------------
def table_html(head: Iterable[str], rows: Iterable[Iterable[str]], row_attrs: Iterable[str] | None = None) -> str:
    """A table: `head` is plain text (escaped here), each row's cells are HTML already;
    `row_attrs`, where given, the attributes of each <tr> (HTML, with its leading space)."""
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    rows = list(rows)
    attrs = list(row_attrs) if row_attrs is not None else [""] * len(rows)
    body = "\n".join(f"<tr{a}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for a, row in zip(attrs, rows))
    return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def filters_form_html(lang: str, selects: list[tuple[str, str, list[tuple[str, str]]]],
                      label_key: str, status_key: str) -> str:
    """A filter form for docs/assets/kyocho-filters.js: one <select> per (name, label key,
    [(value, text)]), a reset button and a live status line ({n} of {total}). Hidden until the
    script shows it, so a page without JavaScript shows everything."""
    fields = []
    for name, key, options in selects:
        choices = "".join(f'<option value="{esc(v, quote=True)}">{esc(text)}</option>' for v, text in options)
        fields.append(f'<label>{esc(t(lang, key))} <select name="{name}">'
                      f'<option value="">{esc(t(lang, "filter_all"))}</option>{choices}</select></label>')
    return (f'<form class="kyocho-filters" data-kyocho-filters data-status="{esc(t(lang, status_key), quote=True)}" '
            f'hidden aria-label="{esc(t(lang, label_key), quote=True)}">' + "".join(fields)
            + f'<button type="reset" class="md-button">{esc(t(lang, "filter_clear"))}</button>'
            + '<p class="kyocho-filter-status" role="status" aria-live="polite"></p></form>\n')


def facts_html(rows: list[tuple[str, str]], lang: str) -> str:
    """A record's facts as a definition list: (interface-string key, HTML value); empty values are left out.

    Each pair sits in a <div> (valid in a <dl>) and the labels are left out of the search
    index: Pagefind 1.5 joins a <dt> to its <dd> with no space, which gave excerpts like
    "KindStatement Date7"; now an excerpt reads "Statement. 7 May 2024."."""
    body = "\n".join(f"<div><dt data-pagefind-ignore>{esc(t(lang, k))}</dt><dd>{v}</dd></div>" for k, v in rows if v)
    return f'<dl class="kyocho-facts">\n{body}\n</dl>\n'


def heading_md(lang: str, key: str, anchor: str, level: int = 2, searchable: bool = True) -> str:
    """A Markdown heading from an interface string, with a fixed anchor; `searchable=False`
    keeps the heading out of the search index (its section is then not a sub-result)."""
    ignore = "" if searchable else ' data-pagefind-ignore="all"'
    return f"\n{'#' * level} {t(lang, key)} {{#{anchor}{ignore}}}\n\n"


def front_matter(title: str, **extra) -> str:
    meta = {"title": esc(title), **extra}
    # JSON is valid YAML and escapes everything that could break the block.
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n"


def h1_html(value: Text, lang: str, unofficial: list[str] | None = None) -> str:
    """A record page's title; an unofficial rendering says so."""
    note = ""
    if unofficial and lang in unofficial and value.get(lang):
        # Kept out of the search index, so a result's title is the title alone.
        note = f' <span class="kyocho-untranslated" data-pagefind-ignore="all">{esc(t(lang, "unofficial_title"))}</span>'
    # The title weighs most in search (Pagefind's default for an h1 is 7).
    return f'<h1 data-pagefind-weight="10">{text_html(value, lang)}{note}</h1>\n'
