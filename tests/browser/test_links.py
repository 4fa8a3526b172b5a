"""Links: every internal link and anchor of the real site resolves, in both languages.

Reads the built files (no browser needed), with the same rules as the fixture-site check in
tests/test_site.py.
"""

from __future__ import annotations

from ..sitecheck import broken_links, html_files


def test_every_internal_link_and_anchor_of_the_real_site_resolves(real_site):
    pages = html_files(real_site)
    assert any(p.relative_to(real_site).parts[0] == "en" for p in pages), "no English pages were checked"
    assert any(p.relative_to(real_site).parts[0] != "en" for p in pages), "no Japanese pages were checked"
    assert broken_links(real_site) == []
