"""Page functions and HTML building blocks: what a reader sees on a generated page."""

from macros import markup, urls
from macros.core import load
from macros.core.models import Text
from macros.pages import blocks, coverage, home, records
from macros.pages.rosters import coverage_rosters
from macros.urls import Ctx, url_of

from .conftest import VALID


def kb():
    return load(VALID)


def test_missing_translation_is_marked_not_silently_replaced():
    page = records.meeting_page(kb(), "g7-2023-digital-ministers-takasaki", Ctx("en", url_of("meeting", "g7-2023-digital-ministers-takasaki")))
    # The summary exists only in Japanese: the English page says so, then shows it.
    assert "not yet translated" in page
    assert '<div class="kyocho-prose" lang="ja">' in page


def test_missing_title_is_marked_inline():
    html = markup.text_html(Text(en="Ministerial Declaration"), "ja")
    assert '<span lang="en">Ministerial Declaration</span>' in html
    assert "未翻訳" in html


def test_markup_in_titles_is_escaped():
    html = markup.text_html(Text(en='<img src=x onerror="alert(1)">'), "en")
    assert "<img" not in html and "&lt;img" in html


def test_markdown_is_sanitised():
    html = markup.markdown_html("**bold** [x](javascript:alert(1)) <script>alert(1)</script> <b onclick=y>b</b>")
    assert "<strong>bold</strong>" in html
    assert "javascript:" not in html
    assert "<script" not in html
    assert "onclick" not in html


def test_front_matter_title_cannot_break_out():
    fm = markup.front_matter('x"\n---\n<script>')
    assert fm.count("\n---\n") == 1 and "<script>" not in fm


def test_japanese_page_uses_era_dates_and_relative_links():
    page = records.meeting_page(kb(), "g7-2016-ict-ministers-takamatsu", Ctx("ja", url_of("meeting", "g7-2016-ict-ministers-takamatsu")))
    assert "2016年4月29日〜30日（平成28年）" in page
    assert 'href="../../forums/g7/"' in page
    assert 'href="../../documents/g7-2016-joint-declaration/"' in page


def test_meeting_page_lists_outcomes_with_annex_nested_and_lineage():
    page = records.meeting_page(kb(), "g7-2016-ict-ministers-takamatsu", Ctx("en", url_of("meeting", "g7-2016-ict-ministers-takamatsu")))
    decl = page.index("Joint Declaration by G7 ICT Ministers")
    annex = page.index("Annex: G7 Opportunities for Collaboration")
    assert decl < annex
    assert 'id="lineage"' in page or "{#lineage" in page
    assert "G7 Digital and Tech Ministers&#x27; Meeting in Takasaki, Gunma" in page


def test_document_page_shows_text_status():
    page = records.document_page(kb(), "g7-2016-joint-declaration", Ctx("ja", url_of("document", "g7-2016-joint-declaration")))
    assert "仮訳" in page and "正文・公式版" in page


def test_backlinks_name_who_refers():
    page = records.document_page(kb(), "g7-2016-joint-declaration", Ctx("en", url_of("document", "g7-2016-joint-declaration")))
    assert "Referenced by" in page
    assert 'href="../g7-2023-ministerial-declaration/"' in page


def test_macro_functions_return_tables():
    html = home.forum_meetings(kb(), "g7", Ctx("en"))
    assert html.count("<tr>") == 3  # header + 2 meetings
    assert home.span(kb()) == "2016–2023"


def test_coverage_counts_records_per_forum_and_translation():
    html = coverage.coverage_by_forum(kb(), Ctx("en"))
    row = next(r for r in html.split("<tr>") if "forums/g7/" in r)
    assert "<td>2</td><td>3</td>" in row  # two meetings, three documents
    trans = coverage.coverage_translation(kb(), "en")
    title_row = next(r for r in trans.split("<tr>") if "Document" in r and "<code>title</code>" in r)
    assert "<td>2 (66%)</td><td>3 (100%)</td>" in title_row


def test_coverage_says_how_much_of_what_officers_ask_is_known():
    """Of the two G7 meetings Japan took part in, one names who represented Japan; of the two
    commitments, one gives its paragraph and both have a later step (one follows the other)."""
    html = coverage.coverage_answers(kb(), Ctx("en", "coverage/"))
    row = next(r for r in html.split("<tr>") if "forums/g7/" in r)
    assert "<td>1 / 2 (50%)</td><td>1 / 2 (50%)</td><td>2 / 2 (100%)</td>" in row
    assert "All forums" in html.split("<tr>")[-1]


