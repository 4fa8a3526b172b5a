"""What a minister reads first in a briefing, and what helps read the rest: key points drawn
from the data (each with its sources), the selection's commitments in one table, how current
the data is, and a glossary of the forum abbreviations the briefing uses.
"""

from __future__ import annotations

import datetime as dt

from ..core.kb import KnowledgeBase
from ..i18n import EN_MONTHS, format_date, t
from ..text import forum_text, value_text, when_text
from .blocks import Inline, Item, Table

LEADING = ("host", "chair", "co-chair")
DUE_WITHIN_DAYS = 365   # "falls due in the next twelve months"


def data_current_to(kb: KnowledgeBase, records: list[tuple[str, str]]) -> dt.date | None:
    """The newest change to any of the selected records' files, or None if history is unknown."""
    dates = [kb.changed.get(kb.records[kind][rid].path) for kind, rid in records if rid in kb.records[kind]]
    known = [d for d in dates if d]
    return max(known) if known else None


# The sentences of the key points and the overview, with their numbers as {placeholders}.
# Wording lives here only: the site's briefing builder receives these templates in its data
# (briefings.kit) and fills in the same numbers.
TEMPLATES = {
    "ja": {
        "led": "日本は{n}件の会合のうち{led}件で開催国または議長を務めた。最近では",
        "commitments": "成果文書に記録されたコミットメントは{n}件で、うち{followed}件は後の文書で再確認・前進などが記録されている。",
        "commitments_due": "今後12か月以内に期限を迎えるものが{due}件ある（最初は{first}）。",
        "overview_documents_only": "会合に紐づかない成果文書が{d}件あります。",
        "overview": "{first}から{last}までに、{forums}の場で計{n}件の会合が開かれ、{d}件の成果文書が採択・公表されました。",
        "overview_forum": "{forum}（{n}件）",
        "overview_led": "このうち{led}件の会合で、日本が開催国または議長を務めました。",
        "month": "{year}年{month}月",
        "outcomes": "。成果文書：",
        "end": "。",
    },
    "en": {
        "led": "Japan hosted or chaired {led} of the {n} meetings, most recently ",
        "commitments": ("The documents record {n} commitments; for {followed} of them a later "
                        "document records a follow-up (reaffirmed, taken further, narrowed or superseded)."),
        "commitments_due": " {due} fall due in the next twelve months, the first on {first}.",
        "overview_documents_only": "{d} outcome document{d_s} not tied to a meeting.",
        "overview": ("Between {first} and {last}, {n} meeting{n_s} took place in {forums}, and {d} outcome "
                     "document{d_s} were adopted or issued."),
        "overview_forum": "{forum} ({n})",
        "overview_led": " Japan hosted or chaired {led} of {them}.",
        "month": "{month_name} {year}",
        "outcomes": "; it adopted ",
        "end": ".",
    },
}


def fill(lang: str, name: str, **values) -> str:
    """A template of TEMPLATES with its {placeholders} filled."""
    return TEMPLATES[lang][name].format(**values)


def month_text(day: dt.date, lang: str) -> str:
    """「2016年4月」 / "April 2016"."""
    return fill(lang, "month", year=day.year, month=day.month, month_name=EN_MONTHS[day.month - 1])


def latest_runs(b, mid: str) -> tuple:
    """The key point on the newest held meeting and what it adopted."""
    kb, lang = b.kb, b.lang
    m = kb.meetings[mid]
    runs: list[Inline] = [t(lang, "key_latest"), when_text(m, lang), " ", b.link("meeting", mid)]
    outcomes = [d for d in kb.outcomes(mid) if kb.documents[d].annex_of is None]
    if outcomes:
        runs.append(fill(lang, "outcomes"))
        runs += list(b.joined("document", outcomes))
    runs.append(fill(lang, "end"))
    return tuple(runs) + b.refs(m.sources)


def next_runs(b, mid: str) -> tuple:
    """The key point on the next planned meeting."""
    m = b.kb.meetings[mid]
    return (t(b.lang, "key_next"), when_text(m, b.lang), " ", b.link("meeting", mid),
            fill(b.lang, "end")) + b.refs(m.sources)


