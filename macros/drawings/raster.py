"""Drawings as PNG for Word, which shows no SVG from python-docx: the same SVG the page shows,
in its print colours, rasterised with CairoSVG. Japanese labels need a CJK font installed
(Noto Sans CJK JP, Debian's fonts-noto-cjk); without Cairo the briefing keeps the drawing's
numbered key and leaves the picture out, and the build says so once.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("mkdocs.plugins.kyocho")

# The print palette of docs/assets/kyocho.css, as plain colours (a PNG has no theme).
PRINT_CSS = """
text { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", sans-serif; font-size: 13px; fill: #000; }
.kyocho-svg-lane, .kyocho-svg-lane-alt { fill: #fff; }
.kyocho-svg-lane-alt { fill: #f2f2f2; }
.kyocho-svg-label { font-weight: 700; }
.kyocho-svg-year { fill: #333; }
.kyocho-svg-tick { stroke: #999; stroke-width: 1; }
.kyocho-svg-edge { stroke: #555; stroke-width: 1.4; fill: none; }
.kyocho-svg-adopted { stroke-dasharray: 3 3; }
.kyocho-svg-arrowhead { fill: #555; }
.kyocho-svg-meeting { fill: #000; stroke: #fff; stroke-width: 1.5; }
.kyocho-svg-document { fill: #777; stroke: #fff; stroke-width: 1.5; }
.kyocho-svg-number { font-size: 11px; }
.kyocho-svg-planned { stroke-dasharray: 2 2; fill: #fff; stroke: #000; }
"""
_warned = False


def svg_png(svg: str, width_px: int = 1600) -> bytes | None:
    """The drawing as PNG bytes, `width_px` wide, or None where CairoSVG cannot run."""
    global _warned
    try:
        import cairosvg
    except (ImportError, OSError) as err:   # OSError: the Cairo library itself is missing
        if not _warned:
            log.warning("kyocho: drawings are left out of Word briefings: %s", err)
            _warned = True
        return None
    svg = svg[svg.index("<svg"):svg.rindex("</svg>") + 6]   # the drawing alone, without its legend
    styled = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + f"<style>{PRINT_CSS}</style>", svg, count=1)
    return cairosvg.svg2png(bytestring=styled.encode("utf-8"), output_width=width_px, background_color="white")
