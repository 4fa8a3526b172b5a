"""What the knowledge base's graph queries return: a record's line (`Lineage`) and what a
record is found by (`Facets`). Plain values, made only by `kb.KnowledgeBase`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


class Lines:
    """Every line of one kind of record at once: for each record, the set of records it builds
    on and the set that followed, directly or not, as bit sets over the records in date order.

    A line is the closure of `builds_on`; walking it from each record costs the line's length
    for every record, which is quadratic for long lines (a series of 1,000 meetings, each
    building on the one before, took 36 s for one pass over 10,000 meetings). Each set here is
    the union of its direct links' sets, computed once, and what a page needs of it — how many,
    the nearest few — is read from the bits without listing the rest.
    """

    def __init__(self, order: list[str], parents: dict[str, list[str]]):
        self.order = tuple(order)                    # the records, by date then id
        self.pos = {rid: n for n, rid in enumerate(self.order)}
        self.parents = {rid: [p for p in parents.get(rid, ()) if p in self.pos and p != rid] for rid in self.order}
        children: dict[str, list[str]] = {rid: [] for rid in self.order}
        for rid, ps in self.parents.items():
            for p in ps:
                children[p].append(rid)
        self.children = {rid: sorted(set(cs), key=self.pos.__getitem__) for rid, cs in children.items()}
        self.earlier = self._closure(self.parents)
        self.later = self._closure(self.children)

    def _closure(self, links: dict[str, list[str]]) -> dict[str, int]:
        """Each record's set of records reached through `links`, itself excluded. Depth first,
        each record once (post-order: a record's set is made from its links' finished sets);
        a circle (an error the validator reports) is closed by repeating until nothing changes."""
        bits: dict[str, int] = {}
        circular = False
        for root in self.order:
            if root in bits:
                continue
            stack, open_ = [(root, iter(links[root]))], {root}
            while stack:
                node, todo = stack[-1]
                for nxt in todo:
                    if nxt in open_:
                        circular = True
                    elif nxt not in bits:
                        stack.append((nxt, iter(links[nxt])))
                        open_.add(nxt)
                        break
                else:
                    stack.pop()
                    open_.discard(node)
                    acc = 0
                    for nxt in links[node]:
                        acc |= (1 << self.pos[nxt]) | bits.get(nxt, 0)
                    bits[node] = acc
        while circular:
            circular = False
            for node in self.order:
                acc = bits[node]
                for nxt in links[node]:
                    acc |= (1 << self.pos[nxt]) | bits[nxt]
                if acc != bits[node]:
                    bits[node], circular = acc, True
        return {rid: b & ~(1 << self.pos[rid]) for rid, b in bits.items()}

    def ids(self, bits: int) -> tuple[str, ...]:
        """The records of a bit set, oldest first."""
        text, order, out, n = bin(bits)[:1:-1], self.order, [], -1
        while (n := text.find("1", n + 1)) >= 0:
            out.append(order[n])
        return tuple(out)

    def newest(self, bits: int, k: int) -> tuple[str, ...]:
        """The `k` newest records of a bit set, oldest first."""
        out = []
        while bits and len(out) < k:
            top = bits.bit_length() - 1
            out.append(self.order[top])
            bits ^= 1 << top
        return tuple(reversed(out))

    def oldest(self, bits: int, k: int) -> tuple[str, ...]:
        """The `k` oldest records of a bit set, oldest first."""
        out = []
        while bits and len(out) < k:
            low = bits & -bits
            out.append(self.order[low.bit_length() - 1])
            bits ^= low
        return tuple(out)


@dataclass(frozen=True)
class Lineage:
    """A record's place in its line of records of the same kind.

    `builds_on` and `followed_by` are the direct links; `before` and `after` everything reached
    through them, each oldest first. A record with neither is false. Pages need only how many
    there are and the nearest few (`nearest_before`, `nearest_after`): those are read without
    listing the whole line.
    """

    kind: str
    id: str
    builds_on: tuple[str, ...]
    followed_by: tuple[str, ...]
    lines: Lines = field(repr=False, compare=False)

    @property
    def _earlier(self) -> int:
        return self.lines.earlier[self.id]

    @property
    def _later(self) -> int:
        return self.lines.later[self.id]

    def __bool__(self) -> bool:
        return bool(self._earlier or self._later)

    @cached_property
    def before(self) -> tuple[str, ...]:
        return self.lines.ids(self._earlier)

    @cached_property
    def after(self) -> tuple[str, ...]:
        return self.lines.ids(self._later)

    @property
    def count_before(self) -> int:
        return self._earlier.bit_count()

    @property
    def count_after(self) -> int:
        return self._later.bit_count()

    def nearest_before(self, k: int) -> tuple[str, ...]:
        """The `k` latest records of `before`, oldest first."""
        return self.lines.newest(self._earlier, k)

    def nearest_after(self, k: int) -> tuple[str, ...]:
        """The `k` earliest records of `after`, oldest first."""
        return self.lines.oldest(self._later, k)

    def is_before(self, rid: str) -> bool:
        n = self.lines.pos.get(rid)
        return n is not None and bool(self._earlier >> n & 1)

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
