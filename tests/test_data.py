"""The real data/ of this repository: valid, sourced, titled in both languages."""

import pytest

from macros.core import load

from .conftest import ROOT

KB = load(ROOT / "data")


def test_data_has_no_errors():
    assert KB.errors == [], "\n".join(str(p) for p in KB.errors)


@pytest.mark.parametrize("kind", ["forum", "series", "party", "topic", "meeting", "document"])
def test_every_record_cites_an_existing_source(kind):
    for rec in KB.all(kind):
        assert rec.model.sources, rec.path
        assert all(key in KB.sources for key in rec.model.sources), rec.path


@pytest.mark.parametrize("kind", ["meeting", "document"])
def test_every_meeting_and_document_has_a_title_in_both_languages(kind):
    missing = [rec.path for rec in KB.all(kind) if rec.model.title.missing()]
    assert missing == []


def test_every_source_has_a_web_address():
    assert all(s.url.startswith(("https://", "http://")) for s in KB.sources.values())


def test_japanese_prose_follows_the_house_style():
    """Full-width brackets and no spaces between Japanese and Latin text (validator warnings)."""
    style = [str(p) for p in KB.warnings if "Japanese" in p.message]
    assert style == [], "\n".join(style)


def test_every_record_page_of_the_real_data_renders_in_both_languages():
    """A page that cannot be written stops the build: find it here, with its record, first."""
    from macros.core import load as load_kb
    from macros.pages.records import RECORD_PAGES
    from macros.urls import Ctx, url_of
    from .conftest import ROOT
    kb = load_kb(ROOT / "data")
    failures = []
    for kind, page in RECORD_PAGES.items():
        for rid in kb.records[kind]:
            for lang in ("ja", "en"):
                try:
                    page(kb, rid, Ctx(lang, url_of(kind, rid)))
                except Exception as error:  # noqa: BLE001 - report every page, not the first
                    failures.append(f"{kind} {rid} ({lang}): {error}")
    assert failures == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_drawings_on_each_page_stay_under_100_kb(lang):
    """Every generated page of the real data (the timeline is the heaviest): the SVG it
    carries stays under 100 KB."""
    import re
    from macros.pages import all_pages
    import datetime as dt
    heavy = {}
    for rel, content in all_pages(KB, lang, dt.date(2026, 1, 1)):
        if rel.startswith("briefings/"):
            continue
        size = sum(len(svg.encode()) for svg in re.findall(r"<svg.*?</svg>", content, re.S))
        if size:
            heavy[rel] = size
    worst = max(heavy, key=heavy.get)
    assert "meetings/index.md" in heavy and heavy[worst] < 100_000, f"{worst}: {heavy[worst]} bytes of drawings"
