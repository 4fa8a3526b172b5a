"""Briefing packs: what is selected, that nothing selected is lost, and the three formats."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from macros import briefings
from macros.core.models import FOLDERS
from macros.text import value_text
from macros.urls import BRIEFING_KINDS, Ctx
from macros.core import load
from tests.conftest import ROOT, VALID

DAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def kb():
    return load(VALID)


@pytest.fixture(scope="module")
def real_kb():
    return load(ROOT / "data")


def select(kb, **facets):
    sel = briefings.Selection(**{k: tuple(v) if isinstance(v, list) else v for k, v in facets.items()})
    return briefings.select_meetings(kb, sel)


# -- selection ----------------------------------------------------------------------------
def test_a_topic_includes_its_narrower_topics(kb):
    # Takasaki is tagged generative-ai only, which is narrower than ai.
    assert select(kb, topics=["ai"]) == ["g7-2016-ict-ministers-takamatsu",
                                         "g7-2023-digital-ministers-takasaki"]
    assert select(kb, topics=["generative-ai"]) == ["g7-2023-digital-ministers-takasaki"]


def test_facets_narrow_and_values_widen(kb):
    assert select(kb, forums=["g7", "bilateral-ke"]) == [
        "g7-2016-ict-ministers-takamatsu", "g7-2023-digital-ministers-takasaki",
        "bilateral-ke-2023-signing"]
    assert select(kb, forums=["g7"], since=dt.date(2020, 1, 1)) == ["g7-2023-digital-ministers-takasaki"]
    assert select(kb, forums=["g7"], until=dt.date(2016, 4, 29)) == ["g7-2016-ict-ministers-takamatsu"]
    assert select(kb, parties=["ke"]) == ["bilateral-ke-2023-signing"]
    assert select(kb, topics=["ai"], forums=["bilateral-ke"]) == []


def test_unknown_ids_and_empty_ranges_are_explained(kb):
    sel = briefings.Selection(topics=("aii",), forums=("g8",), since=dt.date(2020, 1, 1),
                             until=dt.date(2019, 1, 1))
    assert sel.problems(kb) == [
        "--topic: no topic has the id 'aii' (did you mean 'ai'?)",
        "--forum: no forum has the id 'g8' (did you mean 'g7'?)",
        "--until: 2019-01-01 is before --since 2020-01-01",
    ]


def test_an_empty_selection_says_so(kb):
    brief = briefings.build(kb, briefings.Selection(topics=("ai",), forums=("bilateral-ke",)), Ctx("en", linked=False), DAY)
    assert "No meetings or documents match this selection." in briefings.to_markdown(brief)


# -- content ------------------------------------------------------------------------------
def test_japanese_briefing_has_era_dates_overview_and_numbered_sources(kb):
    brief = briefings.build(kb, briefings.Selection(forums=("g7",)), Ctx("ja", linked=False), DAY)
    md = briefings.to_markdown(brief)
    assert md.startswith("# ブリーフィング資料：主要7か国")
    assert "作成日：2026年11月21日（令和8年）" in md
    assert "2016年4月29日〜30日（平成28年）" in md
    assert "計2件の会合" in md and "日本が開催国または議長を務めました" in md
    # Outcome documents with their official titles; the annex under its parent.
    assert "共同宣言" in md and "附属書：" in md
    # Every cited source is numbered once, with its address.
    refs = re.findall(r'<a id="ref-(\d+)"></a>', md)
    assert refs == [str(n) for n in range(1, len(refs) + 1)] and len(refs) == 2
    assert "https://www.soumu.go.jp/" in md or "https://" in md


def test_a_summary_missing_in_the_language_is_marked(kb):
    brief = briefings.build(kb, briefings.Selection(series=("g7-digital-ministers",)), Ctx("en", linked=False), DAY)
    md = briefings.to_markdown(brief)
    assert "\\[not yet translated\\] テスト用の要約です。" in md


def test_a_series_briefing_names_the_editions_not_yet_recorded(kb):
    sel = briefings.Selection(series=("g7-digital-ministers",))
    en = briefings.to_markdown(briefings.build(kb, sel, Ctx("en", linked=False), DAY))
    assert "2 of 3 known editions recorded. Not yet recorded: Turin (25–26 September 2017)." in en
    ja = briefings.to_markdown(briefings.build(kb, sel, Ctx("ja", linked=False), DAY))
    assert "判明している3回のうち2回を収録。未収録：トリノ（2017年9月25日〜26日）。" in ja


def test_a_briefing_says_who_represented_japan(kb):
    sel = briefings.Selection(series=("g7-digital-ministers",))
    ja = briefings.to_markdown(briefings.build(kb, sel, Ctx("ja", linked=False), DAY))
    assert "日本の代表：総務大臣　高市早苗" in ja


def test_record_text_is_escaped_in_html(valid_data):
    meeting = valid_data / "meetings" / "g7-2016-ict-ministers-takamatsu.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "A summary for the tests.", "<script>alert(1)</script> [x](javascript:alert(1))"), encoding="utf-8")
    kb = load(valid_data)
    assert not kb.errors
    html = briefings.to_html(briefings.build(kb, briefings.Selection(forums=("g7",)), Ctx("en", linked=False), DAY))
    assert "<script" not in html.lower() and "javascript:" not in html
    assert "G7 ICT Ministers&#x27; Meeting in Takamatsu" in html


@pytest.mark.parametrize("kind", ["topic", "forum", "series", "party"])
def test_nothing_selected_is_lost(real_kb, kind):
    """Every meeting and document a selection includes appears, with every source it cites."""
    facet = briefings.FACET_OF[kind]
    for rid in real_kb.records[kind]:
        sel = briefings.Selection(**{facet: (rid,)})
        brief = briefings.build(real_kb, sel, Ctx("en", linked=False), DAY)
        text = briefings.to_markdown(brief)
        plain = text.replace("\\", "")
        meetings = briefings.select_meetings(real_kb, sel)
        documents = [d for m in meetings for d in real_kb.outcomes(m)] + \
            briefings.select_other_documents(real_kb, sel, meetings)
        assert brief.meetings == meetings and sorted(brief.documents) == sorted(documents)
        for mid in meetings:
            assert value_text(real_kb.meetings[mid].title, "en") in plain, (rid, mid)
        for did in documents:
            assert value_text(real_kb.documents[did].title, "en") in plain, (rid, did)
        cited = {k for m in meetings for k in real_kb.meetings[m].sources} | \
            {k for d in documents for k in real_kb.documents[d].sources}
        for key in cited:
            assert real_kb.sources[key].url in plain, (rid, key)


# -- Word -----------------------------------------------------------------------------------
def test_word_file_uses_real_styles_a4_and_east_asian_fonts(kb):
    brief = briefings.build(kb, briefings.Selection(topics=("ai",)), Ctx("ja", base="https://example.org/"), DAY)
    document = docx.Document(io.BytesIO(briefings.write_docx(brief)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = [p.style.name for p in document.paragraphs if p.text.strip()]
    assert styles[0] == "Title" and "Heading 1" in styles and "Heading 2" in styles
    assert "List Bullet" in styles
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Yu Gothic"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["日付", "会合", "開催地", "フォーラム", "日本の役割"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats on each page
    assert len(table.rows) == 3
    assert document.core_properties.title == brief.title and document.core_properties.language == "ja-JP"
    links = [r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype]
    assert "https://example.org/meetings/g7-2016-ict-ministers-takamatsu/" in links


def test_word_file_without_site_address_has_no_record_links(kb):
    brief = briefings.build(kb, briefings.Selection(topics=("ai",)), Ctx("en", linked=False), DAY)
    document = docx.Document(io.BytesIO(briefings.write_docx(brief, links=False)))
    links = [r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype]
    assert links and all("/meetings/" not in u for u in links)  # only the sources' addresses
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Joint Declaration by G7 ICT Ministers" in text


# -- command line ---------------------------------------------------------------------------
def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "scripts.briefing", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_cli_writes_each_format(tmp_path):
    out = tmp_path / "brief.docx"
    result = run("--data", str(VALID), "--topic", "ai", "--lang", "ja", "--format", "docx",
                 "-o", str(out), "--date", "2026-11-21")
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stderr and zipfile.is_zipfile(out)
    md = run("--data", str(VALID), "--forum", "g7", "--lang", "en", "--format", "md")
    assert md.returncode == 0 and md.stdout.startswith("# Briefing: Group of Seven")
    html = run("--data", str(VALID), "--party", "ke", "--format", "html")
    assert html.returncode == 0 and html.stdout.startswith("<!doctype html>")


def test_cli_refuses_unknown_ids_and_binary_to_terminal():
    bad = run("--data", str(VALID), "--topic", "aii")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "--topic: no topic has the id 'aii' (did you mean 'ai'?)"
    binary = run("--data", str(VALID), "--topic", "ai", "--format", "docx")
    assert binary.returncode == 2 and "needs -o FILE" in binary.stderr
    date = run("--data", str(VALID), "--since", "2016-13-01")
    assert date.returncode == 2 and "'2016-13-01' is not a date in the form YYYY-MM-DD" in date.stderr


# -- on the site ------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix,lang", [("", "ja"), ("en/", "en")])
def test_site_offers_print_page_and_word_file(fixture_site: Path, prefix, lang):
    forum_page = (fixture_site / prefix / "forums/g7/index.html").read_text(encoding="utf-8")
    assert 'href="../../briefings/forums/g7/"' in forum_page
    assert f'href="../../briefings/forums/g7/kyocho-briefing-forum-g7-{lang}.docx" download' in forum_page
    page = fixture_site / prefix / "briefings/forums/g7/index.html"
    assert "data-pagefind-ignore" in page.read_text(encoding="utf-8")
    word = page.parent / f"kyocho-briefing-forum-g7-{lang}.docx"
    heading = docx.Document(str(word)).paragraphs[0].text
    assert heading.startswith("ブリーフィング資料：" if lang == "ja" else "Briefing: ")
    index = (fixture_site / prefix / "briefings/index.html").read_text(encoding="utf-8")
    for kind in BRIEFING_KINDS:
        assert f'href="{FOLDERS[kind]}/' in index


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_record_pages_cite_and_describe_themselves(fixture_site: Path, prefix):
    page = (fixture_site / prefix / "meetings/g7-2016-ict-ministers-takamatsu/index.html").read_text(encoding="utf-8")
    bib = ("../../" if not prefix else "../../../") + \
        f"data/cite/{'ja' if not prefix else 'en'}/meetings/g7-2016-ict-ministers-takamatsu.bib"
    assert f'href="{bib}" download' in page
    assert 'class="kyocho-cite"' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "Event" and data["startDate"] == "2016-04-29"
    # The page names the YAML it is made from (the edit link's target), not generated Markdown.
    assert "<code>data/meetings/g7-2016-ict-ministers-takamatsu.yaml</code>" in page
