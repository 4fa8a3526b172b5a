"""The README's build (`python3 scripts/dev.py build` → scripts.build_site): one MkDocs process
per language in parallel, giving the site that `mkdocs build` gives in one process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import INVALID, ROOT, VALID, overlay


def build_in_parallel(project: Path, data: Path) -> subprocess.CompletedProcess:
    from scripts.bench import project_copy

    project_copy(project)
    shutil.copytree(data, project / "data")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "scripts.build_site", "--project", str(project)],
                          cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def parallel_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("parallel-build")
    result = build_in_parallel(project, VALID)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_the_parallel_build_writes_the_same_files_as_one_mkdocs_build(parallel_site, fixture_site):
    assert files(parallel_site) == files(fixture_site)
    assert not (parallel_site.parent / ".site-languages").exists()   # its working folder is gone
    page = "en/meetings/g7-2016-ict-ministers-takamatsu/index.html"
    assert (parallel_site / page).read_text(encoding="utf-8") == (fixture_site / page).read_text(encoding="utf-8")


def test_the_sitemap_lists_both_languages_and_the_404_page_is_the_default_language(parallel_site):
    sitemap = (parallel_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "meetings/g7-2016-ict-ministers-takamatsu/</loc>" in sitemap
    assert "en/meetings/g7-2016-ict-ministers-takamatsu/</loc>" in sitemap
    assert sitemap.count("<url>") == sitemap.count("</url>") and sitemap.rstrip().endswith("</urlset>")
    assert '<html lang="ja"' in (parallel_site / "404.html").read_text(encoding="utf-8")


def test_bad_data_stops_the_build_with_the_problems_and_leaves_no_site(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    overlay(INVALID / "bad-country", data)
    project = tmp_path / "project"
    project.mkdir()
    result = build_in_parallel(project, data)
    assert result.returncode == 1
    expected = (INVALID / "bad-country" / "expected.txt").read_text(encoding="utf-8").split("\n")[0]
    assert expected.split(": ", 1)[1] in result.stderr     # the problem, as the validator words it
    assert not (project / "site").exists()


def test_a_second_build_with_nothing_changed_stops_and_an_edit_builds_again(parallel_site):
    project = parallel_site.parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "-m", "scripts.build_site", "--project", str(project)]
    page = parallel_site / "en" / "meetings" / "g7-2016-ict-ministers-takamatsu" / "index.html"
    before = page.stat().st_mtime_ns
    again = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, env=env)
    assert again.returncode == 0 and "site/ is up to date" in again.stderr
    assert page.stat().st_mtime_ns == before
    record = project / "data" / "meetings" / "g7-2016-ict-ministers-takamatsu.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Takamatsu", "Takamatsu city", 1), encoding="utf-8")
    edited = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, env=env)
    assert edited.returncode == 0 and "up to date" not in edited.stderr, edited.stderr
    assert "site built" in edited.stderr
