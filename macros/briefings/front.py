"""What a minister reads first in a briefing, and what helps read the rest: key points drawn
from the data (each with its sources), the selection's commitments in one table, how current
the data is, and a glossary of the forum abbreviations the briefing uses.
"""

from __future__ import annotations

import datetime as dt

from ..core.kb import KnowledgeBase
from ..i18n import format_date, t
from ..text import forum_text, value_text, when_text
from .blocks import Inline, Item, Table

LEADING = ("host", "chair", "co-chair")


def data_current_to(kb: KnowledgeBase, records: list[tuple[str, str]]) -> dt.date | None:
    """The newest change to any of the selected records' files, or None if history is unknown."""
    dates = [kb.changed.get(kb.records[kind][rid].path) for kind, rid in records if rid in kb.records[kind]]
    known = [d for d in dates if d]
    return max(known) if known else None


def key_points(b, meetings: list[str], documents: list[str], produced: dt.date) -> list[Item]:
    """A few lines from the data: the newest meeting and what it adopted, Japan's part, the
    commitments and what became of them, and what is planned next; each cites its sources."""
    kb, lang = b.kb, b.lang
    ja = lang == "ja"
    points: list[Item] = []
    held = [m for m in meetings if kb.meetings[m].start <= produced and kb.meetings[m].status == "held"]
    if held:
        mid = held[-1]
        m = kb.meetings[mid]
        runs: list[Inline] = [t(lang, "key_latest"), when_text(m, lang), " ", b.link("meeting", mid)]
        outcomes = [d for d in kb.outcomes(mid) if kb.documents[d].annex_of is None]
        if outcomes:
            runs.append("。成果文書：" if ja else "; it adopted ")
            runs += list(b.joined("document", outcomes))
        runs.append("。" if ja else ".")
        points.append(Item(tuple(runs) + b.refs(m.sources)))
    led = [m for m in meetings if set(LEADING) & set(kb.meetings[m].japan_role)]
    if led:
        latest = led[-1]
        text = (f"日本は{len(meetings)}件の会合のうち{len(led)}件で開催国または議長を務めた。最近では"
                if ja else f"Japan hosted or chaired {len(led)} of the {len(meetings)} meetings, most recently ")
        points.append(Item((text, b.link("meeting", latest), "。" if ja else ".")
                           + b.refs(kb.meetings[latest].sources)))
    refs = [f"{d}#{c.id}" for d in documents for c in kb.documents[d].commitments]
    if refs:
        followed = [r for r in refs if kb.commitment_status(r) != "open"]
        due = sorted((c.due, d) for d in documents for c in kb.documents[d].commitments
                     if c.due and produced <= c.due <= produced + dt.timedelta(days=365))
        with_commitments = list(dict.fromkeys(r.split("#")[0] for r in refs))
        if ja:
            text = f"成果文書に記録されたコミットメントは{len(refs)}件で、うち{len(followed)}件は後の文書で再確認・前進などが記録されている。"
            if due:
                text += f"今後12か月以内に期限を迎えるものが{len(due)}件ある（最初は{format_date(due[0][0], lang)}）。"
        else:
            text = (f"The documents record {len(refs)} commitments; for {len(followed)} of them a later "
                    f"document records a follow-up (reaffirmed, taken further, narrowed or superseded).")
            if due:
                text += f" {len(due)} fall due in the next twelve months, the first on {format_date(due[0][0], lang)}."
        points.append(Item((text,) + b.refs(kb.documents[d].sources[0] for d in with_commitments)))
    upcoming = [m for m in meetings if kb.meetings[m].start > produced]
    if upcoming:
        mid = upcoming[0]
        m = kb.meetings[mid]
        points.append(Item((t(lang, "key_next"), when_text(m, lang), " ", b.link("meeting", mid),
                            "。" if ja else ".") + b.refs(m.sources)))
    return points


def commitments_table(b, documents: list[str]) -> Table | None:
    """Every commitment of the selection's documents: what, where in the text, what became of it."""
    kb, lang = b.kb, b.lang
    rows = []
    for did in documents:
        for c in kb.documents[did].commitments:
            status = kb.commitment_status(f"{did}#{c.id}")
            rows.append(((b.plain(c),), (b.link("document", did),),   # its sources: under the meeting
                         (value_text(c.paragraph, lang) if c.paragraph else "",),
                         (t(lang, f"commitment_status_{status}"),),
                         (format_date(c.due, lang) if c.due else "",)))
    if not rows:
        return None
    return Table((t(lang, "commitment"), t(lang, "document"), t(lang, "commitment_paragraph"),
                  t(lang, "commitment_status"), t(lang, "commitment_due")), tuple(rows), weights=(4, 3, 1.2, 1.6, 1.2))


def glossary(b, meetings: list[str]) -> Table | None:
    """The forum abbreviations the briefing uses (PP, CDEP, TELMIN…), with their full names."""
    kb, lang = b.kb, b.lang
    used: dict[str, None] = {}
    for mid in meetings:
        fid = kb.meetings[mid].forum
        while fid and fid not in used:
            used[fid] = None
            fid = kb.forums[fid].parent if fid in kb.forums else None
    rows = []
    for fid in used:
        short, full = forum_text(kb, fid, lang, short=True), forum_text(kb, fid, lang)
        if short != full:
            rows.append(((short,), (full,)))
    if not rows:
        return None
    rows.sort(key=lambda r: r[0][0].lower())
    return Table((t(lang, "glossary_term"), t(lang, "glossary_meaning")), tuple(rows), weights=(1, 4))
