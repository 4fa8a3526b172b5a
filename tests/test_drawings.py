"""The drawings a reader sees on record pages: the lineage drawing, its table and the series strip."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.core import load
from macros.core.shapes import Lineage, Lines
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


def chain(data: Path, n: int, series: bool = False) -> list[str]:
    """n meetings, each building on the one before, one a month from 2001 (in the G7 digital
    ministers' series with `series`)."""
    source = (data / "meetings" / f"{TAKASAKI}.yaml").read_text(encoding="utf-8")
    ids = []
    if series:   # a series without a roster: its meetings are whatever is recorded
        (data / "series" / "chain.yaml").write_text(
            "forum: g7\nname: {ja: 連鎖, en: Chain}\nsources: [mic-2016-g7-takamatsu-result]\n", encoding="utf-8")
    for i in range(n):
        rid = f"chain-{i:02d}"
        text = source.replace("start: 2023-04-29", f"start: {2001 + i // 12}-{i % 12 + 1:02d}-01").replace("end: 2023-04-30\n", "")
        text = text.replace("series: g7-digital-ministers\n", "series: chain\n" if series else "")
        text = text.replace("processes: [hiroshima-ai-process]\n", "")
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


def test_a_record_page_stays_the_same_size_however_long_its_line(valid_data):
    """A line or series of 90 meetings: the table lists 25 on each side and says how many it
    leaves out; the strip draws 20 on each side; both still say which one this is."""
    ids = chain(valid_data, 90, series=True)
    kb = load(valid_data)
    assert kb.errors == []
    ctx = Ctx("en", url_of("meeting", ids[50]))
    table = lineage_table_html(kb, kb.lineage("meeting", ids[50]), ctx)
    assert table.count("<tr>") == 1 + 25 + 1 + 25
    assert "25 earlier and 14 later ones are left out" in table
    strip = series_strip_svg(kb, ids[50], ctx)
    assert len(links(parse(strip))) == 40
    assert "Meeting 51 of the 90 recorded in" in strip
    near_start = series_strip_svg(kb, ids[0], Ctx("en", url_of("meeting", ids[0])))
    assert len(links(parse(near_start))) < 40   # nothing to draw before the first


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


# -- the timeline ------------------------------------------------------------------------
def marks(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href"): a for a in svg.iter(f"{SVG}a")}


def test_facets_include_parent_forums_broader_topics_and_outcome_documents():
    kb = load(VALID)
    f = kb.facets("meeting", TAKASAKI)
    assert f.forums == {"g7"} and f.topics == {"generative-ai", "ai"} and f.roles == {"host"}
    assert "jp" in f.parties                       # Japan has a role, so Japan took part
    assert "hiroshima-ai-process" in f.processes
    takamatsu = kb.facets("meeting", TAKAMATSU)
    assert {"jp", "eu"} <= takamatsu.parties and takamatsu.roles == {"host", "chair"}
    assert kb.facets("document", "g7-2016-joint-declaration").forums == {"g7"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_timeline_draws_every_meeting_as_a_named_link_and_its_table_rows_carry_the_facets(lang):
    import re
    from macros.drawings import timeline_svg
    from macros.pages.indexes import timeline_page
    kb = load(VALID)
    ctx = Ctx(lang, url_of("meeting"))
    html = timeline_svg(kb, list(kb.meetings), ctx)
    svg = parse(html)
    by_href = marks(svg)
    assert sorted(by_href) == sorted(ctx.href(url_of("meeting", m)) for m in kb.meetings)
    takasaki = by_href[ctx.href(url_of("meeting", TAKASAKI))]
    # What the filters match is written once, on the row of the page's table the mark follows.
    assert takasaki.get("data-topic") is None
    href = ctx.href(url_of("meeting", TAKASAKI))
    row = next(r for r in re.findall(r"<tr[^>]*>.*?</tr>", timeline_page(kb, ctx), re.S) if f'href="{href}"' in r)
    assert 'data-kyocho-row' in row and 'data-topic="ai generative-ai"' in row and 'data-role="host"' in row
    name = takasaki.find(f"{SVG}title").text
    assert ("2023" in name and ("Takasaki" in name or "高崎" in name)
            and ("Japan: Host" in name or "日本：開催国" in name))
    # Japan hosted: a diamond (path); a meeting without a Japanese role: a plain dot.
    assert takasaki.find(f"{SVG}path") is not None
    kenya = by_href[ctx.href(url_of("meeting", "bilateral-ke-2023-signing"))]
    assert kenya.find(f"{SVG}path") is None and kenya.find(f"{SVG}circle") is not None
    # One lane per forum family, named.
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "kyocho-svg-label"]
    assert len(labels) == 2 and "G7" in labels
    assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text


def test_timeline_marks_that_would_touch_stack_in_their_lane(valid_data):
    from macros.drawings import timeline_svg
    source = (valid_data / "meetings" / f"{TAKASAKI}.yaml").read_text(encoding="utf-8")
    for i in range(3):   # three meetings on the same day as Takasaki
        (valid_data / "meetings" / f"same-day-{i}.yaml").write_text(
            source.replace("series: g7-digital-ministers\n", "").replace(f"builds_on: [{TAKAMATSU}]", "builds_on: []"),
            encoding="utf-8")
    kb = load(valid_data)
    svg = parse(timeline_svg(kb, list(kb.meetings), Ctx("en", url_of("meeting"))))
    def spot(a: ET.Element) -> tuple[int, int]:
        """Where a mark is: a dot's centre, or a diamond's top corner."""
        shape = next(c for c in a if c.tag in (f"{SVG}circle", f"{SVG}path"))
        if shape.tag == f"{SVG}circle":
            return round(float(shape.get("cx"))), round(float(shape.get("cy")))
        x, y = shape.get("d")[1:].split("l")[0].split(",")
        return round(float(x)), round(float(y))
    spots = [spot(a) for a in svg.iter(f"{SVG}a")]
    assert len(spots) == 6 and len(set(spots)) == 6, "two marks were drawn on the same spot"


def test_the_filters_offer_only_values_some_meeting_has_and_are_hidden_without_script():
    from macros.drawings import timeline_filters_html
    kb = load(VALID)
    html = timeline_filters_html(kb, Ctx("en", url_of("meeting")))
    assert " hidden " in html.split(">")[0]
    for name in ("forum", "topic", "party", "role"):
        assert f'<select name="{name}">' in html
    assert 'value="generative-ai"' in html and 'value="ke"' in html and 'value="host"' in html
    assert 'value="observer"' not in html          # no meeting records Japan as observer
    assert "{n} of {total}" in html                 # the live status line, filled in by the script


def test_series_timeline_shows_the_known_gaps_as_open_marks():
    from macros.drawings import series_timeline_svg
    kb = load(VALID)
    ctx = Ctx("en", url_of("series", "g7-digital-ministers"))
    html = series_timeline_svg(kb, "g7-digital-ministers", ctx)
    svg = parse(html)
    assert len(marks(svg)) == 2                                     # Takamatsu and Takasaki, links
    gaps = [g for g in svg.iter(f"{SVG}g") if g.get("role") == "img"]
    assert len(gaps) == 1 and "Turin" in gaps[0].get("aria-label") and "not yet recorded" in gaps[0].get("aria-label")
    assert "2 recorded" in svg.find(f"{SVG}desc").text and "1 not yet recorded" in svg.find(f"{SVG}desc").text
    assert "Edition not yet recorded" in html                       # the legend says what an open mark is
    assert series_timeline_svg(kb, "g7-digital-ministers", Ctx("ja", "")).count("<a ") == 2


def test_timeline_page_has_the_filters_the_drawing_and_the_year_tables():
    from macros.pages.indexes import timeline_page
    kb = load(VALID)
    page = timeline_page(kb, Ctx("ja", url_of("meeting")))
    assert page.index("data-kyocho-filters") < page.index("kyocho-timeline") < page.index("## 2023")


# -- bars and the topics heat map --------------------------------------------------------
def test_japan_roles_chart_puts_each_meeting_in_one_category():
    from macros.drawings import japan_roles_chart
    from macros.drawings.bars import role_key
    kb = load(VALID)
    assert [role_key(kb.meetings[m].japan_role) for m in (TAKAMATSU, TAKASAKI, "bilateral-ke-2023-signing")] \
        == ["host", "host", "none"]
    html = japan_roles_chart(kb, Ctx("en", ""))
    svg = parse(html)
    names = [r.find(f"{SVG}title").text for r in svg.iter(f"{SVG}rect")]
    assert sorted(names) == ["Bilateral: No role recorded 1", "G7: Japan hosted 2"]
    assert "of the 3 recorded meetings Japan hosted 2" in svg.find(f"{SVG}desc").text
    assert 'href="meetings/?forum=g7"' in html                 # the family's name opens the filtered timeline


def test_rosters_chart_counts_recorded_and_known_editions():
    from macros.drawings import rosters_chart
    kb = load(VALID)
    svg = parse(rosters_chart(kb, Ctx("en", "")))
    names = sorted(r.find(f"{SVG}title").text for r in svg.iter(f"{SVG}rect"))
    assert names == ["G7: Known, not yet recorded 1", "G7: Recorded 2"]
    assert "2 of the 3 known editions" in svg.find(f"{SVG}desc").text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_topics_chart_links_each_cell_to_the_filtered_timeline_at_its_year(lang):
    from macros.drawings import topics_chart
    kb = load(VALID)
    ctx = Ctx(lang, url_of("topic"))
    html = topics_chart(kb, ctx)
    hrefs = links(parse(html))
    timeline = ctx.href(url_of("meeting"))
    # ai counts its narrower topic (generative-ai, Takasaki 2023) as its topic page does.
    assert f"{timeline}?topic=ai#y2016" in hrefs and f"{timeline}?topic=ai#y2023" in hrefs
    assert f"{timeline}?topic=generative-ai#y2023" in hrefs and f"{timeline}?topic=generative-ai#y2016" not in hrefs
    assert "2016 (1)" in html and "<table>" in html


def _walked(links: dict[str, list[str]], rid: str) -> set[str]:
    """A line the plain way: every record reached through `links`, walked from `rid`."""
    seen, stack = set(), list(links.get(rid, []))
    while stack:
        cur = stack.pop()
        if cur not in seen and cur != rid:
            seen.add(cur)
            stack.extend(links.get(cur, []))
    return seen


def test_lines_reach_what_a_walk_reaches_through_diamonds_circles_and_missing_records():
    # e builds on c and d, both on b, b on a; f and g build on each other (an error the
    # validator reports); h names a record that does not exist.
    parents = {"a": [], "b": ["a"], "c": ["b"], "d": ["b", "a"], "e": ["c", "d"],
               "f": ["g"], "g": ["f", "e"], "h": ["nowhere"]}
    lines = Lines(list(parents), parents)
    children = {rid: [c for c, ps in parents.items() if rid in ps] for rid in parents}
    for rid in parents:
        line = Lineage("meeting", rid, (), (), lines)
        assert set(line.before) == _walked(parents, rid) - {"nowhere"}, rid
        assert set(line.after) == _walked(children, rid), rid
        assert list(line.before) == sorted(line.before, key=list(parents).index)   # oldest first
        assert (line.count_before, line.count_after) == (len(line.before), len(line.after))
        assert line.nearest_before(2) == line.before[-2:] and line.nearest_after(2) == line.after[:2]
        assert all(line.is_before(i) == (i in line.before) for i in parents)
    assert not Lineage("meeting", "h", (), (), lines)
