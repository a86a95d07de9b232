"""Teasers: previews of other articles, never menus, pagers, tags or the page itself."""
from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract.teasers import collect_teasers, looks_like_article, url_shape


@pytest.mark.parametrize("url, page, expected", [
    ("http://www.x.kr/news/article.html?no=123", "http://www.x.kr/news/article.html?no=99", True),
    ("http://x.kr/news/article.html?no=123", "http://www.x.kr/news/article.html?no=99", True),
    ("http://www.x.kr/news/section.html?sec_no=1", "http://www.x.kr/news/article.html?no=99", False),
    ("http://www.y.kr/news/article.html?no=1", "http://www.x.kr/news/article.html?no=99", False),
    ("https://ex.com/2024/04/28/other-slug-here/", "https://ex.com/2024/05/01/my-story-title/", True),
    ("https://ex.com/about/", "https://ex.com/2024/05/01/my-story-title/", False),
    ("https://ex.com/tag/politics/", "https://ex.com/politics/my-story-title-here", False),
    ("https://ex.com/business/another-story-title-here", "https://ex.com/politics/my-story-title-here", True),
    ("https://ex.com/view/AKR20250408151200002", "https://ex.com/view/AKR20250409012300002", True),
    ("https://ex.com/category/local/", "https://ex.com/2024/05/01/my-story-title/", False),
])
def test_looks_like_article(url, page, expected):
    assert looks_like_article(url, page) is expected


def test_url_shape_generalises_ids_and_slugs():
    assert url_shape("https://www.ex.com/2024/05/01/a-long-slug-here/") == ("ex.com", ("N", "N", "N", "S"), ())
    assert url_shape("http://x.kr/news/article.html?no=5&page=2") == ("x.kr", ("=news", "=article.html"), ("no", "page"))


