"""Open-data exports: every record reaches every file, and every file reads back with its own library."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from bibtexparser.library import Library

from macros import citations, exports, linked_data
from macros.core import KnowledgeBase, load
from macros.core.models import FOLDERS, KINDS
from macros.core.rules import REFERENCES
from macros.text import title_of
from macros.urls import bib_url, page_path
from tests.conftest import ROOT, VALID

SITE_URL = "https://kyocho.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '</script><script>alert("x")</script> & {50%} \\ _~^# 東京 $'


def build(data: Path, out: Path) -> tuple[KnowledgeBase, Path]:
    kb = load(data)
    assert not kb.errors, kb.errors
    exports.write_exports(kb, out, site_url=SITE_URL)
    return kb, out / "data"


@pytest.fixture(scope="module")
def fixture_exports(tmp_path_factory) -> tuple[KnowledgeBase, Path]:
    return build(VALID, tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def real_exports(tmp_path_factory) -> tuple[KnowledgeBase, Path]:
    return build(ROOT / "data", tmp_path_factory.mktemp("real-exports"))


def expected_title(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    value = title_of(kb, kind, rid)
    return value.get(lang) or value.get("en" if lang == "ja" else "ja")


# -- the "nothing lost" check, shared by the fixture and the real data --------------------
def assert_nothing_lost(kb: KnowledgeBase, out: Path) -> None:
    whole = json.loads((out / "kyocho.json").read_text(encoding="utf-8"))
    ics = icalendar.Calendar.from_ical((out / "meetings.ics").read_bytes())
    uids = {str(e["uid"]) for e in ics.walk("VEVENT")}
    for kind in KINDS:
        ids = set(kb.records[kind])
        assert {r["id"] for r in whole["records"][FOLDERS[kind]]} == ids, kind
        with (out / "csv" / f"{kind}.csv").open(encoding="utf-8-sig", newline="") as fh:
            assert {row["id"] for row in csv.DictReader(fh)} == ids, kind
    assert uids == {f"meeting-{m}@kyocho" for m in kb.meetings}
    assert {s["key"] for s in whole["sources"]} == set(kb.sources)
    sources = citations.read_bib((out / "sources.bib").read_text(encoding="utf-8"))
    assert not sources.failed_blocks
    assert {e.key: e["title"] for e in sources.entries} == {k: s.title for k, s in kb.sources.items()}
    for lang in ("ja", "en"):
        docs = citations.read_bib((out / f"documents.{lang}.bib").read_text(encoding="utf-8"))
        assert not docs.failed_blocks
        assert {e.key: e["title"] for e in docs.entries} == {
            citations.bib_key("document", d): expected_title(kb, "document", d, lang) for d in kb.documents}
        for kind in citations.CITABLE:
            for rid in kb.records[kind]:
                assert (out.parent / bib_url(kind, rid, lang)).is_file(), (kind, rid, lang)


def test_fixture_exports_hold_every_record(fixture_exports):
    assert_nothing_lost(*fixture_exports)


def test_real_data_exports_hold_every_record(real_exports):
    kb, out = real_exports
    assert kb.count()["meeting"] > 0
    assert_nothing_lost(kb, out)


# -- JSON --------------------------------------------------------------------------------
def test_json_states_its_version_and_resolves_references(fixture_exports):
    kb, out = fixture_exports
    whole = json.loads((out / "kyocho.json").read_text(encoding="utf-8"))
    assert whole["schema_version"] == exports.SCHEMA_VERSION
    assert whole["counts"]["meeting"] == len(kb.meetings)
    dt.datetime.fromisoformat(whole["generated"])
    by_id = {kind: {r["id"]: r for r in whole["records"][FOLDERS[kind]]} for kind in KINDS}
    checked = 0
    for (kind, field), target in REFERENCES.items():
        for rid, record in by_id[kind].items():
            ids = record[field] if isinstance(record[field], list) else [record[field]]
            ids = [i for i in ids if i is not None]
            refs = record.get(f"{field}_ref", [])
            refs = refs if isinstance(refs, list) else [refs]
            assert [r["id"] for r in refs] == ids, (kind, rid, field)
            for ref in refs:
                value = title_of(kb, target, ref["id"])
                assert ref["title"] == {"ja": value.get("ja"), "en": value.get("en")}
                checked += 1
    assert checked > 5
    takamatsu = by_id["meeting"]["g7-2016-ict-ministers-takamatsu"]
    assert takamatsu["forum_ref"]["title"]["ja"] == kb.forums["g7"].name.ja
    assert [d["id"] for d in takamatsu["outcomes"]] == kb.outcomes("g7-2016-ict-ministers-takamatsu")
    assert takamatsu["sources_ref"][0]["fields"]["title"] == "G7香川・高松情報通信大臣会合の開催結果"
    # The line lists ids, each a record of the same file, oldest first.
    takasaki = by_id["meeting"]["g7-2023-digital-ministers-takasaki"]
    assert takasaki["lineage"] == {"before": ["g7-2016-ict-ministers-takamatsu"], "after": []}
    assert takamatsu["lineage"]["after"] == list(kb.lineage("meeting", "g7-2016-ict-ministers-takamatsu").after)
    assert all(i in by_id["meeting"] for r in by_id["meeting"].values() for i in r["lineage"]["before"])


# -- CSV ---------------------------------------------------------------------------------
def test_csv_has_a_bom_and_both_language_columns(fixture_exports):
    kb, out = fixture_exports
    raw = (out / "csv" / "meeting.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (out / "csv" / "meeting.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {row["id"]: row for row in csv.DictReader(fh)}
    row = rows["g7-2016-ict-ministers-takamatsu"]
    assert row["title_ja"] == "G7香川・高松情報通信大臣会合"
    assert row["title_en"] == "G7 ICT Ministers' Meeting in Takamatsu, Kagawa"
    assert row["parties"] == "jp;eu"
    assert row["place_city_ja"] == "高松市" and row["place_country"] == "JP"
    assert rows["g7-2023-digital-ministers-takasaki"]["summary_en"] == ""
    with (out / "csv" / "document.csv").open(encoding="utf-8-sig", newline="") as fh:
        doc = {r["id"]: r for r in csv.DictReader(fh)}["g7-2016-joint-declaration"]
    assert doc["texts_en_url"] == "https://example.org/en.pdf"
    assert doc["commitments_ja"] == "テスト用のコミットメント。"


# -- iCalendar ---------------------------------------------------------------------------
def test_calendar_has_all_day_events_with_exclusive_end(fixture_exports):
    kb, out = fixture_exports
    cal = icalendar.Calendar.from_ical((out / "meetings.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    takamatsu = events["meeting-g7-2016-ict-ministers-takamatsu@kyocho"]
    assert takamatsu.decoded("dtstart") == dt.date(2016, 4, 29)
    assert takamatsu.decoded("dtend") == dt.date(2016, 5, 1)
    assert str(takamatsu["summary"]) == "G7香川・高松情報通信大臣会合"
    assert "G7 ICT Ministers' Meeting in Takamatsu, Kagawa" in str(takamatsu["description"])
    one_day = events["meeting-bilateral-ke-2023-signing@kyocho"]
    assert one_day.decoded("dtend") - one_day.decoded("dtstart") == dt.timedelta(days=1)


# -- Atom --------------------------------------------------------------------------------
def test_feeds_parse_and_link_to_record_pages_newest_first(fixture_exports):
    kb, out = fixture_exports
    pages = {page_path(kind, rid, lang) for kind in KINDS for rid in kb.records[kind]
             for lang in ("ja", "en")}
    total = sum(kb.count().values())
    for lang in ("ja", "en"):
        root = ET.parse(out / f"feed.{lang}.atom").getroot()
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == min(total, exports.FEED_SIZE)
        updated = [e.find(f"{ATOM}updated").text for e in entries]
        assert updated == sorted(updated, reverse=True)
        for e in entries:
            href = e.find(f"{ATOM}link").get("href")
            assert href.startswith(SITE_URL) and href[len(SITE_URL):] in pages, href
            assert href[len(SITE_URL):].startswith("en/") == (lang == "en")


def test_feed_puts_the_last_changed_record_first_without_git(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    later = dt.datetime.now().timestamp() + 3600
    os.utime(data / "topics" / "ai.yaml", (later, later))
    kb, out = build(data, tmp_path / "site")
    first = ET.parse(out / "feed.en.atom").getroot().find(f"{ATOM}entry")
    assert first.find(f"{ATOM}link").get("href") == SITE_URL + "en/topics/ai/"


def test_change_times_come_from_git_history(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def commit(when: str) -> None:
        stamp = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "add", "."], cwd=data, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "x"], cwd=data, check=True, env={**env, **stamp})

    subprocess.run(["git", "init", "-q"], cwd=data, check=True)
    commit("2020-01-01T00:00:00+00:00")
    path = data / "topics" / "ai.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit("2021-06-01T00:00:00+00:00")
    os.utime(path, (0, 0))  # git history, not the file's time, must decide
    times = exports.change_times(data)
    assert times[("topics", "ai")] == (dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
                                       dt.datetime(2021, 6, 1, tzinfo=dt.timezone.utc))
    assert times[("meetings", "g7-2016-ict-ministers-takamatsu")][1].year == 2020


# -- BibTeX ------------------------------------------------------------------------------
def test_per_record_bib_files_carry_key_and_title(fixture_exports):
    kb, out = fixture_exports
    for kind in citations.CITABLE:
        for rid in kb.records[kind]:
            for lang in ("ja", "en"):
                lib = citations.read_bib((out.parent / bib_url(kind, rid, lang)).read_text(encoding="utf-8"))
                assert not lib.failed_blocks
                [entry] = lib.entries
                assert entry.key == citations.bib_key(kind, rid)
                assert entry["title"] == expected_title(kb, kind, rid, lang)
    doc = citations.entry(kb, "document", "g7-2023-ministerial-declaration", "ja")
    assert "note" in doc.fields_dict  # the Japanese entry says the title is in English


@pytest.fixture
def hostile_kb(tmp_path) -> KnowledgeBase:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    path = data / "meetings" / "g7-2016-ict-ministers-takamatsu.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  en: G7 ICT Ministers' Meeting in Takamatsu, Kagawa",
                        f"  en: {json.dumps(HOSTILE, ensure_ascii=False)}")
    path.write_text(text, encoding="utf-8")
    kb = load(data)
    assert not kb.errors and kb.meetings["g7-2016-ict-ministers-takamatsu"].title.en == HOSTILE
    return kb


def test_hostile_title_cannot_leave_the_script_tag(hostile_kb):
    tag = linked_data.script_tag(linked_data.jsonld(hostile_kb, "meeting", "g7-2016-ict-ministers-takamatsu", "en"))
    assert tag.startswith('<script type="application/ld+json">') and tag.endswith("</script>")
    body = tag[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in body and ">" not in body  # nothing the HTML parser could read as a tag
    data = json.loads(body)
    assert data["@type"] == "Event" and data["name"] == HOSTILE
    assert data["startDate"] == "2016-04-29" and data["location"]["address"]["addressCountry"] == "JP"


def test_hostile_title_round_trips_through_bibtex(hostile_kb):
    text = citations.write_bib(Library([citations.entry(hostile_kb, "meeting", "g7-2016-ict-ministers-takamatsu", "en")]))
    assert "{50%}" not in text  # LaTeX specials are escaped in the file
    lib = citations.read_bib(text)
    assert not lib.failed_blocks
    assert lib.entries[0]["title"] == HOSTILE


def test_jsonld_of_an_annex_names_its_parent(fixture_exports):
    kb, _ = fixture_exports
    data = linked_data.jsonld(kb, "document", "g7-2016-opportunities-for-collaboration", "ja", site_url=SITE_URL)
    assert data["@type"] == "CreativeWork" and data["datePublished"] == "2016-04-30"
    assert data["isPartOf"]["@id"] == SITE_URL + "documents/g7-2016-joint-declaration/"
    parent = linked_data.jsonld(kb, "document", "g7-2016-joint-declaration", "ja")
    assert parent["url"] == "https://example.org/ja.pdf"  # the Japanese text, on the ja page
    assert [p["name"] for p in parent["hasPart"]] == ["協調行動集"]


def test_cite_text_is_written_per_language(fixture_exports):
    kb, _ = fixture_exports
    ja = citations.cite_text(kb, "meeting", "g7-2016-ict-ministers-takamatsu", "ja")
    en = citations.cite_text(kb, "meeting", "g7-2016-ict-ministers-takamatsu", "en")
    assert ja.startswith("G7「G7香川・高松情報通信大臣会合」") and "2016年4月29日" in ja
    assert en.startswith("G7. “G7 ICT Ministers' Meeting in Takamatsu, Kagawa.”") and "29–30 April 2016" in en


# -- the site ----------------------------------------------------------------------------
def test_open_data_pages_state_the_schema_version():
    for lang in ("ja", "en"):
        text = (ROOT / "docs" / lang / "open-data.md").read_text(encoding="utf-8")
        assert f"**{exports.SCHEMA_VERSION}**" in text, lang


def test_built_site_publishes_data_once(fixture_site):
    assert (fixture_site / "data" / "kyocho.json").is_file()
    assert not (fixture_site / "en" / "data").exists()
    assert (fixture_site / bib_url("meeting", "g7-2016-ict-ministers-takamatsu", "en")).is_file()
    assert (fixture_site / "open-data" / "index.html").is_file()
    assert (fixture_site / "en" / "open-data" / "index.html").is_file()


def test_published_schemas_are_the_committed_ones(real_exports):
    _, out = real_exports
    for path in sorted((ROOT / "data" / "schema").glob("*.schema.json")):
        assert (out / "schema" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert len(list((out / "schema").iterdir())) == len(KINDS)


def test_without_a_site_address_feed_links_resolve_from_the_feed(tmp_path):
    kb = load(VALID)
    exports.write_exports(kb, tmp_path, site_url=None)
    for lang in ("ja", "en"):
        feed = tmp_path / "data" / f"feed.{lang}.atom"
        for entry in ET.parse(feed).getroot().findall(f"{ATOM}entry"):
            href = entry.find(f"{ATOM}link").get("href")
            path = (feed.parent / href).resolve().relative_to(tmp_path.resolve()).as_posix() + "/"
            assert path in {page_path(k, r, lang) for k in KINDS for r in kb.records[k]}, href
            assert entry.find(f"{ATOM}id").text.startswith(f"urn:kyocho:{lang}:")


# -- citations for reference managers -----------------------------------------------------
def test_cite_text_gives_the_access_date_and_the_permanent_address(fixture_exports):
    kb, _ = fixture_exports
    day = dt.date(2026, 12, 3)
    ja = citations.cite_text(kb, "meeting", "g7-2016-ict-ministers-takamatsu", "ja", accessed=day,
                             permalink="https://kyocho.example/meetings/g7-2016-ict-ministers-takamatsu/")
    assert "（2026年12月3日閲覧）" in ja and ja.endswith("Kyocho：https://kyocho.example/meetings/g7-2016-ict-ministers-takamatsu/")
    en = citations.cite_text(kb, "meeting", "g7-2016-ict-ministers-takamatsu", "en", accessed=day)
    assert "Accessed 3 December 2026." in en and "Kyocho:" not in en   # no site address known: none given


def test_every_citable_record_is_published_as_bibtex_csl_json_and_ris(fixture_exports):
    import rispy
    from bibtexparser import parse_string
    kb, published = fixture_exports
    mid = "g7-2016-ict-ministers-takamatsu"
    bib = parse_string((published / "cite/en/meetings" / f"{mid}.bib").read_text(encoding="utf-8"))
    assert bib.entries[0].fields_dict["urldate"].value == dt.date.today().isoformat()
    csl = json.loads((published / "cite/en/meetings" / f"{mid}.json").read_text(encoding="utf-8"))
    assert csl[0]["type"] == "event" and csl[0]["issued"] == {"date-parts": [[2016, 4, 29]]}
    assert csl[0]["event-date"]["date-parts"] == [[2016, 4, 29], [2016, 4, 30]]
    ris = rispy.loads((published / "cite/ja/meetings" / f"{mid}.ris").read_text(encoding="utf-8"))
    assert ris[0]["type_of_reference"] == "CONF" and ris[0]["title"] == "G7香川・高松情報通信大臣会合"
    assert ris[0]["year"] == "2016" and ris[0]["access_date"] == dt.date.today().strftime("%Y/%m/%d")
    whole = rispy.loads((published / "citations.en.ris").read_text(encoding="utf-8"))
    assert len(whole) == len(kb.meetings) + len(kb.documents)
    assert len(json.loads((published / "citations.ja.json").read_text(encoding="utf-8"))) == len(whole)


def test_citeproc_renders_our_csl_json_in_a_standard_style(fixture_exports):
    """What a reference manager does with the file: format it with a CSL style."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    kb, published = fixture_exports
    items = json.loads((published / "citations.en.json").read_text(encoding="utf-8"))
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    takamatsu = next(r for r in rendered if "Takamatsu" in r)
    assert "G7" in takamatsu and "2016" in takamatsu
