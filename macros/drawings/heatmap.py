"""Topics over time: a row per topic, a column per year, each cell shaded by how many meetings
of that year the topic tags (a topic counts its narrower topics, as on its page).

A cell with meetings is a link to the timeline filtered to that topic, at that year. The table
beneath gives, per topic, the total and every year with its count: the same data in words.
"""

from __future__ import annotations

from collections import Counter

from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import esc, link_html, table_html
from ..text import list_sep, title_text
from ..urls import Ctx, url_of
from .svg import fit, svg_open

LABEL_W = 170
CELL_W, CELL_H, TOP = 16, 14, 22
LEVELS = (1, 2, 4, 8)      # a cell's shade: at least 1, 2, 4 or 8 meetings


def _level(n: int) -> int:
    return sum(n >= x for x in LEVELS)


def topics_per_year(kb: KnowledgeBase) -> dict[str, Counter]:
    """{topic: Counter(year: meetings)} for every topic that tags at least one meeting."""
    out: dict[str, Counter] = {}
    for mid, m in kb.meetings.items():
        for tid in kb.facets("meeting", mid).topics:
            out.setdefault(tid, Counter())[m.start.year] += 1
    return out


def topics_chart(kb: KnowledgeBase, ctx: Ctx, limit: int = 20) -> str:
    """The `limit` topics with most meetings, by first year then name: the heat map and its table."""
    lang = ctx.lang
    per = topics_per_year(kb)
    if not per:
        return ""
    chosen = sorted(per, key=lambda tid: (-sum(per[tid].values()), tid))[:limit]
    chosen.sort(key=lambda tid: (min(per[tid]), title_text(kb, "topic", tid, lang)))
    years = [y for c in per.values() for y in c]
    first, last = min(years), max(years)
    width = LABEL_W + CELL_W * (last - first + 1) + 6
    height = TOP + CELL_H * len(chosen) + 4
    timeline = ctx.href(url_of("meeting"))
    out = [svg_open("kyocho-drawing kyocho-chart kyocho-heatmap", "chart-topics", width, height,
                    t(lang, "chart_topics_title"),
                    t(lang, "chart_topics_desc").format(n=len(chosen), first=first, last=last))]
    for year in range(first, last + 1):
        if year % 5 == 0:
            x = LABEL_W + CELL_W * (year - first)
            out.append(f'<text x="{x:.0f}" y="{TOP - 8}" class="kyocho-svg-year">{year}</text>')
    for row, tid in enumerate(chosen):
        y = TOP + CELL_H * row
        name = title_text(kb, "topic", tid, lang)
        out.append(f'<a href="{ctx.href(url_of("topic", tid))}" aria-label="{esc(name, quote=True)}">'
                   f'<text x="{LABEL_W - 6}" y="{y + CELL_H - 3}" text-anchor="end" class="kyocho-svg-title">'
                   f'{esc(fit(name, LABEL_W - 12, 11))}</text></a>')
        out.append(f'<rect x="{LABEL_W}" y="{y + 1}" width="{CELL_W * (last - first + 1)}" height="{CELL_H - 2}" '
                   f'class="kyocho-heat-0"/>')
        for year, n in sorted(per[tid].items()):
            x = LABEL_W + CELL_W * (year - first)
            label = esc(t(lang, "chart_topic_cell").format(topic=name, year=year, n=n), quote=True)
            # The link's accessible name is its <title> (written once: the cells are most of the drawing).
            out.append(f'<a href="{timeline}?topic={tid}#y{year}"><title>{label}</title>'
                       f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                       f'class="kyocho-heat-{_level(n)}"/></a>')
    out.append("</svg>")
    legend = "".join(f'<li><span class="kyocho-swatch kyocho-heat-{i + 1}" aria-hidden="true"></span>'
                     f'{esc(t(lang, "chart_heat_level").format(n=x))}</li>' for i, x in enumerate(LEVELS))
    rows = [[link_html(kb, "topic", tid, ctx), str(sum(per[tid].values())),
             esc(list_sep(lang).join(f"{y} ({n})" for y, n in sorted(per[tid].items())))]
            for tid in sorted(per, key=lambda tid: (-sum(per[tid].values()), tid))]
    table = table_html([t(lang, "topic"), t(lang, "meetings_count"), t(lang, "chart_topic_years")], rows)
    return (f'<figure class="kyocho-chart-figure"><div class="kyocho-drawing-box">{"".join(out)}</div>'
            f'<figcaption><ul class="kyocho-legend">{legend}</ul></figcaption></figure>\n'
            f'<details class="kyocho-numbers"><summary>{esc(t(lang, "chart_numbers"))}</summary>\n{table}</details>\n')
