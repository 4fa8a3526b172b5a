"""The formatter: canonical key order and quoting, comments kept, values never changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core import yamlio
from macros.core import load
from scripts import fmt

from .conftest import ROOT, VALID


def run_fmt(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The command as a contributor types it; `cwd` decides how paths are printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "scripts.fmt", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


def test_committed_data_is_canonical():
    """What CI runs: every record file in data/ is already in the canonical format."""
    result = run_fmt("--check")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr


@pytest.mark.parametrize("data", [ROOT / "data", VALID], ids=["data", "fixture"])
def test_formatting_changes_no_value(data, tmp_path):
    """Every file read by the knowledge base before and after formatting says the same."""
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    # Undo the canonical layout first, so the formatter has real work to do.
    for path in copy.glob("*/*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("# yaml-language-server", "# was", 1), encoding="utf-8")
    assert fmt.main([str(copy)]) == 0
    before, after = load(data, root=data.parent), load(copy, root=tmp_path)
    assert [str(p) for p in after.errors] == []
    for kind, records in before.records.items():
        assert set(records) == set(after.records[kind])
        for rid, record in records.items():
            assert after.records[kind][rid].located.data == record.located.data, rid
            assert after.records[kind][rid].model == record.model, rid
    assert len(after.warnings) == len(before.warnings)


def formatted(tmp_path: Path, name: str, text: str) -> str:
    """Write `text` to `name` (folder/file) under tmp_path, format it, return the result."""
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert fmt.main([str(path)]) == 0
    return path.read_text(encoding="utf-8")


def test_header_keys_and_quotes_become_canonical(tmp_path):
    assert formatted(
        tmp_path, "meetings/m.yaml",
        "# yaml-language-server: $schema=../schema/topic.schema.json\n"
        "kind: ministerial\n"
        "summary: {en: 'x: y'}\n"
        "place:\n  country: NO\n  city:\n    en: Oslo\n"
        "# the forum, from the invitation\n"
        "forum: 'g7'\n"
        "start: 2020-01-01\n"
        "title:\n  ja: \"True\"\n  en: \"G7 meeting\"\n"
        "notes:\n  en: Plain note with \"quotes\"\n"
        "sources: [a, 'b, c']\n") == (
        "# yaml-language-server: $schema=../schema/meeting.schema.json\n"
        "# the forum, from the invitation\n"
        "forum: g7\n"
        "kind: ministerial\n"
        "title:\n  ja: \"True\"\n  en: G7 meeting\n"
        "start: 2020-01-01\n"
        "place:\n  city:\n    en: Oslo\n  country: \"NO\"\n"
        "summary: {en: \"x: y\"}\n"
        "notes:\n  en: |-\n    Plain note with \"quotes\"\n"
        "sources: [a, \"b, c\"]\n")


@pytest.mark.parametrize("text", ["NO", "yes", "on", "1:30", "010", "0x1F", "True", "null", "~",
                                  "2016-04-29", "1e3", ".inf", "- item", "#tag", "a: b", "a #b",
                                  " padded", "ends:", "tab\there"])
def test_text_that_some_reader_would_misread_is_quoted(text):
    assert not fmt.plain_is_safe(text, in_flow=False)
    assert isinstance(fmt.styled(text, ("title", "en"), False), fmt.DoubleQuotedScalarString)


@pytest.mark.parametrize("text", ["高松市", "Charter for the Digitally Connected World", "G7",
                                  "https://www.itu.int/", "5G", "Ministers' Meeting (2016)"])
def test_ordinary_text_stays_plain(text):
    assert fmt.plain_is_safe(text, in_flow=True)
    assert type(fmt.styled(text, ("title", "en"), True)) is fmt.PlainScalarString


def test_comments_move_with_the_key_below_them(tmp_path):
    assert formatted(
        tmp_path, "topics/x.yaml",
        "sources: [a]  # end-of-line comment stays on its line\n"
        "\n# about name\n"
        "name:\n  en: English\n  # about ja\n  ja: 日本語\n"
        "# about broader\n"
        "broader: [b]\n"
        "# last words\n") == (
        "# yaml-language-server: $schema=../schema/topic.schema.json\n"
        "\n# about name\n"
        "name:\n  # about ja\n  ja: 日本語\n  en: English\n"
        "# about broader\n"
        "broader: [b]\n"
        "sources: [a]  # end-of-line comment stays on its line\n"
        "# last words\n")


def test_a_comment_after_text_that_becomes_a_block_stays_on_its_own_line(tmp_path):
    """Plain → literal block (prose) and literal block → plain (a title) both keep the layout."""
    assert formatted(
        tmp_path, "meetings/m.yaml",
        "title:\n  en: |-\n    A title\n# about summary\n"
        "summary:\n  en: Short summary.\n# about sources\n"
        "sources: [a]\n") == (
        "# yaml-language-server: $schema=../schema/meeting.schema.json\n"
        "title:\n  en: A title\n# about summary\n"
        "summary:\n  en: |-\n    Short summary.\n# about sources\n"
        "sources: [a]\n")


def test_check_prints_a_diff_and_changes_nothing(tmp_path):
    path = tmp_path / "data" / "parties" / "no.yaml"
    path.parent.mkdir(parents=True)
    original = "name: {ja: ノルウェー, en: Norway}\nkind: country\niso: NO\nsources: [iso]\n"
    path.write_text(original, encoding="utf-8")
    result = run_fmt("--check", str(tmp_path / "data"), cwd=tmp_path)
    assert result.returncode == 1
    assert "--- data/parties/no.yaml\n" in result.stdout
    assert "-iso: NO\n" in result.stdout and '+iso: "NO"\n' in result.stdout
    assert "1 file(s) not in the canonical format" in result.stderr
    assert path.read_text(encoding="utf-8") == original
    assert run_fmt(str(tmp_path / "data"), cwd=tmp_path).returncode == 0
    assert run_fmt("--check", str(tmp_path / "data"), cwd=tmp_path).returncode == 0


def test_a_file_that_does_not_parse_is_reported_and_left_alone(tmp_path):
    broken = tmp_path / "data" / "meetings" / "broken.yaml"
    broken.parent.mkdir(parents=True)
    text = "forum: g7\ntitle: {ja: x\nkind: summit\n"
    broken.write_text(text, encoding="utf-8")
    dup = broken.with_name("dup.yaml")
    dup.write_text("forum: g7\nforum: g20\n", encoding="utf-8")
    result = run_fmt(str(tmp_path / "data"), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    # The same words as the validator's: where the fix goes, and what it is.
    assert ("data/meetings/broken.yaml:2:8: title: not valid YAML: the group opened with '{' here is not closed: "
            "end it with '}' on the same line, e.g. title: {ja: x}") in lines
    assert "data/meetings/dup.yaml:2:1: forum: duplicate key 'forum' (first written on line 1): keep one of the two" in lines
    assert broken.read_text(encoding="utf-8") == text


def test_a_file_outside_the_record_folders_is_refused(tmp_path):
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    result = run_fmt(str(stray), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("notes.yaml:1:1: not in a record folder")


def _readers() -> dict:
    """Every YAML reader a record file may meet: PyYAML with and without libyaml (the strict
    reader falls back to the latter where libyaml is missing), ruamel.yaml's own parser (YAML
    1.2, as VS Code's YAML server reads) and our strict reader without libyaml."""
    import yaml
    from ruamel.yaml import YAML

    ruamel = YAML(typ="safe", pure=True)

    def strict_without_libyaml(text):
        loader = yamlio._PyLoader(text)
        try:
            out = yamlio.Located(data=None)
            return yamlio._convert(loader.get_single_node(), (), out)
        finally:
            loader.dispose()

    return {
        "PyYAML CSafeLoader (libyaml)": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
        "PyYAML SafeLoader (pure Python)": lambda text: yaml.load(text, Loader=yaml.SafeLoader),
        "ruamel.yaml safe (pure Python)": ruamel.load,
        "strict reader without libyaml": strict_without_libyaml,
    }


