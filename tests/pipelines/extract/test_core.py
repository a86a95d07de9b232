"""extract_article as a whole: input checks, layer order and `sources`, time zones,
future and chrome dates, canonical URL, language, site files."""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipelines.errors import NotHTMLError
from pipelines.extract.core import EXTRACTOR_VERSION, compose_jamo_sequences, extract_article
from pipelines.siteconfig import site_from_dict

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
NOW = datetime(2025, 12, 10, 12, 0, tzinfo=timezone.utc)


def fixture(name: str):
    meta = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    return (PAGES / f"{name}.html").read_bytes(), meta["url"]


def page(head: str = "", body: str = "", lang: str | None = None) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{lang_attr}><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


ARTICLE_TEXT = "".join(
    f"<p>{s}</p>" for s in (
        "The council voted on Tuesday to approve the new budget for the coming year after a long debate.",
        "Members said the plan would fund schools, roads and parks, and keep taxes flat for residents.",
        "The mayor is expected to sign the measure into law next week, officials said in a statement.",
    )
)


@pytest.mark.parametrize("data", [
    b"", b"   \n\t ", "", "  ", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b'{"title": "x", "body": "y"}',
    '[{"a": 1}, {"b": 2}]', bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 100,
])
def test_not_html_raises(data):
    with pytest.raises(NotHTMLError):
        extract_article(data, "https://example.com/a")


def test_wrong_type_raises_not_html():
    with pytest.raises(NotHTMLError):
        extract_article(12345, "https://example.com/a")  # type: ignore[arg-type]


def test_record_basics_and_version():
    fetched = datetime(2025, 4, 9, 1, 0, tzinfo=timezone.utc)
    data, url = fixture("tvseoul_seed")
    art = extract_article(data, url, fetched_at=fetched, now=NOW)
    assert art.extractor_version == EXTRACTOR_VERSION
    assert art.fetched_at == fetched
    assert art.site == "www.tvseoul.kr"
    assert art.content_hash and len(art.content_hash) == 64
    assert art.language == "ko"


@pytest.mark.parametrize("name, field, rule", [
    ("tvseoul_seed", "title", "cms:article_no"),
    ("tvseoul_seed", "published_at", "cms:article_no"),
    ("tvseoul_seed", "authors", "body:byline"),
    ("tvseoul_seed", "body", "cms:article_no"),
    ("tvseoul_seed", "teasers", "cms:article_no"),
    ("sisajournal_nd_current", "authors", "cms:ndsoft"),
    ("sisajournal_nd_current", "section", "cms:ndsoft"),
    ("jsonld_graph", "title", "jsonld"),
    ("jsonld_graph", "published_at", "jsonld"),
    ("jsonld_graph", "section", "breadcrumb"),
    ("jsonld_list_english", "authors", "jsonld"),
    ("wordpress_english", "title", "og"),
    ("wordpress_english", "published_at", "meta"),
    ("wordpress_english", "canonical_url", "canonical"),
    ("wordpress_english", "body", "heuristic"),
    ("naver_news", "published_at", "time"),
    ("gnuboard_board", "title", "cms:gnuboard"),
    ("nownews_generic_korean", "published_at", "heuristic"),
])
def test_sources_name_the_rule(name, field, rule):
    data, url = fixture(name)
    art = extract_article(data, url, now=NOW)
    assert art.sources[field] == rule


def test_site_name_from_site_file():
    data, url = fixture("tvseoul_seed")
    site = site_from_dict({"name": "tvseoul", "base_url": "http://www.tvseoul.kr/", "cms": "article_no"})
    assert extract_article(data, url, site, now=NOW).site == "tvseoul"


KR_NAIVE = page(body="<h1>서울시 새 정책 발표</h1><div class='info'>입력 2024.05.01 10:20:30</div>"
                     "<div class='article_body'><p>서울시는 1일 새로운 교통 정책을 발표했다고 밝혔다. 이번 정책은 버스 노선 개편을 담았다.</p>"
                     "<p>시 관계자는 시민 불편을 줄이기 위해 노력하겠다고 말했다. 개편은 다음 달부터 시행된다.</p></div>")


def test_naive_dates_get_seoul_on_kr_and_korean_pages():
    art = extract_article(KR_NAIVE, "https://news.example.kr/view/1", now=NOW)
    assert art.published_at.isoformat() == "2024-05-01T10:20:30+09:00"
    art = extract_article(KR_NAIVE, "https://news.example.com/view/1", now=NOW)
    assert art.published_at.utcoffset().total_seconds() == 9 * 3600


def test_naive_dates_get_site_timezone():
    site = site_from_dict({"name": "x", "base_url": "https://news.example.kr/", "timezone": "Europe/Berlin"})
    art = extract_article(KR_NAIVE, "https://news.example.kr/view/1", site, now=NOW)
    assert art.published_at.isoformat() == "2024-05-01T10:20:30+02:00"


def test_naive_dates_utc_elsewhere():
    html = page(head="<meta property='article:published_time' content='2024-05-01T10:20:30'>",
                body="<h1>Budget approved</h1>" + ARTICLE_TEXT, lang="en")
    art = extract_article(html, "https://news.example.com/2024/05/01/budget-approved", now=NOW)
    assert art.published_at.isoformat() == "2024-05-01T10:20:30+00:00"


def test_future_dates_rejected():
    html = KR_NAIVE.replace("2024.05.01", "2026.05.01")
    art = extract_article(html, "https://news.example.kr/view/1", now=NOW)
    assert art.published_at is None


