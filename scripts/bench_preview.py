"""Preview benchmark: how long an edit to one record takes to show in `python3 scripts/dev.py serve`.

    python -m scripts.bench --preview-only              # the real data, then 1,000 meetings
    python -m scripts.bench --preview-only --records 10000

In a copy of the project, `scripts/dev.py serve` is started on a free port and its first build
waited for. Then, `runs` times: one sentence is put at the start of a meeting's English summary,
and the served meeting page is fetched every 50 ms until it shows the sentence (the time
counted); the fetching goes on until the briefing print page of the meeting's forum shows it
too, which the preview writes after the other pages. The file is restored and the server left
to settle before the next run. Target: ≤ 2 s for the meeting page on the real data, ≤ 5 s at
10,000 meetings.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from macros.core import yamlio

ROOT = Path(__file__).resolve().parent.parent


def preview_project(dest: Path, data: Path | None) -> Path:
    """Make a copy of the project (`dest`, made by scripts.bench.project_copy) one that
    `scripts/dev.py serve` runs in, with a copy of `data` as its data (none when None)."""
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    if data is not None:
        shutil.copytree(data, dest / "data")
    return dest


def a_meeting(data: Path) -> str:
    """The meeting to edit: the middle one (by id) of those with an English summary."""
    ids = sorted(p.stem for p in (data / "meetings").glob("*.yaml")
                 if isinstance((yamlio.load(p.read_text(encoding="utf-8")).data.get("summary") or {}).get("en"), str))
    return ids[len(ids) // 2]


def with_sentence(text: str, sentence: str) -> str:
    """The record file with `sentence` put at the start of its English summary."""
    located = yamlio.load(text)
    line, col = located.loc(("summary", "en"))
    lines = text.splitlines(keepends=True)
    if located.starts_block(("summary", "en")):        # `en: |-`: the text starts on the next line
        line += 1
        col = len(lines[line - 1]) - len(lines[line - 1].lstrip()) + 1
    elif lines[line - 1][col - 1] in "\"'":
        col += 1
    lines[line - 1] = lines[line - 1][:col - 1] + sentence + lines[line - 1][col - 1:]
    return "".join(lines)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _when(url: str, test, limit: float, step: float = 0.05) -> float | None:
    """The moment (time.perf_counter) the page at `url` passes `test`, None after `limit` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = _fetch(url)
        if body is not None and test(body):
            return time.perf_counter()
        time.sleep(step)
    return None


def _settle(log: Path, quiet: float = 2.0, limit: float = 900) -> None:
    """Wait until the server is idle: its last word is "Reloading browsers" (a rebuild done)
    or "Serving on" (the first build done), and it has said nothing more for `quiet` seconds."""
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        size = log.stat().st_size
        said = [line for line in log.read_text(errors="replace").splitlines() if "INFO" in line or "ERROR" in line]
        if said and ("Reloading browsers" in said[-1] or "Serving on" in said[-1]):
            time.sleep(quiet)
            if log.stat().st_size == size:
                return
        time.sleep(0.2)


def preview_timing(project: Path, meeting: str, runs: int = 3, first_build_limit: float = 7200) -> dict:
    """{"first_build": s, "page": [s, …], "briefing": [s, …]} for `runs` edits of `meeting`."""
    port = _free_port()
    env = {**os.environ, "KYOCHO_VENV": os.environ.get("KYOCHO_VENV", sys.prefix)}
    log_path = project / "serve.log"
    path = project / "data" / "meetings" / f"{meeting}.yaml"
    original = path.read_text(encoding="utf-8")
    forum = yamlio.load(original).data["forum"]
    base = f"http://127.0.0.1:{port}/en/"
    page, briefing = f"{base}meetings/{meeting}/", f"{base}briefings/forums/{forum}/"
    out: dict = {"page": [], "briefing": []}
    started = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, str(project / "scripts" / "dev.py"), "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            if _when(page, lambda body: True, first_build_limit, step=0.5) is None:
                raise SystemExit(f"the preview did not start in {first_build_limit:.0f} s: see {log_path}")
            out["first_build"] = time.perf_counter() - started
            for run in range(runs):
                _settle(log_path)
                sentence = f"Preview check {run + 1} of {os.getpid()}."
                path.write_text(with_sentence(original, sentence + " "), encoding="utf-8")
                saved = time.perf_counter()
                for key, url in (("page", page), ("briefing", briefing)):
                    shown = _when(url, lambda body: sentence in body, 600)
                    if shown is None:
                        raise SystemExit(f"the edit did not reach {url} in 600 s: see {log_path}")
                    out[key].append(shown - saved)
                path.write_text(original, encoding="utf-8")
                for url in (page, briefing):
                    _when(url, lambda body: sentence not in body, 600)
        finally:
            path.write_text(original, encoding="utf-8")
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
    return out
