"""Citations for reference managers: CSL-JSON (Zotero, Mendeley, pandoc) and RIS (EndNote).

The same facts as the BibTeX entries in `citations.py` (title, forum, date, place, the address
of the text, the language, a note when the title is our own rendering), mapped to each
format's fields. CSL-JSON is a list of items written with `json`; RIS is written by `rispy`.
Meetings are CSL `event` / RIS `CONF`; documents are CSL `document` / RIS `GOVDOC`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import rispy

from . import citations
from .core.kb import KnowledgeBase
from .text import place_text

_LANGUAGE = {"ja": "ja-JP", "en": "en-GB"}


def _parts(day: dt.date) -> list[int]:
    return [day.year, day.month, day.day]


def _dates(kb: KnowledgeBase, kind: str, rid: str) -> tuple[dt.date | None, dt.date | None]:
    model = kb.get(kind, rid)
    return (model.start, model.end) if kind == "meeting" else (model.date, None)


def csl_item(kb: KnowledgeBase, kind: str, rid: str, lang: str, accessed: dt.date | None = None) -> dict[str, Any]:
    """One CSL-JSON item for a meeting or document, in `lang`."""
    model = kb.get(kind, rid)
    title, note = citations.title_and_note(model.title, model.title_unofficial, lang)
    item: dict[str, Any] = {"id": citations.bib_key(kind, rid), "type": "event" if kind == "meeting" else "document",
                            "title": title, "language": _LANGUAGE[lang]}
    forum = citations.forum_name(kb, kind, rid, lang)
    if forum:
        item["author"] = [{"literal": forum}]
        item["publisher"] = forum
    start, end = _dates(kb, kind, rid)
    if start:
        item["issued"] = {"date-parts": [_parts(start)]}
        if kind == "meeting":
            item["event-date"] = {"date-parts": [_parts(start)] + ([_parts(end)] if end and end != start else [])}
    if kind == "meeting":
        item["event"] = title        # CSL 1.0.1 name, which 1.0.2 readers still accept
        if place_text(kb, rid, lang):
            item["event-place"] = place_text(kb, rid, lang)
    url = citations.record_url(kb, kind, rid, lang)
    if url:
        item["URL"] = url
        if accessed:
            item["accessed"] = {"date-parts": [_parts(accessed)]}
    if note:
        item["note"] = note
    return item


def csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def ris_entry(kb: KnowledgeBase, kind: str, rid: str, lang: str, accessed: dt.date | None = None) -> dict[str, Any]:
    """One RIS record (rispy's field names) for a meeting or document, in `lang`."""
    model = kb.get(kind, rid)
    title, note = citations.title_and_note(model.title, model.title_unofficial, lang)
    entry: dict[str, Any] = {"type_of_reference": "CONF" if kind == "meeting" else "GOVDOC", "title": title,
                             "id": citations.bib_key(kind, rid), "language": _LANGUAGE[lang]}
    forum = citations.forum_name(kb, kind, rid, lang)
    if forum:
        entry["authors"] = [forum]
        entry["publisher"] = forum
    start, _ = _dates(kb, kind, rid)
    if start:
        entry["year"] = str(start.year)
        entry["date"] = start.strftime("%Y/%m/%d")
    if kind == "meeting" and place_text(kb, rid, lang):
        entry["place_published"] = place_text(kb, rid, lang)
    url = citations.record_url(kb, kind, rid, lang)
    if url:
        entry["urls"] = [url]
        if accessed:
            entry["access_date"] = accessed.strftime("%Y/%m/%d")
    if note:
        entry["notes"] = [note]
    return entry


def ris_text(entries: list[dict[str, Any]]) -> str:
    return rispy.dumps(entries)
