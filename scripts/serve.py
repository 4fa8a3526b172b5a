"""The preview: `python3 scripts/dev.py serve` runs `python -m scripts.serve`.

    python -m scripts.serve [-a 127.0.0.1:8000]

Each language's MkDocs site is built once, into a temporary folder, and kept: its
configuration, files, navigation and templates stay in this process. After an edit to data/,
the knowledge base is loaded again from the last load, only the generated pages that show the
edited records are made again (`macros/incremental.py`), and only the pages whose Markdown
changed — and the hand-written pages that show data — are rendered again, each through
MkDocs's own page steps and every plugin's page events. `mkdocs serve --dirty` went through
every file of both languages at each rebuild (about 0.4 ms a file, 16 s at 10,000 meetings).

A page added or removed (a record added, renamed or deleted), a hand-written page added or
removed, or an edit to a file that is neither data nor a page (a template, a stylesheet,
mkdocs.yml) builds both languages again as the first time; an edit to the code (macros/,
scripts/) starts the preview again. Data with errors leaves the pages as they were and prints
the errors. The open data, the Word files and the search index are made by the first build
only, and every page says so (`macros/preview.py`). The architecture page explains the
choice and the measurements (*The preview*).
"""

from __future__ import annotations

from scripts._env import ensure_dependencies

ensure_dependencies("scripts.serve")

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import build, preview  # noqa: E402
from macros.core.models import LANGS  # noqa: E402

log = logging.getLogger("kyocho.preview")

# What an edit to which file asks for: code starts the preview again; the rest of the project
# (templates, assets, config) builds both languages again.
CODE = ("macros", "scripts")
SITE_FILES = ("mkdocs.yml", "overrides", "docs")


class _Keep:
    """A plugin that keeps what MkDocs builds a language from (files, navigation, templates),
    added last to each language's plugins so that it sees what every other plugin made."""

    def __init__(self) -> None:
        self.files = self.nav = self.env = None

    @event_priority(-200)
    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    @event_priority(-200)
    def on_env(self, env, config, files):
        self.env = env
        return env


class LanguageSite:
    """One language of the site: built once by MkDocs, then page by page."""

    def __init__(self, project: Path, lang: str, site_dir: Path, url: str, startup: bool = False):
        self.project, self.lang, self.url = project, lang, url
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
        config.site_url = url
        # As in scripts.build_site: this language only; the pages and the publishing are ours.
        i18n = config.plugins["i18n"]
        i18n.current_language, i18n.building = lang, True
        if lang != LANGS[0]:
            # 404.html and the sitemap at the root are the first language's.
            config.theme.static_templates.clear()
        self.keep = _Keep()
        config.plugins["kyocho-preview-keep"] = self.keep
        if startup:      # the hooks' preview state (macros/hooks.py is one module for every config)
            config.plugins.on_startup(command="serve", dirty=True)
        self.config = config

    def build(self) -> None:
        """The whole language, as `mkdocs serve --dirty` builds it (into a folder shared with the
        other language, so nothing is cleaned)."""
        mkdocs_build.build(self.config, serve_url=self.url, dirty=True)
        files = self.keep.files
        self.doc_files = files.documentation_pages()
        self.by_source = {Path(f.abs_src_path): f for f in self.doc_files if f.abs_src_path}

    def has(self, path: Path) -> bool:
        return path in self.by_source

    def render(self, paths: list[Path]) -> None:
        """Render these pages again (their Markdown has changed, or the data they show)."""
        config, files, nav, env = self.config, self.keep.files, self.keep.nav, self.keep.env
        for path in paths:
            page = self.by_source[path].page
            mkdocs_build._populate_page(page, config, files)
            mkdocs_build._build_page(page, config, self.doc_files, nav, env)


