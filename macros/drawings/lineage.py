"""A record's line as a drawing: what it builds on, the record, what followed; and, for a
meeting, its place among the recorded meetings of its series.

The line reads top to bottom in date order, one row per record, the record itself
highlighted. An arc on the left joins each record to the one it builds on directly, so a line
that branches (two meetings building on one) shows as such. At most SHOWN records are drawn on
each side; the table beside the drawing lists up to LISTED on each side, and the series strip
draws up to STRIP_SHOWN dots on each side: a record page stays the same size however long its
line or series grows (the series page lists every meeting).
"""

from __future__ import annotations

from ..core.kb import KnowledgeBase
from ..core.shapes import Lineage
from ..i18n import EN_MONTHS, format_range, t
from ..markup import esc, link_html, table_html
from ..text import in_parens, title_text
from ..urls import Ctx, url_of
from .svg import FONT, fit, svg_open, text_width

SHOWN = 6            # records drawn before and after the record itself
LISTED = 25          # records the table lists before and after it
STRIP_SHOWN = 20     # meetings the series strip draws before and after it
WIDTH = 680
ROW_H = 28
DOT_X = 52           # arcs use the room to the left of the dots
DATE_X = 66
STRIP_H = 62


def _day_text(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    """The date without the Japanese era: the drawing's date column has room for the date only."""
    day = kb.day(kind, rid)
    if not day:
        return t(lang, "date_unknown")
    return format_range(day, None, lang, era=False) if lang == "ja" else f"{day.day} {EN_MONTHS[day.month - 1][:3]} {day.year}"


def _name(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    """The accessible name of a node: title and date."""
    return title_text(kb, kind, rid, lang) + in_parens(_day_text(kb, kind, rid, lang), lang)


def lineage_svg(kb: KnowledgeBase, line: Lineage, ctx: Ctx) -> str:
    """The line drawn as rows, the nearest SHOWN records on each side of this one."""
    if not line:
        return ""
    lang, kind = ctx.lang, line.kind
    before, after = line.nearest_before(SHOWN), line.nearest_after(SHOWN)
    more_before, more_after = line.count_before - len(before), line.count_after - len(after)
    rows: list[tuple[str, str | None]] = []          # ("more", None) | ("record", id)
    if more_before:
        rows.append(("more-before", None))
    rows += [("record", i) for i in before] + [("record", line.id)] + [("record", i) for i in after]
    if more_after:
        rows.append(("more-after", None))
    height = ROW_H * len(rows) + 8
    y_of = {rid: 4 + ROW_H * n + ROW_H / 2 for n, (what, rid) in enumerate(rows) if rid}
    title = title_text(kb, kind, line.id, lang)
    out = [svg_open("kyocho-drawing kyocho-lineage-drawing", f"lineage-{kind}-{line.id}", WIDTH, height,
                    t(lang, "lineage_drawing_title").format(name=title),
                    t(lang, "lineage_drawing_desc").format(before=line.count_before, after=line.count_after))]
    # Arcs first, under the dots: each shown record to what it builds on directly.
    for rid in y_of:
        for earlier in kb.get(kind, rid).builds_on:
            if earlier in y_of and earlier != rid:
                y1, y2 = y_of[earlier], y_of[rid]
                reach = min(DOT_X - 6, 10 + 7 * abs(y2 - y1) / ROW_H)
                out.append(f'<path d="M{DOT_X},{y1:.0f} C{DOT_X - reach:.0f},{y1:.0f} {DOT_X - reach:.0f},{y2:.0f} '
                           f'{DOT_X},{y2:.0f}" class="kyocho-svg-edge"/>')
    # The title column starts where the longest date ends.
    title_x = DATE_X + 14 + max(text_width(_day_text(kb, kind, rid, lang)) for _, rid in rows if rid)
    room = WIDTH - title_x - 8
    for n, (what, rid) in enumerate(rows):
        y = 4 + ROW_H * n + ROW_H / 2
        if rid is None:
            key, count = ("lineage_more_before", more_before) if what == "more-before" else ("lineage_more_after", more_after)
            out.append(f'<text x="{DATE_X}" y="{y + 4:.0f}" class="kyocho-svg-year">{esc(t(lang, key).format(n=count))}</text>')
            continue
        label = fit(title_text(kb, kind, rid, lang), room)
        body = (f'<circle cx="{DOT_X}" cy="{y:.0f}" r="6" class="kyocho-svg-{kind}"/>'
                f'<text x="{DATE_X}" y="{y + 4:.0f}" class="kyocho-svg-year">{esc(_day_text(kb, kind, rid, lang))}</text>'
                f'<text x="{title_x:.0f}" y="{y + 4:.0f}" class="kyocho-svg-title">{esc(label)}</text>')
        name = esc(_name(kb, kind, rid, lang), quote=True)
        if rid == line.id:
            out.append(f'<g aria-current="page" aria-label="{name}"><title>{name}</title>'
                       f'<rect x="{DOT_X - 12}" y="{y - ROW_H / 2 + 1:.0f}" width="{WIDTH - DOT_X + 10}" height="{ROW_H - 2}" '
                       f'rx="4" class="kyocho-svg-current"/>{body}</g>')
        else:
            out.append(f'<a href="{ctx.href(url_of(kind, rid))}" aria-label="{name}"><title>{name}</title>{body}</a>')
    out.append("</svg>")
    return '<div class="kyocho-drawing-box">' + "".join(out) + "</div>\n"


def lineage_table_html(kb: KnowledgeBase, line: Lineage, ctx: Ctx) -> str:
    """The drawing's text alternative: every record of the line, with how it relates."""
    lang, kind = ctx.lang, line.kind

    def relation(rid: str) -> str:
        if rid == line.id:
            return t(lang, "lineage_this")
        if rid in line.builds_on:
            return t(lang, "lineage_direct_before")
        if rid in line.followed_by:
            return t(lang, "lineage_direct_after")
        return t(lang, "lineage_earlier" if line.is_before(rid) else "lineage_later")

    before, after = line.nearest_before(LISTED), line.nearest_after(LISTED)
    rows = []
    for rid in (*before, line.id, *after):
        title = (f"<strong>{esc(title_text(kb, kind, rid, lang))}</strong>" if rid == line.id
                 else link_html(kb, kind, rid, ctx))
        rows.append([esc(_day_text(kb, kind, rid, lang)), title, esc(relation(rid))])
    table = table_html([t(lang, "date"), t(lang, kind), t(lang, "lineage_relation")], rows)
    left_out = (line.count_before - len(before), line.count_after - len(after))
    if any(left_out):
        table += f'<p class="kyocho-meta">{esc(t(lang, "lineage_listed_more").format(before=left_out[0], after=left_out[1]))}</p>\n'
    return table


def series_strip_svg(kb: KnowledgeBase, meeting_id: str, ctx: Ctx) -> str:
    """The recorded meetings of the meeting's series as dots in date order, this one ringed,
    with a line of text saying which of them it is. Empty when the series has one meeting."""
    series = kb.meetings[meeting_id].series
    if not series or series not in kb.series:
        return ""
    ids = kb.meetings_of_series(series)
    if len(ids) < 2 or meeting_id not in ids:
        return ""
    lang = ctx.lang
    k, n = ids.index(meeting_id) + 1, len(ids)
    first = max(0, k - 1 - STRIP_SHOWN)
    drawn = ids[first:k + STRIP_SHOWN]                  # the nearest meetings on each side
    step = min(40.0, (WIDTH - 40) / max(len(drawn) - 1, 1))
    width = 40 + step * (len(drawn) - 1)
    series_name = title_text(kb, "series", series, lang)
    out = [svg_open("kyocho-drawing kyocho-series-strip", f"strip-{meeting_id}", width, STRIP_H,
                    t(lang, "series_strip_title").format(series=series_name),
                    t(lang, "series_place").format(k=k, n=n, series=series_name))]
    y = 22
    out.append(f'<line x1="20" y1="{y}" x2="{width - 20:.0f}" y2="{y}" class="kyocho-svg-tick"/>')
    last_label = -1e9
    for i, rid in enumerate(drawn):
        x = 20 + step * i
        year = kb.meetings[rid].start.year
        if i in (0, len(drawn) - 1) or rid == meeting_id:
            if x - last_label >= _label_room(year) or rid == meeting_id:
                out.append(f'<text x="{x:.0f}" y="{y + 30}" text-anchor="middle" class="kyocho-svg-year">{year}</text>')
                last_label = x
        name = esc(_name(kb, "meeting", rid, lang), quote=True)
        if rid == meeting_id:
            out.append(f'<g aria-current="page" aria-label="{name}"><title>{name}</title>'
                       f'<circle cx="{x:.0f}" cy="{y}" r="10" class="kyocho-svg-current-ring"/>'
                       f'<circle cx="{x:.0f}" cy="{y}" r="6" class="kyocho-svg-meeting"/></g>')
        else:
            out.append(f'<a href="{ctx.href(url_of("meeting", rid))}" aria-label="{name}"><title>{name}</title>'
                       f'<circle cx="{x:.0f}" cy="{y}" r="5" class="kyocho-svg-meeting"/></a>')
    out.append("</svg>")
    caption = esc(t(lang, "series_place")).format(
        k=k, n=n, series=link_html(kb, "series", series, ctx))
    return (f'<figure class="kyocho-strip"><div class="kyocho-drawing-box">{"".join(out)}</div>'
            f'<figcaption>{caption}</figcaption></figure>\n')


def _label_room(year: int) -> float:
    """Room a year label needs so two labels do not touch."""
    return FONT * 0.56 * len(str(year)) + 10
