"""Citation entries for meetings and outcome documents, and the bibliographies we publish.

Every .bib file the site offers is built as a bibtexparser `Library` and written with
`bibtexparser.write_string`, never with string templates. Record text is plain UTF-8 (as in
data/references.bib); on writing, the characters LaTeX treats as commands (& % $ # _ { } ~ ^ \\)
are escaped in every field except the verbatim ones (url, doi), so the file compiles with
BibTeX or biber. `read_bib` reverses exactly that, so an export reads back to the same text.
"""

from __future__ import annotations

import datetime as dt
import re

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import BlockMiddleware
from bibtexparser.model import Block, Entry, Field

from .core.kb import KnowledgeBase
from .core.models import Text
from .i18n import format_date, format_range
from .text import forum_text, place_text, value_text

CITABLE = ("meeting", "document")

# Field values LaTeX reads verbatim (the url package): escaping would corrupt them.
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file"})

_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_UNESCAPES = {v: k for k, v in _LATEX_ESCAPES.items()}
_ESCAPE_RE = re.compile("|".join(re.escape(c) for c in _LATEX_ESCAPES))
_UNESCAPE_RE = re.compile("|".join(re.escape(s) for s in sorted(_LATEX_UNESCAPES, key=len, reverse=True)))

# Phrases for the `note` field; the site's interface strings are shown on pages, these
# travel inside the .bib file to wherever it is pasted.
_NOTES = {
    "unofficial": {"ja": "名称は公式のものではなく、Kyochoによる訳・記述", "en": "Title is an unofficial rendering by Kyocho"},
    "fallback": {"ja": "日本語の名称は未収録のため英語の名称を記載", "en": "No English title recorded (the Japanese title is given)"},
}
_LANGID = {"ja": "japanese", "en": "english"}


def latex_escape(value: str) -> str:
    """Plain text → BibTeX field text that LaTeX prints as the same characters."""
    return _ESCAPE_RE.sub(lambda m: _LATEX_ESCAPES[m.group()], value)


def latex_unescape(value: str) -> str:
    """The inverse of `latex_escape` (and only of it: other LaTeX is left as it is)."""
    return _UNESCAPE_RE.sub(lambda m: _LATEX_UNESCAPES[m.group()], value)


def _safe_url(url: str) -> str:
    # A brace would end the BibTeX value early; its percent-encoding names the same resource.
    return url.replace("{", "%7B").replace("}", "%7D")


class _Escape(BlockMiddleware):
    """Escapes LaTeX specials on the way out; never changes the caller's entries."""

    def __init__(self, unescape: bool = False):
        super().__init__(allow_inplace_modification=False, allow_parallel_execution=True)
        self._unescape = unescape

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        fields = []
        for f in entry.fields:
            value = f.value
            if isinstance(value, str):
                if f.key.lower() in VERBATIM_FIELDS:
                    value = value if self._unescape else _safe_url(value)
                else:
                    value = latex_unescape(value) if self._unescape else latex_escape(value)
            fields.append(Field(f.key, value))
        return Entry(entry.entry_type, entry.key, fields)


def write_bib(library: Library) -> str:
    """A Library as .bib text (bibtexparser's writer, LaTeX specials escaped)."""
    return bibtexparser.write_string(library, prepend_middleware=[_Escape()])


def read_bib(text: str) -> Library:
    """.bib text written by `write_bib` → Library with the original plain-text values."""
    return bibtexparser.parse_string(text, append_middleware=[_Escape(unescape=True)])


# -- one record --------------------------------------------------------------------------
def bib_key(kind: str, rid: str) -> str:
    """Stable key: ids are unique per kind only, so the kind is part of it (`meeting:<id>`)."""
    return f"{kind}:{rid}"


def title_and_note(value: Text, unofficial: list[str], lang: str) -> tuple[str, str | None]:
    """The title in `lang` (else the other language) and the note the reader needs about it."""
    if value.get(lang):
        return value.get(lang) or "", _NOTES["unofficial"][lang] if lang in unofficial else None
    return value_text(value, lang), _NOTES["fallback"][lang]


def forum_of(kb: KnowledgeBase, kind: str, rid: str) -> str | None:
    """The forum that held the meeting or adopted the document (None if unknown)."""
    return kb.meetings[rid].forum if kind == "meeting" else kb.forum_of_document(rid)


