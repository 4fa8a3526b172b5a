"""Write a briefing pack for a selection of records, in Japanese or English.

    python -m scripts.briefing --topic ai --lang ja --format docx -o brief.docx
    python -m scripts.briefing --forum g7 --since 2016-01-01 --until 2023-12-31 --lang en --format md
    python -m scripts.briefing --party jp --series g7-digital-tech-ministers --format html -o g7.html

Within one option the values are alternatives (--topic ai --topic privacy: either); the
options together narrow the selection (--topic ai --forum g7: both). A topic includes its
narrower topics and a forum its sub-bodies. Exit 0 when written, 2 when the selection names
an id that does not exist (with a suggestion) or the output cannot be written.
"""

from __future__ import annotations

from scripts._env import ensure_dependencies

ensure_dependencies("scripts.briefing")

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from macros import briefings
from macros.core import load
from macros.urls import Ctx, language_root

ROOT = Path(__file__).resolve().parent.parent


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in the form YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m scripts.briefing", description=__doc__.splitlines()[0])
    p.add_argument("--topic", action="append", default=[], metavar="ID", help="topic id (repeatable)")
    p.add_argument("--forum", action="append", default=[], metavar="ID", help="forum id (repeatable)")
    p.add_argument("--party", action="append", default=[], metavar="ID", help="party id (repeatable)")
    p.add_argument("--series", action="append", default=[], metavar="ID", help="series id (repeatable)")
    p.add_argument("--process", action="append", default=[], metavar="ID", help="process id (repeatable)")
    p.add_argument("--since", type=_date, help="first day, YYYY-MM-DD")
    p.add_argument("--until", type=_date, help="last day, YYYY-MM-DD")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language (default: ja)")
    p.add_argument("--format", choices=("docx", "md", "html"), default="docx", help="default: docx")
    p.add_argument("-o", "--output", help="file to write (md and html go to standard output without it)")
    p.add_argument("--date", type=_date, default=None, help="production date shown (default: today)")
    p.add_argument("--site-url", default=os.environ.get("KYOCHO_SITE_URL") or None,
                   help="link record titles to the published site at this address "
                        "(default: $KYOCHO_SITE_URL; without it titles are plain text)")
    p.add_argument("--data", default=str(ROOT / "data"), help="data folder (default: data/)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    kb = load(Path(args.data), root=Path.cwd())
    if kb.errors:
        for problem in kb.errors:
            print(problem, file=sys.stderr)
        print(f"{len(kb.errors)} error(s) in the data: fix them first (python -m scripts.validate)",
              file=sys.stderr)
        return 2
    sel = briefings.Selection(topics=tuple(args.topic), forums=tuple(args.forum), parties=tuple(args.party),
                              series=tuple(args.series), processes=tuple(args.process),
                              since=args.since, until=args.until)
    problems = sel.problems(kb)
    if problems:
        for message in problems:
            print(message, file=sys.stderr)
        return 2
    base = language_root(args.site_url, args.lang) if args.site_url else None
    ctx = Ctx(args.lang, base=base, linked=base is not None)
    brief = briefings.build(kb, sel, ctx, args.date or dt.date.today())
    if args.format == "docx":
        content: bytes | str = briefings.write_docx(brief, links=ctx.linked)
    elif args.format == "md":
        content = briefings.to_markdown(brief)
    else:
        content = briefings.to_html(brief)
    if args.output is None:
        if isinstance(content, bytes):
            print("a .docx file needs -o FILE (it is not text)", file=sys.stderr)
            return 2
        sys.stdout.write(content)
        return 0
    out = Path(args.output)
    try:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
    except OSError as exc:
        print(f"{out}: cannot write: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {out}: {len(brief.meetings)} meetings, {len(brief.documents)} documents "
          f"({args.lang}, {args.format})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