PAGE_URL = "http://www.x.kr/news/article.html?no=100"
PAGE = """<html><body>
<div class="gnb"><ul><li><a href="/news/article.html?no=1">메뉴에 걸린 기사 링크입니다 길게</a></li><li><a href="/news/section.html?sec_no=1">정치</a></li></ul></div>
<div id="news_body_area"><p>본문 문장 안의 <a href="/news/article.html?no=50">본문 속 다른 기사 링크 문장</a> 입니다 그리고 계속됩니다.</p>
<div class="relation"><h4>관련기사</h4><ul><li><a href="/news/article.html?no=60">관련 기사 하나의 제목입니다</a></li></ul></div></div>
<div class="arl_016"><div class="tit"><h2><a href="/news/section.html?sec_no=1">정치</a></h2><a class="more" href="/news/section.html?sec_no=1">더보기</a></div>
<div class="art_box"><a href="/news/article.html?no=70"><em>국회</em><h3>정치 박스 첫 기사 제목입니다</h3><p>정치 박스 첫 기사의 리드 문장입니다 길게 씁니다.</p></a></div>
<ul><li><a href="/news/article.html?no=71">정치 박스 둘째 기사 제목입니다</a></li><li><a href="/news/article.html?no=100">이 페이지 자신의 제목입니다 길게</a></li></ul></div>
<div class="arl_001"><h2>많이 본 뉴스</h2><ul class="lst_pop"><li><a href="/news/article.html?no=71"><span class="num">1</span>정치 박스 둘째 기사 제목입니다</a></li>
<li><a href="/news/article.html?no=72#comments"><span class="num">2</span>많이 본 뉴스 둘째 기사 제목</a></li></ul></div>
<div class="paging"><a href="/news/article_list_all.html?page=2">2</a></div>
<div class="tag_list"><a href="/news/search_result.html?search=AI">AI</a></div>
<footer><a href="/news/article.html?no=90">푸터에 있는 기사 링크 제목입니다</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def result():
    doc = lxml.html.document_fromstring(PAGE)
    main = doc.get_element_by_id("news_body_area")
    boxes = doc.xpath("//div[starts-with(@class,'arl_')]")
    return collect_teasers(doc, PAGE_URL, PAGE_URL, boxes=boxes, main=main)


def test_teaser_boxes(result):
    teasers, inline = result
    by_url = {t.url: t for t in teasers}
    base = "http://www.x.kr/news/article.html?no="
    assert set(by_url) == {base + "60", base + "70", base + "71", base + "72"}
    first = by_url[base + "70"]
    assert (first.title, first.snippet, first.section) == (
        "정치 박스 첫 기사 제목입니다", "정치 박스 첫 기사의 리드 문장입니다 길게 씁니다.", "국회")
    assert by_url[base + "71"].title == "정치 박스 둘째 기사 제목입니다"
    assert by_url[base + "71"].section == "정치"
    # a box named by its kind, not a section, is labelled all the same
    assert by_url[base + "72"].title == "많이 본 뉴스 둘째 기사 제목"
    assert by_url[base + "72"].section == "많이 본 뉴스"
    assert by_url[base + "60"].section == "관련기사"
    assert [el.get("class") for el in inline] == ["relation"]


def test_no_duplicates_and_no_own_url(result):
    teasers, _ = result
    urls = [t.url for t in teasers]
    assert len(urls) == len(set(urls))
    assert PAGE_URL not in urls


def _teasers_beside_text(page_url: str, boxes_html: str, known_box: str | None = None):
    """The teasers of a page made of a short text (the main node) and boxes_html; known_box
    is the class of a box a CMS profile would name, passed as one."""
    doc = lxml.html.document_fromstring(
        "<html><body><h1>서울시 내년 예산 48조원</h1><div id='main'><p>서울시는 9일 시청에서 "
        f"기자회견을 열고 내년도 예산안을 발표했다.</p></div>{boxes_html}</body></html>")
    boxes = doc.find_class(known_box) if known_box else []
    teasers, _ = collect_teasers(doc, page_url, page_url, boxes=boxes,
                                 main=doc.get_element_by_id("main"))
    return teasers


@pytest.mark.parametrize("box, expected", [
    # a card per definition list: the headline in its dt, the blurb in its dd
    ('<div class="box"><h3>경제</h3>'
     '<dl><dt><a href="/news/view.php?idx=201">수출 6개월 연속 증가세 이어가</a></dt>'
     '<dd class="lead">반도체와 자동차 수출이 호조를 보이며 수출이 6개월 연속 늘었다.</dd></dl>'
     '<dl><dt><a href="/news/view.php?idx=202">기준금리 동결…물가 안정 우선</a></dt>'
     '<dd>한국은행이 기준금리를 연 3.5%로 동결했다고 밝혔다.</dd></dl></div>',
     [("수출 6개월 연속 증가세 이어가", "경제", "반도체와 자동차 수출이 호조를 보이며 수출이 6개월 연속 늘었다."),
      ("기준금리 동결…물가 안정 우선", "경제", "한국은행이 기준금리를 연 3.5%로 동결했다고 밝혔다.")]),
    # a table of links named by its caption
    ('<table><caption>인기기사</caption>'
     '<tr><td><a href="/news/view.php?idx=601">프로야구 개막전 매진 행렬</a></td><td>2025.04.09</td></tr>'
     '<tr><td><a href="/news/view.php?idx=602">K리그 관중 역대 최다 기록</a></td><td>2025.04.08</td></tr>'
     '</table>',
     [("프로야구 개막전 매진 행렬", "인기기사", None), ("K리그 관중 역대 최다 기록", "인기기사", None)]),
    # tabbed boxes: each panel is named by the tab that points at its id
    ('<div class="tab_box"><ul class="tab"><li class="on"><a href="#t1">많이 본</a></li>'
     '<li><button aria-controls="t2">댓글 많은</button></li></ul>'
     '<div id="t1" class="tab_con"><ol><li><a href="/news/view.php?idx=71">프로야구 개막전 매진 행렬'
     '</a></li></ol></div><div id="t2" class="tab_con"><ol><li><a href="/news/view.php?idx=73">'
     '전세사기 특별법 개정안 통과</a></li></ol></div></div>',
     [("프로야구 개막전 매진 행렬", "많이 본", None), ("전세사기 특별법 개정안 통과", "댓글 많은", None)]),
    # a headline cut short to fit, the whole one in the link's title; a title that is not
    # the same headline does not replace it
    ('<div class="box"><h3>많이 본 뉴스</h3><ul><li><a href="/news/view.php?idx=11" '
     'title="서울 아파트값 3주 연속 상승…강남권이 상승세 주도">서울 아파트값 3주 연속 상승…강남권이...</a></li>'
     '<li><a href="/news/view.php?idx=12" title="새 창으로 열기">정부, 반도체 특별법 국회 처리 촉...</a>'
     '</li></ul></div>',
     [("서울 아파트값 3주 연속 상승…강남권이 상승세 주도", "많이 본 뉴스", None),
      ("정부, 반도체 특별법 국회 처리 촉...", "많이 본 뉴스", None)]),
])
def test_generic_korean_boxes(box, expected):
    teasers = _teasers_beside_text("https://www.local.example/news/view.php?idx=100",
                                   f"<aside>{box}</aside>")
    assert [(t.title, t.section, t.snippet) for t in teasers] == expected


def test_a_box_heading_linked_to_its_section_is_no_teaser():
    # a CMS widget ('div.arl_*') headed by a link to its section page: the heading names
    # the box, it is not a preview of an article
    teasers = _teasers_beside_text(
        "http://www.x.kr/news/article.html?no=100",
        '<div class="arl_016"><div class="tit"><h2><a href="/news/section.html?sec_no=14">'
        '지방자치</a></h2></div><ul><li><a href="/news/article.html?no=71">'
        '서울 성동구, 여름철 재난 대비 24시간 상황관리</a></li></ul></div>', known_box="arl_016")
    assert [(t.title, t.section) for t in teasers] == [
        ("서울 성동구, 여름철 재난 대비 24시간 상황관리", "지방자치")]


def test_a_box_is_named_by_its_header_not_by_its_first_headline_link():
    # ND소프트's ranking: every headline link's class says 'titles', like a heading's
    teasers = _teasers_beside_text(
        "https://www.jejunews.com/news/articleView.html?idxno=1",
        '<aside><div id="skin-12"><header><h2 class="title">많이 본 기사</h2></header>'
        '<ul class="auto-lists"><li><a href="/news/articleView.html?idxno=220150" '
        'class="auto-titles">제주 제2공항 기본계획 고시 임박</a></li><li>'
        '<a href="/news/articleView.html?idxno=220149" class="auto-titles">'
        '한라산 첫눈…윗세오름 3cm</a></li></ul></div></aside>')
    assert {t.section for t in teasers} == {"많이 본 기사"}


def test_a_label_inside_one_card_does_not_name_the_whole_list():
    # gnuboard's previous/next links: each item's own '이전글' / '다음글' label
    teasers = _teasers_beside_text(
        "http://www.cdntv.co.kr/bbs/board.php?bo_table=news&wr_id=4521",
        '<ul class="bo_v_nb"><li><span class="nb_tit">이전글</span><a href="./board.php?'
        'bo_table=news&amp;wr_id=4520">도서관 야간 개방 시범 운영 시작</a></li><li>'
        '<span class="nb_tit">다음글</span><a href="./board.php?bo_table=news&amp;wr_id=4522">'
        '시립합창단 정기연주회 개최 안내</a></li></ul>')
    assert [(t.title, t.section) for t in teasers] == [
        ("도서관 야간 개방 시범 운영 시작", None), ("시립합창단 정기연주회 개최 안내", None)]


def test_generic_layout_finds_sidebar_but_not_menus():
    page_url = "https://ex.com/2024/05/01/my-story-title-here/"
    html = """<html><body><header><nav><a href="/2024/04/30/menu-linked-story-title/">Menu linked story title</a></nav></header>
