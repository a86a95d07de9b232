"""URL routing of the demo site: request target in, status + headers + bytes out.

Kept apart from the HTTP server so the fixture saver and tests can render any URL
without a socket, and get byte-for-byte what the server would send.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from crawler.demo import feeds, pages
from crawler.demo.content import (
    ARTICLES_BY_ID, CMS_ARTICLE_NO, CMS_NDSOFT, SECTION_NO, DemoArticle,
)
from crawler.demo.ndsoft import render_ndsoft

HTML_UTF8 = "text/html; charset=utf-8"
HTML_EUCKR = "text/html; charset=euc-kr"


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    #: the article behind the page, for Last-Modified / ETag / If-Modified-Since
    article: DemoArticle | None = None

    @property
    def last_modified(self) -> datetime | None:
        return self.article.last_modified if self.article else None

    @property
    def etag(self) -> str | None:
        if self.article is None:
            return None
        return f'"a{self.article.id}-{int(self.article.last_modified.timestamp())}"'


def _int(query: dict[str, list[str]], key: str, default: int | None = None) -> int | None:
    values = query.get(key)
    if not values:
        return default
    try:
        return int(values[0])
    except ValueError:
        return None


def _html(text: str, status: int = 200) -> Response:
    return Response(status, HTML_UTF8, text.encode("utf-8"))


def _article(a: DemoArticle, base_url: str, today: datetime | None) -> Response:
    html = (render_ndsoft(a, base_url, today) if a.cms == CMS_NDSOFT
            else pages.render_article_no(a, base_url, today))
    if a.encoding == "utf-8":
        return Response(200, HTML_UTF8, html.encode("utf-8"), a)
    # EUC-KR pages are really CP949 (as on real sites); characters outside it, such as
    # the © of the copyright line, become numeric character references.
    return Response(200, HTML_EUCKR, html.encode("cp949", errors="xmlcharrefreplace"), a)


def render(target: str, base_url: str, today: datetime | None = None) -> Response:
    """The response to a GET of ``target`` (path plus query) on the demo site."""
    parts = urlsplit(target)
    path = parts.path or "/"
    query = parse_qs(parts.query)
    not_found = _html(pages.render_error(404, base_url, today), 404)

    if path in ("/", "/index.html"):
        return _html(pages.render_home(base_url, today))
    if path == "/admin" or path.startswith("/admin/"):
        return _html(pages.render_error(403, base_url, today), 403)
    if path == "/robots.txt":
        return Response(200, "text/plain; charset=utf-8",
                        feeds.render_robots(base_url).encode("utf-8"))
    if path == "/sitemap.xml":
        return Response(200, "application/xml; charset=utf-8",
                        feeds.render_sitemap(base_url).encode("utf-8"))
    if path == "/data/rss/news.xml":
        return Response(200, "application/rss+xml; charset=utf-8",
                        feeds.render_rss(base_url).encode("utf-8"))
    if path in ("/news/article.html", "/news/articleView.html"):
        key, cms = (("no", CMS_ARTICLE_NO) if path.endswith("article.html")
                    else ("idxno", CMS_NDSOFT))
        a = ARTICLES_BY_ID.get(_int(query, key) or -1)
        if a is None or a.cms != cms:
            return not_found
        return _article(a, base_url, today)
    if path in ("/news/section_list_all.html", "/news/section.html"):
        sec_no, page = _int(query, "sec_no"), _int(query, "page", 1)
        if sec_no not in SECTION_NO.values() or page is None or page < 1:
            return not_found
        return _html(pages.render_section_list(sec_no, page, base_url, today))
    if path == "/news/article_list_all.html":
        page = _int(query, "page", 1)
        if page is None or page < 1:
            return not_found
        return _html(pages.render_all_list(page, base_url, today))
    return not_found
