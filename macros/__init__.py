"""mkdocs-macros entry point: registers macros, nothing more (logic lives in macros/pages.py)."""

from __future__ import annotations

from pathlib import Path


def define_env(env) -> None:
    from . import pages, site

    project = Path(env.conf["config_file_path"]).resolve().parent

    def context():
        # Read the language at render time: macros copies `extra` before i18n overrides it.
        extra = env.conf["extra"]
        lang = extra.get("lang", "ja")
        prefix = extra.get("lang_prefix", "")
        url = env.page.url if env.page else ""
        here = url[len(prefix):] if prefix and url.startswith(prefix) else url
        return site.knowledge_base(project / "data"), lang, here

    @env.macro
    def kb_summary() -> str:
        kb, lang, here = context()
        return pages.summary_table(kb, lang, here)

    @env.macro
    def recent_meetings(count: int = 10) -> str:
        kb, lang, here = context()
        return pages.recent_meetings(kb, lang, here, count)

    @env.macro
    def forum_meetings(forum_id: str) -> str:
        kb, lang, here = context()
        return pages.forum_meetings(kb, lang, here, forum_id)

    @env.macro
    def kb_span() -> str:
        kb, lang, _ = context()
        return pages.span(kb, lang)

    @env.macro
    def data_dictionary() -> str:
        """Every field of every record kind, from the models (both languages)."""
        from .dictionary import dictionary

        _, lang, _ = context()
        return dictionary(lang)

    @env.macro
    def coverage(part: str) -> str:
        """part: forum | year | sources | translation"""
        kb, lang, here = context()
        if part == "forum":
            return pages.coverage_by_forum(kb, lang, here)
        if part == "year":
            return pages.coverage_by_year(kb, lang, here)
        if part == "sources":
            return pages.coverage_sources(kb, lang)
        if part == "translation":
            return pages.coverage_translation(kb, lang)
        raise ValueError(f"coverage(): unknown part '{part}' (forum, year, sources, translation)")
