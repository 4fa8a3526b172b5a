"""Rendering: plain functions that take the knowledge base and return page Markdown/HTML.

Record content is untrusted (it comes from pull requests), so everything taken from a record
is written as escaped HTML, and Markdown fields are rendered and then sanitised with nh3
(a binding of the Ammonia sanitiser). Only our own interface strings are written as Markdown.
Links are written relative to the page, so the same page works under `/` and `/en/`.
"""

from __future__ import annotations

import gettext
import html
import json
from functools import lru_cache

import markdown as _markdown
import nh3
import pycountry

from .i18n import DEFAULT_LANG, LANGS, format_date, format_range, t
from .kb import KnowledgeBase
from .models import Text

# Where each kind's pages live (URL path segment = folder under docs/<lang>/).
SECTION = {"meeting": "meetings", "document": "documents", "forum": "forums",
           "series": "series", "topic": "topics", "party": "parties"}

_ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p",
                 "pre", "strong", "sub", "sup", "ul", "q", "s", "del", "ins"}


# -- URLs --------------------------------------------------------------------------------
def url_of(kind: str, rid: str | None = None) -> str:
    """Site-relative URL (no leading slash) of a record page, or of a section index."""
    return f"{SECTION[kind]}/{rid}/" if rid else f"{SECTION[kind]}/"


# Record kinds whose pages offer a briefing of everything they cover.
BRIEFING_KINDS = ("forum", "series", "topic", "party")


def briefing_url(kind: str, rid: str) -> str:
    """Site-relative URL of the print-ready briefing for a forum, series, topic or party."""
    return f"briefings/{SECTION[kind]}/{rid}/"


def briefing_docx_name(kind: str, rid: str, lang: str) -> str:
    """File name of the Word briefing, next to its print page; unique in a downloads folder."""
    return f"kyocho-briefing-{kind}-{rid}-{lang}.docx"


def href(from_url: str, to_url: str) -> str:
    """Relative link from one directory-style URL ("", "meetings/", "meetings/x/") to another.

    Called for every link on every page, so it avoids posixpath.relpath (slow at scale).
    """
    if from_url == to_url:
        return "./"
    if to_url.startswith(from_url) and from_url:
        return to_url[len(from_url):]
    up = from_url.count("/")
    if up and to_url.startswith(from_url.split("/", 1)[0] + "/"):
        # Same section: one level up is enough.
        return "../" * (up - 1) + to_url.split("/", 1)[1] if up > 1 else to_url
    return "../" * up + to_url


# -- text --------------------------------------------------------------------------------
esc = html.escape


def other(lang: str) -> str:
    return "en" if lang == "ja" else "ja"


def text(value: Text | None, lang: str) -> str:
    """Escaped text in `lang`; when missing, the other language, visibly marked."""
    if value is None:
        return ""
    got = value.get(lang)
    if got is not None:
        return esc(got)
    alt = other(lang)
    return (f'<span lang="{alt}">{esc(value.get(alt) or "")}</span> '
            f'<span class="kyocho-untranslated">（{esc(t(lang, "not_translated"))}）</span>'
            if lang == "ja" else
            f'<span lang="{alt}">{esc(value.get(alt) or "")}</span> '
            f'<span class="kyocho-untranslated">({esc(t(lang, "not_translated"))})</span>')


def plain(value: Text | None, lang: str) -> str:
    """Unescaped text in `lang`, else the other language (for titles and exports)."""
    if value is None:
        return ""
    return value.get(lang) or value.get(other(lang)) or ""


_MD = _markdown.Markdown(extensions=["sane_lists"], output_format="html")


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


def rich(value: Text | None, lang: str) -> str:
    """A Markdown field as HTML; when missing in `lang`, a notice and the other language."""
    if value is None:
        return ""
    got = value.get(lang)
    if got is not None:
        return f'<div class="kyocho-prose">\n{markdown_html(got)}\n</div>'
    alt = other(lang)
    return (f'<div class="admonition note kyocho-untranslated-block">\n'
            f'<p class="admonition-title">{esc(t(lang, "not_translated"))}</p>\n'
            f'<p>{esc(t(lang, "not_translated_note"))}</p>\n</div>\n'
            f'<div class="kyocho-prose" lang="{alt}">\n{markdown_html(value.get(alt) or "")}\n</div>')


