"""The scaffold: a new record file that validates except for what the contributor must add."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
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
        2, "--topics: not used for a party (see python -m scripts.new --help)\n")


def test_interactive_prompts_show_allowed_values_and_ask_again(data, monkeypatch, capsys):
    answers = ["g8", "g7", "", "ministrial", "ministerial", "2026-05-01", "", "Digital Ministers", "",
               "Takamatsu", "", "JP", "", "", "", ""]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers) + "\n"))
    assert new.main(["meeting", "--data", str(data)], interactive=True) == 0
    out, err = capsys.readouterr()
    assert "Forum (id) / フォーラム（ID） [bilateral-ke, g7]" in out
    assert "[g7-digital-ministers] (Enter to skip / 省略可)" in out
    assert "--forum: no forum 'g8' (did you mean 'g7'?)" in err
    assert "--kind: 'ministrial' is not allowed (did you mean 'ministerial'?)" in err
    assert (data / "meetings" / "g7-2026-digital-ministers-takamatsu.yaml").exists()
