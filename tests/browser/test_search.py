"""Search in a real browser: Japanese and English queries show visible results in the page's
own language, from the search page and from the header search box."""

from __future__ import annotations

import pytest

from macros.core.models import FOLDERS
from macros.text import title_of, value_text

from .pages import real_kb

# (language, query, a page the results must include). The pages were picked from data/ by
# grep: the Takamatsu charter and the Hiroshima AI Process records.
SEARCHES = [
    ("ja", "広島", "document", "g7-2023-leaders-statement-hiroshima-ai-process"),
    ("ja", "憲章", "document", "g7-2016-charter-digitally-connected-world"),
    ("ja", "デジタル", "topic", "digital-economy"),
    ("en", "Hiroshima", "meeting", "g7-2023-summit-hiroshima"),
    ("en", "Charter", "document", "g7-2016-charter-digitally-connected-world"),
]
PREFIX = {"ja": "", "en": "en/"}
MORE_PAGES = 10   # "load more" clicks allowed to reach the expected page (5 results each)
TOP_LEVEL_LINKS = ("els => els.filter(e => !e.closest('.pagefind-ui__result-nested'))"
                   ".map(e => e.getAttribute('href'))")


def expected_url(kind: str, rid: str, lang: str, query: str) -> str:
    """The record's URL, after checking the data still gives it a title with the query in it."""
    title = value_text(title_of(real_kb(), kind, rid), lang)
    assert query.lower() in title.lower(), f"data changed: {kind} {rid} is titled {title!r}; pick another page"
    return f"/{PREFIX[lang]}{FOLDERS[kind]}/{rid}/"


def enter_like_an_ime(field, text: str) -> None:
    """An IME commits the whole string at once and then sends a key event."""
    field.fill(text)
    field.press("End")


LOADED = ("() => { const r = document.querySelectorAll('.pagefind-ui__result');"
          " return r.length > 0 && [...r].every(e => e.querySelector('.pagefind-ui__result-link')); }")


def check_results(page, lang: str, query: str, expected: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only once a browser runs

    results = page.locator(".pagefind-ui__result")
    try:
        page.wait_for_function(LOADED)  # Pagefind shows placeholders until each result's data arrives
    except PlaywrightTimeout:
        status = page.locator(".pagefind-ui__message").all_inner_texts()
        pytest.fail(f"no search results appeared for {query!r}; the page says {status}")
    first_page = results.count()
    assert first_page > 0
    for i in range(first_page):
        result = results.nth(i)
        assert result.is_visible(), f"result {i} for {query!r} is not visible"
        shown = result.inner_text().lower()
        assert query.lower() in shown, f"result {i} for {query!r} does not mention it: {shown[:120]!r}"
    links = page.locator(".pagefind-ui__result-link").evaluate_all(TOP_LEVEL_LINKS)
    for _ in range(MORE_PAGES):
        if expected in links or page.locator(".pagefind-ui__button").count() == 0:
            break
        page.locator(".pagefind-ui__button").click()
        page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__result').length > n", arg=len(links))
        page.wait_for_function(LOADED)
        links = page.locator(".pagefind-ui__result-link").evaluate_all(TOP_LEVEL_LINKS)
    assert expected in links, f"{query!r}: {expected} not among {len(links)} results: {links[:10]}"
    foreign = [u for u in links if u.startswith("/en/") != (lang == "en")]
    assert foreign == [], f"{query!r} on the {lang} search page returned other-language pages: {foreign[:5]}"


@pytest.mark.parametrize("lang,query,kind,rid", SEARCHES, ids=[s[1] for s in SEARCHES])
def test_search_page_shows_results_in_the_page_language(tab, real_url, lang, query, kind, rid):
    expected = expected_url(kind, rid, lang, query)
    tab.goto(real_url + PREFIX[lang] + "search/")
    enter_like_an_ime(tab.page.locator(".pagefind-ui__search-input"), query)
    check_results(tab.page, lang, query, expected)


@pytest.mark.parametrize("lang,query,kind,rid", [SEARCHES[0], SEARCHES[3]], ids=["広島", "Hiroshima"])
def test_header_search_box_leads_to_results(tab, real_url, lang, query, kind, rid):
    expected = expected_url(kind, rid, lang, query)
    tab.goto(real_url + PREFIX[lang] + "forums/g7/")
    box = tab.page.locator(".md-header input[name='q']")
    box.fill(query)
    with tab.page.expect_navigation():
        box.press("Enter")
    assert tab.page.url.split("?")[0] == real_url + PREFIX[lang] + "search/"
    check_results(tab.page, lang, query, expected)


@pytest.mark.parametrize("query,rid", [("たかまつ", "g7-2016-ict-ministers-takamatsu"),
                                       ("ひろしまさみっと", "g7-2023-summit-hiroshima")])
def test_a_name_typed_in_kana_finds_its_record(tab, real_url, query, rid):
    """Names are indexed with their kana readings, so a reader without the kanji finds them."""
    tab.goto(real_url + "search/")
    enter_like_an_ime(tab.page.locator(".pagefind-ui__search-input"), query)
    tab.page.wait_for_function(LOADED)
    links = tab.page.locator(".pagefind-ui__result-link").evaluate_all(TOP_LEVEL_LINKS)
    assert f"/meetings/{rid}/" in links[:3], f"{query!r}: {links[:5]}"
