"""Which records a briefing covers.

Within a facet the values are alternatives (topic A *or* B), across facets they all apply
(topic A *and* forum G7 *and* since 2016). A topic includes its narrower topics and a forum
its sub-bodies, as on the site's pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.kb import KnowledgeBase
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


def _families(kb: KnowledgeBase, sel: Selection) -> tuple[set[str], set[str]]:
    topics = {x for tid in sel.topics for x in kb.topic_family(tid)}
    forums = {x for fid in sel.forums for x in kb.forum_family(fid)}
    return topics, forums


def select_meetings(kb: KnowledgeBase, sel: Selection) -> list[str]:
    """Meetings that match every facet of the selection, oldest first."""
    topics, forums = _families(kb, sel)
    out = []
    for mid, m in kb.meetings.items():
        # Cheap tests first: outcome documents are looked up only when a facet needs them.
        if forums and m.forum not in forums:
            continue
        if sel.series and m.series not in sel.series:
            continue
        if sel.processes and not set(sel.processes) & set(m.processes) and not any(
                set(sel.processes) & set(kb.documents[d].processes) for d in kb.outcomes(mid)):
            continue
        if sel.since and m.last_day < sel.since:
            continue
        if sel.until and m.start > sel.until:
            continue
        if topics and not topics & set(m.topics):
            if not any(topics & set(kb.documents[d].topics) for d in kb.outcomes(mid)):
                continue
        if sel.parties:
            if not any(kb.involves(p, mid) for p in sel.parties) and not any(
                    set(sel.parties) & set(kb.documents[d].parties) for d in kb.outcomes(mid)):
                continue
        out.append(mid)
    return sorted(out, key=lambda i: (kb.meetings[i].start, i))


def select_other_documents(kb: KnowledgeBase, sel: Selection, meetings: list[str]) -> list[str]:
    """Documents that match the selection but were not adopted at one of `meetings`:
    reports and strategies issued outside a meeting, or adopted at a meeting outside it."""
    if sel.series:
        return []  # a series is a list of meetings; its documents come with them
    topics, forums = _families(kb, sel)
    chosen = set(meetings)
    out = []
    for did, d in kb.documents.items():
        if d.adopted_at in chosen:
            continue
        if topics and not topics & set(d.topics):
            continue
        if forums and kb.forum_of_document(did) not in forums:
            continue
        if sel.parties and not set(sel.parties) & set(d.parties):
            continue
        if sel.processes and not set(sel.processes) & set(d.processes):
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