@lru_cache(maxsize=None)
def _country_names(lang: str):
    if lang == "en":
        return lambda s: s
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:  # pragma: no cover - translations ship with pycountry
        return lambda s: s


def country_name(kb: KnowledgeBase, code: str, lang: str) -> str:
    party = kb.party_by_iso.get(code)
    if party is not None:
        return plain(party.name, lang)
    country = pycountry.countries.get(alpha_2=code)
    name = getattr(country, "common_name", None) or country.name
    return _country_names(lang)(country.name) if lang != "en" else name


# -- links -------------------------------------------------------------------------------
def title_of(kb: KnowledgeBase, kind: str, rid: str) -> Text:
    model = kb.get(kind, rid)
    return model.title if kind in ("meeting", "document") else model.name


def link(kb: KnowledgeBase, kind: str, rid: str, lang: str, here: str) -> str:
    return f'<a href="{href(here, url_of(kind, rid))}">{text(title_of(kb, kind, rid), lang)}</a>'


def links(kb: KnowledgeBase, kind: str, ids, lang: str, here: str, sep: str | None = None) -> str:
    sep = sep or ("、" if lang == "ja" else ", ")
    return sep.join(link(kb, kind, i, lang, here) for i in ids)


def enum(lang: str, prefix: str, value: str) -> str:
    return esc(t(lang, f"{prefix}_{value}"))


# -- building blocks ---------------------------------------------------------------------
def front_matter(title: str, **extra) -> str:
    meta = {"title": esc(title), **extra}
    # JSON is valid YAML and escapes everything that could break the block.
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n"


def record_front_matter(kb: KnowledgeBase, kind: str, rid: str, title: str, lang: str) -> str:
    """Front matter of a record page: its title, and the data file the page is made from
    (the template turns it into the "edit this record" link)."""
    return front_matter(title, kyocho_record=kb.records[kind][rid].path,
                        kyocho_edit_label=t(lang, "edit_record"),
                        kyocho_data_label=t(lang, "record_data_file"))


def root_href(here: str, lang: str, target: str) -> str:
    """Link to a file published once at the site root (data/…), from a page in `lang`."""
    return ("" if lang == DEFAULT_LANG else "../") + href(here, target)


def cite_block(kb: KnowledgeBase, kind: str, rid: str, lang: str, here: str) -> str:
    """"Cite this": a plain-text reference to copy and the record's BibTeX file."""
    from . import citations  # it builds on this module's helpers

    bib = root_href(here, lang, citations.bib_url(kind, rid, lang))
    return (heading(lang, "cite_this", "cite") +
            f'<p class="kyocho-cite">{esc(citations.cite_text(kb, kind, rid, lang))}</p>\n'
            f'<p><a href="{bib}" download>{esc(t(lang, "download_bibtex"))}</a></p>\n')


