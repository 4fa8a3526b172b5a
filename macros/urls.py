"""The URL scheme: where every page and file of the site lives, per language.

Japanese is at the site root, English under /en/ (`core.models.LANGS`, the default first).
Inside a language, a record page is `<folder>/<id>/` (the folder of its kind in data/), an
index page `<folder>/`, a briefing `briefings/<folder>/<id>/` with its Word file beside it.
Open data (`data/…`) is published once, at the site root, for both languages.

A `Ctx` says where a piece of output is written: its language and the page it is on, or the
absolute address its links start from. Every link is made by `Ctx.href`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .core.models import DEFAULT_LANG, FOLDERS

# Record kinds whose pages offer a briefing of everything they cover.
BRIEFING_KINDS = ("forum", "series", "topic", "party", "process")


def lang_prefix(lang: str) -> str:
    """The language's folder under the site root: "" for Japanese, "en/" for English."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def url_of(kind: str, rid: str | None = None) -> str:
    """Language-relative URL (no leading slash) of a record page, or of a kind's index page."""
    return f"{FOLDERS[kind]}/{rid}/" if rid else f"{FOLDERS[kind]}/"


def page_path(kind: str, rid: str, lang: str) -> str:
    """Site-relative path of a record page in `lang` (`en/meetings/x/`)."""
    return lang_prefix(lang) + url_of(kind, rid)


def site_url() -> str | None:
    """The published site's address: KYOCHO_SITE_URL, the variable mkdocs.yml reads for its
    site_url (unset locally, so pages then give no permanent address)."""
    return os.environ.get("KYOCHO_SITE_URL") or None


def absolute(site_url: str | None, path: str) -> str | None:
    """`path` (site-relative) under the site's address, or None when it is not known."""
    return site_url.rstrip("/") + "/" + path if site_url else None


def language_root(site_url: str, lang: str) -> str:
    """Absolute address of a language's home page, ending in "/"."""
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}"


def briefing_url(kind: str, rid: str) -> str:
    """Language-relative URL of the print-ready briefing for a forum, series, topic or party."""
    return f"briefings/{FOLDERS[kind]}/{rid}/"


# The briefing builder's data, per language (macros/briefings/kit.py): the parts, and what only
# a Word file needs (fetched when one is asked for).
BUILDER_DATA = "briefings/builder.json"
BUILDER_WORD = "briefings/builder-word.json"


def briefing_docx_name(kind: str, rid: str, lang: str) -> str:
    """File name of the Word briefing, next to its print page; unique in a downloads folder."""
    return f"kyocho-briefing-{kind}-{rid}-{lang}.docx"


def bib_url(kind: str, rid: str, lang: str, ext: str = "bib") -> str:
    """Site-relative path of a record's one-entry citation file (published once, at the root):
    `bib` (BibTeX), `json` (CSL-JSON) or `ris` (RIS)."""
    return f"data/cite/{lang}/{FOLDERS[kind]}/{rid}.{ext}"


def href(from_url: str, to_url: str) -> str:
    """Relative link from one directory-style URL ("", "meetings/", "meetings/x/") to another.

    Called for every link on every page, so it avoids posixpath.relpath (slow at scale).
    """
    if from_url == to_url:
        return "./"
    if to_url.startswith(from_url) and from_url:
        return to_url[len(from_url):]
    up = from_url.count("/")
    if up and to_url.startswith(from_url.split("/", 1)[0] + "/"):
        # Same section: one level up is enough.
        return "../" * (up - 1) + to_url.split("/", 1)[1] if up > 1 else to_url
    return "../" * up + to_url


@dataclass(frozen=True)
class Ctx:
    """Where output is written: its language, and how its links reach other pages.

    On a site page, `here` is the page's language-relative URL and links are relative to it.
    With `base` set, links are `base + target` instead (an absolute language root for a Word
    file handed round, or a relative one). `linked=False` writes record titles as plain text.
    """

    lang: str
    here: str = ""
    base: str | None = None
    linked: bool = True

    def href(self, target: str) -> str:
        """Link to a language-relative URL."""
        return self.base + target if self.base is not None else href(self.here, target)

    def root_href(self, target: str) -> str:
        """Link to a file published once at the site root (`data/…`), from this language."""
        return "../" * lang_prefix(self.lang).count("/") + href(self.here, target)

    def at(self, here: str) -> "Ctx":
        return Ctx(self.lang, here, self.base, self.linked)
