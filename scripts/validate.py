"""Check every record in data/ and report each problem as `path:line:column: field: message`.

    python -m scripts.validate            # data/ of this repository
    python -m scripts.validate path/to/data --strict   # warnings fail too

Exit code 0 when there are no errors (warnings are printed, they do not fail), 1 otherwise.
A data folder with a schema/ folder also has its JSON Schemas checked: they list the ids of
forums, series, parties, topics and processes, so a new one needs `python -m scripts.schema`.
"""

from __future__ import annotations

from scripts._env import display_path, ensure_dependencies

ensure_dependencies("scripts.validate")

import argparse
import sys
from pathlib import Path

from macros.core import load
from scripts import schema

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.validate", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"), help="folder to check (default: data/)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)

    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"{data_dir}: no such folder", file=sys.stderr)
        return 2
    kb = load(data_dir, root=Path.cwd())
    for problem in kb.errors:
        print(problem)
    schema_dir = data_dir / "schema"
    outdated = schema.stale(kb, schema_dir, display_path(schema_dir)) if schema_dir.is_dir() else []
    for line in outdated:
        print(line)
    if not args.quiet:
        for problem in kb.warnings:
            print(problem)
    counts = kb.count()
    summary = (f"{counts['meeting']} meetings, {counts['document']} documents, {counts['process']} processes, "
               f"{counts['forum']} forums, {counts['series']} series, {counts['topic']} topics, "
               f"{counts['party']} parties, {len(kb.sources)} sources")
    failing = kb.errors + outdated + (kb.warnings if args.strict else [])
    if failing:
        print(f"{len(kb.errors) + len(outdated)} error(s), {len(kb.warnings)} warning(s) in {summary}", file=sys.stderr)
        return 1
    print(f"ok: {summary}; {len(kb.warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
