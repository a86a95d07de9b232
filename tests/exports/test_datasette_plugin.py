"""The datasette plugin registers the archive's SQL functions and a search canned query."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

from exports import datasette_plugin
from pipelines.record import Article
from pipelines.store.archive import Archive

SEEN = datetime(2025, 3, 12, tzinfo=timezone.utc)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "archive.db"
    with Archive(path) as ar:
        for no, title, body in [
            (1, "서초구 소식", "서초구는 규제자유특구를 신청했다."),
            (2, "서울시 소식", "서울특별시는 반포동 개발을 발표했다."),
            (3, "English news", "The art exhibition will start next week."),
        ]:
            ar.store_article(Article(url=f"https://x.example/{no}", title=title, body=body),
                             capture_id=None, seen_at=SEEN)
    return path


def make_datasette(path):
    # the setup.cfg entry point registers the plugin in an installed checkout; register it
    # here too so the test does not depend on how the package was installed
    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="newsarchive")
    return Datasette([str(path)])


def test_functions_are_registered_and_search_works(db_path):
    async def run():
        ds = make_datasette(db_path)
        db = ds.get_database("archive")
        rows = (await db.execute(
            "select a.id, na_snippet(a.body, :q) as s from articles_fts "
            "join articles a on a.id = articles_fts.rowid "
            "where articles_fts match na_fts_query(:q) order by a.id", {"q": "서초"})).rows
        assert [(r["id"], r["s"]) for r in rows] == [(1, "[서초]구는 규제자유특구를 신청했다.")]
        rows = (await db.execute(
            "select rowid from articles_fts where articles_fts match na_fts_query(:q)",
            {"q": "서울 OR art"})).rows
        assert sorted(r[0] for r in rows) == [2, 3]
        bigrams = (await db.execute("select na_hangul_bigrams('서초구는') as b")).first()
        assert bigrams["b"].split() == ["서초", "초구", "구는", "는"]

    asyncio.run(run())


def test_canned_search_query_over_http(db_path):
    async def run():
        ds = make_datasette(db_path)
        response = await ds.client.get("/archive/search.json?q=특구&_shape=array")
        assert response.status_code == 200, response.text
        data = response.json()
        assert [r["id"] for r in data] == [1]
        assert "[특구]" in data[0]["snippet"]
        # ranked by na_bm25_top, which datasette's own connections have
        assert "rank match 'na_bm25_top(50, ''articles_fts''" in datasette_plugin.SEARCH_SQL
        assert datasette_plugin.SEARCH_SQL.endswith("limit 50")

    asyncio.run(run())


def test_writes_through_datasette_connections_keep_the_index_in_sync(db_path):
    async def run():
        ds = make_datasette(db_path)
        db = ds.get_database("archive")
        await db.execute_write("update articles set body = '국회의원들은 법안을 논의했다.' where id = 3")
        rows = (await db.execute(
            "select rowid from articles_fts where articles_fts match na_fts_query('국회')")).rows
        assert [r[0] for r in rows] == [3]

    asyncio.run(run())


def test_canned_search_gives_bm25s_best_50(tmp_path):
    """More matches than the canned query shows: its 50 are bm25's 50, in bm25's order."""
    import random

    from pipelines.store import fts5rank

    rng = random.Random(11)
    words = ["특구", "서초구는", "예산을", "발표했다", "주민", "개발"]
    path = tmp_path / "many.db"
    with Archive(path) as ar:
        for no in range(120):
            body = " ".join(rng.choices(words, k=rng.randint(3, 80)))
            ar.store_article(Article(url=f"https://x.example/{no}", title=f"소식 {no}",
                                     body=body + " 특구"), capture_id=None, seen_at=SEEN)
    with Archive(path, readonly=True) as ar:
        bm25 = [r[0] for r in ar.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH na_fts_query('특구') "
            f"ORDER BY {fts5rank.BM25.replace('bm25(', 'bm25(articles_fts, ')} LIMIT 50")]

    async def run():
        response = await make_datasette(path).client.get(
            "/many/search.json?q=특구&_shape=array")
        assert response.status_code == 200, response.text
        return [r["id"] for r in response.json()]

    assert asyncio.run(run()) == bm25
