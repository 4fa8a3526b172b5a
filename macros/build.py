"""The build steps: load (cached), write the generated pages, publish open data and Word
briefings, index search.

Plain functions, so the MkDocs hook file stays a thin adapter and another engine could call
the same steps in the same order: `prepare` before the pages are read, the `publish_*` steps
and `index_search` once the site is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from . import briefings, incremental
from .core.kb import KnowledgeBase
from .core.load import files_under, load
from .core.models import LANGS
from .exports import write_exports
from .pages import GENERATED_SECTIONS, page_makers
from .pages.briefings import briefing_selection
from .urls import BRIEFING_KINDS, BUILDER_DATA, BUILDER_WORD, Ctx, briefing_docx_name, briefing_url, lang_prefix, language_root

log = logging.getLogger("mkdocs.plugins.kyocho")

_cache: dict[str, tuple[tuple, KnowledgeBase]] = {}
_pinned: dict[str, KnowledgeBase] = {}   # data_dir → the knowledge base of the build under way
_generations: dict[str, incremental.Generation] = {}   # docs_dir → the pages written there last
MARKER = ".generated"


def _fingerprint(data_dir: Path) -> tuple:
    # MkDocs keeps hook modules loaded for the whole `serve`: the cache must notice edits.
    return tuple((name, st.st_mtime_ns, st.st_size) for _, name in files_under(data_dir) for st in (os.stat(name),))


def knowledge_base(data_dir: Path) -> KnowledgeBase:
    """The knowledge base for `data_dir`: during a build, the one `prepare` checked (every
    page of the build sees the same data, and data/ is not scanned again for each macro);
    otherwise reloaded only when a data file changed."""
    data_dir = Path(data_dir).resolve()
    if str(data_dir) in _pinned:
        return _pinned[str(data_dir)]
    key = _fingerprint(data_dir)
    cached = _cache.get(str(data_dir))
    if cached and cached[0] == key:
        return cached[1]
    kb = load(data_dir, previous=cached[1] if cached else None)
    _cache[str(data_dir)] = (key, kb)
    return kb


def release() -> None:
    """The build is over: the next `knowledge_base` call looks at data/ again."""
    _pinned.clear()


class DataError(Exception):
    """The data has errors; the message lists every one of them."""


def checked(project_dir: Path, data_dir: Path | None = None) -> KnowledgeBase:
    """Load and check the data; the knowledge base, or DataError listing every problem."""
    data_dir = data_dir or project_dir / "data"
    release()
    kb = knowledge_base(data_dir)
    _pinned[str(Path(data_dir).resolve())] = kb
    if kb.errors:
        lines = "\n".join(str(p) for p in kb.errors)
        raise DataError(f"{len(kb.errors)} problem(s) in the data:\n{lines}")
    return kb


def prepare(project_dir: Path, docs_dir: Path, data_dir: Path | None = None,
            later: Callable[[str], bool] | None = None, langs: tuple[str, ...] = LANGS) -> KnowledgeBase:
    """Load and check the data, then bring the generated pages of `langs` in line with it (those
    that `later` picks are left for the next `prepare`)."""
    kb = checked(project_dir, data_dir)
    stats = write_pages(kb, docs_dir, later=later, langs=langs)
    log.info("kyocho: %d pages made, %d written, %d unchanged, %d deleted%s",
             stats["made"], stats["written"], stats["unchanged"], stats["deleted"],
             f", {stats['later']} left for later" if stats["later"] else "")
    return kb


def write_pages(kb: KnowledgeBase, docs_dir: Path, produced: dt.date | None = None,
                later: Callable[[str], bool] | None = None, langs: tuple[str, ...] = LANGS,
                changed: list[tuple[str, str]] | None = None) -> dict[str, int]:
    """Bring docs/<lang>/<section>/ of each of `langs` in line with the data. Returns counts of
    what changed.
    `produced` is the date briefings state (default: today).

    Why on disk and not in memory: mkdocs-static-i18n rebuilds its file list from docs_dir for
    each language, so in-memory pages crash or vanish. Only files whose content changed are
    rewritten and stale ones are deleted, so `mkdocs serve` does not loop and `--dirty`
    rebuilds stay fast. The generated folders are git-ignored.

    In one process (`mkdocs serve`), the pages written last are remembered: after an edit only
    the pages that show the changed records are made again (see `incremental`). Pages whose
    path `later` accepts are left for the next call without `later`. The (language, path) of
    each page written is added to `changed` when one is given."""
    produced = produced or dt.date.today()
    stats = {"made": 0, "written": 0, "unchanged": 0, "deleted": 0, "later": 0}
    key = str(Path(docs_dir).resolve()) + ("" if langs == LANGS else "|" + ",".join(langs))
    last = _generations.get(key)
    intact = all((docs_dir / lang / section / MARKER).exists() for lang in langs for section in GENERATED_SECTIONS)
    now = last.shape if last and last.kb is kb else incremental.shape(kb)
    only = incremental.affected(last, kb, produced, now) if last and intact else None
    generation = last if only is not None else incremental.Generation(kb, produced)
    generation.kb, generation.shape = kb, now
    makers = {lang: page_makers(kb, lang, produced) for lang in langs}
    todo = {(lang, rel) for lang in langs for rel in makers[lang]} if only is None else \
        {(lang, rel) for lang, rel in only if lang in makers and rel in makers[lang]}
    if later:
        generation.later |= {page for page in todo if later(page[1])}
        todo -= generation.later
    else:
        todo |= {(lang, rel) for lang, rel in generation.later if lang in makers and rel in makers[lang]}
        generation.later = set()
    stats["later"] = len(generation.later)
    _make(generation, docs_dir, makers, sorted(todo), stats, changed)
    if only is None:   # pages may have come or gone
        for lang in langs:
            wanted = {docs_dir / lang / rel for rel in makers[lang]}
            for section in GENERATED_SECTIONS:
                folder = docs_dir / lang / section
                marker = folder / MARKER
                if not marker.exists():
                    folder.mkdir(parents=True, exist_ok=True)
                    marker.write_text("Generated from data/ by macros/build.py; do not edit.\n")
                for path in folder.rglob("*.md"):
                    if path not in wanted:
                        path.unlink()
                        stats["deleted"] += 1
    _generations[key] = generation
    return stats


def _make(generation: incremental.Generation, docs_dir: Path, makers: dict, pages: list, stats: dict,
          changed: list | None = None) -> None:
    """Make each page and write the ones whose Markdown changed."""
    for lang, rel in pages:
        content = makers[lang][rel]()
        stats["made"] += 1
        generation.wrote((lang, rel), content)
        path = docs_dir / lang / rel
        if path.exists() and path.read_text(encoding="utf-8") == content:
            stats["unchanged"] += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        stats["written"] += 1
        if changed is not None:
            changed.append((lang, rel))


def publish_data(project_dir: Path, site_dir: Path, site_url: str | None = None) -> dict[str, int]:
    """Write the open-data exports once under site/data/ (language-neutral, not under en/)."""
    kb = knowledge_base(project_dir / "data")
    stats = write_exports(kb, site_dir, site_url=site_url)
    log.info("kyocho: open data written under data/ (%d citation files)", stats["cite"])
    return stats


def _docx_job(job: tuple) -> bytes:
    brief, links = job
    return briefings.write_docx(brief, links=links)


def publish_briefings(project_dir: Path, site_dir: Path, site_url: str | None = None,
                      produced: dt.date | None = None) -> dict[str, int]:
    """Write the Word briefing next to every briefing print page, in both languages.

    python-docx needs ~0.1 s for a small file and seconds for a large one, so files are
    cached under .cache/briefings/ by the hash of their content (a rebuild in `mkdocs serve`
    writes only the briefings whose data changed), and the missing ones are written in
    parallel, one process per core.
    """
    kb = knowledge_base(project_dir / "data")
    produced = produced or dt.date.today()
    cache = project_dir / ".cache" / "briefings"
    cache.mkdir(parents=True, exist_ok=True)
    copies: list[tuple[Path, Path]] = []
    missing: dict[Path, tuple] = {}
    for lang in LANGS:
        base = language_root(site_url, lang) if site_url else None
        ctx = Ctx(lang, base=base, linked=base is not None)
        for kind in BRIEFING_KINDS:
            for rid in kb.records[kind]:
                brief = briefings.build(kb, briefing_selection(kind, rid), ctx, produced)
                digest = hashlib.sha256(repr((briefings.DOCX_FORMAT, brief.blocks, bool(base))).encode()).hexdigest()
                cached = cache / f"{digest}.docx"
                if not cached.exists():
                    missing[cached] = (brief, bool(base))
                target = site_dir / lang_prefix(lang) / briefing_url(kind, rid) / \
                    briefing_docx_name(kind, rid, lang)
                copies.append((cached, target))
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(missing) > 8:
        with ProcessPoolExecutor(workers) as pool:
            for path, content in zip(missing, pool.map(_docx_job, missing.values(), chunksize=4)):
                path.write_bytes(content)
    else:
        for path, job in missing.items():
            path.write_bytes(_docx_job(job))
    for cached, target in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    used = {cached for cached, _ in copies}
    for stale in cache.glob("*.docx"):
        if stale not in used:
            stale.unlink()
    stats = {"written": len(missing), "cached": len(copies) - len(missing)}
    log.info("kyocho: Word briefings: %d written, %d from cache", stats["written"], stats["cached"])
    return stats


def publish_builder(project_dir: Path, site_dir: Path) -> dict[str, int]:
    """Write the briefing builder's data beside the Briefings page of each language: the
    parts of every briefing (briefings.kit) and, apart, what only a Word file needs."""
    kb = knowledge_base(project_dir / "data")
    sizes = {}
    for lang in LANGS:
        for name, data in ((BUILDER_DATA, briefings.briefing_kit(kb, lang)), (BUILDER_WORD, briefings.word_kit(kb, lang))):
            path = site_dir / lang_prefix(lang) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            path.write_text(text, encoding="utf-8")
            sizes[f"{lang}/{name}"] = len(text.encode())
    log.info("kyocho: briefing builder data written (%s)",
             ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sizes.items()))
    return sizes


def publish(project_dir: Path, site_dir: Path, site_url: str | None = None) -> None:
    """Everything written once the pages of both languages are in site_dir: the open data, the
    Word briefings, the briefing builder's data and the search index (Pagefind splits it by
    <html lang>)."""
    publish_data(project_dir, site_dir, site_url)
    publish_briefings(project_dir, site_dir, site_url)
    publish_builder(project_dir, site_dir)
    index_search(site_dir)


def pages_left(docs_dir: Path) -> int:
    """How many pages the last `write_pages` left for later."""
    generation = _generations.get(str(Path(docs_dir).resolve()))
    return len(generation.later) if generation else 0


def index_search(site_dir: Path) -> None:
    """Build the Pagefind index over the finished site (both languages, split by <html lang>)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
