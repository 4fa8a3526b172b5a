"""Run project scripts with the project's dependencies, even from a bare `python3`.

If a dependency is missing and `.venv/` (made by `python3 scripts/dev.py …`) exists, the
script is re-run with that environment's Python; otherwise it says, in one line, what to run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PY = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
REQUIRED = ("yaml", "pydantic", "pycountry", "bibtexparser", "markdown", "nh3", "docx")


def ensure_dependencies(module: str) -> None:
    """Call before importing the core. `module` is the `-m` name, e.g. scripts.validate."""
    import importlib.util

    missing = [name for name in REQUIRED if importlib.util.find_spec(name) is None]
    if not missing:
        return
    if VENV_PY.exists() and Path(sys.executable).resolve() != VENV_PY.resolve():
        os.execv(str(VENV_PY), [str(VENV_PY), "-m", module, *sys.argv[1:]])
    sys.stderr.write(
        f"missing Python packages ({', '.join(missing)}): run `python3 scripts/dev.py test` once "
        "to create .venv with the project's dependencies, or `pip install -e .`\n")
    raise SystemExit(2)


def display_path(path: Path) -> str:
    """A path as the contributor typed it: relative to the working directory where it can be."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
