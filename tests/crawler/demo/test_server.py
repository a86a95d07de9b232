"""The demo server over real HTTP: routes, charsets, feeds, caching, request counting."""
from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from crawler.demo import pages
from crawler.demo.content import ARTICLES, SECTIONS, article_path, section_articles
from crawler.demo.server import DemoServer
from tests.crawler.demo.conftest import fetch

ARTICLE_LINK = re.compile(r"/news/(?:article\.html\?no=|articleView\.html\?idxno=)(\d+)$")
CP949 = [a for a in ARTICLES if a.encoding == "cp949"]


def rel(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def test_base_url_and_free_port(server):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.base_url)
    assert server.port != 0
    with DemoServer() as other:
        assert other.port != server.port
        assert fetch(other.base_url, "/robots.txt").status == 200


def test_base_url_requires_start():
    with pytest.raises(RuntimeError):
        DemoServer().base_url  # noqa: B018


def test_stop_releases_the_port():
    srv = DemoServer().start()
    port = srv.port
    srv.stop()
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))


@pytest.mark.parametrize("a", ARTICLES, ids=lambda a: str(a.id))
def test_every_article_answers(server, a):
    got = fetch(server.base_url, article_path(a))
    assert got.status == 200
    charset = "utf-8" if a.encoding == "utf-8" else "euc-kr"
    assert got.headers["Content-Type"] == f"text/html; charset={charset}"
    text = html.unescape(got.body.decode(a.encoding))
    assert a.title in text and a.body_paragraphs[-1] in text
    assert got.headers["Last-Modified"] and got.headers["ETag"]
    assert parsedate_to_datetime(got.headers["Last-Modified"]) == a.last_modified


def test_cp949_only_syllable(server):
    special = [a for a in CP949 if "똠" in a.title]
    assert special
    got = fetch(server.base_url, article_path(special[0]))
    assert "똠" in got.body.decode("cp949")
    with pytest.raises(UnicodeDecodeError):
        got.body.decode("euc_kr")  # strict EUC-KR lacks 똠
    assert "똠".encode("cp949") in got.body


def _crawl_list(server, first: str) -> list[int]:
    """Follow the pager from the first list page; return article ids in visiting order."""
    seen_pages, queue, ids = set(), [first], []
    while queue:
        target = queue.pop(0)
        if target in seen_pages:
            continue
        seen_pages.add(target)
        got = fetch(server.base_url, target)
        assert got.status == 200
        doc = lxml.html.document_fromstring(got.body.decode("utf-8"))
        for a_el in doc.cssselect("ul.art_list_all > li > a"):
            ids.append(int(ARTICLE_LINK.search(a_el.get("href")).group(1)))
        for a_el in doc.cssselect("div.btn_pagenum a"):
            queue.append(rel(urljoin(server.base_url.rstrip("/") + target, a_el.get("href"))))
    return ids


@pytest.mark.parametrize("sec_no,name", SECTIONS)
def test_section_pagination_covers_each_article_once(server, sec_no, name):
    ids = _crawl_list(server, f"/news/section_list_all.html?sec_no={sec_no}&page=1")
    expected = [a.id for a in section_articles(sec_no)]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))
    assert ids == expected  # breadth-first from page 1 is page order: newest first
    assert {a.section for a in ARTICLES if a.id in ids} == {name}


def test_list_pages_are_newest_first(server):
    dates = []
    for p in range(1, pages.all_pages() + 1):
        got = fetch(server.base_url, f"/news/article_list_all.html?page={p}")
        doc = lxml.html.document_fromstring(got.body.decode("utf-8"))
        dates += [li.text_content() for li in doc.cssselect("ul.art_list_all li.date")]
        assert len(doc.cssselect("ul.art_list_all > li > a")) == (
            pages.PAGE_SIZE if p < pages.all_pages() else len(ARTICLES) - pages.PAGE_SIZE * (p - 1))
    assert dates == sorted(dates, reverse=True) and len(dates) == len(ARTICLES)


def test_all_articles_pagination(server):
    ids = _crawl_list(server, "/news/article_list_all.html?page=1")
    assert sorted(ids) == sorted(a.id for a in ARTICLES) and len(ids) == len(ARTICLES)


def test_page_past_the_end_is_empty(server):
    got = fetch(server.base_url, "/news/article_list_all.html?page=99")
    assert got.status == 200
    doc = lxml.html.document_fromstring(got.body.decode("utf-8"))
    assert doc.cssselect("ul.art_list_all > li > a") == []


def test_sitemap_lists_all_articles(server):
    got = fetch(server.base_url, "/sitemap.xml")
    assert got.headers["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(got.body)
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert sorted(locs) == sorted(server.base_url.rstrip("/") + article_path(a) for a in ARTICLES)
    assert all(u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns))


