"""Hostile data: tests/fixtures/hostile carries XSS payloads (`<script>`, `onerror=`,
`javascript:` links, markup in titles) in every text field. It builds; on every page the
payloads of plain-text fields read as text, Markdown fields are sanitised, and nothing runs.
"""

from __future__ import annotations

import re
import shutil

import pytest

from macros.core import load
from macros.core.models import Document, Meeting
from macros.core.models import FOLDERS
from macros.text import title_of, value_text

from ..sitecheck import html_files
from .conftest import HOSTILE

LANGS = ("ja", "en")

# Everything in the document that could run: event-handler attributes, javascript: URLs
# (except the no-op `javascript:void(0);` of Pagefind's own form), and scripts or frames that
# carry a payload's alert() (a JSON-LD data block is not run, and escapes `<`).
RUNNABLE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on') || /^\\s*javascript:(?!void\\(0\\);?$)/i.test(a.value) || a.name === 'srcdoc')
        found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
    }
    const runs = el.localName === 'iframe' ||
      (el.localName === 'script' && /^(|module|(text|application)\\/(x-)?(java|ecma)script)$/i.test(el.type));
    if (runs && /alert\\(/.test(el.outerHTML))
      found.push(el.outerHTML.slice(0, 80));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def kb():
    return load(HOSTILE)


def hostile_pages(site) -> list[str]:
    return sorted(p.relative_to(site).parent.as_posix().removeprefix(".") for p in html_files(site)
                  if p.name == "index.html")


def expected_text(kb, kind: str, rid: str, lang: str) -> list[str]:
    """Plain-text fields of a record as a reader must see them: the payload, literally."""
    model = kb.get(kind, rid)
    shown = [value_text(title_of(kb, kind, rid), lang)]
    if isinstance(model, Meeting) and model.place and model.place.city:
        shown.append(value_text(model.place.city, lang))
    if isinstance(model, Document):
        shown += [value_text(c, lang) for c in model.commitments]
        shown += [value_text(c.paragraph, lang) for c in model.commitments if c.paragraph]
    for key in model.sources:
        shown += [kb.sources[key].title, kb.sources[key].publisher]
    return shown


def markdown_tags(kb, kind: str, rid: str, lang: str) -> list[str]:
    """The tags of the Markdown fields shown on a record page (text before and after the payload)."""
    model = kb.get(kind, rid)
    tags = []
    for name in ("summary", "notes", "description"):
        value = getattr(model, name, None)
        if value is not None:
            tags += re.findall(r"^Text (\S+)\.", value_text(value, lang))
    return tags


def test_hostile_fixture_is_valid_data(kb):
    assert kb.errors == []


def test_every_hostile_page_runs_nothing_and_shows_payloads_as_text(tab, hostile_site, hostile_url, kb):
    pages = hostile_pages(hostile_site)
    assert len(pages) > 30, pages
    problems = []
    for path in pages:
        tab.clear()
        tab.goto(hostile_url + path)
        tab.page.wait_for_load_state("networkidle")
        runnable = tab.page.evaluate(RUNNABLE)
        for what, found in (("dialog", tab.dialogs), ("console error", tab.console_errors),
                            ("page error", tab.page_errors), ("runnable", runnable)):
            problems += [f"/{path}: {what}: {x}" for x in found]
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_record_pages_show_plain_fields_literally_and_keep_sanitised_markdown(tab, hostile_url, kb, lang):
    prefix = "" if lang == "ja" else "en/"
    missing = []
    for kind, section in FOLDERS.items():
        for rid in kb.records[kind]:
            tab.goto(f"{hostile_url}{prefix}{section}/{rid}/")
            article = tab.page.locator("article").inner_text()
            title = value_text(title_of(kb, kind, rid), lang)
            if title not in tab.page.title():
                missing.append(f"{section}/{rid}: <title> {tab.page.title()!r}")
            missing += [f"{section}/{rid}: text {s!r}" for s in expected_text(kb, kind, rid, lang) if s not in article]
            for tag in markdown_tags(kb, kind, rid, lang):
                for kept in (f"Text {tag}.", f"md-link {tag}", f"a-link {tag}", "{{ 7*7 }}", f"{tag}-end"):
                    if kept not in article:
                        missing.append(f"{section}/{rid}: Markdown lost {kept!r}")
    assert missing == []


def test_hostile_search_results_run_nothing(tab, hostile_url):
    """Pagefind shows titles and excerpts of hostile pages: they must stay text as well."""
    tab.goto(hostile_url + "en/search/")
    field = tab.page.locator("#kyocho-search input[name=q]")
    field.fill("alert")
    field.press("End")
    tab.page.locator(".kyocho-result__link").first.wait_for()
    tab.page.wait_for_load_state("networkidle")
    assert "<script>" in tab.page.locator(".kyocho-search__results").inner_text()
    assert (tab.dialogs, tab.page_errors, tab.page.evaluate(RUNNABLE)) == ([], [], [])


@pytest.mark.parametrize("path,old,field", [
    ("forums/g7.yaml", "url: 'https://", "url"),
    ("parties/jp.yaml", "url: 'https://", "url"),
    ("documents/g7-2016-joint-declaration.yaml", "url: 'https://", "texts.en.url"),
    ("references.bib", "url          = {https://", "mic-2016-g7-takamatsu-result.url"),
])
def test_validator_rejects_javascript_urls(tmp_path, path, old, field):
    """`javascript:` cannot enter through a URL field: the validator stops it with its line."""
    data = tmp_path / "data"
    shutil.copytree(HOSTILE, data)
    target = data / path
    source = target.read_text(encoding="utf-8")
    assert old in source
    target.write_text(source.replace(old, old.replace("https://", "javascript:alert(1)//"), 1), encoding="utf-8")
    errors = [str(p) for p in load(data, root=tmp_path).errors]
    assert any(e.startswith(f"data/{path}:") and f" {field}: " in e and "javascript:" in e for e in errors), errors
