"""Write the JSON Schemas of the record kinds to data/schema/, generated from the models and the data.

    python -m scripts.schema           # (re)write data/schema/*.schema.json
    python -m scripts.schema --check   # exit 1, saying what changed, if the committed schemas are out of date

Besides the fields of the models, each schema lists the known ids of forums, series, parties,
topics and processes wherever a field refers to one (`forum:`, `host:`, `topics:`…), each with
the record's name, so that an editor completes `host: f` to `fr` (France / フランス). Those
lists come from data/: adding, renaming or removing such a record means running this again
(the validator and `--check` say so). Meetings and documents are not listed: adding one, the
most common change, leaves the schemas as they are.
"""

from __future__ import annotations

from scripts._env import display_path, ensure_dependencies

ensure_dependencies("scripts.schema")

import argparse
import json
import sys
from pathlib import Path

import pycountry
from pydantic import ValidationError

from macros.core import load, yamlio
from macros.core.kb import KnowledgeBase
from macros.core.models import FOLDERS, ID_PATTERN, KINDS, Text
from macros.core.rules import REFERENCES
from macros.i18n import t

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SCHEMA_DIR = DATA_DIR / "schema"
COUNTRY_CODES = sorted(c.alpha_2 for c in pycountry.countries)
# The kinds whose ids the schemas list, and the name of each list in a schema's $defs.
ENUMERATED = {kind: f"{KINDS[kind].__name__}Id" for kind in ("forum", "series", "party", "topic", "process")}
COMMAND = "python -m scripts.schema"


