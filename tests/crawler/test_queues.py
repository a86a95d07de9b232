"""The packed scheduler queue: requests come back as they went in, in Scrapy's LIFO order,
and a queue of waiting requests costs a fraction of Scrapy's own."""
from __future__ import annotations

import gc
import tracemalloc
from typing import Any

import pytest
import scrapy
from scrapy.squeues import LifoMemoryQueue
from scrapy.utils.test import get_crawler

from crawler.queues import CompactLifoMemoryQueue, pack_request

URL = "http://news.example.kr/news/articleView.html?idxno={}"


class Spider(scrapy.Spider):
    name = "queues"

    def parse_article(self, response: Any) -> None:
        pass

    def on_error(self, failure: Any) -> None:
        pass


def other_callback(response: Any) -> None:
    pass


@pytest.fixture
def spider() -> Spider:
    return Spider()


def _article(spider: Spider, i: int) -> scrapy.Request:
    # as the crawl queues it: Scrapy's referer middleware has added a header
    return scrapy.Request(URL.format(i), callback=spider.parse_article, errback=spider.on_error,
                          priority=-i % 3, meta={"article_url": URL.format(i), "depth": 1},
                          headers={"Referer": "http://news.example.kr/sitemap.xml"})


def test_requests_come_back_equal_and_last_in_first_out(spider: Spider) -> None:
    queue = CompactLifoMemoryQueue(spider)
    sent = [_article(spider, i) for i in range(5)]
    for request in sent:
        queue.push(request)
    assert len(queue) == 5
    assert queue.peek().url == sent[-1].url
    back = [queue.pop() for _ in range(5)]
    assert queue.pop() is None and len(queue) == 0
    for original, request in zip(reversed(sent), back):
        assert request is not original  # rebuilt from its packed form
        assert (request.url, request.meta, request.priority, request.dont_filter) == (
            original.url, original.meta, original.priority, original.dont_filter)
        assert dict(request.headers) == dict(original.headers) == {
            b"Referer": [b"http://news.example.kr/sitemap.xml"]}
        assert request.callback == spider.parse_article and request.errback == spider.on_error


@pytest.mark.parametrize("make", [
    lambda s: scrapy.Request(URL.format(1), callback=other_callback),  # not the spider's
    lambda s: scrapy.Request(URL.format(1), callback=lambda r: None),
    lambda s: scrapy.Request(URL.format(1), method="POST", body=b"x=1"),
    lambda s: scrapy.Request(URL.format(1), cookies={"a": "b"}),
    lambda s: scrapy.Request(URL.format(1), cb_kwargs={"page": 2}),
    lambda s: scrapy.Request(URL.format(1), meta={"when": object()}),
    lambda s: scrapy.FormRequest(URL.format(1), formdata={"q": "x"}),
], ids=["foreign-callback", "lambda", "post", "cookies", "cb_kwargs",
        "unmarshallable-meta", "subclass"])
def test_anything_the_bytes_would_lose_is_kept_as_the_request(spider: Spider, make: Any) -> None:
    request = make(spider)
    assert pack_request(request, spider) is None
    queue = CompactLifoMemoryQueue(spider)
    queue.push(request)
    assert queue.pop() is request


def test_a_plain_request_without_callbacks_is_packed(spider: Spider) -> None:
    request = scrapy.Request(URL.format(7), dont_filter=True)
    assert pack_request(request, spider) is not None
    queue = CompactLifoMemoryQueue(spider)
    queue.push(request)
    back = queue.pop()
    assert (back.url, back.callback, back.errback, back.dont_filter) == (
        request.url, None, None, True)


def _held_bytes(queue_factory: Any, spider: Spider, n: int) -> float:
    """Bytes a queue holds per waiting request once its requests exist nowhere else."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        queue = queue_factory()
        for i in range(n):
            queue.push(_article(spider, i))
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(queue) == n
    return held / n


def test_waiting_requests_cost_a_fraction_of_scrapys_queue(spider: Spider) -> None:
    ours = _held_bytes(lambda: CompactLifoMemoryQueue(spider), spider, 5000)
    stock = _held_bytes(LifoMemoryQueue, spider, 5000)
    assert ours < 300
    assert ours < stock / 3, (ours, stock)


def test_the_crawls_scheduler_packs_what_waits() -> None:
    """With the project's settings, a scheduled request comes back rebuilt, not the object."""
    from scrapy.core.scheduler import Scheduler
    from scrapy.settings import Settings

    project = Settings()
    project.setmodule("crawler.settings")
    crawler = get_crawler(Spider, {"SCHEDULER_MEMORY_QUEUE": project["SCHEDULER_MEMORY_QUEUE"]})
    crawler.spider = crawler._create_spider()
    crawler.engine = crawler._create_engine()
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(crawler.spider)
    sent = _article(crawler.spider, 1)
    assert scheduler.enqueue_request(sent)
    back = scheduler.next_request()
    assert back is not sent and back.url == sent.url
    assert back.callback == crawler.spider.parse_article
