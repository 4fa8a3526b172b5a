"""The briefing builder on the Briefings page: an officer's choice gives, in the browser, the
same briefing as `scripts.briefing` for the same choice (text of the print page, meetings, the
Word file's paragraphs and tables), with no request leaving the site."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from urllib.parse import urlencode

import pytest

from macros import briefings
from macros.urls import Ctx

PRODUCED = dt.date(2026, 12, 4)
CHOICES = [
    ("ja", {"forum": ["g7"], "topic": ["ai"], "since": "2023-01-01", "until": "2025-12-31"}),
    ("en", {"process": ["hiroshima-ai-process"]}),
    ("en", {"series": ["g7-digital-ministers"], "party": ["jp"]}),
    ("ja", {"topic": ["privacy", "data-governance"], "since": "2010-01-01"}),
]
RESULT = ".kyocho-builder-result"


@pytest.fixture(scope="module")
def kb(real_site):
    """The knowledge base the site was built from (its copy: the same data, the same history)."""
    from macros.core import load
    return load(real_site.parent / "data")


def selection(choice: dict) -> briefings.Selection:
    day = lambda k: dt.date.fromisoformat(choice[k]) if k in choice else None   # noqa: E731
    return briefings.Selection(topics=tuple(choice.get("topic", ())), forums=tuple(choice.get("forum", ())),
                               parties=tuple(choice.get("party", ())), series=tuple(choice.get("series", ())),
                               processes=tuple(choice.get("process", ())), since=day("since"), until=day("until"))


def builder_url(base: str, page_lang: str, lang: str, choice: dict) -> str:
    query = [(k, v) for k, vs in choice.items() for v in (vs if isinstance(vs, list) else [vs])]
    query += [("lang", lang), ("date", PRODUCED.isoformat())]
    return base + ("" if page_lang == "ja" else "en/") + "briefings/?" + urlencode(query)


def built(tab, url: str) -> None:
    tab.goto(url)
    tab.page.wait_for_selector(f"{RESULT} h1")


def visible_text(tab, html: str) -> str:
    """Text of an HTML fragment as this browser lays it out (the same measure for both)."""
    return tab.page.evaluate("""html => { const d = document.createElement('div'); d.className = 'kyocho-briefing';
        d.innerHTML = html; document.querySelector('article').appendChild(d); const t = d.innerText; d.remove(); return t; }""", html)


@pytest.mark.parametrize("lang,choice", CHOICES, ids=[f"{lang}-{'-'.join(map(str, c))}" for lang, c in CHOICES])
def test_builder_gives_the_command_lines_briefing(tab, real_url, kb, lang, choice):
    built(tab, builder_url(real_url, lang, lang, choice))
    brief = briefings.build(kb, selection(choice), Ctx(lang, "briefings/"), PRODUCED)
    assert brief.meetings, "the choice selects nothing: pick one that shows the comparison"
    ours = tab.page.locator(RESULT).inner_text()
    assert ours == visible_text(tab, briefings.to_html_fragment(brief))
    status = tab.page.locator(".kyocho-builder-status").inner_text()
    assert str(len(brief.meetings)) in status and str(len(brief.documents)) in status
    assert all(r.startswith(real_url) for r in tab.requests), [r for r in tab.requests if not r.startswith(real_url)]
    assert not tab.page_errors and not tab.console_errors, tab.page_errors + tab.console_errors


def test_an_english_briefing_from_the_japanese_page(tab, real_url, kb):
    choice = {"forum": ["g20"], "since": "2019-01-01", "until": "2021-12-31"}
    built(tab, builder_url(real_url, "ja", "en", choice))
    brief = briefings.build(kb, selection(choice), Ctx("en", "briefings/"), PRODUCED)
    assert tab.page.locator(f"{RESULT} h1").inner_text() == brief.title
    assert tab.page.locator(RESULT).get_attribute("lang") == "en"


def test_the_form_builds_what_the_officer_chose(tab, real_url, kb):
    """Chosen with the form's own controls, not the address: G7 + AI + 2023–2025 in Japanese."""
    tab.goto(real_url + "briefings/")
    form = tab.page.locator("form.kyocho-builder")
    assert form.is_visible()
    form.locator("select[name=forum]").select_option(["g7"])
    form.locator("select[name=topic]").select_option(["ai"])
    form.locator("input[name=since]").fill("2023-01-01")
    form.locator("input[name=until]").fill("2025-12-31")
    form.locator("button[type=submit]").click()
    tab.page.wait_for_selector(f"{RESULT} h1")
    brief = briefings.build(kb, selection(CHOICES[0][1]), Ctx("ja", "briefings/"), dt.date.today())
    links = tab.page.locator(f"{RESULT} #chronology + table a").evaluate_all("as => as.map(a => a.href)")
    assert [link.rstrip("/").rsplit("/", 1)[1] for link in links] == brief.meetings
    assert "forum=g7" in tab.page.url and "topic=ai" in tab.page.url   # the choice can be bookmarked


