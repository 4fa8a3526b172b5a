"""Kyocho's Japanese house style for text we write ourselves (summaries, notes, descriptions).

Two rules, reported as warnings at the line they occur on: no space between Japanese and
Latin text (「G7首脳」, not 「G7 首脳」), and full-width brackets （）in Japanese prose. Official
titles are copied as written and are not checked. Markdown links, web addresses and
identifiers written with brackets (document symbols such as C(98)177 or WT/MIN(15)/42) and
quotations in another language, in 「」 or （） with no Japanese inside (「Final Acts (Geneva,
1995)」: a title copied as written), keep their half-width brackets.
"""

from __future__ import annotations

import re

# Hiragana, katakana, CJK ideographs, Japanese punctuation and full-width forms.
_JA = r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]"
_LATIN = r"[A-Za-z0-9%]"
_SPACED = re.compile(rf"(?:{_JA}[ \t]+{_LATIN}|{_LATIN}[ \t]+{_JA})")
# What may keep half-width brackets: Markdown links and images, bare web addresses, document
# symbols, and a quotation with no Japanese in it.
_QUOTED = r"[「（][^「」（）\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]*[」）]"
_KEEP = re.compile(r"!?\[[^\]]*\]\((?:[^()\s]|\([^()\s]*\))*\)|https?://[!-(*-~]+|(?<=[A-Za-z0-9])\([A-Za-z0-9/ .,\-]*\)|"
                   + _QUOTED)
_BRACKET = re.compile(r"[()]")
_SPACES = re.compile(r"[ \t]+")

# Our own prose: the fields the style applies to (names of Text fields or lists of Text).
PROSE_FIELDS = ("summary", "notes", "description", "japan_role", "commitments")


def style_problems(text: str) -> list[tuple[int, str]]:
    """(offset in `text`, message) for every place the Japanese house style is broken."""
    out = []
    for m in _SPACED.finditer(text):
        seen = _around(text, m.start(), m.end())
        better = _around(text[:m.start()] + _SPACES.sub("", m.group()) + text[m.end():], m.start(), m.end() - 1)
        out.append((m.start(), f"a space between Japanese and Latin text in '{seen}': write '{better}'"))
    kept = _KEEP.sub(lambda m: "x" * len(m.group()), text)
    for m in _BRACKET.finditer(kept):
        wide = "（" if m.group() == "(" else "）"
        out.append((m.start(), f"a half-width bracket in '{_around(text, m.start(), m.end())}': "
                               f"use the full-width '{wide}' in Japanese text"))
    return sorted(out)


def _around(text: str, start: int, end: int, width: int = 6) -> str:
    """The match with a few characters either side, on its own line."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return text[max(left, start - width):min(right, end + width)]


def fixed(text: str) -> str:
    """`text` with the house style applied: spaces between Japanese and Latin removed,
    half-width brackets made full-width (Markdown links and addresses left as they are)."""
    for _ in range(5):
        kept: list[str] = []
        masked = _KEEP.sub(lambda m: kept.append(m.group()) or "\0", text)
        masked = masked.replace("(", "（").replace(")", "）")
        masked = _SPACED.sub(lambda m: _SPACES.sub("", m.group()), masked)
        masked = _SPACED.sub(lambda m: _SPACES.sub("", m.group()), masked)
        parts = iter(kept)
        new = re.sub("\0", lambda m: next(parts), masked)
        if new == text:
            return new
        text = new
    return text
