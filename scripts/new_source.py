"""`python -m scripts.new source`: add the page a fact comes from to data/references.bib.

    python -m scripts.new source --url https://www.soumu.go.jp/… \\
        --title "G7香川・高松情報通信大臣会合の開催結果" --date 2016-04-30
    python -m scripts.new meeting … --source-url https://… --source-title …   # the same, inline

The key is proposed in the style of the file (mic-2016-g7-takamatsu-result: the publisher's
short name as other keys of its site begin, else from its address; the year; a few words of
the title). An existing key is never overwritten, and an address already in the file is not
added twice: its key is given instead. The entry is appended at the end of the file and read
back with the core's reader before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from macros.core.kb import KnowledgeBase
from macros.core.models import BIBKEY_PATTERN
from macros.core.sources import SOURCE_KINDS, Source, address_key, host_of, read_bibliography, short_name
from scripts.asks import SKIP, Ask, InputError, answer, check_choice, slug

# Field order of the entries in data/references.bib.
ORDER = ("title", "organization", "date", "url", "urldate", "langid", "kind", "note")
LANGIDS = {"ja": "japanese", "en": "english"}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass
class NewSource:
    key: str
    fields: dict[str, str]

    def text(self) -> str:
        """The entry as the file writes it: two-space indent, values aligned, a trailing comma."""
        form = BibtexFormat()
        form.indent, form.value_column, form.trailing_comma = "  ", 15, True
        entry = Entry("online", self.key, [Field(k, self.fields[k]) for k in ORDER if self.fields.get(k)])
        return bibtexparser.write_string(Library([entry]), bibtex_format=form)


# ---------------------------------------------------------------------------------------
# checks of single answers
# ---------------------------------------------------------------------------------------
def check_url(value: str, kb: KnowledgeBase) -> str:
    parts = urllib.parse.urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"'{value}' is not a web address: write it in full, starting with https:// or http://")
    if any(ch in value for ch in "{} \t"):
        raise InputError(f"'{value}' has a space or a brace in it: copy the address from the browser's address bar")
    return value.strip()


def check_plain(value: str, kb: KnowledgeBase) -> str:
    if "{" in value or "}" in value:
        raise InputError("braces { } end a BibTeX value early: leave them out")
    if not value.strip():
        raise InputError("give some text, or leave it out")
    return " ".join(value.split())


def check_when(value: str, kb: KnowledgeBase) -> str:
    """A date as BibTeX writes it: YYYY-MM-DD, or YYYY-MM or YYYY when that is all the page says."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dt.date.fromisoformat(value)
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(value + "-01")
        elif not re.fullmatch(r"\d{4}", value):
            raise ValueError
    except ValueError:
        raise InputError(f"'{value}' is not a date: write it as YYYY-MM-DD (e.g. 2016-04-30), "
                         "or YYYY-MM or YYYY when the page gives no day") from None
    return value


def check_langid(value: str, kb: KnowledgeBase) -> str:
    value = LANGIDS.get(value.strip().lower(), value.strip().lower())
    if not re.fullmatch(r"[a-z]+", value):
        raise InputError(f"'{value}' is not a language: write japanese, english (or ja, en), or the language's name")
    return value


def check_key(value: str, kb: KnowledgeBase) -> str:
    if not re.fullmatch(BIBKEY_PATTERN, value):
        raise InputError(f"'{value}' is not a valid source key: use letters, digits and hyphens "
                         "(e.g. mic-2016-g7-takamatsu-result)")
    if value in kb.sources:
        raise InputError(f"'{value}' is already a source in data/references.bib ({kb.sources[value].title}): "
                         "choose another key")
    return value


def source_asks(prefix: str = "") -> list[Ask]:
    """The questions for a new source; `prefix` is `source-` when asked inside another record."""
    def ask(flag, label, check, required=False):
        return Ask(prefix + flag, (flag,), label, check, required)
    return [
        ask("url", "Address of the page / ページのURL", check_url, True),
        ask("title", "Title of the page, exactly as it gives it / ページの題名（表記どおり）", check_plain, True),
        ask("date", "Date of the page, YYYY-MM-DD / ページの日付（YYYY-MM-DD）", check_when),
        ask("langid", "Language of the page: japanese, english… (default: from the title) / "
                      "ページの言語（省略時は題名から）", check_langid),
        ask("organization", "Who publishes it (default: as other entries of the site name it) / "
                            "発行元（省略時は同じサイトの他の出典から）", check_plain),
        ask("kind", "official (the government, forum or organisation itself) or secondary (default: by the address) / "
                    "公式（政府・フォーラム・機関自身）または二次資料（省略時はURLから判定）", check_choice(list(SOURCE_KINDS))),
        ask("note", "Note: why a secondary source, where the title comes from / 注記", check_plain),
        ask("key", "Key that records cite (default: publisher-year-words of the title) / "
                   "レコードから引用するキー（省略時は提案）", check_key),
    ]


# ---------------------------------------------------------------------------------------
# proposals
# ---------------------------------------------------------------------------------------
def _same_address(a: str, b: str) -> bool:
    return address_key(a) == address_key(b)   # the validator's rule (core.sources)


