"""누리일보: a Korean site on the ND소프트 CMS (`articleView.html?idxno=N`, current skin).

Routes: `/news/articleView.html?idxno=N`, `/rss/allArticle.xml` (the newest FEED_SIZE
articles, `dc:creator`), `/news/articleList.html?page=P` (newest first, `#section-list`),
robots.txt allowing everything. Article pages carry ETag and Last-Modified and answer a
matching conditional request with 304, which the `--refresh` test relies on; a test can
revise an article (`NdsoftSite.revised`) between two crawls. Each
article's 'most read' box links the article before it.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from tests.crawler.webserver.common import Story, esc, not_found, page
from tests.crawler.webserver.server import Reply

KST = ZoneInfo("Asia/Seoul")
BRAND = "누리일보"
SECTION = "경제"
PER_PAGE = 4
FEED_PATH = "/rss/allArticle.xml"
FEED_SIZE = 4
LIST_PATH = "/news/articleList.html"

_RAW: list[tuple[int, str, str, list[str]]] = [
    (201, "수출 3개월 연속 증가세", "김은별", [
        "지난달 수출이 1년 전보다 늘어 3개월 연속 증가세를 이어갔다.",
        "반도체와 자동차가 증가세를 이끌었다.",
    ]),
    (202, "기준금리 동결, 물가 안정 우선", "장보고", [
        "한국은행이 기준금리를 연 3.0%로 동결했다.",
        "금통위는 물가 흐름을 좀 더 지켜보겠다고 밝혔다.",
    ]),
    (203, "전통시장 온누리상품권 환급 행사", "김은별", [
        "전통시장에서 장을 보면 온누리상품권으로 돌려주는 행사가 열린다.",
        "행사는 이달 말까지 전국 300여 개 시장에서 진행된다.",
    ]),
    (204, "청년 창업 지원금 신청 두 배 늘어", "윤서연", [
        "올해 청년 창업 지원금 신청이 지난해의 두 배로 늘었다.",
        "지원 대상은 만 39세 이하 예비 창업자다.",
    ]),
    (205, "수도권 아파트 분양 물량 감소", "장보고", [
        "이달 수도권 아파트 분양 물량이 지난해보다 줄었다.",
        "업계는 공사비 상승을 원인으로 꼽았다.",
    ]),
    (206, "중소기업 스마트공장 보급 확대", "윤서연", [
        "정부가 중소기업 스마트공장 보급 사업을 확대한다.",
        "올해 지원 기업은 2천 곳으로 늘어난다.",
    ]),
    (207, "소상공인 전기요금 분할 납부 연장", "김은별", [
        "소상공인 전기요금 분할 납부 제도가 연말까지 연장된다.",
        "신청은 한국전력 지사에서 받는다.",
    ]),
    (208, "지역화폐 발행 규모 역대 최대", "장보고", [
        "올해 지역화폐 발행 규모가 역대 최대를 기록할 전망이다.",
        "지자체들은 할인율을 10%로 유지하기로 했다.",
    ]),
]


def _story(no: int, title: str, reporter: str, paras: list[str]) -> Story:
    published = datetime(2025, 4, 2, 10, 30, tzinfo=KST) + timedelta(days=no - 201)
    return Story(key=no, path=f"/news/articleView.html?idxno={no}", title=title,
                 authors=(reporter,), published=published, paragraphs=tuple(paras),
                 section=SECTION)


STORIES: dict[int, Story] = {r[0]: _story(*r) for r in _RAW}
NEWEST_FIRST: list[int] = sorted(STORIES, reverse=True)
FEED_ITEMS: list[int] = NEWEST_FIRST[:FEED_SIZE]
PAGES = -(-len(NEWEST_FIRST) // PER_PAGE)


def list_path(page_no: int) -> str:
    return f"{LIST_PATH}?page={page_no}"


def _top(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title>"
        f'<link rel="alternate" type="application/rss+xml" href="{FEED_PATH}"></head><body>'
        f'<header id="user-header"><h1><a href="/">{BRAND}</a></h1>'
        f'<nav><a href="{list_path(1)}">전체기사</a></nav></header>'
    )


_FOOTER = (f'<footer id="user-footer"><p>저작권자 © {BRAND} 무단전재 및 재배포 금지</p>'
           "</footer></body></html>")


def article_html(story: Story) -> str:
    when = story.published.strftime("%Y.%m.%d %H:%M")
    reporter = story.authors[0]
    paras = "".join(f"<p>{esc(p)}</p>" for p in story.paragraphs)
    previous = STORIES.get(int(story.key) - 1)
    box = (f'<li><a href="{previous.path}">{esc(previous.title)}</a></li>' if previous else "")
    return (
        _top(f"{story.title} < {SECTION} < 기사본문 - {BRAND}")
        + '<section id="section"><header class="article-view-header">'
        f'<div class="article-header-wrap"><h3 class="heading">{esc(story.title)}</h3>'
        '<article class="info-group"><ul class="infomation">'
        f'<li><i class="icon-user-o"><span class="show-for-sr">기자명</span></i> {reporter} 기자</li>'
        f'<li><i class="icon-clock-o"><span class="show-for-sr">입력</span></i> 입력 {when}</li>'
        "</ul></article></div></header>"
        '<article id="article-view-content-div" class="article-veiw-body view-page" '
        f'itemprop="articleBody">{paras}</article>'
        f'<article class="writer"><strong class="name">{reporter} 기자</strong></article>'
        f'<article class="article-copy">저작권자 © {BRAND} 무단전재 및 재배포 금지</article>'
        f'<aside class="most-read"><h2>많이 본 뉴스</h2><ul>{box}</ul></aside></section>'
        + _FOOTER
    )


def list_html(page_no: int) -> str:
    numbers = NEWEST_FIRST[(page_no - 1) * PER_PAGE: page_no * PER_PAGE]
    items = "".join(
        f'<li><h4 class="titles"><a href="{STORIES[n].path}">{esc(STORIES[n].title)}</a></h4>'
        f'<p class="lead"><a href="{STORIES[n].path}">{esc(STORIES[n].paragraphs[0])}</a></p>'
        f'<span class="byline"><em>{SECTION}</em><em>{STORIES[n].authors[0]} 기자</em>'
        f"<em>{STORIES[n].published.strftime('%Y.%m.%d %H:%M')}</em></span></li>"
        for n in numbers
    )
    pager = "".join(f'<li><a href="{list_path(p)}">{p}</a></li>' for p in range(1, PAGES + 1))
    return (_top(f"전체기사 - {BRAND}") + f'<section id="section-list"><ul>{items}</ul>'
            f'<ul class="pagination">{pager}</ul></section>' + _FOOTER)


def feed_xml(base: str) -> str:
    rows = "".join(
        f"<item><title>{esc(s.title)}</title><link>{base.rstrip('/')}{esc(s.path)}</link>"
        f"<description>{esc(s.paragraphs[0])}</description>"
        f"<dc:creator>{esc(s.authors[0])}</dc:creator>"
        f"<pubDate>{s.published.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>"
        for s in (STORIES[n] for n in FEED_ITEMS)
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{BRAND}</title><link>{esc(base)}</link>{rows}</channel></rss>")


class NdsoftSite:
    """``revised[idxno] = story`` serves a corrected version of an article from then on;
    articles in ``held`` do not answer (for HOLD_SECONDS) until removed from it."""

    name = "nuri"
    cms = "ndsoft"
    HOLD_SECONDS = 60.0

    def __init__(self) -> None:
        self.revised: dict[int, Story] = {}
        self.held: set[int] = set()

    def respond(self, method: str, target: str, headers: dict[str, str], base: str) -> Reply:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query))
        if parts.path == "/robots.txt":
            return page("User-agent: *\nAllow: /\n", kind="text/plain")
        if parts.path == FEED_PATH:
            return page(feed_xml(base), kind="application/rss+xml")
        if parts.path == "/news/articleView.html" and query.get("idxno", "").isdigit():
            number = int(query["idxno"])
            if number in self.held:
                return Reply(503, b"", stall=self.HOLD_SECONDS)
            story = self.revised.get(number) or STORIES.get(number)
            if story is not None:
                return page(article_html(story), modified=story.published,
                            request_headers=headers)
        if parts.path == LIST_PATH:
            page_no = int(query.get("page", "1") or 1) if query.get("page", "1").isdigit() else 0
            if 1 <= page_no <= PAGES:
                return page(list_html(page_no))
        return not_found()
