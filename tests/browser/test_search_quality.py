"""Search quality: the queries readers type (tests/search_queries.yaml, half Japanese, half
English) find the page they expect among the first three results of the search page.

The share is written to test-artifacts/search-quality.txt with every miss and what came
first instead; the test fails below the target, naming the misses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.core.models import FOLDERS

from .conftest import ARTIFACTS
from .pages import real_kb

QUERIES = yaml.safe_load((Path(__file__).parent.parent / "search_queries.yaml").read_text(encoding="utf-8"))
TARGET = 0.95
PREFIX = {"ja": "", "en": "en/"}
LOADED = ("() => document.querySelector('.kyocho-search__status').textContent.length > 0"
          " && document.querySelector('.kyocho-search__results').getAttribute('aria-busy') !== 'true'")


def test_the_query_set_is_as_the_issue_asks_and_names_pages_that_exist():
    assert len(QUERIES["ja"]) >= 20 and len(QUERIES["en"]) >= 20
    kinds = {q["kind"] for q in QUERIES["ja"]}
    assert {"kana", "katakana loanword", "abbreviation", "long compound"} <= kinds
    folders = {folder: kind for kind, folder in FOLDERS.items()}
    for lang in ("ja", "en"):
        for q in QUERIES[lang]:
            folder, rid = q["expect"].split("/")
            assert rid in real_kb().records[folders[folder]], f"{lang} {q['query']!r}: no {q['expect']}"


def test_readers_find_the_page_they_mean_in_the_top_three(tab, real_url):
    found, lines, misses = 0, [], []
    for lang in ("ja", "en"):
        for q in QUERIES[lang]:
            tab.goto(real_url + PREFIX[lang] + "search/?q=" + q["query"])
            tab.page.wait_for_function(LOADED)
            links = tab.page.locator(".kyocho-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
            want = f"/{PREFIX[lang]}{q['expect']}/"
            rank = links.index(want) + 1 if want in links else None
            if rank is not None and rank <= 3:
                found += 1
                lines.append(f"ok    {lang} {q['query']}: {rank}")
            else:
                misses.append(f"{lang} {q['query']!r} ({q['kind']}): {want} at {rank or 'not in the first 10'}; top: {links[:3]}")
                lines.append("MISS  " + misses[-1])
    total = len(QUERIES["ja"]) + len(QUERIES["en"])
    share = found / total
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-quality.txt").write_text(
        f"{found} of {total} queries ({share:.0%}) have the expected page in the top three\n" + "\n".join(lines) + "\n",
        encoding="utf-8")
    assert share >= TARGET, f"{found}/{total} = {share:.0%} < {TARGET:.0%}; misses:\n" + "\n".join(misses)