def test_relative_links_match_posix_relpath():
    import posixpath

    paths = ["", "meetings/", "forums/", "meetings/x/", "meetings/y/", "forums/g7/", "about/architecture/", "search/"]
    for a in paths:
        for b in paths:
            expected = posixpath.normpath(posixpath.join(a or ".", posixpath.relpath(b or ".", a or ".")))
            assert posixpath.normpath(posixpath.join(a or ".", urls.href(a, b))) == expected, (a, b)


def test_series_page_counts_its_editions_and_names_the_missing_ones():
    page = records.series_page(kb(), "g7-digital-ministers", Ctx("en", url_of("series", "g7-digital-ministers")))
    assert "2 of 3 known editions recorded" in page
    assert "25–26 September 2017" in page and "not yet recorded" in page
    ja = records.series_page(kb(), "g7-digital-ministers", Ctx("ja", url_of("series", "g7-digital-ministers")))
    assert "判明している3回のうち2回を収録" in ja and "未収録" in ja


def test_a_series_without_a_roster_says_it_cannot_tell_what_is_missing(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    path = data / "series" / "g7-digital-ministers.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("editions:")] + text[text.index("sources:"):], encoding="utf-8")
    page = records.series_page(load(data), "g7-digital-ministers", Ctx("en", "series/g7-digital-ministers/"))
    assert "editions has been recorded yet, so Kyocho cannot yet say which meetings are missing" in page
    table = coverage_rosters(load(data), Ctx("en"))
    assert "no official list yet" in table


def test_coverage_lists_missing_editions_per_series():
    table = coverage_rosters(kb(), Ctx("en"))
    assert "<td>2</td><td>3</td><td>Turin (25–26 September 2017)</td>" in table


def test_japan_page_lists_every_meeting_with_a_japan_role():
    base = kb()
    with_role = {m for m, r in base.meetings.items() if r.japan_role}
    assert with_role - {m for m, r in base.meetings.items() if "jp" in r.parties}, "fixture: a role without jp in parties"
    assert with_role <= set(base.meetings_of_party("jp"))


def test_meeting_page_says_who_represented_japan():
    page = records.meeting_page(kb(), "g7-2016-ict-ministers-takamatsu",
                                Ctx("ja", url_of("meeting", "g7-2016-ict-ministers-takamatsu")))
    assert "<dt data-pagefind-ignore>日本の代表</dt><dd>総務大臣　高市早苗</dd>" in page
    en = records.meeting_page(kb(), "g7-2016-ict-ministers-takamatsu",
                              Ctx("en", url_of("meeting", "g7-2016-ict-ministers-takamatsu")))
    assert "Sanae Takaichi, Minister for Internal Affairs and Communications" in en


def test_process_page_draws_its_records_as_links_with_a_table_alternative():
    import re

    base = kb()
    page = records.process_page(base, "hiroshima-ai-process", Ctx("en", url_of("process", "hiroshima-ai-process")))
    svg = page[page.index("<svg"):page.index("</svg>")]
    members = base.members_of_process("hiroshima-ai-process")
    links = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg)
    assert [h for h, _ in links] == [f"../../{url_of(k, r)}" for k, r in members]
    assert links[0][1].startswith("1. G7 ICT Ministers") and "(29 April 2016)" in links[0][1]
    assert 'role="group" aria-labelledby="drawing-hiroshima-ai-process-title"' in svg
    assert svg.count('class="kyocho-svg-edge') >= 1       # the declaration was adopted at Takasaki
    table = page[page.index("</svg>"):]
    assert all(f'href="../../{url_of(k, r)}"' in table for k, r in members)


def test_meeting_page_names_its_process():
    page = records.meeting_page(kb(), "g7-2023-digital-ministers-takasaki",
                                Ctx("ja", url_of("meeting", "g7-2023-digital-ministers-takasaki")))
    assert '<dt data-pagefind-ignore>プロセス</dt><dd><a href="../../processes/hiroshima-ai-process/">広島AIプロセス</a></dd>' in page


def test_secondary_sources_are_marked_as_such():
    base = kb()
    assert base.sources["example-2023-source"].kind == "secondary"        # example.org
    assert base.sources["mic-2016-g7-takamatsu-result"].kind == "official"  # soumu.go.jp
    page = records.topic_page(base, "ai", Ctx("ja", url_of("topic", "ai")))
    assert '<span class="kyocho-source-kind">（二次資料）</span></li>' in page
    en = records.topic_page(base, "ai", Ctx("en", url_of("topic", "ai")))
    assert '<span class="kyocho-source-kind">(secondary source)</span></li>' in en


