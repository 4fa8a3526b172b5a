"""The preview (`python3 scripts/dev.py serve`): an edit shows on every page that shows the
record, the pages that do not show it are left alone, and the site says what it keeps from
the start of the preview. Timings are the benchmark's business (scripts/bench.py), not these tests'."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros import build, preview
from macros.core import load, yamlio
from macros.core.models import LANGS
from macros.pages import page_makers

from .conftest import VALID

DAY = dt.date(2026, 12, 4)
TAKAMATSU = "meetings/g7-2016-ict-ministers-takamatsu.yaml"


def every_page(kb) -> dict[tuple[str, str], str]:
    """What a full generation writes for `kb`."""
    return {(lang, rel): make() for lang in LANGS for rel, make in page_makers(kb, lang, DAY).items()}


def on_disk(docs: Path, pages) -> dict[tuple[str, str], str]:
    return {page: (docs / page[0] / page[1]).read_text(encoding="utf-8") for page in pages}


@pytest.fixture
def generated(tmp_path):
    """A copy of the fixture data and the pages generated from it."""
    shutil.copytree(VALID, tmp_path / "data")
    docs = tmp_path / "docs"
    kb = load(tmp_path / "data")
    build.write_pages(kb, docs, DAY)
    return tmp_path / "data", docs, kb


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_meeting_title_edit_reaches_every_page_that_shows_the_meeting_and_no_other(generated):
    data, docs, kb = generated
    before = every_page(kb)
    edit(data / TAKAMATSU, "en: G7 ICT Ministers' Meeting in Takamatsu, Kagawa",
         "en: G7 ICT Ministers' Meeting in Takamatsu (edited)")
    kb2 = load(data, previous=kb)
    stats = build.write_pages(kb2, docs, DAY)
    after = every_page(kb2)
    assert on_disk(docs, after) == after
    changed = {page for page in after if after[page] != before[page]}
    assert stats["written"] == len(changed)
    assert stats["made"] < len(after)       # only the pages that link to the meeting
    shown = {rel for lang, rel in changed if lang == "en"}
    for rel in ("meetings/g7-2016-ict-ministers-takamatsu.md", "meetings/index.md", "forums/g7.md",
                "series/g7-digital-ministers.md", "topics/ai.md", "parties/jp.md", "briefings/forums/g7.md"):
        assert rel in shown, rel
        assert "Takamatsu (edited)" in after[("en", rel)]


def _edits(text: str):
    """One edit per field of a record file: a word put into each English text, each date a
    day earlier, the last id of each inline list taken out."""
    located = yamlio.load(text)
    lines = text.splitlines(keepends=True)
    for key, value in located.data.items():
        new = lines[:]
        if isinstance(value, dict) and isinstance(value.get("en"), str):
            line, col = located.loc((key, "en"))
            if located.starts_block((key, "en")):
                line += 1
                col = len(lines[line - 1]) - len(lines[line - 1].lstrip()) + 1
            elif lines[line - 1][col - 1] in "\"'":
                col += 1
            new[line - 1] = new[line - 1][:col - 1] + "Edited " + new[line - 1][col - 1:]
        elif isinstance(value, dt.date):
            line = located.loc((key,))[0]
            new[line - 1] = new[line - 1].replace(value.isoformat(), (value - dt.timedelta(days=1)).isoformat())
        elif isinstance(value, list) and value and key != "sources" and lines[located.loc((key,))[0] - 1].startswith(f"{key}: ["):
            new[located.loc((key,))[0] - 1] = f"{key}: [{', '.join(value[:-1])}]\n"
        else:
            continue
        yield f"{key}", "".join(new)


def test_after_any_edit_the_pages_are_those_a_full_generation_writes(generated):
    data, docs, kb = generated
    tried = 0
    for path in sorted(data.glob("*/*.yaml")):
        original = path.read_text(encoding="utf-8")
        for field, text in _edits(original):
            path.write_text(text, encoding="utf-8")
            edited = load(data, previous=kb)
            if not edited.errors:      # an earlier start than the day before, say
                tried += 1
                build.write_pages(edited, docs, DAY)
                want = every_page(edited)
                stale = [f"{lang}/{rel}" for (lang, rel), content in on_disk(docs, want).items()
                         if content != want[(lang, rel)]]
                assert not stale, f"after editing {field} of {path.name}: {stale}"
            path.write_text(original, encoding="utf-8")
            kb = load(data, previous=edited)
            build.write_pages(kb, docs, DAY)
    assert tried > 30


def test_an_edit_that_moves_a_meeting_between_pages_makes_every_page_again(generated):
    data, docs, kb = generated
    edit(data / TAKAMATSU, "topics: [", "topics: [generative-ai, ")
    stats = build.write_pages(load(data, previous=kb), docs, DAY)
    assert stats["made"] == sum(len(page_makers(kb, lang, DAY)) for lang in LANGS)


def test_a_reload_reads_again_only_the_edited_file(generated):
    data, _, kb = generated
    edit(data / TAKAMATSU, "start: 2016-04-29", "start: 2016-04-28")
    again = load(data, previous=kb)
    assert again.records["meeting"]["g7-2016-ict-ministers-takamatsu"] is not kb.records["meeting"]["g7-2016-ict-ministers-takamatsu"]
    assert again.records["meeting"]["g7-2016-ict-ministers-takamatsu"].model.start == dt.date(2016, 4, 28)
    assert again.records["forum"]["g7"] is kb.records["forum"]["g7"]
    assert [str(p) for p in again.problems] == [str(p) for p in load(data).problems]


def test_the_preview_watches_what_is_written_by_hand_and_not_the_generated_pages(generated):
    _, docs, _ = generated
    (docs / "en" / "about").mkdir()
    watched = {path.relative_to(docs).as_posix(): recursive for path, recursive in preview.hand_written(docs)}
    assert watched["en/about"] is True and watched["en"] is False
    assert not any(name.split("/")[-1] in ("meetings", "briefings", "parties") for name in watched)


# -- the preview as MkDocs runs it -----------------------------------------------------------
def _serve_build(project: Path, site: Path, first: bool = False) -> None:
    """One build as `mkdocs serve --dirty` makes it (a fresh config each time, as serve does)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    config.site_url = "http://127.0.0.1:8000/"
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)


