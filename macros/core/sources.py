"""The bibliography: data/references.bib, read with bibtexparser v2.

bibtexparser does not raise on a broken entry: it keeps going and records a failed block.
We turn every failed block into a Problem with its line, so a broken source never
disappears silently.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from .problems import Problem

REQUIRED_FIELDS = ("title", "url")
SOURCE_KINDS = ("official", "secondary")

# Publishers whose own sites are official sources: governments, and the forums and
# organisations Kyocho records. A host is official when it is one of these or below one
# (www.soumu.go.jp, pp22.itu.int), or a government domain anywhere (…gov.sg, …gob.ar).
# Anything else — news, blogs, academic archives, mirrors — is secondary unless the entry
# says `kind = {official}`; an entry can also say `kind = {secondary}` of any host.
OFFICIAL_HOSTS = (
    "go.jp", "lg.jp", "gov", "gov.uk", "gc.ca", "europa.eu", "kremlin.ru", "de.digital", "governo.it",
    "esteri.it", "officielebekendmakingen.nl", "lrv.lt", "e-tar.lt",
    "itu.int", "itu-ilibrary.org", "un.org", "unic.or.jp", "intgovforum.org", "oecd.org", "oecd.ai",
    "wto.org", "apec.org", "asean.org", "apt.int", "aptsec.org", "iso.org", "g7italy.it", "g20italy.org",
)
_GOVERNMENT_LABELS = (".gov.", ".gob.", ".gouv.", ".govt.")
_GOVERNMENT_WORDS = ("go", "lg", "gov", "gob", "gouv", "govt", "gc")


def host_of(url: str) -> str:
    """The site of an address, lower-case, without port or a leading `www.`."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1].split(":", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def address_key(url: str) -> tuple[str, str, str]:
    """What makes two addresses the same page: the site (http or https, with or without
    www.), the path without a trailing slash, and the query."""
    parts = urllib.parse.urlsplit(url.strip())
    return host_of(url), parts.path.rstrip("/") or "/", parts.query


# Japanese publishers by their own name in each language, so that a source list speaks the
# reader's language ("総務省" on an English page reads "Ministry of Internal Affairs and
# Communications"). The English names are those the publishers use on their English pages.
PUBLISHER_NAMES = (
    ("総務省", "Ministry of Internal Affairs and Communications"),
    ("外務省", "Ministry of Foreign Affairs of Japan"),
    ("経済産業省", "Ministry of Economy, Trade and Industry"),
    ("デジタル庁", "Digital Agency"),
    ("郵政省", "Ministry of Posts and Telecommunications"),
    ("首相官邸", "Prime Minister's Office of Japan"),
    ("データベース「世界と日本」（政策研究大学院大学・東京大学東洋文化研究所）",
     "The World and Japan Database (GRIPS / University of Tokyo)"),
)


def publisher_in(name: str, lang: str) -> str:
    """A publisher's name in `lang` where the table knows it: the whole name, or the name
    before a parenthesis ("郵政省（平成6年版 通信白書）"), whose rest is kept as written."""
    plain = name.replace("(", "（").replace(")", "）")
    for ja, en in PUBLISHER_NAMES:
        mine, other = (ja, en) if lang == "ja" else (en, ja)
        for candidate, known in ((plain, other), (name, other)):
            if candidate == known:
                return mine
            if candidate.startswith(known + "（") or candidate.startswith(known + " ("):
                rest = candidate[len(known):].strip()
                if lang == "en":
                    rest = rest.replace("（", "(").replace("）", ")")
                return mine + (" " if lang == "en" else "") + rest
    return name


def host_is_official(url: str) -> bool:
    host = host_of(url)
    return (any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)
            or any(label in f".{host}." for label in _GOVERNMENT_LABELS))


