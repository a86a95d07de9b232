"""한울뉴스: a Korean site on the `article.html?no=N` CMS (the TV서울 family).

Routes: `/news/article.html?no=N`, the all-articles RSS `/data/rss/news.xml`, section
lists `/news/section_list_all.html?sec_no=N&page=P` (newest first, `ul.art_list_all`,
pager `div.btn_pagenum`), a robots.txt that allows everything. Articles 104, 105 and
list page 2 of section 1 are served as CP949 bytes labelled `charset=euc-kr`, with
CP949-only syllables (똠, 햏, 뷁) that a strict EUC-KR decoder rejects. Article 100 is
on no list and in no feed: only the teaser box of article 101 links to it. The feed
links article 110 with `utm_` tracking parameters; the list links it without.

The error cases (`tests.crawler.webserver.trouble`) are mounted on this site too.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from tests.crawler.webserver.common import Story, esc, not_found, page
from tests.crawler.webserver.server import Reply
from tests.crawler.webserver.trouble import Trouble

KST = ZoneInfo("Asia/Seoul")
BRAND = "한울뉴스"
SECTIONS = {1: "정치", 2: "사회"}
PER_PAGE = 4
FEED_PATH = "/data/rss/news.xml"
FEED_SIZE = 5
#: the feed's link to this article carries tracking parameters
TRACKED = 110
TRACKING_QUERY = "&utm_source=rss&utm_medium=feed&utm_campaign=daily"
#: CP949-encoded pages (labelled euc-kr)
CP949_ARTICLES = frozenset({104, 105})
CP949_LISTS = frozenset({(1, 2)})

_RAW: list[tuple[int, int, str, str, list[str]]] = [
    (100, 2, "서초구, 양재 AI 특구 우수기업센터 조성 착수", "심현주", [
        "서울 서초구는 양재 AI 특구 안에 우수기업센터를 조성하는 작업에 들어갔다고 1일 밝혔다.",
        "구는 강남데이터센터의 오피스동을 활용해 연말까지 스타트업 40여 곳을 유치할 계획이다.",
    ]),
    (101, 1, "서울시의회, 미래 일자리 연구회 토론회 개최", "나재희", [
        "서울시의회 의원연구단체가 주관하는 AI 시대 일자리 토론회가 시의회에서 열렸다.",
        "참석자들은 청년층 고용 불안정에 대한 선제적 정책 대응 방안을 논의했다.",
    ]),
    (102, 1, "국회 행안위, 지방재정 개편안 공청회", "박민수", [
        "국회 행정안전위원회가 지방재정 개편안을 두고 공청회를 열었다.",
        "전문가들은 지방교부세 배분 기준을 인구 감소 지역에 맞게 바꿔야 한다고 지적했다.",
    ]),
    (103, 2, "한강공원 야간 안전요원 두 배로 늘린다", "이수진", [
        "서울시는 봄철을 맞아 한강공원 야간 안전요원을 두 배로 늘린다고 밝혔다.",
        "순찰 구간은 여의도와 반포, 뚝섬 등 이용객이 많은 곳을 중심으로 정해졌다.",
    ]),
    (104, 1, "구의회, 햏복 주민센터 조례안 가결", "최영호", [
        "구의회는 본회의에서 이른바 햏복 주민센터 조례안을 가결했다.",
        "조례안은 동 주민센터에 주민 공유공간을 두도록 하는 내용을 담았다.",
    ]),
    (105, 1, "'똠방각하' 재조명, 구립도서관 고전 드라마 상영회", "김하늘", [
        "구립도서관이 1980년대 드라마 똠방각하를 다시 보는 상영회를 연다.",
        "도서관 측은 뷁 같은 옛 통신 유행어를 소개하는 전시도 함께 마련했다.",
    ]),
    (106, 2, "서울 지하철 심야 연장 운행 시범 실시", "정다은", [
        "서울시는 지하철 일부 노선의 심야 연장 운행을 시범 실시한다고 밝혔다.",
        "시범 운행은 금요일과 토요일 밤 두 시간 연장하는 방식으로 진행된다.",
    ]),
    (107, 1, "여야, 선거구 획정 협상 재개", "박민수", [
        "여야가 멈춰 섰던 선거구 획정 협상을 다시 시작했다.",
        "양측은 이달 안에 획정안을 처리하기로 의견을 모았다.",
    ]),
    (108, 1, "서울시장, 규제자유특구 추가 지정 건의", "나재희", [
        "서울시장은 정부에 규제자유특구를 추가로 지정해 달라고 건의했다.",
        "시는 바이오와 로봇 분야를 후보로 제시했다.",
    ]),
    (109, 2, "봄철 미세먼지 비상저감조치 발령", "이수진", [
        "수도권에 올해 첫 미세먼지 비상저감조치가 발령됐다.",
        "공공기관 차량 2부제가 시행되고 사업장 조업 시간이 조정된다.",
    ]),
    (110, 1, "서울 서초구-더프리콘 '양재AI특구 우수기업센터 조성' 맞손", "심현주", [
        "서울 서초구는 양재 AI 특구 내 인공지능 생태계 구축을 위한 우수기업센터 조성과 관련해 "
        "더프리콘과 업무협약을 맺었다고 9일 밝혔다.",
        "지난해 11월 양재·우면동 일대가 전국 최초 AI 분야 특구로 지정됨에 따라 AI 산업 "
        "생태계를 활성화하기 위해서다.",
    ]),
]


def _published(no: int) -> datetime:
    return datetime(2025, 4, 1, 9, 5, 3, tzinfo=KST) + timedelta(days=no - 100, minutes=no - 100)


def _story(no: int, sec: int, title: str, reporter: str, paras: list[str]) -> Story:
    return Story(key=no, path=f"/news/article.html?no={no}", title=title, authors=(reporter,),
                 published=_published(no), paragraphs=tuple(paras),
                 section=SECTIONS[sec], encoding="cp949" if no in CP949_ARTICLES else "utf-8")


#: Every article of the site, by number: the ground truth of a full crawl.
STORIES: dict[int, Story] = {r[0]: _story(*r) for r in _RAW}
SECTION_OF: dict[int, int] = {r[0]: r[1] for r in _RAW}
#: Articles in the section lists (100 is teaser-only), newest first per section.
LISTED: dict[int, list[int]] = {
    sec: sorted((n for n, s in SECTION_OF.items() if s == sec and n != 100), reverse=True)
    for sec in SECTIONS
}
FEED_ITEMS: list[int] = sorted((n for n in STORIES if n != 100), reverse=True)[:FEED_SIZE]


def teased_by(no: int) -> list[int]:
    """The 'most read' box of article `no` links the two articles before it."""
    return [n for n in (no - 1, no - 2) if n in STORIES]


def list_pages(sec: int) -> int:
    return max(1, -(-len(LISTED[sec]) // PER_PAGE))


def list_path(sec: int, page_no: int) -> str:
    return f"/news/section_list_all.html?sec_no={sec}&page={page_no}"


def _chrome_top(title: str, encoding: str) -> str:
    charset = "euc-kr" if encoding == "cp949" else "utf-8"
    nav = "".join(f'<li><a href="{list_path(s, 1)}">{n}</a></li>' for s, n in SECTIONS.items())
    return (
        f'<!DOCTYPE html>\n<html lang="ko"><head><meta charset="{charset}">'
        f"<title>{esc(title)}</title>"
        f'<link rel="alternate" type="application/rss+xml" title="{BRAND}" href="{FEED_PATH}">'
        "</head><body>"
        f'<div id="header"><p class="today_txt">2025.04.09 (수)</p>'
        f'<a class="logo" href="/">{BRAND}</a><ul class="gnb">{nav}</ul>'
        '<div class="weather_box"><ul class="weather_slide"><li class="icon_w">서울 5.0℃</li>'
        '</ul><a class="wc" href="http://www.kma.go.kr/">기상청 제공</a></div></div>'
    )


_FOOTER = (f'<div id="footer"><p>저작권자 ⓒ {BRAND} 무단전재 및 재배포 금지</p>'
           '<p>서울특별시 중구 세종대로 1 | 대표전화 02-000-0000</p></div></body></html>')


def article_html(story: Story, teasers: list[Story]) -> str:
    when = story.published.strftime("%Y.%m.%d %H:%M:%S")
    # the first paragraph opens with the dateline byline, which extraction moves to authors
    lead = f"[{BRAND}={story.authors[0]} 기자] "
    paras = "".join(f"<p>{esc(lead if i == 0 else '')}{esc(p)}</p>"
                    for i, p in enumerate(story.paragraphs))
    box = "".join(
        f'<li><a href="{t.path}"><span class="auto_title">{esc(t.title)}</span></a></li>'
        for t in teasers
    )
    return (
        _chrome_top(f"{story.title} - {BRAND}", story.encoding)
        + f'<div class="arv_001"><div class="art_top"><h2>{esc(story.title)}</h2>'
        f'<ul class="art_info"><li>{esc(story.authors[0])} 기자</li><li>등록 {when}</li></ul>'
        '</div><div class="cnt_view news_body_area">'
        f'<div id="news_body_area" class="smartOutput" itemprop="articleBody">{paras}</div>'
        '</div><ul class="btn_share"><li><a href="#">공유</a></li></ul></div>'
        f'<div class="arl_001"><h3>많이 본 뉴스</h3><ul class="lst_pop">{box}</ul></div>'
        + _FOOTER
    )


def list_html(sec: int, page_no: int, encoding: str) -> str:
    numbers = LISTED[sec][(page_no - 1) * PER_PAGE: page_no * PER_PAGE]
    items = "".join(
        f'<li><a href="/news/article.html?no={n}"><h2>{esc(STORIES[n].title)}</h2>'
        f"<p>{esc(STORIES[n].paragraphs[1])}</p></a></li>"
        for n in numbers
    )
    pager = "".join(f'<a href="{list_path(sec, p)}">{p}</a>' for p in range(1, list_pages(sec) + 1))
    return (
        _chrome_top(f"{SECTIONS[sec]} - {BRAND}", encoding)
        + f'<div class="sub_tit"><h2>{SECTIONS[sec]}</h2></div>'
        f'<ul class="art_list_all">{items}</ul><div class="btn_pagenum">{pager}</div>'
        + _FOOTER
    )


def feed_xml(base: str, items: list[Story], title: str = BRAND) -> str:
    rows = []
    for s in items:
        link = base.rstrip("/") + s.path + (TRACKING_QUERY if s.key == TRACKED else "")
        rows.append(
            f"<item><title>{esc(s.title)}</title><link>{esc(link)}</link>"
            f"<description>{esc(s.paragraphs[1])}</description>"
            f"<author>{esc(s.authors[0])}</author>"
            f"<pubDate>{s.published.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{esc(title)}</title><link>{esc(base)}</link>"
        f"<description>{BRAND} 전체기사</description>{''.join(rows)}</channel></rss>"
    )


class KoreanSite:
    name = "hanul"
    cms = "article_no"

    def __init__(self) -> None:
        self.trouble = Trouble(self)

    def article_reply(self, story: Story, headers: dict[str, str]) -> Reply:
        teasers = [STORIES[n] for n in teased_by(int(story.key))]
        return page(article_html(story, teasers), encoding=story.encoding,
                    modified=story.published, request_headers=headers)

    def respond(self, method: str, target: str, headers: dict[str, str], base: str) -> Reply:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query))
        path = parts.path
        if path == "/robots.txt":
            return page("User-agent: *\nAllow: /\n", kind="text/plain")
        if path == FEED_PATH:
            return page(feed_xml(base, [STORIES[n] for n in FEED_ITEMS]), kind="application/rss+xml")
        if path == "/news/article.html" and query.get("no", "").isdigit():
            no = int(query["no"])
            if no in STORIES:
                return self.article_reply(STORIES[no], headers)
            return self.trouble.respond(no, headers, base)
        if path == "/news/section_list_all.html":
            sec, page_no = int(query.get("sec_no", 0) or 0), int(query.get("page", 1) or 1)
            if sec in SECTIONS and 1 <= page_no <= list_pages(sec):
                enc = "cp949" if (sec, page_no) in CP949_LISTS else "utf-8"
                return page(list_html(sec, page_no, enc), encoding=enc)
        if path == self.trouble.FEED_PATH:
            return page(self.trouble.feed(base), kind="application/rss+xml")
        return not_found()