<article><h1>My story</h1><p>Text of the story that is long enough to be a paragraph of an article page.</p></article>
<aside><h3>Recent Posts</h3><ul><li><a href="/2024/04/29/library-extends-weekend-hours/">Library extends weekend hours</a></li>
<li><a href="/2024/04/28/short/">Short</a></li><li><a href="/about-us/">About us and our team</a></li></ul></aside></body></html>"""
    doc = lxml.html.document_fromstring(html)
    teasers, _ = collect_teasers(doc, page_url, page_url, main=doc.find(".//article"))
    assert [(t.title, t.section) for t in teasers] == [("Library extends weekend hours",
                                                         "Recent Posts")]


@pytest.mark.parametrize("text", [
    "", "short", "exactly10!", "nine char", "a b c d e f g h i j", " \n\t a b c d \r\n ",
    "1234 56789", "12345\n\n\n\n6789", "  123456789  ", "한글 헤드라인 열 글자요", "\xa0" * 12,
    "x" * 300,
])
def test_headline_length_is_the_xpath_test(text):
    from pipelines.extract.teaser_labels import _headline_length

    a = lxml.html.fromstring("<div><a href='/x'></a></div>").find("a")
    a.text = text
    expected = a.xpath("string-length(normalize-space(.)) >= 10")
    assert _headline_length(a) is expected


def test_nested_known_boxes_build_each_card_once(monkeypatch):
    """A profile that names a widget and the list inside it gets the same teasers as
    for the widget alone, and each link is built once."""
    from pipelines.extract import teasers as teasers_mod

    built: list[str] = []
    real = teasers_mod._card_teaser

    def counting(anchor, *args):
        built.append(anchor.get("href"))
        return real(anchor, *args)

    monkeypatch.setattr(teasers_mod, "_card_teaser", counting)
    doc = lxml.html.document_fromstring(PAGE)
    widget = doc.xpath("//div[@class='arl_001']")[0]
    alone, _ = collect_teasers(doc, PAGE_URL, PAGE_URL, boxes=[widget])
    alone_builds = len(built)
    built.clear()
    nested, _ = collect_teasers(doc, PAGE_URL, PAGE_URL, boxes=[widget, widget.find(".//ul")])
    assert nested == alone
    assert len(built) == alone_builds


@pytest.mark.parametrize("wrapper", ["item__title-wrapper", "card-title-block"])
def test_card_title_is_the_heading_inside_a_title_named_wrapper(wrapper):
    """A wrapper named like a title holds the headline, the dek and the time: the
    headline is the heading inside it, the dek the snippet."""
    from pipelines.extract.teasers import teaser_from_anchor

    html = f"""<div><article class="item"><a href="/news/zebra-stripes-on-cows/" class="item__anchor">
