"""Which pages the browser tests visit: a sample of every page kind, taken from the data and
from docs/, so that a new hand-written page or a renamed record is covered without edits."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from macros.pages import GENERATED_SECTIONS
from macros.core import load
from macros.core.models import FOLDERS
from macros.urls import url_of

from ..conftest import ROOT


def hand_written_pages(docs: Path = ROOT / "docs" / "ja") -> list[str]:
    """Site-relative URLs of the hand-written Japanese pages ("" is the home page)."""
    urls = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs)
        if rel.parts[0] in GENERATED_SECTIONS:
            continue
        stem = rel.with_suffix("").as_posix()
        urls.append("" if stem == "index" else stem.removesuffix("/index") + "/")
    return urls


@cache
def real_kb():
    """The knowledge base of this repository's data/, loaded once."""
    return load(ROOT / "data")


def sample_pages() -> list[str]:
    """Every page kind once: hand-written pages, each section index, one record of each kind."""
    kb = real_kb()
    urls = hand_written_pages()
    for kind in FOLDERS:
        urls.append(url_of(kind))
        urls.append(url_of(kind, sorted(kb.records[kind])[0]))
    if kb.japan and url_of("party", kb.japan) not in urls:   # the one party page with a chart
        urls.append(url_of("party", kb.japan))
    return urls


SAMPLE = sample_pages()
