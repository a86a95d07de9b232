"""The general main-content extractor on small hand-written pages.

Each page mixes a real article with the furniture that surrounds articles on real sites
(menus, sidebars, footers, teaser boxes, captions, copyright lines), so each test fails if
the extractor either loses article text or lets the furniture in.
"""
from __future__ import annotations

import pytest
from lxml.html import document_fromstring

from pipelines.extract.content import clean_tree, extract_body, find_main_content, node_paragraphs

LOREM = [
    "The city council voted on Tuesday to expand the bus network, adding four routes that "
    "connect the northern districts with the hospital, the university and the train station.",
    "Officials said the new routes would start in March, after drivers have been hired and "
    "trained, and that fares would stay the same for at least another year, the mayor said.",
    "Residents who spoke at the meeting, many of them older people without cars, welcomed the "
    "plan, although some asked why the weekend service would still end before nine o'clock.",
]


def _article(paragraphs: list[str] = LOREM) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _page(body: str) -> str:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    side = "".join(
        f'<li><a href="/a{i}">Another story headline number {i} about something</a></li>'
        for i in range(8)
    )
    return f"""<html><head><title>t</title><script>var x = "script text";</script>
    <style>.a {{ color: red }}</style></head><body>
    <header><div class="logo">Daily Paper</div><ul class="menu">{nav}</ul></header>
    <div class="layout"><div class="main">{body}</div>
    <div class="sidebar"><h3>Most read</h3><ul>{side}</ul></div></div>
    <footer><p>Daily Paper, 1 Main Street, Springfield. Contact us at desk@example.com.</p></footer>
    </body></html>"""


def _extract(html: str) -> list[str]:
    return extract_body(document_fromstring(html), "https://example.com/a")


def test_body_found_among_menus_sidebars_and_footers():
    paragraphs = _extract(_page(f'<div class="story">{_article()}</div>'))
    assert paragraphs == LOREM


def test_no_script_or_style_text():
    text = "\n\n".join(_extract(_page(f"<div>{_article()}</div>")))
    assert "script text" not in text
    assert "color: red" not in text


def test_link_heavy_box_inside_body_dropped():
    box = (
        '<div class="box"><a href="/x1">First other story headline</a>'
        '<a href="/x2">Second other story headline</a>'
        '<a href="/x3">Third other story headline</a></div>'
    )
    body = f"<div>{_article(LOREM[:2])}{box}{_article(LOREM[2:])}</div>"
    assert _extract(_page(body)) == LOREM


@pytest.mark.parametrize("sentence, expected", [
    # a link wrapped in a span inside a sentence is part of the sentence
    ("The teardown is done, and <span><a href='https://other.example/t'>the results are "
     "in</a></span>. The new laptop is a lot like the old one.",
     "The teardown is done, and the results are in. The new laptop is a lot like the old one."),
    ("<span><a href='/r'>The review</a></span> says the new laptop is a lot like the old one.",
     "The review says the new laptop is a lot like the old one."),
    ("The new laptop is a lot like the old one, says <span><a href='/r'>the review</a></span>",
     "The new laptop is a lot like the old one, says the review"),
])
def test_link_in_a_span_inside_a_sentence_is_kept(sentence, expected):
    body = f"<article>{_article(LOREM[:1])}<p>{sentence}</p>{_article(LOREM[1:])}</article>"
    assert _extract(_page(body)) == [LOREM[0], expected, *LOREM[1:]]


def test_span_holding_only_a_link_between_paragraphs_is_dropped():
    box = "<span class='more'><a href='/2024/05/02/other-story'>Another story of the day</a></span>"
    body = f"<article>{_article(LOREM[:1])}{box}{_article(LOREM[1:])}</article>"
    assert _extract(_page(body)) == LOREM


def test_inline_teaser_list_of_headlines_dropped():
    teaser = "<ul>" + "".join(
        f'<li>Read: <a href="/t{i}">what happened to the old tram line number {i}</a></li>'
        for i in range(4)
    ) + "</ul>"
    body = f"<article>{_article(LOREM[:1])}{teaser}{_article(LOREM[1:])}</article>"
    paragraphs = _extract(_page(body))
    assert paragraphs == LOREM


