"""Which generated pages an edit changes, so that `mkdocs serve` rewrites only those.

A generated page shows another record only with a link to it (every link is made by
`Ctx.href`), so the pages that show a record are the pages that link to it. `Generation`
remembers, for the pages last written, which records each one links to. After an edit:

- a record whose model, day (a document without a date takes its meeting's), change date or
  cited sources differ is *changed*; when only meetings and documents changed, their own pages
  and every page linking to them are made again, and nothing else is;
- an edit that changes what belongs where — a record added or removed, a reference (any
  backlink), what a filter matches (`kb.facets`), which party is Japan, or the day briefings
  are dated — may put a record on a page that did not link to it before, and the names of the
  other kinds also appear without a link (`LINKED_KINDS`): then every page is made again
  (`affected` returns None).

tests/test_preview.py edits each kind of field of each kind of record and checks that the pages
chosen here are the pages whose text changed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field

from .core.kb import KnowledgeBase
from .core.models import FOLDERS, LANGS
from .urls import BRIEFING_KINDS, briefing_url

Page = tuple[str, str]        # (language, path under docs/<lang>/)
Key = tuple[str, str]         # (kind, id)

# The kinds whose records other pages show only with a link to them. The names of forums,
# series, topics, parties and processes also appear as plain text (a meeting's country, the
# timeline's filters, a briefing's glossary and the briefings list), so an edit to one of those
# makes every page again.
LINKED_KINDS = ("meeting", "document")

_HREF = re.compile(r'href="([^"#?:]*)[#?"]')
_KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}


def page_url(rel: str) -> str:
    """The directory-style URL of a generated page: meetings/x.md → meetings/x/."""
    stem = rel[:-len(".md")]
    return stem[:-len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"


def links_in(rel: str, content: str) -> set[Key]:
    """The records whose pages the generated page at `rel` links to."""
    here = page_url(rel)
    found: set[Key] = set()
    for target in set(_HREF.findall(content)):
        if not target or target.startswith("/"):
            continue
        parts = posixpath.normpath(here + target).split("/")
        if len(parts) == 2 and parts[0] in _KIND_OF_FOLDER:
            found.add((_KIND_OF_FOLDER[parts[0]], parts[1]))
    return found


def own_pages(kind: str, rid: str) -> list[str]:
    """The generated pages that are about the record itself: its page and its briefing."""
    pages = [f"{FOLDERS[kind]}/{rid}.md"]
    if kind in BRIEFING_KINDS:
        pages.append(briefing_url(kind, rid).rstrip("/") + ".md")
    return pages


@dataclass
class Generation:
    """What the generator last wrote: from which knowledge base, dated which day, and which
    records every page links to (and the other way round)."""

    kb: KnowledgeBase
    produced: dt.date
    links: dict[Page, set[Key]] = field(default_factory=dict)
    shown_on: dict[Key, set[Page]] = field(default_factory=dict)
    later: set[Page] = field(default_factory=set)    # pages still to be made from `kb`
    shape: Shape | None = None                        # shape(kb)

    def wrote(self, page: Page, content: str) -> None:
        """Note the links of a page just made (whether or not its file had to change)."""
        rel = page[1]
        new = links_in(rel, content)
        old = self.links.get(page, set())
        for key in old - new:
            self.shown_on[key].discard(page)
        for key in new - old:
            self.shown_on.setdefault(key, set()).add(page)
        self.links[page] = new


@dataclass(frozen=True)
class Shape:
    """What puts records on pages other than their own, in a form quick to compare between two
    loads: the ids of each kind, every backlink, the day of every meeting and document, Japan."""

    ids: dict
    backlinks: dict
    days: dict
    japan: str | None


def shape(kb: KnowledgeBase) -> Shape:
    return Shape(ids={kind: tuple(recs) for kind, recs in kb.records.items()},
                 backlinks={target: sorted(links, key=lambda b: (b.kind, b.id, b.field))
                            for target, links in kb.backlinks.items() if links},
                 days={(kind, rid): kb.day(kind, rid) for kind in ("meeting", "document") for rid in kb.records[kind]},
                 japan=kb.japan)


def _source(kb: KnowledgeBase, key: str):
    src = kb.sources.get(key)
    return (src.entry_type, src.fields) if src else None


def changed_records(old: KnowledgeBase, new: KnowledgeBase, before: Shape, after: Shape) -> set[Key] | None:
    """The records an edit changed, or None when it changed what belongs where (`before` and
    `after` are the shapes of the two loads)."""
    if old is new:
        return set()
    if before.ids != after.ids or before.backlinks != after.backlinks or before.japan != after.japan:
        return None
    changed = {(kind, rid) for kind, recs in new.records.items() for rid, rec in recs.items()
               if rec.model is not old.records[kind][rid].model and rec.model != old.records[kind][rid].model}
    changed |= {key for key, day in after.days.items() if before.days[key] != day}
    sources = {key for key in old.sources.keys() | new.sources.keys() if _source(old, key) != _source(new, key)}
    if sources:
        changed |= {(kind, rid) for kind, recs in new.records.items() for rid, rec in recs.items()
                    if sources & set(getattr(rec.model, "sources", []))}
    if "changed" in old.__dict__:   # the pages read when files last changed: compare, from git
        dates = {path for path in old.changed.keys() | new.changed.keys() if old.changed.get(path) != new.changed.get(path)}
        changed |= {(kind, rid) for kind, recs in new.records.items() for rid, rec in recs.items() if rec.path in dates}
    for kind, rid in changed:
        if kind not in LINKED_KINDS or old.facets(kind, rid) != new.facets(kind, rid):
            return None
    return changed


def affected(last: Generation, kb: KnowledgeBase, produced: dt.date, now: Shape) -> set[Page] | None:
    """The pages to write again for `kb` (whose shape is `now`), or None for all of them."""
    if produced != last.produced or last.shape is None:
        return None
    changed = changed_records(last.kb, kb, last.shape, now)
    if changed is None:
        return None
    pages = {(lang, rel) for kind, rid in changed for lang in LANGS for rel in own_pages(kind, rid)}
    for key in changed:
        pages |= last.shown_on.get(key, set())
    return pages
