"""Scoring of the article-extraction benchmark, exactly as its README describes.

Kept apart from the runner so that the quality-gate test and the unit tests import the very
same code the benchmark prints its figures with: one definition of "F1" in the project.

- Tokens are the matches of ``\\w+`` (case kept).
- A text becomes overlapping 4-token shingles; a text of fewer than 4 tokens gives one
  shorter shingle (and an empty text none).
- Per page: TP/FP/FN over the shingle multisets; precision and recall per page.
- Precision and recall are averaged over pages; F1 comes from the two averages.
- "exact" is the share of pages whose token sequence equals the ground truth's.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: every ``\\w+`` match, case kept."""
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of overlapping n-token shingles (one shorter shingle for short texts)."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    exact: bool


def score_page(predicted: str | None, truth: str | None) -> PageScore:
    """Shingle-multiset TP/FP/FN, precision and recall of one page.

    Edge cases: two empty texts match perfectly (P = R = 1); an empty prediction against a
    non-empty truth scores P = R = 0 (nothing useful was returned).
    """
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    if tp + fp + fn == 0:
        precision = recall = 1.0
    else:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
    exact = tokenize(predicted) == tokenize(truth)
    return PageScore(tp, fp, fn, precision, recall, exact)


@dataclass(frozen=True)
class Summary:
    f1: float
    precision: float
    recall: float
    exact: float
    pages: int


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarise(scores: Iterable[PageScore]) -> Summary:
    """Average P and R over pages, then F1 from the averages (not a mean of per-page F1)."""
    scores = list(scores)
    if not scores:
        return Summary(0.0, 0.0, 0.0, 0.0, 0)
    n = len(scores)
    precision = sum(s.precision for s in scores) / n
    recall = sum(s.recall for s in scores) / n
    exact = sum(s.exact for s in scores) / n
    return Summary(f1_score(precision, recall), precision, recall, exact, n)
