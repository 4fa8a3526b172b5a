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

# A location in a file: 1-based line and column, as editors count them.
Loc = tuple[int, int]


class StrictYAMLError(Exception):
    """A file that is not acceptable YAML. `line`/`column` are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


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
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_convert(child, path + (i,), out) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise StrictYAMLError("a key must be plain text", *_loc(key_node))
            key = key_node.value
            if key == "<<":
                raise StrictYAMLError("merge keys (<<) are not allowed", *_loc(key_node))
            if key in result:
                first = out.key_locations[path + (key,)][0]
                raise StrictYAMLError(
                    f"duplicate key '{key}' (first written on line {first})", *_loc(key_node)
                )
            out.key_locations[path + (key,)] = _loc(key_node)
            result[key] = _convert(value_node, path + (key,), out)
        return result
    raise StrictYAMLError("unsupported YAML node", *_loc(node))  # pragma: no cover


def _scalar(node: ScalarNode) -> Any:
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
            raise StrictYAMLError(f"'{value}' is not a real calendar date", *_loc(node)) from None
    raise StrictYAMLError(f"explicit tags such as {tag} are not allowed", *_loc(node))


def load(text: str) -> Located:
    """Parse one YAML document strictly. Raises StrictYAMLError with a 1-based location."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise StrictYAMLError(f"not valid YAML: {problem}", line, col) from None
    finally:
        loader.dispose()
    out = Located(data=None, lines=text.splitlines())
    if node is None:
        out.data = None
        return out
    out.data = _convert(node, (), out)
    return out