def json_ld(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    """schema.org JSON-LD for a meeting or document page (search engines, citation tools)."""
    from . import linked_data  # it builds on this module's helpers

    return linked_data.script_tag(linked_data.jsonld(kb, kind, rid, lang)) + "\n"


def heading(lang: str, key: str, anchor: str, level: int = 2) -> str:
    return f"\n{'#' * level} {t(lang, key)} {{#{anchor}}}\n\n"


def facts(rows: list[tuple[str, str]], lang: str) -> str:
    body = "\n".join(f"<dt>{esc(t(lang, k))}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f'<dl class="kyocho-facts">\n{body}\n</dl>\n'


def place(kb: KnowledgeBase, rid: str, lang: str) -> str:
    p = kb.meetings[rid].place
    if p is None:
        return ""
    parts = []
    if p.city:
        parts.append(text(p.city, lang))
    if p.country:
        parts.append(esc(country_name(kb, p.country, lang)))
    if p.virtual:
        parts.append(esc(t(lang, "virtual")))
    return ("、" if lang == "ja" else ", ").join(parts)


def roles(values, lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(enum(lang, "role", r) for r in values)


def meeting_table(kb: KnowledgeBase, ids: list[str], lang: str, here: str,
                  show_forum: bool = True) -> str:
    if not ids:
        return f"<p>{esc(t(lang, 'no_records'))}</p>\n"
    head = [t(lang, "date"), t(lang, "meeting")] + ([t(lang, "forum")] if show_forum else []) + \
        [t(lang, "place"), t(lang, "japan_role")]
    rows = []
    for mid in ids:
        m = kb.meetings[mid]
        cells = [format_range(m.start, m.end, lang), link(kb, "meeting", mid, lang, here)]
        if show_forum:
            cells.append(link(kb, "forum", m.forum, lang, here))
        cells += [place(kb, mid, lang), roles(m.japan_role, lang)]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"


def doc_date(d, lang: str) -> str:
    return format_date(d.date, lang) if d.date else esc(t(lang, "date_unknown"))


def document_table(kb: KnowledgeBase, ids: list[str], lang: str, here: str) -> str:
    if not ids:
        return f"<p>{esc(t(lang, 'no_records'))}</p>\n"
    head = [t(lang, "date"), t(lang, "document"), t(lang, "kind"), t(lang, "outcome_of")]
    rows = []
    for did in ids:
        d = kb.documents[did]
        cells = [doc_date(d, lang), link(kb, "document", did, lang, here),
                 enum(lang, "doctype", d.type),
                 link(kb, "meeting", d.adopted_at, lang, here) if d.adopted_at else ""]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"


def sources_block(kb: KnowledgeBase, keys: list[str], lang: str) -> str:
    items = []
    for key in keys:
        s = kb.sources[key]
        bits = [esc(s.publisher)] if s.publisher else []
        bits.append(f'<a href="{esc(s.url, quote=True)}">{esc(s.title)}</a>')
        if s.date:
            bits.append(esc(s.date))
        items.append(f'<li id="src-{esc(key, quote=True)}">' + ". ".join(bits) + "</li>")
    return '<ol class="kyocho-sources">\n' + "\n".join(items) + "\n</ol>\n"


def backlinks_block(kb: KnowledgeBase, kind: str, rid: str, lang: str, here: str) -> str:
    seen, items = set(), []
    for b in kb.referenced_by(kind, rid):
        if (b.kind, b.id) in seen:
            continue
        seen.add((b.kind, b.id))
        items.append(f"<li>{esc(t(lang, b.kind))}: {link(kb, b.kind, b.id, lang, here)}</li>")
    if not items:
        return ""
    return heading(lang, "referenced_by", "referenced-by") + "<ul>\n" + "\n".join(items) + "\n</ul>\n"


def notes_block(value: Text | None, lang: str) -> str:
    return heading(lang, "notes", "notes") + rich(value, lang) + "\n" if value else ""


def h1(value: Text, lang: str, unofficial: list[str] | None = None) -> str:
    note = ""
    if unofficial and lang in unofficial and value.get(lang):
        note = f' <span class="kyocho-untranslated">{esc(t(lang, "unofficial_title"))}</span>'
    return f"<h1>{text(value, lang)}{note}</h1>\n"


# -- record pages ------------------------------------------------------------------------
def meeting_page(kb: KnowledgeBase, mid: str, lang: str) -> str:
    m = kb.meetings[mid]
    here = url_of("meeting", mid)
    rows = [
        ("forum", link(kb, "forum", m.forum, lang, here)),
        ("series", link(kb, "series", m.series, lang, here) if m.series else ""),
        ("kind", enum(lang, "kind", m.kind)),
        ("date", format_range(m.start, m.end, lang)),
        ("place", place(kb, mid, lang)),
        ("host", link(kb, "party", m.host, lang, here) if m.host else ""),
        ("chair", link(kb, "party", m.chair, lang, here) if m.chair else ""),
        ("japan_role", roles(m.japan_role, lang)),
        ("parties", links(kb, "party", m.parties, lang, here)),
        ("topics", links(kb, "topic", m.topics, lang, here)),
    ]
    out = [record_front_matter(kb, "meeting", mid, plain(m.title, lang), lang),
           h1(m.title, lang, m.title_unofficial), facts(rows, lang)]
    out += [heading(lang, "summary", "summary"), rich(m.summary, lang), "\n"]
    outcomes = kb.outcomes(mid)
    if outcomes:
        out.append(heading(lang, "documents_adopted", "documents"))
        items = []
        for did in outcomes:
            d = kb.documents[did]
            if d.annex_of in outcomes:
                continue  # listed under its parent document
            annexes = [a for a in kb.annexes(did)]
            sub = ("<ul>" + "".join(f"<li>{link(kb, 'document', a, lang, here)} "
                                    f"（{enum(lang, 'doctype', kb.documents[a].type)}）</li>"
                                    if lang == "ja" else
                                    f"<li>{link(kb, 'document', a, lang, here)} "
                                    f"({enum(lang, 'doctype', kb.documents[a].type)})</li>"
                                    for a in annexes) + "</ul>") if annexes else ""
            kind = enum(lang, "doctype", d.type)
            label = f"（{kind}）" if lang == "ja" else f" ({kind})"
            items.append(f"<li>{link(kb, 'document', did, lang, here)}{label}{sub}</li>")
        out.append("<ul>\n" + "\n".join(items) + "\n</ul>\n")
    out.append(lineage_block(kb, "meeting", mid, lang, here))
    out.append(notes_block(m.notes, lang))
    out += [heading(lang, "sources", "sources"), sources_block(kb, m.sources, lang)]
    out.append(cite_block(kb, "meeting", mid, lang, here))
    out.append(backlinks_block(kb, "meeting", mid, lang, here))
    out.append(json_ld(kb, "meeting", mid, lang))
    return "".join(out)


LINEAGE_SHOWN = 5  # nearest records shown on each side; the series page lists them all


def lineage_block(kb: KnowledgeBase, kind: str, rid: str, lang: str, here: str) -> str:
    before, after = kb.lineage(kind, rid)
    if not before and not after:
        return ""
    more_before, more_after = len(before) > LINEAGE_SHOWN, len(after) > LINEAGE_SHOWN
    before, after = before[-LINEAGE_SHOWN:], after[:LINEAGE_SHOWN]
    def item(i: str, current: bool = False) -> str:
        model = kb.get(kind, i)
        day = model.start if kind == "meeting" else model.date
        shown = format_date(day, lang) if day else esc(t(lang, "date_unknown"))
        label = f"<strong>{text(title_of(kb, kind, i), lang)}</strong>" if current else link(kb, kind, i, lang, here)
        attr = ' aria-current="page"' if current else ""
        return f'<li{attr}><span class="kyocho-date">{shown}</span> {label}</li>'
    gap = '<li class="kyocho-gap" aria-hidden="true">…</li>'
    chain = ([gap] if more_before else []) + [item(i) for i in before] + [item(rid, current=True)] + \
        [item(i) for i in after] + ([gap] if more_after else [])
    return heading(lang, "lineage", "lineage") + '<ol class="kyocho-lineage">\n' + "\n".join(chain) + "\n</ol>\n"


def text_links(kb: KnowledgeBase, did: str, lang: str) -> str:
    d = kb.documents[did]
    if not d.texts:
        return ""
    items = []
    for code in LANGS:
        link_ = getattr(d.texts, code)
        if link_ is None:
            continue
        name = "日本語" if code == "ja" else "English"
        status = esc(t(lang, f"text_status_{link_.status}"))
        if link_.url:
            items.append(f'<li><a href="{esc(link_.url, quote=True)}" hreflang="{code}">{name}</a> — {status}</li>')
        else:
            items.append(f"<li>{name} — {status}</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>\n" if items else ""


def document_page(kb: KnowledgeBase, did: str, lang: str) -> str:
    d = kb.documents[did]
    here = url_of("document", did)
    rows = [
        ("kind", enum(lang, "doctype", d.type)),
        ("date", doc_date(d, lang)),
        ("outcome_of", link(kb, "meeting", d.adopted_at, lang, here) if d.adopted_at else ""),
        ("forum", link(kb, "forum", kb.forum_of_document(did), lang, here) if kb.forum_of_document(did) else ""),
        ("annex_of", link(kb, "document", d.annex_of, lang, here) if d.annex_of else ""),
        ("annexes", links(kb, "document", kb.annexes(did), lang, here)),
        ("parties", links(kb, "party", d.parties, lang, here)),
        ("topics", links(kb, "topic", d.topics, lang, here)),
        ("texts", text_links(kb, did, lang)),
    ]
    out = [record_front_matter(kb, "document", did, plain(d.title, lang), lang),
           h1(d.title, lang, d.title_unofficial), facts(rows, lang)]
    out += [heading(lang, "summary", "summary"), rich(d.summary, lang), "\n"]
    if d.commitments:
        out.append(heading(lang, "key_commitments", "commitments"))
        out.append("<ul>\n" + "\n".join(f"<li>{text(c, lang)}</li>" for c in d.commitments) + "\n</ul>\n")
    out.append(lineage_block(kb, "document", did, lang, here))
    out.append(notes_block(d.notes, lang))
    out += [heading(lang, "sources", "sources"), sources_block(kb, d.sources, lang)]
    out.append(cite_block(kb, "document", did, lang, here))
    out.append(backlinks_block(kb, "document", did, lang, here))
    out.append(json_ld(kb, "document", did, lang))
    return "".join(out)


def forum_page(kb: KnowledgeBase, fid: str, lang: str) -> str:
    f = kb.forums[fid]
    here = url_of("forum", fid)
    subs = sorted(b.id for b in kb.referenced_by("forum", fid) if b.kind == "forum" and b.field == "parent")
    series = sorted(b.id for b in kb.referenced_by("forum", fid) if b.kind == "series")
    rows = [
        ("kind", enum(lang, "forumkind", f.kind)),
        ("parent_forum", link(kb, "forum", f.parent, lang, here) if f.parent else ""),
        ("partner", link(kb, "party", f.partner, lang, here) if f.partner else ""),
        ("sub_bodies", links(kb, "forum", subs, lang, here)),
        ("series", links(kb, "series", series, lang, here)),
        ("official_site", f'<a href="{esc(f.url, quote=True)}">{esc(f.url)}</a>' if f.url else ""),
    ]
    title = f.name
    out = [record_front_matter(kb, "forum", fid, plain(title, lang), lang), h1(title, lang),
           facts(rows, lang), briefing_offer("forum", fid, lang)]
    if f.description:
        out += [heading(lang, "summary", "summary"), rich(f.description, lang), "\n"]
    meetings = kb.meetings_of_forum(fid)
    out += [heading(lang, "meetings", "meetings"), meeting_table(kb, list(reversed(meetings)), lang, here)]
    family = set(kb.forum_family(fid))
    docs = kb._docs_by_date([d for d in kb.documents if kb.forum_of_document(d) in family])
    if docs:
        out += [heading(lang, "documents", "documents"), document_table(kb, list(reversed(docs)), lang, here)]
    out += [heading(lang, "sources", "sources"), sources_block(kb, f.sources, lang)]
    out.append(backlinks_block_filtered(kb, "forum", fid, lang, here, skip={"meeting", "series", "forum"}))
    return "".join(out)


def briefing_offer(kind: str, rid: str, lang: str) -> str:
    """Links from a record page to its briefing: the print page and the Word file."""
    page = href(url_of(kind, rid), briefing_url(kind, rid))
    docx = page + briefing_docx_name(kind, rid, lang)
    return (f'<p class="kyocho-briefing-offer">{esc(t(lang, "briefing_offer"))} '
            f'<a href="{page}">{esc(t(lang, "briefing_print"))}</a> · '
            f'<a href="{docx}" download>{esc(t(lang, "briefing_docx"))}</a></p>\n')


def briefing_page(kb: KnowledgeBase, kind: str, rid: str, lang: str, produced) -> str:
    """The print-ready briefing for everything a forum, series, topic or party covers."""
    from . import briefing  # briefing builds on this module's helpers

    here = briefing_url(kind, rid)
    sel = briefing.Selection(**{briefing.FACET_OF[kind]: (rid,)})
    brief = briefing.build(kb, sel, lang, produced, base_url=href(here, ""))
    back = href(here, url_of(kind, rid))
    name = briefing_docx_name(kind, rid, lang)
    tools = (f'<p class="kyocho-briefing-tools"><a href="{back}">← {text(title_of(kb, kind, rid), lang)}</a> · '
             f'<a href="{name}" download>{esc(t(lang, "briefing_docx"))}</a> · '
             f'{esc(t(lang, "briefing_print_hint"))}</p>\n')
    return (front_matter(brief.title) + f"<h1>{esc(brief.title)}</h1>\n" + tools +
            '<div class="kyocho-briefing" data-pagefind-ignore="all">\n' +
            briefing.to_html_fragment(brief, skip_title=True) + "</div>\n")


def briefings_index(kb: KnowledgeBase, lang: str) -> str:
    """Every briefing the site offers, by kind, with its print page and Word file."""
    here = "briefings/"
    out = [front_matter(t(lang, "briefings")), f"# {t(lang, 'briefings')}\n\n",
           f"<p>{esc(t(lang, 'briefings_intro'))}</p>\n"]
    for kind in BRIEFING_KINDS:
        items = []
        for rid in sorted(kb.records[kind], key=lambda i: plain(title_of(kb, kind, i), lang)):
            page = href(here, briefing_url(kind, rid))
            items.append(f'<li><a href="{page}">{text(title_of(kb, kind, rid), lang)}</a> '
                         f'(<a href="{page}{briefing_docx_name(kind, rid, lang)}" download>.docx</a>)</li>')
        if items:
            out.append(f"\n## {t(lang, SECTION[kind])} {{: #{SECTION[kind]} }}\n\n")
            out.append('<ul class="kyocho-columns">\n' + "\n".join(items) + "\n</ul>\n")
    return "".join(out)


def backlinks_block_filtered(kb, kind, rid, lang, here, skip: set[str]) -> str:
    """Backlinks not already shown in a table on the page."""
    shown = [b for b in kb.referenced_by(kind, rid) if b.kind not in skip]
    if not shown:
        return ""
    items = sorted({(b.kind, b.id) for b in shown})
    return heading(lang, "referenced_by", "referenced-by") + "<ul>\n" + "\n".join(
        f"<li>{esc(t(lang, k))}: {link(kb, k, i, lang, here)}</li>" for k, i in items) + "\n</ul>\n"


def series_page(kb: KnowledgeBase, sid: str, lang: str) -> str:
    s = kb.series[sid]
    here = url_of("series", sid)
    out = [record_front_matter(kb, "series", sid, plain(s.name, lang), lang), h1(s.name, lang),
           facts([("forum", link(kb, "forum", s.forum, lang, here))], lang),
           briefing_offer("series", sid, lang)]
    if s.description:
        out += [heading(lang, "summary", "summary"), rich(s.description, lang), "\n"]
    out += [heading(lang, "meetings", "meetings"),
            meeting_table(kb, list(reversed(kb.meetings_of_series(sid))), lang, here, show_forum=False)]
    out += [heading(lang, "sources", "sources"), sources_block(kb, s.sources, lang)]
    return "".join(out)


def topic_page(kb: KnowledgeBase, tid: str, lang: str) -> str:
    tp = kb.topics[tid]
    here = url_of("topic", tid)
    narrower = sorted(b.id for b in kb.referenced_by("topic", tid) if b.kind == "topic")
    rows = [("broader", links(kb, "topic", tp.broader, lang, here)),
            ("narrower", links(kb, "topic", narrower, lang, here))]
    out = [record_front_matter(kb, "topic", tid, plain(tp.name, lang), lang), h1(tp.name, lang),
           facts(rows, lang),
           briefing_offer("topic", tid, lang)]
    if tp.description:
        out += [heading(lang, "summary", "summary"), rich(tp.description, lang), "\n"]
    out += [heading(lang, "meetings", "meetings"),
            meeting_table(kb, list(reversed(kb.meetings_of_topic(tid))), lang, here)]
    out += [heading(lang, "documents", "documents"),
            document_table(kb, list(reversed(kb.documents_of_topic(tid))), lang, here)]
    out += [heading(lang, "sources", "sources"), sources_block(kb, tp.sources, lang)]
    return "".join(out)


def party_page(kb: KnowledgeBase, pid: str, lang: str) -> str:
    p = kb.parties[pid]
    here = url_of("party", pid)
    rows = [("kind", enum(lang, "partykind", p.kind)),
            ("official_site", f'<a href="{esc(p.url, quote=True)}">{esc(p.url)}</a>' if p.url else "")]
    out = [record_front_matter(kb, "party", pid, plain(p.name, lang), lang), h1(p.name, lang),
           facts(rows, lang),
           briefing_offer("party", pid, lang)]
    out += [heading(lang, "meetings", "meetings"),
            meeting_table(kb, list(reversed(kb.meetings_of_party(pid))), lang, here)]
    docs = kb.documents_of_party(pid)
    if docs:
        out += [heading(lang, "documents", "documents"), document_table(kb, list(reversed(docs)), lang, here)]
    out += [heading(lang, "sources", "sources"), sources_block(kb, p.sources, lang)]
    out.append(backlinks_block_filtered(kb, "party", pid, lang, here, skip={"meeting", "document"}))
    return "".join(out)


RECORD_PAGES = {"meeting": meeting_page, "document": document_page, "forum": forum_page,
                "series": series_page, "topic": topic_page, "party": party_page}


# -- index pages -------------------------------------------------------------------------
def timeline_page(kb: KnowledgeBase, lang: str) -> str:
    here = url_of("meeting")
    out = [front_matter(t(lang, "timeline")), f"# {t(lang, 'timeline')}\n\n"]
    years = kb.meetings_by_year()
    if years:
        nav = " · ".join(f'<a href="#y{y}">{y}</a>' for y in years)
        out.append(f'<p class="kyocho-years">{nav}</p>\n')
    for year, ids in years.items():
        out.append(f"\n## {year} {{#y{year}}}\n\n")
        out.append(meeting_table(kb, ids, lang, here))
    return "".join(out)


def forums_index(kb: KnowledgeBase, lang: str) -> str:
    here = url_of("forum")
    out = [front_matter(t(lang, "forums")), f"# {t(lang, 'forums')}\n\n"]
    roots = sorted((f for f, m in kb.forums.items() if not m.parent),
                   key=lambda f: (kb.forums[f].kind == "bilateral", f))
    head = "".join(f"<th>{esc(t(lang, k))}</th>" for k in ("forum", "kind", "series", "meetings_count"))
    rows = []
    for fid in roots:
        for depth, sub in _forum_tree(kb, fid):
            f = kb.forums[sub]
            series = sorted(b.id for b in kb.referenced_by("forum", sub) if b.kind == "series")
            indent = "　" * depth if lang == "ja" else "\u2003" * depth
            rows.append(f"<tr><td>{indent}{link(kb, 'forum', sub, lang, here)}</td>"
                        f"<td>{enum(lang, 'forumkind', f.kind)}</td>"
                        f"<td>{links(kb, 'series', series, lang, here)}</td>"
                        f"<td>{len(kb.meetings_of_forum(sub))}</td></tr>")
    out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n")
    return "".join(out)


def _forum_tree(kb: KnowledgeBase, fid: str, depth: int = 0):
    yield depth, fid
    for sub in sorted(b.id for b in kb.referenced_by("forum", fid) if b.kind == "forum" and b.field == "parent"):
        yield from _forum_tree(kb, sub, depth + 1)


def topics_index(kb: KnowledgeBase, lang: str) -> str:
    here = url_of("topic")
    out = [front_matter(t(lang, "topics")), f"# {t(lang, 'topics')}\n\n"]

    def tree(tid: str, seen: set) -> str:
        if tid in seen:
            return ""
        seen.add(tid)
        kids = sorted(b.id for b in kb.referenced_by("topic", tid) if b.kind == "topic")
        count = len(kb.meetings_of_topic(tid)) + len(kb.documents_of_topic(tid))
        inner = "".join(tree(k, seen) for k in kids)
        return (f"<li>{link(kb, 'topic', tid, lang, here)} <span class=\"kyocho-count\">({count})</span>"
                + (f"<ul>{inner}</ul>" if inner else "") + "</li>")

    roots = sorted(tid for tid, tp in kb.topics.items() if not tp.broader)
    seen: set = set()
    out.append("<ul>\n" + "\n".join(tree(r, seen) for r in roots) + "\n</ul>\n")
    return "".join(out)


def parties_index(kb: KnowledgeBase, lang: str) -> str:
    here = url_of("party")
    out = [front_matter(t(lang, "parties")), f"# {t(lang, 'parties')}\n\n"]
    for kind, key in (("country", "countries"), ("economy", "economies"), ("organization", "organizations")):
        ids = sorted((p for p, m in kb.parties.items() if m.kind == kind),
                     key=lambda p: plain(kb.parties[p].name, lang))
        if not ids:
            continue
        out.append(f"\n## {t(lang, key)} {{#{kind}}}\n\n")
        out.append("<ul class=\"kyocho-columns\">\n" + "\n".join(
            f"<li>{link(kb, 'party', p, lang, here)} <span class=\"kyocho-count\">"
            f"({len(kb.meetings_of_party(p))})</span></li>" for p in ids) + "\n</ul>\n")
    return "".join(out)


def documents_index(kb: KnowledgeBase, lang: str) -> str:
    here = url_of("document")
    out = [front_matter(t(lang, "documents")), f"# {t(lang, 'documents')}\n\n"]
    by_year: dict[int, list[str]] = {}
    for did in kb._docs_by_date(list(kb.documents)):
        day = kb.document_day(did)
        by_year.setdefault(day.year if day else 0, []).append(did)
    for year in sorted(by_year, reverse=True):
        label = str(year) if year else t(lang, "date_unknown")
        out.append(f"\n## {label} {{#y{year}}}\n\n")
        out.append(document_table(kb, by_year[year], lang, here))
    return "".join(out)


def series_index(kb: KnowledgeBase, lang: str) -> str:
    here = url_of("series")
    out = [front_matter(t(lang, "series")), f"# {t(lang, 'series')}\n\n"]
    head = "".join(f"<th>{esc(t(lang, k))}</th>" for k in ("series", "forum", "meetings_count"))
    rows = [f"<tr><td>{link(kb, 'series', s, lang, here)}</td><td>{link(kb, 'forum', m.forum, lang, here)}</td>"
            f"<td>{len(kb.meetings_of_series(s))}</td></tr>"
            for s, m in sorted(kb.series.items(), key=lambda kv: (kv[1].forum, kv[0]))]
    out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n")
    return "".join(out)


INDEX_PAGES = {"meeting": timeline_page, "document": documents_index, "forum": forums_index,
               "series": series_index, "topic": topics_index, "party": parties_index}
