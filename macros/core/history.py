"""When each data file last changed, from the repository's history (git), so a briefing can
say how current its data is. A file changed since the last commit (edited or new) counts as
changed today. Outside a git work tree, or without git, nothing is known and nothing is said.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def file_dates(root: Path, today: dt.date | None = None) -> dict[str, dt.date]:
    """{path relative to `root`, with forward slashes: date of its newest change}."""
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", ".")
    if log is None:
        return {}
    dates: dict[str, dt.date] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("\0"):
            when = dt.date.fromisoformat(line[1:])
        elif line and when and line not in dates:
            dates[line] = when     # the log runs newest first
    today = today or dt.date.today()
    for changed in (_git(root, "diff", "--name-only", "--relative", "HEAD", "--", ".") or "",
                    _git(root, "ls-files", "--others", "--exclude-standard") or ""):
        for line in changed.splitlines():
            if line:
                dates[line] = today
    return dates
