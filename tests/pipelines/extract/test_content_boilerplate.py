"""pipelines.extract.content_boilerplate: the fast line tests answer exactly what the
reference patterns answer (they only skip patterns that cannot match)."""
from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html
import pytest

from pipelines.extract.content_boilerplate import (
    _LINE_NEEDLES,
    _LINE_PATTERNS,
    BOILERPLATE_LINE_RE,
    CREDIT_RE,
    is_boilerplate_line,
    is_credit_line,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures/pages"
BENCHMARK_PAGES = Path(__file__).resolve().parents[4] / "shared/data/article-extraction-benchmark"

#: lines each pattern family takes or leaves, including the case folds of re.IGNORECASE
#: that str.lower() does not make (dotless i, long s, the Kelvin sign, dotted capital I)
LINES = [
    "Copyright 2024 The Daily. All rights reserved.",
    "© 2024 Example Media",
    "ALL RIGHTS RESERVED",
    "All rıghts reserved.",
    "All rightſ reserved",
    "All rİghts reserved",
    "<저작권자 © TV서울 무단전재 및 재배포 금지>",
    "저작권자ⓒ 서울신문 무단전재-재배포금지",
    "COPYRIGHTS Ⓒ 2024",
    "무단 전재 및 재배포 금지",
    "기사 무단전재 금지, 재배포도 금지",
    "재배포 금지",
    "This video requires JavaScript to play.",
    "This video requires JAVAſCRIPT",
    "사진=연합뉴스",
    "(사진 제공=서울시)",
    "촬영기자:박준호/영상편집:최은영",
    "Photo by Jane Doe / Getty Images",
    "A protester in Paris (AFP via Getty Images)",
    "REUTERS/Jane Doe",
    "The firm's shares fell, Reuters reported, after the ruling on Monday.",
    "Shutterſtock",
    "Kelvin test: afp",
    "Advertisement",
    "서울시는 3일 청년 주거 지원에 2조원을 투입한다고 밝혔다.",
    "He said the copyright law was out of date.",
    "line one\nAll rights reserved",
    "",
]


def _reference_line(text: str) -> bool:
    return BOILERPLATE_LINE_RE.fullmatch(text) is not None


def _reference_credit(text: str) -> bool:
    return CREDIT_RE.fullmatch(text) is not None


@pytest.mark.parametrize("text", LINES)
def test_fast_tests_answer_as_the_patterns_do(text):
    assert is_boilerplate_line(text) == _reference_line(text)
    assert is_credit_line(text) == _reference_credit(text)


def test_the_case_folds_are_matched():
    # these hold only while the prefilter sees through the folds; they make the
    # parametrized test above fail if it stops doing so
    for text in ("All rıghts reserved.", "All rightſ reserved", "All rİghts reserved",
                 "COPYRIGHTS Ⓒ 2024", "This video requires JAVAſCRIPT", "Shutterſtock"):
        assert _reference_line(text) or _reference_credit(text), text
        assert is_boilerplate_line(text) or is_credit_line(text), text


def test_every_match_anywhere_pattern_has_words():
    """A pattern that can match anywhere in the line must name the words it needs, or
    it would be tried on every line (or, listed nowhere, never)."""
    for pattern in _LINE_PATTERNS:
        if pattern.startswith((".*", ".{")):
            assert pattern in _LINE_NEEDLES, pattern
    assert set(_LINE_NEEDLES) <= set(_LINE_PATTERNS)


def _page_lines(html: bytes) -> set[str]:
    doc = lxml.html.document_fromstring(html)
    lines = set()
    for el in doc.iter():
        for piece in (el.text, el.tail):
            if piece and piece.strip():
                lines.add(" ".join(piece.split()))
    return lines


def test_same_answers_on_every_line_of_the_fixtures_and_benchmark_pages():
    paths = sorted(FIXTURES.glob("*.html")) + sorted(BENCHMARK_PAGES.glob("html/*.html.gz"))
    assert len(paths) > 200  # the benchmark pages are there (../shared beside the checkout)
    lines: set[str] = set()
    for path in paths:
        body = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        lines |= {t for t in _page_lines(body) if len(t) < 200}
    hits = 0
    for text in lines:
        expected = _reference_line(text)
        assert is_boilerplate_line(text) == expected, text
        assert is_credit_line(text) == _reference_credit(text), text
        hits += expected
    assert hits > 20  # the corpus holds boilerplate lines, so the comparison means something
