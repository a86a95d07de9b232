import re

import pytest

from crawler.autodetect import UnsafeTargetError, check_public, detect_cms, probe_site
from pipelines.siteconfig import site_from_dict

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>http://n.kr/news/article.html?no=1</link></item></channel></rss>'
SITEMAP = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://n.kr/a</loc></url></urlset>'


def fake_web(pages):
    fetched = []

    def fetch(url):
        fetched.append(url)
        return (200, pages[url]) if url in pages else (404, b"")

    return fetch, fetched


def test_probe_finds_cms_feeds_and_sitemaps_and_obeys_robots():
    home = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/feed/main.xml">
      </head><body><a href="/news/article.html?no=11">a</a><a href="/news/article.html?no=12">b</a></body></html>"""
    fetch, fetched = fake_web({
        "http://n.kr/robots.txt": b"User-agent: *\nDisallow: /rss/\nSitemap: http://n.kr/sm.xml\n",
        "http://n.kr/": home,
        "http://n.kr/feed/main.xml": RSS,
        "http://n.kr/data/rss/news.xml": RSS,
        "http://n.kr/sm.xml": SITEMAP,
        "http://n.kr/sitemap.xml": b"<html>not a sitemap</html>",
    })
    probe = probe_site("http://n.kr/", fetch)
    assert probe.cms == "article_no"
    assert probe.feeds == ["http://n.kr/feed/main.xml", "http://n.kr/data/rss/news.xml"]
    assert probe.sitemaps == ["http://n.kr/sm.xml"]
    assert "http://n.kr/rss/allArticle.xml" not in fetched  # disallowed by robots.txt
    site = probe.site_config()
    assert site.name == "n.kr" and site.cms == "article_no" and site.timezone == "Asia/Seoul"
    assert site_from_dict(__import__("yaml").safe_load(probe.to_yaml())) == site.__class__(
        **{**site.__dict__, "source": "<site>"})


def test_generic_probe_gets_article_heuristics():
    fetch, _ = fake_web({"https://e.com/": b"<html><a href='/about'>x</a></html>"})
    site = probe_site("https://e.com/", fetch).site_config()
    assert site.cms == "generic"
    assert site.is_article_url("https://e.com/2025/04/09/city-council-votes")
    assert site.is_article_url("https://e.com/news/1234567")
    assert site.is_article_url("https://e.com/world/city-council-votes-on-new-budget")
    assert not site.is_article_url("https://e.com/about")
    assert not site.is_article_url("https://e.com/section/world")


@pytest.mark.parametrize(
    "html, cms",
    [
        (b'<a href="/news/articleView.html?idxno=1"></a><a href="/news/articleView.html?idxno=2">', "ndsoft"),
        (b'<a href="/news/article.html?no=1"></a>' * 3, "article_no"),
        (b'<a href="/2025/04/09/x"></a>', "generic"),
    ],
)
def test_detect_cms(html, cms):
    assert detect_cms(html) == cms


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost/", "http://10.1.2.3/",
                                 "http://192.168.0.1/", "http://[::1]/", "http://169.254.169.254/"])
def test_private_targets_are_refused(url):
    with pytest.raises(UnsafeTargetError, match="--allow-private"):
        check_public(url)
