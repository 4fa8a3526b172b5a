"""Shared fixtures: copies of the fixture data sets and a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"


def overlay(case_dir: Path, target: Path) -> None:
    """Copy a known-bad case's files over a copy of the valid data set."""
    for path in case_dir.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            dest = target / path.relative_to(case_dir)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dest)


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    return data


def build_site(project: Path, data: Path) -> Path:
    """Build the site for `data` in a copy of the project at `project`; return site/."""
    from scripts.bench import project_copy

    project_copy(project)
    if data != project / "data":
        shutil.copytree(data, project / "data")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small valid fixture data set built into a site, once per test session."""
    project = tmp_path_factory.mktemp("site-build")
    return build_site(project, VALID)
