"""Article pages in the ``articleView.html?idxno=`` CMS skin (ND소프트, current generation).

A handful of the demo's stories are served in this skin so one crawl meets both Korean
CMS families. The skin's quirks are kept on purpose: the "infomation" and "veiw" typos,
a minutes-only visible date (the seconds are only in ``article:published_time``), the
subtitle as ``h2.subheading`` inside the body, and the reporter box inside the body.
"""
from __future__ import annotations

import json
import random
from datetime import datetime

from crawler.demo import chrome
from crawler.demo.chrome import e
from crawler.demo.content import (
    ARTICLES, SECTIONS, SITE_NAME, DemoArticle, article_path, byline_names,
)


def _abs(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _reporter_li(a: DemoArticle) -> str:
    names = byline_names(a.authors)
    emails = [au["email"] for au in a.authors if au["email"]]
    tail = f" ({', '.join(emails)})" if emails else ""
    return (f'<li><i class="icon-user-o"><span class="show-for-sr">기자명</span></i> '
            f"{e(names)}{e(tail)}</li>")


def _editors(a: DemoArticle) -> str:
    items = []
    for au in a.authors:
        mail = (f' <a href="mailto:{e(au["email"])}" class="user-email">{e(au["email"])}</a>'
                if au["email"] else "")
        items.append(f'<li><strong class="names">{e(au["name"])} {e(au["role"])}</strong>{mail}</li>')
    return ('<div class="view-editors">\n\t<div class="float-left">\n\t\t<ul class="no-bullet">'
            + "".join(items) + "</ul>\n\t</div>\n</div>\n")


def _body(a: DemoArticle) -> str:
    out = []
    if a.subtitle:
        out.append(f'<h2 class="subheading">{e(a.subtitle)}</h2>\n')
    out.append(
        '<figure class="photo-layout image-area">'
        f'<div class="IMGFLOATING" style="width:640px;"><img src="{chrome.photo_url(a)}" '
        f'alt="{e(a.title)}" width="640" height="427"></div>'
        f"<figcaption>{e(chrome.photo_caption(a))}</figcaption></figure>\n"
    )
    mid = max(2, len(a.body_paragraphs) // 2)
    for i, p in enumerate(a.body_paragraphs):
        if i == mid:
            out.append(
                '<div class="ad-template" style="margin: 25px auto;">\n'
                "<script type=\"text/javascript\">var ___BANNER = { idxno: "
                f"{a.id}, zone: 'view_mid', width: 300, height: 250 }};\n"
                "document.write('<div class=\"banner-item\" data-zone=\"view_mid\"></div>');"
                "</script>\n</div>\n"
            )
        out.append(f"<p>{e(p)}</p>\n")
    out.append(_editors(a))
    return "".join(out)


def _relation(a: DemoArticle) -> str:
    rng = random.Random(a.id * 31)
    same = [x for x in ARTICLES if x.section == a.section and x.id != a.id]
    other = [x for x in ARTICLES if x.section != a.section]
    picks = rng.sample(same, min(2, len(same))) + rng.sample(other, 2)
    lis = "".join(
        f'\t\t<li><a href="{article_path(x)}"><span class="auto-titles">{e(x.title)}</span></a>'
        f'<em class="replace-date">{x.published_at:%Y.%m.%d}</em></li>\n' for x in picks
    )
    return (f'<article class="relation">\n\t<header><h3 class="heading">관련기사</h3></header>\n'
            f"\t<ul>\n{lis}\t</ul>\n</article>\n")


def _writer(a: DemoArticle) -> str:
    """The ``article.writer`` box after the body (``strong.name``, ``a.email``)."""
    profiles = []
    for au in a.authors:
        mail = (f' <a href="mailto:{e(au["email"])}" class="email">{e(au["email"])}</a>'
                if au["email"] else "")
        profiles.append(f'<div class="profile"><strong class="name">{e(au["name"])} '
                        f'{e(au["role"])}</strong>{mail}</div>')
    more = (f'<a href="/news/articleList.html?sc_area=I&amp;sc_word={e(a.authors[0]["name"])}'
            '&amp;view_type=sm" class="more">다른기사 보기</a>')
    return f'\t\t<article class="writer">\n\t\t\t{"".join(profiles)}\n\t\t\t{more}\n\t\t</article>\n'


def _aside(a: DemoArticle) -> str:
    teasers = chrome.pick_teasers(a, a.id)
    hdl = "".join(chrome.hdl_box(70 + i, no, name, items)
                  for i, (no, name, items) in enumerate(teasers.hdl))
    return (_side_popular(a) + chrome.ad_box("nd_aside") + hdl
            + chrome.photo_box(52, teasers.photo) + chrome.latest_box(chrome.latest(8)))


def _side_popular(a: DemoArticle) -> str:
    picks = chrome.pick_teasers(a, a.id).popular
    lis = "".join(
        f'\t\t<li class="item"><a href="{article_path(x)}"><em class="number">{i}</em>'
        f'<span class="auto-titles">{e(x.title)}</span></a></li>\n'
        for i, x in enumerate(picks, 1)
    )
    return (f'<section class="side-news" id="skin-12">\n\t<header class="header"><h3 class="heading">'
            f"많이 본 뉴스</h3></header>\n\t<ul class=\"tab-content\">\n{lis}\t</ul>\n</section>\n")


def _json_ld(a: DemoArticle, url: str, base_url: str) -> str:
    """The NewsArticle JSON-LD block the current ND skin prints in <head>."""
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": a.title,
        "image": [_abs(base_url, chrome.photo_url(a))],
        "datePublished": a.published_at.isoformat(),
        "articleSection": a.section,
        "author": [{"@type": "Person", "name": au["name"]} for au in a.authors],
        "publisher": {"@type": "Organization", "name": SITE_NAME,
                      "logo": {"@type": "ImageObject",
                               "url": _abs(base_url, "/image/logo/toplogo_20250301.png")}},
    }
    if a.modified_at:  # only a real modification: ground truth has modified_at None otherwise
        data["dateModified"] = a.modified_at.isoformat()
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def render_ndsoft(a: DemoArticle, base_url: str, today: datetime | None = None) -> str:
    """An article page of the ND skin, chrome included."""
    now = chrome.now_kst(today)
    url = _abs(base_url, article_path(a))
    title = f"{a.title} < {a.section} < 기사본문 - {SITE_NAME}"
    charset = "utf-8" if a.encoding == "utf-8" else "euc-kr"
    modified_meta = (f'<meta property="article:modified_time" content="{a.modified_at.isoformat()}">\n'
                     if a.modified_at else "")
    modified_li = (f'<li><i class="icon-clock-o"><span class="show-for-sr">수정</span></i> '
                   f"수정 {a.modified_at:%Y.%m.%d %H:%M}</li>" if a.modified_at else "")
    nav = "".join(f'<li class="nav-item"><a href="{chrome.section_url(no)}" class="nav-link">{name}</a></li>'
                  for no, name in SECTIONS)
    return f"""<!doctype html>
<html lang="ko">
<head>
<meta charset="{charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{e(title)}</title>
<meta name="title" content="{e(title)}">
<meta name="description" content="{e(chrome.lead_text(a, 150))}">
<meta name="author" content="{e(a.authors[0]["name"])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(a.title)}">
<meta property="og:url" content="{e(url)}">
<meta property="og:image" content="{e(_abs(base_url, chrome.photo_url(a)))}">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="article:section" content="{e(a.section)}">
<meta property="article:published_time" content="{a.published_at.isoformat()}">
{modified_meta}<link rel="canonical" href="{e(url)}">
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} RSS" href="/data/rss/news.xml">
<link rel="stylesheet" href="/css/default.min.css?v=20250301">
<link rel="stylesheet" href="/css/app.min.css?v=20250301">
<script src="/js/vendor/jquery.min.js"></script>
<script type="text/javascript">
	var _ndnews_idxno = {a.id};
	var _ndnews_section = "{e(a.section)}";
	(function(w){{ w.ND_BANNER = w.ND_BANNER || []; w.ND_BANNER.push({{page:'view', idxno:{a.id}}}); }})(window);
</script>
{_json_ld(a, url, base_url)}</head>
<body>
<!-- wrap -->
<div id="user-wrap" class="off-canvas-wrapper">
<header id="user-header">
	<div class="header-top"><div class="float-center max-width-1080">
		<div class="date">{now:%Y년 %m월 %d일} {chrome.WEEKDAYS[now.weekday()]}요일</div>
		<ul class="user-log"><li><a href="javascript:void(0);">로그인</a></li><li><a href="javascript:void(0);">회원가입</a></li></ul>
	</div></div>
	<div class="header-logo"><a href="/" title="{SITE_NAME}"><img src="/image/logo/toplogo_20250301.png" alt="{SITE_NAME}"></a></div>
	<nav id="user-gnb" class="user-gnb"><ul class="nav">{nav}</ul></nav>
{chrome.all_menu_layer()}</header>
<!-- container -->
<div id="user-container"><div class="float-center max-width-1080">
<section class="user-section">
<div class="grid body">
<div class="article-view-header-wrap">
	<header class="article-view-header">
		<div class="article-head-info"><a href="{chrome.section_url(a.sec_no)}" class="section-link">{e(a.section)}</a></div>
		<h3 class="heading">{e(a.title)}</h3>
		<ul class="infomation">
			{_reporter_li(a)}
			<li><i class="icon-clock-o"><span class="show-for-sr">입력</span></i> 입력 {a.published_at:%Y.%m.%d %H:%M}</li>
			{modified_li}
			<li><i class="icon-eye"><span class="show-for-sr">조회수</span></i> 조회수 {a.id * 13 % 900 + 100}</li>
		</ul>
		<ul class="article-util no-bullet">
			<li><button type="button" class="btn-fontsize" title="글씨키우기">글씨키우기</button></li>
			<li><button type="button" class="btn-print" title="인쇄하기">인쇄하기</button></li>
			<li><button type="button" class="btn-share" title="공유하기">공유하기</button></li>
		</ul>
	</header>
</div>
<div class="article-view-content">
	<div class="article-view-content-wrap">
		<article id="article-view-content-div" class="article-veiw-body view-page font-size17" itemprop="articleBody">
{_body(a)}		</article>
		<!-- 저작권 -->
		<article class="article-copy">저작권자 &copy; {SITE_NAME} 무단전재 및 재배포 금지</article>
		<article class="writer">
{_writer(a)}{_relation(a)}		<div class="article-comment"><h3>댓글 <strong>{a.id % 5}</strong></h3><p>로그인 후 댓글을 작성할 수 있습니다.</p></div>
	</div>
</div>
</div>
<aside class="grid sticky sidebar">
{_aside(a)}</aside>
</section>
</div></div>
<!-- footer -->
<footer id="user-footer">
	<div class="float-center max-width-1080">
		<ul class="footer-menu"><li><a href="javascript:void(0);">회사소개</a></li><li><a href="javascript:void(0);">개인정보처리방침</a></li><li><a href="javascript:void(0);">청소년보호정책</a></li></ul>
		<address>제호 : {SITE_NAME} | 주소 : 서울특별시 서초구 양재대로 100, 5층 | 대표전화 : 02-000-0000<br>
		발행·편집인 : 홍길동 | 등록번호 : 서울 아00000</address>
		<p class="copyright">Copyright &copy; {now:%Y} {SITE_NAME}. All rights reserved.</p>
	</div>
</footer>
</div>
<script src="/js/app.min.js"></script>
{chrome.VIEW_SCRIPT}
</body>
</html>
"""
