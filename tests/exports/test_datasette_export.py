"""The datasette export: snapshot (also during a crawl), metadata, and the browse plugin
(Korean search box, facets, canned queries, article pages) through datasette's client."""
from __future__ import annotations

import asyncio
import html
import json
import re
import sqlite3
import threading
import urllib.parse
from datetime import datetime, timezone

import pytest
import yaml
from datasette.app import Datasette
from datasette.plugins import pm

import exports.browse
from exports import datasette_plugin
from exports.browse import paragraphs, web_url
from exports.datasette_export import QUERIES, build_metadata, export_datasette, snapshot
from pipelines.errors import ArchiveError
from pipelines.record import Article
from pipelines.store.archive import Archive
from tests.exports.conftest import PAGES, SYNTH, synthetic_articles

N_ARTICLES = len(PAGES) + len(synthetic_articles())


def register_plugins() -> None:
    # the setup.cfg entry points register these in an installed checkout; registering
    # here too keeps the tests independent of how the package was installed
    for module, name in ((datasette_plugin, "newsarchive"), (exports.browse, "newsarchive_browse")):
        if not pm.is_registered(module):
            pm.register(module, name=name)


@pytest.fixture(scope="module")
def exported(archive_template, tmp_path_factory):
    out = tmp_path_factory.mktemp("ds")
    db, meta = export_datasette(archive_template, out)
    return db, meta


@pytest.fixture(scope="module")
def ds(exported):
    register_plugins()
    db, meta = exported
    metadata = yaml.safe_load(meta.read_text(encoding="utf-8"))
    return Datasette([str(db)], immutables=[], metadata=metadata)


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def get_json(ds, path):
    response = get(ds, path)
    assert response.status_code == 200, response.text
    return response.json()


def without_size(query):
    return urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(query)
                                   if k != "_size"])


def article_id(db, url):
    with sqlite3.connect(db) as conn:
        return conn.execute("select id from articles where url = ?", (url,)).fetchone()[0]


# ------------------------------------------------------------------------------ export


def test_export_writes_a_self_contained_snapshot_and_metadata(exported, archive_template):
    db, meta = exported
    assert db.name == "archive.db" and meta.name == "metadata.yml"
    assert not db.with_name("archive.db-wal").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
        assert conn.execute("select count(*) from articles").fetchone()[0] == N_ARTICLES
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    tables = data["databases"]["archive"]["tables"]
    assert tables["articles"]["sort_desc"] == "sort_ts"
    assert {"site", "section"} <= set(f for f in tables["articles"]["facets"] if isinstance(f, str))
    assert set(QUERIES) <= set(data["databases"]["archive"]["queries"])
    assert data["plugins"]["datasette-dashboards"]["archive-activity"]["charts"]["per-site"]


def test_metadata_names_the_served_database():
    meta = build_metadata("crawl2025")
    assert list(meta["databases"]) == ["crawl2025"]
    charts = meta["plugins"]["datasette-dashboards"]["archive-activity"]["charts"]
    assert {c["db"] for c in charts.values()} == {"crawl2025"}


def test_snapshot_of_a_missing_or_foreign_file_is_an_error(tmp_path):
    with pytest.raises(ArchiveError, match="no archive"):
        snapshot(tmp_path / "none.db", tmp_path / "out.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t(x)").connection.close()
    with pytest.raises(ArchiveError, match="not a newsarchive archive"):
        snapshot(other, tmp_path / "out.db")
    assert not (tmp_path / "out.db").exists()


