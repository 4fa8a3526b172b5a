"""The field types every record kind shares: bilingual text, ids, source keys, notes.

Split from `models.py`, which builds the record kinds from them; both are the per-file rules
the validator, the JSON Schema and the data dictionary are derived from.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
BIBKEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_:.-]*$"
ID_RE = re.compile(ID_PATTERN)

# The site's languages, the default first: Japanese at the site root, English under /en/.
LANGS = ("ja", "en")
DEFAULT_LANG = "ja"


def doc(en: str, ja: str, **extra) -> dict:
    """Field metadata in both languages: the schema shows both to the contributor's editor."""
    return {"description": f"{en} / {ja}", "json_schema_extra": {"description_ja": ja, "description_en": en, **extra}}


def summary_field(en: str, ja: str):
    """The summary field: our own words, two to five sentences, in Markdown."""
    return Field(**doc(f"{en}, 2–5 sentences in your own words (Markdown)", f"{ja}。2〜5文、独自の文章で（Markdown）"))


RecordId = Annotated[str, Field(pattern=ID_PATTERN, **doc(
    "Id of another record: lower-case letters, digits and hyphens",
    "他のレコードのID（英小文字・数字・ハイフン）"))]
SourceKey = Annotated[str, Field(pattern=BIBKEY_PATTERN, **doc(
    "Key of an entry in data/references.bib", "data/references.bib のエントリのキー"))]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)


class Text(Strict):
    """Text in both languages. Either may be missing (the site then says so), not both."""

    ja: str | None = Field(None, **doc("Japanese text", "日本語"))
    en: str | None = Field(None, **doc("English text", "英語"))

    @model_validator(mode="after")
    def _one_language(self) -> "Text":
        if not (self.ja or "").strip() and not (self.en or "").strip():
            raise ValueError("give the text in at least one language (ja or en)")
        return self

    def get(self, lang: str) -> str | None:
        value = getattr(self, lang, None)
        return value if value and value.strip() else None

    def missing(self) -> list[str]:
        return [lang for lang in LANGS if not self.get(lang)]


def country_code(code: str) -> str:
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code (e.g. JP, US, GB)")
    return code


TitleUnofficial = Annotated[list[Literal["ja", "en"]], Field(default_factory=list, **doc(
    "Languages in which the title is our own rendering, because no official title was found",
    "公式の名称が見つからず、独自に訳出・記述した名称の言語"))]
Notes = Annotated["Text | None", Field(**doc(
    "Notes: conflicts between sources and how they were resolved (Markdown)",
    "注記：出典間の相違とその扱い（Markdown）"))]
Sources = Annotated[list[SourceKey], Field(min_length=1, **doc(
    "Keys of the sources in data/references.bib that state the facts of this record (at least one)",
    "このレコードの事実を示す出典（data/references.bib のキー、1件以上）"))]