def test_subheadings_kept_title_dropped():
    body = (
        f"<article><h1>Council expands buses</h1>{_article(LOREM[:2])}"
        f"<h2>What residents said</h2>{_article(LOREM[2:])}</article>"
    )
    paragraphs = _extract(_page(body))
    assert paragraphs == [LOREM[0], LOREM[1], "What residents said", LOREM[2]]


@pytest.mark.parametrize(
    "caption",
    [
        "<figure><img src='a.jpg'><figcaption>The new bus depot in the north.</figcaption></figure>",
        "<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>The new depot.</p></div>",
        "<div class='image'><img src='a.jpg'><span class='photo-credit'>Jane Doe</span></div>",
        "<div><img src='a.jpg'><em class='img_desc'>The new bus depot in the north.</em></div>",
        "<p class='photo_caption'>The new bus depot in the north.</p>",
        "<div class='imgcaption'>The new bus depot in the north.</div>",
        "<span class='photo_txt'>The new bus depot in the north.</span>",
    ],
)
def test_captions_dropped(caption):
    body = f"<article>{_article(LOREM[:1])}{caption}{_article(LOREM[1:])}</article>"
    assert _extract(_page(body)) == LOREM


def test_double_br_splits_paragraphs():
    node = document_fromstring(
        f"<html><body><div>{LOREM[0]}<br><br>{LOREM[1]}<br/>\n<br/>{LOREM[2]}</div></body></html>"
    ).find(".//div")
    assert node_paragraphs(node) == LOREM


def test_single_br_stays_inside_paragraph():
    node = document_fromstring("<html><body><p>Line one<br>line two</p></body></html>").find(".//p")
    assert node_paragraphs(node) == ["Line one\nline two"]


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>Hello <b>bold</b> world</p>", ["Hello bold world"]),
        ("<p>Hello<b>bold</b>world</p>", ["Helloboldworld"]),  # HTML itself glues these
        ("<div><span>Price</span> <span>rises</span></div>", ["Price rises"]),
        ("<div><p>First</p><p>Second</p></div>", ["First", "Second"]),
        ("<div>Intro text<div>Inner block</div>tail text</div>", ["Intro text", "Inner block", "tail text"]),
        ("<p>a&nbsp;&nbsp;b   c\n\t d</p>", ["a b c d"]),
        ("<ul><li>one</li><li>two</li></ul>", ["one", "two"]),
        ("<table><tr><td>cell a</td><td>cell b</td></tr></table>", ["cell a", "cell b"]),
        ("<p> </p><p>text</p><p>\xa0</p>", ["text"]),
    ],
)
def test_spacing_and_blocks(html, expected):
    node = document_fromstring(f"<html><body><div id='n'>{html}</div></body></html>").get_element_by_id("n")
    assert node_paragraphs(node) == expected


