"""Which records a briefing covers.

Within a facet the values are alternatives (topic A *or* B), across facets they all apply
(topic A *and* forum G7 *and* since 2016). A topic includes its narrower topics and a forum
its sub-bodies, as on the site's pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.kb import KnowledgeBase
from ..core.shapes import Facets
from ..core.problems import did_you_mean

FACETS = {"topics": "topic", "forums": "forum", "parties": "party", "series": "series", "processes": "process"}
FACET_OF = {kind: facet for facet, kind in FACETS.items()}


@dataclass(frozen=True)
class Selection:
    topics: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None

    def problems(self, kb: KnowledgeBase) -> list[str]:
        """Plain messages for ids that do not exist and for an empty date range."""
        out = []
        for facet, kind in FACETS.items():
            known = kb.records[kind]
            for rid in getattr(self, facet):
                if rid not in known:
                    out.append(f"--{kind}: no {kind} has the id '{rid}'{did_you_mean(rid, known)}")
        if self.since and self.until and self.until < self.since:
            out.append(f"--until: {self.until} is before --since {self.since}")
        return out


def select_meetings(kb: KnowledgeBase, sel: Selection) -> list[str]:
    """Meetings that match every facet of the selection, oldest first (`kb.facets` says what
    a meeting is found by, as on the timeline's filters)."""
    out = []
    for mid, m in kb.meetings.items():
        if sel.series and m.series not in sel.series:
            continue
        if sel.since and m.last_day < sel.since:
            continue
        if sel.until and m.start > sel.until:
            continue
        if not _matches(kb.facets("meeting", mid), sel):
            continue
        out.append(mid)
    return sorted(out, key=lambda i: (kb.meetings[i].start, i))


def _matches(f: Facets, sel: Selection) -> bool:
    return not ((sel.forums and not f.forums.intersection(sel.forums))
                or (sel.topics and not f.topics.intersection(sel.topics))
                or (sel.parties and not f.parties.intersection(sel.parties))
                or (sel.processes and not f.processes.intersection(sel.processes)))


def select_other_documents(kb: KnowledgeBase, sel: Selection, meetings: list[str]) -> list[str]:
    """Documents that match the selection but were not adopted at one of `meetings`:
    reports and strategies issued outside a meeting, or adopted at a meeting outside it."""
    if sel.series:
        return []  # a series is a list of meetings; its documents come with them
    chosen = set(meetings)
    out = []
    for did, d in kb.documents.items():
        if d.adopted_at in chosen or not _matches(kb.facets("document", did), sel):
            continue
        day = kb.document_day(did)
        if (sel.since or sel.until) and day is None:
            continue
        if sel.since and day < sel.since:
            continue
        if sel.until and day > sel.until:
            continue
        out.append(did)
    return sorted(out, key=lambda i: (kb.document_day(i) or dt.date.min, i))
