"""Rewrite record files in the canonical format, keeping comments, so layout is never review noise.

    python -m scripts.fmt                    # every record file under data/
    python -m scripts.fmt data/meetings/x.yaml data/topics   # just these files / folders
    python -m scripts.fmt --check            # change nothing; exit 1 with a diff per file

The canonical format:

- The first line is `# yaml-language-server: $schema=../schema/<kind>.schema.json`, so the
  contributor's editor knows the schema (added or corrected when missing or wrong).
- Keys come in the order of the fields of the record's model (`macros/core/models.py`), nested
  groups too (`place`, `texts`, each `ja`/`en` text). Unknown keys keep their place after the
  known ones; the validator reports them. A full-line comment moves with the key below it.
- Quoting of text values, decided by the value, not by how it was written:
  * Markdown prose (`summary`, `description`, `notes`) and any text with a line break is a
    literal block (`|-`), where nothing is ever escaped.
  * Other text is plain (unquoted) when that is safe, otherwise in double quotes. Safe means:
    no leading or trailing space, no control characters, no YAML indicator at the start
    (``-?:,[]{}#&*!|>'"%@` ``), no ``": "`` or ``" #"`` inside, no ``,?[]{}`` inside a
    ``{…}``/``[…]`` group (PyYAML's pure-Python reader ends a plain value at a ``?`` there,
    libyaml and ruamel.yaml do not: ``{url: https://x.org/?id=1}`` gets quotes), and the text is
    read as text by YAML 1.1 *and* YAML 1.2 — so `NO`, `yes`, `1:30`, `010`, `True` or
    `2016-04-29` as text get quotes. Our strict reader (`macros/core/yamlio.py`) recognises
    fewer types than YAML 1.2, so it reads the same text as VS Code's YAML 1.2 server and any
    YAML 1.1 tool: PyYAML with or without libyaml, ruamel.yaml (tests/test_fmt.py reads every
    record file with each of them).
- Dates stay unquoted ISO dates (`2016-04-29`), booleans `true`/`false`: the models expect
  those types. Indentation is two spaces, list items under a key are indented (`  - ja: …`),
  lines are never wrapped, and `{…}`/`[…]` groups and blank lines stay as written.

Values are taken from the strict reader, so formatting cannot change what the knowledge base
reads; the result is read back and compared before anything is written. A file that does not
parse is reported as `path:line:column: message` and left untouched.
"""

from __future__ import annotations

from scripts._env import display_path, ensure_dependencies

ensure_dependencies("scripts.fmt")

import argparse
import difflib
import io
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

try:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark, MarkedYAMLError
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                          PlainScalarString)
    from ruamel.yaml.tokens import CommentToken
except ImportError:  # an environment made before ruamel.yaml became a dependency
    sys.stderr.write("missing Python package ruamel.yaml: run `python3 scripts/dev.py test` once "
                     "to update .venv, or `pip install -e .`\n")
    raise SystemExit(2)

from macros.core import yamlio
from macros.core.messages import model_at
from macros.core.models import FOLDERS, KIND_OF_FOLDER, KINDS, SCHEMA_HEADER, schema_line

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PROSE_FIELDS = ("summary", "description", "notes")
_START_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",?[]{}")  # `?`: PyYAML without libyaml
_RESOLVERS = [VersionedResolver(version=(1, 1)), VersionedResolver(version=(1, 2))]
_STR_TAG = "tag:yaml.org,2002:str"
_PYYAML = yaml.resolver.Resolver()


class FormatError(Exception):
    """A file that cannot be formatted; `str()` is the one-line message for the contributor."""


def kind_of(path: Path) -> str | None:
    """Record files live in data/<folder>/; the folder names the kind."""
    return KIND_OF_FOLDER.get(path.parent.name)


# ---------------------------------------------------------------------------------------
# quoting
# ---------------------------------------------------------------------------------------
def reads_as_text(value: str) -> bool:
    """True when YAML 1.1 and YAML 1.2 (ruamel.yaml's rules) and PyYAML all read the plain scalar as a string."""
    return (all(str(r.resolve(ScalarNode, value, (True, False))) == _STR_TAG for r in _RESOLVERS)
            and _PYYAML.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG)


