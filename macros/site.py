"""The glue between MkDocs and the core: load (cached), generate pages, index search.

Kept as plain functions so that the hook file stays a thin adapter and another engine could
call the same steps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import kb as kbmod
from .exports import write_exports
from . import briefing, render
from .briefing_docx import write_docx
from .generate import generate
from .i18n import DEFAULT_LANG, LANGS

log = logging.getLogger("mkdocs.plugins.kyocho")

_cache: dict[str, tuple[tuple, kbmod.KnowledgeBase]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    # MkDocs keeps hook modules loaded for the whole `serve`: the cache must notice edits.
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in data_dir.rglob("*") if p.is_file()))


def knowledge_base(data_dir: Path) -> kbmod.KnowledgeBase:
    """The knowledge base for `data_dir`, reloaded only when a data file changed."""
    data_dir = Path(data_dir).resolve()
    key = _fingerprint(data_dir)
    cached = _cache.get(str(data_dir))
    if cached and cached[0] == key:
        return cached[1]
    kb = kbmod.load(data_dir)
    _cache[str(data_dir)] = (key, kb)
    return kb


class DataError(Exception):
    """The data has errors; the message lists every one of them."""


def prepare(project_dir: Path, docs_dir: Path, data_dir: Path | None = None) -> kbmod.KnowledgeBase:
    """Load and check the data, then bring the generated pages in line with it."""
    data_dir = data_dir or project_dir / "data"
    kb = knowledge_base(data_dir)
    if kb.errors:
        lines = "\n".join(str(p) for p in kb.errors)
        raise DataError(f"{len(kb.errors)} problem(s) in the data:\n{lines}")
    stats = generate(kb, docs_dir)
    log.info("kyocho: %d pages written, %d unchanged, %d deleted",
             stats["written"], stats["unchanged"], stats["deleted"])
    return kb


def publish_data(project_dir: Path, site_dir: Path, site_url: str | None = None) -> dict[str, int]:
    """Write the open-data exports once under site/data/ (language-neutral, not under en/)."""
    kb = knowledge_base(project_dir / "data")
    stats = write_exports(kb, site_dir, site_url=site_url)
    log.info("kyocho: open data written under data/ (%d citation files)", stats["cite"])
    return stats


def _docx_job(job: tuple) -> bytes:
    brief, links = job
    return write_docx(brief, links=links)


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
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        base = f"{site_url.rstrip('/')}/{prefix}" if site_url else None
        for kind in render.BRIEFING_KINDS:
            for rid in kb.records[kind]:
                sel = briefing.Selection(**{briefing.FACET_OF[kind]: (rid,)})
                brief = briefing.build(kb, sel, lang, produced, base_url=base)
                digest = hashlib.sha256(repr((brief.blocks, bool(base))).encode()).hexdigest()
                cached = cache / f"{digest}.docx"
                if not cached.exists():
                    missing[cached] = (brief, bool(base))
                target = site_dir / prefix / render.briefing_url(kind, rid) / \
                    render.briefing_docx_name(kind, rid, lang)
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


def index_search(site_dir: Path) -> None:
    """Build the Pagefind index over the finished site (both languages, split by <html lang>)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
