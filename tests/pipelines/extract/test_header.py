"""The header area between a headline and its body (pipelines.extract.header)."""
from __future__ import annotations

from datetime import datetime, timezone

import lxml.html
import pytest

from pipelines.extract.bylines import parse_byline
from pipelines.extract.dates import standalone_date
from pipelines.extract.header import (
    header_byline,
    in_comments,
    lines_text,
    section_label_before,
    short_texts,
    standalone_dates_of,
    text_between,
)
from pipelines.record import Author

NOW = datetime(2025, 12, 10, 12, 0, tzinfo=timezone.utc)


def _page(header: str, body: str = "<p>The body text of the article, long enough.</p>"):
    doc = lxml.html.fromstring(f"<html><body><h1>The headline</h1>{header}"
                               f"<div id='body'>{body}</div></body></html>")
    return doc, doc.find(".//h1"), doc.get_element_by_id("body")


@pytest.mark.parametrize("html, expected", [
    ("<p>By Jane Doe<br>Monday, November 18, 2019</p>", "By Jane Doe Monday, November 18, 2019"),
    ("<p>By <a>Jane Doe</a><br/><span>Monday</span></p>", "By Jane Doe Monday"),
    ("<p>By Jane <b>Doe</b></p>", "By Jane Doe"),
])
def test_lines_text_reads_a_line_break_as_a_space(html, expected):
    assert lines_text(lxml.html.fromstring(html)) == expected


@pytest.mark.parametrize("html, expected", [
    ("<ol class='commentlist'><li><div class='comment-author'><b>x</b></div></li></ol>", True),
    ("<div id='comments'><p><b>x</b></p></div>", True),
    ("<div id='disqus_thread'><p><b>x</b></p></div>", True),
    ("<div class='section-comment byline'><p><b>x</b></p></div>", False),
    ("<div class='byline'><p><b>x</b></p></div>", False),
])
def test_in_comments(html, expected):
    assert in_comments(lxml.html.fromstring(html).find(".//b")) is expected


def _parse(text: str) -> list[Author]:
    return parse_byline(text)


@pytest.mark.parametrize("header, expected", [
    ("<p class='article__meta'>By <a href='/staff/md'>Matthew Digby</a> , <a>Minh Do</a>"
     " on Monday, November 18th, 2019 at 11:08 a.m.</p>", ["Matthew Digby", "Minh Do"]),
    ("<div><p>Written by Jane Doe on November 14, 2019</p></div>", ["Jane Doe"]),
    # Korean: a reporter's name with a reporter's role or an e-mail, or after 기자명
    ("<div class='info'><span>홍길동 기자</span> | <span>입력 2024.03.05 15:04</span></div>",
     ["홍길동"]),
    ("<p>홍길동 기자 hong@x.kr · 2024-03-05 15:04</p>", ["홍길동"]),
    ("<div>기자명 홍길동 입력 2024.03.05 15:04</div>", ["홍길동"]),
    ("<ul><li>김은별 미국 통신원</li><li>승인 2024.03.05</li></ul>", ["김은별"]),
    # the role as a field name before the name, in the text or an element of its own
    ("<div class='writer'>기자 홍길동 | 입력 2024.03.05 15:04</div>", ["홍길동"]),
    ("<dl><dt>기자</dt><dd>홍길동</dd><dt>등록</dt><dd>2024.03.05 15:04</dd></dl>", ["홍길동"]),
    # a writer's field name names a writer without a role
    ("<table><tr><th>작성자</th><td>홍길동</td><th>등록일</th><td>2024.03.05</td></tr></table>",
     ["홍길동"]),
    # a column's name is no field name: '기자수첩'
    ("<p class='kicker'>기자수첩</p>", []),
    ("<div>[기자수첩] 홍길동 서울시장, 예산안 직접 설명</div>", []),
    # not a byline: a source quoted in a subtitle, a name without a reporter's role
    ("<h3>김철수 대표 \"혁신 계속하겠다\"</h3>", []),
    ("<h3>홍길동 서울시장, 예산안 직접 설명</h3>", []),
    # not a byline: does not start with By; too long to be one
    ("<p>Jane Doe reports from Seoul on the budget</p>", []),
    ("<p>By the end of the year the council had approved the budget, which funds schools,"
     " roads and parks and keeps taxes flat for every resident of the city, officials said"
     " in a long statement.</p>", []),
])
def test_header_byline(header, expected):
    doc, start, stop = _page(header)
    assert [a.name for a in header_byline(start, stop, [], _parse)[0]] == expected


