"""Headline cleaning: outlet tails go, headline punctuation stays."""
from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract.title import (
    clean_title,
    heading_beside_label,
    home_link_name,
    host_brands,
    is_brand,
    matching_heading,
    similar_heading,
    without_trailing_label,
)


@pytest.mark.parametrize("raw, names, url, expected", [
    # the outlet's name in brackets before the headline goes; a '[단독]' stays
    ("[뉴스원] 서울시, 내년 예산 45조원 발표", ["뉴스원"], "https://newsone.example.kr/v/1",
     "서울시, 내년 예산 45조원 발표"),
    ("[단독] 서울시, 내년 예산 45조원 발표", ["뉴스원"], "https://newsone.example.kr/v/1",
     "[단독] 서울시, 내년 예산 45조원 발표"),
    ("【TV서울】 서초구 규제자유특구 지정", ["TV서울"], "http://www.tvseoul.co.kr/news/article.html?no=1",
     "서초구 규제자유특구 지정"),
    ("서울 서초구-더프리콘 맞손 - TV서울", ["TV서울"], "http://www.tvseoul.kr/news/article.html?no=1", "서울 서초구-더프리콘 맞손"),
    ("미국 관세 < 국제 < 기사본문 - 시사저널", [], "https://www.sisajournal.com/x", "미국 관세"),
    ("The big story: why it matters | The Daily Planet", [], "https://www.dailyplanet.com/a", "The big story: why it matters"),
    ("Hello - world is here - Example News", ["Example News"], "https://example.com/", "Hello - world is here"),
    ("Some title :: Outlet", [], "https://outlet.org/", "Some title"),
    ("Outlet | Some headline of the day", ["Outlet"], "https://outlet.org/", "Some headline of the day"),
    ("창원 시내버스 파업 철회 :: 경남일보", ["경남일보"], "https://x.example/", "창원 시내버스 파업 철회"),
    ("TV서울", ["TV서울"], "http://www.tvseoul.kr/", ""),
    ("Breaking: storm hits coast - live updates", [], "https://news.example.com/", "Breaking: storm hits coast - live updates"),
    ("  spaced   title  ", [], None, "spaced title"),
    # a section between the headline and the brand goes with the brand
    ("서울시 내년 예산 48조원 | 사회 | 뉴스코리아", ["뉴스코리아"], "https://n.example.kr/v/1",
     "서울시 내년 예산 48조원"),
    ("Storm hits coast | World News | Outlet", ["Outlet"], "https://outlet.org/", "Storm hits coast"),
    ("Storm hits coast - and more | Outlet", ["Outlet"], "https://outlet.org/",
     "Storm hits coast - and more"),
    # a Korean headline's Latin-lettered tail after a bar is the outlet's name; a Latin
    # word after a dash, or a short one, is the headline's
    ("서울시 내년 예산 48조원 | NewsKorea", [], "https://n.example.kr/v/1", "서울시 내년 예산 48조원"),
    ("현대차 - General Motors 협력 확대", [], "https://n.example.kr/v/1", "현대차 - General Motors 협력 확대"),
    ("현대차 협력 확대 - General Motors", [], "https://n.example.kr/v/1", "현대차 협력 확대 - General Motors"),
    ("현대차 협력 | GM", [], "https://n.example.kr/v/1", "현대차 협력 | GM"),
    ("", [], None, ""),
])
def test_clean_title(raw, names, url, expected):
    assert clean_title(raw, names, url) == expected


def test_host_brands():
    assert host_brands("https://www.sisajournal.com/news/x") == {"sisajournal"}
    assert "tvseoul" in host_brands("www.tvseoul.kr")


@pytest.mark.parametrize("part, names, brands, expected", [
    ("TV서울", ["TV서울"], set(), True),
    ("The Daily Planet", [], {"dailyplanet"}, True),
    ("A headline that is long", ["TV서울"], {"tvseoul"}, False),
    ("기사본문", [], set(), True),
])
def test_is_brand(part, names, brands, expected):
    assert is_brand(part, names, brands) is expected


def test_matching_heading_prefers_exact_h1():
    doc = lxml.html.document_fromstring(
        "<html><body><h1>Logo</h1><h1>The real headline of the day</h1><h1>Other</h1></body></html>")
    assert matching_heading(doc, "The real headline of the day").text == "The real headline of the day"
    assert matching_heading(doc, "Nothing matches this") is None


