"""The demo site's ground truth: size, variety, determinism, and the shape tests rely on."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import pytest

from crawler.demo import content
from crawler.demo.content import (
    ARTICLES, ARTICLES_BY_ID, KST, SECTIONS, SITE_NAME, article_path, byline_names,
    expected_records, resolve_josa,
)
from crawler.demo.save_pages import cp949_only_chars


def test_size_and_sections():
    assert len(ARTICLES) >= 44
    assert len(SECTIONS) >= 5
    names = {name for _, name in SECTIONS}
    assert {a.section for a in ARTICLES} == names
    assert min(Counter(a.section for a in ARTICLES).values()) >= 4
    assert len({no for no, _ in SECTIONS}) == len(SECTIONS)


def test_ids_and_titles_unique():
    assert len({a.id for a in ARTICLES}) == len(ARTICLES)
    assert len({a.title for a in ARTICLES}) == len(ARTICLES)
    assert set(ARTICLES_BY_ID) == {a.id for a in ARTICLES}


def test_generation_is_deterministic():
    again = content._generate()
    assert again == ARTICLES


@pytest.mark.parametrize("a", ARTICLES, ids=lambda a: str(a.id))
def test_body_shape(a):
    assert 4 <= len(a.body_paragraphs) <= 9
    assert 800 <= len(a.body) <= 2500
    assert all(p and p == p.strip() for p in a.body_paragraphs)
    assert not a.body_paragraphs[0].startswith("[")  # the byline is not part of the text
    assert SITE_NAME + "=" not in a.body


def test_no_paragraph_repeats_across_articles():
    counts = Counter(p for a in ARTICLES for p in a.body_paragraphs)
    assert [p for p, n in counts.items() if n > 1] == []


def test_dates():
    now = datetime.now(timezone.utc)
    for a in ARTICLES:
        assert a.published_at.tzinfo is not None
        assert a.published_at.utcoffset() == KST.utcoffset(a.published_at)
        assert datetime(2025, 3, 1, tzinfo=KST) <= a.published_at < datetime(2025, 12, 1, tzinfo=KST)
        assert a.published_at < now and a.published_at.microsecond == 0
        if a.modified_at:
            assert a.modified_at > a.published_at and a.modified_at < now
    months = {a.published_at.month for a in ARTICLES}
    assert months >= {3, 6, 9, 11}
    assert sum(1 for a in ARTICLES if a.modified_at) >= 5
    assert any(a.published_at.second for a in ARTICLES)


def test_cms_and_encodings():
    nd = [a for a in ARTICLES if a.cms == "ndsoft"]
    cp = [a for a in ARTICLES if a.encoding == "cp949"]
    assert len(nd) == 6
    assert {a.cms for a in ARTICLES} == {"article_no", "ndsoft"}
    assert 5 <= len(cp) <= 7
    assert {a.encoding for a in ARTICLES} == {"utf-8", "cp949"}
    special = [a for a in cp if cp949_only_chars(a.title + a.body)]
    assert special and "똠" in special[0].title
    for a in cp:  # every character must survive the CP949 round trip
        text = a.title + (a.subtitle or "") + a.body + byline_names(a.authors)
        assert text.encode("cp949").decode("cp949") == text


def test_authors_variety():
    roles = {au["role"] for a in ARTICLES for au in a.authors}
    assert {"기자", "서울1본부장", "선임기자", "통신원", "인턴기자"} <= roles
    assert sum(1 for a in ARTICLES if len(a.authors) == 2) >= 2
    emails = [au["email"] for a in ARTICLES for au in a.authors]
    assert any(emails) and None in emails
    for a in ARTICLES:
        for au in a.authors:
            assert set(au) == {"name", "role", "email"}
            assert 2 <= len(au["name"]) <= 4


def test_language_mix():
    text = " ".join(a.title + a.body for a in ARTICLES)
    assert "AI" in text and "2025" in text
    assert sum(1 for a in ARTICLES if a.subtitle) >= 8


@pytest.mark.parametrize("cms,path", [
    ("article_no", "/news/article.html?no={id}"),
    ("ndsoft", "/news/articleView.html?idxno={id}"),
])
def test_article_path(cms, path):
    a = next(x for x in ARTICLES if x.cms == cms)
    assert article_path(a) == path.format(id=a.id)


@pytest.mark.parametrize("authors,expected", [
    ([{"name": "심가영", "role": "서울1본부장"}], "심가영 서울1본부장"),
    ([{"name": "김철수", "role": "기자"}, {"name": "이영희", "role": "기자"}], "김철수·이영희 기자"),
    ([{"name": "김철수", "role": "기자"}, {"name": "박서준", "role": "인턴기자"}],
     "김철수 기자·박서준 인턴기자"),
])
def test_byline_names(authors, expected):
    assert byline_names(authors) == expected


@pytest.mark.parametrize("raw,expected", [
    ("서초구(은)는", "서초구는"), ("담양군(은)는", "담양군은"), ("시(이)가", "시가"),
    ("청주시(을)를", "청주시를"), ("'아몬드'(을)를", "'아몬드'를"), ("『긴긴밤』(을)를", "『긴긴밤』을"),
    ("마련'(으)로", "마련'으로"), ("요약'(으)로", "요약'으로"), ("서울(으)로", "서울로"),
    ("AI(과)와", "AI와"), ("로스앤젤레스(과)와", "로스앤젤레스와"), ("성남시(과)와", "성남시와"),
    ("의원(이)가", "의원이"),
])
def test_resolve_josa(raw, expected):
    assert resolve_josa(raw) == expected


def test_no_unresolved_markers():
    for a in ARTICLES:
        for text in (a.title, a.subtitle or "", a.body):
            assert "(은)" not in text and "(을)" not in text and "(이)" not in text
            assert "{" not in text and "}" not in text


def test_expected_records():
    recs = expected_records("http://127.0.0.1:9999/")
    assert len(recs) == len(ARTICLES)
    for rec, a in zip(recs, ARTICLES):
        assert rec["url"] == "http://127.0.0.1:9999" + article_path(a)
        assert set(rec) == {"url", "title", "subtitle", "section", "authors", "published_at",
                            "modified_at", "body"}
        assert rec["body"] == "\n\n".join(a.body_paragraphs)
        assert datetime.fromisoformat(rec["published_at"]) == a.published_at
        assert rec["published_at"].endswith("+09:00")
        assert (rec["modified_at"] is None) == (a.modified_at is None)
        assert rec["authors"] == a.authors and rec["authors"] is not a.authors
