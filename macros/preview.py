"""What the preview (`mkdocs serve --dirty`, which `python3 scripts/dev.py serve` runs) does
differently from a build, as plain functions for `macros/hooks.py`: what it watches, which
pages wait for a second rebuild, the HTML that skips Markdown, and what every page says.

The decision and the measurements are on the architecture page (*The preview*).
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

from .build import MARKER
from .core.models import LANGS
from .i18n import t
from .markup import esc
from .pages import GENERATED_SECTIONS

# Markdown passes a block of HTML that starts with one of these through unchanged.
_BLOCK = re.compile(r"\s*<(address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]|"
                    r"header|hr|nav|ol|p|pre|section|table|ul)[\s>]")
_PLACE = re.compile(r"<!-- kyocho-aside-(\d+) -->")
_aside: dict[str, str] = {}
_numbers = itertools.count()
_on = [True]           # whether HTML blocks skip Markdown (the hooks set it at startup)
PARSE_HTML = "KYOCHO_PARSE_HTML"   # set (to anything) to let Markdown parse every block, to compare
BRIEFING_BODY = '<div class="kyocho-briefing" data-pagefind-ignore="all">\n'


def hand_written(docs_dir: Path) -> list[tuple[Path, bool]]:
    """(path, recursive) to watch for edits under docs/: everything but the generated folders,
    which follow data/ (watching them would rebuild the site a second time after each edit)."""
    out: list[tuple[Path, bool]] = [(docs_dir, False)]
    for entry in sorted(docs_dir.iterdir()):
        if not entry.is_dir():
            continue
        if entry.name not in LANGS:
            out.append((entry, True))
            continue
        out.append((entry, False))
        out += [(sub, True) for sub in sorted(entry.iterdir()) if sub.is_dir() and sub.name not in GENERATED_SECTIONS]
    return out


def generated_page(src_uri: str) -> bool:
    """Whether a page (its path under docs/, e.g. en/meetings/x.md) is one the build generates."""
    parts = src_uri.split("/")
    return len(parts) > 2 and parts[0] in LANGS and parts[1] in GENERATED_SECTIONS


def briefing_print_page(rel: str) -> bool:
    """Whether a generated page (path under docs/<lang>/) is a briefing's print page. They
    repeat whole record pages, so they take most of the time an edit costs: the preview makes
    them in a second rebuild, right after the one that shows the other pages."""
    return rel.startswith("briefings/") and rel != "briefings/index.md"


def gathering_page(rel: str) -> bool:
    """Whether a generated page (path under docs/<lang>/) gathers many records: every page but
    a meeting's or a document's own. At 10,000 meetings a forum, topic or party page lists
    thousands of them, so `scripts/serve.py` makes these (and the briefing print pages, and
    the hand-written pages that show data) right after the record pages an edit changed."""
    section, _, name = rel.partition("/")
    return not (section in ("meetings", "documents") and name != "index.md")


def ask_for_rebuild(docs_dir: Path) -> None:
    """Touch the marker of a watched generated folder: `mkdocs serve` then builds again (MkDocs
    leaves hidden files out of the site)."""
    os.utime(docs_dir / LANGS[0] / "briefings" / MARKER)


def uses_data(page_source: Path) -> bool:
    """Whether a hand-written page shows data through macros (`render_macros: true`), so that a
    preview must render it again after an edit to data/ although its own file did not change."""
    try:
        head = page_source.read_text(encoding="utf-8")[:1000]
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith("---") and "\nrender_macros: true" in head.split("\n---", 1)[0]


def data_page(src_uri: str, source: Path) -> bool:
    """Whether a page (its path under docs/ and its file) is hand-written and shows data: a
    preview renders it again after any edit to data/."""
    return not generated_page(src_uri) and uses_data(source)


def notice(lang: str, started: str) -> str:
    """The line every page of the preview opens with: what it does not keep current."""
    return esc(t(lang, "preview_notice")).format(time=esc(started), command="<code>python3 scripts/dev.py build</code>")


# -- HTML that skips Markdown ------------------------------------------------------------------
# A block of HTML that starts with a block element is passed through by Markdown unchanged,
# after MkDocs (looking for anchors) and Markdown (looking for where it ends) have each parsed
# it: two thirds of what rendering a generated page cost (a profile of one language at 1,000
# meetings). Builds and the preview put a comment in its place and the HTML back into the
# rendered page (`put_back`), with its anchors; a test builds the fixture site both ways and
# compares every page.
def begin(on: bool) -> None:
    """Whether this process sets HTML aside (`KYOCHO_PARSE_HTML` turns it off)."""
    _on[0] = on
    _aside.clear()


def aside(html: str) -> str:
    """A comment standing for `html` when it is a block that Markdown would leave as it is;
    otherwise `html`."""
    if not _on[0] or not _BLOCK.match(html):
        return html
    number = str(next(_numbers))
    _aside[number] = html.strip()
    return f"<!-- kyocho-aside-{number} -->"


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>|<!--.*?-->", re.DOTALL)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _whole_elements(chunk: str) -> bool:
    """Whether `chunk` is nothing but complete elements, each starting a line with a block
    element (what Markdown passes through as it is): tags balanced, no text between them."""
    depth, at, name = 0, 0, ""
    for match in _TAG.finditer(chunk):
        if depth == 0:
            between = chunk[at:match.start()]
            if between.strip() or (at and not between.startswith("\n")) or not _BLOCK.match(chunk, match.start()):
                return False
        closing, tag, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if not tag or self_closing or tag in _VOID:
            if depth == 0 and tag not in ("hr",):
                return False            # a comment or a lone void tag at the top: leave it to Markdown
        elif closing:
            if depth == 0:
                return False
            depth -= 1
        else:
            depth += 1
        at = match.end()
    return depth == 0 and at > 0 and not chunk[at:].strip()


def aside_blocks(markdown: str) -> str:
    """A generated page with each run of whole HTML block elements (between blank lines) set
    aside; headings and other Markdown stay for Markdown."""
    if not _on[0]:
        return markdown
    parts = re.split(r"(\n\s*\n)", markdown)
    return "".join(aside(part) if i % 2 == 0 and _BLOCK.match(part) and _whole_elements(part) else part
                   for i, part in enumerate(parts))


def aside_briefing(markdown: str) -> str:
    """A briefing print page with its body (one block of HTML, to the end) set aside."""
    start = markdown.find(BRIEFING_BODY)
    if start < 0 or not markdown.rstrip().endswith("</div>"):
        return markdown
    return markdown[:start] + aside(markdown[start:])


def put_back(html: str) -> tuple[str, list[str]]:
    """The rendered page with the HTML set aside back in place, and the anchors (ids) in it."""
    anchors: list[str] = []

    def back(match: re.Match) -> str:
        block = _aside.pop(match.group(1), match.group(0))
        anchors.extend(re.findall(r'<[a-zA-Z][^>]*?\sid="([^"]+)"', block))
        return block
    return _PLACE.sub(back, html), anchors
