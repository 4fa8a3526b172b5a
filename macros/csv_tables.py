"""The CSV tables of the open data, and the Frictionless Data Package that describes them.

One list of columns per record kind (`columns`), read from the record's model, drives both the
CSV writer (`write_csv`) and the table schema in `data/datapackage.json` (`table_schema`): the
description is written by the same build from the same list, so it cannot drift from the files.
Types come from the field annotations (text, date, boolean, integer, a list of ids joined with
`;`, an allowed-values list); the primary key of every table is `id`; a field that holds one id
of another record is a foreign key to that kind's table (`core.rules.REFERENCES`). A list of
ids cannot be one: Table Schema has no foreign key on a list field.

Spreadsheet formulas. A spreadsheet opening a CSV runs a cell that begins with `=`, `+`, `-` or
`@` (and some read a leading tab or carriage return the same way) as a formula, so a hostile
record could make a reader's Excel fetch an address or run a command. Following OWASP's advice,
such a cell is written with an apostrophe in front (`'=HYPERLINK(…)`), which spreadsheets read
as "this is text". A cell that already begins with apostrophes followed by one of those
characters gets one more, so the rule can be undone exactly (`unguard`): drop the first
apostrophe of a cell that begins with `'` and then, after any further apostrophes, one of
`= + - @`, tab or CR. Only the CSV is changed; kyocho.json keeps every value as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .core.fields import ID_PATTERN
from .core.kb import KnowledgeBase
from .core.models import KINDS, LANGS, submodel
from .core.rules import REFERENCES
from .urls import absolute, page_path

LIST_SEP = ";"          # ids and codes never contain it
TEXT_LIST_SEP = "\n"    # free text (commitments) may contain ';', so one item per line
PACKAGE_PATH = "data/datapackage.json"
OPEN_DATA_PAGE = "open-data/"   # the open-data page in the default language, site-relative
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_LANG_NAMES = {"ja": "Japanese / 日本語", "en": "English / 英語"}


# -- spreadsheet formulas ------------------------------------------------------------------
def guard(text: str) -> str:
    """The cell as written: an apostrophe in front when a spreadsheet would run it as a formula."""
    return "'" + text if _FORMULA.match(text) else text


def unguard(cell: str) -> str:
    """The value behind a cell of our CSV: `guard` undone."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


# -- columns -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column of a record kind's table: its name, where its value is in the dumped record,
    the field behind it and the fields it sits in (for the description)."""

    name: str
    path: tuple[str, ...]
    field: FieldInfo
    within: tuple[FieldInfo, ...] = ()
    repeated: bool = False     # under a list of sub-records: one item per line

    @property
    def required(self) -> bool:
        """A field every record has: required in the model, not inside a sub-record, and not a
        list that may be empty."""
        if self.within or not self.field.is_required():
            return False
        return _list_item(self.field.annotation) is None or any(
            getattr(m, "min_length", 0) for m in self.field.metadata)


def columns(model: type[BaseModel], prefix: str = "", within: tuple[FieldInfo, ...] = (),
            repeated: bool = False) -> list[Column]:
    """A column for every scalar leaf of the model, nested fields named `<field>_<leaf>`."""
    out = []
    for name, info in model.model_fields.items():
        sub = submodel(info.annotation)
        if sub is None:
            out.append(Column(prefix + name, (name,), info, within, repeated))
            continue
        many = repeated or _list_item(info.annotation) is not None
        out += [Column(c.name, (name, *c.path), c.field, c.within, c.repeated)
                for c in columns(sub, f"{prefix}{name}_", (*within, info), many)]
    return out


def _cell(value: Any, path: tuple[str, ...]) -> str:
    """The value at `path` as CSV text; lists of sub-records give one item per line."""
    for i, key in enumerate(path):
        if isinstance(value, list):
            items = [_cell(v, path[i:]) for v in value]
            return TEXT_LIST_SEP.join(items)
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEP.join(str(v) for v in value)
    return str(value)


def header(kind: str) -> list[str]:
    return ["id", *(c.name for c in columns(KINDS[kind])),
            *(f"page_{lang}" for lang in LANGS), *(f"page_url_{lang}" for lang in LANGS)]


def write_csv(kb: KnowledgeBase, kind: str, path: Path, site_url: str | None = None) -> int:
    """One table per kind: a row per record, its page paths and, when the site's address is
    known, the pages' absolute addresses. Returns the number of rows."""
    cols = columns(KINDS[kind])
    # utf-8-sig: the BOM makes Excel read the file as UTF-8, so Japanese shows correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header(kind))
        for rid in sorted(kb.records[kind]):
            data = kb.get(kind, rid).model_dump(mode="json")
            pages = [page_path(kind, rid, lang) for lang in LANGS]
            urls = [absolute(site_url, p) or "" for p in pages]
            writer.writerow([guard(cell) for cell in
                             [rid, *(_cell(data, c.path) for c in cols), *pages, *urls]])
    return len(kb.records[kind])