def _article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_the_preview_shows_an_edit_keeps_the_published_files_and_says_so(tmp_path, monkeypatch, fixture_site):
    from scripts.bench import project_copy
    project, site = tmp_path / "project", tmp_path / "site"
    project.mkdir()
    project_copy(project)
    shutil.copytree(VALID, project / "data")
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])   # mkdocs-static-i18n reads it
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    read = lambda rel: (site / rel / "index.html").read_text(encoding="utf-8")  # noqa: E731
    try:
        _serve_build(project, site, first=True)
        # The pages read as a build writes them (the preview renders some HTML without Markdown).
        for path in fixture_site.rglob("index.html"):
            built = path.read_text(encoding="utf-8")
            if "<article" in built:
                rel = path.relative_to(fixture_site).parent.as_posix()
                assert _article(read(rel)) == _article(built), rel
        exports = (site / "data" / "kyocho.json").read_text(encoding="utf-8")
        index = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*"))
        assert any(site.rglob("*.docx"))

        edit(project / "data" / TAKAMATSU, "en: G7 ICT Ministers' Meeting in Takamatsu, Kagawa",
             "en: G7 ICT Ministers' Meeting in Takamatsu (edited)")
        _serve_build(project, site)
        for page in ("en/meetings/g7-2016-ict-ministers-takamatsu", "en/forums/g7", "en/meetings", "en/topics/ai",
                     "en/parties/jp", "en/series/g7-digital-ministers", "en"):   # en: the home page's macros
            assert "Takamatsu (edited)" in read(page), page
        # Publishing is left out of the rebuild: the exports and the index are the first build's.
        assert (site / "data" / "kyocho.json").read_text(encoding="utf-8") == exports
        assert "Takamatsu (edited)" not in json.dumps(json.loads(exports))
        assert sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")) == index
        # Every page says so, in its language.
        assert "made when this preview started" in read("en/meetings/g7-2016-ict-ministers-takamatsu")
        assert "プレビューを始めた" in read("meetings/g7-2016-ict-ministers-takamatsu")
        assert "プレビューを始めた" in read("search")
        # The briefing print pages are left to the next build, which this one asks for.
        assert "Takamatsu (edited)" not in read("en/briefings/forums/g7")
        _serve_build(project, site)
        assert "Takamatsu (edited)" in read("en/briefings/forums/g7")
        assert "Takamatsu (edited)" in read("en/briefings/parties/jp")
    finally:
        preview.begin(False)   # this process serves no preview after the test


