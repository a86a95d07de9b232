"""A tiny run of the crawl benchmark's machinery: the generated site, its server, a
bare and a full crawl in child processes, and the table. Figures only, no timing
assertions (the machine's load decides those)."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from benchmarks.crawl import report, run_one
from benchmarks.crawl_site import BenchSite, SiteServer, build_site, free_port, route

PAGES = 30


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BenchSite:
    return build_site(PAGES, free_port(0), tmp_path_factory.mktemp("site"))


@pytest.fixture(params=["nginx", "python"])  # function scope: the port is free again after
def server(request: pytest.FixtureRequest, site: BenchSite):
    srv = SiteServer(site, prefer_nginx=request.param == "nginx")
    with srv:
        yield srv


def fetch(site: BenchSite, target: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(site.base_url.rstrip("/") + target, timeout=10) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, "", b""


def test_article_pages_are_60_to_90_kb_with_teasers(site: BenchSite) -> None:
    pages = sorted((site.root / "a").glob("*.html"))
    assert len(pages) == PAGES
    for page in pages:
        body = page.read_bytes()
        assert 60_000 <= len(body) <= 90_000, (page.name, len(body))
        assert len(set(re.findall(rb'href="(/news/article\.html\?no=\d+)"', body))) >= 20


@pytest.mark.parametrize("target, expected", [
    ("/news/article.html?no=100003", "a/100003.html"),
    ("/news/article_list_all.html", "l/all/1.html"),
    ("/news/article_list_all.html?page=2", "l/all/2.html"),
    ("/news/section_list_all.html?sec_no=12&page=1", "l/12/1.html"),
    ("/sitemap.xml", "sitemap.xml"),
    ("/news/article.html?no=x", None),
])
def test_route(target: str, expected: str | None) -> None:
    assert route(target) == expected


def test_servers_answer_every_route_alike(site: BenchSite, server: SiteServer) -> None:
    for target in ("/news/article.html?no=100001", "/news/article_list_all.html",
                   "/news/section_list_all.html?sec_no=11", "/sitemap.xml", "/robots.txt",
                   "/data/rss/news.xml"):
        status, ctype, body = fetch(site, target)
        rel = route(target)
        assert status == 200 and body == (site.root / rel).read_bytes(), target
        assert "charset=utf-8" in ctype
    assert fetch(site, "/news/article.html?no=1")[0] == 404
    sitemap = (site.root / "sitemap.xml").read_text()
    assert sitemap.count("<loc>") == PAGES and site.base_url in sitemap


def test_a_small_benchmark_run_produces_figures(site: BenchSite, tmp_path: Path) -> None:
    with SiteServer(site) as srv:
        results = [run_one("bare", site.base_url, tmp_path, site.total_pages),
                   run_one("ours", site.base_url, tmp_path, site.total_pages, workers=1)]
    bare, ours = results
    for r in results:
        assert r["responses"] == site.total_pages, r
        assert r["elapsed"] > 0 and r["peak_rss_mb"] > 0
        assert [s["mark"] for s in r["samples"]] == [0.1, 0.5, 1.0]
    assert ours["stored"] == PAGES and ours["status"] == "ok"
    assert ours["counts"]["new"] == PAGES
    assert ours["children_cpu_s"] > 0, "extraction ran in the worker process"
    table = report(results, site, srv.kind)
    rows = {line.split()[0]: line for line in table.splitlines() if line.startswith(("bare", "ours"))}
    assert set(rows) == {"bare", "ours-w1"}
    assert re.search(r"\d+\.\d+\s+\d\.\d\d", rows["ours-w1"]), rows["ours-w1"]
    # which thread of the crawl process spends the CPU (30 pages: the writer may round to 0)
    threads = ours["thread_cpu_s"]
    assert threads["MainThread"] > 0, threads
    assert any(name.startswith("archive-writer") for name in threads), threads
    assert re.search(r"^threads of ours-w1, CPU ms/page: .*MainThread \d+\.\d\d", table, re.M)
    # the collector's time is counted (the crawl collects at least once: the extension's
    # collect before it freezes the heap)
    assert ours["gc_collections"] >= 1 and ours["gc_cpu_s"] >= 0, ours
    assert re.search(r"^garbage collections in ours-w1's crawl process: \d+, \d+\.\d\d s", table,
                     re.M)


def test_a_traced_run_writes_its_time_line(site: BenchSite, tmp_path: Path) -> None:
    from benchmarks.crawl_trace import COLUMNS

    trace = tmp_path / "ours.tsv"
    with SiteServer(site):
        r = run_one("ours", site.base_url, tmp_path, site.total_pages, workers=1, trace=trace)
    assert r["responses"] == site.total_pages
    lines = trace.read_text().splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    rows = [dict(zip(COLUMNS, map(float, line.split("\t")))) for line in lines[1:]]
    assert rows, "sampled at least once"
    assert all(row["rss_mb"] > 20 for row in rows)
    # every queue was readable (a Scrapy upgrade that moves one shows as -1)
    assert all(min(row.values()) >= 0 for row in rows), rows[-1]
    assert rows[-1]["responses"] <= site.total_pages
    assert [row["t"] for row in rows] == sorted(row["t"] for row in rows)


def test_median_summary_takes_ratios_within_each_round() -> None:
    from benchmarks.crawl import median_summary

    def run(kind: str, rate: float, workers: int = 0) -> dict:
        return {"kind": kind, "workers": workers, "responses": int(rate * 10), "elapsed": 10.0}

    rounds = [[run("bare", 200), run("ours", 100, 1)],
              [run("bare", 100), run("ours", 40, 1)],
              [run("bare", 300), run("ours", 90, 1)]]
    text = median_summary(rounds)
    assert "median over 3 rounds" in text
    ours = next(line for line in text.splitlines() if line.startswith("ours-w1"))
    # per round 0.50, 0.40, 0.30: the median is 0.40 (not 90/200 from pooled medians)
    assert "/ceiling 0.40 [0.50, 0.40, 0.30]" in ours
    assert "90.0 pages/s" in ours
