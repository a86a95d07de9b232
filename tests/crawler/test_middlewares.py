from datetime import datetime, timezone

import pytest

from crawler.extensions import progress_line
from crawler.middlewares import retry_after_seconds

NOW = datetime(2025, 4, 9, 0, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "header, expected",
    [
        (b"5", 5.0),
        (b" 120 ", 120.0),
        (b"Wed, 09 Apr 2025 00:00:30 GMT", 30.0),
        (b"Tue, 08 Apr 2025 23:00:00 GMT", 0.0),  # in the past: retry now
        (b"soon", None),
        (None, None),
        (b"", None),
    ],
)
def test_retry_after_seconds(header, expected):
    assert retry_after_seconds(header, now=NOW) == expected


def test_progress_line_shows_counts_and_rate():
    stats = {"downloader/response_count": 50, "newsarchive/new": 40, "newsarchive/failed": 2}
    line = progress_line(stats, 10.0)
    assert line == ("pages 50 | articles new 40, updated 0, unchanged 0, failed 2 | "
                    "5.0 pages/s | 10s")


def _meta_refresh_mw():
    from scrapy.utils.test import get_crawler

    from crawler.middlewares import MetaRefreshMiddleware

    return MetaRefreshMiddleware.from_crawler(get_crawler())


@pytest.mark.parametrize("body, encoding, redirected", [
    ('<html><head><meta http-equiv="refresh" content="0;url=/b"></head></html>', "utf-8", True),
    ('<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; URL=/b"></head></html>', "utf-8", True),
    ('<HTML><HEAD><META HTTP-EQUIV="REFRESH" CONTENT="0; URL=/b"></HEAD></HTML>', "utf-8", True),
    ('<html><head><meta http-equiv="refresh" content="0;url=/b"></head></html>', "utf-16", True),
    ('<html><head><title>기사</title></head><body>' + "본문 " * 5000 + "</body></html>", "utf-8", False),
    ('<html><head><meta http-equiv="refresh" content="0;url=/b"></head>기사</html>', "euc-kr", True),
])
def test_meta_refresh_found_without_decoding_every_page(body, encoding, redirected):
    from scrapy import Request
    from scrapy.http import HtmlResponse

    request = Request("http://127.0.0.1/a")
    response = HtmlResponse("http://127.0.0.1/a", body=body.encode(encoding),
                            encoding=encoding, request=request)
    out = _meta_refresh_mw().process_response(request, response)
    if redirected:
        assert isinstance(out, Request) and out.url.startswith("http://127.0.0.1/b")
    else:
        assert out is response
        assert response._cached_ubody is None  # the page was never decoded