@pytest.mark.parametrize(
    "line",
    [
        "저작권자 © 티브이서울 무단전재 및 재배포 금지",
        "Copyright 2019 The Daily Paper. All rights reserved.",
        "All rights reserved.",
        "Advertisement",
        "Read more",
        "Related: Council cuts tram budget",
        "Click here to subscribe",
        "Sign up for our daily newsletter",
        "관련기사",
        "다른기사 보기",
        "12 Comments",
        "등록 2025.03.02 05:00:31수정 2025.03.02 07:10:02",
        "기사입력 2025-04-09 09:05",
        "입력 : 2025년 04월 09일 09:05",
        "기사입력 :[ 2018-08-25 15:24 ]",
        "입력날짜 : 2015.01.01 09:05",
        "홍길동 기자 | 입력 2025.04.09 09:05",
        "Image 1 of 5",
        "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik. Follow us on Twitter.",
        "Contact Jane Doe at jane@x.com.",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Follow me on Twitter or LinkedIn. Check out my website.",
        "Have a tip? Amy Kuperinsky may be reached at akuperinsky@x.com. Follow her on Twitter.",
        "Reach the reporters on Twitter at http://twitter.com/a and http://twitter.com/b",
        "Like this story? Share it with a friend!",
        "Like this:",
        "Like Loading...",
        "Back to Gallery",
        "Note: we are temporarily moderating all comments submitted to deal with spam.",
        "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.",
        "If you enjoyed this article, we have a proposition for you: join us.",
        "Explore further",
        "Tempo de leitura: 1 minuto",
        "좋아요 0 훈훈해요 0 슬퍼요 0 화나요 0 후속기사 원해요 0",
        "▶ 네이버에서 뉴스코리아 구독하기 ◀",
        "이 기사를 공유합니다",
        "기자의 다른기사 보기",
        "카카오톡 페이스북 트위터 밴드 URL복사",
        "뉴스코리아 공식 SNS 채널 구독",
        "최신기사",
        "기사 잘 보셨나요? 후원하기",
        "페이스북",
        "Get Motor Cycle Monthly delivered every month. 12 issues for £11.99. Click here.",
        "카카오스토리",
        "▶ 뉴스코리아 앱 다운로드",
        "5 min read",
        "1 of 6",
        "Iklan",
        "Text size",
        "DON'T MISS",
        "twitter.com/paultakahashi",
        "by Jeff Foust — November 18, 2019",
        "Citation: Hibernating astronauts (2019, November 18) retrieved 20 November 2019 from "
        "https://phys.org/news/2019-11-x.html",
        "김은별 선임기자 · 승인 2025.04.09 09:05",
        "▶ 관련기사: 서울시 올해 예산 집행률 90% 넘어",
        "[관련기사] 서울시 올해 예산 집행률 90% 넘어",
        "관련뉴스 : 서울시 올해 예산 집행률 90% 넘어",
        "[button link=”http://x.example/submit/” type=”big”] Send us YOUR kit review[/button]",
        "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad veiculo",
        "Posted by Jane Doe on 2019-11-18 in News",
        "▲ 오세훈 서울시장이 5일 시청에서 예산안을 설명하고 있다. /사진=서울시 제공",
        "#서울시 #예산 #복지",
        "[뉴스원 SNS 바로가기] 페이스북 | 트위터 | 카카오톡",
        # a broadcaster's staff credits closing a report
        "촬영기자:박준호/영상편집:최은영",
        "영상취재: 김희건 / 영상편집: 김민지",
        "(영상취재 : 김학모, 영상편집 : 정용화)",
        "촬영기자 : 이상은",
        # what Korean CMSs leave in the body container: a reporter's other stories,
        # promos, a tip line, toolbar words, an AI-training notice, tags, photo credits
        "홍길동 기자의 다른기사 보기",
        "▶ 네이버에서 뉴스원 구독하기",
        "[뉴스원 바로가기]",
        "<제보하기> 카카오톡: newsone 이메일: jebo@newsone.kr",
        "기사제보 및 보도자료 press@newsone.kr",
        "좋아요 0 싫어요 0",
        "조회수 1,234",
        "조회 : 15",
        "이전기사 다음기사",
        "AI 학습 이용 금지",
        "관련 태그: #서울시 #예산",
        "키워드 : 서울시, 예산",
        "#서울시",
        "[사진출처=서울시]",
        "/사진=서울시 제공",
        "(사진제공=서울시)",
    ],
)
def test_boilerplate_lines_dropped(line):
    node = document_fromstring(
        f"<html><body><div id='n'><p>{LOREM[0]}</p><p>{line}</p></div></body></html>"
    ).get_element_by_id("n")
    assert node_paragraphs(node) == [LOREM[0]]


@pytest.mark.parametrize("line", [
    "[Photo] The council chamber was full on Tuesday, and the vote was close.",
    "The mayor [who took office in May] said the budget is balanced.",
    "The report was published by the council on 2019-11-18 after a long review.",
    "▲일시: 2024년 3월 5일 ▲장소: 서울시청 대회의실",
    "시장은 페이스북과 트위터에 글을 올려 이번 예산안의 의미를 설명했다.",
    "촬영기자들은 이날 현장에서 취재 제한에 항의했다.",
    "제보를 받은 경찰은 곧바로 현장에 출동해 용의자를 체포했다.",
    "기자 20명이 이날 회견에 참석했다.",
    "조회 결과 발표",
    "5040",
    "태그를 붙인 게시물이 하루 만에 1만 건을 넘었다.",
    "Email the council at info@x.gov to comment on the plan, officials said on Tuesday.",
    "Image 1 of the exhibition shows the harbour in 1890.",
    "Follow the money, investigators said, and the trail leads to Facebook and its partners.",
    "Like this one, the others were built in 1890.",
    "The mayor may be reached at city hall on Mondays.",
    "Facebook said comments that break its rules would be moderated by staff.",
    "If you enjoyed this, you will love the sequel, the director said.",
    "by the end of the year, 1 of 6 residents had moved.",
    "시민들은 유튜브 채널을 구독하고 알림 설정을 했다고 밝혔다.",
    "그는 기자의 다른 기사를 찾아 읽었다.",
    "시는 시민들에게 안전 앱 설치를 권고했다.",
    "주민들은 후원하기 위해 모였다.",
    "Get the groceries delivered, the mayor told residents during the lockdown.",
    "Don't miss the show on Friday, organisers said.",
])
def test_bracketed_text_that_is_no_shortcode_is_kept(line):
    node = document_fromstring(
        f"<html><body><div id='n'><p>{LOREM[0]}</p><p>{line}</p></div></body></html>"
    ).get_element_by_id("n")
    assert node_paragraphs(node) == [LOREM[0], line]


