"""The knowledge-base core: load → validate → resolve references → index.

Everything that reads `data/` goes through `load()`: the site build, the scripts and the
tests. It never raises on bad data; it collects every problem in one pass and returns them
with the knowledge base, so a contributor fixes everything in one round.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from . import models, yamlio
from .models import FOLDERS, KINDS, ID_RE, Document, Forum, Meeting, Party, Series, Topic
from .problems import Problem, did_you_mean, field_name
from .sources import Source, read_bibliography

# bibtexparser logs each failed block itself; we report them as Problems instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

SCHEMA_HEADER = "# yaml-language-server: $schema="


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

    @cached_property
    def forums(self) -> dict[str, Forum]:
        return {k: r.model for k, r in self.records["forum"].items()}

    @cached_property
    def meetings(self) -> dict[str, Meeting]:
        return {k: r.model for k, r in self.records["meeting"].items()}

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {k: r.model for k, r in self.records["document"].items()}

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {k: r.model for k, r in self.records["topic"].items()}

    @cached_property
    def parties(self) -> dict[str, Party]:
        return {k: r.model for k, r in self.records["party"].items()}

    @cached_property
    def series(self) -> dict[str, Series]:
        return {k: r.model for k, r in self.records["series"].items()}

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
        return self._docs_by_date(ids)

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

    def lineage(self, kind: str, rid: str) -> tuple[list[str], list[str]]:
        """(everything this builds on, transitively; everything that followed), by date."""
        model = self.get(kind, rid)
        earlier: set[str] = set()
        stack = list(model.builds_on)
        while stack:
            cur = stack.pop()
            if cur in earlier or cur == rid or self.get(kind, cur) is None:
                continue
            earlier.add(cur)
            stack.extend(self.get(kind, cur).builds_on)
        later: set[str] = set()
        stack = self.followed_by(kind, rid)
        while stack:
            cur = stack.pop()
            if cur in later or cur == rid:
                continue
            later.add(cur)
            stack.extend(self.followed_by(kind, cur))
        order = lambda i: (self._date(kind, i), i)  # noqa: E731
        return sorted(earlier, key=order), sorted(later, key=order)

    def _date(self, kind: str, rid: str):
        return self.meetings[rid].start if kind == "meeting" else (self.document_day(rid) or _dt.date.min)

    def forum_family(self, forum_id: str) -> list[str]:
        """The forum and all its sub-bodies, transitively."""
        out, stack = [], [forum_id]
        while stack:
            cur = stack.pop()
            if cur in out:
                continue
            out.append(cur)
            stack.extend(b.id for b in self.referenced_by("forum", cur)
                         if b.kind == "forum" and b.field == "parent")
        return out

    def root_forum(self, forum_id: str) -> str:
        seen = set()
        while (f := self.forums.get(forum_id)) and f.parent and forum_id not in seen:
            seen.add(forum_id)
            forum_id = f.parent
        return forum_id

    def topic_family(self, topic_id: str) -> list[str]:
        """The topic and all its narrower topics, transitively."""
        out, stack = [], [topic_id]
        while stack:
            cur = stack.pop()
            if cur in out:
                continue
            out.append(cur)
            stack.extend(b.id for b in self.referenced_by("topic", cur)
                         if b.kind == "topic" and b.field == "broader")
        return out

    def meetings_of_forum(self, forum_id: str) -> list[str]:
        family = set(self.forum_family(forum_id))
        return self._by_date([m for m, r in self.meetings.items() if r.forum in family])

    def meetings_of_series(self, series_id: str) -> list[str]:
        return self._by_date([m for m, r in self.meetings.items() if r.series == series_id])

    def meetings_of_topic(self, topic_id: str) -> list[str]:
        family = set(self.topic_family(topic_id))
        return self._by_date([m for m, r in self.meetings.items() if family & set(r.topics)])

    def documents_of_topic(self, topic_id: str) -> list[str]:
        family = set(self.topic_family(topic_id))
        return self._docs_by_date([d for d, r in self.documents.items() if family & set(r.topics)])

    def meetings_of_party(self, party_id: str) -> list[str]:
        return self._by_date([m for m, r in self.meetings.items()
                              if party_id in r.parties or party_id in (r.host, r.chair)])

    def documents_of_party(self, party_id: str) -> list[str]:
        return self._docs_by_date([d for d, r in self.documents.items() if party_id in r.parties])

    def meetings_by_year(self) -> dict[int, list[str]]:
        years: dict[int, list[str]] = defaultdict(list)
        for mid in self._by_date(list(self.meetings)):
            years[self.meetings[mid].start.year].append(mid)
        return dict(sorted(years.items(), reverse=True))

    def forum_of_document(self, document_id: str) -> str | None:
        doc = self.documents[document_id]
        return self.meetings[doc.adopted_at].forum if doc.adopted_at in self.meetings else None

    def _by_date(self, ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda m: (self.meetings[m].start, m))

    def _docs_by_date(self, ids: list[str]) -> list[str]:
        return sorted(ids, key=lambda d: (self.document_day(d) or _dt.date.min, d))


# ---------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------
def load(data_dir: Path | str, root: Path | str | None = None) -> KnowledgeBase:
    """Read and check every record under `data_dir`. Never raises on bad data."""
    data_dir = Path(data_dir).resolve()
    root = Path(root).resolve() if root else data_dir.parent
    kb = KnowledgeBase(root=data_dir)

    def rel(path: Path) -> str:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    bib_path = data_dir / "references.bib"
    kb.bib_path = rel(bib_path)
    kb.sources, bib_problems = read_bibliography(bib_path, kb.bib_path)
    kb.problems.extend(bib_problems)

    for kind, folder in FOLDERS.items():
        seen: dict[str, str] = {}
        for path in sorted((data_dir / folder).rglob("*")):
            if path.is_dir():
                continue
            display = rel(path)
            if path.suffix == ".yml":
                kb.problems.append(Problem(display, 1, 1, "", "record files end in .yaml, not .yml"))
                continue
            if path.suffix != ".yaml":
                continue
            rid = path.stem
            if not ID_RE.match(rid):
                kb.problems.append(Problem(
                    display, 1, 1, "",
                    f"the file name '{path.name}' is not a valid id: use lower-case letters, "
                    "digits and hyphens (e.g. g7-2016-ict-ministers-takamatsu.yaml)"))
                continue
            if rid in seen:
                kb.problems.append(Problem(
                    display, 1, 1, "", f"the id '{rid}' is already used by {seen[rid]}"))
                continue
            seen[rid] = display
            record = _read_record(kind, rid, path, display, kb.problems, kb.partial)
            if record is not None:
                kb.records[kind][rid] = record
            else:
                kb.broken[kind].add(rid)

    _resolve(kb)
    _check_warnings(kb)
    kb.problems.sort(key=lambda p: (p.path, p.line, p.column, p.message))
    return kb


def _read_record(kind: str, rid: str, path: Path, display: str,
                 problems: list[Problem], partial: list[Record] | None = None) -> Record | None:
    """The record, or None with its problems appended. A record that fails its own checks is
    still salvaged as far as possible (see `_salvage`) and put in `partial`."""
    partial = partial if partial is not None else []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(display, 1, 1, "", f"the file is not UTF-8 text ({exc.reason})"))
        return None
    try:
        located = yamlio.load(text)
    except yamlio.StrictYAMLError as exc:
        problems.append(Problem(display, exc.line, exc.column, "", exc.message))
        return None
    if not isinstance(located.data, dict):
        problems.append(Problem(display, 1, 1, "",
                                "the file must contain fields (key: value), one per line"))
        return None
    try:
        model = KINDS[kind].model_validate(located.data)
    except ValidationError as exc:
        found = [_translate(err, KINDS[kind], located, display) for err in exc.errors()]
        found += _salvage(kind, rid, located, display, exc, partial)
        # `tittle:` reports "unknown field (did you mean 'title'?)"; the missing `title` that
        # follows from it is the same mistake, so it is not reported twice.
        suggested = {(p.field.rsplit(".", 1)[0] if "." in p.field else "", p.message.split("'")[1])
                     for p in found if "unknown field" in p.message and "did you mean" in p.message}
        for p in found:
            parent, _, leaf = p.field.rpartition(".")
            if p.message == "required field is missing" and (parent, leaf) in suggested:
                continue
            problems.append(p)
        return None
    return Record(kind, rid, model, display, located)


def _drop(data: dict, loc: tuple, etype: str) -> None:
    """Remove what an error is about: an unknown key exactly, otherwise its whole top field."""
    if etype == "extra_forbidden":
        target: Any = data
        for part in loc[:-1]:
            target = target[part] if isinstance(target, dict) or isinstance(part, int) else None
            if target is None:
                break
        if isinstance(target, dict):
            target.pop(loc[-1], None)
            return
    if loc:
        data.pop(loc[0], None)


def _salvage(kind: str, rid: str, located: yamlio.Located, display: str,
             first: ValidationError, partial: list[Record]) -> list[Problem]:
    """Find the file's other mistakes in the same pass.

    pydantic runs a model's own rules (end after start) only when every field is valid, and a
    file that fails is otherwise not checked against the other records. So the fields with
    errors are set aside and the rest validated again, until only model-level rules fail or
    nothing does; those new problems are returned. What remains is kept as a partial record
    so that its references (forum, topics, sources) are checked too.
    """
    import copy

    model = KINDS[kind]
    data = copy.deepcopy(located.data)
    errors = first.errors()
    seen = {str(_translate(e, model, located, display)) for e in errors}
    extra: list[Problem] = []
    for _ in range(5):
        field_errors = [e for e in errors if e["loc"]]
        if not field_errors:
            break
        for err in field_errors:
            _drop(data, tuple(err["loc"]), err["type"])
        try:
            model.model_validate(data)
            errors = []
            break
        except ValidationError as exc:
            errors = exc.errors()
        for err in errors:
            if err["type"] == "missing" and err["loc"][0] in located.data:
                continue  # we set that field aside: its own error is already reported
            problem = _translate(err, model, located, display)
            if str(problem) not in seen:
                seen.add(str(problem))
                extra.append(problem)
    if all(not e["loc"] for e in errors):
        # Only model-level rules fail (or none): every remaining field is valid on its own.
        fields = {k: v for k, v in data.items() if k in model.model_fields}
        partial.append(Record(kind, rid, model.model_construct(**fields), display, located))
    return extra


# ---------------------------------------------------------------------------------------
# pydantic errors → contributor messages
# ---------------------------------------------------------------------------------------
def _model_at(model: type, loc: tuple) -> type | None:
    """The model class that holds the field at `loc`, for "did you mean" on unknown keys."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        current = None
        for arg in [annotation, *typing.get_args(annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, models.BaseModel):
                    current = inner
        if current is None:
            return None
    return current


def _translate(err: dict, model: type, located: yamlio.Located, display: str) -> Problem:
    loc = tuple(err["loc"])
    etype = err["type"]
    value = err.get("input")
    line, col = located.loc(loc)
    name = field_name(loc)

    if etype == "extra_forbidden":
        key = str(loc[-1])
        line, col = located.key_locations.get(loc, (line, col))
        parent = _model_at(model, loc[:-1])
        hint = did_you_mean(key, parent.model_fields) if parent else ""
        allowed = ", ".join(parent.model_fields) if parent and not hint else ""
        extra = f"; allowed fields: {allowed}" if allowed else ""
        return Problem(display, line, col, field_name(loc[:-1]) or key,
                       f"unknown field '{key}'{hint}{extra}" if loc[:-1] else f"unknown field{hint}{extra}")
    if etype == "missing":
        return Problem(display, line, col, name, "required field is missing")
    if etype == "literal_error":
        choices = [c.strip(" '") for c in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return Problem(display, line, col, name,
                       f"'{value}' is not allowed{did_you_mean(str(value), choices)}; "
                       f"choose one of: {', '.join(choices)}")
    if etype == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        if pattern == models.ID_PATTERN:
            msg = f"'{value}' is not a valid id: use lower-case letters, digits and hyphens"
        elif pattern.startswith("^https?"):
            msg = f"'{value}' is not a web address: it must start with https:// or http://"
        else:
            msg = f"'{value}' is not a valid source key"
        return Problem(display, line, col, name, msg)
    if etype in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return Problem(display, line, col, name,
                       f"'{value}' is not a date: write it as YYYY-MM-DD (e.g. 2016-04-29)")
    if etype == "string_type":
        return Problem(display, line, col, name,
                       f"must be text, not {_kind_of(value)} (put it in quotes)")
    if etype == "list_type":
        return Problem(display, line, col, name, "must be a list, e.g. [first, second]")
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(display, line, col, name,
                       f"must be a group of fields (e.g. ja: … / en: …), not {_kind_of(value)}")
    if etype == "bool_type" or etype == "bool_parsing":
        return Problem(display, line, col, name, "must be true or false")
    if etype == "too_short" and loc and loc[-1] == "sources":
        return Problem(display, line, col, name, "at least one source is required")
    if etype == "value_error":
        message = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        # Model-level rules name their field first ("end: ..."), so point at that field.
        head, sep, rest = message.partition(": ")
        if sep and head.isidentifier():
            sub = loc + (head,)
            line, col = located.loc(sub)
            return Problem(display, line, col, field_name(sub), rest)
        return Problem(display, line, col, name, message)
    return Problem(display, line, col, name, err["msg"])


def _kind_of(value: Any) -> str:
    import datetime as dt

    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "empty"
    return "text"


# ---------------------------------------------------------------------------------------
# cross-record pass
# ---------------------------------------------------------------------------------------
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
}
KIND_WORDS = {"forum": "forum", "series": "series", "party": "party", "topic": "topic",
              "meeting": "meeting", "document": "document"}


def _resolve(kb: KnowledgeBase) -> None:
    for (kind, fname), target in REFERENCES.items():
        salvaged = [r for r in kb.partial if r.kind == kind]
        for rec in [*kb.all(kind), *salvaged]:
            value = getattr(rec.model, fname, None)
            items = value if isinstance(value, list) else [value]
            for i, ref in enumerate(items):
                if ref is None:
                    continue
                path = (fname, i) if isinstance(value, list) else (fname,)
                if ref == rec.id and kind == target:
                    kb.problems.append(_at(rec, path, f"a {KIND_WORDS[kind]} cannot refer to itself"))
                    continue
                if ref in kb.broken[target]:
                    continue  # the target file has its own errors, reported there
                if ref not in kb.records[target]:
                    hint = did_you_mean(ref, kb.records[target])
                    kb.problems.append(_at(rec, path, f"no {KIND_WORDS[target]} '{ref}'{hint}"))
                    continue
                if rec.id in kb.records[kind] and kb.records[kind][rec.id] is rec:
                    kb.backlinks[(target, ref)].append(Backlink(kind, rec.id, fname))

    for rec in kb.all("meeting"):
        series = kb.series.get(rec.model.series) if rec.model.series else None
        if series and rec.model.forum in kb.forums and series.forum not in kb.forum_family(kb.root_forum(rec.model.forum)):
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


def _check_warnings(kb: KnowledgeBase) -> None:
    """Things a reviewer should see, which do not stop the build."""
    for kind in KINDS:
        for rec in kb.all(kind):
            model = rec.model
            for fname in ("name", "title", "summary"):
                text = getattr(model, fname, None)
                if isinstance(text, models.Text):
                    for lang in text.missing():
                        word = "Japanese" if lang == "ja" else "English"
                        kb.problems.append(_at(rec, (fname,), f"{word} text is missing ({lang})",
                                               severity="warning"))
    cited = {key for kind in KINDS for rec in kb.all(kind) for key in rec.model.sources}
    for key, src in kb.sources.items():
        if key not in cited:
            kb.problems.append(Problem(kb.bib_path, src.line, 1, key,
                                       "source is not cited by any record", "warning"))


def _at(rec: Record, path: tuple, message: str, severity: str = "error") -> Problem:
    line, col = rec.loc(path)
    return Problem(rec.path, line, col, field_name(path), message, severity)  # type: ignore[arg-type]
