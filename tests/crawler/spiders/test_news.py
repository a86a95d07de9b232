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


def test_list_page_links_include_the_addresses_script_links_open():
    from scrapy.http import HtmlResponse

    html = (
        '<ul class="art_list_all">'
        '<li><a href="/news/article.html?no=11">plain link</a></li>'
        "<li><a href=\"#\" onclick=\"location.href='/news/article.html?no=12'\">onclick</a></li>"
        "<li><a href=\"javascript:location.href='/news/article.html?no=13';\">script href</a></li>"
        "<li><a href=\"javascript:void(0)\" onclick=\"window.open('/news/article.html?no=14')\">"
        "popup</a></li>"
        '<li><a href="javascript:goView(15)">unknown target</a></li></ul>')
    response = HtmlResponse(f"{BASE}/news/section_list_all.html?sec_no=1", body=html.encode(),
                            encoding="utf-8")
    urls = list(spider()._links(response))
    assert urls == [f"{BASE}/news/article.html?no={n}" for n in (11, 12, 13, 14)]


def test_a_spider_on_an_archive_of_an_older_version_upgrades_it(tmp_path):
    """`scrapy crawl news` (scrapyd) reads the archive before its pipeline opens it for
    writing: an older archive is upgraded there, and its articles count as known."""
    from pipelines.store import schema
    from tests.old_archives import old_archive

    path = old_archive(tmp_path / "v7.db", "m008_ascii_tokenizer",
                       [(f"{BASE}/news/article.html?no=7", "tvseoul", "서초구 소식", "본문")])
    s = spider(NEWSARCHIVE_DB=str(path))
    assert s.known == {f"{BASE}/news/article.html?no=7"}
    assert schema.pending_at(str(path)) == []