def short_name(url: str) -> str:
    """The publisher's short name as a key begins with it, from the address alone: the
    publisher's own name for an organisation on the list above (pp22.itu.int → itu,
    oecd.ai → oecd), else the name in front of the domain ending (soumu.go.jp → soumu,
    japantimes.co.jp → japantimes, state.gov → state)."""
    labels = host_of(url).split(".")
    for publisher in OFFICIAL_HOSTS:
        own = publisher.split(".")
        if labels[-len(own):] == own and own[0] not in _GOVERNMENT_WORDS:
            return re.sub(r"[^a-z0-9]", "", own[0])
    rest = labels[:-1] or labels
    while len(rest) > 1 and (len(rest[-1]) <= 3 or rest[-1] in _GOVERNMENT_WORDS):
        rest = rest[:-1]       # co.jp, or.jp, go.jp, gov.uk: the name comes before them
    return re.sub(r"[^a-z0-9]", "", rest[-1]) or "source"


@dataclass(frozen=True)
class Source:
    key: str
    entry_type: str
    fields: dict[str, str]
    line: int

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def url(self) -> str:
        return self.fields.get("url", "")

    @property
    def publisher(self) -> str:
        return self.fields.get("organization") or self.fields.get("publisher") or self.fields.get("author", "")

    def publisher_in(self, lang: str) -> str:
        """The publisher as a page in `lang` names it (see `PUBLISHER_NAMES`)."""
        return publisher_in(self.publisher, lang) if self.publisher else ""

    @property
    def kind(self) -> str:
        """official or secondary: as the entry says, else from its note and its address."""
        given = self.fields.get("kind", "").lower()
        if given in SOURCE_KINDS:
            return given
        if "secondary" in self.fields.get("note", "").lower():
            return "secondary"
        return "official" if host_is_official(self.url) else "secondary"

    @property
    def date(self) -> str:
        return self.fields.get("date") or self.fields.get("year", "")


def _clean(value: str) -> str:
    # Braces protect capitalisation in BibTeX; they are not part of the text.
    return " ".join(value.replace("{", "").replace("}", "").split())


def read_bibliography(path: Path, display_path: str) -> tuple[dict[str, Source], list[Problem]]:
    problems: list[Problem] = []
    if not path.exists():
        return {}, [Problem(display_path, 1, 1, "", "the bibliography file is missing")]
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    sources: dict[str, Source] = {}
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.append(Problem(display_path, line, 1, block.key,
                                    f"duplicate source key '{block.key}'"))
        else:
            first = (block.raw or "").strip().splitlines()[:1]
            key = re.match(r"@\w+\s*\{\s*([^,\s]+)", first[0]) if first else None
            problems.append(Problem(display_path, line, 1, key.group(1) if key else "",
                                    f"malformed BibTeX entry: {first[0][:60] if first else ''} (each field is "
                                    "name = {value}, with a comma after it; the entry ends with })"))
    for entry in library.entries:
        entry: Entry
        line = (entry.start_line or 0) + 1
        fields = {f.key.lower(): _clean(str(f.value)) for f in entry.fields}
        for name in REQUIRED_FIELDS:
            if not fields.get(name):
                problems.append(Problem(display_path, line, 1, f"{entry.key}.{name}",
                                        f"every source needs a {name}"))
        url = fields.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            # The page links to it: a javascript: or relative address must not get through.
            at = next((f.start_line for f in entry.fields if f.key.lower() == "url"), entry.start_line)
            problems.append(Problem(display_path, (at or 0) + 1, 1, f"{entry.key}.url",
                                    f"'{url}' is not a web address: it must start with https:// or http://"))
        if fields.get("kind") and fields["kind"].lower() not in SOURCE_KINDS:
            problems.append(Problem(display_path, line, 1, f"{entry.key}.kind",
                                    f"'{fields['kind']}' is not a kind of source: write official or secondary"))
        sources[entry.key] = Source(entry.key, entry.entry_type.lower(), fields, line)
    # One page, one entry: a second entry for the same address splits its citations.
    first: dict[tuple[str, str, str], str] = {}
    for key, source in sources.items():
        if not source.url:
            continue
        earlier = first.setdefault(address_key(source.url), key)
        if earlier != key:
            problems.append(Problem(display_path, source.line, 1, f"{key}.url",
                                    f"the same page as '{earlier}' (line {sources[earlier].line}): "
                                    f"cite '{earlier}' and remove this entry", severity="warning"))
    return sources, problems