def test_a_sentence_that_begins_with_related_articles_is_kept():
    line = "관련 기사에 따르면 서울시는 올해 예산의 90% 이상을 집행했다."
    node = document_fromstring(
        f"<html><body><div id='n'><p>{LOREM[0]}</p><p>{line}</p></div></body></html>"
    ).get_element_by_id("n")
    assert node_paragraphs(node) == [LOREM[0], line]


@pytest.mark.parametrize("heading", [
    "<h4>함께 보면 좋은 기사</h4>", "<p><strong>Read more</strong></p>", "<h3>Related</h3>\n",
])
def test_the_heading_of_a_box_of_links_left_out_goes_with_it(heading):
    links = "".join(f"<li><a href='/news/{i}'>Another story headline number {i}</a></li>"
                    for i in range(3))
    node = document_fromstring(
        f"<html><body><div id='n'><p>{LOREM[0]}</p>{heading}<ul>{links}</ul>"
        f"<p>{LOREM[1]}</p></div></body></html>").get_element_by_id("n")
    assert node_paragraphs(node) == [LOREM[0], LOREM[1]]


def test_a_subheading_before_a_list_of_facts_stays():
    node = document_fromstring(
        f"<html><body><div id='n'><p>{LOREM[0]}</p><h4>Related costs</h4>"
        "<ul><li>Fuel: 300 million</li><li>Staff: 120 million</li></ul></div></body></html>"
    ).get_element_by_id("n")
    assert node_paragraphs(node)[:2] == [LOREM[0], "Related costs"]


def test_long_caption_class_container_kept():
    """A caption-like class on a container of real text is a layout name."""
    text = " ".join(LOREM)
    node = document_fromstring(
        f"<html><body><div id='n'><div class='photo_txt_area'><p>{text}</p></div>"
        f"<p>{LOREM[0]}</p></div></body></html>"
    ).get_element_by_id("n")
    assert node_paragraphs(node) == [text, LOREM[0]]


def test_long_paragraph_mentioning_rights_kept():
    text = (
        "The union said that all rights reserved to workers under the old contract would be "
        "kept, and that the new contract would add two days of leave for every employee."
    )
    node = document_fromstring(f"<html><body><div id='n'><p>{text}</p></div></body></html>")
    assert node_paragraphs(node.get_element_by_id("n")) == [text]


def test_clean_tree_removes_widgets_hidden_and_comments():
    doc = document_fromstring(
        "<html><body><div id='story'>" + _article() + "</div>"
        "<div class='share-buttons'>Share on Facebook</div>"
        "<div style='display: none'>hidden text</div><div hidden>also hidden</div>"
        "<span aria-hidden='true'>icon</span><!-- a comment -->"
        "<div id='comments'><p>First!</p></div><form><input name='q'>Search</form>"
        "<nav>Home News Sport</nav><iframe src='x'></iframe></body></html>"
    )
    clean_tree(doc)
    text = doc.text_content()
    for gone in ("Share on", "hidden text", "also hidden", "icon", "First!", "Search", "Home News"):
        assert gone not in text
    assert doc.get_element_by_id("story") is not None


def test_clean_tree_keeps_widget_named_container_holding_the_article():
    doc = document_fromstring(
        "<html><body><form id='aspnetForm'><div class='article-body-related'>"
        + _article()
        + "</div></form><div class='related'><a href='/x'>Other</a></div></body></html>"
    )
    clean_tree(doc)
    assert "bus network" in doc.text_content()
    assert "Other" not in doc.text_content()


