"""crawler.stats: the crawl's stats collector keeps stats exactly as Scrapy's does."""
from __future__ import annotations

import warnings

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.stats import FastStatsCollector

_OPS = [
    ("inc_value", ("pages",), {}),
    ("inc_value", ("pages", 3), {}),
    ("inc_value", ("bytes", 10, 5), {}),
    ("max_value", ("depth", 4), {}),
    ("max_value", ("depth", 2), {}),
    ("min_value", ("first", 9), {}),
    ("min_value", ("first", 7), {}),
    ("set_value", ("status", "ok"), {}),
]


def _both() -> tuple[MemoryStatsCollector, FastStatsCollector]:
    return MemoryStatsCollector(get_crawler()), FastStatsCollector(get_crawler())


@pytest.mark.parametrize("upto", range(1, len(_OPS) + 1))
def test_same_stats_as_scrapys_collector(upto):
    scrapys, ours = _both()
    for name, args, kwargs in _OPS[:upto]:
        getattr(scrapys, name)(*args, **kwargs)
        getattr(ours, name)(*args, **kwargs)
    assert ours.get_stats() == scrapys.get_stats()
    assert ours.get_value("pages") == scrapys.get_value("pages")
    assert ours.get_value("missing", "d") == "d"


def test_clear_and_replace():
    ours = FastStatsCollector(get_crawler())
    ours.inc_value("a")
    ours.set_stats({"b": 2})
    assert ours.get_stats() == {"b": 2}
    ours.clear_stats()
    assert ours.get_stats() == {}


def test_plain_attribute_access_no_wrapper():
    """The point of the class: no per-access wrapper, hence no cached wrapper attributes."""
    ours = FastStatsCollector(get_crawler())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours.inc_value("a")
    assert type(ours).__getattribute__ is object.__getattribute__
    assert not any(k.startswith("_cached_") for k in vars(ours))
    scrapys = MemoryStatsCollector(get_crawler())
    scrapys.inc_value("a")
    assert any(k.startswith("_cached_") for k in vars(scrapys))  # Scrapy's wrapper, cached


def test_project_settings_use_it():
    assert project_settings.STATS_CLASS == "crawler.stats.FastStatsCollector"
    crawler = get_crawler(settings_dict={"STATS_CLASS": project_settings.STATS_CLASS})
    assert isinstance(crawler.stats, FastStatsCollector)


def test_stats_kept_per_spider_after_close():
    crawler = get_crawler(settings_dict={"STATS_CLASS": project_settings.STATS_CLASS})

    class FakeSpider:
        name = "news"

    crawler.spider = FakeSpider()
    crawler.stats.inc_value("pages", 2)
    crawler.stats.close_spider(reason="finished")
    assert crawler.stats.spider_stats["news"] == {"pages": 2}
