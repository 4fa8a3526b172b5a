"""The generated pages: Markdown (with escaped HTML) for every record, index and briefing page.

Modules: tables (meetings and documents as tables), blocks (sections record pages share),
records (one page per record), indexes (one page per kind), briefings (the print pages),
home and coverage (fragments of hand-written pages), dictionary (the data dictionary).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..core.kb import KnowledgeBase
from ..core.models import FOLDERS
from ..urls import BRIEFING_KINDS, Ctx, briefing_url, url_of
from .briefings import briefing_page, briefings_index
from .indexes import INDEX_PAGES
from .records import RECORD_PAGES

# Folders under docs/<lang>/ that belong to the generator, entirely.
GENERATED_SECTIONS = tuple(FOLDERS.values()) + ("briefings",)


def all_pages(kb: KnowledgeBase, lang: str, produced: dt.date) -> Iterator[tuple[str, str]]:
    """(path under docs/<lang>/, Markdown) for every generated page in `lang`."""
    for kind, folder in FOLDERS.items():
        yield f"{folder}/index.md", INDEX_PAGES[kind](kb, Ctx(lang, url_of(kind)))
        for rid in kb.records[kind]:
            yield f"{folder}/{rid}.md", RECORD_PAGES[kind](kb, rid, Ctx(lang, url_of(kind, rid)))
    yield "briefings/index.md", briefings_index(kb, lang)
    for kind in BRIEFING_KINDS:
        for rid in kb.records[kind]:
            yield briefing_url(kind, rid).rstrip("/") + ".md", briefing_page(kb, kind, rid, lang, produced)