def test_date_header_and_last_edit_are_not_article_dates():
    html = page(body="<p class='today_txt'>2025.04.09 (수)</p><h1>서울시 새 정책 발표</h1>"
                     "<div class='article_body'><p>서울시는 1일 새로운 교통 정책을 발표했다고 밝혔다. 이번 정책은 버스 노선 개편을 담았다.</p>"
                     "<p>시 관계자는 시민 불편을 줄이기 위해 노력하겠다고 말했다. 개편은 다음 달부터 시행된다.</p></div>"
                     "<p>최종편집 2025년 04월 09일 10시 47분</p>")
    art = extract_article(html, "https://news.example.kr/view/1", now=NOW)
    assert art.published_at is None and art.modified_at is None


@pytest.mark.parametrize("header, expected", [
    ("<p><em>November 15, 2019</em></p>", "2019-11-15T00:00:00+00:00"),
    ("<p class='byline'>By Jane Doe</p><span class='datetime'>Monday, November 18, 2019</span>",
     "2019-11-18T00:00:00+00:00"),
    ("<div>18 NOV 2019</div>", "2019-11-18T00:00:00+00:00"),
    # a date inside a sentence is about something else
    ("<p class='lede'>The festival runs until March 3, 2024, organisers said.</p>", None),
    # two different dates alone: which one is the article's is anyone's guess
    ("<p>November 15, 2019</p><p>November 16, 2019</p>", None),
    # the date of an 'Updated' label is the modification's, not the publication's
    ("<p><span>Updated</span> <time>November 18, 2019</time></p>", None),
])
def test_a_date_alone_under_the_headline_is_the_last_resort(header, expected):
    html = page(body="<h1>Budget approved after a long debate</h1>" + header
                     + "<article>" + ARTICLE_TEXT + "</article>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    got = art.published_at.isoformat() if art.published_at else None
    assert got == expected
    assert (art.sources.get("published_at") == "heuristic") == (expected is not None)


def test_a_date_alone_in_a_byline_heading_of_a_table_layout():
    """The byline heading is page chrome to the body's clean-up: the date is read first."""
    html = page(body="<table><tr><td><h1 class='headline'>Seeking a bigger role for a big rocket</h1>"
                     "<h3 class='byline'>by Jeff Foust<br><span class='datetime'>Monday, November 18, "
                     "2019</span></h3>" + ARTICLE_TEXT + "</td></tr></table>", lang="en")
    art = extract_article(html, "https://www.thespacereview.com/article/3834/1", now=NOW)
    assert art.published_at.isoformat() == "2019-11-18T00:00:00+00:00"
    assert [a.name for a in art.authors] == ["Jeff Foust"]


def test_a_label_after_the_headline_is_not_part_of_the_title():
    html = page(head="<meta property='og:title' content='The view on Hong Kong: a city on the brink | Editorial'>",
                body="<h1>The view on Hong Kong: a city on the brink</h1>" + ARTICLE_TEXT, lang="en")
    art = extract_article(html, "https://www.example.com/2019/nov/18/hong-kong", now=NOW)
    assert art.title == "The view on Hong Kong: a city on the brink"


def test_a_label_before_the_headline_is_not_part_of_the_title():
    html = page(head="<title>The Space Review: Seeking a bigger role for a big rocket</title>",
                body="<h1>Seeking a bigger role for a big rocket</h1>" + ARTICLE_TEXT, lang="en")
    art = extract_article(html, "https://www.thespacereview.com/article/3834/1", now=NOW)
    assert art.title == "Seeking a bigger role for a big rocket"


def test_a_date_in_the_byline_is_the_last_resort():
    html = page(body="<div class='byline'>By Jane Doe - 2019-04-10</div>"
                     "<h2>Budget approved after a long debate</h2>"
                     "<article>" + ARTICLE_TEXT + "</article>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    assert art.published_at.isoformat() == "2019-04-10T00:00:00+00:00"
    assert [a.name for a in art.authors] == ["Jane Doe"]


def test_a_date_alone_loses_to_structured_data():
    html = page(head="<meta property='article:published_time' content='2019-11-14T08:00:00+00:00'>",
                body="<h1>Budget approved after a long debate</h1><p><em>November 15, 2019</em></p>"
                     "<article>" + ARTICLE_TEXT + "</article>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    assert art.published_at.isoformat() == "2019-11-14T08:00:00+00:00"


@pytest.mark.parametrize("byline, source", [
    # a <br> between the names and the date
    ("<p class='byline'>By <a href='/staff'>Jane Doe and John Roe</a><br>"
     "<span>Monday, November 18, 2019, 04:05 pm PT</span></p>", None),
    # a 'By' element whose class names no byline, when nothing else names the authors
    ("<p class='article__meta'>By <a href='/staff/jd'>Jane Doe</a> , "
     "<a href='/staff/jr'>John Roe</a> on Monday, November 18th, 2019</p>", "heuristic"),
])
def test_bylines_under_the_headline(byline, source):
    html = page(body="<h1>Budget approved after a long debate</h1>" + byline
                     + "<article>" + ARTICLE_TEXT + "</article>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    assert [a.name for a in art.authors] == ["Jane Doe", "John Roe"]
    if source:
        assert art.sources["authors"] == source


KO_TEXT = "".join(f"<p>{s}</p>" for s in (
    "서울시는 9일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. 예산 규모는 올해보다 5% 늘어난 48조원이다.",
    "시는 청년 주거 지원과 대중교통 확충에 예산을 집중 배정했다고 설명했다. 특히 지하철 노후 시설 개선에 1조원을 투입한다.",
    "오세훈 시장은 \"시민의 삶을 바꾸는 예산\"이라며 \"의회와 긴밀히 협력하겠다\"고 말했다.",
))
KO_URL = "https://www.news.example.kr/article/25311234"
KO_HEAD = "<title>서울시 내년 예산 48조원…청년·교통 집중 | 뉴스</title>"


@pytest.mark.parametrize("byline, email", [
    # the reporter's address in the byline link, not in its text
    ("<ul class='bl'><li class='email'><a href='mailto:hong@cbs.example'>CBS노컷뉴스 홍성민 기자"
     "</a></li><li>2025-04-09 09:05</li></ul>", "hong@cbs.example"),
    ("<div class='byline'>홍성민 기자 <a href='mailto:hong@cbs.example'>이메일</a></div>",
     "hong@cbs.example"),
    # a tip line's address is not the reporter's
    ("<div class='byline'>홍성민 기자 <a href='mailto:jebo@cbs.example'>제보하기</a></div>", None),
    ("<div class='byline'>홍성민 기자 <a href='mailto:?subject=budget'>메일</a></div>", None),
])
def test_a_byline_mailto_link_gives_the_email(byline, email):
    html = page(head=KO_HEAD, body=f"<h2>서울시 내년 예산 48조원…청년·교통 집중</h2>{byline}"
                     f"<div id='pnlContent'>{KO_TEXT}</div>")
    art = extract_article(html, KO_URL, now=NOW)
    assert [(a.name, a.role, a.email) for a in art.authors] == [("홍성민", "기자", email)]


def test_a_later_byline_element_adds_the_email_of_the_reporter_named_first():
    # the header names the reporter, a byline box at the body's end adds the address;
    # a byline element naming someone else adds no one
    html = page(body="<h1>서울시 내년 예산 48조원…청년·교통 집중</h1>"
                     "<div class='byline'><a href='/reporter/1'>김상진 기자</a></div>"
                     f"<div id='article_body'>{KO_TEXT}"
                     "<div class='ab_byline'>김상진 기자 kim.sj@news.example.kr</div></div>"
                     "<div class='author-box'>이영희 기자 lee@news.example.kr</div>")
    art = extract_article(html, KO_URL, now=NOW)
    assert [(a.name, a.role, a.email) for a in art.authors] == [
        ("김상진", "기자", "kim.sj@news.example.kr")]


def test_a_photo_and_its_caption_in_a_text_body_are_not_paragraphs():
    photo = ("<div class='articlePhotoC'><span class='thumb'><img src='/p.jpg'></span>"
             "<span class='sub_tit'>9일 서울시청 기자회견 모습. 뉴시스</span></div>")
    paras = KO_TEXT.replace("</p><p>", "<br><br>").replace("<p>", "").replace("</p>", "")
    first, rest = paras.split("<br><br>", 1)
    html = page(body="<h1>서울시 내년 예산 48조원…청년·교통 집중</h1>"
                     f"<div class='article_txt'>{first}<br><br>{photo}{rest}</div>")
    art = extract_article(html, KO_URL, now=NOW)
    assert "기자회견 모습" not in art.body
    assert len(art.body.split("\n\n")) == 3
    assert art.subtitle is None  # the caption's 'sub_tit' names no subtitle


@pytest.mark.parametrize("title, head", [
    # the outlet, named by the logo's link to the home page, in brackets before the headline
    ("[뉴스코리아] 서울시 내년 예산 48조원…청년·교통 집중", ""),
    # the page's title only the outlet, og:title the headline with the outlet's tail
    ("뉴스코리아", '<meta property="og:title" content="서울시 내년 예산 48조원…청년·교통 집중 - 뉴스코리아">'),
])
def test_the_outlet_named_by_the_home_link_leaves_titles_without_a_separator_too(title, head):
    html = page(head=f"<title>{title}</title>{head}",
                body="<header><a href='/'><img src='/logo.png' alt='뉴스코리아'></a></header>"
                     f"<div class='view_txt'>{KO_TEXT}</div>")
    art = extract_article(html, KO_URL, now=NOW)
    assert art.title == "서울시 내년 예산 48조원…청년·교통 집중"


@pytest.mark.parametrize("info, url, published, modified, source", [
    # two unlabelled time stamps under the headline: first and last version
    ("<div class='info'><span>2025.04.09 09:05</span><span>2025.04.10 11:00</span></div>",
     KO_URL, "2025-04-09T09:05:00+09:00", "2025-04-10T11:00:00+09:00", "heuristic"),
    ("<div class='info'><span>2025.04.09 09:05</span><span>2025.04.09 11:00</span></div>",
     KO_URL, "2025-04-09T09:05:00+09:00", "2025-04-09T11:00:00+09:00", "heuristic"),
    # no date on the page: the day its URL names
    ("", "https://www.news.example.kr/2025/04/09/budget/", "2025-04-09T00:00:00+09:00", None,
     "url"),
    ("", KO_URL, None, None, None),
])
def test_last_resort_dates(info, url, published, modified, source):
    html = page(head=KO_HEAD, body=f"<h1>서울시 내년 예산 48조원…청년·교통 집중</h1>{info}"
                                   f"<div class='view_txt'>{KO_TEXT}</div>")
    art = extract_article(html, url, now=NOW)
    assert (art.published_at and art.published_at.isoformat()) == published
    assert (art.modified_at and art.modified_at.isoformat()) == modified
    assert art.sources.get("published_at") == source


@pytest.mark.parametrize("tail, kept", [
    ("<p>Tags</p><p>city budget, schools, roads and parks, taxes</p>", None),
    ("<p><strong>Tags<br><a rel='tag' href='/tag/a'>city budget</a>, <a rel='tag' href='/tag/b'>"
     "schools</a>, <a rel='tag' href='/tag/c'>council vote</a></strong></p>", None),
    ("<p>키워드</p><p>서울시, 예산안, 청년 주거, 지하철</p>", None),
    # a label and its list on one line
    ("<p>Tags: city budget, schools, council vote</p>", None),
    ("<p>Filed under: Local News</p>", None),
    ("<p>Posted in News | Tagged budget, council</p>", None),
    ("<p>Topics discussed included the budget, schools and roads.</p>",
     "Topics discussed included the budget, schools and roads."),
    # after a label, a sentence that happens to hold commas is text
    ("<p>Topics</p><p>The mayor, who took office in May, said the plan was fair.</p>",
     "The mayor, who took office in May, said the plan was fair."),
])
def test_a_tag_list_after_the_text_is_not_text(tail, kept):
    html = page(head="<title>Budget approved</title>",
                body=f"<h1>Budget approved</h1><article>{ARTICLE_TEXT}{tail}</article>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    last = art.body.split("\n\n")[-1]
    assert last == (kept or "The mayor is expected to sign the measure into law next week, "
                             "officials said in a statement.")


def test_a_subtitle_of_several_lines_keeps_them():
    html = page(head=KO_HEAD, body="<h1>서울시 내년 예산 48조원…청년·교통 집중</h1>"
                                   "<h3 class='subtitle'>청년 주거에 2조원<br>지하철 개선에 1조원</h3>"
                                   f"<div class='view_txt'>{KO_TEXT}</div>")
    art = extract_article(html, KO_URL, now=NOW)
    assert art.subtitle == "청년 주거에 2조원\n지하철 개선에 1조원"


def test_wordpress_related_posts_in_the_entry_are_teasers_not_text():
    # Jetpack puts its related posts inside the entry's content, between text and footer
    related = ("<div id='jp-relatedposts' class='jp-relatedposts'><h3 class='jp-relatedposts-headline'>"
               "<em>Related</em></h3><div class='jp-relatedposts-items'><div class='jp-relatedposts-post'>"
               "<h4 class='jp-relatedposts-post-title'><a href='/2024/04/20/school-funding-debate/'>"
               "School funding debate heats up</a></h4><p class='jp-relatedposts-post-excerpt'>The board "
               "met to discuss how to pay for new classrooms.</p></div></div></div>")
    html = page(head="<title>Council approves budget</title>",
                body="<article class='post'><h1 class='entry-title'>Council approves budget</h1>"
                     f"<div class='entry-content'>{ARTICLE_TEXT}{related}</div></article>", lang="en")
    art = extract_article(html, "https://news.example.com/2024/05/01/council-approves-budget/",
                          now=NOW)
    assert len(art.body.split("\n\n")) == 3 and "School funding" not in art.body
    assert [(t.title, t.section) for t in art.teasers] == [("School funding debate heats up", "Related")]


_CAPTION = "9일 서울 여의도 윤중로에서 열린 봄꽃 축제를 찾은 시민들이 만개한 벚꽃 길을 걷고 있다. 사진=뉴스코리아"


@pytest.mark.parametrize("markup, url", [
    # ND소프트: the profile strips the photo layout from the body, its caption stays
    ("<header class='article-view-header'><h3 class='heading'>[포토] 여의도 봄꽃 축제 개막</h3>"
     "</header><article id='article-view-content-div' class='article-veiw-body' "
     "itemprop='articleBody'><figure class='photo-layout image'><img src='/a.jpg'>"
     f"<figcaption>{_CAPTION}</figcaption></figure></article>",
     "https://www.news.example.kr/news/articleView.html?idxno=5"),
    # an unknown layout: the caption right after the headline
    ("<div class='vhead'><h3 class='tit'>[포토] 여의도 봄꽃 축제 개막</h3></div><div class='cont'>"
     f"<figure><img src='/a.jpg'><figcaption>{_CAPTION}</figcaption></figure></div>",
     "https://www.news.example.kr/view.php?id=5"),
])
def test_a_photo_storys_caption_is_its_text(markup, url):
    footer = "<div id='footer'><p>서울특별시 중구 세종대로 1 | 등록번호 서울 아00001 | 발행인 홍길동</p></div>"
    html = page(head="<title>[포토] 여의도 봄꽃 축제 개막 - 뉴스코리아</title>", body=markup + footer)
    art = extract_article(html, url, now=NOW)
    assert art.body == _CAPTION


@pytest.mark.parametrize("line, kept", [
    ("Nov. 20, 2019 6:02 AM EST", False),
    ("2025.04.09 09:05", False),
    ("In 2019, 20 people came to the meeting.", True),
    ("2019", True),
])
def test_a_date_alone_in_the_text_is_not_text(line, kept):
    html = page(head="<title>Budget approved</title>",
                body=f"<h1>Budget approved</h1><article><p>{line}</p>{ARTICLE_TEXT}</article>",
                lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    assert (art.body.split("\n\n")[0] == line) is kept


@pytest.mark.parametrize("tail, kept", [
    ("<p>Jane Doe</p><p>Jane Doe is a reporter covering city hall and the council.</p>", 3),
    ("<p>Jane Doe's book about the city, \"Council\" (2018), is out now.</p>", 3),
    # a sentence that only mentions her is text
    ("<p>Doe, who covered the vote, said the count took an hour.</p>", 4),
])
def test_the_authors_box_closing_the_text_is_not_text(tail, kept):
    html = page(head="<title>Budget approved</title>",
                body="<h1>Budget approved</h1><div class='byline'>By Jane Doe</div>"
                     f"<article>{ARTICLE_TEXT}{tail}</article>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    assert [a.name for a in art.authors] == ["Jane Doe"]
    assert len(art.body.split("\n\n")) == kept


def test_a_commenter_is_not_an_author():
    html = page(body="<h1>Budget approved after a long debate</h1>"
                     "<article>" + ARTICLE_TEXT + "</article>"
                     "<ol class='commentlist'><li class='comment'><div class='comment-author'>"
                     "<strong>Milan Griffes</strong> on September 10, 2018 at 4:25 pm</div>"
                     "<p>Great post, thanks.</p></li></ol>", lang="en")
    art = extract_article(html, "https://news.example.com/budget-approved", now=NOW)
    assert art.authors == []


def test_visible_seconds_preferred_when_structured_has_minutes():
    html = page(head="<meta property='article:published_time' content='2024-05-01T10:20:00+09:00'>",
                body=KR_NAIVE[KR_NAIVE.index("<h1>"):KR_NAIVE.index("</body>")])
    art = extract_article(html, "https://news.example.kr/view/1", now=NOW)
    assert art.published_at.isoformat() == "2024-05-01T10:20:30+09:00"
    assert art.sources["published_at"] == "heuristic"


def test_structured_date_kept_when_visible_disagrees():
    html = page(head="<meta property='article:published_time' content='2024-04-30T08:00:00+09:00'>",
                body=KR_NAIVE[KR_NAIVE.index("<h1>"):KR_NAIVE.index("</body>")])
    art = extract_article(html, "https://news.example.kr/view/1", now=NOW)
    assert art.published_at.isoformat() == "2024-04-30T08:00:00+09:00"


@pytest.mark.parametrize("canonical, expected", [
    ("https://news.example.com/", "https://news.example.com/2024/05/01/budget-approved"),
    ("https://other.example.org/x/1", "https://news.example.com/2024/05/01/budget-approved"),
    ("/2024/05/01/budget-approved-full", "https://news.example.com/2024/05/01/budget-approved-full"),
    ("https://www.news.example.com/a/1?utm_source=x", "https://www.news.example.com/a/1"),
])
def test_canonical_url_rules(canonical, expected):
    html = page(head=f"<link rel='canonical' href='{canonical}'>", body="<h1>Budget approved</h1>" + ARTICLE_TEXT)
    art = extract_article(html, "https://news.example.com/2024/05/01/budget-approved?utm_source=tw&fbclid=1", now=NOW)
    assert art.canonical_url == expected


@pytest.mark.parametrize("lang_attr, site_lang, text, expected", [
    ("ko-KR", None, ARTICLE_TEXT, "ko"),
    ("en_US", None, ARTICLE_TEXT, "en"),
    (None, None, KR_NAIVE, "ko"),
    (None, "ja", ARTICLE_TEXT, "ja"),
    (None, None, ARTICLE_TEXT, "en"),
])
def test_language(lang_attr, site_lang, text, expected):
    site = site_from_dict({"name": "x", "base_url": "https://x.example.com/", "language": site_lang}) if site_lang else None
    html = page(body="<h1>Title of the story</h1>" + text, lang=lang_attr)
    art = extract_article(html, "https://x.example.com/a/1", site, now=NOW)
    assert art.language == expected


def test_site_encoding_overrides_a_wrong_declaration():
    html = page(body="<h1>서울시 새 정책 발표</h1>" + KR_NAIVE[KR_NAIVE.index("<div class='article_body'>"):KR_NAIVE.index("</body>")])
    data = html.replace("charset='utf-8'", "charset='utf-8'").encode("cp949")
    site = site_from_dict({"name": "x", "base_url": "https://news.example.kr/", "encoding": "cp949"})
    art = extract_article(data, "https://news.example.kr/view/1", site, http_charset="utf-8", now=NOW)
    assert art.title == "서울시 새 정책 발표"


def test_site_xpath_and_css_selectors_and_remove():
    html = page(body="<div id='t'><span>Real headline here</span></div><h1>Wrong headline</h1>"
                     "<div class='sec'>Metro</div><div class='bd'><div class='ad'>BUY NOW</div>" + ARTICLE_TEXT + "</div>")
    site = site_from_dict({"name": "x", "base_url": "https://x.example.com/",
                           "selectors": {"title": "//div[@id='t']/span", "section": ".sec", "body": "div.bd",
                                         "remove": "//div[@class='ad']"}})
    art = extract_article(html, "https://x.example.com/a/1", site, now=NOW)
    assert art.title == "Real headline here"
    assert art.section == "Metro"
    assert "BUY NOW" not in art.body and art.body.startswith("The council voted")
    assert art.sources["title"] == art.sources["body"] == "site:selectors"


def test_authors_deduplicated_and_merged():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "서울시 새 정책 발표",
          "author": [{"@type": "Person", "name": "홍길동 기자", "email": "hong@example.kr"},
                     {"@type": "Organization", "name": "예시일보"}]}
    html = page(head=f"<meta property='og:site_name' content='예시일보'><script type='application/ld+json'>{json.dumps(ld, ensure_ascii=False)}</script>",
                body="<h1>서울시 새 정책 발표</h1><div class='article_body'><p>(서울=예시일보) 홍길동 기자 = 서울시는 1일 새로운 교통 정책을 발표했다고 밝혔다. 이번 정책은 버스 노선 개편을 담았다.</p>"
                     "<p>시 관계자는 시민 불편을 줄이기 위해 노력하겠다고 말했다. 개편은 다음 달부터 시행된다.</p></div>")
    art = extract_article(html, "https://news.example.kr/view/1", now=NOW)
    assert [(a.name, a.role, a.email) for a in art.authors] == [("홍길동", "기자", "hong@example.kr")]
    assert art.body.startswith("서울시는 1일")


def test_title_never_bare_site_name():
    html = page(head="<title>예시일보</title><meta property='og:site_name' content='예시일보'>",
                body="<h1>서울시 새 정책 발표</h1>" + KR_NAIVE[KR_NAIVE.index("<div class='article_body'>"):KR_NAIVE.index("</body>")])
    art = extract_article(html, "https://news.example.kr/view/1", now=NOW)
    assert art.title == "서울시 새 정책 발표"


def test_truncated_page_returns_what_it_can():
    data, url = fixture("tvseoul_seed")
    cut = data[: data.index("지난해 11월".encode())]
    art = extract_article(cut, url, now=NOW)
    assert art.title == "서울 서초구-더프리콘 '양재AI특구 우수기업센터 조성' 맞손"
    assert art.published_at is not None


@pytest.mark.parametrize("text, expected", [
    ("\u3164\u3138\u3157\u3141얌", "똠얌"),
    ("\u3164\u3131\u314f\u3164", "가"),
    ("no filler ㄱㅏ", "no filler ㄱㅏ"),
])
def test_compose_jamo_sequences(text, expected):
    assert compose_jamo_sequences(text) == expected


def test_cms_minute_date_takes_seconds_from_structured_data_of_the_same_minute():
    html = """<html><head><title>제목 &lt; 사회 &lt; 기사본문 - 예시</title>
<meta property="article:published_time" content="2025-03-10T08:29:09+09:00"></head><body>
<header class="article-view-header"><h3 class="heading">제목</h3><ul class="infomation"><li>입력 2025.03.10 08:29</li></ul></header>
<article id="article-view-content-div"><p>본문 문장입니다. 충분히 긴 본문 문장을 여기에 적습니다.</p></article></body></html>"""
    art = extract_article(html, "https://x.example.kr/news/articleView.html?idxno=1", now=NOW)
    assert art.published_at.isoformat() == "2025-03-10T08:29:09+09:00"
    assert art.sources["published_at"] == "meta"
    other = html.replace("08:29:09", "07:00:01")
    art = extract_article(other, "https://x.example.kr/news/articleView.html?idxno=1", now=NOW)
    assert art.published_at.isoformat() == "2025-03-10T08:29:00+09:00"
    assert art.sources["published_at"] == "cms:ndsoft"


def test_entities_accounts_and_non_sections_are_cleaned():
    head = ("<meta property='og:title' content='&amp;#8216;Light&amp;#8217; festival opens'>"
            "<meta name='author' content='admin'><meta property='article:section' content='Uncategorized'>")
    html = page(head=head, body="<h1>‘Light’ festival opens</h1>" + ARTICLE_TEXT, lang="en")
    art = extract_article(html, "https://x.example.com/2024/05/01/light-festival-opens/", now=NOW)
    assert art.title == "‘Light’ festival opens"
    assert art.authors == []
    assert art.section is None


@pytest.mark.parametrize("name, kept", [
    ("jdadmin", False), ("site_admin2", False), ("Admin", False),
    ("Jane Admiral", True), ("Badminton Reporter", True),
])
def test_account_names_with_admin_are_not_authors(name, kept):
    html = page(head=f"<meta name='author' content='{name}'>",
                body="<h1>Budget approved</h1>" + ARTICLE_TEXT, lang="en")
    art = extract_article(html, "https://x.example.com/2024/05/01/budget-approved/", now=NOW)
    assert bool(art.authors) is kept


@pytest.mark.parametrize("value, expected", [
    ("game,news,slider", "game"),                # a theme's categories in one string
    ("News, Politics", "Politics"),              # the first that names a section
    ("gizmodo.com", None),                       # a host name
    ("Homepage", None),
    ("Front Page", None),
    ("Science & Health", "Science & Health"),
])
def test_section_from_structured_data(value, expected):
    head = f"<meta property='article:section' content='{value}'>"
    html = page(head=head, body="<h1>Budget approved</h1>" + ARTICLE_TEXT, lang="en")
    art = extract_article(html, "https://x.example.com/2024/05/01/budget-approved/", now=NOW)
    assert art.section == expected


def test_byline_and_date_after_a_headline_the_metadata_rewrote():
    """og:title is a search-engine rewrite of the h1; the header after the h1 still
    gives the byline and its date."""
    head = "<meta property='og:title' content='15 Tips to Overcome Binge Eating'>"
    body = ("<h1>15 Helpful Tips to Overcome Binge Eating</h1><section><div>Written by "
            "<a href='/nutrition-team'>Rachael Link, MS, RD</a> on November 14, 2019</div>"
            "</section><article>" + ARTICLE_TEXT + "</article>")
    art = extract_article(page(head=head, body=body, lang="en"),
                          "https://x.example.com/nutrition/binge-eating", now=NOW)
    assert art.title == "15 Tips to Overcome Binge Eating"
    assert [a.name for a in art.authors] == ["Rachael Link"]
    assert art.published_at is not None and art.published_at.date().isoformat() == "2019-11-14"


def test_site_name_after_the_headline_leaves_the_title():
    head = "<title>About bugs – Vortex Cannon Entertainment</title>"
    body = "<h1>About bugs</h1>" + ARTICLE_TEXT
    art = extract_article(page(head=head, body=body, lang="en"),
                          "https://x.example.com/about-bugs/", now=NOW)
    assert art.title == "About bugs"


def test_the_outlet_named_by_its_home_link_leaves_the_title():
    # no og:site_name, a host in Latin letters and the headline in a div, not a heading:
    # the logo's link names the outlet, so the title's tail goes (and with it the headline
    # repeated at the top of the text)
    head = "<title>서울시 내년 예산 48조원…청년·교통 집중 | 뉴스코리아</title>"
    body = ('<header><a href="/" class="logo">뉴스코리아</a></header>'
            '<div class="headline-title">서울시 내년 예산 48조원…청년·교통 집중</div>'
            + ARTICLE_TEXT)
    art = extract_article(page(head=head, body=body, lang="ko"),
                          "https://news.newskorea.example/news/view.do?ncd=8211001", now=NOW)
    assert art.title == "서울시 내년 예산 48조원…청년·교통 집중"


@pytest.mark.parametrize("depth", [300, 1500])
def test_text_nested_deep_in_unclosed_tags_is_kept(depth):
    # old pages that never close their <font> tags nest the text hundreds of levels deep:
    # libxml2 stops at 256 levels unless told otherwise, and the walks recurse per level
    body = "<h1>Budget approved</h1>" + "<font size='2'>" * depth + ARTICLE_TEXT
    art = extract_article(page(body=body, lang="en"), "https://x.example.com/budget/", now=NOW)
    assert len(art.body.split("\n\n")) == 3
    assert art.body.startswith("The council voted on Tuesday")
    assert sys.getrecursionlimit() < 3048  # the higher limit is for the call only


@pytest.mark.parametrize("crumbs, expected", [
    # no other sign of the section: the post's first real category ('Uncategorized' is none)
    ("", "Local"),
    # a breadcrumb names the primary category; WordPress lists categories alphabetically
    ("<nav class='breadcrumb'><a href='/'>Home</a> &gt; <a href='/category/local/'>Local</a>"
     " &gt; <a href='/category/local/council/'>Council</a></nav>", "Council"),
])
def test_wordpress_categories_name_the_section_after_breadcrumbs(crumbs, expected):
    body = (f"{crumbs}<article><div class='cat-links'><a rel='category tag' "
            "href='/category/uncategorized/'>Uncategorized</a>, <a rel='category tag' "
            "href='/category/local/'>Local</a></div><div class='entry'>"
            f"<h1>Budget approved</h1>{ARTICLE_TEXT}</div></article>")
    art = extract_article(page(body=body, lang="en"), "https://x.example.com/2024/05/01/budget/",
                          now=NOW)
    assert art.section == expected


_DEK = "The council's plan funds schools and roads while keeping taxes flat"


@pytest.mark.parametrize("before, after, expected", [
    # the dek right after the headline, by any of its usual class names
    ("", f"<h2 class='sub-head'>{_DEK}</h2>", _DEK),
    ("", f"<p class='article__dek'>{_DEK}</p>", _DEK),
    ("", f"<div class='byline'>By Jane Doe</div><p class='standfirst'>{_DEK}</p>", _DEK),
    ("", f"<h4 class='subtitle'>{_DEK}</h4>", _DEK),
    ("", f"<h5 class='deck'>{_DEK}</h5>", _DEK),
    ("", f"<h3 class='sub_tit'>{_DEK}</h3>", _DEK),
    # an unnamed lower heading right against the headline is its deck ...
    ("", f"<h2 class='subject2'>{_DEK}</h2>", _DEK),
    ("", f"<!-- deck --><h3>{_DEK}</h3>", _DEK),
    # ... but not a link (a box's heading, a related story), a byline, a heading of the
    # same rank, or one past other elements
    ("", f"<h2><a href='/news/2'>{_DEK}</a></h2>", None),
    ("", "<h2>by Jeff Foust Monday, November 18, 2019</h2>", None),
    ("", "<h2>Jane Doe, staff writer jane@x.example.com</h2>", None),
    ("", "<h2 class='article-date'>Tuesday, November 19, 2019 at 10:05</h2>", None),
    ("", "<h2>November 19, 2019 10:05 AM</h2>", None),
    ("", "<h2>Today's top stories from the city desk</h2><ul><li><a href='/a'>Road repairs "
         "begin on Main Street</a></li><li><a href='/b'>Library hours extended for summer</a></li>"
         "<li><a href='/c'>School board picks a new superintendent</a></li></ul>", None),
    # ... but the deck over an author list stays a deck
    ("", f"<h2>{_DEK}</h2><ul class='article-author'><li><a href='/w/jd'>Jane Doe</a></li>"
         "<li><a href='https://twitter.com/jd'>@jd</a></li><li><a href='/w/jd/rss'>RSS</a></li></ul>",
     _DEK),
    ("", f"<h1>{_DEK}</h1>", None),
    ("", f"<p>Share</p><h2>{_DEK}</h2>", None),
    # a widget's title right after the headline, its class saying 'with-subtitle'
    ("", "<h4 class='widget__title with-subtitle'>Most Popular Today in our city</h4>", None),
    # a subhead before the headline: a sign-in bar's
    ("<div class='subheader'>Subscribe Sign In</div>", "", None),
    # after the headline, but past a stretch of other text: a video widget's
    ("", "<p>" + "Other text of the page that is not the article. " * 8 + "</p>"
         "<h2 class='subhead'>Most Popular Videos</h2>", None),
    # a byline's dateline named like a subtitle
    ("", "<span class='articleHeader--subhead-name'>JANE DOE Nov. 20, 2019 "
         "Updated: Nov. 20, 2019 1:35 a.m.</span>", None),
])
def test_heuristic_subtitle_is_the_text_right_after_the_headline(before, after, expected):
    body = f"{before}<h1>Budget approved</h1>{after}<article>{ARTICLE_TEXT}</article>"
    art = extract_article(page(body=body, lang="en"),
                          "https://x.example.com/2024/05/01/budget-approved/", now=NOW)
    assert art.subtitle == expected


def test_related_article_line_of_an_unknown_korean_layout_is_a_teaser_not_text():
    text = ("<p>서울시는 5일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. 시는 복지와 교통 분야에 "
            "예산을 집중 배정했다고 밝혔다.</p><p>이번 예산안은 총 45조원 규모로, 올해보다 3.2% 늘었다. "
            "시 관계자는 시민 생활과 직결된 사업을 우선했다고 설명했다.</p>")
    body = ("<main><article><h1 class='entry-title'>서울시, 내년 예산 45조원 발표</h1>"
            "<div class='entry-meta'>2024년 3월 5일 오후 3:04 김철수 기자</div>"
            f"<div class='entry-content'>{text}<p>▶ 관련기사: <a href='/2024/03/04/budget-prev/'>"
            "서울시 올해 예산 집행률 90% 넘어</a></p></div></article></main>")
    art = extract_article(page(body=body, lang="ko"), "https://dongne.example.kr/2024/03/05/budget/",
                          now=NOW)
    assert "관련기사" not in art.body and art.body.endswith("설명했다.")
    assert [t.title for t in art.teasers] == ["서울시 올해 예산 집행률 90% 넘어"]


def test_reporter_in_the_header_of_an_unknown_korean_layout():
    text = ("<p>서울시는 5일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. 시는 복지와 교통 분야에 "
            "예산을 집중 배정했다고 밝혔다.</p><p>이번 예산안은 총 45조원 규모로, 올해보다 3.2% 늘었다. "
            "시 관계자는 시민 생활과 직결된 사업을 우선했다고 설명했다.</p>")
    body = ("<h1>서울시, 내년 예산 45조원 발표</h1><div class='info'><span class='name'>홍길동 기자"
            "</span> | <span>입력 2024.03.05 15:04</span></div>" f"<div class='view_con'>{text}</div>")
    for meta in ("", "<meta name='author' content='뉴스원'><meta property='og:site_name' content='뉴스원'>"):
        # (the outlet named as the author in metadata names no author)
        html = page(head=f"<title>서울시, 내년 예산 45조원 발표 - 뉴스원</title>{meta}", body=body,
                    lang="ko")
        art = extract_article(html, "https://x.example.kr/view.php?id=12", now=NOW)
        assert [(a.name, a.role) for a in art.authors] == [("홍길동", "기자")]
        assert art.published_at.isoformat() == "2024-03-05T15:04:00+09:00"


@pytest.mark.parametrize("names, expected", [
    ("Elliot Brownstein", ["Elliot Brownstein"]),
    ("Lisa Kaczke and Trevor J. Mitchell", ["Lisa Kaczke", "Trevor J. Mitchell"]),
])
def test_outlet_in_its_own_element_of_the_byline_is_no_part_of_a_name(names, expected):
    body = ("<h1 class='title'>Viera defeats Rockledge to remain undefeated</h1>"
            "<div class='byline-section'><div class='attribution'><span class='author'> "
            f"{names} </span> <span class='publication'> Florida Today </span></div></div>"
            f"<article>{ARTICLE_TEXT}</article>")
    html = page(head="<title>Viera defeats Rockledge to remain undefeated</title>", body=body,
                lang="en")
    art = extract_article(html, "https://www.example.com/story/sports/2019/11/20/viera/", now=NOW)
    assert [a.name for a in art.authors] == expected


def test_reporter_page_links_are_not_teasers():
    html = page(head="<meta name='author' content='Jane Reporter'>",
                body="<h1>Budget approved</h1>" + ARTICLE_TEXT +
                     "<aside><ul><li><a href='/2024/04/02/jane-reporter/'>Jane Reporter</a></li>"
                     "<li><a href='/2024/04/03/another-story-of-the-day/'>Another story of the day</a></li></ul></aside>",
                lang="en")
    art = extract_article(html, "https://x.example.com/2024/05/01/budget-approved-today/", now=NOW)
    assert [t.title for t in art.teasers] == ["Another story of the day"]


@pytest.mark.parametrize("page", [
    b"<html><head><title>A title here</title></head><body><p>Some text.</p></body></html>",
    b"",  # NotHTMLError
])
@pytest.mark.parametrize("enabled", [True, False])
def test_gc_state_restored(page: bytes, enabled: bool) -> None:
    """extract_article pauses the cyclic GC for the call and leaves it as it found it."""
    import gc

    from pipelines.errors import NotHTMLError
    from pipelines.extract.core import extract_article as core_extract

    (gc.enable if enabled else gc.disable)()
    try:
        try:
            core_extract(page, "https://example.com/a/1")
        except NotHTMLError:
            assert not page
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
