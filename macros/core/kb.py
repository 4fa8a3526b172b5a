"""The knowledge base: every validated record, its sources and problems, and graph queries.

Built by `core.load.load()`; read by everything else. Queries are computed from the
references (backlinks), never stored twice, and return ids in a stable order.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from . import yamlio
from .history import file_dates
from .models import KINDS, Edition, Party
from .problems import Problem
from .shapes import Facets, Lineage, Lines
from .sources import Source


@dataclass
class Record:
    """One validated record: its model plus where it came from."""

    kind: str
    id: str
    model: Any
    path: str  # relative to the project root, with forward slashes
    located: yamlio.Located

    def loc(self, path: tuple) -> tuple[int, int]:
        return self.located.loc(path)


@dataclass(frozen=True)
class Backlink:
    """`source` (kind, id) refers to the target in its field `field`."""

    kind: str
    id: str
    field: str


def _models_of(kind: str) -> cached_property:
    """A cached {id: model} view of one kind's records."""
    return cached_property(lambda self: {k: r.model for k, r in self.records[kind].items()})


@dataclass
class KnowledgeBase:
    root: Path
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {k: {} for k in KINDS})
    sources: dict[str, Source] = field(default_factory=dict)
    bib_path: str = "data/references.bib"
    problems: list[Problem] = field(default_factory=list)
    backlinks: dict[tuple[str, str], list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    # Ids of files that exist but failed their own checks: references to them are not
    # reported again (one typo must not cascade into errors in every file that links to it).
    broken: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    # What could be read of those files: their references are still checked, in one pass.
    partial: list[Record] = field(default_factory=list)
    # Source keys written in those files: not "uncited" while the file is being mended.
    cited_by_broken: set[str] = field(default_factory=set)
    reads: dict[str, Any] = field(default_factory=dict)   # file → core.load.FileRead, for the next load
    # (kind, id) → (model, its own warnings), for the next load (see rules.check_warnings).
    record_warnings: dict[tuple[str, str], tuple] = field(default_factory=dict)

    # -- access -------------------------------------------------------------------------
    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def get(self, kind: str, rid: str) -> Any | None:
        rec = self.records[kind].get(rid)
        return rec.model if rec else None

    def all(self, kind: str) -> Iterator[Record]:
        return iter(self.records[kind].values())

    # The models of each kind by id: kb.meetings["g7-2016-…"] is a Meeting.
    forums = _models_of("forum")          # dict[str, Forum]
    meetings = _models_of("meeting")      # dict[str, Meeting]
    documents = _models_of("document")    # dict[str, Document]
    topics = _models_of("topic")          # dict[str, Topic]
    parties = _models_of("party")         # dict[str, Party]
    series = _models_of("series")         # dict[str, Series]
    processes = _models_of("process")     # dict[str, Process]

    @cached_property
    def changed(self) -> dict[str, _dt.date]:
        """When each record file last changed (`Record.path` → date; see `history`)."""
        return file_dates(self.root.parent)

    @cached_property
    def party_by_iso(self) -> dict[str, Party]:
        return {p.iso: p for p in self.parties.values() if p.iso}

    def referenced_by(self, kind: str, rid: str) -> list[Backlink]:
        return self.backlinks.get((kind, rid), [])

    def count(self) -> dict[str, int]:
        return {kind: len(recs) for kind, recs in self.records.items()}

    # -- graph queries (computed from the references, never stored twice) ---------------
    def outcomes(self, meeting_id: str) -> list[str]:
        """Documents adopted at a meeting, by date then id."""
        ids = [b.id for b in self.referenced_by("meeting", meeting_id)
               if b.kind == "document" and b.field == "adopted_at"]
        return self.documents_by_date(ids)

    def document_day(self, document_id: str):
        """For ordering only: the document's date, else its meeting's start, else None."""
        doc = self.documents[document_id]
        if doc.date is None and doc.adopted_at in self.meetings:
            return self.meetings[doc.adopted_at].start
        return doc.date

    def annexes(self, document_id: str) -> list[str]:
        return sorted(b.id for b in self.referenced_by("document", document_id)
                      if b.kind == "document" and b.field == "annex_of")

    def followed_by(self, kind: str, rid: str) -> list[str]:
        """Records of the same kind that name `rid` in their `builds_on`."""
        ids = {b.id for b in self.referenced_by(kind, rid) if b.kind == kind and b.field == "builds_on"}
        return sorted(ids, key=lambda i: (self._date(kind, i), i))

    def lineage(self, kind: str, rid: str) -> "Lineage":
        """The record's line: what it builds on and what followed, directly and transitively.

        The one definition of lineage: record pages draw it, briefings list it, exports carry it.
        """
        model = self.get(kind, rid)
        direct = tuple(i for i in model.builds_on if self.get(kind, i) is not None)
        return Lineage(kind, rid, direct, tuple(self.followed_by(kind, rid)), self._lines(kind))

    def _lines(self, kind: str) -> Lines:
        """Every line of one kind, computed once (see `shapes.Lines`)."""
        if kind not in self._line_sets:
            models = self.meetings if kind == "meeting" else self.documents
            order = sorted(models, key=lambda i: (self._date(kind, i), i))
            self._line_sets[kind] = Lines(order, {i: m.builds_on for i, m in models.items()})
        return self._line_sets[kind]

    @cached_property
    def _line_sets(self) -> dict[str, Lines]:
        return {}

    def _date(self, kind: str, rid: str):
        return self.meetings[rid].start if kind == "meeting" else (self.document_day(rid) or _dt.date.min)

    def forum_family(self, forum_id: str) -> list[str]:
        """The forum and all its sub-bodies, transitively."""
        return self._closure("forum", forum_id, "parent")

    def root_forum(self, forum_id: str) -> str:
        seen = set()
        while (f := self.forums.get(forum_id)) and f.parent and forum_id not in seen:
            seen.add(forum_id)
            forum_id = f.parent
        return forum_id

    def _upwards(self, models: dict, start: list[str], field_name: str) -> frozenset[str]:
        """`start` and every record reached from it through `field_name` (parent, broader)."""
        out, stack = set(), list(start)
        while stack:
            cur = stack.pop()
            if cur in out or cur not in models:
                continue
            out.add(cur)
            up = getattr(models[cur], field_name)
            stack.extend(up if isinstance(up, list) else [up] if up else [])
        return frozenset(out)

    @cached_property
    def _facets(self) -> dict[tuple[str, str], Facets]:
        return {}

    def facets(self, kind: str, rid: str) -> Facets:
        """What a meeting or document is found by: the one definition of what a forum, topic,
        party or process filter matches. Computed once per record (every briefing asks)."""
        key = (kind, rid)
        if key not in self._facets:
            self._facets[key] = self._compute_facets(kind, rid)
        return self._facets[key]

    def _compute_facets(self, kind: str, rid: str) -> Facets:
        if kind == "document":
            d = self.documents[rid]
            forum = self.forum_of_document(rid)
            return Facets(forums=self._upwards(self.forums, [forum] if forum else [], "parent"),
                          topics=self._upwards(self.topics, d.topics, "broader"),
                          parties=frozenset(d.parties), processes=frozenset(d.processes), roles=frozenset())
        m = self.meetings[rid]
        outcomes = [self.documents[d] for d in self.outcomes(rid)]
        parties = set(m.parties) | {p for p in (m.host, m.chair) if p}
        if m.japan_role and self.japan:
            parties.add(self.japan)
        return Facets(
            forums=self._upwards(self.forums, [m.forum], "parent"),
            topics=self._upwards(self.topics, m.topics + [t for d in outcomes for t in d.topics], "broader"),
            parties=frozenset(parties.union(*(d.parties for d in outcomes))),
            processes=frozenset(set(m.processes).union(*(d.processes for d in outcomes))),
            roles=frozenset(m.japan_role))

    def topic_family(self, topic_id: str) -> list[str]:
        """The topic and all its narrower topics, transitively."""
        return self._closure("topic", topic_id, "broader")

    def _closure(self, kind: str, rid: str, field_name: str) -> list[str]:
        """`rid` and every record of `kind` that names it in `field_name`, transitively."""
        out, stack = [], [rid]
        while stack:
            cur = stack.pop()
            if cur in out:
                continue
            out.append(cur)
            stack.extend(b.id for b in self.referenced_by(kind, cur)
                         if b.kind == kind and b.field == field_name)
        return out

    def meetings_of_forum(self, forum_id: str) -> list[str]:
        family = set(self.forum_family(forum_id))
        return self.meetings_by_date([m for m, r in self.meetings.items() if r.forum in family])

    @cached_property
    def _meetings_in_series(self) -> dict[str, list[str]]:
        """Each series' meetings by date, made once: every meeting page asks for its series'
        (at 10,000 meetings, scanning all of them for each page took a third of page generation)."""
        out: dict[str, list[str]] = defaultdict(list)
        for mid in self.meetings_by_date(list(self.meetings)):
            out[self.meetings[mid].series].append(mid)
        return dict(out)

    def meetings_of_series(self, series_id: str) -> list[str]:
        return list(self._meetings_in_series.get(series_id, ()))

    def meetings_of_topic(self, topic_id: str) -> list[str]:
        family = set(self.topic_family(topic_id))
        return self.meetings_by_date([m for m, r in self.meetings.items() if family & set(r.topics)])

    def documents_of_topic(self, topic_id: str) -> list[str]:
        family = set(self.topic_family(topic_id))
        return self.documents_by_date([d for d, r in self.documents.items() if family & set(r.topics)])

    @cached_property
    def japan(self) -> str | None:
        """The id of Japan's party record (ISO JP), whose role every meeting records."""
        return next((pid for pid, p in self.parties.items() if p.iso == "JP"), None)

    def involves(self, party_id: str, meeting_id: str) -> bool:
        """Whether the party took part: named in parties, as host or chair, or — for Japan —
        given a role in `japan_role`."""
        m = self.meetings[meeting_id]
        return (party_id in m.parties or party_id in (m.host, m.chair)
                or (bool(m.japan_role) and party_id == self.japan))

    def meetings_of_party(self, party_id: str) -> list[str]:
        return self.meetings_by_date([m for m in self.meetings if self.involves(party_id, m)])

    # -- processes: initiatives that run across meetings, forums and years ----------------
    def members_of_process(self, process_id: str) -> list[tuple[str, str]]:
        """(kind, id) of every meeting and document that names the process, by date."""
        members = {(b.kind, b.id) for b in self.referenced_by("process", process_id)
                   if b.field == "processes"}
        return sorted(members, key=lambda m: (self.day(*m) or _dt.date.min, m[0], m[1]))

    def processes_of(self, kind: str, rid: str) -> list[str]:
        return list(getattr(self.get(kind, rid), "processes", []))

    def day(self, kind: str, rid: str):
        """The date a meeting began or a document was issued (its meeting's start if undated)."""
        return self.meetings[rid].start if kind == "meeting" else self.document_day(rid)

    # -- commitments: our summaries of paragraphs, and what later documents did to them ----
    def commitment(self, ref: str):
        """(document id, Commitment) for "<document id>#<commitment id>", or None."""
        did, _, cid = ref.partition("#")
        doc = self.documents.get(did)
        found = next((c for c in doc.commitments if c.id == cid), None) if doc else None
        return (did, found) if found else None

    def all_commitments(self) -> list[tuple[str, Any]]:
        """(document id, Commitment) for every commitment, by document date, then as written."""
        return [(did, c) for did in self.documents_by_date(list(self.documents))
                for c in self.documents[did].commitments]

    @cached_property
    def _followed(self) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for did, c in self.all_commitments():
            for f in c.follows:
                out[f.commitment].append((f"{did}#{c.id}", f.relation))
        return out

    def commitment_followups(self, ref: str) -> list[tuple[str, str]]:
        """(later commitment ref, relation) for each later commitment that names this one."""
        return list(self._followed.get(ref, []))

    def commitment_status(self, ref: str) -> str:
        """What became of it: the weightiest thing a later commitment did to it, else "open"."""
        relations = {relation for _, relation in self.commitment_followups(ref)}
        return next((r for r in ("supersedes", "narrows", "advances", "reaffirms") if r in relations), "open")

    # -- rosters: the editions an official list gives for a series ------------------------
    def editions(self, series_id: str) -> list[Edition]:
        """The series' editions that were or are to be held (cancelled ones left out)."""
        return [e for e in self.series[series_id].editions if e.status != "cancelled"]

    def missing_editions(self, series_id: str) -> list[Edition]:
        """Known editions with no meeting record yet: the knowledge base's known gaps."""
        return [e for e in self.editions(series_id) if not (e.meeting and e.meeting in self.meetings)]

    def roster_count(self, series_id: str) -> tuple[int, int] | None:
        """(recorded, known) editions, or None when the series has no roster yet."""
        if not self.series[series_id].editions:
            return None
        known = self.editions(series_id)
        return len(known) - len(self.missing_editions(series_id)), len(known)

    def documents_of_party(self, party_id: str) -> list[str]:
        return self.documents_by_date([d for d, r in self.documents.items() if party_id in r.parties])

    def meetings_by_year(self) -> dict[int, list[str]]:
        years: dict[int, list[str]] = defaultdict(list)
        for mid in self.meetings_by_date(list(self.meetings)):
            years[self.meetings[mid].start.year].append(mid)
        return dict(sorted(years.items(), reverse=True))

    def forum_of_document(self, document_id: str) -> str | None:
        doc = self.documents[document_id]
        return self.meetings[doc.adopted_at].forum if doc.adopted_at in self.meetings else None

    def meetings_by_date(self, ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda m: (self.meetings[m].start, m))

    def documents_by_date(self, ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda d: (self.document_day(d) or _dt.date.min, d))

    def documents_of_forum(self, forum_id: str) -> list[str]:
        """Documents adopted at a meeting of the forum or one of its sub-bodies, by date."""
        family = set(self.forum_family(forum_id))
        return self.documents_by_date([d for d in self.documents if self.forum_of_document(d) in family])

    def sub_forums(self, forum_id: str) -> list[str]:
        """The forum's direct sub-bodies, by id."""
        return sorted(b.id for b in self.referenced_by("forum", forum_id)
                      if b.kind == "forum" and b.field == "parent")

    def series_of_forum(self, forum_id: str) -> list[str]:
        return sorted(b.id for b in self.referenced_by("forum", forum_id) if b.kind == "series")

    def narrower_topics(self, topic_id: str) -> list[str]:
        return sorted(b.id for b in self.referenced_by("topic", topic_id) if b.kind == "topic")

    def root_forums(self) -> list[str]:
        """Forums that belong to no other, multilateral first, then bilateral, by id."""
        return sorted((f for f, m in self.forums.items() if not m.parent),
                      key=lambda f: (self.forums[f].kind == "bilateral", f))
