"""Tests for pipelines.extract.teaser_labels: what names a box of teasers."""
from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract.teaser_labels import _heading_of_box, _opening_label


def _box(html: str, box_id: str = "box"):
    doc = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    return doc.get_element_by_id(box_id)


@pytest.mark.parametrize("html, expected", [
    # a heading of the box
    ('<div id="box"><h3>많이 본 뉴스</h3><ul><li><a href="/v/1">서울 아파트값 3주 연속 상승</a></li>'
     '</ul></div>', "많이 본 뉴스"),
    # the tab pointing at the panel, by href or aria-controls
    ('<div><ul class="tab"><li><a href="#t1">많이 본</a></li><li><button aria-controls="box">'
     '댓글 많은</button></li></ul><div id="t1"></div><div id="box"><ol><li><a href="/v/2">'
     '전세사기 특별법 개정안 통과</a></li></ol></div></div>', "댓글 많은"),
    # a headline link is never the box's name
    ('<div id="box"><ul><li><a href="/v/1"><strong>서울 아파트값 3주 연속 상승</strong></a></li></ul>'
     '</div>', None),
])
def test_heading_of_box(html, expected):
    assert _heading_of_box(_box(html)) == expected


@pytest.mark.parametrize("html, expected", [
    ('<p id="box">▶ 관련기사<br><a href="/v/1">서울시 예산안 초안 공개</a></p>', "관련기사"),
    ('<div id="box"><span>Up next</span><a href="/v/1">Library hours extended</a></div>',
     "Up next"),
    ('<p id="box">앞서 시는 <a href="/v/1">예산안 초안</a>을 공개했다.</p>', None),
])
def test_opening_label(html, expected):
    assert _opening_label(_box(html)) == expected
