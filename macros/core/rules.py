"""The cross-record pass: rules that no single file can answer.

Does the forum a meeting names exist? Is every cited source in references.bib? Does a
series belong to the meeting's forum? Does a chain of `builds_on` go round in a circle?
Run after every file has been read on its own (`core.load`); each rule adds `Problem`s.
"""

from __future__ import annotations

import datetime as _dt

import re

from .kb import Backlink, KnowledgeBase, Record
from .models import KINDS, Text
from .names import did_you_mean_record
from .problems import Problem, did_you_mean, field_name
from .style import PROSE_FIELDS, style_problems

# (kind, field) → kind of record the field refers to.
REFERENCES: dict[tuple[str, str], str] = {
    ("forum", "parent"): "forum",
    ("forum", "partner"): "party",
    ("series", "forum"): "forum",
    ("topic", "broader"): "topic",
    ("meeting", "forum"): "forum",
    ("meeting", "series"): "series",
    ("meeting", "host"): "party",
    ("meeting", "chair"): "party",
    ("meeting", "parties"): "party",
    ("meeting", "topics"): "topic",
    ("meeting", "builds_on"): "meeting",
    ("document", "adopted_at"): "meeting",
    ("document", "annex_of"): "document",
    ("document", "builds_on"): "document",
    ("document", "parties"): "party",
    ("document", "topics"): "topic",
    ("document", "processes"): "process",
    ("meeting", "processes"): "process",
    ("process", "forums"): "forum",
}


def apply(kb: KnowledgeBase) -> None:
    """Run every cross-record rule, adding problems (and backlinks) to `kb`."""
    resolve(kb)
    check_warnings(kb)


def resolve(kb: KnowledgeBase) -> None:
    """Check every reference between records and record it as a backlink on its target."""
    backlinks = kb.backlinks
    for (kind, fname), target in REFERENCES.items():
        salvaged = [r for r in kb.partial if r.kind == kind]
        own, targets, broken = kb.records[kind], kb.records[target], kb.broken[target]
        for rec in [*own.values(), *salvaged]:
            value = getattr(rec.model, fname, None)
            if value is None or value == []:
                continue
            listed = isinstance(value, list)
            loaded = own.get(rec.id) is rec      # a salvaged record is checked, not linked
            for i, ref in enumerate(value if listed else (value,)):
                if ref is None:
                    continue
                if ref in targets and ref != rec.id:
                    if loaded:
                        backlinks[(target, ref)].append(Backlink(kind, rec.id, fname))
                    continue
                path = (fname, i) if listed else (fname,)
                if ref == rec.id and kind == target:
                    kb.problems.append(_at(rec, path, f"a {kind} cannot refer to itself"))
                elif ref in broken:
                    continue  # the target file has its own errors, reported there
                elif ref not in targets:
                    hint = did_you_mean_record(ref, {k: r.model for k, r in targets.items()})
                    kb.problems.append(_at(rec, path, f"no {target} '{ref}'{hint}"))
                elif loaded:    # a record of another kind with its own id
                    backlinks[(target, ref)].append(Backlink(kind, rec.id, fname))

    families: dict[str, set[str]] = {}     # forum → its root forum's family, once per forum
    for rec in kb.all("meeting"):
        series = kb.series.get(rec.model.series) if rec.model.series else None
        forum = rec.model.forum
        if series and forum in kb.forums and forum not in families:
            families[forum] = set(kb.forum_family(kb.root_forum(forum)))
        if series and forum in kb.forums and series.forum not in families[forum]:
            kb.problems.append(_at(rec, ("series",),
                                   f"series '{rec.model.series}' belongs to forum '{series.forum}', "
                                   f"not to '{rec.model.forum}'"))
    for rec in kb.all("document"):
        doc = rec.model
        meeting = kb.meetings.get(doc.adopted_at) if doc.adopted_at else None
        if meeting and doc.date and doc.date < meeting.start:
            kb.problems.append(_at(rec, ("date",),
                                   f"{doc.date} is before the meeting '{doc.adopted_at}' began ({meeting.start})"))

    # Every cited source exists.
    for kind in KINDS:
        for rec in [*kb.all(kind), *(r for r in kb.partial if r.kind == kind)]:
            for i, key in enumerate(getattr(rec.model, "sources", None) or []):
                if key not in kb.sources:
                    hint = did_you_mean(key, kb.sources)
                    kb.problems.append(_at(rec, ("sources", i),
                                           f"no source '{key}' in data/references.bib{hint}"))

    check_rosters(kb)
    check_commitments(kb)
    _check_cycles(kb, "meeting", "builds_on")
    _check_cycles(kb, "document", "builds_on")
    _check_cycles(kb, "topic", "broader")
    _check_cycles(kb, "forum", "parent")
    _check_cycles(kb, "document", "annex_of")


