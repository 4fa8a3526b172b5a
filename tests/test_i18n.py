"""Interface strings and dates, as readers of each language expect them."""

import datetime as dt

import pytest

from macros.i18n import era_year, format_range, strings, t


def test_both_languages_have_the_same_keys():
    ja, en = set(strings("ja")), set(strings("en"))
    assert ja - en == set(), f"only in ja.yaml: {sorted(ja - en)}"
    assert en - ja == set(), f"only in en.yaml: {sorted(en - ja)}"


def test_no_empty_strings():
    for lang in ("ja", "en"):
        assert all(isinstance(v, str) and v.strip() for v in strings(lang).values()), lang


def test_unknown_key_falls_back_to_the_key():
    assert t("ja", "no-such-key") == "no-such-key"


@pytest.mark.parametrize("day, expected", [
    (dt.date(2016, 4, 29), "平成28年"),
    (dt.date(2019, 4, 30), "平成31年"),
    (dt.date(2019, 5, 1), "令和元年"),
    (dt.date(2023, 5, 19), "令和5年"),
    (dt.date(1989, 1, 7), "昭和64年"),
    (dt.date(1989, 1, 8), "平成元年"),
    (dt.date(1995, 2, 25), "平成7年"),
])
def test_era_year(day, expected):
    assert era_year(day) == expected


@pytest.mark.parametrize("start, end, lang, expected", [
    ((2016, 4, 29), None, "ja", "2016年4月29日（平成28年）"),
    ((2016, 4, 29), (2016, 4, 30), "ja", "2016年4月29日〜30日（平成28年）"),
    ((2016, 4, 29), (2016, 5, 2), "ja", "2016年4月29日〜5月2日（平成28年）"),
    ((2019, 4, 30), (2019, 5, 1), "ja", "2019年4月30日（平成31年）〜2019年5月1日（令和元年）"),
    ((2016, 4, 29), None, "en", "29 April 2016"),
    ((2016, 4, 29), (2016, 4, 30), "en", "29–30 April 2016"),
    ((2016, 4, 29), (2016, 5, 2), "en", "29 April – 2 May 2016"),
    ((2019, 12, 30), (2020, 1, 2), "en", "30 December 2019 – 2 January 2020"),
])
def test_format_range(start, end, lang, expected):
    assert format_range(dt.date(*start), dt.date(*end) if end else None, lang) == expected


def test_dates_before_japan_adopted_the_gregorian_calendar_have_no_era():
    import datetime as dt
    assert format_range(dt.date(1868, 6, 12), dt.date(1868, 7, 21), "ja") == "1868年6月12日〜7月21日"
    assert format_range(dt.date(1871, 12, 1), dt.date(1872, 1, 14), "ja") == "1871年12月1日〜1872年1月14日"
    assert format_range(dt.date(1873, 1, 1), None, "ja") == "1873年1月1日（明治6年）"