def test_every_record_file_reads_the_same_in_every_common_yaml_reader():
    """A record means one thing wherever it is read: each reader sees the values ours sees."""
    readers = _readers()
    disagree = []
    for path in sorted((ROOT / "data").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        truth = yamlio.load(text).data
        for name, read in readers.items():
            try:
                value = read(text)
            except Exception as exc:  # noqa: BLE001 - a reader that refuses the file is the finding
                disagree.append(f"{path.relative_to(ROOT)}: {name} cannot read it: {str(exc).splitlines()[0]}")
                continue
            if value != truth:
                disagree.append(f"{path.relative_to(ROOT)}: {name} reads other values")
    assert not disagree, "\n".join(disagree[:20]) + "\n(run: python -m scripts.fmt)"


def test_a_question_mark_inside_a_flow_group_gets_quotes_every_reader_accepts(tmp_path):
    """`{url: https://x.org/?id=1}` is read by libyaml and ruamel.yaml, refused by PyYAML's own
    parser; the canonical form quotes it, and then all of them read the same address."""
    import yaml

    text = ("adopted_at: m\ntype: declaration\ntitle: {en: T}\nsummary: {en: S}\n"
            "texts:\n  en: {url: https://x.org/show.aspx?id=1&lang=en, status: official}\n"
            "topics: [ai?, iot]\nsources: [a]\n")
    with pytest.raises(yaml.YAMLError, match="but got '\\?'"):
        yaml.load(text, Loader=yaml.SafeLoader)
    out = formatted(tmp_path, "documents/d.yaml", text)
    assert '  en: {url: "https://x.org/show.aspx?id=1&lang=en", status: official}\n' in out
    assert 'topics: ["ai?", iot]\n' in out
    for name, read in _readers().items():
        assert read(out) == yamlio.load(text).data, name
    assert not fmt.plain_is_safe("https://x.org/?id=1", in_flow=True)
    assert fmt.plain_is_safe("https://x.org/?id=1", in_flow=False)


# ---------------------------------------------------------------------------------------
# the repository's tooling files: valid, and running the same commands as .ci/run
# ---------------------------------------------------------------------------------------
def read_yaml(name: str):
    """Strict YAML (1.2 rules: `on:` stays a key, as GitHub reads it)."""
    return yamlio.load((ROOT / name).read_text(encoding="utf-8")).data


def step_commands(workflow: dict) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_actions(workflow: dict) -> dict[str, dict]:
    return {step["uses"].split("@")[0]: step.get("with", {})
            for job in workflow["jobs"].values() for step in job.get("steps", []) if "uses" in step}


def test_ci_workflow_runs_ci_script_and_uploads_the_preview():
    ci = read_yaml(".github/workflows/ci.yml")
    assert ci["on"]["push"]["branches"] == ["main"]
    assert {"data/**", "macros/**", "mkdocs.yml", "pyproject.toml"} <= set(ci["on"]["pull_request"]["paths"])
    assert ci["jobs"]["check"]["container"].startswith("python:3.11")
    assert "bash .ci/run" in step_commands(ci)
    assert any("apt-get install" in cmd and "chromium" in cmd for cmd in step_commands(ci))
    assert step_actions(ci)["actions/upload-artifact"] == {"name": "site-preview", "path": "site/",
                                                          "retention-days": 14}
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-m scripts.fmt --check" in ci_run and "-m scripts.validate" in ci_run


def test_pages_workflow_builds_and_deploys_with_the_right_permissions():
    pages = read_yaml(".github/workflows/pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "python3 scripts/dev.py build" in step_commands(pages)
    assert step_actions(pages)["actions/upload-pages-artifact"] == {"path": "site/"}
    assert "actions/deploy-pages" in step_actions(pages)
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pre_commit_runs_the_validator_and_the_formatter():
    hooks = [hook for repo in read_yaml(".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    entries = {hook["entry"] for hook in hooks}
    assert entries == {"python3 -m scripts.fmt", "python3 -m scripts.validate --quiet"}
    assert all(hook["language"] == "system" for hook in hooks)


def test_editor_settings_map_every_record_folder_to_its_schema():
    import json

    from macros.core.models import FOLDERS

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    expected = {f"./data/schema/{kind}.schema.json": f"data/{folder}/*.yaml" for kind, folder in FOLDERS.items()}
    assert settings["yaml.schemas"] == expected
    assert all((ROOT / schema).is_file() for schema in expected)
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_every_record_file_names_its_schema_on_the_first_line():
    from macros.core.models import FOLDERS

    for kind, folder in FOLDERS.items():
        for path in (ROOT / "data" / folder).glob("*.yaml"):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == fmt.schema_line(kind), path.name
            assert (path.parent / first.split("=", 1)[1]).resolve().is_file()


def test_pull_request_template_has_the_checklist_in_both_languages():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("references.bib", "title_unofficial", "scripts.validate", "scripts.fmt", "site-preview",
                 "出典", "正式名称", "日本語・英語"):
        assert item in text
    assert text.count("- [ ]") == 5
