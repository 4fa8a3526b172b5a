"""The preview (`python3 scripts/dev.py serve`): an edit shows on every page that shows the
record, the pages that do not show it are left alone, and the site says what it keeps from
the start of the preview. Timings are the benchmark's business (scripts/bench.py), not these tests'."""

from __future__ import annotations

import datetime as dt
import shutil

from macros.core import load

from .conftest import VALID

TAKAMATSU = "meetings/g7-2016-ict-ministers-takamatsu.yaml"


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_reload_reads_again_only_the_edited_file(tmp_path):
    shutil.copytree(VALID, tmp_path / "data")
    data = tmp_path / "data"
    kb = load(data)
    edit(data / TAKAMATSU, "start: 2016-04-29", "start: 2016-04-28")
    again = load(data, previous=kb)
    assert again.records["meeting"]["g7-2016-ict-ministers-takamatsu"] is not kb.records["meeting"]["g7-2016-ict-ministers-takamatsu"]
    assert again.records["meeting"]["g7-2016-ict-ministers-takamatsu"].model.start == dt.date(2016, 4, 28)
    assert again.records["forum"]["g7"] is kb.records["forum"]["g7"]
    assert [str(p) for p in again.problems] == [str(p) for p in load(data).problems]
