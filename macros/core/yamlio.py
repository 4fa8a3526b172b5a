"""Strict YAML reading with line numbers.

Contributors write YAML by hand, so the loader refuses what YAML 1.1 would silently
reinterpret: `NO`/`on` stay strings, `1:30` stays a string, `0x1F` stays a string, and a
duplicate key is an error instead of "last one wins". Every value keeps the line and column
where it was written, so validation messages can point at it.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import field_name

# A location in a file: 1-based line and column, as editors count them.
Loc = tuple[int, int]


class StrictYAMLError(Exception):
    """A file that is not acceptable YAML. `line`/`column` are 1-based."""

    def __init__(self, message: str, line: int, column: int, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.field = field    # as written in YAML (place.city.en), or "" for the whole file


@dataclass
class Located:
    """Plain Python data plus the location of every key and value inside it.

    `locations` maps a path (tuple of keys/indexes, as in ``("place", "city", "en")``) to the
    location of that value; ``key_locations`` to the location of the key itself.
    """

    data: Any
    locations: dict[tuple, Loc] = field(default_factory=dict)
    key_locations: dict[tuple, Loc] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)   # the source text, for messages inside a block

    def starts_block(self, path: tuple) -> bool:
        """Whether the value at `path` is a block scalar (`|-`, `>`): its text begins a line below."""
        line = self.loc(path)[0]
        return 0 < line <= len(self.lines) and self.lines[line - 1].rstrip().endswith(("|-", "|", ">-", ">", "|+", ">+"))

    def loc(self, path: tuple) -> Loc:
        """The closest known location for `path` (walks up to a parent if needed)."""
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), (1, 1))


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema-like implicit typing, and nothing more."""


# Only `true`/`false` are booleans: `yes`, `no`, `on`, `off` (any case) are strings.
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""]
)
# Decimal integers only: no octal `010`, hex, `1_000` or sexagesimal `1:30`.
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$"),
    list("-0123456789"),
)
# A calendar date and nothing else (no times, no time zones).
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), list("0123456789")
)


class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                yaml.composer.Composer, _Resolver):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