def test_home_separates_what_was_held_from_what_is_planned():
    import datetime as dt
    k = kb()
    ctx = Ctx("en")
    # On 1 June 2020 Takasaki (2023) has not begun: it is coming up, not recent.
    recent = home.recent_meetings(k, ctx, 10, today=dt.date(2020, 6, 1))
    assert "Takamatsu" in recent and "Takasaki" not in recent
    coming = home.upcoming(k, ctx, today=dt.date(2020, 6, 1))
    assert "Takasaki" in coming and "Takamatsu" not in coming
    assert home.upcoming(k, ctx, today=dt.date(2030, 1, 1)).startswith("<p>No meeting after today")


def test_a_planned_edition_is_listed_as_coming_then_as_overdue(valid_data):
    import datetime as dt
    path = valid_data / "series" / "g7-digital-ministers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "city: {ja: トリノ, en: Turin}\n", "city: {ja: トリノ, en: Turin}\n    status: planned\n"), encoding="utf-8")
    k = load(valid_data)
    before = home.upcoming(k, Ctx("en"), today=dt.date(2017, 1, 1))
    assert "Turin (25–26 September 2017)" in before and "not yet recorded" in before
    after = home.upcoming(k, Ctx("ja"), today=dt.date(2024, 1, 1))
    assert "トリノ" in after and "予定の日程を過ぎたが、結果は未収録" in after


def test_home_offers_every_process_and_four_ways_to_browse():
    html = home.browse(kb(), Ctx("ja"))
    assert html.count("<h3>") == 4 and "#y2023" in html and 'href="parties/ke/"' in html
    assert "hiroshima-ai-process" in home.process_list(kb(), Ctx("en"))


# -- commitments -------------------------------------------------------------------------
def test_commitments_know_what_followed_them():
    k = kb()
    ref = "g7-2016-joint-declaration#test-commitment"
    assert k.commitment(ref)[0] == "g7-2016-joint-declaration"
    assert k.commitment("g7-2016-joint-declaration#nothing") is None
    assert k.commitment_followups(ref) == [("g7-2023-ministerial-declaration#later-commitment", "advances")]
    assert k.commitment_status(ref) == "advances"
    assert k.commitment_status("g7-2023-ministerial-declaration#later-commitment") == "open"


def test_document_page_shows_paragraph_due_date_and_both_directions():
    from macros.pages.commitments import document_commitments_html
    k = kb()
    early = document_commitments_html(k, "g7-2016-joint-declaration", Ctx("en", url_of("document", "g7-2016-joint-declaration")))
    assert 'id="c-test-commitment"' in early and "para. 3" in early and "31 December 2020" in early
    assert "Taken further by" in early and 'href="../g7-2023-ministerial-declaration/#c-later-commitment"' in early
    later = document_commitments_html(k, "g7-2023-ministerial-declaration", Ctx("ja", url_of("document", "g7-2023-ministerial-declaration")))
    assert "前進させる元" in later and 'href="../g7-2016-joint-declaration/#c-test-commitment"' in later
    assert "後の扱いは未収録" in later        # says plainly that no later step is recorded


def test_commitments_page_lists_what_falls_due_and_every_commitment_filterable():
    import datetime as dt
    from macros.pages.commitments import commitments_index
    k = kb()
    soon = commitments_index(k, Ctx("en", "commitments/"), today=dt.date(2020, 1, 1))
    due_part = soon.split("All commitments, by forum")[0]
    assert "A commitment for the tests." in due_part and "later commitment" not in due_part
    late = commitments_index(k, Ctx("en", "commitments/"), today=dt.date(2021, 1, 1))
    assert "No recorded commitment falls due" in late
    assert late.count("<tr data-kyocho-row") == 2 and 'data-status="advances"' in late
    assert 'data-topic="ai"' in late and '<select name="status">' in late


