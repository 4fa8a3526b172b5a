"""Horizontal bars where readers compare forum families: how often Japan hosted or chaired, and
how much of each family's known meetings Kyocho has recorded.

One bar per forum family, split into segments; the family's name links to its page (or, for
Japan's roles, to the timeline filtered to that forum). Each segment is named by its count in
its <title>, the legend names the colours, and the table beneath says the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.kb import KnowledgeBase
from ..i18n import t
from ..markup import esc, table_html
from ..text import list_sep
from ..urls import Ctx, url_of
from .charts import family_name, family_of
from .svg import fit, svg_open

WIDTH = 680
LABEL_W = 130
BAR_H, GAP, TOP = 18, 7, 6


@dataclass(frozen=True)
class Segment:
    key: str          # what it counts: names the colour (kyocho-bar-<key>) and the legend
    value: int


@dataclass(frozen=True)
class Bar:
    label: str
    href: str | None
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


def bars_figure(bars: list[Bar], keys: list[str], names: dict[str, str], dom_id: str,
                title: str, desc: str, lang: str, first_column: str) -> str:
    """The bars, their legend, and their table (one row per bar, one column per segment)."""
    top = max((b.total for b in bars), default=0)
    if not top:
        return ""
    plot_w = WIDTH - LABEL_W - 44
    height = TOP + len(bars) * (BAR_H + GAP)
    out = [svg_open("kyocho-drawing kyocho-chart kyocho-bars", dom_id, WIDTH, height, title, desc)]
    for i, bar in enumerate(bars):
        y = TOP + i * (BAR_H + GAP)
        label = esc(fit(bar.label, LABEL_W - 10))
        text = f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 5}" text-anchor="end" class="kyocho-svg-label">{label}</text>'
        if bar.href:
            whole = esc(bar.label, quote=True)
            text = f'<a href="{bar.href}" aria-label="{whole}"><title>{whole}</title>{text}</a>'
        out.append(text)
        x = float(LABEL_W)
        for seg in bar.segments:
            if not seg.value:
                continue
            w = plot_w * seg.value / top
            name = esc(f"{bar.label}: {names[seg.key]} {seg.value}")
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" class="kyocho-bar-{seg.key}">'
                       f'<title>{name}</title></rect>')
            x += w
        out.append(f'<text x="{x + 5:.1f}" y="{y + BAR_H - 5}" class="kyocho-svg-year">{bar.total}</text>')
    out.append("</svg>")
    legend = "".join(f'<li><span class="kyocho-swatch kyocho-bar-{k}" aria-hidden="true"></span>{esc(names[k])}</li>'
                     for k in keys)
    rows = [[f'<a href="{b.href}">{esc(b.label)}</a>' if b.href else esc(b.label)]
            + [str(next((s.value for s in b.segments if s.key == k), 0)) for k in keys] + [str(b.total)]
            for b in bars]
    table = table_html([first_column] + [names[k] for k in keys] + [t(lang, "chart_total")], rows)
    return (f'<figure class="kyocho-chart-figure"><div class="kyocho-drawing-box">{"".join(out)}</div>'
            f'<figcaption><ul class="kyocho-legend">{legend}</ul></figcaption></figure>\n'
            f'<details class="kyocho-numbers"><summary>{esc(t(lang, "chart_numbers"))}</summary>\n{table}</details>\n')


ROLE_KEYS = ["host", "chair", "other", "none"]


def role_key(roles) -> str:
    """One category per meeting: hosted, else chaired or co-chaired, else another role."""
    if "host" in roles:
        return "host"
    if "chair" in roles or "co-chair" in roles:
        return "chair"
    return "other" if roles else "none"


def japan_roles_chart(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Per forum family: the meetings Japan hosted, chaired, took part in otherwise, or for
    which no role is recorded."""
    lang = ctx.lang
    counts: dict[str, dict[str, int]] = {}
    for m in kb.meetings.values():
        fam = family_of(kb, m.forum)
        counts.setdefault(fam, dict.fromkeys(ROLE_KEYS, 0))[role_key(m.japan_role)] += 1
    order = sorted(counts, key=lambda f: (-(counts[f]["host"] + counts[f]["chair"]), -sum(counts[f].values()), f))
    timeline = ctx.href(url_of("meeting"))
    bars = [Bar(family_name(kb, fam, lang), None if fam == "bilateral" else f"{timeline}?forum={fam}",
                tuple(Segment(k, counts[fam][k]) for k in ROLE_KEYS)) for fam in order]
    names = {k: t(lang, f"chart_role_{k}") for k in ROLE_KEYS}
    hosted = sum(c["host"] for c in counts.values())
    chaired = sum(c["chair"] for c in counts.values())
    desc = t(lang, "chart_roles_desc").format(n=len(kb.meetings), hosted=hosted, chaired=chaired)
    return bars_figure(bars, ROLE_KEYS, names, "chart-japan-roles", t(lang, "chart_roles_title"), desc, lang,
                       t(lang, "forum_family"))


def rosters_chart(kb: KnowledgeBase, ctx: Ctx) -> str:
    """Per forum family with a roster: the known editions, recorded and not yet recorded."""
    lang = ctx.lang
    bars = []
    for fid in kb.root_forums():
        family = set(kb.forum_family(fid))
        recorded = known = 0
        series = []
        for sid in sorted(s for s, m in kb.series.items() if m.forum in family):
            counted = kb.roster_count(sid)
            if counted:
                recorded, known = recorded + counted[0], known + counted[1]
                series.append(sid)
        if known:
            bars.append(Bar(family_name(kb, family_of(kb, fid), lang), ctx.href(url_of("forum", fid)),
                            (Segment("recorded", recorded), Segment("missing", known - recorded))))
    names = {"recorded": t(lang, "chart_roster_recorded"), "missing": t(lang, "chart_roster_missing")}
    recorded = sum(b.segments[0].value for b in bars)
    known = sum(b.total for b in bars)
    desc = t(lang, "chart_rosters_desc").format(
        recorded=recorded, known=known, families=list_sep(lang).join(b.label for b in bars))
    return bars_figure(bars, ["recorded", "missing"], names, "chart-rosters", t(lang, "chart_rosters_title"),
                       desc, lang, t(lang, "forum_family"))
