"""mkdocs-macros entry point: registers the macros of hand-written pages, nothing more.

The logic lives in plain functions (`macros/pages/home.py`, `coverage.py`, `dictionary.py`)
that take the knowledge base and a `Ctx`; each macro here only finds those two and calls one.
A macro that returns a block of HTML hands it to `preview.aside`, which in the preview keeps
it out of Markdown's way (and otherwise returns it as it is).
"""

from __future__ import annotations

from pathlib import Path


def define_env(env) -> None:
    from .build import knowledge_base
    from .drawings import per_year_chart
    from .pages import coverage as coverage_tables
    from .drawings import japan_roles_chart, rosters_chart
    from .pages import commitments as commitments_page
    from .pages import dictionary, home, rosters
    from .preview import aside
    from .urls import Ctx

    project = Path(env.conf["config_file_path"]).resolve().parent

    def context():
        # Read the language at render time: macros copies `extra` before i18n overrides it.
        extra = env.conf["extra"]
        lang = extra.get("lang", "ja")
        prefix = extra.get("lang_prefix", "")
        url = env.page.url if env.page else ""
        here = url[len(prefix):] if prefix and url.startswith(prefix) else url
        return knowledge_base(project / "data"), Ctx(lang, here)

    @env.macro
    def kb_summary() -> str:
        return aside(home.summary_table(*context()))

    @env.macro
    def recent_meetings(count: int = 10) -> str:
        return aside(home.recent_meetings(*context(), count))

    @env.macro
    def commitments() -> str:
        """Every commitment: what falls due soon, then all by forum, filterable."""
        return aside(commitments_page.commitments_index(*context()))

    @env.macro
    def commitments_count() -> str:
        return commitments_page.commitment_count_text(context()[0], context()[1].lang)

    @env.macro
    def upcoming() -> str:
        """Meetings after today and planned editions not yet recorded."""
        return aside(home.upcoming(*context()))

    @env.macro
    def process_list() -> str:
        return aside(home.process_list(*context()))

    @env.macro
    def browse() -> str:
        """Forums, topics, countries and years to start from."""
        return aside(home.browse(*context()))

    @env.macro
    def forum_meetings(forum_id: str) -> str:
        kb, ctx = context()
        return home.forum_meetings(kb, forum_id, ctx)

    @env.macro
    def meetings_per_year() -> str:
        return aside(per_year_chart(*context()))

    @env.macro
    def kb_span() -> str:
        return home.span(context()[0])

    @env.macro
    def open_data_jsonld() -> str:
        """The open data as a schema.org Dataset with its files (search engines, data catalogues)."""
        from .linked_data import dataset, script_tag
        from .urls import site_url
        kb, ctx = context()
        return script_tag(dataset(kb, ctx, site_url()))

    @env.macro
    def data_dictionary() -> str:
        """Every field of every record kind, from the models (both languages)."""
        return aside(dictionary.dictionary(context()[1].lang))

    @env.macro
    def coverage(part: str) -> str:
        """part: forum | year | sources | translation | rosters | japan | answers"""
        kb, ctx = context()
        tables = {"forum": lambda: coverage_tables.coverage_by_forum(kb, ctx),
                  "year": lambda: coverage_tables.coverage_by_year(kb, ctx),
                  "sources": lambda: coverage_tables.coverage_sources(kb, ctx.lang),
                  "translation": lambda: coverage_tables.coverage_translation(kb, ctx.lang),
                  "rosters": lambda: rosters_chart(kb, ctx) + rosters.coverage_rosters(kb, ctx),
                  "japan": lambda: japan_roles_chart(kb, ctx),
                  "answers": lambda: coverage_tables.coverage_answers(kb, ctx)}
        if part not in tables:
            raise ValueError(f"coverage(): unknown part '{part}' (forum, year, sources, translation, rosters, japan, answers)")
        return aside(tables[part]())
