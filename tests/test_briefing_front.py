"""What a minister's briefing opens with, and what makes it usable on paper: key points with
their sources, the commitments in one table, who represented Japan, how current the data is,
contents, a glossary, page numbers, rows that do not split, and a Word file LibreOffice opens."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from macros import briefings
from macros.core import history, load
from macros.urls import Ctx
from tests.conftest import ROOT, VALID

DAY = dt.date(2026, 11, 21)
G7 = briefings.Selection(forums=("g7",))


@pytest.fixture(scope="module")
def kb():
    k = load(VALID)
    # History as git would give it, fixed so the test does not depend on when files were committed.
    k.changed = {rec.path: dt.date(2026, 5, 1) for recs in k.records.values() for rec in recs.values()}
    k.changed["valid/meetings/g7-2023-digital-ministers-takasaki.yaml"] = dt.date(2026, 6, 30)
    return k


def markdown(kb, sel=G7, lang="ja", day=DAY) -> str:
    return briefings.to_markdown(briefings.build(kb, sel, Ctx(lang, linked=False), day))


def section(md: str, heading: str) -> str:
    return md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_key_points_come_first_and_each_cites_its_sources(kb):
    md = markdown(kb)
    assert md.index("## 要点") < md.index("## 概観") < md.index("## 年表")
    points = [line for line in section(md, "要点").splitlines() if line.startswith("- ")]
    assert points[0].startswith("- 直近の会合：2023年4月29日〜30日（令和5年） G7群馬高崎デジタル・技術大臣会合。成果文書：")
    assert "日本は2件の会合のうち2件で開催国または議長を務めた" in points[1]
    assert "コミットメントは2件で、うち1件は後の文書で再確認・前進などが記録されている" in points[2]
    assert all(re.search(r"\[\\\[\d+\\\]\]\(#ref-\d+\)$", p) for p in points), points   # every point is cited


def test_what_is_planned_next_is_a_key_point_and_listed_as_upcoming(kb):
    md = markdown(kb, day=dt.date(2020, 1, 1))   # before the Takasaki meeting
    assert "- 次回：2023年4月29日〜30日（令和5年） G7群馬高崎デジタル・技術大臣会合。" in section(md, "要点")
    assert "G7群馬高崎デジタル・技術大臣会合" in section(md, "今後の予定")


def test_the_commitments_of_the_selection_are_in_one_table_with_what_became_of_them(kb):
    rows = section(markdown(kb, lang="en"), "Commitments in these documents").strip().splitlines()
    assert rows[0] == "| Commitment | Document | Paragraph | What became of it | Due |"
    assert "| A commitment for the tests. | Joint Declaration by G7 ICT Ministers | para. 3 | Taken further later | 31 December 2020 |" in rows


def test_the_chronology_says_who_represented_japan(kb):
    assert "開催国、議長（総務大臣　高市早苗）" in section(markdown(kb), "年表")


def test_data_current_to_is_the_newest_change_to_the_selected_records(kb):
    md = markdown(kb)
    assert "*作成日：2026年11月21日（令和8年）　データの最終更新日：2026年6月30日（令和8年）*" in md
    ai_only = markdown(kb, briefings.Selection(forums=("g7",), until=dt.date(2017, 1, 1)), lang="en")
    assert "Data current to: 1 May 2026" in ai_only   # the Takasaki file is not in this selection


def test_without_history_the_briefing_does_not_guess_a_date(kb, tmp_path):
    assert history.file_dates(tmp_path) == {}          # not a repository: nothing is known
    k = load(VALID)
    k.changed = {}
    assert "最終更新日" not in markdown(k)


def test_history_counts_an_uncommitted_edit_as_changed_today(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    (tmp_path / "a.yaml").write_text("a: 1\n")
    subprocess.run(git + ["add", "a.yaml"], check=True)
    env = {**os.environ, "GIT_COMMITTER_DATE": "2026-01-02T00:00:00", "GIT_AUTHOR_DATE": "2026-01-02T00:00:00"}
    subprocess.run(git + ["commit", "-q", "-m", "a"], check=True, env=env)
    assert history.file_dates(tmp_path, today=dt.date(2026, 3, 3)) == {"a.yaml": dt.date(2026, 1, 2)}
    (tmp_path / "a.yaml").write_text("a: 2\n")
    (tmp_path / "b.yaml").write_text("b: 1\n")
    assert history.file_dates(tmp_path, today=dt.date(2026, 3, 3)) == {"a.yaml": dt.date(2026, 3, 3),
                                                                       "b.yaml": dt.date(2026, 3, 3)}


def test_contents_and_glossary_of_the_forum_codes_used(kb):
    md = markdown(kb, lang="en")
    contents = md.split("**Contents**\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert contents[0] == "1. [Key points](#key-points)" and contents[-1].endswith("[Sources](#sources)")
    assert "| G7 | Group of Seven |" in section(md, "Abbreviations")


def test_word_file_has_contents_page_numbers_rows_that_do_not_split_and_headings_kept_with_text(kb):
    brief = briefings.build(kb, G7, Ctx("ja", base="https://example.org/"), DAY)
    document = docx.Document(io.BytesIO(briefings.write_docx(brief)))
    body = document.element.body.xml
    assert 'TOC \\o "1-1"' in body and "要点" in body                     # a contents field, readable before updating
    assert document.settings.element.find(qn("w:updateFields")) is not None   # Word fills in the page numbers
    footer = document.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    for table in document.tables:
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    for name in ("Heading 1", "Heading 2"):
        assert document.styles[name].paragraph_format.keep_with_next


def test_libreoffice_opens_the_word_file_without_repair(kb, tmp_path):
    """LibreOffice converts the file to PDF and to text: the pages exist and say what we wrote."""
    soffice = shutil.which("soffice")
    if not soffice:
        if os.environ.get("CI"):
            pytest.fail("CI must check Word files with LibreOffice: apt-get install libreoffice-writer-nogui")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    brief = briefings.build(kb, G7, Ctx("ja", base="https://example.org/"), DAY)
    path = tmp_path / "briefing.docx"
    path.write_bytes(briefings.write_docx(brief))
    for target in ("pdf", "txt:Text"):
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", target, "--outdir", str(tmp_path), str(path)],
                       check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2
    text = (tmp_path / "briefing.txt").read_text(encoding="utf-8-sig")
    for expected in ("ブリーフィング資料：主要7か国", "目次", "要点", "直近の会合", "テスト用のコミットメント。", "総務大臣　高市早苗"):
        assert expected in text, expected


def test_a_process_briefing_shows_its_drawing_with_its_key_and_in_word_as_a_picture(monkeypatch):
    real = load(ROOT / "data")
    sel = briefings.Selection(processes=("hiroshima-ai-process",))
    brief = briefings.build(real, sel, Ctx("ja", base="https://example.org/"), DAY)
    page = briefings.to_html_fragment(brief)
    assert '<figure class="kyocho-figure"><svg class="kyocho-drawing"' in page
    md = briefings.to_markdown(brief)
    assert "\n1. G7群馬高崎デジタル・技術大臣会合（2023年4月29日）\n" in md        # the key, in words
    document = docx.Document(io.BytesIO(briefings.write_docx(brief)))
    assert len(document.inline_shapes) == 1                                         # the drawing, as a picture
    assert document.inline_shapes[0].width == document.sections[0].page_width - 2 * document.sections[0].left_margin
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1. G7群馬高崎デジタル・技術大臣会合（2023年4月29日）" in text
    # Without Cairo the picture is left out, never the key.
    import macros.briefings.docx as writer
    monkeypatch.setattr(writer, "svg_png", lambda svg: None)
    document = docx.Document(io.BytesIO(briefings.write_docx(brief)))
    assert len(document.inline_shapes) == 0 and "1. G7群馬高崎" in "\n".join(p.text for p in document.paragraphs)
