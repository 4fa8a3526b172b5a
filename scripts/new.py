"""Start a new record file: asks for the essentials, proposes the id, writes a commented file.

    python -m scripts.new meeting                      # asks (when run in a terminal)
    python -m scripts.new meeting --forum g7 --series g7-digital-ministers --kind ministerial \\
        --start 2026-05-01 --end 2026-05-02 --title-en "G7 Digital and Tech Ministers' Meeting" \\
        --title-ja "G7デジタル・技術大臣会合" --city Takamatsu --city-ja 高松市 --country JP
    python -m scripts.new document --type declaration --adopted-at <meeting-id> --title-en …
    python -m scripts.new topic --name-en "Quantum" --name-ja "量子" --broader emerging-technologies
    python -m scripts.new party --kind country --iso NO --name-en Norway --name-ja ノルウェー
    python -m scripts.new source --url https://www.soumu.go.jp/… --title "…" --date 2016-04-30
    … --source-url https://… --source-title "…"   add the source too and cite it (meeting, document, …)
    python -m scripts.new meeting --help           # the questions, and an option for every other field
    … --id <id>     use this id instead of the proposed one
    … --dry-run     print the file instead of writing it

Ids, forums, series, topics, parties, sources and allowed values are checked against the
knowledge base first ("did you mean …?"). The file is written only when everything still
missing is what the contributor must add by hand (the summary, the sources); an existing
file is never overwritten (exit 2). Comments in the file come from the models' bilingual
field descriptions, so they cannot drift from the schema.
"""

from __future__ import annotations

from scripts._env import display_path, ensure_dependencies

ensure_dependencies("scripts.new")

import argparse
import dataclasses
import datetime as dt
import json
import shutil
import sys
import tempfile
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.core import load, models
from macros.core.kb import KnowledgeBase
from macros.core.models import FOLDERS, KINDS, submodel
from macros.core.problems import Problem
from scripts import fmt, new_source, schema
from scripts.asks import NEEDS_ONE_OF, SKIP, Ask, InputError, answer, ask_interactively, choices_of, describe, slug
from scripts.asks import options as record_options

ROOT = Path(__file__).resolve().parent.parent
# Fields a new record cannot have yet: the contributor writes them from the sources.
TO_FILL = ("summary", "sources")


# ---------------------------------------------------------------------------------------
# ids
# ---------------------------------------------------------------------------------------
def propose_id(kind: str, record: dict, kb: KnowledgeBase) -> str:
    """An id in the style of data/: forum-year-what-where for meetings, as the files are named."""
    title_en = (record.get("title") or record.get("name") or {}).get("en", "")
    if kind == "meeting":
        forum, year = record["forum"], str(record["start"].year)
        city = slug(record.get("place", {}).get("city", {}).get("en", ""))
        what = slug(title_en, set(forum.split("-")) | {year}, words=4) or record["kind"]
        if city and city not in what:
            what = f"{what}-{city}"
        return f"{forum}-{year}-{what}"
    if kind == "document":
        meeting = kb.meetings.get(record.get("adopted_at", ""))
        day = record.get("date") or (meeting.start if meeting else None)
        parts = [meeting.forum if meeting else "", str(day.year) if day else ""]
        drop = set(parts[0].split("-")) | {parts[1]}
        return "-".join(p for p in [*parts, slug(title_en, drop)] if p)
    if kind == "party" and record.get("iso"):
        return record["iso"].lower()
    return slug(title_en, words=5)


# ---------------------------------------------------------------------------------------
# the file
# ---------------------------------------------------------------------------------------
def _comment(model: type[BaseModel], name: str, indent: str, missing: bool) -> list[str]:
    text = describe(model, name)
    values = choices_of(model, name)
    if values:
        text += " — " + ", ".join(values)
    if name in TO_FILL and missing:
        text = "TODO: " + text
    return [f"{indent}# {text}"]


def _value(value: Any) -> str:
    """A YAML value (lists and groups in flow style); quoting is made canonical afterwards by scripts.fmt."""
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def render_fields(model: type[BaseModel], record: dict, indent: str = "") -> list[str]:
    """Every field of the model in order, each under a comment from its description."""
    lines: list[str] = []
    is_text = model is models.Text
    for name, info in model.model_fields.items():
        value = record.get(name)
        if value is None and not info.is_required():
            value = info.get_default(call_default_factory=True)  # e.g. virtual: false
        inner = submodel(info.annotation)
        if not is_text:
            lines += _comment(model, name, indent, missing=not value)
        if typing.get_origin(info.annotation) is list:
            lines.append(f"{indent}{name}: {_value(value or [])}")
        elif inner is not None and (value is not None or (info.is_required() and inner is models.Text)):
            lines.append(f"{indent}{name}:")
            lines += render_fields(inner, value or {}, indent + "  ")
        else:
            lines.append(f"{indent}{name}: {_value(value)}".rstrip())
    return lines


