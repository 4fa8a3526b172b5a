"""Typed models of the five record kinds (plus series), one YAML file per record.

The models are the single statement of the per-file rules: the validator, the JSON Schema
under data/schema/ and the data dictionary page are all derived from them. Unknown keys are
errors (a typo such as `tittle:` must never be dropped silently). Cross-record rules (does
this forum exist? is this source in references.bib?) live in `kb.py`, because a single file
cannot answer them.

This module also holds the few facts of the design that everything else imports: the
languages (`LANGS`, `DEFAULT_LANG`), the record kinds and the folder each lives in
(`KINDS`, `FOLDERS`), and the schema line at the top of a record file. The field types every
kind shares (bilingual text, ids, source keys) are in `fields.py` and re-exported here.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from .fields import (BIBKEY_PATTERN, DEFAULT_LANG, ID_PATTERN, ID_RE, LANGS, Notes, RecordId, SourceKey,  # noqa: F401
                     Sources, Strict, Text, TitleUnofficial)
from .fields import country_code as _country
from .fields import doc as _doc
from .fields import summary_field as _summary


# ---------------------------------------------------------------------------------------
# forum, series
# ---------------------------------------------------------------------------------------
ForumKind = Literal["group", "organization", "body", "bilateral"]


class Forum(Strict):
    name: Text = Field(**_doc("Full name", "正式名称"))
    short: Text | None = Field(None, **_doc("Short name or abbreviation", "略称"))
    kind: ForumKind = Field(**_doc(
        "group (G7, G20), organization (OECD, ITU, UN…), body (a sub-body: IGF, APEC TEL…), bilateral",
        "group（G7等の枠組み）、organization（国際機関）、body（下部機関）、bilateral（二国間）"))
    parent: RecordId | None = Field(None, **_doc("Forum this body belongs to", "上位のフォーラム"))
    partner: RecordId | None = Field(None, **_doc(
        "For a bilateral forum: the partner party", "二国間の場合の相手国・機関"))
    url: str | None = Field(None, pattern=r"^https?://", **_doc("Official website", "公式ウェブサイト"))
    description: Text | None = Field(None, **_doc("What the forum is, in your own words (Markdown)", "概要（Markdown、独自の文章で）"))
    sources: Sources

    @model_validator(mode="after")
    def _bilateral_has_partner(self) -> "Forum":
        if self.kind == "bilateral" and not self.partner:
            raise ValueError("partner: a bilateral forum needs a partner (party id)")
        if self.kind == "body" and not self.parent:
            raise ValueError("parent: a body needs the forum it belongs to")
        return self


EditionStatus = Literal["held", "planned", "cancelled"]


class Edition(Strict):
    """One edition of a series, as an official list gives it, recorded or not."""

    number: int | None = Field(None, ge=1, **_doc(
        "Official number of the edition (1 for the first), if the series numbers them",
        "公式の回次（第1回なら 1）。回次のあるシリーズのみ"))
    year: int = Field(ge=1865, le=2100, **_doc("Year it was (or is to be) held", "開催年（予定を含む）"))
    start: dt.date | None = Field(None, **_doc("First day, if the official list gives it", "開始日（公式の一覧にある場合）"))
    end: dt.date | None = Field(None, **_doc("Last day, if not the first", "終了日（複数日の場合）"))
    city: Text | None = Field(None, **_doc("Where it was held", "開催都市"))
    status: EditionStatus = Field("held", **_doc(
        "held, planned (announced, not yet held) or cancelled", "held（開催済み）、planned（予定）、cancelled（中止）"))
    meeting: RecordId | None = Field(None, **_doc(
        "The meeting record of this edition, once it is recorded (id)", "この回の会合レコード（収録済みの場合、ID）"))

    @model_validator(mode="after")
    def _dates_fit(self) -> "Edition":
        if self.start is not None and self.start.year != self.year:
            raise ValueError(f"start: {self.start} is not in the year {self.year} of this edition")
        if self.end is not None and (self.start is None or self.end < self.start):
            raise ValueError("end: give the start first, and an end on or after it")
        return self


class Series(Strict):
    forum: RecordId = Field(**_doc("Forum the series belongs to", "所属するフォーラム"))
    name: Text = Field(**_doc("Name of the series of meetings", "会合シリーズの名称"))
    description: Text | None = Field(None, **_doc("Description (Markdown)", "説明（Markdown）"))
    editions: list[Edition] = Field(default_factory=list, **_doc(
        "Every edition of the series from an official list (cite it in sources), oldest first, "
        "each with its meeting record once recorded; leave out if no official list was found",
        "公式の一覧に基づくシリーズの全回（古い順。一覧を出典に記載）。収録済みの回には会合レコードを付す。"
        "公式の一覧が見つからない場合は省略"))
    sources: Sources


# ---------------------------------------------------------------------------------------
# party, topic
# ---------------------------------------------------------------------------------------
class Party(Strict):
    name: Text = Field(**_doc("Name", "名称"))
    kind: Literal["country", "economy", "organization"] = Field(**_doc(
        "country, economy (an APEC member economy that is not a country) or organization",
        "国、エコノミー（国でないAPECメンバー）、または 機関"))
    iso: str | None = Field(None, **_doc(
        "ISO 3166-1 alpha-2 code (countries and economies)", "ISO 3166-1 alpha-2 コード（国・エコノミー）"))
    url: str | None = Field(None, pattern=r"^https?://", **_doc("Official website", "公式ウェブサイト"))
    sources: Sources

    _iso = field_validator("iso")(lambda v: v if v is None else _country(v))

    @model_validator(mode="after")
    def _country_has_iso(self) -> "Party":
        if self.kind == "country" and not self.iso:
            raise ValueError("iso: a country needs its ISO 3166-1 alpha-2 code")
        return self


class Topic(Strict):
    name: Text = Field(**_doc("Name", "名称"))
    broader: list[RecordId] = Field(default_factory=list, **_doc(
        "Broader topics (ids)", "上位のトピック（ID）"))
    description: Text | None = Field(None, **_doc("Scope note (Markdown)", "説明（Markdown）"))
    sources: Sources


# ---------------------------------------------------------------------------------------
# process
# ---------------------------------------------------------------------------------------
class Process(Strict):
    """An initiative or negotiation track that runs across meetings, forums and years."""

    name: Text = Field(**_doc("Name of the process", "プロセスの名称"))
    short: Text | None = Field(None, **_doc("Short name or abbreviation (HAIP, DFFT)", "略称（HAIP、DFFT など）"))
    aliases: list[str] = Field(default_factory=list, **_doc(
        "Other names and abbreviations readers search for", "検索に使われる別名・略語"))
    forums: list[RecordId] = Field(min_length=1, **_doc("Forums involved (ids)", "関わるフォーラム（ID）"))
    start: dt.date = Field(**_doc("When it began: the first meeting or document of the process",
                                  "開始日：プロセスの最初の会合または文書の日付"))
    status: Literal["active", "concluded"] = Field(**_doc(
        "active (still under way) or concluded", "active（進行中）または concluded（終了）"))
    japan_role: Text | None = Field(None, **_doc(
        "Japan's part in the process, in your own words (Markdown)", "プロセスにおける日本の役割（独自の文章で、Markdown）"))
    summary: Text = _summary("What the process is and where it stands", "プロセスの概要と現状")
    notes: Notes = None
    sources: Sources


Processes = Annotated[list[RecordId], Field(default_factory=list, **_doc(
    "Processes this belongs to (ids, data/processes/)", "属するプロセス（ID、data/processes/）"))]


# ---------------------------------------------------------------------------------------
# meeting
# ---------------------------------------------------------------------------------------
MeetingKind = Literal[
    "summit", "ministerial", "senior-officials", "working-group", "conference",
    "bilateral-talks", "signing",
]
JapanRole = Literal["host", "chair", "co-chair", "participant", "signatory", "observer"]


class Place(Strict):
    city: Text | None = Field(None, **_doc("City", "都市"))
    country: str | None = Field(None, **_doc(
        "ISO 3166-1 alpha-2 code of the country (JP, US…)", "国の ISO 3166-1 alpha-2 コード（JP、US…）"))
    virtual: bool = Field(False, **_doc("Held online", "オンライン開催"))

    _country = field_validator("country")(lambda v: v if v is None else _country(v))

    @model_validator(mode="after")
    def _somewhere(self) -> "Place":
        if not self.country and not self.virtual:
            raise ValueError("country: give the country, or `virtual: true` for an online meeting")
        return self


class Representative(Strict):
    name: Text = Field(**_doc("Name, as the source writes it", "氏名（出典の表記どおり）"))
    title: Text = Field(**_doc("Title or office at the time (e.g. Minister for Internal Affairs and Communications)",
                               "当時の役職（例：総務大臣）"))


class Meeting(Strict):
    forum: RecordId = Field(**_doc("Forum (id)", "フォーラム（ID）"))
    series: RecordId | None = Field(None, **_doc("Series of meetings (id)", "会合シリーズ（ID）"))
    kind: MeetingKind = Field(**_doc("Kind of engagement", "会合の種類"))
    title: Text = Field(**_doc("Official title", "正式名称"))
    title_unofficial: TitleUnofficial
    start: dt.date = Field(**_doc("First day, YYYY-MM-DD", "開始日（YYYY-MM-DD）"))
    end: dt.date | None = Field(None, **_doc("Last day, if not the first", "終了日（複数日の場合）"))
    status: Literal["held", "planned"] = Field("held", **_doc(
        "held, or planned: announced (date and place from a source) but not yet held",
        "held（開催済み）または planned（予定：日程と開催地が出典で発表済み）"))
    place: Place | None = Field(None, **_doc("Where it took place", "開催地"))
    host: RecordId | None = Field(None, **_doc("Host (id of a party record)", "ホスト（参加主体ID）"))
    chair: RecordId | None = Field(None, **_doc("Chair (id of a party record)", "議長（参加主体ID）"))
    parties: list[RecordId] = Field(default_factory=list, **_doc(
        "Participating parties (ids)", "参加した国・機関（ID）"))
    topics: list[RecordId] = Field(default_factory=list, **_doc("Topics (ids)", "トピック（ID）"))
    builds_on: list[RecordId] = Field(default_factory=list, **_doc(
        "Earlier meetings this one builds on (ids)", "この会合が引き継ぐ過去の会合（ID）"))
    processes: Processes
    japan_role: list[JapanRole] = Field(default_factory=list, **_doc(
        "Japan's role; a meeting with one is listed on Japan's page", "日本の役割（記入した会合は日本のページに載る）"))
    japan_represented_by: list[Representative] = Field(default_factory=list, **_doc(
        "Who represented Japan, as the source names them", "日本の代表（出典の記載どおり）"))
    summary: Text = _summary("What was decided and why it matters", "何が決まり、なぜ重要か")
    notes: Notes = None
    sources: Sources

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Meeting":
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end: the end date {self.end} is before the start date {self.start}; "
                             "end is the last day: correct one of the two dates, or leave end out "
                             "for a one-day meeting")
        return self

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start


# ---------------------------------------------------------------------------------------
# document
# ---------------------------------------------------------------------------------------
DocumentType = Literal[
    "declaration", "charter", "communique", "framework", "principles", "code-of-conduct",
    "action-plan", "memorandum-of-cooperation", "report", "strategy", "resolution",
    "recommendation", "statement", "agreement",
]
TextStatus = Literal["official", "provisional", "none"]


class TextLink(Strict):
    url: str | None = Field(None, pattern=r"^https?://", **_doc("Address of the text", "本文のURL"))
    status: TextStatus = Field(**_doc(
        "official text, provisional translation (仮訳), or none available",
        "official（正文・公式版）、provisional（仮訳）、none（なし）"))

    @model_validator(mode="after")
    def _url_matches_status(self) -> "TextLink":
        if self.status != "none" and not self.url:
            raise ValueError(f"url: a text with status '{self.status}' needs its address")
        if self.status == "none" and self.url:
            raise ValueError("status: a text with an address cannot have status 'none'")
        return self


class Texts(Strict):
    ja: TextLink | None = Field(None, **_doc("Japanese text", "日本語版"))
    en: TextLink | None = Field(None, **_doc("English text", "英語版"))


Relation = Literal["reaffirms", "advances", "narrows", "supersedes"]
COMMITMENT_REF = r"^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9]+(?:-[a-z0-9]+)*$"


class FollowUp(Strict):
    """What a later commitment does to an earlier one, and the source that says so."""

    commitment: str = Field(pattern=COMMITMENT_REF, **_doc(
        "The earlier commitment: <document id>#<commitment id>", "以前のコミットメント：<文書ID>#<コミットメントID>"))
    relation: Relation = Field(**_doc(
        "reaffirms (repeats it), advances (takes it further), narrows (keeps part of it) or supersedes (replaces it)",
        "reaffirms（再確認）、advances（前進）、narrows（縮小）、supersedes（置き換え）"))
    sources: Sources


class _CommitmentId(Strict):
    id: RecordId = Field(**_doc(
        "Id of the commitment, unique within the document (others refer to <document id>#<id>)",
        "コミットメントのID。文書内で一意（他からは <文書ID>#<ID> で参照）"))


class Commitment(Text, _CommitmentId):
    """A commitment: our own summary (ja, en) of one paragraph of the official text, never its
    sentences. It is a Text, so it reads wherever a text does; its id comes first in the file."""

    paragraph: Text | None = Field(None, **_doc(
        "Where it comes from in the official text: the paragraph's number or heading, per language",
        "公式の本文での出所：段落の番号または見出し（言語ごと）"))
    due: dt.date | None = Field(None, **_doc(
        "When it is to be done, if the text gives a date, YYYY-MM-DD", "本文に期限がある場合の期限（YYYY-MM-DD）"))
    follows: list[FollowUp] = Field(default_factory=list, **_doc(
        "Earlier commitments this one reaffirms, advances, narrows or supersedes",
        "このコミットメントが再確認・前進・縮小・置き換えする以前のコミットメント"))


class Document(Strict):
    type: DocumentType = Field(**_doc("Type of outcome document", "文書の種類"))
    title: Text = Field(**_doc(
        "Official title, exactly as the document gives it", "正式名称（文書の表記どおり）"))
    title_unofficial: TitleUnofficial
    date: dt.date | None = Field(None, **_doc(
        "Date adopted or issued, YYYY-MM-DD; leave out if no source states it",
        "採択日・公表日（YYYY-MM-DD）。出典で確認できない場合は省略"))
    adopted_at: RecordId | None = Field(None, **_doc("Meeting that adopted it (id)", "採択した会合（ID）"))
    annex_of: RecordId | None = Field(None, **_doc("Document this is an annex of (id)", "本体となる文書（附属書の場合、ID）"))
    builds_on: list[RecordId] = Field(default_factory=list, **_doc(
        "Earlier documents this one builds on (ids)", "この文書が基礎とする過去の文書（ID）"))
    processes: Processes
    parties: list[RecordId] = Field(default_factory=list, **_doc(
        "Parties that adopted or signed it (ids)", "採択・署名した国・機関（ID）"))
    topics: list[RecordId] = Field(default_factory=list, **_doc("Topics (ids)", "トピック（ID）"))
    texts: Texts | None = Field(None, **_doc("Where the text is, per language", "言語ごとの本文の所在"))
    commitments: list[Commitment] = Field(default_factory=list, **_doc(
        "Key commitments: each our own summary (ja, en) of a paragraph of the official text, with an id",
        "主なコミットメント：公式の本文の段落を独自の文章で要約したもの（ja、en）とID"))
    summary: Text = _summary("What it says and why it matters", "内容と意義")
    notes: Notes = None
    sources: Sources


# The record kinds, in the order pages and messages list them.
KINDS: dict[str, type[Strict]] = {
    "forum": Forum,
    "series": Series,
    "party": Party,
    "topic": Topic,
    "meeting": Meeting,
    "document": Document,
    "process": Process,
}
# The one kind → folder map: data/<folder>/<id>.yaml, and the pages' URL section.
FOLDERS: dict[str, str] = {
    "forum": "forums", "series": "series", "party": "parties", "topic": "topics",
    "meeting": "meetings", "document": "documents", "process": "processes",
}
KIND_OF_FOLDER: dict[str, str] = {folder: kind for kind, folder in FOLDERS.items()}

# First line of every record file: tells the contributor's editor which schema applies.
SCHEMA_HEADER = "# yaml-language-server: $schema="


def schema_line(kind: str) -> str:
    return f"{SCHEMA_HEADER}../schema/{kind}.schema.json"


def submodel(annotation: Any) -> type[BaseModel] | None:
    """The model class inside a field's annotation (`Text | None`, `list[Text]`), or None."""
    for arg in [annotation, *typing.get_args(annotation)]:
        for inner in [arg, *typing.get_args(arg)]:
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None
