"""Running crawls as child processes and reading their archives, for the crawl tests.

Every crawl is its own process (Twisted's reactor cannot restart), against servers the
test starts on 127.0.0.1. Three ways to run one, all real:

* `cli`        `newsarchive crawl` exactly as cron runs it (the shipped settings);
* `fast_cli`   the same command with FAST_SETTINGS patched into `crawler.settings`
               before the CLI starts (the CLI has no `-s NAME=VALUE` option);
* `child_crawl` `crawler.runner.run_crawl(..., settings=...)` in a child Python, whose
               CrawlResult comes back as JSON.

The archive is read with plain sqlite3, so the assertions do not depend on Archive's API.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]

#: Politeness and robustness settings scaled down so a test crawl takes seconds.
FAST_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "RETRY_BACKOFF_BASE": 0.1,
    "RETRY_TIMES": 2,
    "DOWNLOAD_TIMEOUT": 2,
    "DOWNLOAD_MAXSIZE": 200_000,
    "DOWNLOAD_WARNSIZE": 100_000,
}


@dataclass
class Crawl:
    """A finished crawl process."""

    returncode: int
    stdout: str
    stderr: str
    result: dict[str, Any] | None = None  # run_crawl's CrawlResult, when run that way

    def __str__(self) -> str:
        return (f"exit {self.returncode}\n--- stdout\n{self.stdout[-3000:]}\n"
                f"--- stderr\n{self.stderr[-5000:]}")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return env


def run_process(argv: list[str], timeout: float = 120) -> Crawl:
    proc = subprocess.run(argv, cwd=ROOT, env=child_env(), capture_output=True, text=True,
                          timeout=timeout)
    return Crawl(proc.returncode, proc.stdout, proc.stderr)


def cli_argv(site_file: Path, db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "crawler.cli", "crawl", str(site_file), "--db", str(db), *args]


_FAST_CLI = """
import sys
import crawler.settings as s
for k, v in {settings!r}.items():
    setattr(s, k, v)
from crawler.cli import cli
sys.argv = {argv!r}
cli(prog_name="newsarchive")
"""

_RUN_CRAWL = """
import json
from crawler.runner import run_crawl
from pipelines.siteconfig import load_site_file
site = load_site_file({site!r})
r = run_crawl([site], {db!r}, settings={settings!r}, **{kwargs!r})
print("RESULT " + json.dumps({{"run_id": r.run_id, "status": r.status, "counts": r.counts,
                               "errors": r.errors}}, default=str))
"""


def cli(site_file: Path, db: Path, *args: str, timeout: float = 120) -> Crawl:
    """`newsarchive crawl SITE_FILE --db DB ARGS...`, shipped settings."""
    return run_process(cli_argv(site_file, db, *args), timeout=timeout)


def fast_cli(site_file: Path, db: Path, *args: str, settings: dict[str, Any] | None = None,
             timeout: float = 120) -> Crawl:
    """The real CLI with FAST_SETTINGS (and `settings`) patched into crawler.settings."""
    argv = ["newsarchive", "crawl", str(site_file), "--db", str(db), *args]
    code = _FAST_CLI.format(settings={**FAST_SETTINGS, **(settings or {})}, argv=argv)
    return run_process([sys.executable, "-c", code], timeout=timeout)


def child_crawl(site_file: Path, db: Path, settings: dict[str, Any] | None = None,
                timeout: float = 120, **kwargs: Any) -> Crawl:
    """crawler.runner.run_crawl in a child process; Crawl.result holds its CrawlResult."""
    code = _RUN_CRAWL.format(site=str(site_file), db=str(db),
                             settings={**FAST_SETTINGS, **(settings or {})}, kwargs=kwargs)
    crawl = run_process([sys.executable, "-c", code], timeout=timeout)
    for line in crawl.stdout.splitlines():
        if line.startswith("RESULT "):
            crawl.result = json.loads(line[len("RESULT "):])
    return crawl


# -- reading the archive ---------------------------------------------------------------------


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def archived(db: Path) -> dict[str, dict[str, Any]]:
    """url -> {title, published_at, authors: [names], body, site, last_seen} per article."""
    conn = _connect(db)
    try:
        rows = conn.execute("SELECT id, url, title, published_at, body, site, last_seen "
                            "FROM articles").fetchall()
        out = {}
        for article_id, url, title, published, body, site, last_seen in rows:
            names = [r[0] for r in conn.execute(
                "SELECT au.name FROM article_authors aa JOIN authors au ON au.id = aa.author_id "
                "WHERE aa.article_id = ? ORDER BY aa.position", (article_id,))]
            out[url] = {"title": title, "published_at": published, "authors": names,
                        "body": body, "site": site, "last_seen": last_seen}
        return out
    finally:
        conn.close()


def crawl_runs(db: Path) -> list[dict[str, Any]]:
    conn = _connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]
    finally:
        conn.close()
    for row in rows:
        row["errors"] = json.loads(row["errors"])
        row["sites"] = json.loads(row["sites"])
    return rows


def table_count(db: Path, table: str) -> int:
    conn = _connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = _connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
