"""End-to-end crawls of local news sites: right, incremental, polite.

Every test starts its sites on 127.0.0.1 (tests.crawler.webserver), runs real crawls in
child processes and then compares the archive with the sites' ground truth exactly, and
the servers' request logs with what the crawl should (and should never) have fetched.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.webserver import SiteServer, Story
from tests.crawler.webserver import english, korean, ndsoft, trouble
from tests.crawler.webserver.harness import (FAST_SETTINGS, archived, child_crawl, cli,
                                             crawl_runs, fast_cli, table_count)

pytestmark = pytest.mark.slow


def expected(server: SiteServer, stories: list[Story]) -> dict[str, dict[str, Any]]:
    return {
        server.base_url.rstrip("/") + s.path: {
            "title": s.title, "published_at": s.published.isoformat(),
            "authors": list(s.authors), "body": s.body, "site": server.site.name,
        }
        for s in stories
    }


def archive_view(db: Path) -> dict[str, dict[str, Any]]:
    return {url: {k: v for k, v in row.items() if k != "last_seen"}
            for url, row in archived(db).items()}


def assert_archive(db: Path, server: SiteServer, stories: list[Story]) -> None:
    got, want = archive_view(db), expected(server, stories)
    assert sorted(got) == sorted(want), "archived article URLs differ from the site's"
    for url in want:
        assert got[url] == want[url], url


def fetched_once(server: SiteServer, paths: list[str]) -> None:
    counts = Counter(server.targets())
    twice = {p: counts[p] for p in paths if counts[p] != 1}
    assert not twice, f"expected exactly one request each, got {twice}"


# -- the article_no CMS site: feed, paginated lists, teasers, EUC-KR, tracking params ---------


def korean_site(write_site_file: Any, server: SiteServer) -> Path:
    return write_site_file(server, feeds=[korean.FEED_PATH],
                           start_urls=[korean.list_path(1, 1)])


def test_korean_site_full_crawl_then_incremental(korean_server: SiteServer,
                                                 write_site_file: Any, archive_path: Path) -> None:
    site = korean_site(write_site_file, korean_server)
    first = child_crawl(site, archive_path)
    assert first.result is not None, str(first)

    # exactly the site's articles, each fetched once (lists, feed and teasers overlap)
    stories = list(korean.STORIES.values())
    assert_archive(archive_path, korean_server, stories)
    article_paths = [s.path for s in stories]
    list_paths = [korean.list_path(sec, p) for sec in korean.SECTIONS
                  for p in range(1, korean.list_pages(sec) + 1)]
    fetched_once(korean_server, article_paths + list_paths + [korean.FEED_PATH])
    assert set(korean_server.targets()) == {"/robots.txt", korean.FEED_PATH,
                                            *list_paths, *article_paths}

    runs = crawl_runs(archive_path)
    assert [(r["status"], r["new"], r["updated"], r["unchanged"], r["failed"]) for r in runs] == [
        ("ok", len(stories), 0, 0, 0)]
    assert runs[0]["errors"] == []
    assert runs[0]["pages_fetched"] == len(korean_server.log())
    assert first.result["counts"]["new"] == len(stories)
    captures = table_count(archive_path, "captures")

    # the second run fetches discovery pages only: no article twice, nothing duplicated
    korean_server.clear_log()
    second = child_crawl(site, archive_path)
    assert second.result is not None, str(second)
    assert sorted(korean_server.targets()) == sorted(
        ["/robots.txt", korean.FEED_PATH, korean.list_path(1, 1)])
    runs = crawl_runs(archive_path)
    assert len(runs) == 2
    assert (runs[1]["status"], runs[1]["new"], runs[1]["updated"], runs[1]["unchanged"],
            runs[1]["failed"], runs[1]["pages_fetched"]) == ("ok", 0, 0, 0, 0, 3)
    assert_archive(archive_path, korean_server, stories)
    assert table_count(archive_path, "captures") == captures
    assert table_count(archive_path, "article_versions") == 0


def test_euc_kr_pages_decode_to_the_right_hangul(korean_server: SiteServer,
                                                 write_site_file: Any, archive_path: Path) -> None:
    """Pages labelled euc-kr carry CP949-only syllables (똠, 햏, 뷁): strict EUC-KR fails."""
    site = write_site_file(korean_server, feeds=[], start_urls=[korean.list_path(1, 2)])
    crawl = child_crawl(site, archive_path)
    assert crawl.result is not None, str(crawl)
    got = archived(archive_path)
    base = korean_server.base_url.rstrip("/")
    for no in sorted(korean.CP949_ARTICLES):
        story = korean.STORIES[no]
        reply = korean_server.site.respond("GET", story.path, {}, korean_server.base_url)
        assert "euc-kr" in reply.headers["Content-Type"] and reply.body.decode("cp949")
        row = got[base + story.path]
        assert (row["title"], row["body"], row["authors"]) == (
            story.title, story.body, list(story.authors))
    assert "똠방각하" in got[base + korean.STORIES[105].path]["title"]
    assert "뷁" in got[base + korean.STORIES[105].path]["body"]
    assert "햏복" in got[base + korean.STORIES[104].path]["title"]


def test_tracking_parameters_do_not_duplicate_an_article(korean_server: SiteServer,
                                                         write_site_file: Any,
                                                         archive_path: Path) -> None:
    site = korean_site(write_site_file, korean_server)
    crawl = child_crawl(site, archive_path)
    assert crawl.result is not None, str(crawl)
    tracked = korean.STORIES[korean.TRACKED]
    assert korean.TRACKING_QUERY.lstrip("&") in korean_server.site.respond(
        "GET", korean.FEED_PATH, {}, korean_server.base_url).body.decode().replace("&amp;", "&")
    requested = [t for t in korean_server.targets() if t.startswith(tracked.path)]
    assert requested == [tracked.path], "fetched once, without the trackers"
    urls = [u for u in archived(archive_path) if f"no={korean.TRACKED}" in u]
    assert urls == [korean_server.base_url.rstrip("/") + tracked.path]


# -- the English site: robots.txt, sitemap index, news sitemap, off-site, /private/ -----------


def english_site(write_site_file: Any, server: SiteServer) -> Path:
    return write_site_file(server, sitemaps=["/robots.txt"], feeds=[], start_urls=[],
                           article_patterns=[english.ARTICLE_PATTERN], language="en",
                           timezone="America/New_York")


def test_english_site_via_robots_and_sitemaps(english_server: SiteServer,
                                              write_site_file: Any, archive_path: Path) -> None:
    site = english_site(write_site_file, english_server)
    first = child_crawl(site, archive_path)
    assert first.result is not None, str(first)
    stories = list(english.STORIES.values())
    assert_archive(archive_path, english_server, stories)
    fetched_once(english_server, [s.path for s in stories])

    log = english_server.log()
    assert not [h.target for h in log if h.path.startswith("/private/")], \
        "robots.txt disallows /private/"
    assert not [h.target for h in log if not h.host.startswith("127.0.0.1:")], \
        "the off-site link (localhost) must not be followed"
    assert english.OFFSITE_PATH not in {h.path for h in log}
    discovery = {"/robots.txt", "/sitemap_index.xml", "/sitemap-articles.xml", "/sitemap-news.xml"}
    assert set(english_server.targets()) == discovery | {s.path for s in stories}
    run = crawl_runs(archive_path)[0]
    assert (run["status"], run["new"], run["failed"], run["errors"]) == ("ok", len(stories), 0, [])

    english_server.clear_log()
    second = child_crawl(site, archive_path)
    assert second.result is not None, str(second)
    assert set(english_server.targets()) == discovery
    runs = crawl_runs(archive_path)
    assert [(r["new"], r["updated"], r["failed"]) for r in runs] == [(len(stories), 0, 0),
                                                                       (0, 0, 0)]
    assert_archive(archive_path, english_server, stories)


# -- failures: redirects, 4xx, 5xx, 429, timeouts, binary and huge bodies -----------------------


def test_failures_are_recorded_and_the_exit_code_says_so(korean_server: SiteServer,
                                                         write_site_file: Any,
                                                         archive_path: Path) -> None:
    site = write_site_file(korean_server, feeds=[trouble.Trouble.FEED_PATH], start_urls=[])
    crawl = fast_cli(site, archive_path)
    assert crawl.returncode == 1, str(crawl)
    assert "Traceback" not in crawl.stderr, str(crawl)
    assert re.search(r"^  failed: http://\S+: ", crawl.stderr, re.MULTILINE), str(crawl)

    # what could be archived was: the moved story under its new URL, the retried ones
    assert_archive(archive_path, korean_server, list(trouble.STORIES.values()))
    base = korean_server.base_url.rstrip("/")
    assert base + f"/news/article.html?no={trouble.OLD_URL}" not in archived(archive_path)

    run = crawl_runs(archive_path)[0]
    assert run["status"] != "ok"
    failed_urls = {e["url"] for e in run["errors"]}
    loop = {f"{base}/news/article.html?no={n}" for n in trouble.LOOP}
    want = {f"{base}/news/article.html?no={n}" for n in trouble.FAILING if n not in trouble.LOOP}
    assert want <= failed_urls, f"not recorded as failed: {sorted(want - failed_urls)}"
    assert failed_urls & loop, "a redirect loop is a failed page, but it is not in errors"
    assert failed_urls <= want | loop, f"recorded but did not fail: {failed_urls - want - loop}"
    assert run["failed"] == len(trouble.FAILING)
    assert run["new"] == len(trouble.STORIES)


def test_server_errors_are_retried_with_backoff_and_429_waits_retry_after(
        korean_server: SiteServer, write_site_file: Any, archive_path: Path) -> None:
    site = write_site_file(korean_server, feeds=[trouble.Trouble.FEED_PATH], start_urls=[])
    crawl = child_crawl(site, archive_path)
    assert crawl.result is not None, str(crawl)

    throttled = korean_server.requests_for("/news/article.html?no=350")
    assert [h.status for h in throttled] == [429, 200]
    assert throttled[1].received - throttled[0].answered >= 1.0, "Retry-After: 1 not honoured"

    flaky = korean_server.requests_for("/news/article.html?no=340")
    assert [h.status for h in flaky] == [500, 200]
    broken = korean_server.requests_for("/news/article.html?no=341")
    assert [h.status for h in broken] == [500] * (FAST_SETTINGS["RETRY_TIMES"] + 1)
    gaps = [b.received - a.answered for a, b in zip(broken, broken[1:])]
    base = FAST_SETTINGS["RETRY_BACKOFF_BASE"]
    assert gaps[0] >= base and gaps[1] >= 2 * base, f"no exponential backoff: {gaps}"
    # a 404 or 410 is final: asking again would not change the answer
    for no in (330, 331):
        assert len(korean_server.requests_for(f"/news/article.html?no={no}")) == 1
    # the moved story: the old URL once, then the new one
    assert len(korean_server.requests_for(f"/news/article.html?no={trouble.OLD_URL}")) == 1
    assert len(korean_server.requests_for(f"/news/article.html?no={trouble.MOVED_TO}")) == 1


# -- --refresh, --max-articles, --since -------------------------------------------------------


def ndsoft_site(write_site_file: Any, server: SiteServer) -> Path:
    return write_site_file(server, feeds=[ndsoft.FEED_PATH], start_urls=[ndsoft.list_path(1)])


def test_refresh_asks_conditionally_and_counts_304_as_unchanged(
        ndsoft_server: SiteServer, write_site_file: Any, archive_path: Path) -> None:
    site = ndsoft_site(write_site_file, ndsoft_server)
    assert fast_cli(site, archive_path).returncode == 0
    stories = list(ndsoft.STORIES.values())
    assert_archive(archive_path, ndsoft_server, stories)
    validators = {}
    for story in stories:
        reply = ndsoft_server.site.respond("GET", story.path, {}, ndsoft_server.base_url)
        validators[story.path] = (reply.headers["ETag"], reply.headers["Last-Modified"])
    before = archived(archive_path)
    # one story is corrected on the site between the two runs
    old = ndsoft.STORIES[203]
    fixed = replace(old, paragraphs=(old.paragraphs[0], "행사는 다음 달 말까지로 연장됐다."))
    ndsoft_server.site.revised[203] = fixed

    ndsoft_server.clear_log()
    crawl = fast_cli(site, archive_path, "--refresh")
    assert crawl.returncode == 0, str(crawl)
    article_hits = [h for h in ndsoft_server.log() if h.path == "/news/articleView.html"]
    assert sorted(h.target for h in article_hits) == sorted(s.path for s in stories)
    for hit in article_hits:
        etag, last_modified = validators[hit.target]
        assert hit.headers.get("if-none-match") == etag, hit.target
        assert hit.headers.get("if-modified-since") == last_modified, hit.target
        assert hit.status == (200 if hit.target == fixed.path else 304), hit.target
    run = crawl_runs(archive_path)[1]
    assert (run["status"], run["new"], run["updated"], run["unchanged"], run["failed"]) == (
        "ok", 0, 1, len(stories) - 1, 0)
    assert_archive(archive_path, ndsoft_server, [fixed if s.key == 203 else s for s in stories])
    assert table_count(archive_path, "article_versions") == 1
    after = archived(archive_path)
    assert all(after[u]["last_seen"] > before[u]["last_seen"] for u in before), \
        "a 304 is a sighting of an unchanged article: last_seen should move"


@pytest.mark.parametrize("limit", [1, 3])
def test_max_articles_stops_after_n(korean_server: SiteServer, write_site_file: Any,
                                    archive_path: Path, limit: int) -> None:
    site = korean_site(write_site_file, korean_server)
    crawl = fast_cli(site, archive_path, "--max-articles", str(limit))
    assert "Traceback" not in crawl.stderr, str(crawl)
    assert len(archived(archive_path)) == limit, "--max-articles: stored more than asked"
    assert crawl_runs(archive_path)[0]["new"] == limit


def test_max_articles_is_a_limit_not_a_failure(korean_server: SiteServer, write_site_file: Any,
                                               archive_path: Path) -> None:
    """Exit codes: 1 means 'some pages failed'; stopping at a limit the user set is not that."""
    site = korean_site(write_site_file, korean_server)
    crawl = fast_cli(site, archive_path, "--max-articles", "2")
    run = crawl_runs(archive_path)[0]
    assert (run["failed"], run["errors"]) == (0, [])
    assert run["status"] == "ok"
    assert crawl.returncode == 0, str(crawl)


def test_since_skips_older_sitemap_entries(english_server: SiteServer, write_site_file: Any,
                                           archive_path: Path) -> None:
    site = english_site(write_site_file, english_server)
    since = "2025-04-06"
    crawl = fast_cli(site, archive_path, "--since", since)
    assert crawl.returncode == 0, str(crawl)
    listed = set(english.PLAIN_SITEMAP) | set(english.NEWS_SITEMAP)
    older = {s.path for k, s in english.STORIES.items() if k in listed and s.published.date().isoformat() < since}
    newer = {s.path for k, s in english.STORIES.items() if k in listed} - older
    assert older and newer
    requested = set(english_server.targets())
    assert not older & requested, f"fetched despite --since: {sorted(older & requested)}"
    assert newer <= requested
    base = english_server.base_url.rstrip("/")
    assert {base + p for p in newer} <= set(archived(archive_path))


def test_since_keeps_older_articles_out_of_the_archive(english_server: SiteServer,
                                                       write_site_file: Any,
                                                       archive_path: Path) -> None:
    """`--since`: 'Skip articles dated before this' also for articles found by teaser
    links, whose date is only known once the page is read."""
    site = english_site(write_site_file, english_server)
    since = "2025-04-06"
    crawl = fast_cli(site, archive_path, "--since", since)
    assert crawl.returncode == 0, str(crawl)
    dates = {url: row["published_at"] for url, row in archived(archive_path).items()}
    assert dates
    assert not {u: d for u, d in dates.items() if d[:10] < since}, "older articles archived"


# -- the shipped settings, through the real command ---------------------------------------------


def test_cli_crawl_with_shipped_settings_is_polite(ndsoft_server: SiteServer,
                                                   write_site_file: Any, archive_path: Path) -> None:
    site = ndsoft_site(write_site_file, ndsoft_server)
    crawl = cli(site, archive_path)
    assert crawl.returncode == 0, str(crawl)
    stories = list(ndsoft.STORIES.values())
    assert_archive(archive_path, ndsoft_server, stories)
    assert f"articles new {len(stories)}" in crawl.stdout
    log = ndsoft_server.log()
    assert all(h.headers.get("user-agent", "").startswith("newsarchive/") for h in log)
    assert "+http" in log[0].headers["user-agent"], "the User-Agent names a contact"
    fetched_once(ndsoft_server, [s.path for s in stories] + [ndsoft.FEED_PATH])
    # DOWNLOAD_DELAY 0.25 s (randomised 0.5x-1.5x), AutoThrottle on: never a burst
    times = sorted(h.received for h in log if h.path != "/robots.txt")
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.1, f"requests {min(gaps):.3f}s apart"
