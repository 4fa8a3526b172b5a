"""A small site built from the fixture data: pages, languages, links, privacy."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from macros.core import load
from macros.core.models import FOLDERS

from .conftest import VALID
from .sitecheck import broken_links, html_files, parse, resolve


def test_every_record_has_a_page_in_both_languages_at_the_same_path(fixture_site):
    kb = load(VALID)
    for kind, section in FOLDERS.items():
        for rid in kb.records[kind]:
            assert (fixture_site / section / rid / "index.html").exists(), (kind, rid)
            assert (fixture_site / "en" / section / rid / "index.html").exists(), (kind, rid)


def test_html_lang_matches_the_language(fixture_site):
    assert parse(fixture_site / "meetings/g7-2016-ict-ministers-takamatsu/index.html").html_lang == "ja"
    assert parse(fixture_site / "en/meetings/g7-2016-ict-ministers-takamatsu/index.html").html_lang == "en"


def test_language_switch_lands_on_the_same_page(fixture_site):
    for page_path in html_files(fixture_site):
        rel = page_path.relative_to(fixture_site).as_posix()
        if rel == "404.html" or rel.startswith("en/404"):
            continue
        page = parse(page_path)
        assert set(page.alternates) == {"ja", "en"}, rel
        ja_target, _ = resolve(fixture_site, page_path, page.alternates["ja"])
        en_target, _ = resolve(fixture_site, page_path, page.alternates["en"])
        same = rel[3:] if rel.startswith("en/") else rel
        assert ja_target.resolve() == (fixture_site / same).resolve(), rel
        assert en_target.resolve() == (fixture_site / "en" / same).resolve(), rel


def test_every_internal_link_and_anchor_resolves(fixture_site):
    assert broken_links(fixture_site) == []


def test_no_resource_is_loaded_from_another_origin(fixture_site):
    external = []
    for page_path in html_files(fixture_site):
        for tag, url in parse(page_path).links:
            if tag in ("script", "link", "img", "iframe", "source", "video", "audio") and \
                    urlsplit(url).netloc and tag != "a":
                if tag == "link" and url.startswith("https://kyocho.example.org/"):
                    continue  # canonical URL: not fetched
                external.append(f"{page_path.relative_to(fixture_site)}: <{tag}> {url}")
    assert external == []
    css = "".join(p.read_text(encoding="utf-8") for p in fixture_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_search_index_is_split_by_language(fixture_site):
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"ja", "en"}
    assert entry["languages"]["ja"]["page_count"] == entry["languages"]["en"]["page_count"]


def test_untranslated_field_is_marked_on_the_page(fixture_site):
    html = (fixture_site / "en/meetings/g7-2023-digital-ministers-takasaki/index.html").read_text(encoding="utf-8")
    assert "not yet translated" in html


def test_japanese_dates_carry_the_era(fixture_site):
    html = (fixture_site / "meetings/g7-2016-ict-ministers-takamatsu/index.html").read_text(encoding="utf-8")
    assert "2016年4月29日〜30日（平成28年）" in html
