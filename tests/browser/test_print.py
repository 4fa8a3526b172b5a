"""Print: a page printed from the browser is an A4 PDF of the content, without the site's
navigation (header, sidebars, footer, search box)."""

from __future__ import annotations

import io
import unicodedata

import pytest

# Pages a reader prints; the briefing pages join this list when they exist.
PRINT_PAGES = ("forums/g7/", "en/forums/g7/", "briefings/topics/ai/", "en/briefings/topics/ai/")
CHROME = ".md-header, .md-sidebar, .md-footer, .md-top, .kyocho-header-search, .kyocho-briefing-tools"
A4_POINTS = (595.28, 841.89)   # 210 × 297 mm
TOLERANCE = 2.0                # Chromium rounds to whole CSS pixels: 595.92 × 842.88 (Letter is 612 × 792)


def shown_chrome(page) -> list[str]:
    return page.evaluate(
        "sel => [...document.querySelectorAll(sel)]"
        ".filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)", CHROME)


@pytest.mark.parametrize("path", PRINT_PAGES)
def test_print_view_is_a4_without_navigation(tab, real_url, path):
    from pypdf import PdfReader

    tab.goto(real_url + path)
    assert shown_chrome(tab.page), "the screen view shows no navigation: the selectors are stale"
    tab.page.emulate_media(media="print")
    assert shown_chrome(tab.page) == []
    title = tab.page.locator("article h1").first
    assert title.is_visible()
    if "briefings/" in path:  # sources print as numbered endnotes
        assert tab.page.locator(".kyocho-endnotes li").count() > 0
        assert tab.page.locator(".kyocho-endnotes").is_visible()

    pdf = PdfReader(io.BytesIO(tab.page.pdf(format="A4", print_background=True)))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pdf.pages]
    assert all(abs(w - A4_POINTS[0]) < TOLERANCE and abs(h - A4_POINTS[1]) < TOLERANCE for w, h in sizes), sizes
    first = pdf.pages[0].extract_text()
    # NFKC: the PDF's text layer maps some kanji to their Kangxi radical look-alikes (⼈ for 人).
    squash = lambda text: unicodedata.normalize("NFKC", "".join(text.split()))  # noqa: E731
    assert squash(title.inner_text()) in squash(first)
