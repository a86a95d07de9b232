"""The benchmark's scoring on hand-made texts (shingles, multisets, averaging)."""
from __future__ import annotations

import pytest

from benchmarks.scoring import score_page, shingles, summarise, tokenize


def test_tokenize_keeps_case_and_splits_on_non_word():
    assert tokenize("Hello, World! it's 2019") == ["Hello", "World", "it", "s", "2019"]
    assert tokenize("서울시는 19일") == ["서울시는", "19일"]


def test_shingles_are_overlapping_four_grams():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


@pytest.mark.parametrize("text, expected", [("a b", {("a", "b"): 1}), ("", {}), ("!!", {})])
def test_short_texts_give_one_shorter_shingle_or_none(text, expected):
    assert dict(shingles(text)) == expected


def test_perfect_prediction():
    s = score_page("One two three four five.", "One two three four five")
    assert (s.tp, s.fp, s.fn, s.precision, s.recall, s.exact) == (2, 0, 0, 1.0, 1.0, True)


def test_extra_and_missing_text():
    truth = "a b c d e f"  # 3 shingles
    predicted = "x a b c d"  # x a b c (fp), a b c d (tp)
    s = score_page(predicted, truth)
    assert (s.tp, s.fp, s.fn) == (1, 1, 2)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == pytest.approx(1 / 3)
    assert not s.exact


def test_multiset_counts_repeats():
    truth = "a b c d a b c d"  # abcd x2, bcda, cdab, dabc
    s = score_page("a b c d", truth)
    assert (s.tp, s.fp, s.fn) == (1, 0, 4)


def test_case_matters():
    assert score_page("A b c d", "a b c d").tp == 0


def test_empty_cases():
    assert score_page("", "").precision == 1.0
    empty = score_page("", "a b c d e")
    assert (empty.precision, empty.recall) == (0.0, 0.0)


def test_summary_averages_p_and_r_then_f1():
    pages = [score_page("a b c d", "a b c d"), score_page("a b c d x", "a b c d e f g")]
    # page 2: pred {abcd, bcdx}, truth {abcd, bcde, cdef, defg}: P = 1/2, R = 1/4
    s = summarise(pages)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.625)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.625 / 1.375)
    assert s.exact == pytest.approx(0.5)
    assert s.pages == 2


def test_summary_of_nothing():
    assert summarise([]).f1 == 0.0
