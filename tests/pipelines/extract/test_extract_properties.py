"""Properties of extract_article on arbitrary and damaged input: it never raises anything
but NotHTMLError, and never returns naive datetimes or dates past the rule's limit (a day
after `now`: a time zone guessed wrong must not lose today's articles)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipelines.errors import NotHTMLError
from pipelines.extract.core import extract_article
from pipelines.record import Article

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
FIXTURES = sorted(PAGES.glob("*.html"))
NOW = datetime(2025, 12, 10, tzinfo=timezone.utc)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def url_of(path: Path) -> str:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["url"]


def check(data, url="https://news.example.kr/news/article.html?no=1") -> Article | None:
    try:
        art = extract_article(data, url, now=NOW)
    except NotHTMLError:
        return None
    assert isinstance(art, Article)
    for field in ("published_at", "modified_at"):
        value = getattr(art, field)
        assert value is None or value.tzinfo is not None
        # the extractor's rule (pipelines/extract/dates.py): up to a day after `now`; a
        # damaged page can leave a bare '25년 12월 10일 10시 47분' an hour after it
        assert value is None or value <= NOW + timedelta(days=1)
    assert isinstance(art.body, str)
    for t in art.teasers:
        assert t.url.startswith(("http://", "https://"))
    return art


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data):
    check(data)


@SETTINGS
@given(st.text(max_size=3000))
def test_arbitrary_text(text):
    check(text)


HTML_BITS = st.sampled_from([
    "<html>", "</html>", "<body>", "<div class='art_top'>", "<h2>", "</h2>", "<ul class='art_info'>",
    "<li>등록 2025.04.09 09:05:03</li>", "<li>수정 2031.01.01 00:00:00</li>", "<div id='news_body_area'>",
    "<p>", "</p>", "[TV서울=홍길동 기자] ", "본문 문장입니다. ", "<script type='application/ld+json'>",
    '{"@type": "NewsArticle", "datePublished": "2024-13-45T99:99", "author": [,]}', "</script>",
    "<time datetime='garbage'>", "<a href='/news/article.html?no=2'>다른 기사 제목입니다 길게</a>",
    "<meta property='article:published_time' content='2024-01-01'>", "<title>제목 - 사이트</title>",
    "<header class='article-view-header'><h3 class='heading'>", "<ul class='infomation'><li>입력 ",
    "<![CDATA[", "<!--", "-->", "&#0;", "&nbsp;", "<br>", "\x00", "\ufffe", "\ud800",
    # what this session's rules read: menus, tabs, script links, side columns, decks,
    # photo captions, field names, tag lists
    "<nav class='gnb'><ul><li class='on'><a href='/s/2'>사회</a></li></ul></nav>",
    "<a href='#t1'>많이 본</a>", "<div id='t1' class='tab_con'><ol><li>",
    "<a href='#' onclick=\"location.href='/news/article.html?no=5'\">스크립트 링크 기사 제목</a>",
    "<div class='r_side'>", "<aside>", "</aside>", "</div>", "<h1>", "</h1>", "<h3>",
    "<figure><img src='/a.jpg'><figcaption>", "</figcaption></figure>",
    "<dl><dt>기자</dt><dd>홍길동</dd></dl>", "<p>Tags</p><p>a, b, c</p>",
    "<a href='mailto:x@y.kr'>", "<span class='sub_tit'>", "</span>",
])


@SETTINGS
@given(st.lists(HTML_BITS, max_size=60), st.sampled_from([
    "https://news.example.kr/news/article.html?no=1", "http://x.kr/news/articleView.html?idxno=3",
    "https://example.com/2024/05/01/slug-of-a-story/", "", "not a url",
]))
def test_html_soup(bits, url):
    check("".join(bits), url)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIXTURES), st.floats(0, 1), st.floats(0, 1), st.binary(max_size=200))
@example(PAGES / "hellot_arv008.html", 0.0, 0.98046875, b"")  # a page's tail: its edit time
def test_mutated_fixture_pages(path, a, b, junk):
    data = path.read_bytes()
    i, j = sorted((int(a * len(data)), int(b * len(data))))
    # cut a slice out and put junk in its place: truncated tags, broken encodings, garbage
    check(data[:i] + junk + data[j:], url_of(path))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIXTURES), st.floats(0.01, 1))
def test_truncated_fixture_pages(path, share):
    data = path.read_bytes()
    check(data[: max(1, int(share * len(data)))], url_of(path))
