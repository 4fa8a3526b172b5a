"""The drawings on the pages a reader opens, in both languages: present, named, and made of links
that lead to real pages (the link check covers every address; here, that a reader can follow one)."""

from __future__ import annotations

import pytest

from .pages import real_kb

KB = real_kb()
WITH_LINE = next(m for m in KB.meetings_by_date(list(KB.meetings)) if KB.lineage("meeting", m) and KB.meetings[m].series)
DOC_WITH_LINE = next(d for d in sorted(KB.documents) if KB.lineage("document", d))


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path, drawings", [
    ("", ["svg.kyocho-chart"]),
    ("coverage/", ["svg[aria-labelledby='chart-per-year-title']", "svg[aria-labelledby='chart-rosters-title']",
                   "svg[aria-labelledby='chart-japan-roles-title']"]),
    ("topics/", ["svg.kyocho-heatmap"]),
    (f"processes/{sorted(KB.processes)[0]}/", ["svg.kyocho-drawing"]),
    ("parties/jp/", ["svg[aria-labelledby='chart-japan-roles-title']"]),
    (f"meetings/{WITH_LINE}/", ["svg.kyocho-lineage-drawing", "svg.kyocho-series-strip"]),
    (f"documents/{DOC_WITH_LINE}/", ["svg.kyocho-lineage-drawing"]),
])
def test_drawings_are_on_their_pages_named_and_their_nodes_lead_somewhere(tab, real_url, prefix, path, drawings):
    page = tab.page
    tab.goto(real_url + prefix + path)
    for selector in drawings:
        svg = page.locator(selector)
        assert svg.count() == 1, f"{selector} on /{prefix}{path}"
        title_id = svg.get_attribute("aria-labelledby")
        assert page.locator(f"[id='{title_id}']").text_content().strip()
        # Every link has a name: its aria-label, or (SVG's own way) a <title> child.
        names = svg.evaluate("s => Array.from(s.querySelectorAll('a'), a => (a.getAttribute('aria-label')"
                             " || (a.querySelector(':scope > title') || {}).textContent || '').trim())")
        assert names and all(names), f"{selector}: {names.count('')} of {len(names)} links without a name"
    first = page.locator(f"{drawings[0]} a").first
    with page.expect_navigation():
        first.dispatch_event("click")
    assert page.url.startswith(real_url + prefix) and page.locator("article h1").count() == 1