def plain_is_safe(value: str, in_flow: bool) -> bool:
    """The rule in the module docstring: plain only when every reader sees the same text."""
    if not value or value != value.strip() or value[0] in _START_INDICATORS:
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if in_flow and any(ch in _FLOW_INDICATORS for ch in value):
        return False
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for ch in value):
        return False
    return reads_as_text(value)


def block_is_safe(value: str) -> bool:
    """A literal block cannot hold trailing spaces on a line, tabs or control characters."""
    lines = value.split("\n")
    if any(line != line.rstrip() for line in lines) or not value.strip():
        return False
    return not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
                   for ch in value if ch != "\n")


def styled(value: Any, path: tuple, in_flow: bool) -> Any:
    """The value as the canonical scalar: literal block, plain or double-quoted text."""
    if not isinstance(value, str):
        return value
    prose = bool(path) and path[0] in PROSE_FIELDS
    if (prose or "\n" in value) and not in_flow and block_is_safe(value):
        return LiteralScalarString(value)
    if "\n" not in value and plain_is_safe(value, in_flow):
        # Not a bare str: ruamel would keep the old style of a value that was a block or quoted.
        return PlainScalarString(value)
    return DoubleQuotedScalarString(value)


# ---------------------------------------------------------------------------------------
# key order, with full-line comments travelling with the key below them
# ---------------------------------------------------------------------------------------
def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _tail_slot(container: Any, key: Any) -> tuple[list, int, bool]:
    """Where ruamel keeps the comments that follow the value of `container[key]`.

    ruamel attaches a comment to whatever ends just before it, often deep inside the
    previous value; this finds that place so the comment can be moved. The flag says whether
    the value is a block scalar, after which a comment always starts on a line of its own.
    """
    value = container[key]
    if _is_block(value):
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _tail_slot(value, last)
    index = 0 if isinstance(container, CommentedSeq) else 2
    return container.ca.items.setdefault(key, [None, None, None, None]), index, _is_block_scalar(value)


def _is_block_scalar(value: Any) -> bool:
    return isinstance(value, (LiteralScalarString, FoldedScalarString))


def _split_tail(slot: list, index: int, after_block: bool) -> tuple[str, str]:
    """(end-of-line part, full lines after it) of the comment in `slot`."""
    token = slot[index]
    if token is None:
        return "", ""
    text = token.value
    cut = 0 if after_block else (text.find("\n") + 1 or len(text))
    return text[:cut], text[cut:]


def _set_tail(slot: list, index: int, after_block: bool, eol: str, lines: str) -> None:
    old = slot[index]
    text = lines if after_block else (eol or ("\n" if lines else "")) + lines
    if not text or text == "\n":
        slot[index] = None
    elif old is not None:
        old.value = text
    else:
        slot[index] = CommentToken(text, CommentMark(0), None)


def reorder(node: CommentedMap, order: list[str]) -> None:
    """Put the keys of `node` in model order; comments above a key move with it."""
    keys = list(node)
    rank = {name: i for i, name in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))
    if wanted == keys:
        return
    # Comment lines written above keys[i + 1] hang off the end of keys[i]'s value.
    above: dict[str, str] = {}
    eols: dict[str, str] = {}
    for i, key in enumerate(keys):
        eols[key], lines = _split_tail(*_tail_slot(node, key))
        if i + 1 < len(keys):
            above[keys[i + 1]] = lines
        else:
            trailing = lines
    items = [(k, node[k]) for k in wanted]
    saved = {k: node.ca.items.pop(k, None) for k in keys}
    for k in keys:
        del node[k]
    for k, v in items:
        node[k] = v
        if saved[k] is not None:
            node.ca.items[k] = saved[k]
    for i, key in enumerate(wanted):
        follows = above.get(wanted[i + 1], "") if i + 1 < len(wanted) else trailing
        _set_tail(*_tail_slot(node, key), eols[key], follows)
    # No value ends above the new first key: its comment lines become its own "before" lines.
    if above.get(wanted[0]):
        slot = node.ca.items.setdefault(wanted[0], [None, None, None, None])
        slot[1] = _comment_lines(above[wanted[0]]) + (slot[1] or [])


def _comment_lines(text: str) -> list[CommentToken]:
    """One token per line, keeping each line's indentation (blank lines are kept too)."""
    tokens = []
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        tokens.append(CommentToken(stripped + "\n", CommentMark(len(line) - len(stripped)), None))
    return tokens


