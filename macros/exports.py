"""Open data: the knowledge base published under /data/ with the site.

Files (all language-neutral, written once per build into `site/data/`):
  kyocho.json              every record, references resolved, sources resolved, schema_version
  csv/<kind>.csv           one table per record kind (UTF-8 with BOM, both language columns),
                           written by `csv_tables`, which guards cells against spreadsheet formulas
  datapackage.json         the CSV tables described as a Frictionless Data Package (`csv_tables`)
  schema/*.schema.json     the JSON Schemas of the record files (copied from data/schema/)
  meetings.ics             every meeting as an all-day event (iCalendar, via `icalendar`)
  feed.ja.atom, feed.en.atom   recently added or changed records (Atom, via `feedgen`)
  sources.bib              every source; documents.ja.bib / documents.en.bib: outcome documents
  cite/<lang>/<section>/<id>.bib   one entry per meeting and document page
Everything is derived from the loaded KnowledgeBase; nothing here reads the YAML itself.
When the site's address is known, every export also gives each page's absolute address
(`urls` in kyocho.json, `page_url_<lang>` in the CSV, the iCalendar URL, Atom links); without it
they give site-relative paths, which the files' readers resolve against where they got them.
`DISTRIBUTIONS` lists the files at the top of /data/ for the open-data page's Dataset.
Each format is written by its own library (json, csv, icalendar, feedgen, bibtexparser), so
quoting, folding and escaping are theirs to get right. feedgen is used for Atom because it
writes valid RFC 4287 (ids, dates, xml:lang) with escaping of record text.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
from bibtexparser.library import Library
from feedgen.feed import FeedGenerator

from . import citations, csv_tables, reference_formats
from .core.kb import KnowledgeBase
from .core.models import FOLDERS, KIND_OF_FOLDER, KINDS, LANGS
from .core.rules import REFERENCES
from .i18n import t
from .text import place_text, title_of, title_text, value_text
from .urls import absolute, bib_url, lang_prefix, page_path

# Version of the shape of kyocho.json (and of the CSV columns). Bump the major number when
# a field is removed or changes meaning; the minor number when fields are only added.
SCHEMA_VERSION = "2.0"
FEED_SIZE = 50
OWNED_FOLDERS = ("csv", "schema", "cite")  # under site/data/, rewritten whole on every build


@dataclass(frozen=True)
class Distribution:
    """One file at the top of /data/: its name, media type, its language if it has only one,
    and the key of its name in macros/strings."""

    path: str
    media_type: str
    lang: str | None
    name_key: str


DISTRIBUTIONS = (
    Distribution("kyocho.json", "application/json", None, "dist_json"),
    Distribution("datapackage.json", "application/vnd.datapackage+json", None, "dist_csv"),
    Distribution("meetings.ics", "text/calendar", None, "dist_ical"),
    *(Distribution(f"feed.{lang}.atom", "application/atom+xml", lang, "dist_atom") for lang in LANGS),
    Distribution("sources.bib", "application/x-bibtex", None, "dist_sources_bib"),
    *(Distribution(f"documents.{lang}.bib", "application/x-bibtex", lang, "dist_documents_bib") for lang in LANGS),
    *(Distribution(f"citations.{lang}.json", "application/vnd.citationstyles.csl+json", lang, "dist_csl")
      for lang in LANGS),
    *(Distribution(f"citations.{lang}.ris", "application/x-research-info-systems", lang, "dist_ris")
      for lang in LANGS),
)
FEED_TITLES = {"ja": "Kyocho 協調 — 最近追加・更新されたレコード",
               "en": "Kyocho — recently added or changed records"}


# -- record pages and titles -------------------------------------------------------------
def _title(kb: KnowledgeBase, kind: str, rid: str) -> dict[str, str | None]:
    value = title_of(kb, kind, rid)
    return {"ja": value.get("ja"), "en": value.get("en")}


def _pages(kind: str, rid: str) -> dict[str, str]:
    """Site-relative paths of a record's pages, per language."""
    return {lang: page_path(kind, rid, lang) for lang in LANGS}


def _ref(kb: KnowledgeBase, kind: str, rid: str) -> dict[str, Any]:
    # No `urls` here: the record referred to has them, and `site_url` + `pages` gives them;
    # repeating them in every reference made kyocho.json a quarter larger.
    return {"id": rid, "kind": kind, "title": _title(kb, kind, rid), "pages": _pages(kind, rid)}


def _source(kb: KnowledgeBase, key: str) -> dict[str, Any]:
    s = kb.sources[key]
    return {"key": key, "entry_type": s.entry_type, "kind": s.kind, "fields": dict(s.fields)}


