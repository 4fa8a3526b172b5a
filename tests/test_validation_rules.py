"""Every validation rule has a known-bad fixture, and each produces its exact message.

A fixture is a folder under tests/fixtures/invalid/: files laid over a copy of the valid data
set, and `expected.txt` with the lines the validator must print for them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from macros.core import load

from .conftest import INVALID, ROOT, VALID, overlay

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def test_valid_fixture_has_no_errors():
    kb = load(VALID)
    assert kb.errors == []


@pytest.mark.parametrize("case", CASES)
def test_known_bad_fixture_reports_expected_message(case, tmp_path):
    data = tmp_path / "data"
    import shutil

    shutil.copytree(VALID, data)
    overlay(INVALID / case, data)
    kb = load(data, root=tmp_path)
    printed = {str(p) for p in kb.problems}
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}: expected.txt is empty"
    missing = [line for line in expected if line not in printed]
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n\nreported:\n" + "\n".join(sorted(printed))


def test_every_problem_is_collected_in_one_pass(tmp_path):
    """Several broken files: all of their problems come back together."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    for case in ("unknown-field", "bad-url", "malformed-bib", "unknown-source"):
        overlay(INVALID / case, data)
    kb = load(data, root=tmp_path)
    messages = "\n".join(str(p) for p in kb.errors)
    assert "tittle: unknown field" in messages
    assert "is not a web address" in messages
    assert "malformed BibTeX entry" in messages
    assert "no source 'example-2023-sourc'" in messages


def test_a_broken_file_does_not_cascade(tmp_path):
    """References to a file that failed its own checks are not reported again."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    overlay(INVALID / "bad-enum", data)
    kb = load(data, root=tmp_path)
    assert len(kb.errors) == 1


def run_validate(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "scripts.validate", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_cli_exits_1_with_path_line_messages(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    overlay(INVALID / "end-before-start", data)
    result = run_validate(str(data))
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "end date" in l)
    path, lineno, col, rest = line.split(":", 3)
    assert path.endswith("data/meetings/g7-2016-ict-ministers-takamatsu.yaml")
    assert (lineno, col) == ("8", "6")
    assert rest.strip().startswith("end: the end date 2016-04-28 is before the start date 2016-04-29")
    assert "1 error(s)" in result.stderr


def test_cli_exits_0_with_one_line_summary_when_clean():
    result = run_validate(str(VALID), "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().count("\n") == 0
    assert result.stdout.startswith("ok: 3 meetings, 3 documents")


def test_cli_strict_fails_on_warnings():
    assert run_validate(str(VALID), "--strict").returncode == 1


def test_cli_without_dependencies_says_what_to_run(tmp_path):
    """A bare interpreter without the packages gets one line of advice, not a traceback."""
    import shutil as sh

    project = tmp_path / "p"
    sh.copytree(ROOT / "scripts", project / "scripts", ignore=sh.ignore_patterns("__pycache__"))
    sh.copytree(ROOT / "macros", project / "macros", ignore=sh.ignore_patterns("__pycache__"))
    # -S: no site-packages, as on a machine where nothing is installed; no .venv in the copy.
    result = subprocess.run([sys.executable, "-S", "-m", "scripts.validate"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "python3 scripts/dev.py test" in result.stderr


def test_a_file_with_several_mistakes_reports_them_all_at_once(tmp_path):
    """A misspelled key must not hide the date rule or the unknown forum until the next run."""
    data = tmp_path / "data"
    import shutil

    shutil.copytree(VALID, data)
    overlay(INVALID / "three-mistakes-one-pass", data)
    errors = [str(p) for p in load(data, root=tmp_path).errors]
    expected = (INVALID / "three-mistakes-one-pass" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert errors == expected  # exactly these, in file order, nothing doubled


@pytest.mark.parametrize("word,choices,hint", [
    ("g8", ["g7", "g20"], " (did you mean 'g7'?)"),
    ("G7", ["g7", "g20"], " (did you mean 'g7'?)"),
    ("cyber", ["cybersecurity", "ai"], " (did you mean 'cybersecurity'?)"),
    ("dig", ["digital-trade", "digital-economy"], ""),  # two fit: no guess
    ("zz", ["g7"], ""),
])
def test_did_you_mean(word, choices, hint):
    from macros.core.problems import did_you_mean

    assert did_you_mean(word, choices) == hint


def test_japanese_style_leaves_identifiers_links_and_names_alone():
    from macros.core.style import fixed, style_problems

    text = "文書番号はC(98)177とWT/MIN(15)/42。[本文](https://example.org/a_(b)) を参照。マリー・ビエア デジタル大臣"
    assert style_problems(text) == []
    quoted = "表題は「Final Acts (Geneva, 1995)」、蘭語では（Slotakten: Genève 1995 (WRC-95)）とある。"
    assert style_problems(quoted) == []   # a title quoted as written in another language
    assert [m for _, m in style_problems("「会議 (WRC-95)」")] == [   # Japanese inside: our prose
        "a half-width bracket in '「会議 (WRC-95': use the full-width '（' in Japanese text",
        "a half-width bracket in 'WRC-95)」': use the full-width '）' in Japanese text"]
    assert fixed("G7 首脳は経済協力開発機構(OECD)と") == "G7首脳は経済協力開発機構（OECD）と"


@pytest.mark.parametrize("word, kind, hint", [
    ("france", "party", " (did you mean 'fr' (France)?)"),
    ("フランス", "party", " (did you mean 'fr' (フランス)?)"),
    ("United States", "party", " (did you mean 'us' (United States)?)"),
    ("G7-summit", "forum", " (did you mean 'g7' (Group of Seven (G7))?)"),
    ("HAIP", "process", " (did you mean 'hiroshima-ai-process' (HAIP)?)"),
    ("g8", "forum", " (did you mean 'g7'?)"),          # a misspelt id: the id alone
    ("atlantis", "party", ""),
])
def test_names_become_ids(word, kind, hint):
    """Names in both languages, short names and aliases of the real data point at their record."""
    from macros.core.names import did_you_mean_record

    from .test_data import KB

    assert did_you_mean_record(word, {i: r.model for i, r in KB.records[kind].items()}) == hint


def test_the_sources_of_a_file_that_fails_are_not_called_uncited(tmp_path):
    """A file with a YAML error and a record that fails its own checks still cite their sources:
    the contributor mends the file, not the bibliography."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    overlay(INVALID / "broken-record-keeps-its-sources", data)
    kb = load(data, root=tmp_path)
    assert len(kb.errors) == 2
    assert [str(p) for p in kb.warnings if "not cited" in p.message] == []
    # A source no file names is still reported.
    bib = data / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("cited-by-an-invalid-record,", "named-by-nobody,"),
                   encoding="utf-8")
    assert [p.field for p in load(data, root=tmp_path).warnings if "not cited" in p.message] == ["mic-2016-named-by-nobody"]


def test_every_message_names_its_field(tmp_path):
    """Across all known-bad fixtures, only a problem with the file itself (its name, folder,
    encoding or shape) goes without a field."""
    import shutil

    about_the_file = ("the id ", "the file ", "this file is not read", "the folder ", "record files end in")
    unnamed = []
    for case in CASES:
        data = tmp_path / case / "data"
        shutil.copytree(VALID, data)
        overlay(INVALID / case, data)
        unnamed += [f"{case}: {p}" for p in load(data, root=tmp_path / case).problems
                    if not p.field and not p.message.startswith(about_the_file)]
    assert unnamed == []
