"""Writers for briefings as text: Markdown, an HTML fragment (the site's print page) and a
standalone, printable HTML file."""

from __future__ import annotations

import html
import re

from ..markup import table_html
from .blocks import Bibliography, Bullets, Contents, Figure, Heading, Link, Paragraph, Ref, Runs, Table
from .build import Briefing

def _md_escape(value: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", value)


def _write_runs(runs: Runs, link, ref, text) -> str:
    """Runs written by one writer's three functions: for a link, a source reference, plain text."""
    return "".join(link(r) if isinstance(r, Link) else ref(r) if isinstance(r, Ref) else text(r) for r in runs)


def _md_runs(runs: Runs) -> str:
    return _write_runs(runs, lambda r: f"[{_md_escape(r.text)}](<{r.url}>)",
                       lambda r: f"[\\[{r.number}\\]](#ref-{r.number})", _md_escape)


def to_markdown(brief: Briefing) -> str:
    lines: list[str] = []
    for block in brief.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _md_escape(block.text), ""]
        elif isinstance(block, Paragraph):
            text = _md_runs(block.runs)
            lines += [f"*{text}*" if block.style == "meta" else text, ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_md_escape(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(_md_runs(c) for c in row) + " |")
            lines.append("")
        elif isinstance(block, Bullets):
            def walk(items, depth):
                for item in items:
                    lines.append("    " * depth + "- " + _md_runs(item.runs))
                    walk(item.children, depth + 1)
            walk(block.items, 0)
            lines.append("")
        elif isinstance(block, Bibliography):
            for ref in block.entries:
                lines.append(f'<a id="{ref.anchor}"></a>{ref.number}. {_md_runs(ref.runs)}')
            lines.append("")
        elif isinstance(block, Figure):   # Markdown gets the drawing's words and key
            lines += [f"*{_md_escape(block.caption)}*", ""] + [_md_escape(k) for k in block.key] + [""]   # "1. …": a numbered list
        elif isinstance(block, Contents):
            lines += [f"**{_md_escape(block.title)}**", ""]
            lines += [f"{i}. [{_md_escape(text)}](#{anchor})" for i, (text, anchor) in enumerate(block.entries, 1)]
            lines.append("")
    return "\n".join(lines)


def _html_runs(runs: Runs) -> str:
    return _write_runs(runs, lambda r: f'<a href="{html.escape(r.url, quote=True)}">{html.escape(r.text)}</a>',
                       lambda r: f'<sup class="kyocho-ref"><a href="#ref-{r.number}">[{r.number}]</a></sup>',
                       html.escape)


def to_html_fragment(brief: Briefing, skip_title: bool = False) -> str:
    """The briefing's body as HTML (the site wraps it in its own page)."""
    out = []
    for block in brief.blocks:
        if isinstance(block, Heading):
            if skip_title and block.level == 1:
                continue
            anchor = f' id="{block.anchor}"' if block.anchor else ""
            out.append(f"<h{block.level}{anchor}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            cls = f' class="kyocho-{block.style}"' if block.style else ""
            out.append(f"<p{cls}>{_html_runs(block.runs)}</p>")
        elif isinstance(block, Table):
            out.append(table_html(block.header, ([_html_runs(c) for c in row] for row in block.rows)).rstrip("\n"))
        elif isinstance(block, Bullets):
            def walk(items) -> str:
                return "<ul>" + "".join(
                    f"<li>{_html_runs(i.runs)}{walk(i.children) if i.children else ''}</li>"
                    for i in items) + "</ul>"
            out.append(walk(block.items))
        elif isinstance(block, Figure):   # the SVG is the page's own, built from escaped text
            out.append(f'<figure class="kyocho-figure">{block.svg}<figcaption>{html.escape(block.caption)}</figcaption>'
                       + "<ol class=\"kyocho-figure-key\">" + "".join(
                           f"<li>{html.escape(k.split('. ', 1)[1])}</li>" for k in block.key) + "</ol></figure>")
        elif isinstance(block, Contents):
            out.append(f'<nav class="kyocho-contents" aria-label="{html.escape(block.title, quote=True)}">'
                       f'<p class="kyocho-label">{html.escape(block.title)}</p><ol>' + "".join(
                           f'<li><a href="#{anchor}">{html.escape(text)}</a></li>' for text, anchor in block.entries)
                       + "</ol></nav>")
        elif isinstance(block, Bibliography):
            out.append('<ol class="kyocho-endnotes">' + "".join(
                f'<li id="{r.anchor}" value="{r.number}">{_html_runs(r.runs)}</li>'
                for r in block.entries) + "</ol>")
    return "\n".join(out) + "\n"


STANDALONE_CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: "Noto Sans CJK JP", "Yu Gothic", "Hiragino Sans", sans-serif;
       font-size: 10.5pt; line-height: 1.6; max-width: 50em; margin: 2em auto; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11.5pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.kyocho-meta { color: #444; margin: 0.2em 0; } .kyocho-label { font-weight: bold; }
.kyocho-endnotes { font-size: 9pt; word-break: break-all; }
"""


def to_html(brief: Briefing) -> str:
    """A standalone, printable HTML file (no scripts, no external resources)."""
    return (f'<!doctype html>\n<html lang="{brief.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(brief.title)}</title>\n<style>{STANDALONE_CSS}</style>\n"
            f"</head>\n<body>\n{to_html_fragment(brief)}</body>\n</html>\n")
