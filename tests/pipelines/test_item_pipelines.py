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
