"""The JSON Schemas under data/schema/ are generated from the models and kept current."""

import json

from macros.core.models import KINDS
from scripts import schema


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
