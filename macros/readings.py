"""Kana readings of Japanese names, so that search finds 高松 by たかまつ and the Hiroshima
Summit by ひろしまさみっと.

SudachiPy (with its core dictionary) splits a name into words and gives each word's reading
in katakana; we index the readings, word by word and joined, at build time. Latin
letters and digits (G7, AI) are kept as written, since a dictionary reading of "G" as a unit
of weight would only mislead. Nothing runs in the reader's browser.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAS_KANJI = re.compile(r"[\u3400-\u9fff々]")


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary, SplitMode  # imported when first needed: loading takes a moment

    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


@lru_cache(maxsize=4096)
def reading(text: str) -> str:
    """「ヒロシマ サミット ヒロシマサミット」 for 「G7広島サミット」: each word's reading in katakana,
    then the whole run joined; "" when the text has no kanji (its kana already is its reading).
    Katakana, because Pagefind keeps a katakana run as one word at index and at query time,
    where it splits hiragana differently; the search page turns a hiragana query into
    katakana (docs/assets/kyocho-search.js), so ひろしま finds ヒロシマ."""
    if not text or not _HAS_KANJI.search(text):
        return ""
    words = []
    for m in _tokenizer().tokenize(text):
        surface = m.surface()
        if re.fullmatch(r"[\x00-\x7f]+|[\s・、。（）「」]+", surface):
            continue
        words.append(m.reading_form())
    words = [w for w in words if w]
    return " ".join(words + ["".join(words)]) if len(words) > 1 else "".join(words)
