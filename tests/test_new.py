"""The scaffold: a new record file that validates except for what the contributor must add."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from macros.core import load
from macros.core.models import Meeting, Place
from scripts import fmt, new

from .conftest import ROOT, VALID

MEETING = ["--forum", "g7", "--series", "g7-digital-ministers", "--kind", "ministerial",
           "--start", "2026-05-01", "--end", "2026-05-02",
           "--title-en", "G7 Digital and Tech Ministers' Meeting in Takamatsu",
           "--title-ja", "G7デジタル・技術大臣会合", "--city", "Takamatsu", "--city-ja", "高松市",
           "--country", "JP", "--topics", "ai, generative-ai"]
NEW_ID = "g7-2026-digital-tech-ministers-takamatsu"


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(VALID, copy)
    monkeypatch.chdir(tmp_path)  # paths are printed relative to here, as for a contributor
    return copy


def scaffold(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """The command as a contributor runs it, without a terminal."""
    return subprocess.run([sys.executable, "-m", "scripts.new", *args, "--data", str(data)],
                          cwd=data.parent, capture_output=True, text=True, input=stdin,
                          env={"PYTHONPATH": str(ROOT), "PATH": ""})


def test_meeting_from_flags_is_written_with_schema_line_and_bilingual_comments(data):
    result = scaffold(data, "meeting", *MEETING)
    assert result.returncode == 0, result.stderr
    path = data / "meetings" / f"{NEW_ID}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/meeting.schema.json"
    for model, name in ((Meeting, "start"), (Meeting, "japan_role"), (Place, "country")):
        extra = model.model_fields[name].json_schema_extra
        assert f"{extra['description_en']} / {extra['description_ja']}" in text
    assert "# Kind of engagement / 会合の種類 — summit, ministerial," in text
    assert "# TODO: What was decided" in text
    # The file is already in the canonical format.
    assert fmt.format_text(text, "meeting", "x") == text


def test_new_meeting_has_only_the_problems_still_to_fill(data):
    result = scaffold(data, "meeting", *MEETING)
    kb = load(data, root=data.parent)
    mine = [p for p in kb.errors if p.path == f"data/meetings/{NEW_ID}.yaml"]
    assert [p.field for p in mine] == ["summary", "sources"]
    assert f"data/meetings/{NEW_ID}.yaml:" in result.stdout
    assert "summary: give the text in at least one language" in result.stdout
    assert [p for p in kb.errors if p not in mine] == []


def test_filled_in_meeting_validates_and_keeps_what_was_given(data):
    result = scaffold(data, "meeting", *MEETING, "--source", "mic-2016-g7-takamatsu-result")
    # The series has a roster: the scaffold says the meeting must be added to it too.
    assert f"data/series/g7-digital-ministers.yaml (- year: 2026 … meeting: {NEW_ID})" in result.stdout
    path = data / "meetings" / f"{NEW_ID}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "summary:\n  ja:\n  en:\n", "summary:\n  en: Ministers met.\n"), encoding="utf-8")
    kb = load(data, root=data.parent)
    assert [p.message.split(":")[0] for p in kb.errors] == ["this meeting is not among the editions of series 'g7-digital-ministers'"]
    series = data / "series" / "g7-digital-ministers.yaml"
    series.write_text(series.read_text(encoding="utf-8").replace(
        "sources:", f"  - year: 2026\n    start: 2026-05-01\n    meeting: {NEW_ID}\nsources:"), encoding="utf-8")
    kb = load(data, root=data.parent)
    assert kb.errors == []
    meeting = kb.meetings[NEW_ID]
    assert (meeting.forum, meeting.series, str(meeting.start), meeting.place.country) == \
        ("g7", "g7-digital-ministers", "2026-05-01", "JP")
    assert meeting.title.ja == "G7デジタル・技術大臣会合" and meeting.topics == ["ai", "generative-ai"]


def test_an_existing_file_is_never_overwritten(data):
    target = data / "meetings" / "g7-2016-ict-ministers-takamatsu.yaml"
    before = target.read_text(encoding="utf-8")
    result = scaffold(data, "meeting", *MEETING, "--id", "g7-2016-ict-ministers-takamatsu")
    assert result.returncode == 2
    assert result.stderr == ("data/meetings/g7-2016-ict-ministers-takamatsu.yaml: already exists, "
                             "not overwritten (choose another id with --id)\n")
    assert target.read_text(encoding="utf-8") == before


def test_wrong_answers_get_did_you_mean_and_nothing_is_written(data):
    result = scaffold(data, "meeting", "--forum", "g8", "--kind", "ministrial", "--start", "2026-5-1",
                      "--country", "JA", "--title-en", "X", "--topics", "generative_ai")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--forum: no forum 'g8' (did you mean 'g7'?)",
        "--kind: 'ministrial' is not allowed (did you mean 'ministerial'?); choose one of: summit, "
        "ministerial, senior-officials, working-group, conference, bilateral-talks, signing",
        "--start: '2026-5-1' is not a date: write it as YYYY-MM-DD (e.g. 2016-04-29)",
        "--country: 'JA' is not an ISO 3166-1 alpha-2 country code (e.g. JP, US, GB)",
        "--topics: no topic 'generative_ai' (did you mean 'generative-ai'?)",
    ]
    assert sorted(p.name for p in (data / "meetings").iterdir()) == sorted(
        p.name for p in (VALID / "meetings").iterdir())


def test_cross_record_rules_are_checked_before_writing(data):
    result = scaffold(data, "document", "--type", "declaration", "--title-en", "Takamatsu Declaration",
                      "--adopted-at", "g7-2016-ict-ministers-takamatsu", "--date", "2016-04-01")
    assert result.returncode == 2
    assert "date: 2016-04-01 is before the meeting 'g7-2016-ict-ministers-takamatsu' began" in result.stderr
    assert not (data / "documents" / "g7-2016-takamatsu-declaration.yaml").exists()


def test_missing_essentials_without_a_terminal_are_listed(data):
    result = scaffold(data, "meeting", "--forum", "g7")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("--kind: required (Kind of engagement / 会合の種類)")
    assert lines[1].startswith("--start: required")
    assert "--title-en/--title-ja: give the title in at least one language" in lines
    assert any(line.startswith("--country: required") for line in lines)


def test_dry_run_prints_and_writes_nothing(data):
    result = scaffold(data, "meeting", *MEETING, "--dry-run")
    assert result.returncode == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=../schema/meeting.schema.json\n")
    assert f"forum: g7\n" in result.stdout
    assert not (data / "meetings" / f"{NEW_ID}.yaml").exists()


@pytest.mark.parametrize("args, rid, folder", [
    (["document", "--type", "declaration", "--title-en", "Joint Declaration on Düsseldorf AI",
      "--adopted-at", "g7-2023-digital-ministers-takasaki"], "g7-2023-joint-declaration-dusseldorf-ai",
     "documents"),
    (["topic", "--name-en", "Quantum communication", "--name-ja", "量子通信", "--broader", "ai"],
     "quantum-communication", "topics"),
    (["party", "--kind", "country", "--iso", "NO", "--name-en", "Norway", "--name-ja", "ノルウェー"],
     "no", "parties"),
])
def test_other_kinds_get_ids_in_the_data_style(data, args, rid, folder):
    result = scaffold(data, *args)
    assert result.returncode == 0, result.stderr
    kb = load(data, root=data.parent)
    mine = [p for p in kb.errors if p.path == f"data/{folder}/{rid}.yaml"]
    assert mine and all(p.field in new.TO_FILL for p in mine), [str(p) for p in kb.errors]


def test_a_flag_for_another_kind_is_refused(data):
    result = scaffold(data, "party", "--kind", "country", "--iso", "NO", "--name-en", "Norway",
                      "--topics", "ai")
    assert (result.returncode, result.stderr) == (
        2, "--topics: not used for a party (see python -m scripts.new party --help)\n")


def test_interactive_prompts_show_allowed_values_and_ask_again(data, monkeypatch, capsys):
    answers = ["g8", "g7", "", "ministrial", "ministerial", "2026-05-01", "", "Digital Ministers", "",
               "Takamatsu", "", "JP", "", "", "", "", ""]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    assert new.main(["meeting", "--data", str(data)], interactive=True) == 0
    out, err = capsys.readouterr()
    assert "Forum (id) / フォーラム（ID） [bilateral-ke, g7]" in out
    assert "[g7-digital-ministers] (Enter to skip / 省略可)" in out
    assert "--forum: no forum 'g8' (did you mean 'g7'?)" in err
    assert "--kind: 'ministrial' is not allowed (did you mean 'ministerial'?)" in err
    assert (data / "meetings" / "g7-2026-digital-ministers-takamatsu.yaml").exists()


# ---------------------------------------------------------------------------------------
# sources: `new source`, and the inline step of the other kinds
# ---------------------------------------------------------------------------------------
SOURCE = ["--url", "https://www.soumu.go.jp/menu_news/s-news/01tsushin06_02000099.html",
          "--title", "G7デジタル・技術大臣会合の開催結果", "--date", "2026-05-02"]


def test_source_from_options_is_appended_in_the_file_style_and_reads_back(data):
    before = (data / "references.bib").read_text(encoding="utf-8")
    result = scaffold(data, "source", *SOURCE)
    assert result.returncode == 0, result.stderr
    # The publisher's short name as the site's other keys begin (soumu.go.jp → mic), the
    # year, words of the title and of the address; the organisation as the site's entries name it.
    key = "mic-2026-g7-01tsushin06-02000099"
    assert result.stdout.startswith(f"added '{key}' to data/references.bib; cite it in a record's sources: [{key}]")
    after = (data / "references.bib").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n@online{" + key + ",\n")
    assert after.endswith(
        "  title        = {G7デジタル・技術大臣会合の開催結果},\n  organization = {総務省},\n"
        "  date         = {2026-05-02},\n"
        "  url          = {https://www.soumu.go.jp/menu_news/s-news/01tsushin06_02000099.html},\n"
        f"  urldate      = {{{dt.date.today().isoformat()}}},\n  langid       = {{japanese}},\n}}\n")
    kb = load(data, root=data.parent)
    assert kb.errors == [] and kb.sources[key].kind == "official"
    assert [str(p) for p in kb.warnings if p.field == key] == [
        f"data/references.bib:{kb.sources[key].line}:1: warning: {key}: source is not cited by any record"]


def test_source_kind_is_written_only_where_the_address_says_otherwise(data):
    result = scaffold(data, "source", "--url", "https://g7.utoronto.ca/ict/2016-ict-declaration.html",
                      "--title", "Joint Declaration by G7 ICT Ministers", "--date", "2016-04-30")
    assert "  langid       = {english},\n}" in result.stdout      # secondary by its address: no kind
    result = scaffold(data, "source", "--url", "https://www.soumu.go.jp/main_content/000416948.pdf",
                      "--title", "Charter for the Digitally Connected World", "--kind", "secondary",
                      "--organization", "Ministry of Internal Affairs and Communications")
    assert "mic-" + str(dt.date.today().year) + "-charter-digitally-connected-world" in result.stdout
    assert "  kind         = {secondary},\n}" in result.stdout


def test_an_address_already_cited_gives_its_key_and_nothing_is_written(data):
    before = (data / "references.bib").read_text(encoding="utf-8")
    result = scaffold(data, "source", "--url", "http://soumu.go.jp/menu_news/s-news/01tsushin06_02000083.html/",
                      "--title", "Another title")
    assert (result.returncode, result.stdout) == (0, (
        "https://www.soumu.go.jp/menu_news/s-news/01tsushin06_02000083.html is already in data/references.bib "
        "as 'mic-2016-g7-takamatsu-result' (G7香川・高松情報通信大臣会合の開催結果): cite that key in the record's sources\n"))
    assert (data / "references.bib").read_text(encoding="utf-8") == before


def test_a_bad_source_is_refused_with_every_reason(data):
    before = (data / "references.bib").read_text(encoding="utf-8")
    result = scaffold(data, "source", "--url", "www.soumu.go.jp/x", "--title", "Results {draft}",
                      "--date", "2026-02-30", "--kind", "offical", "--key", "mic-2016-g7-takamatsu-result")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--url: 'www.soumu.go.jp/x' is not a web address: write it in full, starting with https:// or http://",
        "--title: braces { } end a BibTeX value early: leave them out",
        "--date: '2026-02-30' is not a date: write it as YYYY-MM-DD (e.g. 2016-04-30), or YYYY-MM or YYYY "
        "when the page gives no day",
        "--kind: 'offical' is not allowed (did you mean 'official'?); choose one of: official, secondary",
        "--key: 'mic-2016-g7-takamatsu-result' is already a source in data/references.bib "
        "(G7香川・高松情報通信大臣会合の開催結果): choose another key",
    ]
    assert (data / "references.bib").read_text(encoding="utf-8") == before


def test_a_meeting_with_a_source_url_adds_the_source_and_cites_it(data):
    result = scaffold(data, "meeting", *MEETING, *(f"--source-{a[2:]}" if a.startswith("--") else a for a in SOURCE))
    assert result.returncode == 0, result.stderr
    key = "mic-2026-g7-digital-tech-ministers-takamatsu"
    assert result.stdout.startswith(f"added '{key}' to data/references.bib\nwrote data/meetings/{NEW_ID}.yaml")
    kb = load(data, root=data.parent)
    assert kb.sources[key].title == "G7デジタル・技術大臣会合の開催結果"
    assert [p.field for p in kb.problems if p.path == f"data/meetings/{NEW_ID}.yaml" and p.severity == "error"] == ["summary"]
    # The meeting fails its own checks until the summary is written; its new source is not "uncited".
    assert not [p for p in kb.warnings if p.field == key]
    (data / "meetings" / f"{NEW_ID}.yaml").read_text(encoding="utf-8").index(f"sources: [{key}]")


def test_a_source_url_already_in_the_file_cites_its_key(data):
    result = scaffold(data, "document", "--type", "declaration", "--title-en", "Takamatsu Declaration",
                      "--adopted-at", "g7-2016-ict-ministers-takamatsu",
                      "--source-url", "https://www.soumu.go.jp/menu_news/s-news/01tsushin06_02000083.html")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("--source-url: already in data/references.bib as 'mic-2016-g7-takamatsu-result': "
                             "citing that key\n")
    text = (data / "documents" / "g7-2016-takamatsu-declaration.yaml").read_text(encoding="utf-8")
    assert "sources: [mic-2016-g7-takamatsu-result]" in text


def test_a_refused_record_leaves_no_source_behind(data):
    before = (data / "references.bib").read_text(encoding="utf-8")
    result = scaffold(data, "document", "--type", "declaration", "--title-en", "Takamatsu Declaration",
                      "--adopted-at", "g7-2016-ict-ministers-takamatsu", "--date", "2016-04-01", *(
                          f"--source-{a[2:]}" if a.startswith("--") else a for a in SOURCE))
    assert result.returncode == 2 and "is before the meeting" in result.stderr
    assert (data / "references.bib").read_text(encoding="utf-8") == before


def test_interactive_source_offers_the_proposed_key_and_the_organisation(data, monkeypatch, capsys):
    answers = ["https://www.mofa.go.jp/press/release/pressite_000001_00999.html",
               "Japan-Kenya Summit Meeting", "2026-05-02", "", "", "", "", ""]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    assert new.main(["source", "--data", str(data)], interactive=True) == 0
    out, _ = capsys.readouterr()
    assert "(Enter: english)" in out and "(Enter: official)" in out
    assert "(Enter: mofa-2026-japan-kenya-summit)" in out
    assert load(data, root=data.parent).sources["mofa-2026-japan-kenya-summit"].date == "2026-05-02"


# ---------------------------------------------------------------------------------------
# options: one for every field a record can have, each described
# ---------------------------------------------------------------------------------------
def _leaves(model, path=()):
    """(flag words, English description) of every field, nested groups flattened, from the model."""
    from macros.core.models import Text, submodel

    for name, info in model.model_fields.items():
        inner, listed = submodel(info.annotation), typing.get_origin(info.annotation) is list
        here = (*path, name)
        if inner is not None and not listed and inner is not Text:
            yield from _leaves(inner, here)
        else:
            yield here, info.json_schema_extra["description_en"]


@pytest.mark.parametrize("kind", ["meeting", "document", "topic", "party", "process"])
def test_each_kind_has_its_own_help_with_an_option_for_every_field(kind):
    from macros.core.models import KINDS

    result = subprocess.run([sys.executable, "-m", "scripts.new", kind, "--help"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    shown = " ".join(result.stdout.split())   # argparse wraps the descriptions
    aliases = {("sources",): "--source", ("place", "city"): "--city", ("place", "country"): "--country"}
    for path, description in _leaves(KINDS[kind]):
        flag = aliases.get(path, "--" + "-".join(path).replace("_", "-"))
        assert flag in shown, f"{kind}: no option for {'.'.join(path)}"
        assert " ".join(description.split()) in shown, f"{kind}: {flag} is not described"
    assert "--source-url VALUE Address of the page" in shown
    # Only this kind's fields: a meeting has no ISO code, a party no topics.
    assert ("--iso" in shown) == (kind == "party") and ("--topics" in shown) == (kind in ("meeting", "document"))


def test_options_for_the_other_fields_are_checked_and_written(data):
    result = scaffold(data, "meeting", "--forum", "g7", "--kind", "summit", "--start", "2026-06-14",
                      "--title-en", "G7 Summit", "--place-virtual", "true", "--status", "planned",
                      "--japan-role", "host, chair", "--chair", "jp", "--processes", "hiroshima-ai-process",
                      "--japan-represented-by", "{name: {en: Takaichi Sanae}, title: {en: Prime Minister}}",
                      "--summary-en", "Leaders meet.", "--source", "mic-2016-g7-takamatsu-result")
    assert result.returncode == 0, result.stderr
    kb = load(data, root=data.parent)
    m = kb.meetings["g7-2026-summit"]
    assert (m.status, m.place.virtual, m.japan_role, m.chair, m.processes) == (
        "planned", True, ["host", "chair"], "jp", ["hiroshima-ai-process"])
    assert m.japan_represented_by[0].name.en == "Takaichi Sanae" and m.summary.en == "Leaders meet."
    assert [p for p in kb.errors if p.path == "data/meetings/g7-2026-summit.yaml"] == []


def test_wrong_values_of_the_other_fields_get_the_validators_words(data):
    result = scaffold(data, "meeting", "--forum", "g7", "--kind", "summit", "--start", "2026-06-14",
                      "--title-en", "X", "--country", "FR", "--status", "plan", "--japan-role", "host, hots",
                      "--japan-represented-by", "{name: {en: A}}", "--builds-on", "g7-2016-ict-takamatsu")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--status: 'plan' is not allowed (did you mean 'planned'?); choose one of: held, planned",
        "--builds-on: no meeting 'g7-2016-ict-takamatsu' (did you mean 'g7-2016-ict-ministers-takamatsu'?)",
        "--japan-role: 'hots' is not allowed (did you mean 'host'?); choose one of: host, chair, co-chair, "
        "participant, signatory, observer",
        "--japan-represented-by: [0].title: required field is missing",
    ]


@pytest.mark.parametrize("name", ["France", "france", "フランス"])
def test_the_wizard_offers_the_id_of_a_name(name):
    """On the real data: a country's name in either language stands for its id."""
    result = subprocess.run([sys.executable, "-m", "scripts.new", "meeting", *MEETING, "--host", name,
                             "--dry-run"], cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    shown = "フランス" if name == "フランス" else "France"
    assert result.stderr == f"--host: no party '{name}' (did you mean 'fr' ({shown})?)\n"


def test_an_impossible_date_is_called_so(data):
    result = scaffold(data, "meeting", *MEETING[:6], "--start", "2026-02-30", *MEETING[8:])
    assert result.returncode == 2
    assert result.stderr == "--start: '2026-02-30' is not a real calendar date\n"


def test_interactive_answers_take_the_suggested_id_with_enter(data, monkeypatch, capsys):
    """「日本」 for the host: the wizard offers jp, and Enter takes it; no source key: it asks for a
    new source and cites it."""
    answers = ["g7", "", "ministerial", "2026-05-01", "", "Digital Ministers", "", "Takamatsu", "", "JP",
               "日本", "", "ai, generativ", "", "",
               "https://www.soumu.go.jp/menu_news/s-news/01tsushin06_02000099.html", "Results", "", "", "", "",
               "", "", ""]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    assert new.main(["meeting", "--data", str(data)], interactive=True) == 0
    out, err = capsys.readouterr()
    assert "--host: no party '日本' (did you mean 'jp' (日本)?)" in err
    assert "(Enter: jp)" in out and "(Enter: ai, generative-ai)" in out
    assert "No source key given? Add a new source: Address of the page" in out
    text = (data / "meetings" / "g7-2026-digital-ministers-takamatsu.yaml").read_text(encoding="utf-8")
    assert "\nhost: jp\n" in text and "\ntopics: [ai, generative-ai]\n" in text
    assert "\nsources: [mic-2026-results]\n" in text
    assert load(data, root=data.parent).sources["mic-2026-results"].title == "Results"
