"""Scale benchmark: build N synthetic meetings and compare with plain builds, in one run.

    python -m scripts.bench --records 1000
    python -m scripts.bench --records 1000 10000     # several sizes, plus the scaling ratio

For each N it generates N meetings (each with one outcome document), 20 topics, 10 forums and
30 parties in a temporary project, then measures, each in a fresh process:
  full     — the project's build (`python3 scripts/dev.py build`, i.e. scripts.build_site): load,
             validate, generate, one MkDocs process per language in parallel, open data, Word
             files, builder data, Pagefind; from cold (no cached Word files)
  rebuild  — the same again with nothing changed
  one      — `mkdocs build` (both languages in one process through mkdocs-static-i18n), cold
  i18n     — the same config and the same (already generated) pages without the data layer
  plain    — the same generated Markdown built by plain mkdocs-material (no plugins, no hooks)
  Hugo     — the same generated pages through Debian's `hugo` with a minimal template, where it
             is installed (a reference line, not a dependency)
--targets-only skips `one` and `i18n` (what the targets do not need; 10,000 meetings take long).
It prints seconds, peak memory (the resident memory of all the build's processes together,
sampled every 0.25 s) and page count. Targets live here, not in tests: full ≤ 1.5× plain
Material (aim ≤ 1.0×), ≤ 2 GiB peak at 10,000 meetings, time(10k)/time(1k) ≤ 11, rebuild ≤ 0.5×
full.

Search (skipped with --no-search, or with a note where Chromium or Playwright is missing):
the Pagefind index size per language, and the time from typing to the first visible result,
in the header box's suggestions and on the search page, once the index is warm (median of
the queries in SEARCH_QUERIES, measured in the page). Target: ≤ 0.3 s at 1,000 meetings.

Preview (skipped with --no-preview; --preview-only skips everything else): on the real data
and at each N, the seconds from saving an edit to a meeting's summary until
`python3 scripts/dev.py serve` serves the meeting page with it, and the briefing print page of
its forum, `--runs` times (scripts/bench_preview.py). 10,000 meetings takes long: it is measured
only when asked for (`--records 10000`).
"""

from __future__ import annotations

from scripts._env import ensure_dependencies

ensure_dependencies("scripts.bench")

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_WRAPPER = textwrap.dedent("""
    import json, os, resource, subprocess, sys, threading, time

    def tree_rss(root):
        # Resident memory of `root` and all its descendants, from /proc (Linux): a build that
        # runs one process per language holds both at once.
        parent, rss = {}, {}
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    stat = open(f"/proc/{pid}/stat").read()
                    parent[int(pid)] = int(stat.rsplit(")", 1)[1].split()[1])
                    rss[int(pid)] = int(open(f"/proc/{pid}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, ValueError, IndexError):
                    pass
        total = 0
        for pid in rss:
            p = pid
            while p and p != root:
                p = parent.get(p, 0)
            if p == root:
                total += rss[pid]
        return total

    t = time.perf_counter()
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.25)
    threading.Thread(target=sample, daemon=True).start()
    out, err = proc.communicate()
    dt = time.perf_counter() - t
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"seconds": dt, "peak": max(peak[0], largest), "largest": largest,
                      "rc": proc.returncode, "err": err[-2000:]}))
""")


def measure(cmd: list[str], cwd: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], cwd=cwd, capture_output=True,
                         text=True, env=env, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"build failed in {cwd}:\n{result['err']}")
    return result


