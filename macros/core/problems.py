"""Problems found in the data, shaped for the people who fix them.

One line each: ``path:line:column: field: message``. The field is written as the contributor
wrote it in YAML (``place.city.en``, ``topics[2]``), never as an internal name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        label = "" if self.severity == "error" else "warning: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {label}{field}{self.message}"


def field_name(path: Iterable) -> str:
    """``("place", "city", "en")`` → ``place.city.en``; ``("topics", 2)`` → ``topics[2]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'g7'?)`` when a close match exists, else an empty string."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one choice `word` was most likely meant to be, or None."""
    choices = list(choices)
    # Short ids (`g8` for `g7`) differ by a larger share of their letters.
    cutoff = 0.5 if len(word) <= 4 else 0.6
    match = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not match:
        # Case or separator slips (`G7`, `g7_ict`) are not always "close" to difflib.
        lowered = {c.lower().replace("_", "-"): c for c in choices}
        key = word.lower().replace("_", "-")
        if key in lowered:
            match = [lowered[key]]
        else:
            # A shortened id (`cyber` for `cybersecurity`): suggest it when only one fits.
            starts = [c for low, c in lowered.items() if len(key) >= 3 and low.startswith(key)]
            match = starts if len(starts) == 1 else []
    return match[0] if match else None