@pytest.mark.parametrize("title, h1, expected", [
    ("The Space Review: Seeking a bigger role for a big rocket",
     "Seeking a bigger role for a big rocket", "Seeking a bigger role for a big rocket"),
    ("Opinion | Republicans Are Following Trump to Nowhere",
     "Republicans Are Following Trump to Nowhere", "Republicans Are Following Trump to Nowhere"),
    # no joint between the label and the headline
    ("Breaking news Seeking a bigger role", "Seeking a bigger role", None),
    # a 'label' longer than a label
    ("A very long first half of a headline that goes on and on: the rest of it",
     "the rest of it, said to be", None),
    ("Seeking a bigger role for a big rocket", "Seeking a bigger role for a big rocket", None),
    # the label after the headline
    ("About bugs – Vortex Cannon Entertainment", "About bugs", "About bugs"),
    ("Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars",
     "Star Wars Jedi: Fallen Order review", None),
])
def test_heading_beside_label(title, h1, expected):
    doc = lxml.html.fromstring(f"<html><body><h1>{h1}</h1><p>x</p></body></html>")
    found = heading_beside_label(doc, title)
    assert (found[1] if found else None) == expected


@pytest.mark.parametrize("title, heading, expected", [
    ("The Guardian view on Hong Kong: a city on the brink | Editorial",
     "The Guardian view on Hong Kong: a city on the brink",
     "The Guardian view on Hong Kong: a city on the brink"),
    ("About bugs – Vortex Cannon Entertainment", "About bugs", "About bugs"),
    # the rest of a headline, not a label
    ("Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars",
     "Star Wars Jedi: Fallen Order review", None),
    ("Budget approved after a long debate", "Budget approved after a long debate", None),
    ("Budget approved | ", "Budget approved", None),
    ("Short | Label", "Short", None),
])
def test_without_trailing_label(title, heading, expected):
    assert without_trailing_label(title, heading) == expected


@pytest.mark.parametrize("title, h1, found", [
    ("15 Tips to Overcome Binge Eating", "15 Helpful Tips to Overcome Binge Eating", True),
    ("HS Roundup: Viera defeats Rockledge to remain undefeated",
     "High School Roundup: Viera defeats Rockledge to remain undefeated", True),
    ("Taylor Swift's AMA row seems to be over",
     "Taylor Swift is allowed to play her music at the AMAs after all", False),
    ("Short title here", "Short title here too", False),   # under four words: too little to tell
])
def test_similar_heading(title, h1, found):
    doc = lxml.html.fromstring(f"<html><body><h1>Site</h1><h1>{h1}</h1><p>x</p></body></html>")
    el = similar_heading(doc, title)
    assert (el is not None and el.text == h1) is found


@pytest.mark.parametrize("links, expected", [
    # the logo's text, or its image's alt, on a link to the site's root
    ('<a href="/" class="logo">뉴스코리아</a>', "뉴스코리아"),
    ('<a href="https://www.newskorea.example/"><img src="/l.png" alt="뉴스코리아 로고"></a>',
     "뉴스코리아 로고"),
    ('<a href="/index.html"><img src="/l.png" alt="뉴스코리아"></a>', "뉴스코리아"),
    # 'Home' names no outlet: the logo after it does
    ('<a href="/">Home</a><a href="/"><img src="/l.png" alt="Daily Post"></a>', "Daily Post"),
    # only the first named link to the root: an author box further down may link there too
    ('<a href="/">Daily Post</a><a href="/">Jane Doe</a>', "Daily Post"),
    # not the root: a section, a search, another site
    ('<a href="/politics/">Politics</a>', None),
    ('<a href="/?s=x">Search</a>', None),
    ('<a href="https://other.example/">Other</a>', None),
    # a link urlsplit rejects ('Invalid IPv6 URL') is skipped, not an error
    ('<a href="http://[bad/">Bad</a><a href="/">Daily Post</a>', "Daily Post"),
])
def test_home_link_name(links, expected):
    doc = lxml.html.fromstring(f"<html><body><header>{links}</header><p>text</p></body></html>")
    assert home_link_name(doc, "https://www.newskorea.example/news/1.html") == expected


@pytest.mark.parametrize("body, expected", [
    ("<h1>서울시 내년 예산 48조원</h1><div class='view_title'><strong>다른 제목 하나</strong></div>",
     "서울시 내년 예산 48조원"),
    # no h1: an element named like a headline, not a teaser's link nor in the page chrome
    ("<header><p class='site_title'>뉴스코리아 홈페이지</p></header>"
     "<aside><p class='tit'><a href='/v/2'>다른 기사의 제목</a></p></aside>"
     "<div class='view_title'><strong>서울시 내년 예산 48조원</strong></div>", "서울시 내년 예산 48조원"),
    ("<div class='box_tit'>많이본뉴스</div>", None),
])
def test_title_from_headings(body, expected):
    from pipelines.extract.title import title_from_headings

    doc = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    assert title_from_headings(doc) == expected
