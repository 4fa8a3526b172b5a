"""Interface strings per language, and dates the way each language writes them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from .core import yamlio

STRINGS_DIR = Path(__file__).parent / "strings"


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, str]:
    return yamlio.load((STRINGS_DIR / f"{lang}.yaml").read_text(encoding="utf-8")).data


def t(lang: str, key: str) -> str:
    """The string for `key`, falling back to English, then to the key itself."""
    return strings(lang).get(key) or strings("en").get(key) or key


# Start date of each era (Gregorian), newest first. Dates before the Gregorian calendar
# was adopted in Japan (1873) are out of scope for this knowledge base.
ERAS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1873, 1, 1), "明治"),
)
_MEIJI_FIRST_YEAR = 1868


def era_year(day: dt.date) -> str:
    """`平成28年` for 2016-04-29; the first year of an era is written 元年."""
    for start, name in ERAS:
        if day >= start:
            first = _MEIJI_FIRST_YEAR if name == "明治" else start.year
            n = day.year - first + 1
            return f"{name}{'元' if n == 1 else n}年"
    raise ValueError(f"{day} is before 1873, which this calendar does not cover")


GREGORIAN_IN_JAPAN = dt.date(1873, 1, 1)   # Meiji 6: Japan adopts the Gregorian calendar

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def format_date(day: dt.date, lang: str) -> str:
    return format_range(day, None, lang)


def format_range(start: dt.date, end: dt.date | None, lang: str, era: bool = True) -> str:
    """A date or a date range: `2016年4月29日〜30日（平成28年）`, `29–30 April 2016`.
    `era=False` leaves out the Japanese era (inside other brackets, where it would nest)."""
    if end is None or end == start:
        end = None
    if start < GREGORIAN_IN_JAPAN:
        # Japan counted era years on the lunisolar calendar until 1873: a Gregorian date before
        # then is written without an era year rather than with a guessed one.
        era = False
    if lang == "ja":
        head = f"{start.year}年{start.month}月{start.day}日"
        if not era:
            return head + ("" if end is None else "〜" + (
                f"{end.year}年{end.month}月{end.day}日" if end.year != start.year else
                f"{end.month}月{end.day}日" if end.month != start.month else f"{end.day}日"))
        if end is None:
            return f"{head}（{era_year(start)}）"
        if era_year(start) != era_year(end):
            return f"{head}（{era_year(start)}）〜{end.year}年{end.month}月{end.day}日（{era_year(end)}）"
        if end.year != start.year:
            tail = f"{end.year}年{end.month}月{end.day}日"
        elif end.month != start.month:
            tail = f"{end.month}月{end.day}日"
        else:
            tail = f"{end.day}日"
        return f"{head}〜{tail}（{era_year(start)}）"
    month = EN_MONTHS[start.month - 1]
    if end is None:
        return f"{start.day} {month} {start.year}"
    end_month = EN_MONTHS[end.month - 1]
    if end.year != start.year:
        return f"{start.day} {month} {start.year} – {end.day} {end_month} {end.year}"
    if end.month != start.month:
        return f"{start.day} {month} – {end.day} {end_month} {start.year}"
    return f"{start.day}–{end.day} {month} {start.year}"