def test_a_period_that_ends_before_it_starts_is_refused(tab, real_url):
    built_url = builder_url(real_url, "en", "en", {"forum": ["g7"], "since": "2024-01-01", "until": "2023-01-01"})
    tab.goto(built_url)
    tab.page.wait_for_function("() => document.querySelector('.kyocho-builder-status').textContent.length > 0")
    assert "before its start" in tab.page.locator(".kyocho-builder-status").inner_text()
    assert tab.page.locator(RESULT).inner_html() == ""


def _docx_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs if p.text.strip()]
    tables = [[c.text for row in t.rows for c in row.cells] for t in doc.tables]
    return paragraphs, tables


def test_builder_word_file_is_the_command_lines(tab, real_url, kb, tmp_path):
    lang, choice = CHOICES[0]
    built(tab, builder_url(real_url, lang, lang, choice))
    with tab.page.expect_download() as info:
        tab.page.locator(".kyocho-builder-tools [data-action=word]").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".docx"
    brief = briefings.build(kb, selection(choice), Ctx(lang, base=real_url), PRODUCED)
    ours, theirs = _docx_text(path.read_bytes()), _docx_text(briefings.write_docx(brief, links=True))
    assert ours == theirs
    import docx
    doc = docx.Document(str(path))
    assert doc.core_properties.title == brief.title
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links and all(link.startswith(real_url) or link.startswith("http") for link in links)

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:   # LibreOffice opens it without repair and lays out its pages
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       check=True, capture_output=True, timeout=180)
        from pypdf import PdfReader
        pdf = PdfReader(str(path.with_suffix(".pdf")))
        assert len(pdf.pages) >= 2
        assert brief.title.split("：")[0] in pdf.pages[0].extract_text()


def test_a_process_briefing_in_word_carries_its_drawing(tab, real_url, tmp_path):
    built(tab, builder_url(real_url, "en", "en", {"process": ["hiroshima-ai-process"]}))
    assert tab.page.locator(f"{RESULT} figure svg").count() == 1
    with tab.page.expect_download() as info:
        tab.page.locator(".kyocho-builder-tools [data-action=word]").click()
    path = tmp_path / "process.docx"
    info.value.save_as(path)
    import docx
    doc = docx.Document(str(path))
    images = [r for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 1 and images[0].target_part.blob[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_address_with_an_unknown_choice_says_so(tab, real_url):
    tab.goto(real_url + "en/briefings/?series=g7-digital-tech-ministers")
    tab.page.wait_for_function("() => document.querySelector('.kyocho-builder-status').textContent.length > 0")
    assert "series=g7-digital-tech-ministers" in tab.page.locator(".kyocho-builder-status").inner_text()
    assert tab.page.locator(RESULT).inner_html() == ""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_builder_and_its_briefing_are_accessible(tab, real_url, lang):
    from .test_accessibility import BLOCKING, axe, describe

    built(tab, builder_url(real_url, lang, lang, CHOICES[0][1]))
    violations = axe().run(tab.page).response["violations"]
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "axe-core found:\n" + "\n".join(blocking)


def test_a_built_briefing_prints_alone(tab, real_url):
    """Printed, the page is the briefing: no form, no list of ready-made briefings, no navigation."""
    from pypdf import PdfReader

    built(tab, builder_url(real_url, "en", "en", CHOICES[0][1]))
    tab.page.emulate_media(media="print")
    assert not tab.page.locator("form.kyocho-builder").is_visible()
    assert not tab.page.locator("#forums").is_visible()
    assert tab.page.locator(f"{RESULT} h1").is_visible() and tab.page.locator(f"{RESULT} .kyocho-endnotes").is_visible()
    pdf = PdfReader(io.BytesIO(tab.page.pdf(format="A4")))
    first = pdf.pages[0].extract_text()
    assert "Briefing" in first and "Build a briefing" not in first


def test_a_record_page_leads_to_the_builder_with_the_record_chosen(tab, real_url, kb):
    tab.goto(real_url + "en/topics/ai/")
    tab.page.locator(".kyocho-briefing-offer a[href*='#builder']").click()
    tab.page.wait_for_selector(f"{RESULT} h1")
    assert tab.page.locator("select[name=topic] option:checked").evaluate_all("os => os.map(o => o.value)") == ["ai"]
    brief = briefings.build(kb, briefings.Selection(topics=("ai",)), Ctx("en", "briefings/"), dt.date.today())
    assert tab.page.locator(f"{RESULT} h1").inner_text() == brief.title