<span class="img"><img src="/cow.jpg" alt=""></span><div class="{wrapper}">
<h4 class="item__hed"> Why farmers may want to paint their cows </h4>
<p class="item__dek"> Some people thought the stripy cattle were a practical joke </p>
<div class="item__metadata"><span class="item__date">32M ago</span></div></div></a></article></div>"""
    doc = lxml.html.fromstring(html)
    teaser = teaser_from_anchor(doc.find(".//a"), doc, "https://ex.com/", None)
    assert teaser.title == "Why farmers may want to paint their cows"
    assert teaser.snippet == "Some people thought the stripy cattle were a practical joke"


@pytest.mark.parametrize("card_meta", [
    # a byline inside an element whose class says header: 'article-header__meta-author'
    '<span class="article-header__meta-author--prefix">By</span> <a>Jane Doe</a>',
    # a heading that is the card's byline
    '<div class="byline-timestamp-container"><h3 class="byline bold"><span>Lisa Kubota</span></h3></div>',
    # a label that names no section
    '<strong>Published</strong>',
])
def test_box_label_is_never_a_byline_or_a_word_like_published(card_meta):
    from pipelines.extract.teaser_labels import _box_label, _heading_of_box

    cards = "".join(
        f'<li><h4><a href="/2019/11/s{i}/">Story number {i} of the list</a></h4>{card_meta}</li>'
        for i in range(3))
    box = lxml.html.fromstring(f"<div><ul>{cards}</ul></div>").find(".//ul")
    assert _box_label(_heading_of_box(box)) is None


def test_box_label_is_found_beside_bylines():
    from pipelines.extract.teaser_labels import _heading_of_box

    cards = "".join(
        f'<li><a href="/2019/11/s{i}/">Story number {i} of the list</a>'
        f'<span class="article-header__meta-author">Jane Doe</span></li>' for i in range(3))
    box = lxml.html.fromstring(
        f"<div><h3 class='box-title'>Economy</h3><ul>{cards}</ul></div>")
    assert _heading_of_box(box) == "Economy"


def test_blurb_sharing_the_link_with_the_headline_is_the_snippet():
    from pipelines.extract.teasers import teaser_from_anchor

    html = """<ol><li class="c-rock-list__item"><a href="/2019/11/19/2097/impeachment-hearing">