def test_rss(server):
    got = fetch(server.base_url, "/data/rss/news.xml")
    assert got.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(got.body)
    items = root.findall("channel/item")
    assert len(items) == 20
    newest = sorted(ARTICLES, key=lambda a: a.published_at, reverse=True)[:20]
    assert [i.findtext("title") for i in items] == [a.title for a in newest]
    for item, a in zip(items, newest):
        assert item.findtext("link") == server.base_url.rstrip("/") + article_path(a)
        pub = item.findtext("pubDate")
        assert pub.endswith("+0900") and parsedate_to_datetime(pub) == a.published_at
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator")


def test_robots_and_admin(server):
    got = fetch(server.base_url, "/robots.txt")
    assert got.headers["Content-Type"].startswith("text/plain")
    text = got.body.decode("utf-8")
    assert "User-agent: *" in text and "Disallow: /admin/" in text
    assert f"Sitemap: {server.base_url}sitemap.xml" in text
    assert fetch(server.base_url, "/admin/").status == 403
    assert fetch(server.base_url, "/admin/login.php").status == 403


@pytest.mark.parametrize("target", [
    "/nope.html", "/news/article.html?no=1", "/news/article.html?no=abc", "/news/article.html",
    "/news/articleView.html?idxno=999999", "/news/section_list_all.html?sec_no=999",
    "/news/article_list_all.html?page=0", "/rss/allArticle.xml",
])
def test_not_found(server, target):
    got = fetch(server.base_url, target)
    assert got.status == 404
    assert "text/html" in got.headers["Content-Type"]


def test_wrong_cms_url_is_not_found(server):
    nd = next(a for a in ARTICLES if a.cms == "ndsoft")
    plain = next(a for a in ARTICLES if a.cms == "article_no")
    assert fetch(server.base_url, f"/news/article.html?no={nd.id}").status == 404
    assert fetch(server.base_url, f"/news/articleView.html?idxno={plain.id}").status == 404


@pytest.mark.parametrize("a", [ARTICLES[0], next(x for x in ARTICLES if x.modified_at)],
                         ids=lambda a: str(a.id))
def test_if_modified_since(server, a):
    path = article_path(a)
    same = format_datetime(a.last_modified, usegmt=False)
    later = format_datetime(a.last_modified + timedelta(days=3), usegmt=False)
    earlier = format_datetime(a.last_modified - timedelta(seconds=1), usegmt=False)
    for header, status in ((same, 304), (later, 304), (earlier, 200)):
        got = fetch(server.base_url, path, headers={"If-Modified-Since": header})
        assert got.status == status, header
        if status == 304:
            assert got.body == b""
    etag = fetch(server.base_url, path).headers["ETag"]
    assert fetch(server.base_url, path, headers={"If-None-Match": etag}).status == 304
    assert fetch(server.base_url, path, headers={"If-None-Match": '"other"'}).status == 200


def test_if_modified_since_ignored_for_lists(server):
    got = fetch(server.base_url, "/news/article_list_all.html",
                headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert got.status == 200


def test_head(server):
    a = ARTICLES[3]
    got = fetch(server.base_url, article_path(a), method="HEAD")
    full = fetch(server.base_url, article_path(a))
    assert got.status == 200 and got.body == b""
    assert int(got.headers["Content-Length"]) > 20_000
    assert got.headers["Content-Type"] == full.headers["Content-Type"]


def test_request_counter():
    with DemoServer() as srv:
        fetch(srv.base_url, "/robots.txt")
        fetch(srv.base_url, "/robots.txt")
        fetch(srv.base_url, "/news/article_list_all.html?page=2")
        fetch(srv.base_url, "/admin/")
        assert srv.requests["/robots.txt"] == 2
        assert srv.requests["/news/article_list_all.html?page=2"] == 1
        assert srv.requests["/admin/"] == 1
        assert sum(srv.requests.values()) == 4


def test_quiet(capfd):
    with DemoServer() as srv:
        fetch(srv.base_url, "/")
        fetch(srv.base_url, "/missing")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_today_is_fixed_when_given():
    from datetime import datetime
    from crawler.demo.content import KST
    with DemoServer(today=datetime(2025, 12, 10, 10, 47, tzinfo=KST)) as srv:
        body = fetch(srv.base_url, "/").body.decode("utf-8")
    assert '<p class="today_txt">2025.12.10 (수)</p>' in body


def test_module_runs_in_foreground():
    proc = subprocess.Popen([sys.executable, "-m", "crawler.demo.server", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", line)
        assert fetch(line, "/robots.txt").status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
