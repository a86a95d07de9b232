"""Tests for pipelines.extract.menus: the section a site's menu marks as current."""
from __future__ import annotations

import lxml.html
import pytest

from pipelines import extract_article
from pipelines.extract.menus import current_menu_item


def _doc(menu: str):
    return lxml.html.document_fromstring(
        f"<html><body><header>{menu}</header><h1>서울시 내년 예산 48조원</h1>"
        "<div><p>서울시는 9일 시청에서 기자회견을 열고 내년도 예산안을 발표했다.</p></div>"
        "</body></html>")


GNB = ('<div id="gnb"><ul><li><a href="/list.php?sec=1">정치</a></li>'
       '<li class="{cls}"><a href="/list.php?sec=2">사회</a></li>'
       '<li><a href="/list.php?sec=3">경제</a></li></ul></div>')


@pytest.mark.parametrize("menu, expected", [
    # Korean CMS menus mark the story's section 'on' or 'active'
    (GNB.format(cls="on"), "사회"),
    (GNB.format(cls="menu_item active"), "사회"),
    ('<nav><a href="/world">World</a><a href="/uk" aria-current="page">UK</a></nav>', "UK"),
    # WordPress: the post's category item
    ('<nav id="site-navigation"><ul class="menu"><li class="menu-item current-post-ancestor '
     'menu-item-has-children"><a href="/teams/">Teams</a><ul class="sub-menu">'
     '<li class="menu-item current-post-ancestor current-menu-parent"><a href="/teams/kc/">'
     'Kansas City</a></li></ul></li></ul></nav>', "Kansas City"),
    # the first marked item is the section, a sub-menu's is its sub-section
    ('<ul class="gnb"><li class="on"><a href="/s/2">사회</a><ul class="sub"><li class="on">'
     '<a href="/s/21">행정</a></li></ul></li></ul>', "사회"),
    # not a section: a marked item outside a menu, a box's tabs, a tab without a link,
    # the home entry, the page of all posts, a long label, a word like 'online'
    ('<div class="slider"><ul><li class="active"><a href="/news/1">사회</a></li></ul></div>', None),
    ('<div class="menu"><ul class="tab_menu"><li class="on"><a href="/rank?t=1">많이 본</a></li>'
     '</ul></div>', None),
    (GNB.format(cls="on").replace('/list.php?sec=2', '#'), None),
    (GNB.format(cls="on").replace('사회', '홈'), None),
    ('<nav><ul><li class="current_page_parent"><a href="/news/">All news</a></li></ul></nav>', None),
    (GNB.format(cls="on").replace('사회', 'A label far too long to be a section name'), None),
    (GNB.format(cls="online"), None),
])
def test_current_menu_item(menu, expected):
    assert current_menu_item(_doc(menu)) == expected


@pytest.mark.parametrize("head, expected, source", [
    ("", "사회", "menu"),
    # any named source comes first
    ('<meta property="article:section" content="정치">', "정치", "meta"),
])
def test_menu_section_is_the_last_resort(head, expected, source):
    html = (f"<html lang='ko'><head><meta charset='utf-8'><title>서울시 내년 예산 48조원</title>{head}"
            f"</head><body><header>{GNB.format(cls='on')}</header><h1>서울시 내년 예산 48조원</h1>"
            "<div class='view_txt'>" + "<p>서울시는 9일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. "
            "예산 규모는 올해보다 5% 늘어난 48조원이다.</p>" * 3 + "</div></body></html>")
    art = extract_article(html, "https://www.news.example.kr/view.php?id=5")
    assert (art.section, art.sources["section"]) == (expected, source)