def _check_cycles(kb: KnowledgeBase, kind: str, fname: str) -> None:
    """A record cannot (transitively) build on itself."""
    def refs(rid: str) -> list[str]:
        value = getattr(kb.records[kind][rid].model, fname)
        items = value if isinstance(value, list) else [value]
        return [r for r in items if r in kb.records[kind] and r != rid]

    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset] = set()
    for start in sorted(kb.records[kind]):
        if state.get(start):
            continue
        stack = [(start, iter(refs(start)))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    rec = kb.records[kind][node]
                    kb.problems.append(_at(rec, (fname,), "goes round in a circle: " + " → ".join(cycle)))
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(refs(child))))


def check_commitments(kb: KnowledgeBase) -> None:
    """Commitment ids are unique in their document; a due date is not before the document; a
    follow-up names an existing, earlier commitment, cites real sources, and no chain of
    follow-ups comes back to where it started."""
    for rec in kb.all("document"):
        doc, seen = rec.model, set()
        day = kb.document_day(rec.id)
        for i, c in enumerate(doc.commitments):
            here = ("commitments", i)
            if c.id in seen:
                kb.problems.append(_at(rec, here + ("id",), f"another commitment of this document has the id '{c.id}': "
                                       "give each its own"))
            seen.add(c.id)
            if c.due and day and c.due < day:
                kb.problems.append(_at(rec, here + ("due",), f"{c.due} is before the document's date ({day}): "
                                       "a commitment cannot fall due before it was made"))
            for j, f in enumerate(c.follows):
                at = here + ("follows", j)
                target_doc, _, target_id = f.commitment.partition("#")
                if f.commitment == f"{rec.id}#{c.id}":
                    kb.problems.append(_at(rec, at + ("commitment",), "a commitment cannot follow itself"))
                elif target_doc in kb.broken["document"]:
                    pass  # that file has its own errors, reported there
                elif target_doc not in kb.documents:
                    kb.problems.append(_at(rec, at + ("commitment",),
                                           f"no document '{target_doc}'{did_you_mean_record(target_doc, kb.documents)}"))
                elif kb.commitment(f.commitment) is None:
                    ids = [x.id for x in kb.documents[target_doc].commitments]
                    kb.problems.append(_at(rec, at + ("commitment",),
                                           f"the document '{target_doc}' has no commitment '{target_id}'"
                                           f"{did_you_mean(target_id, ids)}"))
                else:
                    earlier = kb.document_day(target_doc)
                    if day and earlier and earlier > day:
                        kb.problems.append(_at(rec, at + ("commitment",),
                                               f"'{f.commitment}' is from a later document ({earlier}, this one "
                                               f"{day}): a follow-up names an earlier commitment"))
                for k, key in enumerate(f.sources):
                    if key not in kb.sources:
                        kb.problems.append(_at(rec, at + ("sources", k),
                                               f"no source '{key}' in data/references.bib{did_you_mean(key, kb.sources)}"))
    _check_commitment_cycles(kb)


