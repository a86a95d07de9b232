"""Headline cleaning: outlet tails go, headline punctuation stays."""
from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract.title import clean_title, host_brands, is_brand, matching_heading


@pytest.mark.parametrize("raw, names, url, expected", [
    ("서울 서초구-더프리콘 맞손 - TV서울", ["TV서울"], "http://www.tvseoul.kr/news/article.html?no=1", "서울 서초구-더프리콘 맞손"),
    ("미국 관세 < 국제 < 기사본문 - 시사저널", [], "https://www.sisajournal.com/x", "미국 관세"),
    ("The big story: why it matters | The Daily Planet", [], "https://www.dailyplanet.com/a", "The big story: why it matters"),
    ("Hello - world is here - Example News", ["Example News"], "https://example.com/", "Hello - world is here"),
    ("Some title :: Outlet", [], "https://outlet.org/", "Some title"),
    ("Outlet | Some headline of the day", ["Outlet"], "https://outlet.org/", "Some headline of the day"),
    ("창원 시내버스 파업 철회 :: 경남일보", ["경남일보"], "https://x.example/", "창원 시내버스 파업 철회"),
    ("TV서울", ["TV서울"], "http://www.tvseoul.kr/", ""),
    ("Breaking: storm hits coast - live updates", [], "https://news.example.com/", "Breaking: storm hits coast - live updates"),
    ("  spaced   title  ", [], None, "spaced title"),
    ("", [], None, ""),
])
def test_clean_title(raw, names, url, expected):
    assert clean_title(raw, names, url) == expected


def test_host_brands():
    assert host_brands("https://www.sisajournal.com/news/x") == {"sisajournal"}
    assert "tvseoul" in host_brands("www.tvseoul.kr")


@pytest.mark.parametrize("part, names, brands, expected", [
    ("TV서울", ["TV서울"], set(), True),
    ("The Daily Planet", [], {"dailyplanet"}, True),
    ("A headline that is long", ["TV서울"], {"tvseoul"}, False),
    ("기사본문", [], set(), True),
])
def test_is_brand(part, names, brands, expected):
    assert is_brand(part, names, brands) is expected


def test_matching_heading_prefers_exact_h1():
    doc = lxml.html.document_fromstring(
        "<html><body><h1>Logo</h1><h1>The real headline of the day</h1><h1>Other</h1></body></html>")
    assert matching_heading(doc, "The real headline of the day").text == "The real headline of the day"
    assert matching_heading(doc, "Nothing matches this") is None
