"""Write the generated record and index pages as Markdown under docs/<lang>/.

Why on disk and not in memory: mkdocs-static-i18n rebuilds its file list from docs_dir for
each language, so in-memory pages crash or vanish (see docs/architecture). Only files whose
content changed are rewritten and stale ones are deleted, so `mkdocs serve` does not loop
and `--dirty` rebuilds stay fast. The generated folders are git-ignored.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import render
from .i18n import LANGS
from .kb import KnowledgeBase

# Folders under docs/<lang>/ that belong to the generator, entirely.
GENERATED_SECTIONS = tuple(render.SECTION.values()) + ("briefings",)
MARKER = ".generated"


def pages(kb: KnowledgeBase, lang: str, produced: dt.date):
    """(path under docs/<lang>/, Markdown) for every generated page."""
    for kind, section in render.SECTION.items():
        yield f"{section}/index.md", render.INDEX_PAGES[kind](kb, lang)
        for rid in kb.records[kind]:
            yield f"{section}/{rid}.md", render.RECORD_PAGES[kind](kb, rid, lang)
    yield "briefings/index.md", render.briefings_index(kb, lang)
    for kind in render.BRIEFING_KINDS:
        for rid in kb.records[kind]:
            yield (f"briefings/{render.SECTION[kind]}/{rid}.md",
                   render.briefing_page(kb, kind, rid, lang, produced))


def generate(kb: KnowledgeBase, docs_dir: Path, produced: dt.date | None = None) -> dict[str, int]:
    """Bring docs/<lang>/<section>/ in line with the data. Returns counts of what changed.
    `produced` is the date briefings state (default: today)."""
    produced = produced or dt.date.today()
    stats = {"written": 0, "unchanged": 0, "deleted": 0}
    for lang in LANGS:
        base = docs_dir / lang
        wanted: set[Path] = set()
        for rel, content in pages(kb, lang, produced):
            path = base / rel
            wanted.add(path)
            if path.exists() and path.read_text(encoding="utf-8") == content:
                stats["unchanged"] += 1
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            stats["written"] += 1
        for section in GENERATED_SECTIONS:
            folder = base / section
            marker = folder / MARKER
            if not marker.exists():
                folder.mkdir(parents=True, exist_ok=True)
                marker.write_text("Generated from data/ by macros/generate.py; do not edit.\n")
            for path in folder.rglob("*.md"):
                if path not in wanted:
                    path.unlink()
                    stats["deleted"] += 1
    return stats