def render(kind: str, record: dict) -> str:
    head = [
        f"# New {kind}: fill in the fields marked TODO, then run `python -m scripts.validate`.",
        "# 新しいレコードです。TODO の項目を記入し、`python -m scripts.validate` で確認してください。",
    ]
    text = "\n".join([fmt.schema_line(kind), *head, *render_fields(KINDS[kind], record)]) + "\n"
    return fmt.format_text(text, kind, f"data/{FOLDERS[kind]}/new.yaml")


def problems_if_written(data_dir: Path, kind: str, rid: str, record: dict, kb: KnowledgeBase,
                        shown_as: str, source: new_source.NewSource | None = None) -> tuple[list[Problem], list[Problem]]:
    """(problems of the file as written, problems it would still have once the TODOs are done).

    A file that fails its own checks is not cross-checked (no forum/series/date rules), so
    the second file fills the TODO fields with stand-ins to let every other rule run.
    """
    stand_ins = {"summary": {"en": "…"}, "sources": record.get("sources") or list(kb.sources)[:1]}
    files = {rid: render(kind, record), f"{rid}-completed": render(kind, {**stand_ins, **record})}
    with tempfile.TemporaryDirectory(prefix="kyocho-new-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("schema"))
        if source is not None:
            bib = copy / "references.bib"
            bib.write_text(new_source.appended(bib.read_text(encoding="utf-8"), source), encoding="utf-8")
        for name, text in files.items():
            (copy / FOLDERS[kind] / f"{name}.yaml").write_text(text, encoding="utf-8")
        found = load(copy, root=scratch).problems
    return tuple([dataclasses.replace(p, path=shown_as) for p in found  # type: ignore[return-value]
                  if p.path == f"data/{FOLDERS[kind]}/{name}.yaml"] for name in files)


# ---------------------------------------------------------------------------------------
# asking
# ---------------------------------------------------------------------------------------
def _put(record: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        record = record.setdefault(key, {})
    record[path[-1]] = value


def collect(kind: str, given: dict[str, str | None], kb: KnowledgeBase, interactive: bool) -> dict:
    """The record built from flags and answers. Raises InputError with every problem found."""
    record: dict = {}
    answers: dict = {}
    errors: list[str] = []
    for ask in record_options(kind):
        value = answer(ask, given, kb, interactive and ask.asked, answers, errors)
        if value is not SKIP and value is not None and value != []:
            answers[ask.path] = value
            _put(record, ask.path, value)
    field, flags = NEEDS_ONE_OF[kind]
    if not record.get(field):
        errors.append(f"--{flags}: give the {field} in at least one language")
    place = record.get("place", {})
    if kind == "meeting" and given.get("country") is None and "country" not in place and not place.get("virtual"):
        errors.append("--country: required (" + describe(models.Place, "country") + ")")
    if errors:
        raise InputError("\n".join(errors))
    return record


RECORDS = ("meeting", "document", "topic", "party", "process")
_WHAT = {"meeting": "a meeting", "document": "an outcome document", "topic": "a topic",
         "party": "a country, economy or organisation", "process": "a process across meetings and forums",
         "source": "a source: the page a fact comes from, in data/references.bib"}


def options(kind: str) -> list[Ask]:
    """Every option of a kind: its questions, and for a record the inline new source."""
    return new_source.source_asks() if kind == "source" else [*record_options(kind), *new_source.source_asks("source-")]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts.new", description=__doc__.splitlines()[0],
                                epilog=__doc__.split("\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="record", metavar="record", required=True,
                           help="what to start: " + ", ".join([*RECORDS, "source"]) + " (each has its own --help)")
    for kind in (*RECORDS, "source"):
        k = sub.add_parser(kind, help=_WHAT[kind], description=f"Start {_WHAT[kind]}. Options not given are asked "
                           "for when run in a terminal / 指定しない項目は端末で質問します。")
        groups = {"asked": k.add_argument_group("asked when run in a terminal / 端末で質問する項目"),
                  "other": k.add_argument_group(f"every other field of a {kind} / その他の項目"),
                  "source": k.add_argument_group("a new source to cite, added to data/references.bib / 新しい出典")}
        for ask in options(kind):
            group = groups["source" if ask.flag.startswith("source-") else "asked" if ask.asked else "other"]
            needed = (" (needed with --source-url)" if kind != "source" and ask.flag.startswith("source-")
                      else " (required)") if ask.required else ""
            group.add_argument(f"--{ask.flag}", metavar="VALUE", help=ask.label + needed)
        if kind != "source":
            k.add_argument("--id", help="use this id (file name) instead of the proposed one")
        k.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
        k.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    return p


def _given(kind: str, args: argparse.Namespace) -> dict[str, str | None]:
    return {ask.flag: getattr(args, ask.flag.replace("-", "_")) for ask in options(kind)}


def _stray(argv: list[str] | None) -> str | None:
    """An option of another kind given to this one: said in a sentence, not argparse's usage."""
    argv = sys.argv[1:] if argv is None else argv
    kind = next((a for a in argv if not a.startswith("-")), None)
    if kind not in (*RECORDS, "source"):
        return None
    mine = {f"--{a.flag}" for a in options(kind)} | {"--id", "--dry-run", "--data", "--help", "-h"}
    others = {f"--{a.flag}" for k in (*RECORDS, "source") for a in options(k)}
    stray = sorted({a.split("=")[0] for a in argv if a.split("=")[0] in others - mine})
    return f"{', '.join(stray)}: not used for a {kind} (see python -m scripts.new {kind} --help)" if stray else None


def main(argv: list[str] | None = None, interactive: bool | None = None) -> int:
    if (stray := _stray(argv)) is not None:
        print(stray, file=sys.stderr)
        return 2
    args = parser().parse_args(argv)
    interactive = sys.stdin.isatty() if interactive is None else interactive
    kind = args.record
    given = _given(kind, args)
    kb = load(args.data)
    bib_path, bib_shown = args.data / "references.bib", display_path(args.data / "references.bib")
    if kind == "source":
        return new_source.main(given, kb, bib_path, bib_shown, interactive, args.dry_run)
    try:
        record = collect(kind, given, kb, interactive)
        source = _inline_source(record, given, kb, interactive)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2

    rid = args.id or propose_id(kind, record, kb)
    if interactive and not args.id:
        rid = input(f"id [{rid}]\n--id> ").strip() or rid
    if not models.ID_RE.match(rid):
        print(f"--id: '{rid}' is not a valid id: use lower-case letters, digits and hyphens", file=sys.stderr)
        return 2
    path = args.data / FOLDERS[kind] / f"{rid}.yaml"
    if path.exists() or rid in kb.records[kind]:
        print(f"{display_path(path)}: already exists, not overwritten (choose another id with --id)", file=sys.stderr)
        return 2

    text = render(kind, record)
    to_fill, later = problems_if_written(args.data, kind, rid, record, kb, display_path(path), source)
    # Adding the new meeting to its series' editions is a step of its own, listed as still to do.
    later_steps = TO_FILL + (("series",) if kind == "meeting" and record.get("series") in kb.series
                             and kb.series[record["series"]].editions else ())
    blocking = [p for p in later if p.severity == "error" and p.field.split(".")[0] not in later_steps]
    if blocking:
        print("\n".join(map(str, blocking)), file=sys.stderr)
        return 2
    if args.dry_run:
        sys.stdout.write(text + (f"\n# and in {bib_shown}:\n" + source.text() if source else ""))
        return 0
    if source is not None:
        # The source first: a record is never left citing a key that is not in the file.
        new_source.append(bib_path, source)
        print(f"added '{source.key}' to {bib_shown}")
    path.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(path)}" + ("; still to do (the validator's words):" if to_fill else ""))
    for problem in to_fill:
        print(f"  {problem}")
    if "series" in later_steps:
        print(f"  and add it to its series' editions, oldest first: data/series/{record['series']}.yaml "
              f"(- year: {record['start'].year} … meeting: {rid})")
    if kind in schema.ENUMERATED and (args.data / "schema").is_dir():
        # The schemas list these ids, so that editors complete the new one at once.
        written = schema.write(load(args.data), args.data / "schema")
        if written:
            print(f"updated {len(written)} schema(s) in {display_path(args.data / 'schema')} "
                  f"(editors now complete '{rid}'; commit them with the record)")
    return 0


def _inline_source(record: dict, given: dict, kb: KnowledgeBase, interactive: bool) -> new_source.NewSource | None:
    """The source given with --source-url … (or asked for when no source key was given): its key
    goes into the record's sources; an address already in the file gives its existing key."""
    inline = {flag: value for flag, value in given.items() if flag.startswith("source-")}
    if not any(inline.values()) and (record.get("sources") or not interactive):
        return None
    if not inline.get("source-url") and interactive:
        url_ask = new_source.source_asks("source-")[0]
        url_ask.required, url_ask.label = False, "No source key given? Add a new source: " + url_ask.label
        inline["source-url"] = ask_interactively(url_ask, kb, {})
        if not inline["source-url"]:
            return None
    title = record.get("title") or record.get("name") or {}
    found = new_source.collect(inline, kb, interactive, "source-", title.get("en", ""))
    key = found if isinstance(found, str) else found.key
    if isinstance(found, str):
        print(f"--source-url: already in data/references.bib as '{key}': citing that key", file=sys.stderr)
    record["sources"] = [*record.get("sources", []), key] if key not in record.get("sources", []) else record["sources"]
    return None if isinstance(found, str) else found


if __name__ == "__main__":
    sys.exit(main())
