"""The timeline a reader filters: the drawing, the filters, the shared address, and the page
without JavaScript; the series timeline with its known gaps."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from macros.briefings.selection import Selection, select_meetings

from .pages import real_kb

KB = real_kb()
TIMELINE = "svg.kyocho-timeline:not(.kyocho-series-timeline)"


def shown(page) -> tuple[int, int]:
    """(marks shown, table rows shown) on the timeline page."""
    marks = page.locator(f"{TIMELINE} a:not(.kyocho-off)").count()
    rows = page.locator("article table tbody tr:not(.kyocho-off)").count()
    return marks, rows


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_timeline_draws_every_meeting_as_a_named_link(tab, real_url, prefix):
    page = tab.page
    tab.goto(real_url + prefix + "meetings/")
    svg = page.locator(TIMELINE)
    assert svg.count() == 1
    assert page.locator(f"[id='{svg.get_attribute('aria-labelledby')}']").text_content().strip()
    assert shown(page) == (len(KB.meetings), len(KB.meetings))
    # Every mark is a link whose accessible name (from its <title>) says which meeting it is.
    first = svg.locator("a").first
    name = first.locator("title").text_content()
    assert page.get_by_role("link", name=name, exact=True).count() >= 1
    with page.expect_navigation():
        first.dispatch_event("click")
    assert page.url.startswith(real_url + prefix + "meetings/") and page.locator("article h1").count() == 1
    assert not tab.console_errors and not tab.page_errors


def test_filters_show_what_the_same_briefing_selection_covers_and_write_the_address(tab, real_url):
    page = tab.page
    tab.goto(real_url + "meetings/")
    form = page.locator("form[data-kyocho-filters]")
    assert form.is_visible()
    form.locator("select[name=forum]").select_option("g7")
    form.locator("select[name=topic]").select_option("ai")
    expected = select_meetings(KB, Selection(forums=("g7",), topics=("ai",)))
    assert 0 < len(expected) < len(KB.meetings)
    assert shown(page) == (len(expected), len(expected))
    status = form.locator("[role=status]").inner_text()
    assert str(len(expected)) in status and str(len(KB.meetings)) in status
    query = parse_qs(urlparse(page.url).query)
    assert query == {"forum": ["g7"], "topic": ["ai"]}
    # A year with no matching meeting is hidden with its heading and its table of contents entry.
    empty = sorted({KB.meetings[m].start.year for m in KB.meetings} - {KB.meetings[m].start.year for m in expected})
    assert page.locator(f"h2#y{empty[0]}").is_hidden()
    assert page.locator(f".md-nav--secondary a[href='#y{empty[0]}']").first.is_hidden()

    # The address round-trips: opened afresh, in either language, it shows the same view.
    for url in (page.url, page.url.replace("/meetings/", "/en/meetings/")):
        tab.goto(url)
        assert page.locator("select[name=forum]").input_value() == "g7"
        assert shown(page) == (len(expected), len(expected))

    # "Show all" clears the filters and the address.
    page.locator("form[data-kyocho-filters] button[type=reset]").click()
    page.wait_for_function("!location.search")
    assert shown(page) == (len(KB.meetings), len(KB.meetings))


def test_filters_work_from_the_keyboard(tab, real_url):
    page = tab.page
    tab.goto(real_url + "en/meetings/")
    role = page.locator("select[name=role]")
    role.focus()
    page.keyboard.press("ArrowDown")              # the first role after "All"
    assert role.input_value() != ""
    hosted = [m for m in KB.meetings if role.input_value() in KB.meetings[m].japan_role]
    assert shown(page)[0] == len(hosted)
    assert f"role={role.input_value()}" in page.url
    page.keyboard.press("Tab")                     # on to "Show all"
    page.keyboard.press("Enter")
    page.wait_for_function("!location.search")
    assert role.input_value() == ""


def test_an_unknown_value_in_the_address_is_ignored(tab, real_url):
    tab.goto(real_url + "meetings/?forum=no-such-forum")
    assert tab.page.locator("select[name=forum]").input_value() == ""
    assert shown(tab.page) == (len(KB.meetings), len(KB.meetings))


def test_without_javascript_the_whole_timeline_reads(browser, real_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_url + "meetings/?forum=g7")
    assert page.locator("form[data-kyocho-filters]").is_hidden()
    assert page.locator(f"{TIMELINE} a").count() == len(KB.meetings)
    assert page.locator("article table tbody tr").count() == len(KB.meetings)
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_series_page_draws_its_editions_and_its_gaps(tab, real_url, prefix):
    series = next(s for s in sorted(KB.series) if KB.missing_editions(s) and KB.meetings_of_series(s))
    page = tab.page
    tab.goto(real_url + prefix + f"series/{series}/")
    svg = page.locator("svg.kyocho-series-timeline")
    assert svg.count() == 1
    listed = {e.meeting for e in KB.editions(series)}
    unlisted = [m for m in KB.meetings_of_series(series) if m not in listed]
    assert svg.locator("a").count() == len(KB.editions(series)) - len(KB.missing_editions(series)) + len(unlisted)
    assert svg.locator("g[role=img]").count() == len(KB.missing_editions(series))