def test_find_main_content_prefers_text_over_empty_article_hint():
    doc = document_fromstring(
        "<html><body><article class='teaser'><a href='/x'>Teaser headline</a></article>"
        f"<div id='content'><div class='text'>{_article()}</div></div></body></html>"
    )
    clean_tree(doc)
    node = find_main_content(doc)
    assert node is not None
    assert "bus network" in node.text_content()
    assert "Teaser headline" not in node.text_content()


def test_article_split_by_ad_slot_is_joined():
    body = (
        f"<div class='body-part'>{_article(LOREM[:2])}</div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='body-part'>{_article(LOREM[2:])}</div>"
    )
    assert _extract(_page(body)) == LOREM


def test_nested_article_teasers_dropped():
    teasers = "".join(
        f"<article class='post-{i}'><h2><a href='/p{i}'>Other post {i}</a></h2>"
        f"<p>A short summary of another post that appears under this one, number {i}.</p></article>"
        for i in range(3)
    )
    body = f"<article class='post'>{_article()}<h3>You may also like</h3>{teasers}</article>"
    assert _extract(_page(body)) == LOREM


KOREAN_BODY = [
    "서울시는 19일 시내버스 노선 네 개를 새로 만들어 북부 지역과 병원, 대학, 기차역을 잇겠다고 밝혔다.",
    "시 관계자는 새 노선이 운전기사 채용과 교육을 마친 뒤 3월부터 운행을 시작하며, 요금은 적어도 1년 동안 그대로 유지된다고 말했다.",
    "이날 회의에 참석한 주민들은 대부분 계획을 환영했지만, 일부는 주말 운행이 여전히 밤 9시 전에 끝나는 이유를 물었다.",
]


def test_korean_cms_page():
    teaser_box = (
        "<div class='article_relation'><h4>관련기사</h4><ul>"
        + "".join(f"<li><a href='/news/article.html?no={i}'>다른 기사 제목 {i}</a></li>" for i in range(4))
        + "</ul></div>"
    )
    html = f"""<html><head><meta charset="utf-8"></head><body>
    <div id="top_menu"><a href="/">홈</a> <a href="/news">뉴스</a> <a href="/pol">정치</a></div>
    <div class="weather_box"><span>서울 맑음 12℃</span><span>미세먼지 좋음</span></div>
    <div id="container"><div class="news_title"><h1>서울시, 버스 노선 확대</h1>
    <div class="byline">김기자 기자 | 입력 2019.11.19 10:00</div></div>
    <div id="news_body_area">{KOREAN_BODY[0]}<br><br>{KOREAN_BODY[1]}
    <div class="ad_box">광고</div>{teaser_box}<br><br>{KOREAN_BODY[2]}<br><br>
    저작권자 © 티브이서울 무단전재 및 재배포 금지</div>
    <div class="rank_news"><h3>많이 본 뉴스</h3><ol>
    {''.join(f"<li><a href='/news/article.html?no={i}'>인기 기사 제목 {i}</a></li>" for i in range(10))}
    </ol></div></div>
    <div id="footer">티브이서울 | 서울특별시 중구 | 대표전화 02-000-0000</div></body></html>"""
    assert _extract(html) == KOREAN_BODY


def test_node_paragraphs_on_cms_node_without_clean_tree():
    doc = document_fromstring(
        "<html><body><div class='article-body'><p>"
        + LOREM[0]
        + "</p><script>track()</script><div class='social-share'><a href='#'>Tweet</a></div>"
        "<figure><img src='x.jpg'><figcaption>Caption</figcaption></figure><p>"
        + LOREM[1]
        + "</p></div></body></html>"
    )
    node = doc.find_class("article-body")[0]
    assert node_paragraphs(node) == LOREM[:2]


def test_empty_page_gives_no_paragraphs():
    assert _extract("<html><body><div><a href='/'>Home</a></div></body></html>") == []