def test_snapshot_while_a_crawl_writes(archive_db, tmp_path):
    """Writers keep committing while snapshots are taken; every snapshot is a complete,
    consistent archive whose search index matches its articles."""
    stop = threading.Event()
    errors: list = []
    count = [0]

    def crawl():
        try:
            with Archive(archive_db, commit_every=3) as ar:
                while not stop.is_set() or count[0] < 30:
                    count[0] += 1
                    ar.store_article(Article(
                        url=f"https://live.example.kr/{count[0]}", site="live",
                        title=f"동시 기사 {count[0]}", body="서초구 동시 쓰기 " * 50),
                        capture_id=None, seen_at=datetime.now(timezone.utc))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=crawl)
    thread.start()
    try:
        while count[0] < 10:
            threading.Event().wait(0.01)
        shots = [snapshot(archive_db, tmp_path / f"shot{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join(30)
    assert not errors
    for shot in shots:
        with Archive(shot, readonly=True) as ar:
            assert ar.integrity_check() == "ok"
            live = ar.conn.execute("select count(*) from articles where site = 'live'").fetchone()[0]
            hits = ar.search("동시", limit=1000, site="live")
            assert len(hits) == live  # the FTS index is as consistent as the table
            assert ar.totals()["articles"] == N_ARTICLES + live


# ------------------------------------------------------------------------------ search


@pytest.mark.parametrize("query, expected", [
    ("서초구", {SYNTH + "1"}),            # finds 서초구는 in the title
    ("규제", {SYNTH + "1"}),              # a two-syllable word inside a longer one
    ("반포동 재건축", {SYNTH + "2"}),
    ("서초구 -규제", set()),
])
def test_table_search_box_is_korean_aware(ds, query, expected):
    data = get_json(ds, "/archive/articles.json?_shape=objects&site=synth&_search="
                    + urllib.parse.quote(query))
    assert {r["url"] for r in data["rows"]} == expected


def test_table_search_box_is_shown_and_keeps_the_query(ds):
    page = get(ds, "/archive/articles?_search=" + urllib.parse.quote("서초구"))
    assert page.status_code == 200
    assert 'name="_search" value="서초구"' in page.text
    assert "search matches" in page.text


def test_bad_search_syntax_is_a_400_with_the_parser_message(ds):
    response = get(ds, "/archive/articles.json?_search=" + urllib.parse.quote('"unclosed'))
    assert response.status_code == 400
    assert "unbalanced quote" in response.json()["error"]


def test_canned_search_has_snippets_and_site_filter(ds):
    data = get_json(ds, "/archive/search_articles.json?_shape=array&q="
                    + urllib.parse.quote("초구") + "&site=synth")
    assert [r["title"] for r in data] == [synthetic_articles()[0].title]
    assert "[초구]" in data[0]["snippet"]
    empty = get_json(ds, "/archive/search_articles.json?_shape=array&q=")
    assert empty == []


# ------------------------------------------------------------------------------ facets


def test_facets_site_section_author_month(ds):
    everything = get_json(ds, "/archive/articles.json?_extra=facet_results&_size=0")
    assert sum(v["count"] for v in everything["facet_results"]["site"]["results"]) == N_ARTICLES
    data = get_json(ds, "/archive/articles.json?_extra=facet_results&_size=0&site=synth")
    facets = data["facet_results"]
    assert {"site", "section", "authors", "published_at"} <= set(facets)
    sites = {v["value"]: v["count"] for v in facets["site"]["results"]}
    assert sites["synth"] == 3
    authors = {v["label"]: v["count"] for v in facets["authors"]["results"]}
    assert authors["김서초 (synth)"] == 2
    assert facets["published_at"]["type"] == "month"
    months = {v["value"]: v["count"] for v in facets["published_at"]["results"]}
    assert months == {"2025-03": 2, "2025-04": 1}
    # following a facet's link filters the table
    toggle = next(v for v in facets["authors"]["results"] if v["label"] == "김서초 (synth)")
    path = urllib.parse.urlsplit(toggle["toggle_url"])
    assert path.path == "/archive/articles.json"
    rows = get_json(ds, path.path + "?" + without_size(path.query) + "&_shape=objects")["rows"]
    assert {r["url"] for r in rows} == {SYNTH + "1", SYNTH + "2"}
    month = next(v for v in facets["published_at"]["results"] if v["value"] == "2025-04")
    path = urllib.parse.urlsplit(month["toggle_url"])
    rows = get_json(ds, "/archive/articles.json?" + without_size(path.query)
                    + "&_shape=objects")["rows"]
    assert [r["url"] for r in rows] == [SYNTH + "3"]


# ------------------------------------------------------------------------------ queries


def test_canned_queries_run(ds, exported):
    db, _ = exported
    by_author = get_json(ds, "/archive/articles_by_author.json?_shape=array&author="
                         + urllib.parse.quote("김서초"))
    assert [r["url"] for r in by_author] == [SYNTH + "2", SYNTH + "1"]  # newest first
    most = get_json(ds, "/archive/most_teased.json?_shape=array")
    counts = [r["teased_by_pages"] for r in most]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    synth1 = next(r for r in most if r["article_id"] == article_id(db, SYNTH + "1"))
    assert (synth1["teased_by_pages"], synth1["teasers"]) == (2, 2)
    with sqlite3.connect(db) as conn:
        teased = conn.execute("select count(distinct target_article_id) from teasers").fetchone()
    assert len(most) == teased[0]
    edges = get_json(ds, "/archive/who_teases_whom.json?_shape=array")
    assert {"source_site": "synth", "target_site": "(not archived)", "box": "popular"} \
        .items() <= next(e for e in edges if e["target_site"] == "(not archived)"
                         and e["source_site"] == "synth").items()
    per_day = get_json(ds, "/archive/articles_per_site_per_day.json?_shape=array")
    assert {"day": "2025-03-12", "site": "synth", "articles": 1} in per_day
    per_section = get_json(ds, "/archive/articles_per_section_per_day.json?_shape=array&site=synth")
    assert {"day": "2025-04-02", "section": "사회", "articles": 1} in per_section


def test_dashboard_page_renders_the_charts(ds):
    page = get(ds, "/-/dashboards/archive-activity")
    assert page.status_code == 200, page.text
    assert "Articles per day per site" in page.text and "vega-lite" in page.text


# ------------------------------------------------------------------------------ pages


def test_article_page_paragraphs_authors_teaser_links(ds, exported):
    db, _ = exported
    first, second, third = (article_id(db, SYNTH + str(n)) for n in (1, 2, 3))
    page = get(ds, f"/archive/articles/{first}")
    assert page.status_code == 200
    text = page.text
    body = text.split('<div class="na-body">')[1].split("</div>")[0]
    assert body.count("<p>") == 2  # two paragraphs
    assert "<br>" in body and "\x00" not in body
    assert "이모지 😀🇰🇷" in body and "&#34;큰따옴표&#34;" in body
    assert re.search(r'class="na-author" href="/archive/articles\?_na_author=\d+">김서초</a>', text)
    assert f'class="na-teaser" href="/archive/articles/{second}"' in text
    assert f'class="na-teased-by-link" href="/archive/articles/{third}"' in text
    assert 'class="na-teaser-web" href="https://synth.example.kr/news/article.html?no=99"' \
        in html.unescape(text)


def test_archived_markup_is_escaped_everywhere(ds, exported):
    db, _ = exported
    for path in (f"/archive/articles/{article_id(db, SYNTH + '3')}",
                 f"/archive/articles/{article_id(db, SYNTH + '1')}",
                 "/archive/articles?site=synth"):
        text = get(ds, path).text
        assert "<script>alert" not in text and "<b onmouseover" not in text
        assert 'href="javascript:' not in text
    assert "&lt;script&gt;alert" in get(ds, f"/archive/articles/{article_id(db, SYNTH + '3')}").text


def test_other_row_pages_are_datasettes_own(ds):
    page = get(ds, "/archive/authors/1")
    assert page.status_code == 200 and "na-article" not in page.text


def test_query_results_link_article_ids(ds, exported):
    db, _ = exported
    page = get(ds, "/archive/most_teased")
    first = article_id(db, SYNTH + "1")
    assert f'<a href="/archive/articles/{first}">{first}</a>' in page.text


@pytest.mark.parametrize("url, expected", [
    ("https://x.kr/a?b=1", "https://x.kr/a?b=1"),
    ("http://x.kr/", "http://x.kr/"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("https://x.kr/\nx", None),
    (None, None),
])
def test_web_url_allows_only_http(url, expected):
    assert web_url(url) == expected


def test_paragraphs():
    assert paragraphs("a\n\nb\nc\r\n\r\n\n\nd\x00e") == [["a"], ["b", "c"], ["de"]]
    assert paragraphs(None) == [] and paragraphs("  \n\n ") == []


def test_json_api_is_untouched_by_cell_rendering(ds, exported):
    db, _ = exported
    data = get_json(ds, f"/archive/articles/{article_id(db, SYNTH + '1')}.json?_shape=objects")
    assert data["rows"][0]["body"].startswith("첫 문단에")
    assert json.dumps(data, ensure_ascii=False).count("😀") >= 2


def test_search_box_on_the_latest_articles_view(ds):
    data = get_json(ds, "/archive/latest_articles.json?_shape=objects&_search="
                    + urllib.parse.quote("서초구") + "&site=synth")
    assert [r["title"] for r in data["rows"]] == [synthetic_articles()[0].title]
    assert 'class="search-row"' in get(ds, "/archive/latest_articles").text


def test_long_bodies_are_excerpts_in_tables(ds):
    text = get(ds, "/archive/articles?_size=50").text
    cells = re.findall(r'<td class="col-body type-str">(.*?)</td>', text, re.S)
    assert len(cells) == N_ARTICLES
    long_cells = [c for c in cells if c.strip().endswith("…")]
    assert long_cells and all(len(html.unescape(c.strip())) <= 281 for c in long_cells)


def test_other_databases_are_left_alone(exported, tmp_path):
    register_plugins()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table articles (id integer primary key, title text, body text)")
        conn.execute("insert into articles values (1, '<b>x</b>', 'plain body')")
    db, _ = exported
    both = Datasette([str(db), str(other)])
    table = get(both, "/other/articles").text
    assert 'class="search-row"' not in table
    row = get(both, "/other/articles/1").text
    assert "na-article" not in row and "&lt;b&gt;x&lt;/b&gt;" in row
    ignored = get_json(both, "/other/articles.json?_search=nomatch&_shape=objects")
    assert len(ignored["rows"]) == 1  # no archive, no search: datasette's own behaviour
    assert 'class="search-row"' in get(both, "/archive/articles").text
