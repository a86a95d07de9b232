"""The news spider's teaser following: which extracted teasers become requests."""
from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.spiders.news import NewsSpider
from pipelines.record import Article, Teaser

BASE = "https://www.tvseoul.co.kr"


def spider(**settings) -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings)
    return NewsSpider.from_crawler(crawler, site="tvseoul")


def page(*urls: str) -> Article:
    return Article(url=f"{BASE}/news/article.html?no=1", title="t", body="b",
                   teasers=[Teaser(f"teaser {i}", u) for i, u in enumerate(urls)])


def test_teasers_become_requests_for_unknown_same_site_articles_once():
    s = spider()
    s.known = {f"{BASE}/news/article.html?no=2"}
    article = page(f"{BASE}/news/article.html?no=2",                 # already archived
                   f"{BASE}/news/article.html?no=3&utm_source=box",  # tracking tag dropped
                   "https://elsewhere.example/news/article.html?no=4",  # off-site
                   f"{BASE}/news/section_list_all.html?sec_no=1")   # not an article
    urls = [r.url for r in s.teaser_requests(article)]
    assert urls == [f"{BASE}/news/article.html?no=3"]
    assert s.teaser_requests(page(f"{BASE}/news/article.html?no=3")) == []  # asked once


@pytest.mark.parametrize("value", ["false", "0"])
def test_follow_teasers_off_follows_nothing(value):
    s = spider(NEWSARCHIVE_FOLLOW_TEASERS=value)
    assert s.teaser_requests(page(f"{BASE}/news/article.html?no=3")) == []
