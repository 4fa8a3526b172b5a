"""Drawings as SVG, generated at build time: a process's meetings and documents on a time axis.

No JavaScript and no third-party request: the SVG is written into the page. Every node is a
link to its record page with an accessible name (title and date); the same numbers label the
nodes and the rows of the table that goes with the drawing, which is its text alternative.
Colours come from CSS classes (`kyocho-svg-…` in docs/assets/kyocho.css) that follow the
reader's colour scheme and print in black on white.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.kb import KnowledgeBase
from ..i18n import format_date, t
from ..markup import esc
from ..text import forum_text, title_text
from ..urls import Ctx, url_of

COLUMN_W = 34        # viewBox units per date; the drawing scales to its box
LABEL_W = 150        # lane names on the left
LANE_H = 34          # height of one row of nodes within a lane
TOP = 34             # room for the year labels
NODE_R = 7


@dataclass(frozen=True)
class Node:
    number: int
    kind: str
    rid: str
    day: dt.date
    lane: str        # root forum id, or "" when the record has none


def lane_of(kb: KnowledgeBase, kind: str, rid: str) -> str:
    forum = kb.meetings[rid].forum if kind == "meeting" else kb.forum_of_document(rid)
    return kb.root_forum(forum) if forum else ""


def process_nodes(kb: KnowledgeBase, process_id: str) -> list[Node]:
    """The process's dated meetings and documents, numbered in date order."""
    out = []
    for kind, rid in kb.members_of_process(process_id):
        day = kb.day(kind, rid)
        if day is not None:
            out.append(Node(len(out) + 1, kind, rid, day, lane_of(kb, kind, rid)))
    return out


def _edges(kb: KnowledgeBase, nodes: list[Node]) -> list[tuple[Node, Node, str]]:
    """(from, to, why) between nodes of the drawing: builds on, adopted at, annex of."""
    at = {(n.kind, n.rid): n for n in nodes}
    out = []
    for n in nodes:
        model = kb.get(n.kind, n.rid)
        for earlier in model.builds_on:
            if (n.kind, earlier) in at:
                out.append((at[(n.kind, earlier)], n, "builds-on"))
        if n.kind == "document":
            if model.adopted_at and ("meeting", model.adopted_at) in at:
                out.append((at[("meeting", model.adopted_at)], n, "adopted"))
            if model.annex_of and ("document", model.annex_of) in at:
                out.append((at[("document", model.annex_of)], n, "annex"))
    return out


def process_svg(kb: KnowledgeBase, process_id: str, ctx: Ctx) -> str:
    """The process on a time axis, one lane per forum family, links between records as arrows."""
    nodes = process_nodes(kb, process_id)
    if not nodes:
        return ""
    lang = ctx.lang
    lanes: list[str] = []
    for n in nodes:
        if n.lane not in lanes:
            lanes.append(n.lane)
    # The axis is ordered, not proportional: one column per date, so that a busy year (2023
    # holds most of the Hiroshima AI Process) stays readable; years are marked where they begin.
    days = sorted({n.day for n in nodes})
    column = {day: i for i, day in enumerate(days)}
    col_w = COLUMN_W
    width = LABEL_W + col_w * len(days) + 30

    def x_of(day: dt.date) -> float:
        return LABEL_W + col_w * (column[day] + 0.5)

    # Within a lane, records of the same date stack one row down.
    rows: dict[Node, int] = {}
    lane_rows: dict[str, int] = {}
    taken: dict[tuple[str, dt.date], int] = {}
    for n in nodes:
        rows[n] = taken.get((n.lane, n.day), 0)
        taken[(n.lane, n.day)] = rows[n] + 1
        lane_rows[n.lane] = max(lane_rows.get(n.lane, 0), rows[n] + 1)
    lane_top: dict[str, float] = {}
    y = TOP
    for lane in lanes:
        lane_top[lane] = y
        y += LANE_H * lane_rows[lane] + 8
    height = y + 10

    def y_of(n: Node) -> float:
        return lane_top[n.lane] + LANE_H * rows[n] + LANE_H / 2

    title_id = f"drawing-{process_id}-title"
    out = [f'<svg class="kyocho-drawing" width="{width:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
           f'aria-labelledby="{title_id}" data-pagefind-ignore="all" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{title_id}">{esc(t(lang, "process_drawing_title").format(name=title_text(kb, "process", process_id, lang)))}</title>',
           '<defs><marker id="kyocho-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="kyocho-svg-arrowhead"/>'
           '</marker></defs>']
    # Lanes and their names.
    for i, lane in enumerate(lanes):
        top, h = lane_top[lane], LANE_H * lane_rows[lane]
        label = forum_text(kb, lane, lang, short=True) if lane else t(lang, "outside_meetings")
        out.append(f'<rect x="0" y="{top:.0f}" width="{width:.0f}" height="{h:.0f}" '
                   f'class="kyocho-svg-lane{" kyocho-svg-lane-alt" if i % 2 else ""}"/>')
        out.append(f'<text x="8" y="{top + h / 2 + 5:.0f}" class="kyocho-svg-label">{esc(label)}</text>')
    # Where each year begins.
    previous = None
    for day in days:
        if day.year != previous:
            x = LABEL_W + col_w * column[day]
            out.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 10:.0f}" class="kyocho-svg-tick"/>')
            out.append(f'<text x="{x + 3:.1f}" y="{TOP - 12}" class="kyocho-svg-year">{day.year}</text>')
            previous = day.year
    # Links between records, drawn under the nodes.
    for a, b, why in _edges(kb, nodes):
        x1, y1, x2, y2 = x_of(a.day), y_of(a), x_of(b.day), y_of(b)
        bend = max(abs(x2 - x1) / 2, 18)   # a curve leaves and enters sideways, so lines part
        out.append(f'<path d="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}" '
                   f'class="kyocho-svg-edge kyocho-svg-{why}" marker-end="url(#kyocho-arrow)"/>')
    # The nodes: a circle for a meeting, a square for a document, each a link.
    for n in nodes:
        x, yy = x_of(n.day), y_of(n)
        label = f"{n.number}. {title_text(kb, n.kind, n.rid, lang)} ({format_date(n.day, lang)})"
        planned = n.kind == "meeting" and kb.meetings[n.rid].status == "planned"
        if planned:
            label += t(lang, "planned_mark")
        shape = (f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="{NODE_R}" '
                 f'class="kyocho-svg-meeting{" kyocho-svg-planned" if planned else ""}"/>' if n.kind == "meeting"
                 else f'<rect x="{x - NODE_R:.1f}" y="{yy - NODE_R:.1f}" width="{2 * NODE_R}" height="{2 * NODE_R}" '
                      f'class="kyocho-svg-document"/>')
        out.append(f'<a href="{ctx.href(url_of(n.kind, n.rid))}" aria-label="{esc(label, quote=True)}">'
                   f'<title>{esc(label)}</title>{shape}'
                   f'<text x="{x + NODE_R + 2:.1f}" y="{yy - NODE_R:.1f}" class="kyocho-svg-number">{n.number}</text></a>')
    out.append("</svg>")
    legend = (f'<p class="kyocho-drawing-legend"><span aria-hidden="true">●</span> {esc(t(lang, "meeting"))} · '
              f'<span aria-hidden="true">■</span> {esc(t(lang, "document"))} · '
              f'<span aria-hidden="true">→</span> {esc(t(lang, "process_drawing_arrows"))}</p>')
    return "\n".join(out) + "\n" + legend + "\n"
