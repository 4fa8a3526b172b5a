"""Timelines: meetings on a time axis, one lane per forum family, Japan's roles marked.

The site's timeline draws every meeting; a series page draws the series' editions from its
roster, recorded ones as links and the known gaps as open marks, so a missing edition is seen.
The axis is proportional (a year is a year); meetings that would touch stack within their lane.

The filters on the timeline page (docs/assets/kyocho-filters.js) read the meetings' facets
(`kb.facets`) from the rows of the year tables beneath the drawing, and each mark follows the
row of its meeting; without JavaScript the drawing and the tables show every meeting.
"""

from __future__ import annotations

import datetime as dt

from ..core.kb import KnowledgeBase
from ..core.models import Edition
from ..i18n import t
from ..markup import esc, filters_form_html
from ..text import edition_text, place_text, when_text, roles_text, title_text
from ..urls import Ctx, url_of
from .charts import family_name, family_of
from .svg import fit, svg_open

WIDTH = 820
LABEL_W = 92         # lane names on the left
AXIS_H = 24          # year labels above the lanes
ROW_H = 12           # one row of marks within a lane
LANE_PAD = 6
R = 4.5              # a mark's radius


def _year_fraction(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    return day.year + (day - start).days / 366


class _Axis:
    """Years `first` to `last` across the drawing's width after the lane names, proportional.

    Where the earliest marks stand far before the rest (ITU's telegraph conferences of the
    1860s beside hundreds of meetings since the 1990s), the decades before `broken` share a
    narrow band at the left, set off by a break in the axis, so that the recent years keep
    their room; each part stays proportional. `whens` are the marks' positions in years."""

    EARLY_SHARE, GAP = 0.14, 14

    def __init__(self, first: int, last: int, left: float = LABEL_W, width: float = WIDTH,
                 whens: list[float] | None = None):
        self.first, self.last, self.left, self.width = first, last, left, width
        usable = width - left - 10
        self.broken = None
        if whens and len(whens) >= 20:
            ordered = sorted(whens)
            cut = int(ordered[len(ordered) // 20])     # 95% of the marks are from this year on
            cut -= cut % 10
            if cut - first >= 30:
                self.broken = cut
        if self.broken is None:
            self.year_w = usable / (last - first + 1)
        else:
            self.early_w = usable * self.EARLY_SHARE
            self.early_year_w = self.early_w / (self.broken - first)
            self.year_w = (usable - self.early_w - self.GAP) / (last - self.broken + 1)

    def x(self, when: float) -> float:
        if self.broken is None:
            return self.left + (when - self.first) * self.year_w
        if when < self.broken:
            return self.left + (when - self.first) * self.early_year_w
        return self.left + self.early_w + self.GAP + (when - self.broken) * self.year_w

    def step(self) -> int:
        """Label every `step` years so that labels (about 36 px) do not touch."""
        for step in (1, 2, 5, 10, 20, 25, 50):
            if self.year_w * step >= 36:
                return step
        return 100

    def _label(self, year: int, x: float, mid: float, top: float, bottom: float) -> str:
        return (f'<line x1="{x:.1f}" y1="{top - 4:.0f}" x2="{x:.1f}" y2="{bottom:.0f}" class="kyocho-svg-tick"/>'
                f'<text x="{mid:.1f}" y="{top - 8:.0f}" text-anchor="middle" class="kyocho-svg-year">{year}</text>')

    def svg(self, top: float, bottom: float) -> str:
        out, step = [], self.step()
        start = self.first if self.broken is None else self.broken
        for year in range(start, self.last + 1):
            x = self.x(year)
            if year % step == 0:
                # The label stands over its year, kept inside the drawing at either end.
                mid = min(max(x + self.year_w / 2, self.left + 16), self.width - 16)
                out.append(self._label(year, x, mid, top, bottom))
        if self.broken is not None:
            # The early band: its first year and round half-centuries, as room allows; then the break.
            shown = -1e9
            for year in [self.first] + [y for y in range(self.first + 1, self.broken) if y % 50 == 0]:
                x = self.x(year)
                if x - shown >= 36:
                    out.append(self._label(year, x, max(x, self.left + 16), top, bottom))
                    shown = x
            gap = self.left + self.early_w + self.GAP / 2
            out.append(f'<path d="M{gap - 5:.1f},{top - 2:.0f}l4,-10M{gap:.1f},{top - 2:.0f}l4,-10" '
                       f'class="kyocho-svg-tick kyocho-svg-break"/>')
        return "".join(out)


def _pack(xs: list[float]) -> list[int]:
    """A row for each mark (xs in order) so that marks in one row do not touch."""
    ends: list[float] = []
    rows = []
    for x in xs:
        for i, end in enumerate(ends):
            if x - end >= 2 * R + 1.5:
                ends[i] = x
                rows.append(i)
                break
        else:
            ends.append(x)
            rows.append(len(ends) - 1)
    return rows


def mark_svg(x: float, y: float, roles, recorded: bool = True, planned: bool = False) -> str:
    """A meeting's mark: a diamond where Japan hosted, a ringed dot where it chaired, else a
    dot; open (not filled) for an edition not yet recorded, dashed when it is still planned."""
    cls = ("kyocho-svg-meeting" if recorded else "kyocho-svg-gap") + (" kyocho-svg-planned" if planned else "")
    if "host" in roles:
        d = R + 1.5
        return (f'<path d="M{x:.1f},{y - d:.1f}l{d:.1f},{d:.1f}l{-d:.1f},{d:.1f}l{-d:.1f},{-d:.1f}z" '
                f'class="{cls} kyocho-svg-host"/>')
    dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{R}" class="{cls}"/>'
    if "chair" in roles or "co-chair" in roles:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{R + 2.5}" class="kyocho-svg-chair"/>' + dot
    return dot


def meeting_label(kb: KnowledgeBase, mid: str, lang: str) -> str:
    """A meeting's accessible name: date, title, place and Japan's role."""
    m = kb.meetings[mid]
    parts = [when_text(m, lang, era=False), title_text(kb, "meeting", mid, lang)]
    where = place_text(kb, mid, lang)
    if where:
        parts.append(where)
    if m.japan_role:
        parts.append(t(lang, "timeline_japan").format(roles=roles_text(m.japan_role, lang)))
    return " · ".join(parts)


def lanes_of(kb: KnowledgeBase, ids: list[str]) -> list[str]:
    """Forum families in order of their number of meetings (as in the per-year chart)."""
    sizes: dict[str, int] = {}
    for mid in ids:
        fam = family_of(kb, kb.meetings[mid].forum)
        sizes[fam] = sizes.get(fam, 0) + 1
    return sorted(sizes, key=lambda f: (-sizes[f], f))


def timeline_svg(kb: KnowledgeBase, ids: list[str], ctx: Ctx, dom_id: str = "timeline") -> str:
    """Every given meeting on one drawing: a lane per forum family, each mark a link."""
    if not ids:
        return ""
    lang = ctx.lang
    ms = {mid: kb.meetings[mid] for mid in ids}
    first = min(m.start.year for m in ms.values())
    last = max(m.start.year for m in ms.values())
    axis = _Axis(first, last, whens=[_year_fraction(m.start) for m in ms.values()])
    lanes = lanes_of(kb, ids)
    by_lane: dict[str, list[str]] = {fam: [] for fam in lanes}
    for mid in sorted(ids, key=lambda i: (ms[i].start, i)):
        by_lane[family_of(kb, ms[mid].forum)].append(mid)
    body, y = [], AXIS_H
    for k, fam in enumerate(lanes):
        xs = [axis.x(_year_fraction(ms[mid].start)) for mid in by_lane[fam]]
        rows = _pack(xs)
        h = (max(rows) + 1) * ROW_H + 2 * LANE_PAD
        name = family_name(kb, fam, lang)
        body.append(f'<rect x="0" y="{y:.0f}" width="{WIDTH}" height="{h:.0f}" '
                    f'class="kyocho-svg-lane{" kyocho-svg-lane-alt" if k % 2 else ""}"/>'
                    f'<text x="6" y="{y + LANE_PAD + ROW_H - 2:.0f}" class="kyocho-svg-label">{esc(fit(name, LABEL_W - 10))}</text>')
        for mid, x, row in zip(by_lane[fam], xs, rows):
            cy = y + LANE_PAD + row * ROW_H + ROW_H / 2
            body.append(f'<a href="{ctx.href(url_of("meeting", mid))}">'
                        f'<title>{esc(meeting_label(kb, mid, lang))}</title>'
                        f'{mark_svg(x, cy, ms[mid].japan_role, planned=ms[mid].status == "planned")}</a>')
        y += h
    height = y + 4
    hosted = sum("host" in m.japan_role for m in ms.values())
    desc = t(lang, "timeline_desc").format(n=len(ids), first=first, last=last, lanes=len(lanes), hosted=hosted)
    return (f'<figure class="kyocho-timeline-figure"><div class="kyocho-drawing-box">'
            + svg_open("kyocho-drawing kyocho-timeline", dom_id, WIDTH, height, t(lang, "timeline_title"), desc)
            + axis.svg(AXIS_H, height - 4) + "".join(body) + "</svg></div>"
            + f"<figcaption>{marks_legend(lang)}</figcaption></figure>\n")


def marks_legend(lang: str, gaps: bool = False) -> str:
    """What the marks mean, with the marks themselves."""
    def swatch(inner: str) -> str:
        return f'<svg class="kyocho-mark" viewBox="-8 -8 16 16" width="16" height="16" aria-hidden="true">{inner}</svg>'
    items = [(swatch(mark_svg(0, 0, [])), t(lang, "timeline_mark_meeting")),
             (swatch(mark_svg(0, 0, ["host"])), t(lang, "timeline_mark_host")),
             (swatch(mark_svg(0, 0, ["chair"])), t(lang, "timeline_mark_chair"))]
    if gaps:
        items += [(swatch(mark_svg(0, 0, [], recorded=False)), t(lang, "timeline_mark_gap")),
                  (swatch(mark_svg(0, 0, [], recorded=False, planned=True)), t(lang, "timeline_mark_planned"))]
    return '<ul class="kyocho-legend">' + "".join(f"<li>{s}{esc(text)}</li>" for s, text in items) + "</ul>"


def _edition_when(e: Edition) -> float:
    return _year_fraction(e.start) if e.start else e.year + 0.5


def series_timeline_svg(kb: KnowledgeBase, series_id: str, ctx: Ctx) -> str:
    """The series on a time axis: its roster's editions (recorded as links, the known gaps as
    open marks) and any recorded meeting the roster does not list. Empty below two marks."""
    lang = ctx.lang
    editions = kb.editions(series_id)
    listed = {e.meeting for e in editions if e.meeting in kb.meetings}
    items: list[tuple[float, Edition | None, str | None]] = []
    for e in editions:
        mid = e.meeting if e.meeting in kb.meetings else None
        items.append((_year_fraction(kb.meetings[mid].start) if mid else _edition_when(e), e, mid))
    for mid in kb.meetings_of_series(series_id):
        if mid not in listed:
            items.append((_year_fraction(kb.meetings[mid].start), None, mid))
    if len(items) < 2:
        return ""
    items.sort(key=lambda i: i[0])
    first, last = int(items[0][0]), int(items[-1][0])
    axis = _Axis(first, last, left=8)
    xs = [axis.x(when) for when, _, _ in items]
    rows = _pack(xs)
    top = AXIS_H
    height = top + (max(rows) + 1) * ROW_H + 2 * LANE_PAD + 4
    recorded = sum(1 for _, _, mid in items if mid)
    name = title_text(kb, "series", series_id, lang)
    out = [svg_open("kyocho-drawing kyocho-timeline kyocho-series-timeline", f"series-{series_id}", WIDTH, height,
                    t(lang, "series_timeline_title").format(series=name),
                    t(lang, "series_timeline_desc").format(n=len(items), recorded=recorded,
                                                           missing=len(items) - recorded, first=first, last=last)),
           axis.svg(top, height - 4)]
    for (_, e, mid), x, row in zip(items, xs, rows):
        cy = top + LANE_PAD + row * ROW_H + ROW_H / 2
        if mid:
            roles = kb.meetings[mid].japan_role
            out.append(f'<a href="{ctx.href(url_of("meeting", mid))}"><title>{esc(meeting_label(kb, mid, lang))}</title>'
                       f'{mark_svg(x, cy, roles, planned=kb.meetings[mid].status == "planned")}</a>')
        else:
            label = edition_text(e, lang) + " · " + t(lang, "edition_not_recorded" if e.status == "held"
                                                      else "edition_status_planned")
            out.append(f'<g role="img" aria-label="{esc(label, quote=True)}"><title>{esc(label)}</title>'
                       f'{mark_svg(x, cy, [], recorded=False, planned=e.status == "planned")}</g>')
    out.append("</svg>")
    return (f'<figure class="kyocho-timeline-figure"><div class="kyocho-drawing-box">{"".join(out)}</div>'
            f'<figcaption>{marks_legend(lang, gaps=bool(editions))}</figcaption></figure>\n')


def timeline_filters_html(kb: KnowledgeBase, ctx: Ctx) -> str:
    """The timeline's filters: a form the script reveals (without JavaScript there is nothing
    to filter with, and the page shows every meeting). Values are record ids, the same in both
    languages, so a filtered address works in either."""
    lang = ctx.lang
    facets = [kb.facets("meeting", mid) for mid in kb.meetings]
    used = {name: set().union(*(getattr(f, attr) for f in facets)) if facets else set()
            for name, attr in (("forum", "forums"), ("topic", "topics"), ("party", "parties"), ("role", "roles"))}

    def forum_options() -> list[tuple[str, str]]:
        out = []

        def walk(fid: str, depth: int) -> None:
            if fid in used["forum"]:
                out.append((fid, "\u2003" * depth + title_text(kb, "forum", fid, lang)))
            for sub in kb.sub_forums(fid):
                walk(sub, depth + 1)
        for root in kb.root_forums():
            walk(root, 0)
        return out

    def named(kind: str, ids) -> list[tuple[str, str]]:
        return sorted(((i, title_text(kb, kind, i, lang)) for i in ids if i in kb.records[kind]),
                      key=lambda p: p[1].casefold())

    options = {"forum": forum_options(), "topic": named("topic", used["topic"]),
               "party": named("party", used["party"]),
               "role": [(r, t(lang, f"role_{r}")) for r in ("host", "chair", "co-chair", "participant",
                                                             "signatory", "observer") if r in used["role"]]}
    return filters_form_html(lang, [(name, "filter_" + name, opts) for name, opts in options.items()],
                             "filter_label", "filter_status")

