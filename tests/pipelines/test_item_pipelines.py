"""Pipeline wiring that the crawl tests do not see directly."""
from __future__ import annotations

import sys

import pytest
from scrapy.utils.test import get_crawler

from pipelines.item_pipelines import ExtractPipeline


@pytest.mark.parametrize("workers, interval, expected", [
    (1, 0.0005, 0.0005),   # workers: the crawl's helper threads get the GIL sooner
    (0, 0.0005, None),     # in-process extraction: no helper threads, nothing changed
    (1, 0.0, None),        # 0 keeps Python's default
])
def test_switch_interval_set_while_workers_run_and_restored(workers, interval, expected):
    before = sys.getswitchinterval()
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": workers,
                                         "NEWSARCHIVE_SWITCH_INTERVAL": interval})
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.open_spider()
    try:
        assert sys.getswitchinterval() == pytest.approx(expected if expected else before)
    finally:
        pipeline.close_spider()
    assert sys.getswitchinterval() == pytest.approx(before)


def test_worker_pool_extracts_a_page_in_a_worker_process():
    import asyncio

    from pipelines.extract_worker import extract_page
    from pipelines.worker_pool import WorkerPool

    pool = WorkerPool(extract_page, 1)
    try:
        html = ("<html><head><title>서초구 소식</title></head><body><h1>서초구 소식</h1>"
                + "<p>서초구는 9일 새 정책을 발표했다. 주민 설명회도 열린다.</p>" * 5 + "</body></html>")
        article = asyncio.run(pool.run(html.encode(), "http://127.0.0.1/a/1", None,
                                       "text/html; charset=utf-8", None))
        assert "서초구는" in article.body
    finally:
        pool.shutdown(wait=True)


def _page(n: int, marked: bool = False) -> "PageItem":
    from datetime import datetime, timezone

    from crawler.items import PageItem
    from tests.pipelines.worker_killer import MARK

    html = (f"<html><head><title>서초구 소식 {n}</title></head><body><h1>서초구 소식 {n}</h1>"
            + f"<p>서초구는 {n}일 새 정책을 발표했다. 주민 설명회도 열린다.</p>" * 3
            + "</body></html>").encode() + (MARK if marked else b"")
    return PageItem(url=f"http://127.0.0.1/a/{n}", final_url=f"http://127.0.0.1/a/{n}",
                    status=200, headers={"content-type": "text/html; charset=utf-8"},
                    body=html, fetched_at=datetime.now(timezone.utc), site="t")


def test_a_dying_worker_fails_only_its_page_and_the_crawl_goes_on():
    """A worker killed by one page broke ProcessPoolExecutor for every later page; now
    the pool is replaced and the pages it held are retried one at a time."""
    import asyncio

    from tests.pipelines.worker_killer import extract_or_die

    crawler = get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 1})
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.extract = extract_or_die
    pipeline.open_spider()
    try:
        async def crawl() -> list:
            first = [_page(n, marked=(n == 3)) for n in range(8)]
            done = await asyncio.gather(*(pipeline.process_item(i) for i in first))
            later = await asyncio.gather(*(pipeline.process_item(_page(n)) for n in range(8, 12)))
            return done + later

        items = asyncio.run(crawl())
    finally:
        pipeline.close_spider()
    failed = [i.url for i in items if i.article is None]
    assert failed == ["http://127.0.0.1/a/3"]
    assert "worker died" in items[3].error
    assert all(i.article.title == f"서초구 소식 {n}" for n, i in enumerate(items) if n != 3)
    assert pipeline.pool_restarts == 1
    assert crawler.stats.get_value("newsarchive/extract_pool_restarts") == 1


# ---------------------------------------------------------------- ArchivePipeline

def _archive_pipeline(tmp_path):
    from concurrent.futures import ThreadPoolExecutor
    from types import SimpleNamespace

    from pipelines.item_pipelines import ArchivePipeline

    crawler = get_crawler(settings_dict={"NEWSARCHIVE_DB": str(tmp_path / "a.db")})
    crawler.spider = SimpleNamespace(name="news", site_config=None, errors=[])
    pipeline = ArchivePipeline.from_crawler(crawler)
    # open_spider without its commit timer (a Twisted LoopingCall): the writer thread
    # and the archive, as a crawl opens them
    pipeline._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive-writer")
    pipeline._write(pipeline._open, None, "news").result()
    return crawler, pipeline