class Preview:
    """Both languages in one folder, kept current page by page (`rebuild`)."""

    def __init__(self, project: Path, site_dir: Path, url: str):
        self.project, self.site_dir, self.url = project, site_dir, url
        self.docs = project / "docs"
        self.sites: dict[str, LanguageSite] = {}
        self.code: dict[Path, int] = {}
        self.written: dict[Path, int] = {}
        self.asked = False       # whether the last rebuild left pages for the next
        self.data_changed = False   # whether the hand-written pages that show data are behind
        self.kb = None

    def start(self) -> None:
        """The first build: pages, both languages, then the open data, Word files and index."""
        kb = self.kb = build.checked(self.project)
        build.write_pages(kb, self.docs)
        self._build_languages(startup=True)
        build.publish(self.project, self.site_dir, self.url)
        self.code, self.written = self._times(CODE), self._times(SITE_FILES)

    def _build_languages(self, startup: bool = False) -> None:
        for lang in LANGS:
            site = LanguageSite(self.project, lang, self.site_dir, self.url, startup=startup and lang == LANGS[0])
            site.build()
            self.sites[lang] = site

    def _times(self, names: tuple[str, ...]) -> dict[Path, int]:
        """Modification times of the files under `names`; under docs/ only the hand-written
        ones (`preview.hand_written`: walking the generated folders took 0.7 s a rebuild at
        10,000 meetings)."""
        out = {}
        for name in names:
            top = self.project / name
            if name == "docs" and top.is_dir():
                places = preview.hand_written(top)
            else:
                places = [(top, True)] if top.is_dir() else []
                if top.is_file():
                    out[top] = top.stat().st_mtime_ns
            for folder, recursive in places:
                for path in (folder.rglob("*") if recursive else folder.iterdir()):
                    if path.is_file() and "__pycache__" not in path.parts:
                        out[path] = path.stat().st_mtime_ns
        return out

    def rebuild(self) -> None:
        """After an edit: what it changed, rendered again; see the module's docstring."""
        started = time.perf_counter()
        if self._times(CODE) != self.code:
            log.info("kyocho: the code changed: starting the preview again")
            os.execv(sys.executable, [sys.executable, "-m", "scripts.serve", *sys.argv[1:]])
        now = self._times(SITE_FILES)
        edited = {path for path in now.keys() | self.written.keys() if now.get(path) != self.written.get(path)}
        self.written = now
        try:
            kb = build.checked(self.project)
        except build.DataError as exc:
            log.error("kyocho: the pages stay as they were until the data is fixed.\n%s", exc)
            return
        changed: list[tuple[str, str]] = []
        # First the record pages the edit changed; the pages that gather many records, the
        # briefing print pages and the hand-written pages that show data right after, in the
        # rebuild this one asks for (the server answers no request while it builds).
        later = None if self.asked else preview.gathering_page
        stats = build.write_pages(kb, self.docs, later=later, changed=changed)
        self.asked = bool(later and stats["later"])
        if self.asked:
            preview.ask_for_rebuild(self.docs)
        self.data_changed = self.data_changed or kb is not self.kb
        self.kb = kb
        pages = [self.docs / lang / rel for lang, rel in changed]
        hand = [path for path in edited if path.suffix == ".md" and path.is_relative_to(self.docs)]
        if stats["deleted"] or any(not self._site_of(p) or not self._site_of(p).has(p) for p in pages + hand) \
                or any(p.suffix != ".md" or not p.is_relative_to(self.docs) for p in edited):
            log.info("kyocho: pages came or went, or a template changed: building both languages again")
            if self.asked:      # all of them first, then the languages once
                build.write_pages(kb, self.docs)
                self.asked = False
            self._build_languages()
            self.data_changed = False
            return
        data_pages = []
        if self.data_changed and not self.asked:    # once per edit, with the last of its pages
            data_pages = [p for site in self.sites.values() for p in site.by_source
                          if preview.data_page(p.relative_to(self.docs).as_posix(), p)]
            self.data_changed = False
        todo = list(dict.fromkeys(pages + hand + data_pages))
        for site in self.sites.values():
            site.render([p for p in todo if self._site_of(p) is site])
        log.info("kyocho: %d pages rendered again in %.1f s%s", len(todo), time.perf_counter() - started,
                 f"; {stats['later']} more pages follow" if self.asked else "")

    def _site_of(self, path: Path) -> LanguageSite | None:
        try:
            return self.sites.get(path.relative_to(self.docs).parts[0])
        except ValueError:
            return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 scripts/dev.py serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="where to serve the preview (default 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    url = f"http://{host}:{port}/"
    site_dir = Path(tempfile.mkdtemp(prefix="kyocho-preview-"))
    try:
        try:
            session = Preview(ROOT, site_dir, url)
            session.start()
        except build.DataError as exc:
            log.error("kyocho: the data has errors; fix them and start the preview again.\n%s", exc)
            return 1
        server = LiveReloadServer(builder=session.rebuild, host=host, port=int(port), root=str(site_dir))
        server.error_handler = lambda code: (site_dir / "404.html").read_bytes() \
            if code == 404 and (site_dir / "404.html").exists() else None
        for path in (ROOT / "data", ROOT / "mkdocs.yml", ROOT / "overrides", *(ROOT / name for name in CODE)):
            if path.exists():
                server.watch(str(path))
        for path, recursive in preview.hand_written(ROOT / "docs"):
            server.watch(str(path), recursive=recursive)
        for lang in LANGS:          # where a rebuild that left pages for later asks for the next
            server.watch(str(ROOT / "docs" / lang / "briefings"), recursive=False)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
