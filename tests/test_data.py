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
