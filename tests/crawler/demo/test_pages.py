"""Rendered pages carry the ground truth exactly where the CMS markup puts it.

These parse pages with lxml and read them the way a CMS-aware extractor would, so a
change in the renderer that silently breaks the contract with extraction tests fails here.
"""
from __future__ import annotations

import re
import time
from datetime import datetime

import lxml.html
import pytest

from crawler.demo import chrome, pages
from crawler.demo.content import (
    ARTICLES, ARTICLES_BY_ID, KST, SECTIONS, SITE_NAME, article_path, byline_names,
)
from crawler.demo.routes import render

BASE = "http://127.0.0.1:8000/"
TODAY = datetime(2025, 12, 10, 10, 47, 5, tzinfo=KST)
ARTICLE_NO = [a for a in ARTICLES if a.cms == "article_no"]
NDSOFT = [a for a in ARTICLES if a.cms == "ndsoft"]
ARTICLE_LINK = re.compile(r"^/news/(?:article\.html\?no=|articleView\.html\?idxno=)(\d+)$")


def doc_of(a, today=TODAY):
    resp = render(article_path(a), BASE, today)
    return lxml.html.document_fromstring(resp.body.decode(a.encoding))


def texts(nodes):
    return [n.text_content().strip() for n in nodes]


@pytest.mark.parametrize("a", ARTICLE_NO, ids=lambda a: str(a.id))
def test_article_no_layout(a):
    doc = doc_of(a)
    top = doc.cssselect("div.arv_001 > div.art_top")[0]
    assert texts(top.cssselect("h2")) == [a.title]
    assert texts(top.cssselect("h3")) == ([a.subtitle] if a.subtitle else [])
    assert texts(top.cssselect(".sec_tit")) == [a.section]
    info = texts(top.cssselect("ul.art_info li"))
    assert info[0] == byline_names(a.authors)
    assert info[1] == f"등록 {a.published_at:%Y.%m.%d %H:%M:%S}"
    if a.modified_at:
        assert info[2] == f"수정 {a.modified_at:%Y.%m.%d %H:%M:%S}"
    else:
        assert len(info) == 2
    body = doc.cssselect("div.cnt_view.news_body_area > div#news_body_area.smartOutput")[0]
    assert body.get("itemprop") == "articleBody"
    paras = [t for t in texts(body.cssselect("p")) if t.replace("\xa0", "")]
    assert paras[0] == f"{a.byline} {a.body_paragraphs[0]}"
    assert paras[1:] == a.body_paragraphs[1:]
    assert any(p.text_content() == "\xa0" for p in body.cssselect("p"))  # the spacer
    caption = texts(body.cssselect("figure figcaption"))
    assert len(caption) == 1 and caption[0] not in a.body
    assert texts(doc.cssselect("title")) == [f"{a.title} - {SITE_NAME}"]


@pytest.mark.parametrize("a", ARTICLE_NO[:6], ids=lambda a: str(a.id))
def test_article_no_chrome(a):
    doc = doc_of(a)
    url = BASE.rstrip("/") + article_path(a)
    assert doc.cssselect("link[rel=canonical]")[0].get("href") == url
    assert doc.cssselect("meta[property='og:url']")[0].get("content") == url
    assert doc.cssselect("meta[property='og:title']")[0].get("content") == a.title
    assert doc.cssselect("link[rel=alternate]")[0].get("href") == "/data/rss/news.xml"
    assert texts(doc.cssselect("p.today_txt")) == ["2025.12.10 (수)"]
    weather = texts(doc.cssselect("div.weather_box ul.weather_slide li.icon_w"))
    assert len(weather) == 16 and all(re.fullmatch(r"\S+ -?\d+\.\d℃", w) for w in weather)
    assert doc.cssselect("a.wc")[0].get("href") == "http://www.kma.go.kr/"
    html = lxml.html.tostring(doc, encoding="unicode")
    assert "최종편집 2025년 12월 10일 10시 47분" in html
    assert f"저작권자 © {SITE_NAME} 무단전재 및 재배포 금지" in doc.text_content()
    assert doc.cssselect("ul.btn_share li")
    jour = texts(doc.cssselect("div.arv_003 div.jour_box"))
    assert len(jour) == len(a.authors) and all("다른기사 보기" in j for j in jour)
    for au, box in zip(a.authors, jour):
        assert au["name"] in box and ((au["email"] or "") in box)
    assert doc.cssselect("p.cmt_count")


@pytest.mark.parametrize("a", ARTICLES[:12], ids=lambda a: str(a.id))
def test_teasers_point_to_other_articles(a):
    doc = doc_of(a)
    links = [x.get("href") for x in doc.cssselect("a[href]")]
    ids = [int(m.group(1)) for h in links if (m := ARTICLE_LINK.match(h))]
    assert ids and a.id not in ids
    for i in ids:
        assert article_path(ARTICLES_BY_ID[i]) in links
    if a.cms == "article_no":
        arl = doc.cssselect("div.arl_017")[0]
        lead = texts(arl.cssselect("p"))[0]
        assert lead.startswith(f"[{SITE_NAME}=") and len(lead) > 300
        hdl = [d for d in doc.cssselect("div[class]")
               if re.fullmatch(r"hdl_\d{3}", d.get("class").split()[0])]
        assert 2 <= len(hdl) <= 3
        for box in hdl:
            assert "더보기" in box.text_content()
            for art in box.cssselect("div.art_box"):
                assert art.cssselect("em") and art.cssselect("h3") and art.cssselect("p")
        assert len(doc.cssselect("ul.lst_pop li a")) == 5


