"""The data dictionary: every field of every record kind, read from the models' JSON Schema.

The same schema that contributors' editors use (data/schema/, `python -m scripts.schema`) is
turned into one table per kind, so the page can never disagree with the validator.
"""

from __future__ import annotations

from typing import Any

from ..core.models import BIBKEY_PATTERN, FOLDERS, ID_PATTERN, KINDS
from ..i18n import t
from ..markup import esc, table_html

# Shared sub-objects: described once under their own heading, referred to by name.
SHARED = ("Text", "Place", "Texts", "TextLink", "Edition", "Representative")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _describe(prop: dict[str, Any], lang: str) -> tuple[str, list[str]]:
    """(type in words, allowed values) of one property schema."""
    if "$ref" in prop:
        return _ref_name(prop["$ref"]), []
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    if options:
        return _describe(options[0], lang) if len(options) == 1 else \
            (" | ".join(_describe(o, lang)[0] for o in options), [])
    if "enum" in prop:
        return t(lang, "dict_type_choice"), [str(v) for v in prop["enum"]]
    if prop.get("const") is not None:
        return t(lang, "dict_type_choice"), [str(prop["const"])]
    kind = prop.get("type")
    if kind == "array":
        inner, values = _describe(prop.get("items", {}), lang)
        return t(lang, "dict_type_list").format(inner), values
    if kind == "string" and prop.get("format") == "date":
        return t(lang, "dict_type_date"), []
    if kind == "string" and prop.get("pattern") == ID_PATTERN:
        return t(lang, "dict_type_id"), []
    if kind == "string" and prop.get("pattern") == BIBKEY_PATTERN:
        return t(lang, "dict_type_source"), []
    if kind == "string" and prop.get("pattern", "").startswith("^https?"):
        return "URL", []
    return t(lang, f"dict_type_{kind}") if kind else "", []


def _description(prop: dict[str, Any], lang: str) -> str:
    extra = prop.get(f"description_{lang}")
    if extra is None:
        for option in prop.get("anyOf", []):
            extra = extra or option.get(f"description_{lang}")
    return extra or prop.get("description", "")


def _table(schema: dict[str, Any], lang: str) -> str:
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        kind, values = _describe(prop, lang)
        if kind in SHARED:
            kind = f'<a href="#{kind.lower()}">{kind}</a>'
        else:
            kind = esc(kind)
        allowed = ", ".join(f"<code>{esc(v)}</code>" for v in values[:40])
        if len(values) > 40:
            allowed += f" … ({len(values)})"
        need = t(lang, "dict_required") if name in required else ""
        rows.append([f"<code>{esc(name)}</code>", esc(need), f"{kind}{'<br>' + allowed if allowed else ''}",
                     esc(_description(prop, lang))])
    return table_html([t(lang, k) for k in ("dict_field", "dict_required_head", "dict_type", "dict_description")],
                      rows)


def dictionary(lang: str) -> str:
    """Markdown + HTML for the data dictionary page in `lang`."""
    out = []
    defs: dict[str, Any] = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        defs.update(schema.get("$defs", {}))
        out.append(f"\n## {t(lang, kind)} (<code>{kind}</code>) {{: #{kind} }}\n\n")
        out.append(f"<p>{esc(t(lang, 'dict_file'))} <code>data/{FOLDERS[kind]}/&lt;id&gt;.yaml</code> · "
                   f"JSON Schema: <code>data/schema/{kind}.schema.json</code></p>\n")
        out.append(_table(schema, lang))
    out.append(f"\n## {t(lang, 'dict_shared')} {{: #shared }}\n")
    for name in SHARED:
        if name in defs:
            out.append(f"\n### {name} {{: #{name.lower()} }}\n\n")
            out.append(_table(defs[name], lang))
    return "".join(out)
