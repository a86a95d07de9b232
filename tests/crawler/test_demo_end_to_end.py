"""The whole product on the demo site: a real crawl (the CLI in a subprocess) into SQLite.

The demo site knows its own ground truth (crawler.demo.content), so the archive can be
checked exactly: every article once, with the right title, dates, authors and body, and
its teasers stored; a second crawl adds nothing.
"""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo.content import ARTICLES, expected_records
from crawler.demo.server import DemoServer

ROOT = Path(__file__).resolve().parents[2]
SITE_FILE = ROOT / "crawler" / "demo" / "site.yaml"


def run_cli(*args, timeout=240):
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One demo server, two crawls of it into one archive; yields what each saw."""
    db = tmp_path_factory.mktemp("e2e") / "archive.db"
    with DemoServer() as server:
        first = run_cli("crawl", str(SITE_FILE), "--base-url", server.base_url, "--db", str(db),
                        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0")
        first_requests = dict(server.requests)
        server.requests.clear()
        second = run_cli("crawl", str(SITE_FILE), "--base-url", server.base_url, "--db", str(db),
                         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0")
        second_requests = dict(server.requests)
        base_url = server.base_url
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    yield {
        "db": db, "conn": conn, "base_url": base_url, "first": first, "second": second,
        "first_requests": first_requests, "second_requests": second_requests,
    }
    conn.close()


def article_rows(conn):
    return {row["url"]: row for row in conn.execute("select * from articles")}


def test_first_crawl_succeeds_and_prints_a_summary(crawled):
    first = crawled["first"]
    assert first.returncode == 0, first.stderr
    assert f"articles new {len(ARTICLES)}" in first.stdout
    assert "pages fetched" in first.stdout


def test_archive_holds_exactly_the_demo_articles(crawled):
    rows = article_rows(crawled["conn"])
    expected = {e["url"]: e for e in expected_records(crawled["base_url"])}
    assert set(rows) == set(expected)
    for url, exp in expected.items():
        row = rows[url]
        assert row["title"] == exp["title"], url
        assert row["subtitle"] == exp["subtitle"], url
        assert row["section"] == exp["section"], url
        assert row["published_at"] == exp["published_at"], url
        assert row["modified_at"] == exp["modified_at"], url
        assert row["body"] == exp["body"], url


def test_authors_with_roles_and_emails(crawled):
    conn = crawled["conn"]
    expected = {e["url"]: e["authors"] for e in expected_records(crawled["base_url"])}
    for url, authors in expected.items():
        got = [
            {"name": r["name"], "role": r["role"], "email": r["email"]}
            for r in conn.execute(
                "select au.name, aa.role, au.email from article_authors aa "
                "join authors au on au.id = aa.author_id join articles a on a.id = aa.article_id "
                "where a.url = ? order by aa.position", [url])
        ]
        assert got == authors, url


def test_teasers_are_stored_and_linked_to_archived_articles(crawled):
    conn = crawled["conn"]
    total = conn.execute("select count(*) from teasers").fetchone()[0]
    assert total >= 5 * len(ARTICLES)
    linked = conn.execute("select count(*) from teasers where target_article_id is not null").fetchone()[0]
    unlinked = [r[0] for r in conn.execute(
        "select t.url from teasers t where t.target_article_id is null")]
    archived = set(article_rows(conn))
    assert linked > 0
    assert not [u for u in unlinked if u in archived], "teasers of archived articles must be linked"
    # no article teases itself
    assert conn.execute("select count(*) from teasers where target_article_id = article_id").fetchone()[0] == 0


def test_raw_pages_are_kept_for_every_article(crawled):
    conn = crawled["conn"]
    n = conn.execute("select count(*) from articles where capture_id is null").fetchone()[0]
    assert n == 0


def test_second_crawl_duplicates_nothing_and_refetches_no_article(crawled):
    second = crawled["second"]
    assert second.returncode == 0, second.stderr
    conn = crawled["conn"]
    assert conn.execute("select count(*) from articles").fetchone()[0] == len(ARTICLES)
    assert conn.execute("select count(*) from article_versions").fetchone()[0] == 0
    assert conn.execute("select count(distinct url) from captures").fetchone()[0] == len(ARTICLES)
    refetched = [p for p in crawled["second_requests"] if "article.html?no=" in p or "articleView" in p]
    assert refetched == []
    runs = conn.execute("select status, new, pages_fetched from crawl_runs order by id").fetchall()
    assert [(r["status"], r["new"]) for r in runs] == [("ok", len(ARTICLES)), ("ok", 0)]
    assert runs[1]["pages_fetched"] < runs[0]["pages_fetched"] / 4


def test_robots_disallowed_path_never_fetched(crawled):
    assert not [p for p in crawled["first_requests"] if p.startswith("/admin")]


def test_search_finds_a_demo_article(crawled):
    title = ARTICLES[0].title
    word = next(w for w in title.split() if len(w) >= 2 and "'" not in w)
    result = run_cli("search", word, "--db", str(crawled["db"]), "--json")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(h["title"] == title for h in hits)


def test_reparse_with_the_same_extractor_changes_nothing(crawled):
    """No site file names the demo server's host: the re-parse must keep the crawl's
    site name and find every article unchanged (it once 'refreshed' all 52)."""
    conn = crawled["conn"]
    before = conn.execute("select id, site, section, published_at, author_names from articles "
                          "order by id").fetchall()
    result = run_cli("reparse", "--db", str(crawled["db"]))
    assert result.returncode == 0, result.stderr
    assert (f"{len(ARTICLES)} articles" in result.stdout and "0 changed, 0 with new metadata "
            f"only, {len(ARTICLES)} unchanged, 0 failed" in result.stdout), result.stdout
    after = conn.execute("select id, site, section, published_at, author_names from articles "
                         "order by id").fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
