"""The page layer's helpers: element_text must be exactly what lxml's text_content() is."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from pipelines.extract.page import decode_input, element_text, parse_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("pages/*.html")) + sorted(FIXTURES.glob("demo/**/*.html"))

EDGE_CASES = """<html><head><title>t &amp; u</title><script>var a = "<b>";</script>
<style>p { color: red }</style></head><body>
<div>lead <!-- a comment --> <b>bold</b> tail<br>after &nbsp; &lt;x&gt; 한글
<p>nested <span>deep <i>deeper</i> back</span> out</p> end</div>
<ul><li> one </li><li></li><li>\t two\n</li></ul><textarea>raw <b>text</b></textarea>
</body></html>"""


def _trees() -> list:
    # parse_html drops comments; lxml.html keeps them, and neither counts them as text
    trees = [parse_html(EDGE_CASES), lxml.html.fromstring(EDGE_CASES)]
    trees += [parse_html(decode_input(p.read_bytes(), None, None)) for p in PAGES]
    return trees


@pytest.mark.parametrize("tree", _trees(), ids=lambda t: str(id(t)))
def test_element_text_is_text_content_for_every_element(tree):
    checked = 0
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert element_text(el) == el.text_content(), el.tag
        checked += 1
    assert checked > 10


def test_element_text_excludes_tail_and_comments():
    doc = lxml.html.fromstring("<div><p>in <!-- c --><b>b</b></p>tail</div>")
    p = doc.find("p")
    assert element_text(p) == "in b"
    assert element_text(doc) == "in btail"
