"""One entry point for a fresh machine: creates .venv, installs the pinned dependencies, runs.

    python3 scripts/dev.py serve     # preview both languages at http://127.0.0.1:8000/ (an edit
                                     # to data/ shows in about a second; see the architecture page)
    python3 scripts/dev.py build     # build the site into site/ (strict; both languages in parallel)
    python3 scripts/dev.py test      # run the test suite

Only the standard library is used here, so it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KYOCHO_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["dependencies"] + project["optional-dependencies"]["test"]


def ensure_env() -> None:
    """Create the virtual environment and install what pyproject.toml asks for, once."""
    reqs = requirements()
    stamp = VENV / ".kyocho-requirements"
    digest = hashlib.sha256("\n".join(reqs).encode()).hexdigest()
    if PY.exists() and stamp.exists() and stamp.read_text() == digest:
        return
    if not PY.exists():
        print(f"creating {VENV.name}/ …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing dependencies …", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *reqs], check=True)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("serve", "build", "test"):
        print(__doc__)
        return 2
    ensure_env()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    command, rest = argv[0], argv[1:]
    if command == "serve":
        # Each language's site is kept in one process and rendered again page by page after an
        # edit (scripts/serve.py); the build stays strict.
        cmd = [str(PY), "-m", "scripts.serve", *rest]
    elif command == "build":
        # One MkDocs process per language, in parallel (`mkdocs build --strict` builds the same
        # site in one process).
        cmd = [str(PY), "-m", "scripts.build_site", *rest]
    else:
        cmd = [str(PY), "-m", "pytest", *rest]
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