def _check_commitment_cycles(kb: KnowledgeBase) -> None:
    """Follow-ups point back in time, so a chain of them cannot come round to its start."""
    edges = {f"{did}#{c.id}": [f.commitment for f in c.follows
                               if f.commitment != f"{did}#{c.id}" and kb.commitment(f.commitment)]
             for did, c in kb.all_commitments()}   # following itself is reported on its own
    reported: set[frozenset] = set()
    done: set[str] = set()
    for start in sorted(edges):
        path, stack = [start], [iter(edges[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                done.add(path.pop())
            elif nxt in done:
                continue
            elif nxt in path:
                cycle = path[path.index(nxt):] + [nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    did, _, cid = cycle[-2].partition("#")
                    i = next(n for n, c in enumerate(kb.documents[did].commitments) if c.id == cid)
                    kb.problems.append(_at(kb.records["document"][did], ("commitments", i, "follows"),
                                           "goes round in a circle: " + " → ".join(cycle)))
            else:
                path.append(nxt)
                stack.append(iter(edges.get(nxt, [])))


def check_rosters(kb: KnowledgeBase) -> None:
    """A series' editions name real meetings of that series, oldest first, each once; and
    every meeting of a series with a roster is in it (so "n of m recorded" is true)."""
    listed: dict[str, str] = {}
    for rec in kb.all("series"):
        previous = None
        for i, edition in enumerate(rec.model.editions):
            here = ("editions", i)
            if previous is not None and (edition.year, edition.number or 0) < previous:
                kb.problems.append(_at(rec, here + ("year",), "editions go oldest first: "
                                       "move this one above the edition before it"))
            previous = (edition.year, edition.number or 0)
            mid = edition.meeting
            if mid is None or mid in kb.broken["meeting"]:
                continue
            meeting = kb.meetings.get(mid)
            if meeting is None:
                kb.problems.append(_at(rec, here + ("meeting",), f"no meeting '{mid}'{did_you_mean_record(mid, kb.meetings)}"))
            elif meeting.series != rec.id:
                whose = f"series '{meeting.series}'" if meeting.series else "no series"
                kb.problems.append(_at(rec, here + ("meeting",),
                                       f"the meeting '{mid}' belongs to {whose}, not to this one "
                                       f"(its series field says which series it is an edition of)"))
            elif mid in listed:
                kb.problems.append(_at(rec, here + ("meeting",), f"the meeting '{mid}' is already listed as edition {listed[mid]}: each meeting is one edition"))
            else:
                listed[mid] = str(edition.number or edition.year)
                if edition.year != meeting.start.year or (edition.start and edition.start != meeting.start):
                    kb.problems.append(_at(rec, here + ("meeting",),
                                           f"this edition ({edition.start or edition.year}) and the meeting "
                                           f"'{mid}' ({meeting.start}) disagree on when it began"))
    for rec in kb.all("meeting"):
        series = kb.series.get(rec.model.series) if rec.model.series else None
        if series is not None and series.editions and rec.id not in listed:
            kb.problems.append(_at(rec, ("series",),
                                   f"this meeting is not among the editions of series '{rec.model.series}': "
                                   f"add it there (data/series/{rec.model.series}.yaml, editions, meeting: {rec.id})"))


def check_warnings(kb: KnowledgeBase) -> None:
    """Things a reviewer should see, which do not stop the build."""
    for kind in KINDS:
        for rec in kb.all(kind):
            # A record's own warnings depend on it and on the sources' kinds alone: a load that
            # starts from the last one (same bibliography) reuses those of an unchanged record.
            known = kb.record_warnings.get((kind, rec.id))
            if known is None or known[0] is not rec.model:
                start = len(kb.problems)
                _record_warnings(kb, rec)
                known = (rec.model, kb.problems[start:])
                del kb.problems[start:]
            kb.record_warnings[(kind, rec.id)] = known
            kb.problems.extend(known[1])
    _check_overdue(kb)
    # A file that failed its own checks still cites what it names: its sources are not "uncited".
    cited = {key for kind in KINDS for rec in kb.all(kind) for key in rec.model.sources} | kb.cited_by_broken
    for key, src in kb.sources.items():
        if key not in cited:
            kb.problems.append(Problem(kb.bib_path, src.line, 1, key,
                                       "source is not cited by any record", "warning"))


def _record_warnings(kb: KnowledgeBase, rec: Record) -> None:
    model = rec.model
    for fname in ("name", "title", "summary"):
        text = getattr(model, fname, None)
        if isinstance(text, Text):
            for lang in text.missing():
                word = "Japanese" if lang == "ja" else "English"
                kb.problems.append(_at(rec, (fname,), f"{word} text is missing ({lang})",
                                       severity="warning"))
    _check_style(kb, rec)
    notes = getattr(model, "notes", None)
    if notes is not None and not getattr(model, "title_unofficial", True) and \
            _SAYS_UNOFFICIAL.search(f"{notes.ja or ''} {notes.en or ''}"):
        kb.problems.append(_at(rec, ("title",), "the notes say the title is our own rendering: "
                               "add title_unofficial with its language(s), e.g. [ja]", "warning"))
    official = [k for k in model.sources if k in kb.sources and kb.sources[k].kind == "official"]
    if not official and getattr(model, "notes", None) is None:
        kb.problems.append(_at(rec, ("sources",), "no official source (government, forum or organisation): "
                               "cite the official page, or say in notes why none exists", "warning"))


# How notes say that a title is ours, not an official one.
_SAYS_UNOFFICIAL = re.compile(r"(題名|名称)[^。]{0,30}(編集部|Kyochoによる訳|独自に訳)|title is (an editorial translation|our own)",
                              re.IGNORECASE)


def _check_overdue(kb: KnowledgeBase, today: _dt.date | None = None) -> None:
    """A planned edition or meeting whose last day has passed is news the data has not caught
    up with; a meeting marked held that has not begun is a mistake."""
    today = today or _dt.date.today()
    for rec in kb.all("meeting"):
        m = rec.model
        if m.status == "planned" and m.last_day < today:
            kb.problems.append(_at(rec, ("status",), f"planned, but its last day ({m.last_day}) has passed: if it was "
                                   "held, set status: held and check the facts against the outcome; if it was "
                                   "postponed, give the new dates", "warning"))
        elif m.status == "held" and m.start > today:
            kb.problems.append(_at(rec, ("start",), f"{m.start} is after today, but the meeting is not marked "
                                   "planned: add status: planned", "warning"))
    for rec in kb.all("series"):
        for i, e in enumerate(rec.model.editions):
            last = e.end or e.start or _dt.date(e.year, 12, 31)
            if e.status == "planned" and last < today:
                kb.problems.append(_at(rec, ("editions", i, "status"),
                                       f"planned, but this edition's last day ({last}) has passed: if it was held, "
                                       "set status: held and record its meeting; if it was postponed, give the "
                                       "new dates", "warning"))


def _check_style(kb: KnowledgeBase, rec: Record) -> None:
    """Japanese house style in our own prose, reported at the line where it is broken."""
    for fname in PROSE_FIELDS:
        value = getattr(rec.model, fname, None)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            text = item.get("ja") if isinstance(item, Text) else None
            if not text:
                continue
            path = (fname, i, "ja") if isinstance(value, list) else (fname, "ja")
            line, col = rec.loc(path)
            block = rec.located.starts_block(path)
            for offset, message in style_problems(text):
                before = text[:offset]
                at_line = line + before.count("\n") + (1 if block else 0)
                line_start = before.rfind("\n") + 1
                indent = len(rec.located.lines[at_line - 1]) - len(rec.located.lines[at_line - 1].lstrip()) \
                    if block and at_line <= len(rec.located.lines) else col - 1
                kb.problems.append(Problem(rec.path, at_line, indent + offset - line_start + 1,
                                           field_name(path), message, "warning"))


def _at(rec: Record, path: tuple, message: str, severity: str = "error") -> Problem:
    line, col = rec.loc(path)
    return Problem(rec.path, line, col, field_name(path), message, severity)  # type: ignore[arg-type]
