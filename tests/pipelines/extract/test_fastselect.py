"""The index-backed selectors must answer exactly what cssselect's XPath answers."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipelines.extract import cms
from pipelines.extract.fastselect import DocIndex, Selector
from pipelines.extract.page import decode_input, parse_html
from pipelines.extract.structured import index_page

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("pages/*.html")) + sorted(FIXTURES.glob("demo/**/*.html"))

EDGE_CASES = """<html><body>
<div class="box outer" id="a"><div class="box inner"><h2>one</h2><p class="x">p1</p></div>
  <ul class="list"><li>l1 <a href="/1" class="lnk">a1</a></li><li class="on">l2</li></ul></div>
<div class="	box
 tabbed "><h2>two</h2><h3 class="sub_tit">s</h3></div>
<div id="a" class="dup"><h2>three</h2></div>
<section class="box"><div class="box"><h2>four</h2></div></section>
<div class="arl_01 other"><a href="/2">a2</a></div><div class="x hdl_02"><div class="art_box">c</div></div>
<div class="art_box"><p class="x">p2</p></div><ul class="lst_pop"><li>r</li></ul>
<p class="Box">case</p><a rel="nofollow noopener" href="/3" class="lnk">a3</a>
<!-- a comment --><div class="box"><span class="sec_tit">정치 &gt; 국회</span><h2>five</h2></div>
</body></html>"""

SELECTORS = [
    ".box", "div.box", "div.box h2", ".box h2", ".box > h2", "div.box > div.box h2",
    "#a", "#a h2", "div#a.box", ".box .x, #a", "h2, .box", ".box p.x, .lst_pop li, #a",
    ".tabbed", "div.tabbed h3", ".Box", ".box [href]", ".list a[rel~='nofollow']",
    "a.lnk[rel~='nofollow']", ".box a[href^='/']", ".box a[href$='1']", ".box a[href*='2']",
    ".box a[href='/1']", "ul.list li.on", ".list > li", "section.box div.box > h2",
    ".nothing", ".nothing h2, #missing", "div.art_box, .lst_pop li",
    # not index-backed: must fall back, still equal
    "h2", "li:first-child", ".box + div", "*",
]


def index_document(doc) -> DocIndex:
    return index_page(doc).elements


def same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def _docs() -> list:
    docs = [parse_html(EDGE_CASES)]
    docs += [parse_html(decode_input(p.read_bytes(), None, None)) for p in PAGES]
    return docs


@pytest.fixture(scope="module")
def docs() -> list:
    assert len(PAGES) >= 20, "fixture pages missing"
    return _docs()


@pytest.mark.parametrize("css", SELECTORS)
def test_selector_matches_xpath(docs: list, css: str) -> None:
    sel = Selector(css)
    for doc in docs:
        assert same(sel(doc, index_document(doc)), sel.xpath(doc)), css


def test_cms_selectors_match_xpath(docs: list) -> None:
    selectors = [v for v in vars(cms).values() if isinstance(v, Selector)]
    assert len(selectors) > 20
    for doc in docs:
        index = index_page(doc).elements
        for sel in selectors:
            assert same(sel(doc, index), sel.xpath(doc)), sel.css


def test_edge_cases_answer_from_the_index() -> None:
    doc = parse_html(EDGE_CASES)
    index = index_document(doc)
    assert Selector(".box > h2").chains is not None
    assert [e.text for e in Selector("div.box > h2")(doc, index)] == ["one", "two", "four", "five"]
    # a scope inside another scope is walked once: no duplicates, document order
    assert [e.text for e in Selector("div.box h2")(doc, index)] == ["one", "two", "four", "five"]
    assert len(Selector("#a")(doc, index)) == 2  # duplicate ids: every element, as XPath
    assert Selector(".tabbed")(doc, index)[0].get("class").startswith("\tbox")
    assert Selector(".box")(doc, index) and not Selector(".BOX")(doc, index)


@pytest.mark.parametrize("css", ["h2", "li:first-child", ".box + div", "*", "div, .box"])
def test_unsupported_or_unkeyed_selectors_use_xpath(css: str) -> None:
    assert Selector(css).chains is None


def test_sub_tree_root_uses_xpath() -> None:
    doc = parse_html(EDGE_CASES)
    index = index_document(doc)
    first = Selector("#a")(doc, index)[0]
    assert [e.text for e in Selector("h2")(first, index)] == ["one"]
    assert same(Selector(".box h2")(first, index), Selector(".box h2").xpath(first))


def test_teaser_widgets_and_section_from_the_index(docs: list) -> None:
    for doc in docs:
        index = index_page(doc).elements
        assert same(cms._a_teaser_boxes(doc, index), cms._A_TEASERS(doc))
        for stop in list(doc.iter("h1", "h2", "h3"))[:6]:
            assert cms._section_before(doc, stop, index) == cms._section_before(doc, stop)
    doc = parse_html(EDGE_CASES)
    five = [h for h in doc.iter("h2") if h.text == "five"][0]
    assert cms._section_before(doc, five, index_document(doc)) == "국회"


def test_lone_separator_section_label_is_no_crash() -> None:
    doc = etree.HTML('<div class="sec_tit">&gt;</div><div class="art_top"><h2>t</h2></div>')
    assert cms._section_before(doc, next(doc.iter("h2"))) is None