# -- JSON --------------------------------------------------------------------------------
def record_json(kb: KnowledgeBase, kind: str, rid: str, site_url: str | None = None) -> dict[str, Any]:
    """One record: its fields, each reference also as {id, kind, title{ja,en}, pages}, sources
    resolved; its pages as site-relative paths (`pages`) and absolute addresses (`urls`, None
    without the site's address)."""
    model = kb.get(kind, rid)
    out: dict[str, Any] = {"id": rid, **model.model_dump(mode="json")}
    for (ref_kind, field), target in REFERENCES.items():
        if ref_kind != kind:
            continue
        value = getattr(model, field)
        if isinstance(value, list):
            out[f"{field}_ref"] = [_ref(kb, target, v) for v in value if kb.get(target, v)]
        elif value is not None and kb.get(target, value):
            out[f"{field}_ref"] = _ref(kb, target, value)
    out["sources_ref"] = [_source(kb, k) for k in model.sources if k in kb.sources]
    if kind == "meeting":
        out["outcomes"] = [_ref(kb, "document", d) for d in kb.outcomes(rid)]
    if kind == "document":
        out["annexes"] = [_ref(kb, "document", d) for d in kb.annexes(rid)]
    if kind in ("meeting", "document"):
        line = kb.lineage(kind, rid)
        out["followed_by"] = [_ref(kb, kind, i) for i in line.followed_by]
        # Ids only: the records are in the same file, and a reference with title and pages
        # for every member made the file grow with the square of a line's length.
        out["lineage"] = {"before": list(line.before), "after": list(line.after)}
    out["pages"] = _pages(kind, rid)
    out["urls"] = {lang: absolute(site_url, path) for lang, path in out["pages"].items()}
    return out


