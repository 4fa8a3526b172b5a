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
        tab.page.locator(".pagefind-ui__search-input").fill("広島" if lang == "ja" else "Hiroshima")
        tab.page.locator(".pagefind-ui__result-link").first.wait_for()
    violations = axe().run(tab.page).response["violations"]
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "axe-core found:\n" + "\n".join(blocking)