def is_held(m, produced: dt.date) -> bool:
    return m.start <= produced and m.status == "held"


def key_points(b, meetings: list[str], documents: list[str], produced: dt.date) -> list[Item]:
    """A few lines from the data: the newest meeting and what it adopted, Japan's part, the
    commitments and what became of them, and what is planned next; each cites its sources."""
    kb, lang = b.kb, b.lang
    points: list[Item] = []
    held = [m for m in meetings if is_held(kb.meetings[m], produced)]
    if held:
        points.append(Item(latest_runs(b, held[-1])))
    led = [m for m in meetings if set(LEADING) & set(kb.meetings[m].japan_role)]
    if led:
        latest = led[-1]
        points.append(Item((fill(lang, "led", n=len(meetings), led=len(led)), b.link("meeting", latest),
                            fill(lang, "end")) + b.refs(kb.meetings[latest].sources)))
    refs = [f"{d}#{c.id}" for d in documents for c in kb.documents[d].commitments]
    if refs:
        followed = [r for r in refs if kb.commitment_status(r) != "open"]
        due = sorted((c.due, d) for d in documents for c in kb.documents[d].commitments
                     if c.due and produced <= c.due <= produced + dt.timedelta(days=DUE_WITHIN_DAYS))
        with_commitments = list(dict.fromkeys(r.split("#")[0] for r in refs))
        text = fill(lang, "commitments", n=len(refs), followed=len(followed))
        if due:
            text += fill(lang, "commitments_due", due=len(due), first=format_date(due[0][0], lang))
        points.append(Item((text,) + b.refs(kb.documents[d].sources[0] for d in with_commitments)))
    upcoming = [m for m in meetings if kb.meetings[m].start > produced]
    if upcoming:
        points.append(Item(next_runs(b, upcoming[0])))
    return points


def commitment_row(b, did: str, c) -> tuple:
    """A commitment's row: what, in which document, where in its text, what became of it, when due."""
    lang = b.lang
    status = b.kb.commitment_status(f"{did}#{c.id}")
    return ((b.plain(c),), (b.link("document", did),),   # its sources: under the meeting
            (value_text(c.paragraph, lang) if c.paragraph else "",),
            (t(lang, f"commitment_status_{status}"),),
            (format_date(c.due, lang) if c.due else "",))


def commitments_table(b, documents: list[str]) -> Table | None:
    """Every commitment of the selection's documents: what, where in the text, what became of it."""
    kb, lang = b.kb, b.lang
    rows = [commitment_row(b, did, c) for did in documents for c in kb.documents[did].commitments]
    if not rows:
        return None
    return Table((t(lang, "commitment"), t(lang, "document"), t(lang, "commitment_paragraph"),
                  t(lang, "commitment_status"), t(lang, "commitment_due")), tuple(rows), weights=(4, 3, 1.2, 1.6, 1.2))


def forum_chain(kb: KnowledgeBase, fid: str | None) -> list[str]:
    """A forum and the forums it belongs to, innermost first (the glossary walks them)."""
    out = []
    while fid and fid not in out:
        out.append(fid)
        fid = kb.forums[fid].parent if fid in kb.forums else None
    return out


def glossary(b, meetings: list[str]) -> Table | None:
    """The forum abbreviations the briefing uses (PP, CDEP, TELMIN…), with their full names."""
    kb, lang = b.kb, b.lang
    used: dict[str, None] = {}
    for mid in meetings:
        for fid in forum_chain(kb, kb.meetings[mid].forum):
            if fid in used:
                break
            used[fid] = None
    rows = []
    for fid in used:
        short, full = forum_text(kb, fid, lang, short=True), forum_text(kb, fid, lang)
        if short != full:
            rows.append(((short,), (full,)))
    if not rows:
        return None
    rows.sort(key=lambda r: r[0][0].lower())
    return Table((t(lang, "glossary_term"), t(lang, "glossary_meaning")), tuple(rows), weights=(1, 4))
