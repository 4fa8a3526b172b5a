"""Every page kind on a 390 x 844 phone, in both languages: the header keeps the site name,
the page does not scroll sideways (wide tables scroll inside their own box), and nothing is
logged as an error in the console."""

from __future__ import annotations

import pytest

from .pages import SAMPLE

PHONE = {"width": 390, "height": 844}

# The page itself must not be wider than the screen; the header's site name must be whole.
MEASURE = """() => {
  const name = document.querySelector('.md-header__topic .md-ellipsis');
  return {
    page: document.documentElement.scrollWidth,
    name_cut: name ? name.scrollWidth > name.clientWidth + 1 : null,
    search_button: !!document.querySelector('.kyocho-header-search__button')?.offsetParent,
  };
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="ja-JP", service_workers="block",
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_page_kind_fits_a_phone_and_logs_no_error(phone, real_url, prefix):
    page, errors = phone
    problems = []
    for path in SAMPLE:
        errors.clear()
        response = page.goto(real_url + prefix + path, wait_until="networkidle")
        assert response is not None and response.ok, path
        got = page.evaluate(MEASURE)
        where = f"/{prefix}{path}"
        if got["page"] > PHONE["width"]:
            problems.append(f"{where}: the page is {got['page']} px wide on a {PHONE['width']} px screen")
        if got["name_cut"]:
            problems.append(f"{where}: the site name in the header is cut off")
        if not got["search_button"]:
            problems.append(f"{where}: no search button in the header")
        problems += [f"{where}: console: {e}" for e in errors]
    assert problems == []


def test_search_button_opens_the_search_page_in_the_same_language(phone, real_url):
    page, _ = phone
    page.goto(real_url + "en/forums/")
    with page.expect_navigation():
        page.locator(".kyocho-header-search__button").click()
    assert page.url == real_url + "en/search/"