def test_a_site_build_carries_no_preview_notice(fixture_site):
    html = (fixture_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "kyocho-preview-notice" not in html and "md-banner" not in html


# -- the preview as scripts.serve runs it ---------------------------------------------------------
def test_the_preview_renders_again_only_what_an_edit_changed(tmp_path, monkeypatch, fixture_site):
    """scripts.serve keeps each language's MkDocs site: after an edit, the pages that show it
    are rendered again and no other; what it cannot do page by page it builds again whole."""
    from scripts.bench import project_copy
    from scripts.serve import Preview
    project, site = tmp_path / "project", tmp_path / "site"
    project.mkdir()
    project_copy(project)
    shutil.copytree(VALID, project / "data")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    read = lambda rel: (site / rel / "index.html").read_text(encoding="utf-8")  # noqa: E731
    session = Preview(project, site, "http://127.0.0.1:8000/")
    try:
        session.start()
        for path in fixture_site.rglob("index.html"):    # the pages read as a build writes them
            built = path.read_text(encoding="utf-8")
            if "<article" in built:
                rel = path.relative_to(fixture_site).parent.as_posix()
                assert _article(read(rel)) == _article(built), rel
        exports = (site / "data" / "kyocho.json").read_text(encoding="utf-8")
        assert "プレビューを始めた" in read("meetings/g7-2016-ict-ministers-takamatsu")
        untouched = site / "en" / "meetings" / "bilateral-ke-2023-signing" / "index.html"
        stamp = untouched.stat().st_mtime_ns

        edit(project / "data" / TAKAMATSU, "en: G7 ICT Ministers' Meeting in Takamatsu, Kagawa",
             "en: G7 ICT Ministers' Meeting in Takamatsu (edited)")
        session.rebuild()      # first the record pages
        assert "Takamatsu (edited)" in read("en/meetings/g7-2016-ict-ministers-takamatsu")
        assert "Takamatsu (edited)" not in read("en/forums/g7")              # left for the next
        session.rebuild()      # then the pages that gather records, briefings and data pages
        for page in ("en/forums/g7", "en/meetings", "en/topics/ai", "en/parties/jp", "en/series/g7-digital-ministers",
                     "en", "en/briefings/forums/g7"):                        # en: the home page's macros
            assert "Takamatsu (edited)" in read(page), page
        assert untouched.stat().st_mtime_ns == stamp                # a page that does not show it
        assert (site / "data" / "kyocho.json").read_text(encoding="utf-8") == exports

        # A hand-written page: that page alone.
        edit(project / "docs" / "en" / "about" / "performance.md", "# Performance", "# Edited: Performance")
        session.rebuild()
        assert "Edited: Performance" in read("en/about/performance")

        # Data with errors: the pages stay as they were.
        edit(project / "data" / TAKAMATSU, "forum: g7", "forum: g77")
        session.rebuild()
        assert "Takamatsu (edited)" in read("en/meetings/g7-2016-ict-ministers-takamatsu")
        edit(project / "data" / TAKAMATSU, "forum: g77", "forum: g7")

        # A record added: both languages built again, the new page among them.
        text = (project / "data" / TAKAMATSU).read_text(encoding="utf-8")
        (project / "data" / "meetings" / "g7-2016-ict-ministers-copy.yaml").write_text(
            text.replace("(edited)", "(a copy)").replace("series: g7-digital-ministers\n", ""), encoding="utf-8")
        session.rebuild()
        assert "Takamatsu (a copy)" in read("en/meetings/g7-2016-ict-ministers-copy")
        assert "Takamatsu (a copy)" in read("en/forums/g7")
    finally:
        preview.begin(False)   # this process serves no preview after the test


def test_a_reload_keeps_the_warnings_of_unchanged_records_and_remakes_those_of_the_edited_one(generated):
    data, _, kb = generated
    # A half-width bracket in Japanese prose: a style warning on the edited record only.
    edit(data / TAKAMATSU, "summary:\n  ja: ", "summary:\n  ja: (注)")
    warned = load(data, previous=kb)
    assert [str(p) for p in warned.problems] == [str(p) for p in load(data).problems]
    here = [p for p in warned.warnings if p.path.endswith("g7-2016-ict-ministers-takamatsu.yaml")]
    assert here and all(p.field == "summary.ja" for p in here)
    edit(data / TAKAMATSU, "ja: (注)", "ja: ")
    mended = load(data, previous=warned)
    assert [str(p) for p in mended.problems] == [str(p) for p in load(data).problems] == [str(p) for p in kb.problems]


def test_python3_scripts_dev_py_serve_shows_an_edit_on_the_served_pages(tmp_path):
    """The README's preview command, as a contributor runs it: it serves both languages, and an
    edit to a meeting reaches its page and then its forum's briefing page (times are the
    benchmark's business: scripts/bench_preview.py does the same, timed)."""
    from scripts.bench import project_copy
    from scripts.bench_preview import a_meeting, preview_project, preview_timing
    project = tmp_path / "project"
    project.mkdir()
    project_copy(project)
    preview_project(project, VALID)
    timing = preview_timing(project, a_meeting(project / "data"), runs=1, first_build_limit=600)
    assert len(timing["page"]) == 1 and len(timing["briefing"]) == 1


def test_html_that_skips_markdown_leaves_every_page_as_markdown_would_make_it(tmp_path, fixture_site):
    """Builds set the HTML blocks of generated pages and macros aside and put them back after
    Markdown (macros/preview.py): the site is the same, byte for byte, as when Markdown parses
    them all."""
    project = tmp_path / "project"
    project.mkdir()
    from scripts.bench import project_copy
    project_copy(project)
    shutil.copytree(VALID, project / "data")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", preview.PARSE_HTML: "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    parsed = {p.relative_to(project / "site"): p for p in (project / "site").rglob("*.html")}
    assert len(parsed) > 80
    for rel, path in parsed.items():
        assert (fixture_site / rel).read_bytes() == path.read_bytes(), rel
    # ... and the build did set most of a record page aside.
    page = (project / "docs" / "en" / "meetings" / "g7-2016-ict-ministers-takamatsu.md").read_text(encoding="utf-8")
    preview.begin(True)
    body = page.split("\n---\n", 1)[1]
    assert len(preview.aside_blocks(body)) < len(body) / 2
    assert preview._whole_elements('<div class="a"><svg><path d="M0,0"/><circle r="6"/></svg></div>')
    assert not preview._whole_elements("<div>a</div> and text")
