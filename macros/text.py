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
from .i18n import format_range, t


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


def representative_text(rep, lang: str) -> str:
    """A representative with their title: 「総務大臣　松本剛明」 / "Takeaki Matsumoto, Minister …"."""
    name, title = value_text(rep.name, lang), value_text(rep.title, lang)
    return f"{title}　{name}" if lang == "ja" else f"{name}, {title}"


def edition_text(edition, lang: str) -> str:
    """An edition by name and date: 「第10回 クアラルンプール（2011年1月13日〜14日）」 /
    "10th, Kuala Lumpur (13–14 January 2011)"; the year alone when no date is known."""
    when = format_range(edition.start, edition.end, lang, era=False) if edition.start else (
        f"{edition.year}年" if lang == "ja" else str(edition.year))
    city = value_text(edition.city, lang) if edition.city else ""
    if lang == "ja":
        number = f"第{edition.number}回" if edition.number else ""
        return "　".join(x for x in (number, city) if x) + f"（{when}）"
    number = ordinal(edition.number) if edition.number else ""
    return ", ".join(x for x in (number, city) if x) + f" ({when})"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def choice_text(lang: str, prefix: str, value: str) -> str:
    """An allowed value in words: `choice_text("ja", "role", "host")` → 議長国 etc."""
    return t(lang, f"{prefix}_{value}")


def when_text(meeting, lang: str, era: bool = True) -> str:
    """A meeting's dates, marked 「（予定）」 / "(planned)" when it is announced but not yet held."""
    when = format_range(meeting.start, meeting.end, lang, era=era)
    return when + t(lang, "planned_mark") if meeting.status == "planned" else when


def roles_text(values, lang: str) -> str:
    """Japan's roles at a meeting, in words."""
    return list_sep(lang).join(choice_text(lang, "role", r) for r in values)


def roster_count_text(kb: KnowledgeBase, series_id: str, lang: str) -> str:
    """「判明している12回のうち8回を収録」 / "8 of 12 known editions recorded"; "" without a roster."""
    counted = kb.roster_count(series_id)
    if counted is None:
        return ""
    return t(lang, "editions_recorded").format(recorded=counted[0], known=counted[1])


def missing_editions_text(kb: KnowledgeBase, series_id: str, lang: str) -> str:
    """The editions not yet recorded, by name and date, as one sentence ("" when none)."""
    missing = kb.missing_editions(series_id)
    if not missing:
        return ""
    return t(lang, "editions_missing").format(list=list_sep(lang).join(edition_text(e, lang) for e in missing))