def synthesize(data: Path, n: int) -> None:
    """N valid meetings with one document each, and the records they refer to."""
    for folder in ("forums", "series", "parties", "topics", "meetings", "documents"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    (data / "references.bib").write_text(
        "@online{bench-source,\n  title = {Synthetic source},\n  url = {https://example.org/},\n}\n")
    src = "sources: [bench-source]\n"
    for i in range(10):
        (data / "forums" / f"forum-{i}.yaml").write_text(
            f"name: {{ja: フォーラム{i}, en: Forum {i}}}\nkind: organization\n{src}")
        (data / "series" / f"series-{i}.yaml").write_text(
            f"forum: forum-{i}\nname: {{ja: シリーズ{i}, en: Series {i}}}\n{src}")
    countries = ["JP", "US", "GB", "FR", "DE", "IT", "CA", "KR", "IN", "SG", "AU", "BR", "MX", "ZA", "ID",
                 "VN", "TH", "MY", "PH", "NZ", "CL", "PE", "AR", "TR", "SA", "AE", "EG", "KE", "NG", "RW"]
    for c in countries:
        (data / "parties" / f"{c.lower()}.yaml").write_text(
            f"name: {{ja: 国{c}, en: Country {c}}}\nkind: country\niso: {c}\n{src}")
    for i in range(20):
        broader = f"broader: [topic-{i // 5}]\n" if i >= 5 else ""
        (data / "topics" / f"topic-{i}.yaml").write_text(
            f"name: {{ja: トピック{i}, en: Topic {i}}}\n{broader}{src}")
    summary = ("この会合では、デジタル経済と人工知能に関する協力について議論し、成果文書を採択した。"
               "参加国は次回会合での進捗確認に合意した。")
    summary_en = ("Ministers discussed cooperation on the digital economy and artificial intelligence "
                  "and adopted an outcome document. They agreed to review progress at the next meeting.")
    for i in range(n):
        year = 1995 + i % 31
        month, day = 1 + i % 12, 1 + i % 27
        forum = i % 10
        c1, c2, c3 = countries[i % 30], countries[(i + 7) % 30], countries[(i + 13) % 30]
        builds = f"builds_on: [m-{i - 10}]\n" if i >= 10 else ""
        (data / "meetings" / f"m-{i}.yaml").write_text(
            f"forum: forum-{forum}\nseries: series-{forum}\nkind: ministerial\n"
            f"title: {{ja: 第{i}回閣僚会合, en: Ministerial Meeting No. {i}}}\n"
            f"start: {year}-{month:02d}-{day:02d}\nend: {year}-{month:02d}-{day + 1:02d}\n"
            f"place: {{city: {{ja: 都市{i % 50}, en: City {i % 50}}}, country: {c1}}}\n"
            f"host: {c1.lower()}\nparties: [{c1.lower()}, {c2.lower()}, {c3.lower()}]\n"
            f"topics: [topic-{i % 20}, topic-{(i * 7) % 20}]\n{builds}japan_role: [participant]\n"
            f"summary:\n  ja: {summary}\n  en: {summary_en}\n{src}")
        (data / "documents" / f"d-{i}.yaml").write_text(
            f"type: declaration\ntitle: {{ja: 第{i}回閣僚宣言, en: Ministerial Declaration No. {i}}}\n"
            f"date: {year}-{month:02d}-{day + 1:02d}\nadopted_at: m-{i}\n"
            f"topics: [topic-{i % 20}]\ncommitments:\n  - {{id: work-together, ja: 協力を進める。, en: Work together.}}\n"
            f"summary:\n  ja: {summary}\n  en: {summary_en}\n{src}")


SEARCH_QUERIES = {"ja": ["閣僚会合", "都市7", "閣僚宣言", "トピック3", "国JP"],
                  "en": ["Ministerial Meeting", "City 12", "Declaration", "Topic 3", "Country JP"]}
CHROMIUM = Path("/usr/bin/chromium")

# Runs in the page: type a query into a box, resolve with the milliseconds until the first
# result is visible (the box's debounce included: that is what a reader waits for).
_TIME_TO_RESULT = """async ([box, shown, query]) => {
  const input = document.querySelector(box);
  input.value = ""; input.dispatchEvent(new Event("input"));
  await new Promise(r => setTimeout(r, 300));
  const t0 = performance.now();
  input.value = query; input.dispatchEvent(new Event("input"));
  return await new Promise(resolve => {
    const check = () => { const e = document.querySelector(shown);
      if (e && e.offsetParent !== null && e.closest("[hidden]") === null) { resolve(performance.now() - t0); return true; } };
    if (!check()) new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
      .observe(document.body, {childList: true, subtree: true, attributes: true});
  });
}"""


def index_sizes(site: Path) -> dict[str, int]:
    """Bytes of the Pagefind index per language (its index, fragments and metadata files)."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    sizes = {}
    for lang in entry["languages"]:   # index/ja_….pf_index, fragment/ja_…, pagefind.ja_….pf_meta, wasm.ja.pagefind
        sizes[lang] = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file() and (
            p.name.startswith((f"{lang}_", f"pagefind.{lang}_", f"wasm.{lang}."))))
    return sizes


def search_timing(site: Path) -> dict | str:
    """Median milliseconds from typing to the first visible result, per view and language."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "skipped: Playwright is not installed (python3 scripts/dev.py test installs it)"
    if not CHROMIUM.exists():
        return f"skipped: no Chromium at {CHROMIUM}"
    import functools, statistics, threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.handle_error = lambda request, address: None   # a page left mid-fetch is not news
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page()
            for lang, prefix in (("ja", ""), ("en", "en/")):
                for view, path, box, shown in (
                        ("header", "topics/", ".md-header input[name=q]", ".kyocho-suggest [role=option]"),
                        ("page", "search/", "#kyocho-search input[name=q]", ".kyocho-result__link")):
                    page.goto(base + prefix + path)
                    page.evaluate(_TIME_TO_RESULT, [box, shown, SEARCH_QUERIES[lang][0]])   # warm the index
                    times = [page.evaluate(_TIME_TO_RESULT, [box, shown, q]) for q in SEARCH_QUERIES[lang]]
                    out[f"{view} {lang}"] = statistics.median(times)
            browser.close()
    finally:
        server.shutdown()
    return out


def project_copy(dest: Path) -> None:
    """The files a site build needs, without generated pages (shared with the tests)."""
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "macros", "overrides", "docs"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(
                "__pycache__", "meetings", "documents", "forums", "series", "topics", "parties"))
        else:
            shutil.copy(src, dest / name)


