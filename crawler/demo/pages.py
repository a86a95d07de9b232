"""HTML pages of the demo site in the ``article.html?no=`` CMS skin (TV서울's family).

Every renderer returns a ``str``; `crawler.demo.routes` encodes it (UTF-8, or CP949 for
the EUC-KR pages). ``today`` is the moment the page claims to be rendered at: the real
time by default, a fixed one when saving fixtures so the saved bytes are stable.
"""
from __future__ import annotations

import math
from datetime import datetime

from crawler.demo import chrome
from crawler.demo.chrome import e
from crawler.demo.content import (
    ARTICLES, SECTIONS, SITE_NAME, DemoArticle, article_path, newest_first, section_articles,
)

PAGE_SIZE = 8
PAGER_BLOCK = 5


def _abs(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def charset_of(a: DemoArticle) -> str:
    """The charset label a page declares: ``euc-kr`` for CP949-encoded pages."""
    return "utf-8" if a.encoding == "utf-8" else "euc-kr"


# --------------------------------------------------------------------------- article

def _body_html(a: DemoArticle) -> str:
    """The article body as the CMS's editor saves it: byline in the first paragraph, a
    photo with caption after it, an empty spacer paragraph and an ad slot in the middle."""
    paras = [f"{a.byline} {a.body_paragraphs[0]}", *a.body_paragraphs[1:]]
    out = [f"<p>{e(paras[0])}</p>\n"]
    out.append(
        '<figure class="photo" style="text-align:center">'
        f'<img src="{chrome.photo_url(a)}" alt="{e(a.title)}" style="max-width:100%" '
        'width="640" height="427">\n'
        f"<figcaption>{e(chrome.photo_caption(a))}</figcaption></figure>\n"
    )
    spacer_at = max(2, len(paras) // 2)
    for i, p in enumerate(paras[1:], 1):
        if i == spacer_at:
            out.append("<p>&nbsp;</p>\n")
            out.append(
                '<div class="ad_in_art" style="margin:20px 0"><!-- 본문중간광고 -->\n'
                "<script type=\"text/javascript\">var ad_zone_mid = 'art_mid'; "
                "document.write('<div id=\"ad_art_mid\"></div>');</script>\n</div>\n"
            )
        out.append(f"<p>{e(p)}</p>\n")
    return "".join(out)


def _jour_boxes(a: DemoArticle) -> str:
    boxes = []
    for au in a.authors:
        email = (f'<p class="email"><a href="mailto:{e(au["email"])}">{e(au["email"])}</a></p>'
                 if au["email"] else "")
        boxes.append(
            '\t<div class="jour_box">\n'
            f'\t\t<p class="name">{e(au["name"])} {e(au["role"])}</p>{email}\n'
            f'\t\t<a class="other" href="/news/search_result.html?search_mode=multi&amp;'
            f's_name=1&amp;search={e(au["name"])}">다른기사 보기</a>\n\t</div>\n'
        )
    return '<div class="arv_003">\n' + "".join(boxes) + "</div>\n"


def render_article_no(a: DemoArticle, base_url: str, today: datetime | None = None) -> str:
    """An article page of the article_no CMS, chrome and teasers included."""
    now = chrome.now_kst(today)
    url = _abs(base_url, article_path(a))
    info = [f"<li>{e(chrome.reporter_line(a))}</li>",
            f"<li>등록 {a.published_at:%Y.%m.%d %H:%M:%S}</li>"]
    if a.modified_at:
        info.append(f"<li>수정 {a.modified_at:%Y.%m.%d %H:%M:%S}</li>")
    subtitle = f"\t\t<h3>{e(a.subtitle)}</h3>\n" if a.subtitle else ""
    teasers = chrome.pick_teasers(a, a.id)
    hdl = "".join(chrome.hdl_box(40 + i, no, name, items)
                  for i, (no, name, items) in enumerate(teasers.hdl))
    comments = a.id % 7
    aside = (chrome.ad_box("aside_top") + chrome.popular_box(teasers.popular) + hdl
             + chrome.photo_box(52, teasers.photo) + chrome.latest_box(chrome.latest(6))
             + chrome.ad_box("aside_bottom"))
    return (
        chrome.head_html(title=f"{a.title} - {SITE_NAME}", charset=charset_of(a), canonical=url,
                         description=chrome.lead_text(a, 150),
                         og_image=_abs(base_url, chrome.photo_url(a)))
        + chrome.header_html(now, a.sec_no)
        + f"""<!-- container -->
<div id="container"><div class="inner">
<div id="content" class="content">
<div class="arv_001">
	<div class="art_top">
		<div class="sec_tit"><a href="{chrome.section_url(a.sec_no)}">{e(a.section)}</a></div>
		<h2>{e(a.title)}</h2>
{subtitle}		<ul class="art_info">
			{"".join(info)}
		</ul>
		<ul class="art_util">
			<li><a href="javascript:void(0);" class="font_up" title="글자 크게">가+</a></li>
			<li><a href="javascript:void(0);" class="font_down" title="글자 작게">가-</a></li>
			<li><a href="javascript:window.print();" class="print" title="인쇄">인쇄</a></li>
		</ul>
	</div>
	<div class="cnt_view news_body_area">
		<div id="news_body_area" class="smartOutput" itemprop="articleBody">
{_body_html(a)}		</div>
	</div>
	<p class="copyright">저작권자 &copy; {SITE_NAME} 무단전재 및 재배포 금지</p>
	<ul class="btn_share">
		<li><a href="javascript:void(0);" class="facebook" title="페이스북">페이스북</a></li>
		<li><a href="javascript:void(0);" class="twitter" title="X(트위터)">X</a></li>
		<li><a href="javascript:void(0);" class="kakao" title="카카오톡">카카오톡</a></li>
		<li><a href="javascript:void(0);" class="band" title="밴드">밴드</a></li>
		<li><a href="javascript:void(0);" class="url_copy" title="URL복사">URL복사</a></li>
	</ul>
</div>
{_jour_boxes(a)}<div class="arv_005 cmt_area">
	<p class="cmt_count">댓글 <em>{comments}</em>개</p>
	<div class="cmt_write"><textarea title="댓글 입력" placeholder="로그인 후 댓글을 남겨주세요." disabled></textarea></div>
</div>
{chrome.ad_box("view_bottom")}{chrome.arl_box(17, teasers.arl)}</div>
<!-- aside -->
<div id="aside">
{aside}</div>
</div></div>
<!-- //container -->
{chrome.VIEW_SCRIPT}"""
        + chrome.footer_html(now)
    )


# --------------------------------------------------------------------------- lists



def _list_page(*, title: str, heading: str, items: list[DemoArticle], page: int,
               href: str, base_url: str, canonical: str, today: datetime | None,
               sec_no: int | None) -> str:
    pages = max(1, math.ceil(len(items) / PAGE_SIZE))
    return chrome.list_page_html(
        title=title, heading=heading, description=f"{SITE_NAME} {heading}",
        canonical=_abs(base_url, canonical), now=chrome.now_kst(today), sec_no=sec_no,
        items=items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], total=len(items),
        pager=chrome.pager_html(page, pages, href, PAGER_BLOCK),
        popular=chrome.pick_teasers(None, (sec_no or 0) * 100 + page).popular)


def section_pages(sec_no: int) -> int:
    return max(1, math.ceil(len(section_articles(sec_no)) / PAGE_SIZE))


def all_pages() -> int:
    return max(1, math.ceil(len(ARTICLES) / PAGE_SIZE))


def render_section_list(sec_no: int, page: int, base_url: str,
                        today: datetime | None = None) -> str:
    """``/news/section_list_all.html?sec_no=N&page=P``: newest first, 8 a page."""
    name = dict(SECTIONS)[sec_no]
    return _list_page(
        title=f"{name} - {SITE_NAME}", heading=name, items=section_articles(sec_no), page=page,
        href=f"/news/section_list_all.html?sec_no={sec_no}&amp;page=", base_url=base_url,
        canonical=chrome.section_url(sec_no, page), today=today, sec_no=sec_no)


def render_all_list(page: int, base_url: str, today: datetime | None = None) -> str:
    """``/news/article_list_all.html?page=P``: every article, newest first."""
    return _list_page(
        title=f"전체기사 - {SITE_NAME}", heading="전체기사", items=newest_first(), page=page,
        href="/news/article_list_all.html?page=", base_url=base_url,
        canonical=f"/news/article_list_all.html?page={page}", today=today, sec_no=None)


# --------------------------------------------------------------------------- home

def render_home(base_url: str, today: datetime | None = None) -> str:
    now = chrome.now_kst(today)
    newest = newest_first()
    top, rest = newest[0], newest[1:11]
    boxes = "".join(
        chrome.hdl_box(10 + i, no, name, section_articles(no)[:4])
        for i, (no, name) in enumerate(SECTIONS)
    )
    teasers = chrome.pick_teasers(None, 7)
    return (
        chrome.head_html(title=f"{SITE_NAME} - 지역과 사람을 잇는 뉴스", charset="utf-8",
                         canonical=_abs(base_url, "/"),
                         description=f"{SITE_NAME}: 지방자치, 정치, 사회, 경제, 문화 뉴스")
        + chrome.header_html(now)
        + f"""<div id="container"><div class="inner">
<div id="content" class="content main">
{chrome.arl_box(1, top)}{chrome.latest_box(rest)}{boxes}</div>
<div id="aside">
{chrome.ad_box("main_aside")}{chrome.popular_box(teasers.popular)}</div>
</div></div>
"""
        + chrome.footer_html(now)
    )


def render_error(status: int, base_url: str, today: datetime | None = None) -> str:
    now = chrome.now_kst(today)
    message = {403: "접근 권한이 없습니다.", 404: "요청하신 페이지를 찾을 수 없습니다."}.get(
        status, "오류가 발생했습니다.")
    return (
        chrome.head_html(title=f"{status} - {SITE_NAME}", charset="utf-8",
                         canonical=_abs(base_url, "/"), description=message)
        + chrome.header_html(now)
        + f"""<div id="container"><div class="inner"><div class="error_page">
	<h2>{status}</h2><p>{message}</p><p><a href="/">메인으로 이동</a></p>
</div></div></div>
"""
        + chrome.footer_html(now)
    )
