"""CMS profiles: recognised by URL and markup, fields read from each skin."""
from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract.cms import detect_cms

A_PAGE = """<html><body><div class="sec_title"><h1><a href="/news/section_list_all.html?sec_no=56">지방자치</a></h1></div>
<div class="arv_001"><div class="art_top"><h2>제목입니다 제목</h2><h3>부제 하나<br>부제 둘</h3>
<ul class="art_info"><li>홍길동 기자</li><li>등록 2025.04.09 09:05:03</li><li>수정 2025.04.09 10:00:00</li><li>댓글 0</li></ul></div></div>
<div class="cnt_view news_body_area"><div id="news_body_area" class="smartOutput"><p>본문</p></div></div>
<div class="arv_003"><div class="jour_box"><p class="name"><strong>홍길동 기자</strong></p><p>hong@x.kr</p></div></div>
<div class="arl_016"><h2>정치</h2><div class="art_box"><a href="/news/article.html?no=2"><h3>다른 기사 제목입니다</h3></a></div></div>
</body></html>"""

ND_CURRENT = """<html><head><title>제목 &lt; 국제 &lt; 기사본문 - 시사저널</title></head><body>
<header class="article-view-header"><h3 class="heading">현재 스킨 제목</h3>
<ul class="infomation"><li><i class="icon-user-o"></i> 김은별 미국 통신원 (sisa@sisajournal.com)</li><li>입력 2025.04.09 09:05</li></ul></header>
<article id="article-view-content-div"><h2 class="subheading">본문 속 부제</h2><p>본문</p>
<div class="view-editors"><strong class="names">김은별 통신원</strong><a class="user-email" href="mailto:sisa@sisajournal.com">sisa@sisajournal.com</a></div></article>
<article class="relation"><a href="/news/articleView.html?idxno=9">관련 기사 제목</a></article></body></html>"""

ND_OLDER = """<html><body><div class="article-head-title">옛 스킨 제목</div><div class="article-head-sub">옛 부제</div>
<div class="info-text"><ul><li>박수진 기자</li><li>승인 2019.01.01 12:00</li></ul></div>
<div id="article-view-content-div"><p>본문</p></div></body></html>"""

ND_OLDEST = """<html><body><div id="article-view"><div><header><h3>가장 옛 제목</h3><ul><li>이정민 기자</li><li>승인 2016.03.02 14:20</li></ul></header></div>
<div id="article-view-content-div"><p>본문</p></div></div></body></html>"""

GNU = """<html><body><article id="bo_v"><header><h2 id="bo_v_title"><span class="bo_v_tit">게시판 제목</span></h2></header>
<section id="bo_v_info"><strong><span class="sv_member">박상현 기자</span></strong><strong class="if_date">24-05-01 10:30</strong></section>
<div id="bo_v_con"><p>본문</p></div></article></body></html>"""


def doc(html: str):
    return lxml.html.document_fromstring(html)


def test_article_no_fields():
    r = detect_cms("http://x.kr/news/article.html?no=1", doc(A_PAGE))
    assert r.name == "article_no"
    assert r.title == "제목입니다 제목"
    assert r.subtitle == "부제 하나\n부제 둘"
    assert r.section == "지방자치"
    assert r.byline_texts == ["홍길동 기자"]
    assert "등록 2025.04.09 09:05:03" in r.date_text and "수정 2025.04.09 10:00:00" in r.date_text
    assert r.body.get("id") == "news_body_area"
    assert [(a.name, a.email) for a in r.box_authors] == [("홍길동 기자", "hong@x.kr")]
    assert r.teaser_boxes


@pytest.mark.parametrize("url, hint, html, expected", [
    ("http://x.kr/news/article.html?no=1", None, A_PAGE, "article_no"),
    ("http://x.kr/mobile/article.html?no=1", None, A_PAGE, "article_no"),
    ("http://x.kr/some/other/url", None, A_PAGE, "article_no"),  # both markup signatures
    ("http://x.kr/some/other/url", None, A_PAGE.replace("news_body_area", "x"), None),
    ("http://x.kr/some/other/url", "article_no", A_PAGE.replace("news_body_area", "x"), "article_no"),
    ("http://x.kr/news/article.html?no=1", None, "<html><body><p>plain page</p></body></html>", None),
    ("http://x.kr/news/articleView.html?idxno=5", None, ND_CURRENT, "ndsoft"),
    ("http://x.kr/news/articleView.html?idxno=5", None, ND_OLDER, "ndsoft"),
    ("http://x.kr/news/articleView.html?idxno=5", None, ND_OLDEST, "ndsoft"),
    ("http://x.kr/news/articleView.html?idxno=5", None, "<html><body><p>x</p></body></html>", None),
    ("http://x.kr/bbs/board.php?bo_table=news&wr_id=3", None, GNU, "gnuboard"),
    ("http://x.kr/other.php", None, GNU, None),
])
def test_detection_needs_url_and_markup(url, hint, html, expected):
    r = detect_cms(url, doc(html), hint)
    assert (r.name if r else None) == expected


def test_ndsoft_current_skin():
    r = detect_cms("http://x.kr/news/articleView.html?idxno=5", doc(ND_CURRENT), page_title="제목 < 국제 < 기사본문 - 시사저널")
    assert r.title == "현재 스킨 제목"
    assert r.subtitle == "본문 속 부제"
    assert r.section == "국제"
    assert r.byline_texts == ["김은별 미국 통신원 (sisa@sisajournal.com)"]
    assert r.date_text == "입력 2025.04.09 09:05"
    assert [(a.name, a.email) for a in r.box_authors] == [("김은별 통신원", "sisa@sisajournal.com")]
    assert any(el.get("class") == "subheading" for el in r.strip)
    assert r.teaser_boxes


@pytest.mark.parametrize("html, title, byline, date", [
    (ND_OLDER, "옛 스킨 제목", "박수진 기자", "승인 2019.01.01 12:00"),
    (ND_OLDEST, "가장 옛 제목", "이정민 기자", "승인 2016.03.02 14:20"),
])
def test_ndsoft_older_skins(html, title, byline, date):
    r = detect_cms("http://x.kr/news/articleView.html?idxno=5", doc(html))
    assert (r.title, r.byline_texts, r.date_text) == (title, [byline], date)


def test_ndsoft_older_subtitle():
    assert detect_cms("http://x.kr/news/articleView.html?idxno=5", doc(ND_OLDER)).subtitle == "옛 부제"


def test_gnuboard_fields():
    r = detect_cms("http://x.kr/bbs/board.php?bo_table=news&wr_id=3", doc(GNU))
    assert (r.title, r.byline_texts, r.date_text) == ("게시판 제목", ["박상현 기자"], "등록 24-05-01 10:30")