def count_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("index.html") if "pagefind" not in p.parts)


def bench(n: int, workdir: Path, search: bool = True, everything: bool = True) -> dict:
    full = workdir / f"full-{n}"
    full.mkdir()
    project_copy(full)
    synthesize(full / "data", n)
    results = {"records": n}
    # The project's build (python3 scripts/dev.py build): both languages in parallel.
    build_site = [sys.executable, "-m", "scripts.build_site", "--project", str(full)]
    results["full"] = measure(build_site, ROOT)
    results["pages"] = count_pages(full / "site")
    results["rebuild"] = measure(build_site, ROOT)          # nothing changed: pages and Word files cached
    if everything:
        shutil.rmtree(full / ".cache", ignore_errors=True)  # cold again, for the one-process build
        results["one"] = measure([sys.executable, "-m", "mkdocs", "build", "-q"], full)
    if search:
        results["index"] = index_sizes(full / "site")
        results["search"] = search_timing(full / "site")

    # Same config, pages already on disk, data layer switched off.
    nodata = workdir / f"i18n-{n}"
    shutil.copytree(full, nodata, ignore=shutil.ignore_patterns("site"))
    for lang in ("ja", "en"):  # the home pages would load the data through macros
        (nodata / "docs" / lang / "index.md").write_text("# Home\n", encoding="utf-8")
    cfg = (nodata / "mkdocs.yml").read_text(encoding="utf-8")
    (nodata / "mkdocs.yml").write_text(cfg.replace("hooks:\n  - macros/hooks.py\n", ""), encoding="utf-8")
    if everything:
        results["i18n"] = measure([sys.executable, "-m", "mkdocs", "build", "-q"], nodata)

    # Plain Material over the same Markdown (both languages as folders), nothing else.
    plain = workdir / f"plain-{n}"
    (plain / "docs").mkdir(parents=True)
    from macros.pages import GENERATED_SECTIONS
    for lang in ("ja", "en"):  # the generated pages only (hand-written ones need our templates)
        for section in GENERATED_SECTIONS:
            shutil.copytree(full / "docs" / lang / section, plain / "docs" / lang / section)
    (plain / "docs" / "index.md").write_text("# Plain\n")
    (plain / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  font: false\nplugins: []\n"
        "markdown_extensions: [attr_list, admonition, tables, toc]\nnav:\n  - index.md\n"
        "not_in_nav: |\n  /ja/\n  /en/\n")
    results["plain"] = measure([sys.executable, "-m", "mkdocs", "build", "-q"], plain)
    results["hugo"] = hugo_reference(full, workdir, n)
    return results


_HUGO_PAGE = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"