if getattr(yaml, "__with_libyaml__", False):
    # libyaml composes the same nodes (with marks) about ten times faster.
    class _Loader(yaml.cyaml.CParser, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            _Resolver.__init__(self)
else:  # pragma: no cover - PyYAML wheels ship libyaml
    _Loader = _PyLoader  # type: ignore[misc]


def _loc(node: Node) -> Loc:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: Node, path: tuple, out: Located) -> Any:
    out.locations[path] = _loc(node)
    if isinstance(node, ScalarNode):
        return _scalar(node, path)
    if isinstance(node, SequenceNode):
        return [_convert(child, path + (i,), out) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise StrictYAMLError("a key must be plain text", *_loc(key_node), field_name(path))
            key = key_node.value
            if key == "<<":
                raise StrictYAMLError("merge keys (<<) are not allowed: write the fields out",
                                      *_loc(key_node), field_name(path + (key,)))
            if key in result:
                first = out.key_locations[path + (key,)][0]
                raise StrictYAMLError(
                    f"duplicate key '{key}' (first written on line {first}): keep one of the two",
                    *_loc(key_node), field_name(path + (key,)))
            out.key_locations[path + (key,)] = _loc(key_node)
            result[key] = _convert(value_node, path + (key,), out)
        return result
    raise StrictYAMLError("unsupported YAML node", *_loc(node))  # pragma: no cover


def _scalar(node: ScalarNode, path: tuple = ()) -> Any:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise StrictYAMLError(f"'{value}' is not a real calendar date", *_loc(node), field_name(path)) from None
    raise StrictYAMLError(f"explicit tags such as {tag} are not allowed", *_loc(node), field_name(path))


def load(text: str) -> Located:
    """Parse one YAML document strictly. Raises StrictYAMLError with a 1-based location."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(exc, text.splitlines()) from None
    finally:
        loader.dispose()
    out = Located(data=None, lines=text.splitlines())
    if node is None:
        out.data = None
        return out
    out.data = _convert(node, (), out)
    return out


# ---------------------------------------------------------------------------------------
# syntax errors, said as what to do about them
# ---------------------------------------------------------------------------------------
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
_OPENERS = {"flow sequence": ("[", "]", "list"), "flow mapping": ("{", "}", "group")}


def syntax_error(exc: yaml.MarkedYAMLError, lines: list[str]) -> StrictYAMLError:
    """The parser's complaint turned into the fix for its common causes: an unquoted colon in a
    value, a tab, an unclosed bracket or quote, a line indented out of step. The location is
    where the fix goes (the opening bracket or quote), the field the key of that line."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    message = f"not valid YAML: {problem or context or 'invalid YAML'}"
    opened = next((v for k, v in _OPENERS.items() if k in context), None)
    field = None   # the field of the line the location ends up on, unless said more exactly
    if "\t" in text[:max(col, 1)] or (col <= len(text) and text[col - 1] == "\t"):
        message = "not valid YAML: a tab character: indent with spaces (two for each level), never with tabs"
    elif problem.startswith("mapping values are not allowed"):
        entry = _KEY_LINE.match(text.strip().removeprefix("- "))
        example = f", e.g. {entry['key']}: {_quoted(entry['value'])}" if entry and entry["value"] else ""
        message = ("not valid YAML: a colon followed by a space inside a value starts a new field: "
                   f"put the whole value in double quotes{example}")
    elif problem.endswith("but got '?'") and opened and text[col - 1:col] == "?":
        # libyaml and ruamel.yaml read `{url: https://x.org/?id=1}`; PyYAML's own reader ends
        # the value at the `?`. Quoting the value makes every reader agree.
        start, key, value = _flow_value_at(text, col - 1)
        example = text[:start] + _quoted(value) + text[start + len(value):]
        message = ("not valid YAML for every reader: PyYAML without libyaml ends a value at a '?' inside a "
                   f"{{…}} group or […] list: put the value in double quotes, e.g. {example.strip()}")
        col = start + 1
        field = ".".join(part for part in (field_at(lines, line), key) if part)
    elif opened and exc.context_mark is not None:
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        opening, closing, what = opened
        start = lines[line - 1].strip() if line <= len(lines) else ""
        message = (f"not valid YAML: the {what} opened with '{opening}' here is not closed: end it with "
                   f"'{closing}' on the same line, e.g. {start.rstrip(',')}{closing}")
    elif "quoted scalar" in context and exc.context_mark is not None:
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        quote = lines[line - 1][col - 1] if line <= len(lines) and col <= len(lines[line - 1]) else '"'
        message = (f"not valid YAML: the quote {quote} that opens this value is never closed: end the value "
                   f"with {quote} on the same line")
    elif problem.startswith(("did not find expected key", "expected <block end>")):
        entry = _KEY_LINE.match(text.strip().removeprefix("- "))
        value = (entry["value"] or "") if entry else ""
        if value.startswith("'") and value.count("'") > 2:
            message = ("not valid YAML: a value in single quotes ends at the next ': write '' for an apostrophe "
                       f"inside it, or use double quotes, e.g. {entry['key']}: {_quoted(value[1:-1])}")
        else:
            message = ("not valid YAML: this line is indented out of step with the fields around it: line it "
                       "up with the other fields of its group (two spaces for each level)")
    return StrictYAMLError(message, line, col, field_at(lines, line) if field is None else field)


def _flow_value_at(text: str, at: int) -> tuple[int, str, str]:
    """(where it starts, its key or "", the value) of the value inside a {…}/[…] at `text[at]`."""
    start = max(text.rfind(ch, 0, at) for ch in ",[{") + 1
    entry = re.match(r"\s*(?:(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]+)?", text[start:at])
    start += entry.end()
    ends = [i for i in (text.find(ch, at) for ch in ",]}") if i >= 0]
    return start, entry["key"] or "", text[start:min(ends, default=len(text))].rstrip()


def _quoted(value: str) -> str:
    return '"' + value.strip().replace("\\", "\\\\").replace('"', '\\"') + '"'


def field_at(lines: list[str], line: int) -> str:
    """The field written on `line` (``title.en``, ``commitments[1].en``), read from the keys and
    list items above it by their indentation: for a file the parser could not read."""
    stack: list[tuple[int, str | int]] = []
    counts: dict[tuple, int] = {}
    for text in lines[:line]:
        text = re.sub(r"^[ \t]+", lambda m: m.group().replace("\t", "  "), text)
        body = text.lstrip(" ")
        if not body.strip() or body.startswith("#"):
            continue
        indent = len(text) - len(body)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        while body.startswith("- "):
            parent = tuple(name for _, name in stack)
            counts[parent] = counts.get(parent, -1) + 1
            stack.append((indent, counts[parent]))
            indent, body = indent + 2, body[2:].lstrip(" ")
        entry = _KEY_LINE.match(body.strip())
        if entry:
            stack.append((indent, entry["key"]))
    path = ""
    for _, name in stack:
        path += f"[{name}]" if isinstance(name, int) else ("." if path else "") + name
    return path
