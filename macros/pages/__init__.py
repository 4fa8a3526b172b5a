"""The generated pages: Markdown (with escaped HTML) for every record, index and briefing page.

Modules: tables (meetings and documents as tables), blocks (sections record pages share),
records (one page per record), indexes (one page per kind), briefings (the print pages),
home and coverage (fragments of hand-written pages), dictionary (the data dictionary).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Callable, Iterator

from ..core.kb import KnowledgeBase
from ..core.models import FOLDERS
from ..urls import BRIEFING_KINDS, Ctx, briefing_url, url_of
from .briefings import briefing_page, briefings_index
from .indexes import INDEX_PAGES
from .records import RECORD_PAGES

# Folders under docs/<lang>/ that belong to the generator, entirely.
GENERATED_SECTIONS = tuple(FOLDERS.values()) + ("briefings",)


def page_makers(kb: KnowledgeBase, lang: str, produced: dt.date) -> dict[str, Callable[[], str]]:
    """{path under docs/<lang>/: function that writes its Markdown} for every generated page in
    `lang`, in the order the pages are written. One page can be made again on its own."""
    makers: dict[str, Callable[[], str]] = {}
    for kind, folder in FOLDERS.items():
        makers[f"{folder}/index.md"] = partial(INDEX_PAGES[kind], kb, Ctx(lang, url_of(kind)))
        for rid in kb.records[kind]:
            makers[f"{folder}/{rid}.md"] = partial(RECORD_PAGES[kind], kb, rid, Ctx(lang, url_of(kind, rid)))
    makers["briefings/index.md"] = partial(briefings_index, kb, lang)
    for kind in BRIEFING_KINDS:
        for rid in kb.records[kind]:
            makers[briefing_url(kind, rid).rstrip("/") + ".md"] = partial(briefing_page, kb, kind, rid, lang, produced)
    return makers


def all_pages(kb: KnowledgeBase, lang: str, produced: dt.date) -> Iterator[tuple[str, str]]:
    """(path under docs/<lang>/, Markdown) for every generated page in `lang`."""
    for rel, make in page_makers(kb, lang, produced).items():
        yield rel, make()
