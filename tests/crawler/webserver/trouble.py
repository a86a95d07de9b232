"""Article URLs that misbehave the ways real news servers do, listed in one feed.

Mounted on the Korean site (`/news/article.html?no=N`, feed `/data/rss/trouble.xml`):

====  ===================================================  =========================
no    behaviour                                            crawl outcome
====  ===================================================  =========================
51    301 to article 310 (an old URL of a moved story)     310 archived
320   302 to 321, which 302s back to 320 (a loop)          failed
330   404                                                  failed
331   410 Gone                                             failed
340   500 on the first request, then the article           archived (after a retry)
341   500 always                                           failed (after retries)
350   429 with Retry-After: 1, then the article            archived, >= 1 s later
360   never answers within the crawler's timeout           failed
370   PNG bytes (image/png) at an article URL              failed (not HTML)
380   an HTML body of HUGE_SIZE bytes (> DOWNLOAD_MAXSIZE) failed
====  ===================================================  =========================
"""
from __future__ import annotations

import threading
import zlib
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tests.crawler.webserver.common import Story, not_found
from tests.crawler.webserver.server import Reply

if TYPE_CHECKING:
    from tests.crawler.webserver.korean import KoreanSite

KST = ZoneInfo("Asia/Seoul")
FEED_DATE = datetime(2025, 4, 10, 12, 0, 0, tzinfo=KST)
#: Served size of article 380; tests set DOWNLOAD_MAXSIZE well below it.
HUGE_SIZE = 600_000
#: How long article 360 stalls; tests set DOWNLOAD_TIMEOUT well below it.
STALL_SECONDS = 30.0

OLD_URL, MOVED_TO = 51, 310
LOOP = (320, 321)
FEED_NOS = [51, 320, 330, 331, 340, 341, 350, 360, 370, 380]
#: Feed entries that must end in crawl_runs.errors (320: either end of the loop).
FAILING = {320: "redirect loop", 330: "404", 331: "410", 341: "500 always",
           360: "timeout", 370: "binary body", 380: "too large"}


def _story(no: int, title: str, reporter: str, paras: list[str]) -> Story:
    return Story(key=no, path=f"/news/article.html?no={no}", title=title, authors=(reporter,),
                 published=FEED_DATE.replace(minute=no % 60),
                 paragraphs=tuple(paras),
                 section="사회")


#: Articles the trouble feed leads to that a crawl must archive.
STORIES: dict[int, Story] = {
    310: _story(310, "옮겨진 기사: 구청 청사 이전 확정", "한지민", [
        "구청 청사 이전 계획이 구의회 승인을 받아 확정됐다.",
        "새 청사는 2027년 준공을 목표로 한다.",
    ]),
    340: _story(340, "서버 점검 뒤 다시 열린 민원 창구", "오세훈", [
        "구청 온라인 민원 창구가 점검을 마치고 다시 열렸다.",
        "구는 접수 지연에 대해 사과했다.",
    ]),
    350: _story(350, "접속 폭주 속 청년 주거 지원 접수 시작", "유재석", [
        "청년 주거 지원 사업 접수가 시작되자 신청이 몰렸다.",
        "구는 접수 기간을 일주일 연장하기로 했다.",
    ]),
}


def png_bytes() -> bytes:
    """A valid 1x1 PNG: binary bytes served where an article was expected."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", bytes.fromhex("0000000100000001080600000000"))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00")) + chunk(b"IEND", b""))


class Trouble:
    FEED_PATH = "/data/rss/trouble.xml"

    def __init__(self, site: "KoreanSite") -> None:
        self.site = site
        self._lock = threading.Lock()
        self.calls: dict[int, int] = {}

    def _count(self, no: int) -> int:
        with self._lock:
            self.calls[no] = self.calls.get(no, 0) + 1
            return self.calls[no]

    def feed(self, base: str) -> str:
        from tests.crawler.webserver.korean import feed_xml

        entries = [
            STORIES.get(no) or Story(key=no, path=f"/news/article.html?no={no}",
                                     title=f"기사 {no}", authors=("기자",),
                                     published=FEED_DATE.replace(minute=no % 60),
                                     paragraphs=("", ""))
            for no in FEED_NOS
        ]
        return feed_xml(base, entries, title="한울뉴스 문제 기사")

    def respond(self, no: int, headers: dict[str, str], base: str) -> Reply:
        call = self._count(no)
        html = {"Content-Type": "text/html; charset=utf-8"}
        if no == OLD_URL:
            return Reply(301, b"", {"Location": f"{base}news/article.html?no={MOVED_TO}"})
        if no in LOOP:
            other = LOOP[1] if no == LOOP[0] else LOOP[0]
            return Reply(302, b"", {"Location": f"{base}news/article.html?no={other}"})
        if no in (330, 331):
            return not_found(404 if no == 330 else 410)
        if no == 340 and call == 1 or no == 341:
            return Reply(500, b"<html><body>Internal Server Error</body></html>", html)
        if no == 350 and call == 1:
            return Reply(429, b"<html><body>Too Many Requests</body></html>",
                         {**html, "Retry-After": "1"})
        if no == 360:
            return Reply(200, b"<html></html>", html, stall=STALL_SECONDS)
        if no == 370:
            return Reply(200, png_bytes(), {"Content-Type": "image/png"})
        if no == 380:
            filler = "<p>" + "가나다라마바사 " * 40 + "</p>\n"
            text = "<html><body><h2>큰 페이지</h2>" + filler * (HUGE_SIZE // len(filler.encode()) + 1)
            return Reply(200, text.encode()[:HUGE_SIZE], html)
        if no in STORIES:
            return self.site.article_reply(STORIES[no], headers)
        return not_found()