def forum_name(kb: KnowledgeBase, kind: str, rid: str, lang: str, short: bool = False) -> str:
    """Name of the forum that held the meeting or adopted the document ('' if unknown)."""
    fid = forum_of(kb, kind, rid)
    return forum_text(kb, fid, lang, short) if fid else ""


def record_url(kb: KnowledgeBase, kind: str, rid: str, lang: str) -> str:
    """The address to cite: the document's text in `lang`, else the first source."""
    if kind == "document":
        texts = kb.documents[rid].texts
        link = getattr(texts, lang, None) if texts else None
        if link is not None and link.url:
            return link.url
    model = kb.get(kind, rid)
    return kb.sources[model.sources[0]].url if model.sources[0] in kb.sources else ""


def _date_fields(kind: str, model) -> list[Field]:
    if kind == "meeting":
        start, end = model.start, model.end
    else:
        start, end = model.date, None
    if start is None:
        return []
    iso = start.isoformat() + (f"/{end.isoformat()}" if end and end != start else "")
    return [Field("date", iso), Field("year", str(start.year)), Field("month", str(start.month))]


def entry(kb: KnowledgeBase, kind: str, rid: str, lang: str, accessed: dt.date | None = None) -> Entry:
    """The BibTeX entry (`@misc`, which every BibTeX and biblatex style accepts) in `lang`;
    `urldate` is `accessed`, the day the site was built from the data."""
    if kind not in CITABLE:
        raise ValueError(f"only meetings and documents are cited, not {kind}")
    model = kb.get(kind, rid)
    if model is None:
        raise KeyError(f"no {kind} '{rid}'")
    title, note = title_and_note(model.title, model.title_unofficial, lang)
    fields = [Field("title", title)]
    organization = forum_name(kb, kind, rid, lang)
    if organization:
        fields.append(Field("organization", organization))
    fields += _date_fields(kind, model)
    if kind == "meeting" and place_text(kb, rid, lang):
        fields.append(Field("address", place_text(kb, rid, lang)))
    url = record_url(kb, kind, rid, lang)
    if url:
        fields.append(Field("url", url))
        if accessed:
            fields.append(Field("urldate", accessed.isoformat()))
    fields.append(Field("langid", _LANGID[lang]))
    if note:
        fields.append(Field("note", note))
    return Entry("misc", bib_key(kind, rid), fields)


def cite_text(kb: KnowledgeBase, kind: str, rid: str, lang: str, accessed: dt.date | None = None,
              permalink: str | None = None) -> str:
    """One plain-text reference: forum, title, place, date, address (Japanese style on ja);
    then the day it was accessed and, where the site's address is known, the record's page."""
    model = kb.get(kind, rid)
    title, note = title_and_note(model.title, model.title_unofficial, lang)
    forum = forum_name(kb, kind, rid, lang, short=True)
    where = place_text(kb, rid, lang) if kind == "meeting" else ""
    if kind == "meeting":
        when = format_range(model.start, model.end, lang)
    else:
        when = format_date(model.date, lang) if model.date else ""
    url = record_url(kb, kind, rid, lang)
    if lang == "ja":
        head = f"{forum}「{title}」" + (f"（{note}）" if note else "")
        tail = "、".join(x for x in (where, when) if x)
        seen = f"（{format_range(accessed, None, lang, era=False)}閲覧）" if accessed and url else ""
        kyocho = f" Kyocho：{permalink}" if permalink else ""
        return head + (tail + "。" if tail else "") + url + seen + kyocho
    head = (f"{forum}. " if forum else "") + f"“{title}.”" + (f" [{note}.]" if note else "")
    tail = ", ".join(x for x in (where, when) if x)
    seen = f"Accessed {format_date(accessed, lang)}." if accessed and url else ""
    kyocho = f"Kyocho: {permalink}." if permalink else ""
    return " ".join(x for x in (head, tail + "." if tail else "", url + ("." if url and seen else ""), seen, kyocho) if x)


# -- bibliographies ----------------------------------------------------------------------
def sources_library(kb: KnowledgeBase) -> Library:
    """Every source in data/references.bib, with the fields macros/sources.py read."""
    return Library([Entry(s.entry_type, s.key, [Field(k, v) for k, v in s.fields.items()])
                    for s in kb.sources.values()])


def documents_library(kb: KnowledgeBase, lang: str) -> Library:
    """One entry per outcome document, in `lang`, by id."""
    return Library([entry(kb, "document", did, lang) for did in sorted(kb.documents)])
