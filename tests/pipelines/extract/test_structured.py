"""Structured metadata: tolerant JSON-LD, OpenGraph/meta, itemprop, <time>, rel."""
from __future__ import annotations

import json

import lxml.html
import pytest

from pipelines.extract.structured import (
    html_breadcrumbs,
    index_page,
    iter_jsonld_items,
    jsonld_authors,
    load_json_tolerant,
    read_structured,
)
from pipelines.record import Author


@pytest.mark.parametrize("text, expected", [
    ('{"a": 1}', {"a": 1}),
    ('{"a": [1, 2,], "b": {"c": 3,},}', {"a": [1, 2], "b": {"c": 3}}),
    ('{"headline": "line\tone\nline two"}', {"headline": "line\tone\nline two"}),
    ('<!-- {"a": 1} -->', {"a": 1}),
    ('/*<![CDATA[*/{"a": 1}/*]]>*/', {"a": 1}),
    ('{"a": 1};', {"a": 1}),
    ('{"a": 1}\n{"b": 2}', [{"a": 1}, {"b": 2}]),
    ("", None),
    ("not json at all", None),
])
def test_load_json_tolerant(text, expected):
    assert load_json_tolerant(text) == expected


def test_iter_jsonld_items_flattens_graph_and_lists():
    data = [{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "x"}]}, {"@type": "Organization"}]
    types = [i.get("@type") for i in iter_jsonld_items(data)]
    assert types == [None, "WebPage", "NewsArticle", "Organization"]


@pytest.mark.parametrize("value, expected", [
    ({"@type": "Person", "name": "Jane Doe"}, [("Jane Doe", None, None)]),
    ([{"@type": "Person", "name": "A Person"}, "Bee Writer"], [("A Person", None, None), ("Bee Writer", None, None)]),
    ({"@type": "Person", "name": ["Emily Carter", "Daniel Reyes"]}, [("Emily Carter", None, None), ("Daniel Reyes", None, None)]),
    ({"@type": "Person", "name": "홍길동 기자", "email": "mailto:hong@x.kr"}, [("홍길동", "기자", "hong@x.kr")]),
    ({"@type": "Person", "givenName": "Jane", "familyName": "Roe"}, [("Jane Roe", None, None)]),
    # a credit the byline parser turns down is kept, without its 'By'
    ("By JERUSALEM POST STAFF", [("JERUSALEM POST STAFF", None, None)]),
    ("by India Post News Weekly", [("India Post News Weekly", None, None)]),
    # ... and without a one-word credit label
    ("Текст: Венера Ерофеева", [("Венера Ерофеева", None, None)]),
    ("Text: Jane Doe", [("Jane Doe", None, None)]),
    ("글: 홍길동", [("홍길동", None, None)]),
    ("Jane Doe: A Profile", [("Jane Doe: A Profile", None, None)]),  # two words: no label
    (None, []),
    ({"@type": "Person"}, []),
])
def test_jsonld_authors(value, expected):
    assert [(a.name, a.role, a.email) for a in jsonld_authors(value)] == expected


PAGE = """<html lang="en-GB"><head>
<title>T</title>
<meta property="og:title" content="OG title">
<meta property="og:site_name" content="The Outlet">
<meta property="og:url" content="https://x.example.com/a/1">
<meta property="article:published_time" content="2024-01-02T03:04:05Z">
<meta property="article:modified_time" content="2024-01-03T03:04:05Z">
<meta property="article:section" content="World">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="/a/1">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "The Outlet"},
  {"@type": ["NewsArticle"], "headline": "LD headline", "datePublished": "2024-01-02T03:04:05Z",
   "author": [{"@type": "Person", "name": "Jane Doe"}], "articleSection": ["World", "Europe"],},
  {"@type": "BreadcrumbList", "itemListElement": [{"position": 2, "name": "World"}, {"position": 1, "name": "Home"}]}
]}</script>
</head><body>
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/world">World</a></nav>
<h1 itemprop="headline">Itemprop headline</h1>
<span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
<time datetime="2024-01-02T03:04:05Z" class="published">Jan 2</time>
<time datetime="2024-01-04T00:00:00Z" class="updated">Jan 4</time>
<a rel="author" href="/by/jane">Jane Doe</a>
<span class="media_time" data-date-time="2024-01-02 12:04:05">2024.01.02. 오후 12:04</span>
<div itemprop="articleBody"><p>Body</p></div>
<p class="byline">By Jane Doe</p><figcaption>cap</figcaption><div class="photo_caption">c2</div>
<figure data-spacefinder-type="NewsletterSignupBlockElement">x</figure>
</body></html>"""


