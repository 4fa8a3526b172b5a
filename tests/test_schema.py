"""The JSON Schemas under data/schema/ are generated from the models and kept current."""

import datetime as dt
import json
from pathlib import Path

from jsonschema import Draft202012Validator

from macros.core import yamlio
from macros.core.models import FOLDERS, KINDS
from macros.core.rules import REFERENCES
from scripts import new, schema, validate

from .conftest import ROOT


def test_committed_schemas_are_current():
    assert schema.main(["--check"]) == 0, "run: python -m scripts.schema"


def test_schema_describes_fields_in_both_languages():
    meeting = json.loads((schema.SCHEMA_DIR / "meeting.schema.json").read_text(encoding="utf-8"))
    kind = meeting["properties"]["kind"]
    assert "ministerial" in kind["enum"]
    assert kind["description_ja"] and kind["description_en"]
    assert meeting["additionalProperties"] is False


def test_every_kind_has_a_schema():
    assert sorted(p.name for p in schema.SCHEMA_DIR.glob("*.schema.json")) == sorted(
        f"{k}.schema.json" for k in KINDS)


# ---------------------------------------------------------------------------------------
# the ids of forums, series, parties, topics and processes, for editors to complete
# ---------------------------------------------------------------------------------------
def committed(kind: str) -> dict:
    return json.loads((schema.SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def test_fields_that_name_a_record_list_its_known_ids_sorted_with_names():
    meeting = committed("meeting")
    parties = meeting["$defs"]["PartyId"]
    ids = sorted(p.stem for p in (ROOT / "data" / "parties").glob("*.yaml"))
    assert parties["enum"] == ids
    assert parties["enumDescriptions"][ids.index("fr")] == "France / フランス"
    assert len(parties["enumDescriptions"]) == len(ids)
    # `host: fr`, `chair: fr`, `parties: [fr]`: each refers to the one list.
    ref = {"$ref": "#/$defs/PartyId"}
    assert ref in meeting["properties"]["host"]["anyOf"] and {"type": "null"} in meeting["properties"]["host"]["anyOf"]
    assert meeting["properties"]["parties"]["items"] == ref
    assert meeting["properties"]["forum"]["$ref"] == "#/$defs/ForumId"
    assert meeting["properties"]["forum"]["description_en"] == "Forum (id)"
    assert "g7" in meeting["$defs"]["ForumId"]["enum"]
    assert committed("topic")["properties"]["broader"]["items"] == {"$ref": "#/$defs/TopicId"}
    assert committed("document")["properties"]["processes"]["items"] == {"$ref": "#/$defs/ProcessId"}
    assert committed("process")["properties"]["forums"]["items"] == {"$ref": "#/$defs/ForumId"}
    assert committed("series")["properties"]["forum"]["$ref"] == "#/$defs/ForumId"


def test_every_reference_to_a_listed_kind_uses_its_list_and_meetings_stay_patterns():
    for (kind, field), target in REFERENCES.items():
        prop = json.dumps(committed(kind)["properties"][field])
        if target in schema.ENUMERATED:
            assert f'"#/$defs/{schema.ENUMERATED[target]}"' in prop, (kind, field)
        else:  # meetings and documents: too many, and added in every pull request
            assert "$ref" not in prop and "pattern" in prop, (kind, field)


def test_a_value_not_in_the_list_tells_how_to_fix_it_in_both_languages():
    forum = committed("series")["$defs"]["ForumId"]
    assert forum["errorMessage"].startswith("Not the id of a forum in data/forums/: write one of them")
    assert "run python -m scripts.schema" in forum["errorMessage"]
    assert "新しいフォーラムは、レコードを追加してから python -m scripts.schema を実行します。" in forum["errorMessage"]


def _as_json(value):
    """A record as an editor's JSON Schema validator sees it: dates are text."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_every_record_file_is_valid_against_its_schema_and_a_name_for_an_id_is_not():
    validators = {kind: Draft202012Validator(committed(kind)) for kind in KINDS}
    wrong = []
    for kind, folder in FOLDERS.items():
        for path in sorted((ROOT / "data" / folder).glob("*.yaml")):
            data = _as_json(yamlio.load(path.read_text(encoding="utf-8")).data)
            wrong += [f"{path.name}: {e.message}" for e in validators[kind].iter_errors(data)]
    assert not wrong, "\n".join(wrong[:10])
    record = {"forum": "G7-summit", "host": "france", "topics": ["ai"], "kind": "summit", "title": {"en": "T"},
              "start": "2026-01-01", "summary": {"en": "S"}, "sources": ["a"]}
    assert {tuple(e.path) for e in validators["meeting"].iter_errors(record)} == {("forum",), ("host",)}


def _new_topic(data: Path, rid: str, en: str) -> None:
    (data / "topics" / f"{rid}.yaml").write_text(
        f"name:\n  ja: 量子通信\n  en: {en}\nsources: [example-2023-source]\n", encoding="utf-8")


def test_a_new_record_makes_the_schemas_out_of_date_and_the_check_says_what_to_run(valid_data, capsys):
    assert schema.main([str(valid_data)]) == 0
    assert schema.main([str(valid_data), "--check"]) == 0
    _new_topic(valid_data, "quantum-communication", "Quantum communication")
    capsys.readouterr()
    assert schema.main([str(valid_data), "--check"]) == 1
    lines = capsys.readouterr().err.splitlines()
    # Topics are named by topics (broader), meetings and documents: those three are out of date.
    assert [line.split(":1:1: ")[0].rsplit("/", 1)[1] for line in lines] == [
        "topic.schema.json", "meeting.schema.json", "document.schema.json"]
    assert lines[0].endswith(
        "/data/schema/topic.schema.json:1:1: out of date: it does not list the new topic 'quantum-communication' "
        "(data/topics/quantum-communication.yaml): run python -m scripts.schema and commit data/schema/ with "
        "your change")
    # The validator says the same, and fails, so the contributor learns it before CI does.
    assert validate.main([str(valid_data), "--quiet"]) == 1
    assert set(lines) <= set(capsys.readouterr().out.splitlines())
    assert schema.main([str(valid_data)]) == 0
    assert schema.main([str(valid_data), "--check"]) == 0


def test_a_renamed_or_removed_record_is_named_too(valid_data, capsys):
    _new_topic(valid_data, "quantum-communication", "Quantum communication")
    schema.main([str(valid_data)])
    _new_topic(valid_data, "quantum-communication", "Quantum networks")
    capsys.readouterr()
    assert schema.main([str(valid_data), "--check"]) == 1
    assert "out of date: it gives the old name of the topic 'quantum-communication': run" in capsys.readouterr().err
    (valid_data / "topics" / "quantum-communication.yaml").unlink()
    assert schema.main([str(valid_data), "--check"]) == 1
    assert ("out of date: it lists the topic 'quantum-communication', no longer in data/topics/: run"
            in capsys.readouterr().err)


def test_the_scaffold_refreshes_the_schemas_for_a_new_party(valid_data, capsys, monkeypatch):
    monkeypatch.chdir(valid_data.parent)
    schema.main([str(valid_data)])
    capsys.readouterr()
    assert new.main(["party", "--kind", "country", "--iso", "NO", "--name-en", "Norway", "--name-ja", "ノルウェー",
                     "--data", str(valid_data)], interactive=False) == 0
    assert "updated 3 schema(s) in data/schema (editors now complete 'no'; commit them with the record)" in \
        capsys.readouterr().out
    assert schema.main([str(valid_data), "--check"]) == 0
    parties = json.loads((valid_data / "schema" / "meeting.schema.json").read_text(encoding="utf-8"))["$defs"]["PartyId"]
    assert parties["enumDescriptions"][parties["enum"].index("no")] == "Norway / ノルウェー"
