"""Accessibility: axe-core, run inside each sampled page in both languages, finds nothing
serious or critical."""

from __future__ import annotations

from functools import cache

import pytest

from .pages import SAMPLE

BLOCKING = {"serious", "critical"}


@cache
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def describe(violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    return f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", SAMPLE)
def test_no_serious_accessibility_violations(tab, real_url, path, lang):
    tab.goto(real_url + ("en/" if lang == "en" else "") + path)
    if path.endswith("search/"):  # the results are part of the page a reader checks
        tab.page.locator("#kyocho-search input[name=q]").fill("広島" if lang == "ja" else "Hiroshima")
        tab.page.locator(".kyocho-result__link").first.wait_for()
    elif path == "":                # and, on the home page, the header box's suggestions
        tab.page.locator(".md-header input[name=q]").fill("広島" if lang == "ja" else "Hiroshima")
        tab.page.locator(".kyocho-suggest [role=option]").first.wait_for()
    violations = axe().run(tab.page).response["violations"]
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "axe-core found:\n" + "\n".join(blocking)


# The dark scheme: pages with drawings, charts, tables and buttons, read by a system set to dark.
DARK_SAMPLE = ["", "coverage/", "meetings/", "topics/",
               *[p for p in SAMPLE if p.startswith(("meetings/", "documents/", "processes/", "series/", "parties/"))
                 and p.count("/") == 2]]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_dark_scheme_has_no_serious_accessibility_violations(browser, real_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark", service_workers="block")
    page = context.new_page()
    problems = []
    try:
        for path in DARK_SAMPLE:
            page.goto(real_url + ("en/" if lang == "en" else "") + path)
            assert page.locator("body").get_attribute("data-md-color-scheme") == "slate", path
            violations = axe().run(page).response["violations"]
            problems += [f"/{path}: {describe(v)}" for v in violations if v["impact"] in BLOCKING]
    finally:
        context.close()
    assert not problems, "axe-core found in the dark scheme:\n" + "\n".join(problems)