# ---------------------------------------------------------------------------------------
# one file
# ---------------------------------------------------------------------------------------
def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 1_000_000  # never wrap a line
    return y


def canonical(node: Any, truth: Any, model: type | None, path: tuple, in_flow: bool) -> None:
    """Rewrite `node` (ruamel tree) in place: model key order, values from `truth`, styles."""
    flow = in_flow or (isinstance(node, (CommentedMap, CommentedSeq)) and node.fa.flow_style())
    if isinstance(node, CommentedMap):
        inner = model_at(model, path) if model is not None else None
        if inner is not None:
            reorder(node, list(inner.model_fields))
        for key in list(node):
            child_path = path + (key,)
            if isinstance(node[key], (CommentedMap, CommentedSeq)):
                canonical(node[key], truth[key], model, child_path, flow)
            else:
                _put_scalar(node, key, styled(truth[key], child_path, flow))
    elif isinstance(node, CommentedSeq):
        for i in range(len(node)):
            if isinstance(node[i], (CommentedMap, CommentedSeq)):
                canonical(node[i], truth[i], model, path + (i,), flow)
            else:
                _put_scalar(node, i, styled(truth[i], path + (i,), flow))


def _put_scalar(container: Any, key: Any, value: Any) -> None:
    """Set a scalar, keeping a following comment on its own line when the value turns into a
    block scalar (which ends its own line) or back into an inline one (which does not)."""
    slot, index, was_block = _tail_slot(container, key)
    container[key] = value
    token = slot[index]
    if token is None or was_block == _is_block_scalar(value):
        return
    if was_block:
        token.value = "\n" + token.value
    elif token.value.startswith("\n"):
        token.value = token.value[1:]
        if not token.value:
            slot[index] = None


def format_text(text: str, kind: str, display: str) -> str:
    """The canonical form of one record file's text. Raises FormatError."""
    try:
        truth = yamlio.load(text).data
    except yamlio.StrictYAMLError as exc:
        field = f"{exc.field}: " if exc.field else ""
        raise FormatError(f"{display}:{exc.line}:{exc.column}: {field}{exc.message}") from None
    if not isinstance(truth, dict):
        raise FormatError(f"{display}:1:1: the file must contain fields (key: value), one per line")
    y = _yaml()
    try:
        tree = y.load(text)
    except MarkedYAMLError as exc:  # pragma: no cover - the strict reader refuses first
        mark = exc.problem_mark
        raise FormatError(f"{display}:{mark.line + 1}:{mark.column + 1}: {exc.problem}") from None
    canonical(tree, truth, KINDS[kind], (), False)
    out = io.StringIO()
    y.dump(tree, out)
    body = out.getvalue().split("\n")
    if body and body[0].startswith(SCHEMA_HEADER):
        body = body[1:]
    result = "\n".join([schema_line(kind), *body])
    if yamlio.load(result).data != truth:  # pragma: no cover - a bug here must not reach data/
        raise FormatError(f"{display}:1:1: formatting would change a value; file left as it is")
    return result


def record_files(paths: list[Path]) -> list[Path]:
    """The .yaml files named, or found in the folders named (default: all of data/)."""
    if not paths:
        paths = [DATA / folder for folder in FOLDERS.values()]
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return found



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.fmt", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; print a diff and exit 1 if a file is not canonical")
    args = parser.parse_args(argv)

    failed = changed = 0
    for path in record_files(args.paths):
        display = display_path(path)
        kind = kind_of(path)
        if kind is None:
            print(f"{display}:1:1: not in a record folder (data/{{{','.join(FOLDERS.values())}}}/)",
                  file=sys.stderr)
            failed += 1
            continue
        try:
            before = path.read_text(encoding="utf-8")
            after = format_text(before, kind, display)
        except FormatError as exc:
            print(exc, file=sys.stderr)
            failed += 1
            continue
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{display}:1:1: cannot read the file ({exc})", file=sys.stderr)
            failed += 1
            continue
        if after == before:
            continue
        changed += 1
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                fromfile=display, tofile=f"{display} (formatted)"))
        else:
            path.write_text(after, encoding="utf-8")
            print(f"formatted {display}")
    if args.check and changed:
        print(f"{changed} file(s) not in the canonical format (run: python -m scripts.fmt)", file=sys.stderr)
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
