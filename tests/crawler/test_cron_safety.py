"""Cron safety: overlapping runs, killed runs and stopped runs leave a sound archive.

Cron starts `newsarchive crawl` on a timer whether or not the last run is done, and
kills runs that take too long. These tests do that to real `newsarchive crawl`
processes against a deliberately slow local site.
"""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.webserver import NdsoftSite, SiteServer, ndsoft
from tests.crawler.webserver.harness import (ROOT, archived, child_env, cli, cli_argv, crawl_runs,
                                             integrity)

pytestmark = pytest.mark.slow

EXIT_LOCKED = 3


@pytest.fixture
def slow_ndsoft() -> Any:
    """The ndsoft site answering every request after 0.3 s: a crawl lasts a few seconds."""
    server = SiteServer(NdsoftSite(), latency=0.3).start()
    yield server
    server.stop()


def site_file(write_site_file: Any, server: SiteServer) -> Path:
    return write_site_file(server, feeds=[ndsoft.FEED_PATH], start_urls=[ndsoft.list_path(1)])


def start(site: Path, db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(cli_argv(site, db, *args), cwd=ROOT, env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_articles(server: SiteServer, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(h.path == "/news/articleView.html" and h.answered > 0 for h in server.log()) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the crawl did not fetch {count} articles in {timeout}s")


def test_two_crawls_started_together_one_runs_the_other_exits_3(
        slow_ndsoft: SiteServer, write_site_file: Any, archive_path: Path) -> None:
    site = site_file(write_site_file, slow_ndsoft)
    procs = [start(site, archive_path), start(site, archive_path)]
    outputs = [p.communicate(timeout=120) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, EXIT_LOCKED], outputs
    winner, loser = (0, 1) if procs[0].returncode == 0 else (1, 0)
    message = outputs[loser][1]
    assert message.startswith("Error: "), message
    assert f"{archive_path}.lock" in message and f"pid {procs[winner].pid}" in message, message
    assert "Traceback" not in message
    assert outputs[loser][0] == ""

    assert len(crawl_runs(archive_path)) == 1, "the refused run must not record a run"
    assert len(archived(archive_path)) == len(ndsoft.STORIES)
    assert integrity(archive_path) == "ok"
    article_hits = [h.target for h in slow_ndsoft.log() if h.path == "/news/articleView.html"]
    assert len(article_hits) == len(set(article_hits)) == len(ndsoft.STORIES), \
        "only one process crawled"


def test_a_killed_crawl_leaves_no_lock_and_the_next_run_completes_the_archive(
        slow_ndsoft: SiteServer, write_site_file: Any, archive_path: Path) -> None:
    """Cron kills a long first crawl after the newest page of articles is stored: the
    next run must still archive the older ones (and not fetch the stored ones again)."""
    site = site_file(write_site_file, slow_ndsoft)
    newest = ndsoft.NEWEST_FIRST[:ndsoft.PER_PAGE]  # list page 1 = the feed
    older = ndsoft.NEWEST_FIRST[ndsoft.PER_PAGE:]
    slow_ndsoft.site.held.update(older)  # these do not answer during the first run
    proc = start(site, archive_path)
    try:
        deadline = time.monotonic() + 60
        while not (archive_path.exists() and len(stored(archive_path)) == len(newest)):
            assert time.monotonic() < deadline and proc.poll() is None, "first run stalled"
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    assert integrity(archive_path) == "ok"
    base = slow_ndsoft.base_url.rstrip("/")
    stored_before = set(stored(archive_path))
    assert stored_before == {f"{base}/news/articleView.html?idxno={n}" for n in newest}

    slow_ndsoft.site.held.clear()
    slow_ndsoft.clear_log()
    crawl = cli(site, archive_path)
    assert crawl.returncode == 0, str(crawl)  # the lock died with the killed process
    assert integrity(archive_path) == "ok"
    refetched = {base + h.target for h in slow_ndsoft.log() if h.path == "/news/articleView.html"}
    assert not refetched & stored_before, "articles stored before the kill were fetched again"
    got = archived(archive_path)
    missing = sorted({base + ndsoft.STORIES[n].path for n in older} - set(got))
    assert not missing, f"the run after the killed one never archived {missing}"


def stored(db: Path) -> list[str]:
    try:
        return list(archived(db))
    except sqlite3.Error:  # not created yet
        return []


def test_sigterm_stops_gracefully_and_records_the_run(slow_ndsoft: SiteServer,
                                                      write_site_file: Any,
                                                      archive_path: Path) -> None:
    """A cron timeout sends SIGTERM: the run ends cleanly and says it was interrupted."""
    site = site_file(write_site_file, slow_ndsoft)
    proc = start(site, archive_path)
    wait_for_articles(slow_ndsoft, 2)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode not in (0, EXIT_LOCKED), (out, err)
    assert "Traceback" not in err, err
    runs = crawl_runs(archive_path)
    assert len(runs) == 1
    assert runs[0]["status"] == "interrupted" and runs[0]["finished_at"], runs[0]
    assert integrity(archive_path) == "ok"
    kept = set(archived(archive_path))
    # the lock went with the process: the next run works and loses nothing
    crawl = cli(site, archive_path)
    assert crawl.returncode == 0, str(crawl)
    assert kept <= set(archived(archive_path))
    assert len(crawl_runs(archive_path)) == 2