def _extracted(n: int) -> "PageItem":
    from pipelines.extract_worker import extract_page

    item = _page(n)
    item.article = extract_page(item.body, item.url, None, "text/html; charset=utf-8", None)
    return item


def _gated_store(pipeline, fail_on: str | None = None):
    """The pipeline's writes wait for the returned event (and fail_on's write fails)."""
    import threading

    gate = threading.Event()
    real = pipeline._store

    def store(item):
        assert gate.wait(30)
        if item.url == fail_on:
            raise RuntimeError("disk on fire")
        return real(item)

    pipeline._store = store
    return gate


def _stored_count(tmp_path) -> int:
    from pipelines.store.archive import Archive

    with Archive(tmp_path / "a.db", readonly=True) as archive:
        return archive.totals()["articles"]


def _run_row(tmp_path) -> tuple:
    import sqlite3

    with sqlite3.connect(tmp_path / "a.db") as conn:
        return conn.execute("SELECT status, new, failed, errors FROM crawl_runs").fetchone()


def test_pages_move_on_while_their_writes_wait_and_close_waits_for_every_write(tmp_path):
    """A commit in the writer must not hold pages in Scrapy's scraper slot; the run's
    counts still include every write queued before the spider closed."""
    import asyncio

    crawler, pipeline = _archive_pipeline(tmp_path)
    gate = _gated_store(pipeline)

    async def crawl() -> None:
        items = [_extracted(n) for n in range(5)]
        returned = await asyncio.wait_for(
            asyncio.gather(*(pipeline.process_item(i) for i in items)), 10)
        assert returned == items  # handed on with their writes still queued
        assert pipeline._in_flight == 5 and not crawler.stats.get_value("newsarchive/new")
        gate.set()
        await pipeline.close_spider()

    asyncio.run(crawl())
    assert crawler.stats.get_value("newsarchive/new") == 5
    assert pipeline.stored == 5 and pipeline._in_flight == 0
    assert _stored_count(tmp_path) == 5
    assert _run_row(tmp_path)[:3] == ("ok", 5, 0)  # the run's row counts them too


def test_a_page_waits_for_its_own_write_past_the_backlog(tmp_path, monkeypatch):
    import asyncio

    from pipelines import item_pipelines

    monkeypatch.setattr(item_pipelines, "WRITE_BACKLOG", 2)
    crawler, pipeline = _archive_pipeline(tmp_path)
    gate = _gated_store(pipeline)

    async def crawl() -> None:
        tasks = [asyncio.ensure_future(pipeline.process_item(_extracted(n))) for n in range(3)]
        await asyncio.sleep(0.3)
        assert [t.done() for t in tasks] == [True, True, False]
        gate.set()
        await asyncio.wait_for(tasks[2], 10)
        await pipeline.close_spider()

    asyncio.run(crawl())
    assert crawler.stats.get_value("newsarchive/new") == 3


def test_a_failed_write_is_counted_and_recorded_and_the_others_are_stored(tmp_path):
    import asyncio

    crawler, pipeline = _archive_pipeline(tmp_path)
    gate = _gated_store(pipeline, fail_on="http://127.0.0.1/a/1")
    gate.set()

    async def crawl() -> None:
        for n in range(3):
            await pipeline.process_item(_extracted(n))
        await pipeline.close_spider()

    asyncio.run(crawl())
    assert crawler.stats.get_value("newsarchive/failed") == 1
    assert crawler.stats.get_value("newsarchive/new") == 2
    [error] = crawler.spider.errors
    assert error["url"] == "http://127.0.0.1/a/1" and "disk on fire" in error["error"]
    assert _stored_count(tmp_path) == 2
    status, new, failed, errors = _run_row(tmp_path)
    assert (status, new, failed) == ("partial", 2, 1) and "disk on fire" in errors
