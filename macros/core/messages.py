"""pydantic's validation errors, turned into sentences a contributor can act on.

Each error becomes one `Problem` at the line of the value (or of the unknown key), with the
field written as in YAML and, where there is one, the nearest valid value.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import yamlio
from .models import ID_PATTERN, submodel
from .problems import Problem, did_you_mean, field_name


def model_at(model: type, loc: tuple) -> type | None:
    """The model class that holds the field at `loc` (list indexes skipped), or None."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        current = submodel(fields[part].annotation)
        if current is None:
            return None
    return current


def problem_from_error(err: dict, model: type, located: yamlio.Located, display: str) -> Problem:
    loc = tuple(err["loc"])
    etype = err["type"]
    value = err.get("input")
    line, col = located.loc(loc)
    name = field_name(loc)

    if etype == "extra_forbidden":
        key = str(loc[-1])
        line, col = located.key_locations.get(loc, (line, col))
        parent = model_at(model, loc[:-1])
        hint = did_you_mean(key, parent.model_fields) if parent else ""
        allowed = ", ".join(parent.model_fields) if parent and not hint else ""
        extra = f"; allowed fields: {allowed}" if allowed else ""
        return Problem(display, line, col, field_name(loc[:-1]) or key,
                       f"unknown field '{key}'{hint}{extra}" if loc[:-1] else f"unknown field{hint}{extra}")
    if etype == "missing":
        return Problem(display, line, col, name, "required field is missing")
    if etype == "literal_error":
        choices = [c.strip(" '") for c in err["ctx"]["expected"].replace(" or ", ", ").split(",")]
        return Problem(display, line, col, name,
                       f"'{value}' is not allowed{did_you_mean(str(value), choices)}; "
                       f"choose one of: {', '.join(choices)}")
    if etype == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        if pattern == ID_PATTERN:
            msg = f"'{value}' is not a valid id: use lower-case letters, digits and hyphens"
        elif pattern.startswith("^https?"):
            msg = f"'{value}' is not a web address: it must start with https:// or http://"
        else:
            msg = f"'{value}' is not a valid source key"
        return Problem(display, line, col, name, msg)
    if etype in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return Problem(display, line, col, name, f"'{value}' is not a real calendar date")
        return Problem(display, line, col, name,
                       f"'{value}' is not a date: write it as YYYY-MM-DD (e.g. 2016-04-29)")
    if etype == "string_type":
        return Problem(display, line, col, name,
                       f"must be text, not {kind_of(value)} (put it in quotes)")
    if etype == "list_type":
        return Problem(display, line, col, name, "must be a list, e.g. [first, second]")
    if etype in ("model_type", "model_attributes_type", "dict_type"):
        return Problem(display, line, col, name,
                       f"must be a group of fields (e.g. ja: … / en: …), not {kind_of(value)}")
    if etype == "bool_type" or etype == "bool_parsing":
        return Problem(display, line, col, name, "must be true or false")
    if etype == "too_short" and loc and loc[-1] == "sources":
        return Problem(display, line, col, name, "at least one source is required")
    if etype == "value_error":
        message = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        # Model-level rules name their field first ("end: ..."), so point at that field.
        head, sep, rest = message.partition(": ")
        if sep and head.isidentifier():
            sub = loc + (head,)
            line, col = located.loc(sub)
            return Problem(display, line, col, field_name(sub), rest)
        return Problem(display, line, col, name, message)
    return Problem(display, line, col, name, err["msg"])


def kind_of(value: Any) -> str:
    """What a wrong value is, in a contributor's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "empty"
    return "text"
