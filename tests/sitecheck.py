"""Reading a built site as files: the links, anchors and language-menu targets of its pages.

Shared by the fixture-site tests (tests/test_site.py) and the real-site browser suite
(tests/browser/), so both check links by the same rules.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []      # (tag, url)
        self.ids: set[str] = set()
        self.alternates: dict[str, str] = {}
        self.html_lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        # The header's language menu: each entry links the page to its translation.
        if tag == "a" and "md-select__link" in (a.get("class") or "") and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        for attr in ("href", "src"):
            if a.get(attr):
                self.links.append((tag, a[attr]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def resolve(site: Path, page_path: Path, url: str) -> tuple[Path, str] | None:
    """The file a relative URL points to (None for external or special URLs), plus anchor."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:", "javascript:")):
        return None
    base = page_path.parent.relative_to(site).as_posix()
    if parts.path.startswith("/"):  # root-absolute (the language switch on home pages)
        target = posixpath.normpath(unquote(parts.path).lstrip("/") or ".")
    elif parts.path:
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    else:
        target = page_path.relative_to(site).as_posix()
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def html_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts]


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in `site` that points at nothing, as `page: url` lines."""
    broken = []
    ids_cache: dict[Path, set[str]] = {}
    for page_path in html_files(site):
        for tag, url in parse(page_path).links:
            target = resolve(site, page_path, url)
            if target is None:
                continue
            path, anchor = target
            if not path.exists():
                broken.append(f"{page_path.relative_to(site)}: {url}")
                continue
            if anchor and path.suffix == ".html":
                if path not in ids_cache:  # not setdefault: that would parse the target every time
                    ids_cache[path] = parse(path).ids
                if anchor not in ids_cache[path]:
                    broken.append(f"{page_path.relative_to(site)}: {url} (no #{anchor})")
    return broken
