"""The sections record pages share: front matter, sources, lineage, notes, cite-this, backlinks."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from .. import citations, linked_data
from ..core.kb import KnowledgeBase
from ..drawings import lineage_svg, lineage_table_html, series_strip_svg
from ..core.models import Text
from ..i18n import format_date, format_range, t
from ..markup import esc, front_matter, heading_md, link_html, prose_html, text_html
from ..readings import reading
from ..text import forum_text, in_parens, other_lang, title_of, value_text
from ..urls import Ctx, absolute, bib_url, briefing_docx_name, briefing_url, page_path, site_url



def record_front_matter(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx) -> str:
    """Front matter of a record page: its title, and the data file the page is made from
    (the template turns it into the "edit this record" link); then the record's other names
    for search (see `search_terms_html`)."""
    return front_matter(value_text(title_of(kb, kind, rid), ctx.lang), kyocho_record=kb.records[kind][rid].path,
                        kyocho_edit_label=t(ctx.lang, "edit_record"),
                        kyocho_data_label=t(ctx.lang, "record_data_file")) + search_terms_html(kb, kind, rid, ctx.lang)


def search_terms_html(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    """Words a reader searches by that the page does not show as its title: the title in the
    other language, the short name and the aliases (DFFT, HAIP, WSIS). Weighted just below the
    title in the search index; hidden from sight and from screen readers, which read the
    visible title."""
    model = kb.get(kind, rid)
    title = title_of(kb, kind, rid)
    names = [title.get("ja") or "", title.get("en") or ""]
    short = getattr(model, "short", None)
    if short is not None:
        names += [short.get("ja") or "", short.get("en") or ""]
    names += list(getattr(model, "aliases", []) or [])
    terms = [x for x in names if x != title.get(lang)]
    if lang == "ja":   # kana readings of the Japanese title and, for a meeting, its city
        terms.append(reading(title.get("ja") or ""))
        city = kb.meetings[rid].place.city if kind == "meeting" and kb.meetings[rid].place else None
        if city is not None:
            terms.append(reading(city.get("ja") or ""))
    words = " · ".join(dict.fromkeys(x for x in terms if x))
    # What a search result says it is: the record's kind and, for meetings and documents, its
    # date and forum (Pagefind metadata, shown by docs/assets/kyocho-search.js above the title).
    # The names (both titles, short name, aliases) let the search put the record whose name
    # is the query first; "unofficial" lets it mark a title that is our own rendering.
    metas = {"kind": t(lang, kind)}
    day = kb.day(kind, rid) if kind in ("meeting", "document") else None
    if day:
        metas["when"] = format_range(day, None, lang, era=False)
    forum = model.forum if kind == "meeting" else (
        kb.meetings[model.adopted_at].forum if kind == "document" and model.adopted_at in kb.meetings else None)
    if forum in kb.forums:
        metas["forum"] = forum_text(kb, forum, lang, short=True)
    metas["names"] = " | ".join(dict.fromkeys(x for x in names if x))
    if lang in (getattr(model, "title_unofficial", None) or []):
        metas["unofficial"] = t(lang, "unofficial_title")
    # A result's excerpt is the start of the record's own summary, not whichever fragment of
    # the page (the other-language title, kana readings) holds the most matched words.
    about = getattr(model, "summary", None) or getattr(model, "description", None)
    metas["excerpt"] = excerpt_text(value_text(about, lang)) if about is not None else ""
    # Metadata from the element's text (commas allowed), kept out of the indexed content.
    out = "".join(f'<span hidden data-pagefind-ignore data-pagefind-meta="{k}">{esc(v)}</span>'
                  for k, v in metas.items() if v) + "\n"
    if words:
        out += f'<p class="kyocho-visually-hidden" aria-hidden="true" data-pagefind-weight="9">{esc(words)}</p>\n'
    return out



_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def excerpt_text(markdown: str, limit: int = 160) -> str:
    """The opening of a summary as plain text: Markdown links and emphasis reduced to their
    words, cut after a sentence, or at a word, within `limit` characters."""
    text = " ".join(_MD_LINK.sub(r"\1", markdown).replace("**", "").replace("`", "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind("。"), cut.rfind(". "))
    if end >= limit // 2:
        return cut[:end + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space >= limit // 2 else cut).rstrip(" ,、") + "…"


def sources_html(kb: KnowledgeBase, keys: list[str], ctx: Ctx) -> str:
    """The record's sources, numbered, each linked to its page."""
    items = []
    for key in keys:
        s = kb.sources[key]
        bits = [esc(s.publisher_in(ctx.lang))] if s.publisher else []
        bits.append(f'<a href="{esc(s.url, quote=True)}">{esc(s.title)}</a>')
        if s.date:
            bits.append(esc(s.date))
        mark = (f' <span class="kyocho-source-kind">{esc(in_parens(t(ctx.lang, "source_secondary"), ctx.lang).strip())}</span>'
                if s.kind == "secondary" else "")
        items.append(f'<li id="src-{esc(key, quote=True)}">' + ". ".join(bits) + mark + "</li>")
    return (heading_md(ctx.lang, "sources", "sources", searchable=False) +
            '<ol class="kyocho-sources" data-pagefind-ignore="all">\n' + "\n".join(items) + "\n</ol>\n")


