"""The briefing builder's data (macros/briefings/kit.py): complete, self-contained, and built
from the same parts as a briefing here. (That the browser joins it into the same briefing as
the command line is tests/browser/test_builder.py.)"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from macros import briefings
from macros.briefings.blocks import Bullets, Item, Paragraph, Ref, Table, number_refs
from macros.core import load
from macros.urls import Ctx
from tests.conftest import ROOT

DAY = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def kb():
    return load(ROOT / "data")


@pytest.fixture(scope="module", params=["ja", "en"])
def kit(request, kb):
    return briefings.briefing_kit(kb, request.param)


def _refs(value) -> set[str]:
    text = json.dumps(value, ensure_ascii=False)
    return set(re.findall(r'\{"r": "([^"]+)"\}', text))


def test_every_record_and_every_cited_source_is_in_the_kit(kit, kb):
    assert [m["id"] for m in kit["meetings"]] == sorted(kb.meetings, key=lambda i: (kb.meetings[i].start, i))
    assert set(kit["documents"]) == set(kb.documents)
    missing = (_refs(kit["meetings"]) | _refs(kit["documents"]) | _refs(kit["series"])) - set(kit["sources"])
    assert not missing, f"parts cite sources the builder cannot list: {sorted(missing)[:5]}"
    json.dumps(kit)   # the builder reads it as JSON


def test_links_in_the_kit_start_from_the_language_home(kit):
    urls = re.findall(r'"u": "([^"]+)"', json.dumps(kit, ensure_ascii=False))
    record_links = [u for u in urls if not u.startswith("http")]
    assert record_links and all(u.startswith("{root}") for u in record_links), record_links[:3]


def test_a_meetings_parts_are_the_briefings_own(kb):
    """The row and section of a meeting in the kit are what the briefing here writes for it."""
    kit = briefings.briefing_kit(kb, "ja")
    part = next(m for m in kit["meetings"] if m["id"] == "g7-2016-ict-ministers-takamatsu")
    brief = briefings.build(kb, briefings.Selection(series=("g7-digital-ministers",), until=dt.date(2016, 12, 31)),
                            Ctx("ja", base="{root}"), DAY)
    row = next(b for b in brief.blocks if isinstance(b, Table) and b.rows and
               any("g7-2016-ict-ministers-takamatsu" in getattr(r, "url", "") for c in b.rows[-1] for r in c)).rows[-1]
    assert [[r if isinstance(r, str) else r.text for r in cell] for cell in row] == \
        [[r if isinstance(r, str) else r["l"] for r in cell] for cell in part["row"]]
    assert part["section"][0] == {"t": "h", "level": 3, "anchor": "m-g7-2016-ict-ministers-takamatsu",
                                  "text": next(b.text for b in brief.blocks if getattr(b, "anchor", "") == "m-g7-2016-ict-ministers-takamatsu")}


def test_the_word_shell_keeps_page_numbers_and_the_contents_field(kb):
    word = briefings.word_kit(kb, "en")
    shell = word["shell"]
    assert "PAGE" in shell["parts"]["word/footer1.xml"] and "NUMPAGES" in shell["parts"]["word/footer1.xml"]
    assert "w:updateFields" in shell["parts"]["word/settings.xml"]
    assert 'Extension="png"' in shell["parts"]["[Content_Types].xml"]
    assert shell["head"].endswith("<w:body>") and shell["tail"].startswith("<w:sectPr")
    assert all("{image}" in f["docx"] and f["png"] for f in word["figures"].values())
    ids = [re.search(r'<wp:docPr id="(\d+)"', f["docx"]).group(1) for f in word["figures"].values()]
    assert len(ids) == len(set(ids)), "two drawings in one Word file would share an id (Word repairs the file)"


def test_sources_are_numbered_in_reading_order():
    """An item's own sources come before its children's, whatever order they were cited in."""
    blocks = [Bullets((Item(("doc", Ref(0, "b")), (Item(("annex", Ref(0, "a"))),)),)),
              Paragraph(("later", Ref(0, "a"), Ref(0, "c"))), Table(("h",), (((Ref(0, "c"),),),))]
    numbered, order = number_refs(blocks)
    assert order == ["b", "a", "c"]
    assert numbered[0].items[0].runs[1].number == 1 and numbered[0].items[0].children[0].runs[1].number == 2
    assert [r.number for r in numbered[1].runs[1:]] == [2, 3]


def test_a_choice_is_a_set(kb):
    """The same topics asked for in another order give the same briefing (the builder lists
    choices by name, so must the command line)."""
    one = briefings.Selection(topics=("privacy", "ai"), forums=("g7",))
    two = briefings.Selection(topics=("ai", "privacy", "ai"), forums=("g7",))
    write = lambda sel: briefings.to_markdown(briefings.build(kb, sel, Ctx("en", "briefings/"), DAY))   # noqa: E731
    assert write(one) == write(two)
