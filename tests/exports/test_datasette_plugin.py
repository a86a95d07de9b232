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
        # ranked by na_bm25, which datasette's own connections have
        assert "rank match 'na_bm25(''articles_fts''" in datasette_plugin.SEARCH_SQL

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
