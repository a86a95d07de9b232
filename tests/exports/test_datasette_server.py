"""A real datasette server started by `newsarchive serve` on 127.0.0.1, checked through its
JSON API and, once, through headless Chromium (Debian's `chromium`, installed by `make`)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipelines.record import Article
from pipelines.store.archive import Archive
from tests.exports.conftest import SYNTH, synthetic_articles

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def fetch_json(base: str, path: str) -> object:
    status, text = fetch(base, path)
    assert status == 200, text
    return json.loads(text)


@pytest.fixture(scope="module")
def server(archive_template, tmp_path_factory):
    """`newsarchive serve` (the click command) on a live copy of the fixture archive."""
    db = tmp_path_factory.mktemp("serve") / "archive.db"
    shutil.copy(archive_template, db)
    port = free_port()
    log = open(db.with_name("serve.log"), "w+")
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from crawler.cli_exports import serve; "
         "serve(sys.argv[1:], prog_name='newsarchive serve')",
         "--db", str(db), "--port", str(port), "--host", "127.0.0.1"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(base, "/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"datasette did not start: {log.read()}")
            time.sleep(0.2)
        yield base, db
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def search(base: str, query: str, **filters: str) -> list[dict]:
    args = urllib.parse.urlencode({"_search": query, "_shape": "objects", **filters})
    return fetch_json(base, "/archive/articles.json?" + args)["rows"]


def test_serves_datasette_065_with_the_plugins(server):
    base, _ = server
    versions = fetch_json(base, "/-/versions.json")
    assert versions["datasette"]["version"].startswith("0.65.")
    plugins = fetch_json(base, "/-/plugins.json")
    assert "datasette-dashboards" in {p["name"] for p in plugins}
    ours = {hook for p in plugins if p["name"] == "newsarchive" for hook in p["hooks"]}
    assert {"prepare_connection", "filters_from_request", "render_cell"} <= ours


@pytest.mark.parametrize("query, expected_title", [
    ("서초구", synthetic_articles()[0].title),     # 서초구 inside 서초구는
    ("규제", synthetic_articles()[0].title),       # two syllables inside 규제자유특구
    ("재건축", synthetic_articles()[1].title),
])
def test_korean_search_through_the_json_api(server, query, expected_title):
    base, _ = server
    assert expected_title in [r["title"] for r in search(base, query, site="synth")]
    hits = fetch_json(base, "/archive/search_articles.json?_shape=array&"
                      + urllib.parse.urlencode({"q": query, "site": "synth"}))
    assert expected_title in [h["title"] for h in hits]
    assert all(f"[{query}]" in h["snippet"] for h in hits if h["title"] == expected_title)


def test_facets_and_canned_query(server):
    base, _ = server
    data = fetch_json(base, "/archive/articles.json?_extra=facet_results&_size=0")
    sites = {v["value"]: v["count"] for v in data["facet_results"]["site"]["results"]}
    assert sites["synth"] == 3
    assert data["facet_results"]["authors"]["results"]
    per_day = fetch_json(base, "/archive/articles_per_site_per_day.json?_shape=array")
    assert {"day": "2025-04-02", "site": "synth", "articles": 1} in per_day


def test_teaser_links(server):
    base, db = server
    with Archive(db, readonly=True) as ar:
        first = ar.get_article(SYNTH + "1")
        second = ar.get_article(SYNTH + "2")
    edges = fetch_json(base, f"/archive/teaser_links.json?_shape=array&article_id={first['id']}")
    out = {e["target_id"] for e in edges if e["direction"] == "out"}
    into = {e["source_id"] for e in edges if e["direction"] == "in"}
    assert second["id"] in out and None in out  # one teaser is not archived
    assert second["id"] in into
    status, page = fetch(base, f"/archive/articles/{first['id']}")
    assert status == 200
    assert f'class="na-teaser" href="/archive/articles/{second["id"]}"' in page
    assert f'class="na-teased-by-link" href="/archive/articles/{second["id"]}"' in page


def test_serving_is_live_while_a_crawl_writes(server):
    base, db = server
    with Archive(db) as ar:
        ar.store_article(Article(url="https://live.example.kr/1", site="live",
                                 title="방금 들어온 속보", body="실시간 속보가 도착했다."),
                         capture_id=None, seen_at=datetime.now(timezone.utc))
    assert [r["title"] for r in search(base, "속보")] == ["방금 들어온 속보"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: `make test` installs Debian's chromium package"
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}", *args],
        capture_output=True, text=True, timeout=60)


def test_headless_chromium_article_page_and_search_page(server, tmp_path):
    base, db = server
    with Archive(db, readonly=True) as ar:
        first = ar.get_article(SYNTH + "1")
    article_url = f"{base}/archive/articles/{first['id']}"
    dom = chromium(tmp_path, "--dump-dom", article_url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    assert first["title"].replace('"', "&quot;") in page or first["title"] in page
    body = page.split('<div class="na-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 2 and "이모지 😀🇰🇷" in body
    assert "김서초" in page and "이특파" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # a teaser title, escaped
    assert "<script>alert" not in page

    shot = tmp_path / "shot.png"
    result = chromium(tmp_path, "--window-size=1200,1400", f"--screenshot={shot}", article_url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    search_url = f"{base}/archive/articles?" + urllib.parse.urlencode({"_search": "규제"})
    dom = chromium(tmp_path, "--dump-dom", search_url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'value="규제"' in dom.stdout  # the search box keeps the query
    assert "search matches" in dom.stdout
    assert f'href="/archive/articles/{first["id"]}"' in dom.stdout
    assert "반포동 재건축 속도" not in dom.stdout  # non-matching article not listed