def known_ids(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """{kind: {id: its name, in English / Japanese}} for the enumerated kinds, ids sorted. A file
    with errors still has its id, and its name if that part reads."""
    out = {}
    for kind in ENUMERATED:
        names = {rid: _name_in_file(kb, kind, rid) for rid in kb.broken[kind]}
        names.update({rid: _name(rec.model.name) for rid, rec in kb.records[kind].items()})
        out[kind] = dict(sorted(names.items()))
    return out


def _name(name: Text) -> str:
    return " / ".join(dict.fromkeys(v for v in (name.en, name.ja) if v))


def _name_in_file(kb: KnowledgeBase, kind: str, rid: str) -> str:
    """The name of a record whose file has errors (a scaffolded one still lacking its sources),
    if the name itself reads; otherwise ""."""
    try:
        path = next((kb.root / FOLDERS[kind]).rglob(f"{rid}.yaml"))
        return _name(Text.model_validate(yamlio.load(path.read_text(encoding="utf-8")).data["name"]))
    except (StopIteration, OSError, UnicodeError, yamlio.StrictYAMLError, ValidationError, KeyError, TypeError):
        return ""


def id_list(kind: str, names: dict[str, str]) -> dict:
    """The schema of an id of `kind`: one of the known ids, each described by its record's name."""
    folder = FOLDERS[kind]
    en, ja = t("en", kind).lower(), t("ja", kind)
    return {
        "type": "string",
        "enum": list(names),
        "enumDescriptions": [names[rid] or rid for rid in names],
        "description": f"Id of a {en} (data/{folder}/<id>.yaml) / {ja}のID（data/{folder}/<id>.yaml）",
        # Shown by the editor instead of the whole list of ids when a value is not one of them.
        "errorMessage": (
            f"Not the id of a {en} in data/{folder}/: write one of them (the editor lists them with their "
            f"names: Ctrl+Space). A new {en}: add its record, then run {COMMAND}. / "
            f"data/{folder}/ にある{ja}のIDではありません。既存のIDを書いてください（Ctrl+Space で名称つきの一覧）。"
            f"新しい{ja}は、レコードを追加してから {COMMAND} を実行します。"),
    }


def _refer(prop: dict, ref: dict) -> dict:
    """A property that holds an id (or a list of ids, or an id or null) made to refer to `ref`."""
    if prop.get("type") == "array":
        return {**prop, "items": ref}
    if "anyOf" in prop:
        return {**prop, "anyOf": [ref if o.get("pattern") == ID_PATTERN else o for o in prop["anyOf"]]}
    return {**{k: v for k, v in prop.items() if k not in ("type", "pattern")}, **ref}


def schema_for(kind: str, ids: dict[str, dict[str, str]]) -> dict:
    schema = KINDS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{kind}.schema.json"
    schema["title"] = f"Kyocho {kind} record (data/{FOLDERS[kind]}/<id>.yaml)"
    # Editors can offer the country codes as completions.
    for name, definition in schema.get("$defs", {}).items():
        props = definition.get("properties", {})
        if name == "Place" and "country" in props:
            props["country"] = {**props["country"], "anyOf": [{"enum": COUNTRY_CODES}, {"type": "null"}]}
    props = schema["properties"]
    if kind == "party":
        props["iso"] = {**props["iso"], "anyOf": [{"enum": COUNTRY_CODES}, {"type": "null"}]}
    # ... and the ids of the records a field refers to.
    for (source, field), target in REFERENCES.items():
        if source == kind and target in ENUMERATED:
            schema.setdefault("$defs", {})[ENUMERATED[target]] = id_list(target, ids[target])
            props[field] = _refer(props[field], {"$ref": f"#/$defs/{ENUMERATED[target]}"})
    return schema


def render(kind: str, ids: dict[str, dict[str, str]]) -> str:
    return json.dumps(schema_for(kind, ids), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _listed(schema: dict) -> dict[str, dict[str, str]]:
    """{kind: {id: name}} as a schema file lists them."""
    defs = schema.get("$defs", {})
    return {kind: dict(zip(defs[name]["enum"], defs[name].get("enumDescriptions", [])))
            for kind, name in ENUMERATED.items() if name in defs}


def _without_lists(schema: dict) -> dict:
    defs = {k: v for k, v in schema.get("$defs", {}).items() if k not in ENUMERATED.values()}
    return {**schema, "$defs": defs}


def what_changed(old_text: str, new_text: str) -> str:
    """What makes a committed schema out of date, in words: the records whose ids it lists, or the models."""
    try:
        old = json.loads(old_text)
    except ValueError:
        return "it is not valid JSON"
    new = json.loads(new_text)
    before, after = _listed(old), _listed(new)
    parts = []
    for kind in ENUMERATED:
        was, now = before.get(kind, {}), after.get(kind, {})
        folder = FOLDERS[kind]
        added = [rid for rid in now if rid not in was]
        gone = [rid for rid in was if rid not in now]
        renamed = [rid for rid in now if rid in was and was[rid] != now[rid]]
        if added:
            where = f" (data/{folder}/{added[0]}.yaml)" if len(added) == 1 else ""
            parts.append(f"it does not list the new {kind} {_some(added)}{where}")
        if gone:
            parts.append(f"it lists the {kind} {_some(gone)}, no longer in data/{folder}/")
        if renamed:
            parts.append(f"it gives the old name of the {kind} {_some(renamed)}")
    if _without_lists(old) != _without_lists(new):
        parts.append("the models changed")
    return "; ".join(parts) or "its layout differs"


def _some(ids: list[str], most: int = 5) -> str:
    """'a', 'b' and 3 more."""
    named = ", ".join(f"'{rid}'" for rid in ids[:most])
    return named + (f" and {len(ids) - most} more" if len(ids) > most else "")


def stale(kb: KnowledgeBase, schema_dir: Path, shown: str = "data/schema") -> list[str]:
    """One `path:1:1: message` line per schema file that is missing or out of date."""
    ids = known_ids(kb)
    out = []
    for kind in KINDS:
        path = schema_dir / f"{kind}.schema.json"
        text = render(kind, ids)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        why = what_changed(old, text) if old is not None else "it is missing"
        out.append(f"{shown}/{path.name}:1:1: out of date: {why}: run {COMMAND} and commit data/schema/ "
                   "with your change")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR,
                        help="the data folder whose schema/ to write (default: data/)")
    parser.add_argument("--check", action="store_true", help="fail, saying why, if a committed schema is out of date")
    args = parser.parse_args(argv)
    kb = load(args.data_dir)
    schema_dir = args.data_dir / "schema"
    if args.check:
        problems = stale(kb, schema_dir, display_path(schema_dir))
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    for path in write(kb, schema_dir):
        print(f"wrote {display_path(path)}")
    return 0


def write(kb: KnowledgeBase, schema_dir: Path) -> list[Path]:
    """(Re)write the schema files that differ from what `kb` makes of them; return those written."""
    ids = known_ids(kb)
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = schema_dir / f"{kind}.schema.json"
        text = render(kind, ids)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written



if __name__ == "__main__":
    sys.exit(main())
