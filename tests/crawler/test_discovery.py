import gzip
from datetime import datetime, timedelta, timezone

import pytest

from crawler.discovery import (
    looks_like_feed,
    looks_like_sitemap,
    parse_feed,
    parse_sitemap,
    sitemaps_from_robots,
)

KST = timezone(timedelta(hours=9))

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
<item><title>첫 기사</title><link>http://x.kr/news/article.html?no=2</link>
<pubDate>Wed, 09 Apr 2025 09:05:03 +0900</pubDate><dc:creator>심현주</dc:creator></item>
<item><title>둘째</title><link> /news/article.html?no=1 </link></item>
</channel></rss>""".encode()

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>A</title><link rel="alternate" href="https://e.com/2025/04/09/a"/>
<link rel="enclosure" href="https://e.com/a.mp3"/><updated>2025-04-09T01:02:03Z</updated></entry>
</feed>"""

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://e.com/sitemap-1.xml</loc><lastmod>2025-04-01</lastmod></sitemap>
<sitemap><loc>https://e.com/news-sitemap.xml</loc></sitemap></sitemapindex>"""

NEWS = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://e.com/a</loc><news:news><news:publication_date>2025-04-09T09:05:03+09:00</news:publication_date>
<news:title>A</news:title></news:news></url>
<url><loc>https://e.com/b</loc><lastmod>2025-04-08</lastmod></url></urlset>"""


def test_rss_items_in_order_with_dates_and_relative_links():
    entries = parse_feed(RSS, "http://x.kr/data/rss/news.xml", "Asia/Seoul")
    assert [e.url for e in entries] == [
        "http://x.kr/news/article.html?no=2",
        "http://x.kr/news/article.html?no=1",
    ]
    assert entries[0].date == datetime(2025, 4, 9, 9, 5, 3, tzinfo=KST)
    assert entries[0].title == "첫 기사"
    assert entries[1].date is None


def test_atom_takes_the_alternate_link():
    (entry,) = parse_feed(ATOM, "https://e.com/feed")
    assert entry.url == "https://e.com/2025/04/09/a"
    assert entry.date == datetime(2025, 4, 9, 1, 2, 3, tzinfo=timezone.utc)


def test_sitemap_index_children_and_news_sitemap_dates():
    pages, children = parse_sitemap(INDEX, "https://e.com/sitemap.xml")
    assert pages == [] and [c.url for c in children] == [
        "https://e.com/sitemap-1.xml", "https://e.com/news-sitemap.xml"]
    pages, children = parse_sitemap(gzip.compress(NEWS), "https://e.com/news-sitemap.xml.gz")
    assert children == [] and [p.url for p in pages] == ["https://e.com/a", "https://e.com/b"]
    assert pages[0].date == datetime(2025, 4, 9, 9, 5, 3, tzinfo=KST)


def test_garbage_gives_nothing_not_an_exception():
    for body in (b"", b"\x1f\x8bnot gzip", b"<html><body>hi", b"\x00\x01\x02"):
        assert parse_feed(body, "http://e.com/") == []
        assert parse_sitemap(body, "http://e.com/") == ([], [])


def test_robots_sitemap_lines_and_sniffing():
    robots = b"User-agent: *\nDisallow: /admin/\nSitemap: https://e.com/s1.xml\nsitemap:/s2.xml\n"
    assert sitemaps_from_robots(robots, "https://e.com/robots.txt") == [
        "https://e.com/s1.xml", "https://e.com/s2.xml"]
    assert looks_like_feed(RSS) and looks_like_feed(ATOM) and not looks_like_feed(INDEX)
    assert looks_like_sitemap(INDEX) and looks_like_sitemap(NEWS) and not looks_like_sitemap(RSS)


def _urlset(n: int) -> bytes:
    return (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + b"".join(b"<url><loc>https://e.com/news/%d</loc>"
                       b"<lastmod>2024-12-01T13:34:21+09:00</lastmod></url>" % i
                       for i in range(n)) + b"</urlset>")


@pytest.mark.parametrize("damage, expected", [
    (lambda d: d, 5),
    (lambda d: d[:-40], 5),  # cut off inside the last entry's date
    (lambda d: d.replace(b"<url><loc>https://e.com/news/3", b"<url><<loc>https://e.com/news/3"), 5),
    (lambda d: d.replace(b"news/2", b"news/2&x"), 5),  # a bare ampersand
    (lambda d: d.replace(b"</urlset>", b"<url><loc>https://e.com/x</loc></u"), 6),
])
def test_damaged_sitemaps_give_every_entry_a_whole_document_parse_recovers(damage, expected):
    """Read as a stream, a sitemap stops at damage; the entries after it are still found."""
    pages, _ = parse_sitemap(damage(_urlset(5)), "https://e.com/")
    assert [p.url for p in pages][:5] == [f"https://e.com/news/{i}" for i in range(5)]
    assert len(pages) == expected
    assert all(p.date == datetime(2024, 12, 1, 13, 34, 21, tzinfo=KST) for p in pages[:5]
               if not p.url.endswith("/4"))


def test_a_sitemap_is_read_one_entry_at_a_time(monkeypatch):
    """The first entry is out when a small part of a big sitemap has been read.

    (Counted in bytes handed to the parser, not timed: a timing ratio failed on a busy
    machine.)
    """
    import io
    import types

    from crawler import discovery

    read: list[int] = []

    class CountingBytesIO(io.BytesIO):
        def read(self, *args: int) -> bytes:
            data = super().read(*args)
            read.append(len(data))
            return data

    monkeypatch.setattr(discovery, "io", types.SimpleNamespace(BytesIO=CountingBytesIO))
    body = _urlset(20000)
    entries = discovery.iter_sitemap(body, "https://e.com/")
    first = next(entries)
    read_for_first = sum(read)
    assert first == (False, parse_sitemap(_urlset(1), "https://e.com/")[0][0])
    assert 0 < read_for_first < len(body) / 20
    assert 1 + sum(1 for _ in entries) == 20000
    assert sum(read) >= len(body)


def test_a_namespace_error_costs_no_second_parse(monkeypatch):
    from crawler import discovery

    def no_tree(body):
        raise AssertionError("parsed the whole document again")

    monkeypatch.setattr(discovery, "_xml_root", no_tree)
    body = _urlset(3).replace(b"</loc>", b"</loc><foo:bar>1</foo:bar>", 1)
    assert [p.url for p in parse_sitemap(body, "https://e.com/")[0]] == [
        f"https://e.com/news/{i}" for i in range(3)]
