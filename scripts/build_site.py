"""Build the site with one MkDocs process per language, side by side on the machine's cores.

    python -m scripts.build_site            # what `python3 scripts/dev.py build` runs (strict)

`mkdocs build` alone builds the same site in one process: mkdocs-static-i18n builds Japanese,
then English inside the first build. Here the steps are the same, in this order:
1. load and check the data (build.checked) once, then write each language's generated pages in
   a process of its own, at the same time (build.write_pages);
2. one `mkdocs build` per language, in parallel, each into a folder of its own (the hooks see
   the language in the environment, write no pages and publish nothing);
3. the two folders become site/ (Japanese at the root, English under en/, as the one-process
   build lays them out);
4. the open data, Word briefings, the builder's data and the search index (build.publish).
A failure in any step stops the build with the step's own messages and leaves site/ as it was.

A build records what it was made from (.cache/site-build.json: a hash of data/, the hand-written
pages, the code, the templates, mkdocs.yml, the site's address, the day — briefings state it —
and the versions of the build's libraries). When none of that has changed and site/ is there,
the next build says so and stops; `--force` builds anyway.
"""

from __future__ import annotations

from scripts._env import ensure_dependencies

ensure_dependencies("scripts.build_site")

import argparse
import datetime as dt
import gzip
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def join_sitemaps(target: Path, other: Path) -> None:
    """Add the <url> entries of `other` to the sitemap `target` (and its .gz), as the
    one-process build lists every language's pages in one sitemap."""
    if not (target.exists() and other.exists()):
        return
    text = target.read_text(encoding="utf-8")
    more = other.read_text(encoding="utf-8")
    entries = more[more.index("<url>"):more.rindex("</urlset>")] if "<url>" in more else ""
    end = text.rindex("</urlset>")
    text = text[:end] + entries + text[end:]
    target.write_text(text, encoding="utf-8")
    with gzip.GzipFile(target.with_name(target.name + ".gz"), "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


STAMP = Path(".cache") / "site-build.json"
LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "mkdocs-static-i18n", "markdown",
             "pymdown-extensions", "pagefind", "python-docx", "lxml", "cairosvg")


def fingerprint(project: Path, site_dir: Path) -> str:
    """A hash of everything the site is made from (the generated pages are made from the data
    and the code, so they are not read)."""
    from importlib.metadata import PackageNotFoundError, version

    from macros.core.models import LANGS
    from macros.pages import GENERATED_SECTIONS

    generated = {str(project / "docs" / lang / section) for lang in LANGS for section in GENERATED_SECTIONS}
    digest = hashlib.sha256()
    files = [project / name for name in ("mkdocs.yml", "CONTRIBUTING.md", "pyproject.toml")] + [Path(__file__)]
    for top in ("data", "docs", "macros", "overrides"):
        for folder, subfolders, names in os.walk(project / top):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and os.path.join(folder, d) not in generated)
            files += [Path(folder) / name for name in sorted(names)]
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(project) if path.is_relative_to(project) else path.name).encode())
            digest.update(path.read_bytes())
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} -")
    digest.update(repr((dt.date.today().isoformat(), os.environ.get("KYOCHO_SITE_URL"), os.environ.get("KYOCHO_EDIT_URL"),
                        sys.version, str(site_dir), versions)).encode())
    return digest.hexdigest()


_kb = None   # the knowledge base the page writers inherit when they are forked


def _write_language(job: tuple[Path, str]) -> dict[str, int]:
    from macros import build
    docs_dir, lang = job
    return build.write_pages(_kb, docs_dir, langs=(lang,))


def write_languages(kb, docs_dir: Path, langs: tuple[str, ...]) -> None:
    """Each language's generated pages, written by a forked process of its own where the system
    forks (the checked knowledge base is inherited, not loaded again), else one after the other."""
    global _kb
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from macros import build
    _kb = kb
    jobs = [(docs_dir, lang) for lang in langs]
    if "fork" in multiprocessing.get_all_start_methods() and len(jobs) > 1:
        with ProcessPoolExecutor(len(jobs), mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_write_language, jobs))
    else:
        results = [build.write_pages(kb, docs_dir, langs=(lang,)) for _, lang in jobs]
    build.log.info("kyocho: %s", "; ".join(
        f"{lang}: {r['made']} pages made, {r['written']} written, {r['deleted']} deleted" for lang, r in zip(langs, results)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build_site", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project folder (default: this one)")
    parser.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    parser.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)

    from mkdocs.config import load_config

    from macros import build
    from macros.core.models import LANGS
    from macros.hooks import ONE_LANGUAGE
    from macros.urls import lang_prefix

    started = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"))
    docs_dir, site_dir = Path(config.docs_dir), Path(config.site_dir)
    stamp, made_from = project / STAMP, fingerprint(project, site_dir)
    if not args.force and (site_dir / "index.html").exists() and stamp.exists():
        last = json.loads(stamp.read_text(encoding="utf-8"))
        if last.get("fingerprint") == made_from:
            print(f"kyocho: site/ is up to date: nothing it is made from has changed since the build of "
                  f"{last.get('built', '?')} (--force builds anyway)", file=sys.stderr)
            return 0
    stamp.unlink(missing_ok=True)
    try:
        kb = build.checked(project)
    except build.DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    write_languages(kb, docs_dir, LANGS)
    print(f"kyocho: pages written ({time.perf_counter() - started:.1f} s); building "
          f"{', '.join(LANGS)} in parallel", file=sys.stderr, flush=True)

    parts = site_dir.parent / f".{site_dir.name}-languages"
    shutil.rmtree(parts, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = {}
    for lang in LANGS:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
               "-d", str(parts / lang), *([] if args.no_strict else ["--strict"])]
        runs[lang] = subprocess.Popen(cmd, cwd=project, env={**env, ONE_LANGUAGE: lang})
    failed = [lang for lang, run in runs.items() if run.wait() != 0]
    if failed:
        print(f"kyocho: the {', '.join(failed)} build failed (its messages are above); site/ is unchanged",
              file=sys.stderr)
        shutil.rmtree(parts, ignore_errors=True)
        return 1

    # Each process wrote its language where the one-process build puts it: the default
    # language at the root of its folder, the others under <lang>/.
    default, *others = LANGS
    shutil.rmtree(site_dir, ignore_errors=True)
    # Its 404 page and its copy of the assets stay out; its sitemap entries join the default's.
    os.replace(parts / default, site_dir)
    for lang in others:
        os.replace(parts / lang / lang_prefix(lang).strip("/"), site_dir / lang_prefix(lang).strip("/"))
        join_sitemaps(site_dir / "sitemap.xml", parts / lang / "sitemap.xml")
    shutil.rmtree(parts, ignore_errors=True)

    build.publish(project, site_dir, config.site_url)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"fingerprint": made_from, "built": time.strftime("%Y-%m-%d %H:%M")}), encoding="utf-8")
    print(f"kyocho: site built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
