"""The language selector keeps the reader on the same page: ja → en → ja, on every page kind."""

from __future__ import annotations

import pytest

from .pages import SAMPLE


def switch(tab, lang: str) -> None:
    """Open Material's language menu the way a reader does and pick `lang`."""
    page = tab.page
    page.locator(".md-header .md-select").hover()
    link = page.locator(f".md-header .md-select__link[hreflang='{lang}']")
    with page.expect_navigation():
        link.click()


@pytest.mark.parametrize("path", SAMPLE)
def test_language_switch_lands_on_the_same_page_and_back(tab, real_url, path):
    tab.goto(real_url + path)
    ja_heading = tab.page.locator("article h1").first.inner_text()

    switch(tab, "en")
    assert tab.page.url == real_url + "en/" + path, "English switch left the page"
    assert tab.page.locator("html").get_attribute("lang") == "en"
    assert tab.page.locator("article h1").count() == 1

    switch(tab, "ja")
    assert tab.page.url == real_url + path, "Japanese switch left the page"
    assert tab.page.locator("html").get_attribute("lang") == "ja"
    assert tab.page.locator("article h1").first.inner_text() == ja_heading


@pytest.mark.parametrize("suffix", ["#2016", "?forum=g7#2016"])
def test_language_switch_keeps_the_query_and_the_anchor(tab, real_url, suffix):
    tab.goto(real_url + "meetings/" + suffix)
    switch(tab, "en")
    assert tab.page.url == real_url + "en/meetings/" + suffix
    switch(tab, "ja")
    assert tab.page.url == real_url + "meetings/" + suffix


@pytest.mark.parametrize("prefix, name", [("", "ダークモードに切り替え"), ("en/", "Switch to dark mode")])
def test_colour_scheme_toggle_speaks_the_page_language(tab, real_url, prefix, name):
    tab.goto(real_url + prefix + "forums/")
    toggle = tab.page.locator("form[data-md-component='palette'] label:visible")
    assert toggle.get_attribute("title") == name
