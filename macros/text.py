"""Record values as plain text in one language: titles, places, countries, forum names, roles.

Plain means unescaped: callers that write HTML escape it (`markup`), the others (Word,
BibTeX, iCalendar, JSON-LD) take it as it is. A value missing in the language falls back to
the other language; pages that must say so use `markup.text_html` instead.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from typing import Any

import pycountry

from .core.kb import KnowledgeBase
from .core.models import LANGS, Text
from .i18n import t


def other_lang(lang: str) -> str:
    return next(code for code in LANGS if code != lang)


def list_sep(lang: str) -> str:
    """Between items of a list: 「、」 in Japanese, ", " in English."""
    return "、" if lang == "ja" else ", "


def in_parens(value: str, lang: str) -> str:
    """（…） after Japanese, " (…)" after English."""
    return f"（{value}）" if lang == "ja" else f" ({value})"


def label(lang: str, key: str) -> str:
    """`開催地：` / `Place: ` — an interface string introducing a value."""
    return f"{t(lang, key)}：" if lang == "ja" else f"{t(lang, key)}: "


def value_text(value: Text | None, lang: str) -> str:
    """A bilingual field in `lang`, else in the other language, else ""."""
    if value is None:
        return ""
    return value.get(lang) or value.get(other_lang(lang)) or ""


def title_of(kb: KnowledgeBase, kind: str, rid: str) -> Text:
    """The bilingual name of any record: a meeting's or document's title, else its name."""
    model: Any = kb.get(kind, rid)
    return model.title if kind in ("meeting", "document") else model.name


def title_text(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    return value_text(title_of(kb, kind, rid), lang)


def forum_text(kb: KnowledgeBase, forum_id: str, lang: str, short: bool = False) -> str:
    """A forum's name; with `short`, its abbreviation where it has one (G7, OECD CDEP)."""
    forum = kb.forums[forum_id]
    return value_text(forum.short if short and forum.short else forum.name, lang)


@lru_cache(maxsize=None)
def _country_names(lang: str):
    if lang == "en":
        return lambda s: s
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:  # pragma: no cover - translations ship with pycountry
        return lambda s: s


def country_text(kb: KnowledgeBase, code: str, lang: str) -> str:
    """A country's name: its party record's name when there is one, else ISO 3166's."""
    party = kb.party_by_iso.get(code)
    if party is not None:
        return value_text(party.name, lang)
    country = pycountry.countries.get(alpha_2=code)
    name = getattr(country, "common_name", None) or country.name
    return _country_names(lang)(country.name) if lang != "en" else name


def place_parts(kb: KnowledgeBase, meeting_id: str, lang: str) -> tuple[Text | None, list[str]]:
    """A meeting's place in parts: the city (bilingual, to be written by the caller) and the
    rest as text (country, online). (None, []) when no place is recorded."""
    p = kb.meetings[meeting_id].place
    if p is None:
        return None, []
    rest = [country_text(kb, p.country, lang)] if p.country else []
    if p.virtual:
        rest.append(t(lang, "virtual"))
    return p.city, rest


def place_text(kb: KnowledgeBase, meeting_id: str, lang: str) -> str:
    """Where a meeting took place: city, country, online ("" when not recorded)."""
    city, rest = place_parts(kb, meeting_id, lang)
    return list_sep(lang).join(([value_text(city, lang)] if city else []) + rest)


def choice_text(lang: str, prefix: str, value: str) -> str:
    """An allowed value in words: `choice_text("ja", "role", "host")` → 議長国 etc."""
    return t(lang, f"{prefix}_{value}")


def roles_text(values, lang: str) -> str:
    """Japan's roles at a meeting, in words."""
    return list_sep(lang).join(choice_text(lang, "role", r) for r in values)
