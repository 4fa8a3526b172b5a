"""The generated pages: Markdown (with escaped HTML) for every record, index and briefing page.

Modules: tables (meetings and documents as tables), blocks (sections record pages share),
records (one page per record), indexes (one page per kind), briefings (the print pages),
home and coverage (fragments of hand-written pages), dictionary (the data dictionary).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from collections.abc import Mapping
from typing import Callable, Iterator

from ..core.kb import KnowledgeBase
from ..core.models import FOLDERS
from ..urls import BRIEFING_KINDS, Ctx, briefing_url, url_of
from .briefings import briefing_page, briefings_index
from .indexes import INDEX_PAGES
from .records import RECORD_PAGES

# Folders under docs/<lang>/ that belong to the generator, entirely.
GENERATED_SECTIONS = tuple(FOLDERS.values()) + ("briefings",)


class PageMakers(Mapping[str, Callable[[], str]]):
    """{path under docs/<lang>/: function that writes its Markdown} for every generated page in
    `lang`, in the order the pages are written. One page can be made again on its own.

    The functions are made when asked for: an edit in the preview makes a few pages of the
    40,000 there are at 10,000 meetings, and making a function (and its page context) for each
    took two seconds."""

    def __init__(self, kb: KnowledgeBase, lang: str, produced: dt.date) -> None:
        self.kb, self.lang, self.produced = kb, lang, produced
        self._pages: dict[str, tuple[str, str, str | None]] = {}     # path → (what, kind, id)
        for kind, folder in FOLDERS.items():
            self._pages[f"{folder}/index.md"] = ("index", kind, None)
            for rid in kb.records[kind]:
                self._pages[f"{folder}/{rid}.md"] = ("record", kind, rid)
        self._pages["briefings/index.md"] = ("briefings", "", None)
        for kind in BRIEFING_KINDS:
            for rid in kb.records[kind]:
                self._pages[briefing_url(kind, rid).rstrip("/") + ".md"] = ("briefing", kind, rid)

    def __getitem__(self, rel: str) -> Callable[[], str]:
        what, kind, rid = self._pages[rel]
        kb, lang = self.kb, self.lang
        if what == "index":
            return partial(INDEX_PAGES[kind], kb, Ctx(lang, url_of(kind)))
        if what == "record":
            return partial(RECORD_PAGES[kind], kb, rid, Ctx(lang, url_of(kind, rid)))
        if what == "briefings":
            return partial(briefings_index, kb, lang)
        return partial(briefing_page, kb, kind, rid, lang, self.produced)

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, rel: object) -> bool:
        return rel in self._pages


def page_makers(kb: KnowledgeBase, lang: str, produced: dt.date) -> PageMakers:
    """The generated pages of `lang` and how to make each (see `PageMakers`)."""
    return PageMakers(kb, lang, produced)


def all_pages(kb: KnowledgeBase, lang: str, produced: dt.date) -> Iterator[tuple[str, str]]:
    """(path under docs/<lang>/, Markdown) for every generated page in `lang`."""
    for rel, make in page_makers(kb, lang, produced).items():
        yield rel, make()
