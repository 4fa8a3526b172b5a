"""Search in a real browser: Japanese and English queries show visible results in the page's
own language, from the search page and from the header search box, whose instant suggestions
work from the keyboard as a combobox."""

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
MORE_PAGES = 10   # "show more" clicks allowed to reach the expected page (10 results each)
LINKS = "els => els.map(e => e.getAttribute('href'))"
PAGE_BOX = "#kyocho-search input[name=q]"
RESULT = ".kyocho-search__results > li"


def expected_url(kind: str, rid: str, lang: str, query: str) -> str:
    """The record's URL, after checking the data still gives it a title with the query in it."""
    title = value_text(title_of(real_kb(), kind, rid), lang)
    assert query.lower() in title.lower(), f"data changed: {kind} {rid} is titled {title!r}; pick another page"
    return f"/{PREFIX[lang]}{FOLDERS[kind]}/{rid}/"


def enter_like_an_ime(field, text: str) -> None:
    """An IME commits the whole string at once and then sends a key event."""
    field.fill(text)
    field.press("End")


# The status line says how many results there are once they are on the page, and the list is
# no longer busy once the ranking by name is complete.
LOADED = ("() => document.querySelector('.kyocho-search__status').textContent.length > 0"
          " && document.querySelector('.kyocho-search__results').getAttribute('aria-busy') !== 'true'")


def check_results(page, lang: str, query: str, expected: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only once a browser runs

    results = page.locator(RESULT)
    try:
        page.wait_for_function(LOADED)
    except PlaywrightTimeout:
        pytest.fail(f"no search results appeared for {query!r}; the page says nothing")
    first_page = results.count()
    assert first_page > 0
    for i in range(first_page):
        result = results.nth(i)
        assert result.is_visible(), f"result {i} for {query!r} is not visible"
        shown = result.inner_text().lower()
        assert query.lower() in shown, f"result {i} for {query!r} does not mention it: {shown[:120]!r}"
    links = page.locator(".kyocho-result__link").evaluate_all(LINKS)
    more = page.locator(".kyocho-search__more")
    for _ in range(MORE_PAGES):
        if expected in links or not more.is_visible():
            break
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.kyocho-result__link').length > n", arg=len(links))
        links = page.locator(".kyocho-result__link").evaluate_all(LINKS)
    assert expected in links, f"{query!r}: {expected} not among {len(links)} results: {links[:10]}"
    foreign = [u for u in links if u.startswith("/en/") != (lang == "en")]
    assert foreign == [], f"{query!r} on the {lang} search page returned other-language pages: {foreign[:5]}"


@pytest.mark.parametrize("lang,query,kind,rid", SEARCHES, ids=[s[1] for s in SEARCHES])
def test_search_page_shows_results_in_the_page_language(tab, real_url, lang, query, kind, rid):
    expected = expected_url(kind, rid, lang, query)
    tab.goto(real_url + PREFIX[lang] + "search/")
    enter_like_an_ime(tab.page.locator(PAGE_BOX), query)
    check_results(tab.page, lang, query, expected)


@pytest.mark.parametrize("lang,query,kind,rid", [SEARCHES[0], SEARCHES[3]], ids=["広島", "Hiroshima"])
def test_header_search_box_leads_to_results(tab, real_url, lang, query, kind, rid):
    expected = expected_url(kind, rid, lang, query)
    tab.goto(real_url + PREFIX[lang] + "forums/g7/")
    box = tab.page.locator(".md-header input[name='q']")
    box.fill(query)
    tab.page.locator(".kyocho-suggest [role=option]").first.wait_for()   # suggestions shown, none chosen
    with tab.page.expect_navigation():
        box.press("Enter")
    assert tab.page.url.split("?")[0] == real_url + PREFIX[lang] + "search/"
    check_results(tab.page, lang, query, expected)


@pytest.mark.parametrize("query,rid", [("たかまつ", "g7-2016-ict-ministers-takamatsu"),
                                       ("ひろしまさみっと", "g7-2023-summit-hiroshima")])
def test_a_name_typed_in_kana_finds_its_record(tab, real_url, query, rid):
    """Names are indexed with their kana readings, so a reader without the kanji finds them."""
    tab.goto(real_url + "search/")
    enter_like_an_ime(tab.page.locator(PAGE_BOX), query)
    tab.page.wait_for_function(LOADED)
    links = tab.page.locator(".kyocho-result__link").evaluate_all(LINKS)
    assert f"/meetings/{rid}/" in links[:3], f"{query!r}: {links[:5]}"


# -- instant results under the header box ------------------------------------------------
def suggestions(page) -> list[str]:
    page.locator(".kyocho-suggest[aria-busy=false] [role=option]").first.wait_for()
    return page.locator(".kyocho-suggest [role=option]").evaluate_all("els => els.map(e => e.getAttribute('data-href'))")


@pytest.mark.parametrize("lang,query,expected", [("ja", "広島AIプロセス", "processes/hiroshima-ai-process"),
                                                 ("en", "DFFT", "processes/dfft")])
def test_the_header_box_suggests_pages_as_one_types_and_opens_one_from_the_keyboard(tab, real_url, lang, query, expected):
    tab.goto(real_url + PREFIX[lang] + "topics/")
    box = tab.page.locator(".md-header input[name='q']")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.focus()
    tab.page.keyboard.type(query, delay=30)
    options = suggestions(tab.page)
    url = real_url + PREFIX[lang] + expected + "/"
    assert options[0] == url, f"{query!r}: the record named so is not the first suggestion: {options}"
    assert options[-1].startswith(real_url + PREFIX[lang] + "search/?q="), "the last suggestion is the full search page"
    assert box.get_attribute("aria-expanded") == "true"
    listbox = tab.page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox" and listbox.is_visible()
    status = tab.page.locator(".kyocho-header-search [role=status]").inner_text()
    assert str(len(options) - 1) in status, f"screen readers are not told how many suggestions: {status!r}"
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert tab.page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    box.press("ArrowUp")                                           # wraps to the last: the search page
    box.press("ArrowDown")                                         # and back to the first
    with tab.page.expect_navigation():
        box.press("Enter")
    assert tab.page.url == url
    assert tab.console_errors == [] and tab.page_errors == []


def test_escape_closes_the_suggestions_and_a_click_opens_one(tab, real_url):
    tab.goto(real_url + "en/forums/g7/")
    box = tab.page.locator(".md-header input[name='q']")
    box.fill("Takamatsu")
    first = suggestions(tab.page)[0]
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and not tab.page.locator(".kyocho-suggest").is_visible()
    assert box.input_value() == "Takamatsu"                        # the first Escape only closes
    box.fill("Takamatsu ")
    suggestions(tab.page)
    with tab.page.expect_navigation():
        tab.page.locator(".kyocho-suggest [role=option]").first.click()
    assert tab.page.url == first


def test_the_unofficial_title_mark_is_a_mark_beside_the_title(tab, real_url):
    """A title that is our own rendering says so in the results, apart from the title text."""
    rid = next(r for r, m in real_kb().documents.items() if "ja" in (m.title_unofficial or []))
    title = value_text(title_of(real_kb(), "document", rid), "ja")
    tab.goto(real_url + "search/?q=" + title)
    tab.page.wait_for_function(LOADED)
    link = tab.page.locator(f".kyocho-result__link[href='/documents/{rid}/']").first
    assert link.locator(".kyocho-result__title").inner_text() == title
    assert link.locator(".kyocho-untranslated").inner_text() == "（非公式の表記）"