@pytest.mark.parametrize("a", NDSOFT, ids=lambda a: str(a.id))
def test_ndsoft_layout(a):
    doc = doc_of(a)
    assert texts(doc.cssselect("header.article-view-header h3.heading")) == [a.title]
    info = texts(doc.cssselect("ul.infomation li"))
    assert info[0].startswith("기자명 " + byline_names(a.authors))
    for au in a.authors:
        if au["email"]:
            assert f"({au['email']})" in info[0]
    assert info[1] == f"입력 입력 {a.published_at:%Y.%m.%d %H:%M}"
    meta = {m.get("property"): m.get("content") for m in doc.cssselect("meta[property]")}
    assert meta["article:published_time"] == a.published_at.isoformat()
    assert meta["article:section"] == a.section
    body = doc.cssselect("article#article-view-content-div.article-veiw-body.view-page")[0]
    assert body.get("itemprop") == "articleBody"
    direct = [p.text_content() for p in body.findall("p")]
    assert direct == a.body_paragraphs
    assert texts(body.cssselect("h2.subheading")) == ([a.subtitle] if a.subtitle else [])
    assert body.cssselect("figure.photo-layout figcaption")
    assert "var ___BANNER" in body.cssselect("div.ad-template script")[0].text
    assert texts(body.cssselect(".view-editors strong.names"))[0] == (
        f"{a.authors[0]['name']} {a.authors[0]['role']}")
    assert texts(doc.cssselect("article.article-copy")) == [f"저작권자 © {SITE_NAME} 무단전재 및 재배포 금지"]
    assert doc.cssselect("article.relation li a")
    assert texts(doc.cssselect("title")) == [f"{a.title} < {a.section} < 기사본문 - {SITE_NAME}"]


@pytest.mark.parametrize("a", [x for x in ARTICLES if x.encoding == "cp949"], ids=lambda a: str(a.id))
def test_cp949_pages_declare_euc_kr(a):
    resp = render(article_path(a), BASE, TODAY)
    assert resp.content_type == "text/html; charset=euc-kr"
    head = resp.body[:600].decode("ascii", errors="replace").lower()
    assert "charset=euc-kr" in head
    assert b"<meta charset=\"utf-8\">" not in resp.body


def test_today_defaults_to_now():
    a = ARTICLE_NO[0]
    doc = doc_of(a, today=None)
    now = datetime.now(KST)
    assert texts(doc.cssselect("p.today_txt")) == [chrome.today_text(now)]
    assert chrome.today_text(TODAY) == "2025.12.10 (수)"


def test_weather_is_stable_per_day_and_varies_across_days():
    assert chrome.weather_items(TODAY) == chrome.weather_items(TODAY.replace(hour=20))
    assert chrome.weather_items(TODAY) != chrome.weather_items(TODAY.replace(day=11))


def test_home_page_links_every_section_and_latest():
    doc = lxml.html.document_fromstring(render("/", BASE, TODAY).body.decode("utf-8"))
    hrefs = {x.get("href") for x in doc.cssselect("a[href]")}
    for no, _ in SECTIONS:
        assert chrome.section_url(no) in hrefs
    newest = max(ARTICLES, key=lambda a: a.published_at)
    assert article_path(newest) in hrefs


@pytest.mark.parametrize("sec_no,name", SECTIONS)
def test_section_list_markup(sec_no, name):
    doc = lxml.html.document_fromstring(pages.render_section_list(sec_no, 1, BASE, TODAY))
    items = doc.cssselect("ul.art_list_all > li > a")
    assert 1 <= len(items) <= pages.PAGE_SIZE
    for a_el in items:
        art = ARTICLES_BY_ID[int(ARTICLE_LINK.match(a_el.get("href")).group(1))]
        assert art.section == name
        assert texts(a_el.cssselect("h2")) == [art.title]
        assert texts(a_el.cssselect("p"))[0] == chrome.lead_text(art, 140)


def test_whole_site_renders_fast():
    started = time.perf_counter()
    for a in ARTICLES:
        render(article_path(a), BASE)
    for no, _ in SECTIONS:
        for p in range(1, pages.section_pages(no) + 1):
            render(f"/news/section_list_all.html?sec_no={no}&page={p}", BASE)
    for target in ("/", "/sitemap.xml", "/data/rss/news.xml", "/robots.txt"):
        render(target, BASE)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("a", ARTICLES[::5], ids=lambda a: str(a.id))
def test_pages_are_realistically_large(a):
    size = len(render(article_path(a), BASE, TODAY).body)
    assert 25_000 <= size <= 90_000