# -- the Data Package ----------------------------------------------------------------------
def _optional(annotation: Any) -> Any:
    """`X | None` → X; `Annotated[X, …]` → X."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _list_item(annotation: Any) -> Any | None:
    """The item type of a list annotation, or None."""
    annotation = _optional(annotation)
    return _optional(typing.get_args(annotation)[0]) if typing.get_origin(annotation) is list else None


def _scalar_type(annotation: Any) -> dict[str, Any]:
    annotation = _optional(annotation)
    if typing.get_origin(annotation) is Literal:
        return {"type": "string", "constraints": {"enum": [str(v) for v in typing.get_args(annotation)]}}
    return {bool: {"type": "boolean"}, dt.date: {"type": "date"},
            int: {"type": "integer"}}.get(annotation, {"type": "string"})


def _descriptor(column: Column) -> dict[str, Any]:
    """The Table Schema field of a column."""
    words = [f.description for f in (*column.within, column.field) if f.description]
    out: dict[str, Any] = {"name": column.name, "description": " — ".join(words)}
    item = _list_item(column.field.annotation)
    if column.repeated:
        out["type"] = "string"
        out["description"] += " (one line per item)"
    elif item is not None:
        out.update(type="list", delimiter=LIST_SEP, itemType="string")
        values = typing.get_args(item) if typing.get_origin(item) is Literal else ()
        if values:
            out["description"] += " (each one of: " + ", ".join(map(str, values)) + ")"
    else:
        out.update(_scalar_type(column.field.annotation))
        if any(getattr(m, "pattern", None) == r"^https?://" for m in column.field.metadata):
            out["format"] = "uri"   # the models' web addresses (forum and party sites, texts)
    if column.required:
        out.setdefault("constraints", {})["required"] = True
    return out


def table_schema(kind: str) -> dict[str, Any]:
    """The Table Schema of `csv/<kind>.csv`, from the same columns the writer uses."""
    cols = columns(KINDS[kind])
    fields = [{"name": "id", "type": "string", "description": f"Id of the {kind}: the name of its file in data/",
               "constraints": {"required": True, "unique": True, "pattern": ID_PATTERN.strip("^$")}}]
    fields += [_descriptor(c) for c in cols]
    fields += [{"name": f"page_{lang}", "type": "string",
                "description": f"Path of the record's page in {_LANG_NAMES[lang]}, from the site's address"}
               for lang in LANGS]
    fields += [{"name": f"page_url_{lang}", "type": "string", "format": "uri",
                "description": f"Address of the record's page in {_LANG_NAMES[lang]} "
                               "(empty when the build did not know the site's address)"}
               for lang in LANGS]
    keys = [{"fields": [c.name], "reference": {"resource": REFERENCES[(kind, c.name)], "fields": ["id"]}}
            for c in cols if (kind, c.name) in REFERENCES and _list_item(c.field.annotation) is None]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""], "primaryKey": ["id"]}
    if keys:
        schema["foreignKeys"] = keys
    return schema


def datapackage(version: str, generated: dt.datetime, site_url: str | None = None) -> dict[str, Any]:
    """`data/datapackage.json`: every CSV table with its schema (Frictionless Data Package v2).
    Paths are relative to the package, so a downloaded copy of /data/ still reads; with the
    site's address the package also names itself (`id`) and the open-data page (`homepage`)."""
    package: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": "kyocho",
        "title": "Kyocho 協調",
        "description": ("International ICT-policy meetings, their outcome documents, forums, series, "
                        "parties, topics and processes, one table per kind, in Japanese and English. "
                        "A cell a spreadsheet would run as a formula starts with an apostrophe: "
                        "remove it to get the value in kyocho.json."),
        "version": version,
        "created": generated.isoformat(timespec="seconds"),
        "licenses": [LICENSE],
        "resources": [{"name": kind, "type": "table", "path": f"csv/{kind}.csv", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(kind)}
                      for kind in KINDS],
    }
    if site_url:
        package["id"] = absolute(site_url, PACKAGE_PATH)
        package["homepage"] = absolute(site_url, OPEN_DATA_PAGE)
    return package
