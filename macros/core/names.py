"""Names become ids: what was meant when a name stands where an id belongs.

`host: france`, `host: フランス` and `forum: G7-summit` are not ids, but the records say which
ones were meant: a party's or forum's names in both languages, its short name, a process's
aliases, a country's ISO code. The suggestion names the record too, so the contributor sees
that `fr` is France before writing it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Iterable

from .problems import closest

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_SEPARATORS = re.compile(r"[\s\-_.・･,、/（）()]+")


def _norm(text: str) -> str:
    """Case, width and separators aside: `G7 Summit`, `g7-summit` and `Ｇ７サミット` compare alike."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).casefold())


def names_of(model: Any) -> list[str]:
    """Every name a record is known by: name, short name and title in both languages, aliases, ISO code."""
    out: list[str] = []
    for field in ("name", "short", "title"):
        text = getattr(model, field, None)
        out += [v for v in (getattr(text, "ja", None), getattr(text, "en", None)) if v]
    out += list(getattr(model, "aliases", None) or [])
    iso = getattr(model, "iso", None)
    return out + ([iso] if iso else [])


def label(model: Any, lang: str = "en", rid: str = "") -> str:
    """The record's name to show beside its id: its short name, unless that is the id itself."""
    for field in ("short", "name", "title"):
        text = getattr(model, field, None)
        if text is not None:
            value = getattr(text, lang, None) or getattr(text, "en", None) or getattr(text, "ja", None)
            if value and _norm(value) != _norm(rid):
                return value
    return ""


def suggest(word: str, records: dict[str, Any]) -> tuple[str, bool] | None:
    """(id, found by a name rather than by the id's spelling) of the record `word` most likely
    means, or None. `records` maps ids to models."""
    word = str(word)
    key = _norm(word)
    if not key:
        return None
    by_name: dict[str, set[str]] = {}
    for rid, model in records.items():
        for name in names_of(model):
            by_name.setdefault(_norm(name), set()).add(rid)
    exact = by_name.get(key, set())
    if len(exact) == 1:
        return next(iter(exact)), True
    spelt = closest(word, records)
    if spelt:
        return spelt, False
    close = difflib.get_close_matches(key, list(by_name), n=2, cutoff=0.8)
    if close and len(by_name[close[0]]) == 1 and (len(close) == 1 or by_name[close[1]] == by_name[close[0]]):
        return next(iter(by_name[close[0]])), True
    # A name with more after it (`G7-summit`, `g20 digital`): the longest leading part that is one record.
    words = [w for w in re.split(r"[\s\-_]+", unicodedata.normalize("NFKC", word)) if w]
    for n in range(len(words) - 1, 0, -1):
        head = "-".join(words[:n]).lower()
        found = {head} & set(records) or by_name.get(_norm(head), set())
        if len(found) == 1:
            return next(iter(found)), True
    return None


def did_you_mean_record(word: str, records: dict[str, Any]) -> str:
    """`` (did you mean 'fr' (France)?)`` for a name, `` (did you mean 'g7'?)`` for a misspelt id, or ""."""
    found = suggest(word, records)
    if found is None:
        return ""
    rid, by_name = found
    lang = "ja" if _JAPANESE.search(str(word)) else "en"
    name = label(records[rid], lang, rid) if by_name else ""
    return f" (did you mean '{rid}' ({name})?)" if name else f" (did you mean '{rid}'?)"


def models_of(records: Iterable[Any]) -> dict[str, Any]:
    """{id: model} of Records, as `suggest` takes them."""
    return {r.id: r.model for r in records}
