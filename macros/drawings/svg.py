"""What every drawing shares: the opening of an accessible SVG, and text that fits its room.

SVG text does not wrap, so a label is measured (a wide East Asian character counts as one em,
anything else as about half) and cut with "…" when it would not fit; the whole text stays in
the node's accessible name and tooltip.
"""

from __future__ import annotations

import unicodedata

from ..markup import esc

FONT = 13            # px: the drawings' text size (CSS sets the same)


def text_width(value: str, size: float = FONT) -> float:
    """An estimate of the rendered width of `value` at `size` px."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.56 for c in value)


def fit(value: str, room: float, size: float = FONT) -> str:
    """`value`, or as much of it as fits in `room` px followed by "…"."""
    if text_width(value, size) <= room:
        return value
    out, used = "", text_width("…", size)
    for c in value:
        w = text_width(c, size)
        if used + w > room:
            break
        out, used = out + c, used + w
    return out.rstrip() + "…"


def svg_open(css_class: str, dom_id: str, width: float, height: float, title: str, desc: str) -> str:
    """An <svg> that scales to its box, named by its title and described by its description.

    role="group", not "img": the nodes inside are links a keyboard and a screen reader reach.
    """
    # data-pagefind-ignore: the labels repeat other records' titles, which would make every
    # page with a drawing match every record it draws.
    return (f'<svg class="{css_class}" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" role="group" '
            f'aria-labelledby="{dom_id}-title" aria-describedby="{dom_id}-desc" data-pagefind-ignore="all" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{dom_id}-title">{esc(title)}</title><desc id="{dom_id}-desc">{esc(desc)}</desc>')