def test_a_planned_meeting_is_marked_planned_on_every_page_and_in_the_calendar(valid_data):
    import datetime as dt
    from macros import exports
    from macros.drawings import timeline_svg
    from macros.pages.tables import meeting_table
    path = valid_data / "meetings" / "bilateral-ke-2023-signing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: 2023-05-01", "start: 2099-05-01\nstatus: planned"),
                    encoding="utf-8")
    k = load(valid_data)
    mid = "bilateral-ke-2023-signing"
    assert "(planned)" in meeting_table(k, [mid], Ctx("en"))
    assert "（予定）" in meeting_table(k, [mid], Ctx("ja"))
    page = records.meeting_page(k, mid, Ctx("en", url_of("meeting", mid)))
    assert "has not been held yet" in page
    svg = timeline_svg(k, list(k.meetings), Ctx("en", url_of("meeting")))
    mark = svg[svg.index(f'href="{mid}/"'):].split("</a>")[0]
    assert "kyocho-svg-planned" in mark and "(planned)" in mark
    cal = exports.calendar(k, {}, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), None).to_ical().decode()
    event = cal[cal.index(f"UID:meeting-{mid}"):].split("END:VEVENT")[0]
    assert "STATUS:TENTATIVE" in event
    assert "STATUS:CONFIRMED" in cal
    assert "(planned)" in home.upcoming(k, Ctx("en"), today=dt.date(2030, 1, 1))


def test_record_pages_tell_search_what_they_are_and_what_else_they_are_called():
    k = kb()
    page = records.process_page(k, "hiroshima-ai-process", Ctx("en", url_of("process", "hiroshima-ai-process")))
    assert '<span hidden data-pagefind-ignore data-pagefind-meta="kind">Process</span>' in page
    terms = page.split('data-pagefind-weight="9">')[1].split("</p>")[0]
    assert "HAIP" in terms and "広島AIプロセス" in terms             # aliases and the other-language name
    names = page.split('data-pagefind-meta="names">')[1].split("</span>")[0]   # for "name first" ranking
    assert names.split(" | ")[:3] == ["広島AIプロセス", "Hiroshima AI Process", "HAIP"]
    meeting = records.meeting_page(k, "g7-2016-ict-ministers-takamatsu", Ctx("ja", url_of("meeting", "g7-2016-ict-ministers-takamatsu")))
    assert 'data-pagefind-meta="when">2016年4月29日</span>' in meeting
    assert 'data-pagefind-meta="forum">G7</span>' in meeting
    assert 'data-pagefind-weight="10"' in meeting                      # the title weighs most
    assert '{#sources data-pagefind-ignore="all"}' in meeting           # sources are not content
    assert 'data-pagefind-meta="unofficial"' not in meeting
    rec = k.records["meeting"]["g7-2016-ict-ministers-takamatsu"]
    rec.model = rec.model.model_copy(update={"title_unofficial": ["ja"]})
    terms = blocks.search_terms_html(k, "meeting", "g7-2016-ict-ministers-takamatsu", "ja")
    assert 'data-pagefind-meta="unofficial">（非公式の表記）</span>' in terms   # a mark, not part of the title


def test_briefing_pages_are_not_indexed_for_search():
    import datetime as dt
    from macros.pages.briefings import briefing_page
    page = briefing_page(kb(), "topic", "ai", "en", dt.date(2026, 1, 1))
    assert "kyocho_no_index: true" in page


def test_japanese_names_are_indexed_with_their_kana_reading():
    from macros.readings import reading
    assert reading("G7広島サミット") == "ヒロシマ サミット ヒロシマサミット"   # G7 is kept out, not read as グラム
    assert reading("ドーハ") == ""                                          # kana is its own reading
    page = records.meeting_page(kb(), "g7-2016-ict-ministers-takamatsu",
                                Ctx("ja", url_of("meeting", "g7-2016-ict-ministers-takamatsu")))
    assert "タカマツ" in page.split('data-pagefind-weight="9">')[1].split("</p>")[0]


def test_sources_name_their_publisher_in_the_readers_language():
    """An English page says "Ministry of Internal Affairs and Communications", not 「総務省」;
    the rest of a publisher's name (which white paper) is kept as written."""
    mid = "g7-2016-ict-ministers-takamatsu"
    en = records.meeting_page(kb(), mid, Ctx("en", url_of("meeting", mid)))
    ja = records.meeting_page(kb(), mid, Ctx("ja", url_of("meeting", mid)))
    item = '<li id="src-mic-2016-g7-takamatsu-result">'
    assert (item + "Ministry of Internal Affairs and Communications. ") in en
    assert (item + "総務省. ") in ja
    from macros.core.sources import publisher_in
    assert publisher_in("郵政省（平成6年版 通信白書）", "en") == "Ministry of Posts and Telecommunications (平成6年版 通信白書)"
    assert publisher_in("Ministry of Foreign Affairs of Japan", "ja") == "外務省"
    assert publisher_in("ITU", "ja") == "ITU"
