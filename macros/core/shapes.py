"""What the knowledge base's graph queries return: a record's line (`Lineage`) and what a
record is found by (`Facets`). Plain frozen values, made only by `kb.KnowledgeBase`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lineage:
    """A record's place in its line of records of the same kind.

    `builds_on` and `followed_by` are the direct links; `before` and `after` everything reached
    through them, each oldest first. A record with neither is false.
    """

    kind: str
    id: str
    builds_on: tuple[str, ...]
    followed_by: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.before or self.after)

    @property
    def ids(self) -> tuple[str, ...]:
        """The whole line in date order, the record itself included."""
        return self.before + (self.id,) + self.after


@dataclass(frozen=True)
class Facets:
    """What a meeting is found by, on the timeline's filters and in a briefing's selection.

    Each set already holds what its values belong to (a forum's parent forums, a topic's
    broader topics), so a filter is one membership test; the topics, parties and processes of
    the meeting's outcome documents count as the meeting's own.
    """

    forums: frozenset[str]
    topics: frozenset[str]
    parties: frozenset[str]
    processes: frozenset[str]
    roles: frozenset[str]      # Japan's roles
