"""Write the JSON Schemas of the record kinds to data/schema/, generated from the models.

    python -m scripts.schema           # (re)write data/schema/*.schema.json
    python -m scripts.schema --check   # exit 1 if the committed schemas are out of date
"""

from __future__ import annotations

from scripts._env import ensure_dependencies

ensure_dependencies("scripts.schema")

import argparse
import json
import sys
from pathlib import Path

import pycountry

from macros.core.models import FOLDERS, KINDS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"
COUNTRY_CODES = sorted(c.alpha_2 for c in pycountry.countries)


def schema_for(kind: str) -> dict:
    schema = KINDS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = f"Kyocho {kind} record (data/{FOLDERS[kind]}/<id>.yaml)"
    # Editors can offer the country codes as completions.
    for name, definition in schema.get("$defs", {}).items():
        props = definition.get("properties", {})
        if name == "Place" and "country" in props:
            props["country"] = {**props["country"], "anyOf": [{"enum": COUNTRY_CODES}, {"type": "null"}]}
    if kind == "party":
        props = schema["properties"]
        props["iso"] = {**props["iso"], "anyOf": [{"enum": COUNTRY_CODES}, {"type": "null"}]}
    return schema


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.schema", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed schema is out of date")
    args = parser.parse_args(argv)
    stale = []
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        path = SCHEMA_DIR / f"{kind}.schema.json"
        text = render(kind)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        if args.check:
            stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(SCHEMA_DIR.parent.parent)}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run: python -m scripts.schema)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