def hugo_reference(full: Path, workdir: Path, n: int) -> dict | str:
    """The same generated Markdown through Hugo with a minimal template: a floor for what a
    static build of these pages costs. Debian's `hugo` where installed; never a dependency."""
    hugo = shutil.which("hugo")
    if not hugo:
        return "skipped: Hugo is not installed (Debian: apt-get install hugo); it is a reference line only"
    from macros.pages import GENERATED_SECTIONS
    site = workdir / f"hugo-{n}"
    for lang in ("ja", "en"):
        for section in GENERATED_SECTIONS:
            target = site / "content" / lang / section
            shutil.copytree(full / "docs" / lang / section, target, ignore=shutil.ignore_patterns(".generated"))
            if (target / "index.md").exists():   # Hugo's section page; an index.md would make a bundle
                (target / "index.md").rename(target / "_index.md")
    for name in ("single", "list"):
        (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (site / "layouts" / "_default" / f"{name}.html").write_text(_HUGO_PAGE)
    (site / "hugo.toml").write_text('baseURL = "http://localhost/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                                    "[markup.goldmark.renderer]\nunsafe = true\n")
    result = measure([hugo, "--quiet", "-s", str(site)], site)
    result["pages"] = sum(1 for _ in (site / "public").rglob("index.html"))
    return result


def preview(n: int | None, workdir: Path, runs: int) -> dict:
    """The preview timing on the real data (n None) or on n synthetic meetings."""
    from scripts.bench_preview import a_meeting, preview_project, preview_timing
    name = "real" if n is None else f"synthetic-{n}"
    project = workdir / f"preview-{'real' if n is None else n}"
    project.mkdir()
    project_copy(project)
    data = ROOT / "data" if n is None else workdir / f"full-{n}" / "data"
    preview_project(project, data if data.exists() else None)
    if not (project / "data").exists():
        synthesize(project / "data", n)
    result = preview_timing(project, a_meeting(project / "data"), runs)
    result.update(data=name, meetings=len(list((project / "data" / "meetings").glob("*.yaml"))))
    print(f"preview, {name}: first build {result['first_build']:.1f} s, edit → page " +
          ", ".join(f"{s:.2f}" for s in result["page"]) + " s", file=sys.stderr, flush=True)
    return result


def seconds(row: dict, name: str) -> str:
    return f"{row[name]['seconds']:.1f} s" if name in row else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000], help="numbers of meetings")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--no-search", action="store_true", help="skip the search index and timing measurements")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview measurement")
    parser.add_argument("--preview-only", action="store_true", help="measure the preview only")
    parser.add_argument("--targets-only", action="store_true", help="skip the one-process and i18n-only builds")
    parser.add_argument("--runs", type=int, default=3, help="edits timed in each preview (default 3)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="kyocho-bench-"))
    rows, previews = [], []
    try:
        for n in [] if args.preview_only else args.records:
            rows.append(bench(n, workdir, search=not args.no_search, everything=not args.targets_only))
            r = rows[-1]
            print(f"{n} meetings: full {r['full']['seconds']:.1f} s, rebuild {r['rebuild']['seconds']:.1f} s, "
                  f"one process {seconds(r, 'one')}, i18n {seconds(r, 'i18n')}, "
                  f"plain {r['plain']['seconds']:.1f} s", file=sys.stderr, flush=True)
        for n in [] if args.no_preview else [None, *args.records]:
            previews.append(preview(n, workdir, args.runs))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if previews:
        print("| data | meetings | first build | edit → its page | edit → forum's briefing page |")
        print("|---|---:|---:|---|---|")
        for p in previews:
            print(f"| {p['data']} | {p['meetings']:,} | {p['first_build']:.1f} s | "
                  + ", ".join(f"{s:.1f}" for s in p["page"]) + " s | "
                  + ", ".join(f"{s:.1f}" for s in p["briefing"]) + " s |")
        print("\n(preview: `python3 scripts/dev.py serve`; targets ≤ 2 s on the real data, ≤ 5 s at 10,000 meetings)\n")
    if not rows:
        return 0
    print("| meetings | pages | full build | peak | rebuild | one process | i18n only | plain Material "
          "| full/plain | one/plain | rebuild/full |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        f, b, p = r["full"], r["rebuild"], r["plain"]
        one = f"{seconds(r, 'one')} ({r['one']['peak'] / 2**20:,.0f} MiB)" if "one" in r else "–"
        ratio = f"{r['one']['seconds'] / p['seconds']:.2f}×" if "one" in r else "–"
        print(f"| {r['records']:,} | {r['pages']:,} | {f['seconds']:.1f} s | {f['peak'] / 2**20:,.0f} MiB | "
              f"{b['seconds']:.1f} s | {one} | {seconds(r, 'i18n')} | "
              f"{p['seconds']:.1f} s | {f['seconds'] / p['seconds']:.2f}× | {ratio} | "
              f"{b['seconds'] / f['seconds']:.2f}× |")
    for r in rows:
        h = r["hugo"]
        print(f"\nHugo reference, {r['records']:,} meetings: " + (h if isinstance(h, str) else
              f"{h['seconds']:.1f} s for {h['pages']:,} pages (minimal template; full build / Hugo = "
              f"{r['full']['seconds'] / h['seconds']:.0f}×)"))
    for r in rows:
        if "search" not in r:
            continue
        sizes = ", ".join(f"{lang} {b / 2**20:.1f} MiB" for lang, b in r["index"].items())
        print(f"\nSearch at {r['records']:,} meetings: index {sizes}")
        if isinstance(r["search"], str):
            print(f"time to first result: {r['search']}")
        else:
            print("time to first visible result, warm (median): " + ", ".join(
                f"{k} {v:.0f} ms" for k, v in r["search"].items()) + " (target ≤ 300 ms)")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"\ntime({b['records']:,})/time({a['records']:,}) = {b['full']['seconds'] / a['full']['seconds']:.1f} "
              f"for {b['records'] / a['records']:.0f}× the records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