<div class="c-rock-list__image"><img src="/x.jpg" alt=""></div><span class="c-rock-list__item--body">
<span>Tuesday's hearings were a disaster for Republicans</span>
<span class="c-rock-list__entry-blurb">Even their own witnesses said damaging stuff.</span>
</span></a></li></ol>"""
    doc = lxml.html.fromstring(html)
    teaser = teaser_from_anchor(doc.find(".//a"), doc, "https://ex.com/", None)
    assert (teaser.title, teaser.snippet) == (
        "Tuesday's hearings were a disaster for Republicans",
        "Even their own witnesses said damaging stuff.")


def test_image_link_is_titled_by_its_cards_headline_not_its_aria_label():
    from pipelines.extract.teasers import teaser_from_anchor

    html = """<div><article class="fp-vertical-story">
<a href="/2019/most-remote-places" aria-label="Opens a new window"><picture><img alt=""></picture></a>
<header><h2 class="headline"><a href="/2019/most-remote-places">The Most Remote Places In The World</a></h2></header>
<div class="description"><p>If you have ever driven through a sparsely populated rural area, you know.</p></div>
</article></div>"""
    doc = lxml.html.fromstring(html)
    teaser = teaser_from_anchor(doc.find(".//a"), doc, "https://ex.com/", None)
    assert teaser.title == "The Most Remote Places In The World"
    # a lone image link with nothing else keeps its label as the last resort
    lone = lxml.html.fromstring('<div><a href="/2019/x" aria-label="Remote places, visualized">'
                                '<img alt=""></a></div>')
    assert teaser_from_anchor(lone.find(".//a"), lone, "https://ex.com/", None).title == \
        "Remote places, visualized"


_BLURB = ("Overeating is a problem almost everyone who loses weight faces at some point. "
          "Use these 10 methods to get back on track.")


@pytest.mark.parametrize("texts, expected", [
    # a card linking its headline and its blurb separately, in either order
    (["10 Ways to Get Back on Track After a Binge", _BLURB],
     ("10 Ways to Get Back on Track After a Binge", _BLURB)),
    ([_BLURB, "10 Ways to Get Back on Track After a Binge"],
     ("10 Ways to Get Back on Track After a Binge", _BLURB)),
    # a label or a button is no headline: the longer text stays the title
    (["News Cloud", _BLURB], (_BLURB, None)),
    (["SEE THE FULL GALLERY NOW", _BLURB], (_BLURB, None)),
    # two wordings of one headline, and a headline cut short
    (["Trump press secretary faces backlash for baseless claim",
      "Trump press secretary faces backlash over claim that Obama left no plan"],
     ("Trump press secretary faces backlash over claim that Obama left no plan", None)),
    (["Ten ways to get back on track…", "Ten ways to get back on track after a binge, "
      "explained by the dietitians who see it every week"],
     ("Ten ways to get back on track after a binge, explained by the dietitians who see it "
      "every week", None)),
])
def test_two_links_of_one_card_give_its_headline_and_blurb(texts, expected):
    from pipelines.extract.teasers import TeaserCollector
    from pipelines.record import Teaser

    collector = TeaserCollector("https://ex.com/a/1", "https://ex.com/")
    for text in texts:
        collector.add_teaser(Teaser(title=text, url="https://ex.com/nutrition/binge"))
    (teaser,) = collector.by_url.values()
    assert (teaser.title, teaser.snippet) == expected


@pytest.mark.parametrize("title, kept", [
    ("More in Trump Impeachment Inquiry", False),
    ("View all (23)", False),
    ("Subscribe to 'All About Space'", False),
    ("Newsletter", False),
    ("Next article", False),
    ("전체기사 더보기", False),
    ("LOAD MORE", False), ("previous story", False), ("read more", False), ("더보기", False),
    ("More than 100 protesters killed in Iran unrest", True),
    ("Subscribers lose access as the paper closes its archive", True),
    ("서울 서초구, 규제자유특구 지정 더 넓힌다", True),
])
def test_button_and_hub_link_texts_are_not_teasers(title, kept):
    from pipelines.extract.teasers import TeaserCollector
    from pipelines.record import Teaser

    collector = TeaserCollector("https://ex.com/a/1", "https://ex.com/")
    collector.add_teaser(Teaser(title=title, url="https://ex.com/2019/11/other"))
    assert bool(collector.by_url) is kept


def test_related_article_line_in_the_text_is_an_inline_box():
    from pipelines.extract.teasers import inline_boxes

    body = lxml.html.fromstring(
        "<div><p>서울시는 5일 내년도 예산안을 발표했다. 시는 복지 분야에 집중했다.</p>"
        "<p>▶ 관련기사: <a href='/news/article.html?no=12'>서울시 올해 예산 집행률 90% 넘어</a></p>"
        "<p>시 관계자는 <a href='/news/article.html?no=13'>지난해 발표</a>를 언급하며 설명했다.</p></div>")
    assert [b.text_content() for b in inline_boxes(body)] == ["▶ 관련기사: 서울시 올해 예산 집행률 90% 넘어"]


@pytest.mark.parametrize("label, expected", [
    # a section
    ("정치", "정치"), ("Politics", "Politics"), ("Weight Loss", "Weight Loss"),
    # the box's kind, in any language
    ("많이 본 뉴스", "많이 본 뉴스"), ("DON'T MISS", "DON'T MISS"),
    ("Tulisan Terkini", "Tulisan Terkini"), ("Свежие записи", "Свежие записи"),
    ("Breaking News", "Breaking News"), ("Leia também", "Leia também"), ("Related:", "Related"),
    ("Most Popular Today", "Most Popular Today"), ("MoneyWatch", "MoneyWatch"),
    # no label: a question (a teaser's headline), byline and sign-up words, a field name,
    # a long subhead, two tabs run together
    ("商標のライセンスって？", None), ("Is it safe?", None), ("Published", None),
    ("Subscribe", None), ("Share this:", None), ("Pick Six Newsletter", None),
    ("Sources:", None), ("How to retire early", None), ("LatestMost Read", None),
])
def test_box_labels(label, expected):
    from pipelines.extract.teaser_labels import _box_label

    assert _box_label(label) == expected


@pytest.mark.parametrize("link, title", [
    # a rank number in bold opening the link, with no class to name it
    ('<a href="/view.php?id=103"><strong>3</strong>대전시 트램 공사 본격 착수…2028년 개통</a>',
     "대전시 트램 공사 본격 착수…2028년 개통"),
    ('<a href="/view.php?id=103"><b>10</b> Things in tech you need to know today</a>',
     "Things in tech you need to know today"),
    # a number inside the headline stays
    ('<a href="/view.php?id=103">대전시 <b>3</b>개 구 통합 추진</a>', "대전시 3 개 구 통합 추진"),
])
def test_rank_number_in_bold_is_no_part_of_the_title(link, title):
    from pipelines.extract.teasers import teaser_from_anchor

    doc = lxml.html.fromstring(f"<ol><li>{link}</li></ol>")
    assert teaser_from_anchor(doc.find(".//a"), doc, "https://ex.com/", None).title == title



@pytest.mark.parametrize("line, labels", [
    ('<p>▶ 관련기사<br><a href="/news/view.php?idx=11">서울시 예산안 초안 공개…복지 확대</a></p>',
     ["관련기사"]),
    ('<p>[관련기사] <a href="/news/view.php?idx=11">서울시 예산안 초안 공개…복지 확대</a></p>',
     ["관련기사"]),
    ('<p><strong>READ MORE:&nbsp;<a href="/news/view.php?idx=11">서울시 예산안 초안 공개…복지 확대'
     '</a></strong></p>', ["READ MORE"]),
    # the label in an element of its own before the link
    ('<div class="inline-promo"><span>Up next</span><a href="/news/view.php?idx=11">'
     '서울시 예산안 초안 공개…복지 확대</a></div>', ["Up next"]),
    ('<div><strong>함께 보면 좋은 기사</strong><a href="/news/view.php?idx=11">'
     '서울시 예산안 초안 공개…복지 확대</a></div>', ["함께 보면 좋은 기사"]),
    # a link in a sentence opens no box and is no teaser
    ('<p>앞서 시는 <a href="/news/view.php?idx=11">서울시 예산안 초안 공개…복지 확대</a>라고 밝혔다.</p>',
     []),
])
def test_the_line_opening_a_box_in_the_text_names_it(line, labels):
    from pipelines import extract_article

    text = "".join(f"<p>{s}</p>" for s in (
        "서울시는 9일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. 예산 규모는 올해보다 5% 늘어난 48조원이다.",
        "시는 청년 주거 지원과 대중교통 확충에 예산을 집중 배정했다고 설명했다. 특히 지하철 노후 시설 개선에 1조원을 투입한다."))
    html = ("<html><head><meta charset='utf-8'><title>서울시 내년 예산 48조원</title></head><body>"
            f"<h1>서울시 내년 예산 48조원</h1><div class='view_txt'>{text}{line}</div></body></html>")
    art = extract_article(html, "https://www.local.example/news/view.php?idx=100")
    assert [t.section for t in art.teasers] == labels


def test_script_links_are_teasers_of_the_address_they_open():
    teasers = _teasers_beside_text(
        "https://www.local.example/news/view.php?idx=100",
        '<div class="box"><h3>많이 본 뉴스</h3><ul>'
        "<li><a href=\"#\" onclick=\"location.href='/news/view.php?idx=11'\">서울 아파트값 3주 연속 상승</a></li>"
        "<li><a href=\"javascript:location.href='/news/view.php?idx=12';\">정부, 반도체 특별법 처리 촉구</a></li>"
        "<li><a href=\"javascript:void(0)\" onclick=\"window.open('/news/view.php?idx=13')\">"
        "프로야구 개막 2연전 매진 행렬</a></li>"
        '<li><a href="javascript:goView(14)">주소를 알 수 없는 스크립트 링크</a></li></ul></div>')
    assert [t.url.rsplit("=", 1)[1] for t in teasers] == ["11", "12", "13"]
