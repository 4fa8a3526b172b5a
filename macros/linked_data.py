"""schema.org JSON-LD for meeting (Event) and document (CreativeWork) pages, and the
open-data page's Dataset (schema.org's terms for a DCAT dataset and its distributions).

Search engines and citation tools read it. Every address in it is absolute: the official
text or source for `url`, and the page itself (`@id`) only when the caller knows the site's
address, because a relative IRI in JSON-LD would resolve differently under `/` and `/en/`.
Record text is untrusted, so `script_tag` escapes `<`, `>` and `&` inside the JSON: a title
such as `</script><script>…` cannot end the script element.

The Dataset lists every file of `exports.DISTRIBUTIONS` as a DataDownload with its media type
(`encodingFormat`). Its addresses are absolute when the site's address is known; otherwise
they are relative to the open-data page, which is where the JSON-LD is, so they resolve.
"""

from __future__ import annotations

import json
from typing import Any

from .citations import forum_name, forum_of, record_url
from .core.kb import KnowledgeBase
from .core.models import LANGS
from .csv_tables import LICENSE
from .exports import DISTRIBUTIONS, SCHEMA_VERSION
from .i18n import t
from .text import country_text, title_text, value_text
from .urls import Ctx, absolute, lang_prefix, page_path

CONTEXT = "https://schema.org"
ONLINE = "https://schema.org/OnlineEventAttendanceMode"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
MIXED = "https://schema.org/MixedEventAttendanceMode"

# Characters that could end the <script> element or start an HTML entity, and the line
# separators that older JavaScript parsers treat as line ends.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}


def page_url(site_url: str | None, kind: str, rid: str, lang: str) -> str | None:
    """Absolute address of a record page, or None without a site address."""
    return absolute(site_url, page_path(kind, rid, lang))


def _organization(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> dict | None:
    fid = forum_of(kb, kind, rid)
    if fid is None:
        return None
    org = {"@type": "Organization", "name": forum_name(kb, kind, rid, lang)}
    if kb.forums[fid].url:
        org["url"] = kb.forums[fid].url
    return org


def _location(kb: KnowledgeBase, mid: str, lang: str) -> list[dict]:
    p = kb.meetings[mid].place
    if p is None:
        return []
    out: list[dict] = []
    if p.country:
        address = {"@type": "PostalAddress", "addressCountry": p.country}
        if p.city:
            address["addressLocality"] = value_text(p.city, lang)
        name = value_text(p.city, lang) if p.city else country_text(kb, p.country, lang)
        out.append({"@type": "Place", "name": name, "address": address})
    if p.virtual:
        out.append({"@type": "VirtualLocation", "name": t(lang, "virtual")})
    return out


def _ref(kb: KnowledgeBase, kind: str, rid: str, lang: str, site_url: str | None,
         schema_type: str) -> dict:
    """A short node for a related record: its type, name and, when known, its page."""
    node = {"@type": schema_type, "name": title_text(kb, kind, rid, lang)}
    url = page_url(site_url, kind, rid, lang)
    if url:
        node["@id"] = url
    return node


def _sources(kb: KnowledgeBase, keys: list[str]) -> list[str]:
    return [kb.sources[k].url for k in keys if k in kb.sources and kb.sources[k].url]


def _event(kb: KnowledgeBase, mid: str, lang: str, site_url: str | None) -> dict:
    m = kb.meetings[mid]
    data: dict[str, Any] = {"@type": "Event", "name": value_text(m.title, lang),
                            "startDate": m.start.isoformat(), "endDate": m.last_day.isoformat()}
    place = m.place
    if place is not None:
        data["eventAttendanceMode"] = (MIXED if place.virtual and place.country
                                       else ONLINE if place.virtual else OFFLINE)
    location = _location(kb, mid, lang)
    if location:
        data["location"] = location[0] if len(location) == 1 else location
    organizer = _organization(kb, "meeting", mid, lang)
    if organizer:
        data["organizer"] = organizer
    if m.series:
        series = {"@type": "EventSeries", "name": value_text(kb.series[m.series].name, lang)}
        url = page_url(site_url, "series", m.series, lang)
        if url:
            series["@id"] = url
        data["superEvent"] = series
    return data


def _creative_work(kb: KnowledgeBase, did: str, lang: str, site_url: str | None) -> dict:
    d = kb.documents[did]
    data: dict[str, Any] = {"@type": "CreativeWork", "name": value_text(d.title, lang),
                            "genre": t(lang, f"doctype_{d.type}")}
    if d.date:
        data["datePublished"] = d.date.isoformat()
    organization = _organization(kb, "document", did, lang)
    if organization:
        data["creator"] = organization
        data["publisher"] = organization
    if d.annex_of:
        data["isPartOf"] = _ref(kb, "document", d.annex_of, lang, site_url, "CreativeWork")
    annexes = kb.annexes(did)
    if annexes:
        data["hasPart"] = [_ref(kb, "document", a, lang, site_url, "CreativeWork") for a in annexes]
    return data


def jsonld(kb: KnowledgeBase, kind: str, rid: str, lang: str, site_url: str | None = None) -> dict:
    """schema.org description of a meeting (Event) or document (CreativeWork) in `lang`."""
    if kind == "meeting":
        body = _event(kb, rid, lang, site_url)
    elif kind == "document":
        body = _creative_work(kb, rid, lang, site_url)
    else:
        raise ValueError(f"JSON-LD is published for meetings and documents, not {kind}")
    model = kb.get(kind, rid)
    data: dict[str, Any] = {"@context": CONTEXT}
    page = page_url(site_url, kind, rid, lang)
    if page:
        data["@id"] = page
    data.update(body)
    data["inLanguage"] = lang
    url = record_url(kb, kind, rid, lang)
    if url:
        data["url"] = url
    citations = _sources(kb, model.sources)
    if citations:
        data["citation"] = citations
    return data


def _span(kb: KnowledgeBase) -> str | None:
    """ISO 8601 interval from the first to the last recorded day (meetings and documents)."""
    days = [d for m in kb.meetings.values() for d in (m.start, m.last_day)]
    days += [d.date for d in kb.documents.values() if d.date]
    return f"{min(days).isoformat()}/{max(days).isoformat()}" if days else None


def dataset(kb: KnowledgeBase, ctx: Ctx, site_url: str | None = None) -> dict:
    """schema.org Dataset of the open data, for the open-data page of `ctx` (its language and
    where its relative links start)."""
    def address(path: str) -> str:
        return absolute(site_url, path) or ctx.root_href(path)

    downloads = []
    for d in DISTRIBUTIONS:
        name = t(ctx.lang, d.name_key) + (f" — {t(ctx.lang, f'in_lang_{d.lang}')}" if d.lang else "")
        downloads.append({"@type": "DataDownload", "name": name, "encodingFormat": d.media_type,
                          "contentUrl": address(f"data/{d.path}"), "inLanguage": d.lang or list(LANGS)})
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "Dataset"}
    page = absolute(site_url, lang_prefix(ctx.lang) + ctx.here)
    if page:
        data["@id"] = data["url"] = page
    data.update({
        "name": t(ctx.lang, "dataset_name"),
        "description": t(ctx.lang, "dataset_description"),
        "inLanguage": list(LANGS),
        "version": SCHEMA_VERSION,
        "license": LICENSE["path"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "Kyocho 協調",
                    **({"url": absolute(site_url, "")} if site_url else {})},
    })
    span = _span(kb)
    if span:
        data["temporalCoverage"] = span
    data["distribution"] = downloads
    return data


def script_tag(data: dict) -> str:
    """`<script type="application/ld+json">` on one line, safe to embed in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'