def test_read_structured_candidates_in_order():
    sd = read_structured(lxml.html.document_fromstring(PAGE))
    assert sd.titles == [("jsonld", "LD headline"), ("og", "OG title"), ("itemprop", "Itemprop headline")]
    assert [s for s, _ in sd.published] == ["jsonld", "meta", "time"]
    assert sd.published[0] == ("jsonld", "2024-01-02T03:04:05Z")
    assert ("meta", "2024-01-03T03:04:05Z") in sd.modified
    assert ("time", "2024-01-04T00:00:00Z") in sd.modified
    assert [s for s, _ in sd.authors] == ["jsonld", "meta", "itemprop", "rel"]
    assert sd.sections[0] == ("jsonld", "World")
    assert ("meta", "World") in sd.sections
    assert sd.canonical[0] == ("canonical", "/a/1")
    assert ("og", "https://x.example.com/a/1") in sd.canonical
    assert "The Outlet" in sd.site_names
    assert sd.languages[0] == ("html", "en-GB")
    assert len(sd.body_nodes) == 1
    assert sd.meta["_jsonld_breadcrumbs"] == ["Home", "World"]


def test_broken_jsonld_is_still_read():
    html = '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken,\x01 but read", "author": [{"name": "A B",},],}</script></head><body></body></html>'
    sd = read_structured(lxml.html.document_fromstring(html))
    assert sd.titles == [("jsonld", "Broken, but read")]
    assert [a.name for a in sd.authors[0][1]] == ["A B"]


def test_garbage_never_raises():
    html = '<html><head><script type="application/ld+json">{{{[[[</script><meta property="og:title"></head><body><time datetime="">x</time></body></html>'
    sd = read_structured(lxml.html.document_fromstring(html))
    assert sd.titles == [] and sd.published == []


def test_index_page_and_breadcrumbs():
    doc = lxml.html.document_fromstring(PAGE)
    idx = index_page(doc)
    assert [el.get("class") for el in idx.bylines] == ["byline"]
    assert len(idx.captions) == 2
    assert len(idx.promos) == 1
    assert html_breadcrumbs(doc, idx.breadcrumbs) == ["Home", "World"]


def test_read_structured_same_with_the_index():
    """The index's microdata and date-stamp lists only spare scans: same candidates."""
    doc = lxml.html.document_fromstring(PAGE)
    idx = index_page(doc)
    assert idx.itemprops and all(el.get("itemprop") for el in idx.itemprops)
    assert read_structured(doc, idx) == read_structured(doc)


def test_page_index_with_source_walks_only_present_names_and_finds_the_same():
    from pathlib import Path

    from pipelines.extract.page import decode_input, html_bytes, parse_html
    from pipelines.extract.structured import index_page

    pages = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "pages").glob("*.html"))
    pages.append(None)  # upper-case attribute names: the parser lower-cases them
    for page in pages:
        text = (decode_input(page.read_bytes()) if page else
                '<html><body><p>서울시는 3일</p><div ITEMPROP="articleBody" '
                'Data-Date-Time="2024-05-01 10:00"><p>x 기사</p></div>'
                '<span aria-label="Byline">By Kim</span></body></html>')
        doc = parse_html(text)
        full = index_page(doc)
        for fast in (index_page(doc, text), index_page(doc, html_bytes(text))):
            for name in ("itemprops", "data_times", "promos", "bylines", "subtitles",
                         "captions", "breadcrumbs"):
                a, b = getattr(full, name), getattr(fast, name)
                assert len(a) == len(b) and all(x is y for x, y in zip(a, b)), (page, name)
        if page is None:
            assert len(fast.itemprops) == 1 and len(fast.data_times) == 1


def test_attribute_names_found_in_a_source_that_is_not_valid_unicode():
    """The source is searched as bytes; a lone surrogate in it must not stop the search."""
    from pipelines.extract.page import parse_html
    from pipelines.extract.structured import _data_attr_values

    doc = parse_html('<html><body><span ItemProp="author">김철수</span></body></html>')
    values = _data_attr_values(doc, '<span ItemProp="author">김철수 \ud800</span>')
    assert [str(v) for v in values] == ["author"]
    assert _data_attr_values(doc, "<span>김철수</span>") == []  # name absent: no walk


def _graph_page(*nodes: dict) -> str:
    payload = json.dumps({"@context": "https://schema.org", "@graph": list(nodes)})
    return (f'<html><head><script type="application/ld+json">{payload}</script></head>'
            "<body><p>x</p></body></html>")


def test_graph_references_to_the_author_and_publisher_are_followed():
    """Yoast SEO's shape: the article names its author and publisher by @id only."""
    html = _graph_page(
        {"@type": "WebSite", "@id": "https://e.com/#website", "name": "e.com"},
        {"@type": "Corporation", "@id": "https://e.com/#organization", "name": "Example News"},
        {"@type": "Article", "@id": "https://e.com/a/#article", "headline": "Headline here",
         "author": {"@id": "https://e.com/#/schema/person/1"},
         "publisher": {"@id": "https://e.com/#organization"}},
        {"@type": ["Person"], "@id": "https://e.com/#/schema/person/1", "name": "Lewis White"},
    )
    sd = read_structured(lxml.html.fromstring(html))
    assert ("jsonld", [Author("Lewis White")]) in sd.authors
    assert sd.site_names[0] == "Example News"


