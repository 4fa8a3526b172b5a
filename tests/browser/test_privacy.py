"""Privacy: a reader's browser talks to our server only — no web fonts, no CDN, no analytics."""

from __future__ import annotations

import pytest

from .pages import SAMPLE

LOCAL_SCHEMES = ("data:", "blob:", "about:")


def foreign(requests: list[str], base: str) -> list[str]:
    return [u for u in requests if not u.startswith(base) and not u.startswith(LOCAL_SCHEMES)]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_kind_requests_only_the_local_server(tab, real_url, lang):
    prefix = "" if lang == "ja" else "en/"
    seen = {}
    for path in SAMPLE:
        tab.clear()
        tab.goto(real_url + prefix + path)
        tab.page.wait_for_load_state("networkidle")
        seen[path] = foreign(tab.requests, real_url)
    assert {p: urls for p, urls in seen.items() if urls} == {}


def test_a_search_requests_only_the_local_server(tab, real_url):
    """Pagefind fetches its index in chunks while the reader types: all of them from us."""
    tab.goto(real_url + "search/?q=広島")
    tab.page.locator(".kyocho-result__link").first.wait_for()
    tab.page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in u for u in tab.requests), "the search fetched no index: nothing was tested"
    assert foreign(tab.requests, real_url) == []