def dataset(kb: KnowledgeBase, generated: dt.datetime, site_url: str | None = None) -> dict[str, Any]:
    """The whole knowledge base as one JSON-ready object."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": generated.isoformat(timespec="seconds"),
        "site_url": absolute(site_url, ""),
        "counts": {**kb.count(), "source": len(kb.sources)},
        "records": {FOLDERS[kind]: [record_json(kb, kind, rid, site_url) for rid in sorted(kb.records[kind])]
                    for kind in KINDS},
        "sources": [_source(kb, key) for key in sorted(kb.sources)],
    }


# -- change times ------------------------------------------------------------------------
def change_times(data_dir: Path) -> dict[tuple[str, str], tuple[dt.datetime, dt.datetime]]:
    """(folder, id) → (first added, last changed), from one `git log` over the data folder.

    Files that git does not know (a copy outside a checkout, or not yet committed) get their
    modification time for both.
    """
    times: dict[tuple[str, str], tuple[dt.datetime, dt.datetime]] = {}
    try:
        result = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only", "--relative", "--", "."],
                                cwd=data_dir, capture_output=True, text=True)
        log = result.stdout if result.returncode == 0 else ""
    except OSError:
        log = ""
    for chunk in log.split("\0")[1:]:  # newest commit first
        head, *names = chunk.strip().split("\n")
        when = dt.datetime.fromtimestamp(int(head), dt.timezone.utc)
        for name in filter(None, names):
            key = _record_key(Path(name))
            if key:
                changed = times.get(key, (when, when))[1]
                times[key] = (when, changed)  # older commits move "added" back
    for path in data_dir.rglob("*.yaml"):
        key = _record_key(path.relative_to(data_dir))
        if key and key not in times:
            when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
            times[key] = (when, when)
    return times


def _record_key(rel: Path) -> tuple[str, str] | None:
    if rel.suffix != ".yaml" or len(rel.parts) < 2 or rel.parts[0] not in KIND_OF_FOLDER:
        return None
    return rel.parts[0], rel.stem


def _times(times: dict, kind: str, rid: str, fallback: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return times.get((FOLDERS[kind], rid), (fallback, fallback))


# -- iCalendar ---------------------------------------------------------------------------
def calendar(kb: KnowledgeBase, times: dict, generated: dt.datetime, site_url: str | None) -> icalendar.Calendar:
    """Every meeting as an all-day event: SUMMARY in Japanese, the English title in DESCRIPTION."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Kyocho//Open data//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Kyocho 協調")
    for mid in sorted(kb.meetings):
        m = kb.meetings[mid]
        event = icalendar.Event()
        event.add("uid", f"meeting-{mid}@kyocho")  # stable: the id never changes meaning
        event.add("summary", value_text(m.title, "ja"))
        event.add("dtstart", m.start)
        event.add("status", "TENTATIVE" if m.status == "planned" else "CONFIRMED")
        event.add("dtend", m.last_day + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        added, changed = _times(times, "meeting", mid, generated)
        event.add("dtstamp", changed)
        event.add("last-modified", changed)
        place_ja, place_en = place_text(kb, mid, "ja"), place_text(kb, mid, "en")
        if place_ja:
            event.add("location", place_ja if place_ja == place_en else f"{place_ja} / {place_en}")
        lines = [value_text(m.title, "en"), value_text(kb.forums[m.forum].name, "en")]
        pages = [page_path("meeting", mid, lang) for lang in LANGS]
        if site_url:
            pages = [absolute(site_url, p) for p in pages]
            event.add("url", pages[0])
        event.add("description", "\n".join(lines + pages))
        cal.add_component(event)
    return cal


# -- Atom --------------------------------------------------------------------------------
def feed(kb: KnowledgeBase, lang: str, times: dict, generated: dt.datetime, site_url: str | None) -> FeedGenerator:
    """The FEED_SIZE most recently changed records, newest first, linking to their pages.

    Links are absolute when the site's address is known, else relative to the feed
    (/data/feed.<lang>.atom), which Atom resolves against the feed's own address.
    """
    base = site_url.rstrip("/") + "/" if site_url else "../"
    entries = sorted(((_times(times, kind, rid, generated), kind, rid)
                      for kind in KINDS for rid in kb.records[kind]),
                     key=lambda e: (e[0][1], e[1], e[2]), reverse=True)[:FEED_SIZE]
    fg = FeedGenerator()
    fg.id(f"{base}{lang_prefix(lang)}" if site_url else f"urn:kyocho:feed:{lang}")
    fg.title(FEED_TITLES[lang])
    fg.link(href=f"{base}data/feed.{lang}.atom", rel="self")
    fg.link(href=f"{base}{lang_prefix(lang)}", rel="alternate")
    fg.language(lang)
    fg.updated(entries[0][0][1] if entries else generated)
    for (added, changed), kind, rid in entries:
        entry = fg.add_entry(order="append")
        url = base + page_path(kind, rid, lang)
        entry.id(url if site_url else f"urn:kyocho:{lang}:{kind}:{rid}")
        entry.title(f"{t(lang, kind)}: {title_text(kb, kind, rid, lang)}")
        entry.link(href=url, rel="alternate")
        entry.published(added)
        entry.updated(changed)
        summary = getattr(kb.get(kind, rid), "summary", None)
        if summary is not None:
            entry.summary(value_text(summary, lang))
    return fg


# -- write everything --------------------------------------------------------------------
def _write_bib(path: Path, library: Library) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(citations.write_bib(library), encoding="utf-8")
    return len(library.entries)


def write_exports(kb: KnowledgeBase, site_dir: Path, site_url: str | None = None) -> dict[str, int]:
    """Write every export under `site_dir/data/`; returns how many items each file holds."""
    out = Path(site_dir) / "data"
    for owned in OWNED_FOLDERS:  # a record deleted from data/ must vanish from the exports
        shutil.rmtree(out / owned, ignore_errors=True)
    (out / "csv").mkdir(parents=True)
    generated = dt.datetime.now(dt.timezone.utc)
    times = change_times(kb.root)
    stats: dict[str, int] = {}

    whole = dataset(kb, generated, site_url)
    (out / "kyocho.json").write_text(json.dumps(whole, ensure_ascii=False, indent=1), encoding="utf-8")
    stats["kyocho.json"] = sum(whole["counts"].values())
    for kind in KINDS:
        stats[f"csv/{kind}.csv"] = csv_tables.write_csv(kb, kind, out / "csv" / f"{kind}.csv", site_url)
    package = csv_tables.datapackage(SCHEMA_VERSION, generated, site_url)
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    stats["datapackage.json"] = len(package["resources"])

    # data/schema/ is generated from the models by scripts.schema and kept current by CI.
    (out / "schema").mkdir()
    for path in sorted((kb.root / "schema").glob("*.schema.json")):
        shutil.copy2(path, out / "schema" / path.name)
    stats["schema"] = len(list((out / "schema").iterdir()))

    (out / "meetings.ics").write_bytes(calendar(kb, times, generated, site_url).to_ical())
    stats["meetings.ics"] = len(kb.meetings)
    for lang in LANGS:
        fg = feed(kb, lang, times, generated, site_url)
        fg.atom_file(str(out / f"feed.{lang}.atom"), pretty=True)
        stats[f"feed.{lang}.atom"] = len(fg.entry())

    stats["sources.bib"] = _write_bib(out / "sources.bib", citations.sources_library(kb))
    for lang in LANGS:
        stats[f"documents.{lang}.bib"] = _write_bib(out / f"documents.{lang}.bib",
                                                    citations.documents_library(kb, lang))
    # Citations of every meeting and document: one file per record and format, and the whole
    # set per language as CSL-JSON and RIS; the access date is the day of the build.
    accessed = generated.date()
    stats["cite"] = 0
    for lang in LANGS:
        items, records = [], []
        for kind in citations.CITABLE:
            for rid in sorted(kb.records[kind]):
                library = Library([citations.entry(kb, kind, rid, lang, accessed)])
                stats["cite"] += _write_bib(Path(site_dir) / bib_url(kind, rid, lang), library)
                item = reference_formats.csl_item(kb, kind, rid, lang, accessed)
                record = reference_formats.ris_entry(kb, kind, rid, lang, accessed)
                (Path(site_dir) / bib_url(kind, rid, lang, "json")).write_text(
                    reference_formats.csl_json([item]), encoding="utf-8")
                (Path(site_dir) / bib_url(kind, rid, lang, "ris")).write_text(
                    reference_formats.ris_text([record]), encoding="utf-8")
                items.append(item)
                records.append(record)
        (out / f"citations.{lang}.json").write_text(reference_formats.csl_json(items), encoding="utf-8")
        (out / f"citations.{lang}.ris").write_text(reference_formats.ris_text(records), encoding="utf-8")
        stats[f"citations.{lang}.json"] = stats[f"citations.{lang}.ris"] = len(items)
    return stats