def existing_key(url: str, kb: KnowledgeBase) -> str | None:
    """The key of the entry that already has this address (http or https, with or without www.)."""
    return next((key for key, s in kb.sources.items() if s.url and _same_address(s.url, url)), None)


def _neighbours(url: str, kb: KnowledgeBase) -> list[Source]:
    """The entries from the same publisher's site, as the short name of their address tells."""
    name = short_name(url)
    return [s for s in kb.sources.values() if s.url and short_name(s.url) == name]


def prefix_for(url: str, kb: KnowledgeBase) -> str:
    """How keys from this site begin in the file (soumu.go.jp → mic), else its short name."""
    used = Counter(s.key.split("-")[0] for s in _neighbours(url, kb))
    return used.most_common(1)[0][0] if used else short_name(url)


def organization_for(url: str, langid: str, kb: KnowledgeBase) -> str | None:
    """The publisher as the other entries of the site in that language name it."""
    names = Counter(s.publisher for s in _neighbours(url, kb) if s.publisher and s.fields.get("langid") == langid)
    return names.most_common(1)[0][0] if names else None


def propose_key(fields: dict[str, str], kb: KnowledgeBase, words_hint: str = "") -> str:
    year = (fields.get("date") or fields["urldate"])[:4]
    prefix = prefix_for(fields["url"], kb)
    path = urllib.parse.urlsplit(fields["url"]).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    drop = {prefix, year}
    if _JAPANESE.search(fields["title"]):   # a Japanese title gives few Latin words: the record's or the address's
        words = slug(words_hint, drop, 5) or "-".join(filter(None, [slug(fields["title"], drop, 2), slug(path, drop, 3)]))
    else:
        words = slug(fields["title"], drop, 5)
    words = words or slug(path, drop, 3) or "page"
    base = key = f"{prefix}-{year}-{words}"
    n = 2
    while key in kb.sources:
        key, n = f"{base}-{n}", n + 1
    return key


# ---------------------------------------------------------------------------------------
# asking and writing
# ---------------------------------------------------------------------------------------
def collect(given: dict[str, str | None], kb: KnowledgeBase, interactive: bool, prefix: str = "",
            words_hint: str = "", today: dt.date | None = None) -> NewSource | str:
    """The new entry from options and answers, or the key of the entry that already has the
    address. Raises InputError with every problem found."""
    fields: dict[str, str] = {"urldate": (today or dt.date.today()).isoformat()}
    errors: list[str] = []
    for ask in source_asks(prefix):
        name = ask.path[0]
        default = _default(name, fields, kb, words_hint) if "url" in fields else None
        value = answer(ask, given, kb, interactive, {}, errors, default)
        if value is SKIP:
            continue
        if name == "url" and value and (found := existing_key(value, kb)):
            return found
        if value:
            fields[name] = value
    if errors:
        raise InputError("\n".join(errors))
    key = fields.pop("key")
    inferred = Source(key, "online", {k: v for k, v in fields.items() if k != "kind"}, 0).kind
    if fields.get("kind") == inferred:
        del fields["kind"]  # the address says so already: written only where it differs
    return NewSource(key, fields)


def _default(name: str, fields: dict[str, str], kb: KnowledgeBase, words_hint: str) -> str | None:
    if name == "langid":
        return "japanese" if _JAPANESE.search(fields.get("title", "")) else "english"
    if name == "organization":
        return organization_for(fields["url"], fields.get("langid", "english"), kb)
    if name == "kind":
        return Source("", "online", fields, 0).kind
    if name == "key" and "title" in fields:
        return propose_key(fields, kb, words_hint)
    return None


def appended(bib_text: str, source: NewSource) -> str:
    return bib_text.rstrip("\n") + "\n\n" + source.text()


def append(bib_path: Path, source: NewSource) -> None:
    """Add the entry at the end of the file, after checking that the result reads back."""
    before = bib_path.read_text(encoding="utf-8")
    after = appended(before, source)
    scratch = bib_path.with_name(f".{bib_path.name}.new")
    scratch.write_text(after, encoding="utf-8")
    try:
        old, old_problems = read_bibliography(bib_path, "references.bib")
        new, new_problems = read_bibliography(scratch, "references.bib")
        if len(new_problems) != len(old_problems) or new.get(source.key) is None or len(new) != len(old) + 1:
            raise InputError(f"the entry '{source.key}' would not read back; data/references.bib left as it is")
        scratch.replace(bib_path)
    finally:
        scratch.unlink(missing_ok=True)


def main(given: dict[str, str | None], kb: KnowledgeBase, bib_path: Path, shown_as: str,
         interactive: bool, dry_run: bool) -> int:
    try:
        source = collect(given, kb, interactive)
        if isinstance(source, str):
            print(f"{kb.sources[source].url} is already in {shown_as} as '{source}' "
                  f"({kb.sources[source].title}): cite that key in the record's sources")
            return 0
        if dry_run:
            sys.stdout.write(source.text())
            return 0
        append(bib_path, source)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"added '{source.key}' to {shown_as}; cite it in a record's sources: [{source.key}]")
    sys.stdout.write(source.text())
    return 0
