"""Tests for pipelines.extract.paragraphs: the last pass over a body's paragraphs."""
from __future__ import annotations

import pytest

from pipelines.extract.paragraphs import (
    is_date_line,
    split_bylines,
    tidy_paragraphs,
    without_author_bio,
)
from pipelines.record import Author

TEXT = [
    "The council voted on Tuesday to approve the new budget after a long debate.",
    "Members said the plan would fund schools, roads and parks.",
]


@pytest.mark.parametrize("extra", [
    ["Tags", "city budget, schools, council vote"],
    ["Tags\ncity budget, schools, council vote"],
    ["Filed under: Local News"],
    ["Nov. 20, 2019 6:02 AM EST"],
    ["Copyright © 2019 The Daily Paper. All rights reserved.", "Footer text after it"],
])
def test_tidy_paragraphs_drops_chrome_after_the_text(extra):
    assert tidy_paragraphs(TEXT + extra, "Budget approved", None) == TEXT


def test_tidy_paragraphs_drops_a_repeat_of_the_headline_and_subtitle():
    paras = ["Budget approved", "Schools and roads funded", *TEXT]
    assert tidy_paragraphs(paras, "Budget approved", "Schools and roads funded") == TEXT


@pytest.mark.parametrize("text, expected", [
    ("Nov. 20, 2019 6:02 AM EST", True),
    ("2025.04.09 09:05", True),
    ("In 2019, 20 people came.", False),
    ("2019", False),
])
def test_is_date_line(text, expected):
    assert is_date_line(text) is expected


@pytest.mark.parametrize("tail, expected", [
    (["Jane Doe", "Jane Doe is a reporter covering city hall."], TEXT),
    (["Jane Doe's book about the city is out now."], TEXT),
    (["Doe said the count took an hour."], TEXT + ["Doe said the count took an hour."]),
])
def test_without_author_bio(tail, expected):
    assert without_author_bio(TEXT + tail, [Author("Jane Doe")]) == expected


def test_split_bylines_cuts_a_lead_in_and_a_closing_address():
    paras = ["[서울=뉴스원] 홍길동 기자 = 서울시는 9일 예산안을 발표했다.", "시는 교통에 집중했다.",
             "hong@news.example.kr"]
    out, authors, emails = split_bylines(paras)
    assert out == ["서울시는 9일 예산안을 발표했다.", "시는 교통에 집중했다."]
    assert [(a.name, a.role) for a in authors] == [("홍길동", "기자")]
    assert emails == ["hong@news.example.kr"]
