"""The drawings a reader sees on record pages: the lineage drawing, its table and the series strip."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.core import load
from macros.drawings import lineage_svg, lineage_table_html, series_strip_svg
from macros.drawings.svg import fit, text_width
from macros.pages import blocks
from macros.urls import Ctx, url_of

from .conftest import VALID

SVG = "{http://www.w3.org/2000/svg}"
TAKAMATSU, TAKASAKI = "g7-2016-ict-ministers-takamatsu", "g7-2023-digital-ministers-takasaki"


def parse(html: str) -> ET.Element:
    """The first <svg> of a piece of HTML, parsed as XML (so it must be well-formed)."""
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])


def links(svg: ET.Element) -> list[str]:
    return [a.get("href") for a in svg.iter(f"{SVG}a")]


def chain(data: Path, n: int) -> list[str]:
    """n meetings, each building on the one before, one a year from 2001 (no series)."""
    source = (data / "meetings" / f"{TAKASAKI}.yaml").read_text(encoding="utf-8")
    ids = []
    for i in range(n):
        rid = f"chain-{i:02d}"
        text = source.replace("start: 2023-04-29", f"start: {2001 + i}-05-01").replace("end: 2023-04-30\n", "")
        text = text.replace("series: g7-digital-ministers\n", "").replace("processes: [hiroshima-ai-process]\n", "")
        text = text.replace(f"builds_on: [{TAKAMATSU}]", f"builds_on: [chain-{i - 1:02d}]" if i else "builds_on: []")
        text = text.replace("en: G7 Digital and Tech Ministers' Meeting in Takasaki, Gunma", f"en: Chain meeting {i}")
        (data / "meetings" / f"{rid}.yaml").write_text(text, encoding="utf-8")
        ids.append(rid)
    return ids


def test_lineage_is_one_definition_with_direct_and_transitive_links():
    kb = load(VALID)
    line = kb.lineage("meeting", TAKASAKI)
    assert line.builds_on == (TAKAMATSU,) and line.before == (TAKAMATSU,)
    assert line.ids == (TAKAMATSU, TAKASAKI)
    assert kb.lineage("meeting", TAKAMATSU).followed_by == (TAKASAKI,)
    assert not kb.lineage("meeting", "bilateral-ke-2023-signing")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_lineage_drawing_links_each_other_record_and_marks_this_one(lang):
    kb = load(VALID)
    ctx = Ctx(lang, url_of("meeting", TAKASAKI))
    svg = parse(lineage_svg(kb, kb.lineage("meeting", TAKASAKI), ctx))
    assert svg.get("role") == "group" and svg.get("aria-labelledby") and svg.get("aria-describedby")
    assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    assert links(svg) == [ctx.href(url_of("meeting", TAKAMATSU))]
    current = [g for g in svg.iter(f"{SVG}g") if g.get("aria-current") == "page"]
    assert len(current) == 1 and ("高崎" if lang == "ja" else "Takasaki") in current[0].get("aria-label")
    assert len(list(svg.iter(f"{SVG}path"))) == 1        # the arc from Takasaki to Takamatsu


def test_a_long_line_is_drawn_around_the_record_and_listed_whole_in_the_table(valid_data):
    ids = chain(valid_data, 15)
    kb = load(valid_data)
    assert kb.errors == []
    ctx = Ctx("en", url_of("meeting", ids[7]))
    line = kb.lineage("meeting", ids[7])
    html = lineage_svg(kb, line, ctx)
    svg = parse(html)
    assert len(links(svg)) == 12                          # six on each side; the rest in the table
    texts = "".join(svg.itertext())
    assert "… 1 earlier (see the table)" in texts and "… 1 later (see the table)" in texts
    assert len(list(svg.iter(f"{SVG}path"))) == 12       # one arc per drawn link in the line
    table = lineage_table_html(kb, line, ctx)
    assert table.count("<tr>") == 1 + 15
    assert "builds on it directly" in table and "follows directly" in table and "<strong>Chain meeting 7</strong>" in table


def test_the_series_strip_shows_every_recorded_meeting_and_says_which_this_is():
    kb = load(VALID)
    html = series_strip_svg(kb, TAKASAKI, Ctx("en", url_of("meeting", TAKASAKI)))
    svg = parse(html)
    assert len(links(svg)) == len(kb.meetings_of_series("g7-digital-ministers")) - 1
    assert "Meeting 2 of the 2 recorded in" in html and 'href="' in html.split("<figcaption>")[1]
    ja = series_strip_svg(kb, TAKASAKI, Ctx("ja", url_of("meeting", TAKASAKI)))
    assert "2件の会合のうち、古い方から2件目" in ja
    assert series_strip_svg(kb, "bilateral-ke-2023-signing", Ctx("en", "")) == ""


def test_record_page_lineage_section_has_drawing_strip_and_table():
    kb = load(VALID)
    html = blocks.lineage_html(kb, "meeting", TAKASAKI, Ctx("en", url_of("meeting", TAKASAKI)))
    assert html.count("<svg") == 2 and "<details" in html and "<table>" in html
    assert blocks.lineage_html(kb, "meeting", "bilateral-ke-2023-signing", Ctx("en", "")) == ""


def test_labels_that_would_not_fit_are_cut_and_keep_their_whole_name_elsewhere():
    assert fit("short", 200) == "short"
    cut = fit("情報通信" * 30, 130)
    assert cut.endswith("…") and text_width(cut) <= 130


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_per_year_chart_counts_every_meeting_and_links_each_bar_to_its_year(lang):
    from macros.core import load as load_kb
    from macros.drawings import per_year_chart
    from .conftest import ROOT
    kb = load_kb(ROOT / "data")
    ctx = Ctx(lang, "")
    html = per_year_chart(kb, ctx)
    svg = parse(html)
    years = {m.start.year for m in kb.meetings.values()}
    hrefs = links(svg)
    assert sorted(hrefs) == sorted(f"{ctx.href(url_of('meeting'))}#y{y}" for y in years)
    # Each bar's name gives its year's count; together they count every meeting once.
    names = [a.get("aria-label") for a in svg.iter(f"{SVG}a")]
    import re
    counted = sum(int(re.search(r"(\d+)(?: meetings|件)", n).group(1)) for n in names)
    assert counted == len(kb.meetings)
    assert "<table>" in html and "kyocho-legend" in html
