"""Charts where readers compare: how many meetings each year, by forum family.

A bar per year (years without a recorded meeting keep their place, so gaps show), stacked by
forum family; each bar is a link to that year in the timeline, named by its year and counts.
Colours are a set that colour-blind readers can tell apart and that reads on light and dark
backgrounds; the legend and the table beneath say the same in words.
"""

from __future__ import annotations

from collections import Counter

from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import esc, table_html
from ..text import forum_text, list_sep
from ..urls import Ctx, url_of
from .svg import svg_open

SHOWN_FAMILIES = 7     # the largest families get a colour each; the rest share "other"
WIDTH, HEIGHT = 680, 230
LEFT, BOTTOM, TOP = 34, 26, 10


def family_of(kb: KnowledgeBase, forum_id: str) -> str:
    """The forum's root, with every bilateral framework counted as one family."""
    root = kb.root_forum(forum_id)
    return "bilateral" if root.startswith("bilateral") else root


def family_name(kb: KnowledgeBase, family: str, lang: str) -> str:
    if family in ("bilateral", "other"):
        return t(lang, f"chart_{family}")
    return forum_text(kb, family, lang, short=True)


def meetings_per_year(kb: KnowledgeBase) -> tuple[list[str], dict[int, Counter]]:
    """(families in order of size, the last being "other" if needed; {year: Counter(family)})."""
    sizes = Counter(family_of(kb, m.forum) for m in kb.meetings.values())
    ranked = [f for f, _ in sizes.most_common()]
    keep = ranked if len(ranked) <= SHOWN_FAMILIES + 1 else ranked[:SHOWN_FAMILIES]
    families = keep + (["other"] if len(keep) < len(ranked) else [])
    years: dict[int, Counter] = {}
    for m in kb.meetings.values():
        fam = family_of(kb, m.forum)
        years.setdefault(m.start.year, Counter())[fam if fam in keep else "other"] += 1
    return families, years


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / step <= 5:
            return step
    return 1000


def per_year_chart(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Meetings per year by forum family: the chart, its legend and its table."""
    if not kb.meetings:
        return ""
    lang = ctx.lang
    families, years = meetings_per_year(kb)
    first, last = min(years), max(years)
    span = list(range(first, last + 1))
    top = max(sum(c.values()) for c in years.values())
    step = _step(top)
    top = -(-top // step) * step
    plot_h = HEIGHT - TOP - BOTTOM
    bar_w = (WIDTH - LEFT - 4) / len(span)
    total = len(kb.meetings)
    out = [svg_open("kyocho-drawing kyocho-chart", "chart-per-year", WIDTH, HEIGHT,
                    t(lang, "chart_per_year_title"),
                    t(lang, "chart_per_year_desc").format(n=total, first=first, last=last))]
    for v in range(0, top + 1, step):
        y = TOP + plot_h * (1 - v / top)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" class="kyocho-svg-tick"/>'
                   f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="kyocho-svg-year">{v}</text>')
    timeline = ctx.href(url_of("meeting"))
    for i, year in enumerate(span):
        x = LEFT + 2 + bar_w * i
        # Every fifth year, and the first and last where they do not crowd a fifth year.
        if year % 5 == 0 or (year in (first, last) and min(year % 5, 5 - year % 5) >= 2):
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" '
                       f'class="kyocho-svg-year">{year}</text>')
        counts = years.get(year)
        if not counts:
            continue
        parts = [f"{family_name(kb, f, lang)} {counts[f]}" for f in families if counts[f]]
        name = t(lang, "chart_year_name").format(year=year, n=sum(counts.values()), parts=list_sep(lang).join(parts))
        rects, y = [], TOP + plot_h
        for k, fam in enumerate(families):
            if counts[fam]:
                h = plot_h * counts[fam] / top
                y -= h
                rects.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
                             f'class="kyocho-svg-fam kyocho-svg-fam-{k}"/>')
        out.append(f'<a href="{timeline}#y{year}" aria-label="{esc(name, quote=True)}"><title>{esc(name)}</title>'
                   + "".join(rects) + "</a>")
    out.append("</svg>")
    legend = "".join(f'<li><span class="kyocho-swatch kyocho-swatch-{k}" aria-hidden="true"></span>'
                     f'{esc(family_name(kb, f, lang))}</li>' for k, f in enumerate(families))
    rows = [[f'<a href="{timeline}#y{year}">{year}</a>', str(sum(years[year].values()))]
            + [str(years[year][f]) for f in families]
            for year in sorted(years, reverse=True)]
    table = table_html([t(lang, "year"), t(lang, "chart_total")] + [family_name(kb, f, lang) for f in families], rows)
    return (f'<figure class="kyocho-chart-figure"><div class="kyocho-drawing-box">{"".join(out)}</div>'
            f'<figcaption><ul class="kyocho-legend">{legend}</ul></figcaption></figure>\n'
            f'<details class="kyocho-numbers"><summary>{esc(t(lang, "chart_numbers"))}</summary>\n{table}</details>\n')