def test_header_byline_stops_at_the_body_and_skips_boxes():
    doc, start, stop = _page("<aside class='box'><p>By Box Author</p></aside>",
                             body="<p>By Body Writer</p>")
    box = doc.find(".//aside")
    assert header_byline(start, stop, [box], _parse) == ([], "")
    assert [a.name for a in header_byline(start, stop, [], _parse)[0]] == ["Box Author"]


def test_header_byline_gives_its_text_for_the_date_it_carries():
    doc, start, stop = _page("<div><p>Written by <a>Jane Doe</a> on November 14, 2019</p></div>")
    assert header_byline(start, stop, [], _parse)[1] == "Written by Jane Doe on November 14, 2019"


@pytest.mark.parametrize("header, expected", [
    ("<p><em>November 15, 2019</em></p>", (datetime(2019, 11, 15, tzinfo=timezone.utc), None)),
    ("<p>Published in print: <em>November 15, 2019</em></p>",
     (datetime(2019, 11, 15, tzinfo=timezone.utc), None)),
    # two bare days are ambiguous; two time stamps are the first and the last version
    ("<p><em>November 15, 2019</em></p><p><em>November 16, 2019</em></p>", (None, None)),
    ("<p><span>2019.11.16 11:00</span><span>2019.11.15 09:05</span></p>",
     (datetime(2019, 11, 15, 9, 5, tzinfo=timezone.utc),
      datetime(2019, 11, 16, 11, 0, tzinfo=timezone.utc))),
    ("<p><span>2019.11.15 09:05</span><span>2019.11.16 11:00</span><span>2019.11.17 08:00</span>"
     "</p>", (None, None)),
    ("<p>It opened on November 15, 2019 after years of delays.</p>", (None, None)),
])
def test_standalone_header_dates(header, expected):
    doc, start, stop = _page(header)
    assert standalone_dates_of(short_texts(start, stop),
                               lambda t: standalone_date(t, "UTC", NOW)) == expected


def test_a_date_in_the_body_is_not_in_the_header():
    doc, start, stop = _page("", body="<p><em>November 15, 2019</em></p>")
    assert standalone_dates_of(short_texts(start, stop),
                               lambda t: standalone_date(t, "UTC", NOW)) == (None, None)
    assert "November" not in text_between(doc, start, stop)


@pytest.mark.parametrize("before, expected", [
    # a link to the section, in an element named like a section label
    ("<p class='category'><a href='/arti/society'>사회</a></p>", "사회"),
    ("<div class='eyebrow'><a href='/category/earnings'>Earnings</a></div>", "Earnings"),
    ("<a class='article__category' href='/tech'>TECH</a>", "TECH"),
    # the nearest label, one container up
    ("<div class='meta'><span class='section-name'><a href='/national/'>전국</a></span></div>"
     "<div class='tools'></div>", "전국"),
    # a kicker that links nowhere labels the story ('BLACK DEATH FEARS'), not a section
    ("<span class='article__kicker'>BLACK DEATH FEARS</span>", None),
    ("<span class='kicker'>단독</span>", None),
    # a Korean section title with no link, in an element named for a section
    ("<div class='sec_title'><h2>사회</h2></div>", "사회"),
    ("<p class='cate'>지방 자치</p>", "지방 자치"),
    ("<div class='sec_title'><h2>오늘의 주요 뉴스 한눈에 보기</h2></div>", None),
    ("<div class='section'>Politics</div>", None),
    # no label: a date, a long text, an element not named like a section label
    ("<p class='category'><a href='/d'>2025.04.09</a></p>", None),
    ("<p class='category'><a href='/x'>A category name far too long for a label</a></p>", None),
    ("<p class='tools'><a href='/print'>Print</a></p>", None),
])
def test_section_label_before(before, expected):
    doc = lxml.html.fromstring(f"<html><body><div class='head'>{before}<h1>The headline</h1>"
                               "</div><p>Body</p></body></html>")
    assert section_label_before(doc.find(".//h1")) == expected


def test_a_menu_far_above_the_headline_names_no_section():
    menu = "".join(f"<li class='category'><a href='/c{i}'>Menu {i}</a></li>" for i in range(8))
    doc = lxml.html.fromstring(f"<html><body><ul>{menu}</ul><div><p>a</p><p>b</p><p>c</p>"
                               "<p>d</p><p>e</p><h1>The headline</h1></div></body></html>")
    assert section_label_before(doc.find(".//h1")) is None