@pytest.mark.parametrize("story", [
    "<div class='video'><iframe src='https://www.youtube.com/embed/x'></iframe></div>"
    "<p>오세훈 서울시장이 9일 내년 예산안을 직접 발표했다.</p>",
    "<iframe src='https://tv.example/x'></iframe><br>오세훈 서울시장이 9일 내년 예산안을 직접 발표했다.<br>",
])
def test_a_sidebar_outweighing_a_short_story_is_not_its_text(story):
    # a video story of one line beside a sidebar of teasers with blurbs: the sidebar holds
    # nearly all the page's text, and is still no part of the story
    side = "<aside class='side'><h3>최신 뉴스</h3><ul>" + "".join(
        f"<li><a href='/news/view.php?idx={i}'>최신 뉴스 제목 {i}번째 기사입니다</a>"
        f"<p>이 기사는 요약문입니다. 서울시는 여러 정책을 발표했고 시민들의 관심이 높다고 밝혔다. {i}</p></li>"
        for i in range(10, 20)) + "</ul></aside>"
    doc = document_fromstring(
        "<html><body><h1>[영상] 서울시 예산 발표 현장</h1>"
        f"<div class='view_txt'>{story}</div>{side}</body></html>")
    assert extract_body(doc) == ["오세훈 서울시장이 9일 내년 예산안을 직접 발표했다."]


_TEASER_COLUMN = "<h3>최신 뉴스</h3><ul>" + "".join(
    f"<li><a href='/news/view.php?idx={i}'>최신 뉴스 제목 {i}번째 기사입니다</a>"
    f"<p>이 기사는 요약문입니다. 서울시는 여러 정책을 발표했고 시민들의 관심이 높다고 밝혔다. {i}</p></li>"
    for i in range(10, 20)) + "</ul>"
_SHORT_STORY = "오세훈 서울시장이 9일 내년 예산안을 직접 발표했다."


@pytest.mark.parametrize("column", [
    'id="aside"', 'class="side"', 'class="sideBar"', 'class="r_side"', 'class="right_area"',
    'id="rightWrap"', 'class="col_right"', 'id="right"', 'class="box sub_right"',
])
def test_a_side_column_by_name_goes_whatever_it_holds(column):
    doc = document_fromstring(
        "<html><body><div id='container'><div id='left'><h1>[영상] 서울시 예산 발표 현장</h1>"
        "<div class='info'>홍길동 기자 | 입력 2025.04.09 09:05</div>"
        f"<div class='view_txt'><p>{_SHORT_STORY}</p></div></div>"
        f"<div {column}>{_TEASER_COLUMN}</div></div></body></html>")
    assert extract_body(doc) == [_SHORT_STORY]


@pytest.mark.parametrize("wrapper", [
    # names that only hold the word: a sticky wrapper around the story, a layout of two
    # pictures, page margins, the main column
    'class="theiaStickySidebar"', 'class="side-by-side"', 'class="l-side-margins"',
    'id="left_side"', 'class="text-right"',
])
def test_a_name_holding_side_is_no_side_column(wrapper):
    story = "".join(f"<p>{_SHORT_STORY} 시는 청년 주거 지원과 대중교통 확충에 예산을 집중 배정했다고 "
                    f"설명했다. {i}</p>" for i in range(4))
    doc = document_fromstring(f"<html><body><div {wrapper}>{story}</div></body></html>")
    assert len(extract_body(doc)) == 4


@pytest.mark.parametrize("widget", [
    # a share list and a reporter box named in Korean CMSs' words, between paragraphs
    '<ul class="sns_list"><li>페이스북</li><li>트위터</li><li>카카오톡</li></ul>',
    '<div class="reporter_area"><strong>홍길동 기자</strong><p>hong@news.example.kr</p></div>',
])
def test_korean_share_lists_and_reporter_boxes_are_not_text(widget):
    doc = document_fromstring(
        f"<html><body><div id='n'><p>{LOREM[0]}</p>{widget}<p>{LOREM[1]}</p></div></body></html>")
    assert extract_body(doc) == [LOREM[0], LOREM[1]]


def test_a_column_named_right_that_holds_the_headline_is_the_story():
    # a left-menu layout: the story is the right-hand column
    story = "".join(f"<p>{_SHORT_STORY} 시는 청년 주거 지원과 대중교통 확충에 예산을 집중 배정했다고 "
                    f"설명했다. {i}</p>" for i in range(4))
    doc = document_fromstring(
        "<html><body><div id='left'><ul><li><a href='/a'>회사소개</a></li></ul></div>"
        f"<div id='right'><h1>서울시 내년 예산 48조원</h1>{story}</div></body></html>")
    assert len(extract_body(doc)) == 4