def test_a_reference_to_nothing_gives_no_author():
    html = _graph_page({"@type": "Article", "headline": "Headline here",
                        "author": [{"@id": "https://e.com/#/schema/person/404"}]})
    assert read_structured(lxml.html.fromstring(html)).authors == []


_LONG = "<p>" + "The story itself, told at length in its own paragraphs. " * 20 + "</p>"


def _authors_by_source(body: str) -> dict[str, list[str]]:
    sd = read_structured(lxml.html.fromstring(f"<html><body>{body}</body></html>"))
    return {src: [a.name for a in authors] for src, authors in sd.authors}


@pytest.mark.parametrize("comments", [
    # WordPress: each comment an article of class 'comment-body', typed schema.org Comment
    '<ol class="comment-list"><li id="comment-1"><article class="comment-body" itemscope '
    'itemtype="https://schema.org/Comment"><div itemprop="author"><span itemprop="name">'
    'Gaye</span></div><p>Great post.</p></article></li></ol>',
    '<div id="comments"><cite itemprop="author">Karol</cite> <a rel="author" '
    'href="/u/karol">Karol</a></div>',
])
def test_comment_authors_are_not_the_articles(comments):
    body = (f'<article><a rel="author" href="/author/pam">Pamela Wilson</a>'
            f'<span itemprop="author">Pamela Wilson</span>{_LONG}</article>{comments}')
    assert _authors_by_source(body) == {"itemprop": ["Pamela Wilson"], "rel": ["Pamela Wilson"]}


def test_bylines_of_related_story_cards_are_not_the_articles():
    """A 'most popular' list of <article> cards, each with its writer's rel=author link."""
    cards = "".join(
        f'<article class="post-list-article"><h4><a href="/2019/11/s{i}/">Story {i}</a></h4>'
        f'<span class="meta"><a rel="author" href="/author/w{i}">Writer Number{i}</a></span>'
        f'</article>' for i in range(3))
    main = f'<article><header><a rel="author" href="/author/vdh">Victor Hanson</a></header>{_LONG}</article>'
    assert _authors_by_source(main + f"<aside>{cards}</aside>") == {"rel": ["Victor Hanson"]}
    # a page whose only <article> is short is not a list of cards: its byline stays
    short = '<article><a rel="author" href="/author/vdh">Victor Hanson</a><p>Brief.</p></article>'
    assert _authors_by_source(short) == {"rel": ["Victor Hanson"]}


def test_wordpress_category_links_are_the_posts_categories():
    # rel="category tag": the post's own categories, in page order; a related story's
    # card carries its own, which are not this post's
    cards = "".join(
        f'<article class="related"><h4><a href="/2019/11/s{i}/">Story {i}</a></h4>'
        f'<a rel="category tag" href="/category/sports/">Sports</a></article>' for i in range(3))
    main = ('<article><header><span class="cat-links"><a rel="category tag" '
            'href="/category/books/">Books</a>, <a rel="category tag" '
            f'href="/category/news/">News</a></span></header>{_LONG}</article>')
    sd = read_structured(lxml.html.fromstring(f"<html><body>{main}<aside>{cards}</aside>"
                                              "</body></html>"))
    assert sd.categories == ["Books", "News"]


@pytest.mark.parametrize("markup, expected", [
    # a Korean site's 'location' trail, with links or as plain text
    ('<div class="location"><a href="/">홈</a> &gt; <a href="/society">사회</a></div>', ["홈", "사회"]),
    ('<div class="page_path">HOME &gt; 사회 &gt; 행정</div>', ["HOME", "사회", "행정"]),
    # a weather widget's 'location' is no trail; the breadcrumb after it is
    ('<div class="weather"><span class="location">서울</span> 5.0℃</div>'
     '<ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul>',
     ["Home", "World"]),
    ('<div id="header"><p class="location">서울 맑음</p></div>', []),
    # a trail named 'path' or 'crumbs', from the home page; a file path is no trail
    ('<div class="path"><a href="/">HOME</a> &gt; <a href="/s/2">사회</a></div>', ["HOME", "사회"]),
    ('<ol class="crumbs"><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ol>',
     ["Home", "World"]),
    ('<p class="file-path">/data/photos/2025/04/a.jpg</p>', []),
])
def test_location_trails_are_breadcrumbs_only_from_the_home_page(markup, expected):
    doc = lxml.html.document_fromstring(f"<html><body>{markup}<h1>T</h1></body></html>")
    assert html_breadcrumbs(doc, index_page(doc).breadcrumbs) == expected
