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


def test_worker_pool_queues_several_pages_and_leaves_the_default_alone():
    import concurrent.futures.process as pool_module

    from pipelines.extract_worker import extract_page
    from pipelines.item_pipelines import QUEUED_PAGES, _queued_pool

    default = pool_module.EXTRA_QUEUED_CALLS
    pool = _queued_pool(1)
    try:
        assert pool._call_queue._maxsize == 1 + QUEUED_PAGES
        assert pool_module.EXTRA_QUEUED_CALLS == default
        # the pool works: a page extracted in the worker
        html = ("<html><head><title>서초구 소식</title></head><body><h1>서초구 소식</h1>"
                + "<p>서초구는 9일 새 정책을 발표했다. 주민 설명회도 열린다.</p>" * 5 + "</body></html>")
        article = pool.submit(extract_page, html.encode(), "http://127.0.0.1/a/1", None,
                              "text/html; charset=utf-8", None).result(timeout=120)
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
