"""The data dictionary page and the contributing page, as readers see them."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from macros.pages.dictionary import dictionary
from macros.core.models import KINDS, Meeting


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_field_of_every_kind_is_described(lang):
    page = dictionary(lang)
    for kind, model in KINDS.items():
        assert f"#{kind} }}" in page
        for name, field in model.model_fields.items():
            assert f"<code>{name}</code>" in page, (kind, name)
            description = field.json_schema_extra[f"description_{lang}"]
            assert html.escape(description) in page, (kind, name)


def test_enumerations_and_requirements_come_from_the_models():
    page = dictionary("en")
    row = next(line for line in page.splitlines() if line.startswith("<tr><td><code>japan_role</code>"))
    for role in ("host", "chair", "co-chair", "participant", "signatory", "observer"):
        assert f"<code>{role}</code>" in row
    start = next(line for line in page.splitlines() if line.startswith("<tr><td><code>start</code>"))
    assert "required" in start and "date (YYYY-MM-DD)" in start
    assert "start" in Meeting.model_json_schema()["required"]


@pytest.mark.parametrize("prefix,words", [("", ["データ項目一覧", "正式名称（文書の表記どおり）"]),
                                          ("en/", ["Data dictionary", "Official title, exactly as the document gives it"])])
def test_dictionary_page_is_built_in_both_languages(fixture_site: Path, prefix, words):
    page = (fixture_site / prefix / "about/data-dictionary/index.html").read_text(encoding="utf-8")
    for word in words:
        assert word in page


@pytest.mark.parametrize("prefix,words", [("", ["会合を追加する 5 つの手順", "python -m scripts.new meeting"]),
                                          ("en/", ["Add a meeting in five steps", "python -m scripts.new meeting"])])
def test_contributing_page_carries_contributing_md(fixture_site: Path, prefix, words):
    page = (fixture_site / prefix / "contributing/index.html").read_text(encoding="utf-8")
    for word in words:
        assert word in page
    assert "--8&lt;--" not in page and "[start:" not in page