def backlinks_html(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx, skip: frozenset = frozenset()) -> str:
    """Records that refer to this one, by kind and id, except kinds shown in a table already."""
    items = sorted({(b.kind, b.id) for b in kb.referenced_by(kind, rid) if b.kind not in skip})
    if not items:
        return ""
    return heading_md(ctx.lang, "referenced_by", "referenced-by", searchable=False) + "<ul data-pagefind-ignore=\"all\">\n" + "\n".join(
        f"<li>{esc(t(ctx.lang, k))}: {link_html(kb, k, i, ctx)}</li>" for k, i in items) + "\n</ul>\n"


def notes_html(value: Text | None, ctx: Ctx) -> str:
    return heading_md(ctx.lang, "notes", "notes") + prose_html(value, ctx.lang) + "\n" if value else ""


def summary_html(value: Text | None, ctx: Ctx) -> str:
    return heading_md(ctx.lang, "summary", "summary") + prose_html(value, ctx.lang) + "\n" if value else ""


def lineage_html(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx) -> str:
    """The record's line drawn (what it builds on, what followed), a meeting's place in its
    series, and the line as a table for those who read rather than look."""
    line = kb.lineage(kind, rid)
    strip = series_strip_svg(kb, rid, ctx) if kind == "meeting" else ""
    if not line and not strip:
        return ""
    out = [heading_md(ctx.lang, "lineage", "lineage", searchable=False), f"<div data-pagefind-ignore=\"all\">{strip}"]
    if line:
        out += [lineage_svg(kb, line, ctx),
                f'<details class="kyocho-numbers"><summary>{esc(t(ctx.lang, "lineage_numbers"))}</summary>\n',
                lineage_table_html(kb, line, ctx), "</details>\n"]
    return "".join(out) + "</div>\n"


def cite_html(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx) -> str:
    """"Cite this": a plain-text reference to copy (accessed today, with the page's permanent
    address when the site's address is set), and the record's BibTeX, CSL-JSON and RIS files."""
    text = citations.cite_text(kb, kind, rid, ctx.lang, accessed=dt.date.today(),
                               permalink=absolute(site_url(), page_path(kind, rid, ctx.lang)))
    files = " · ".join(f'<a href="{ctx.root_href(bib_url(kind, rid, ctx.lang, ext))}" download>{esc(t(ctx.lang, key))}</a>'
                       for ext, key in (("bib", "download_bibtex"), ("json", "download_csl"), ("ris", "download_ris")))
    return (heading_md(ctx.lang, "cite_this", "cite", searchable=False) +
            f'<p class="kyocho-cite" data-pagefind-ignore="all">{esc(text)}</p>\n'
            f'<p data-pagefind-ignore="all">{files}</p>\n')


def json_ld_html(kb: KnowledgeBase, kind: str, rid: str, ctx: Ctx) -> str:
    """schema.org JSON-LD for a meeting or document page (search engines, citation tools)."""
    return linked_data.script_tag(linked_data.jsonld(kb, kind, rid, ctx.lang, site_url())) + "\n"


def briefing_offer_html(kind: str, rid: str, ctx: Ctx) -> str:
    """Links from a record page to its briefing: the print page, the Word file, and the
    builder with this record already chosen (to narrow it by period, topic, forum…)."""
    page = ctx.href(briefing_url(kind, rid))
    docx = page + briefing_docx_name(kind, rid, ctx.lang)
    builder = ctx.href("briefings/") + "?" + urlencode({kind: rid}) + "#builder"
    return (f'<p class="kyocho-briefing-offer">{esc(t(ctx.lang, "briefing_offer"))} '
            f'<a href="{page}">{esc(t(ctx.lang, "briefing_print"))}</a> · '
            f'<a href="{docx}" download>{esc(t(ctx.lang, "briefing_docx"))}</a> · '
            f'<a href="{esc(builder, quote=True)}">{esc(t(ctx.lang, "briefing_narrow"))}</a></p>\n')
