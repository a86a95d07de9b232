"""Quality gate: the general extractor must not fall below the recorded benchmark floor.

Runs OUR extractor (not trafilatura) on a fixed third of the real pages of the article
extraction benchmark (every 3rd page by sorted id) and compares F1 with the floor stored in
`benchmarks/quality_floor.json`, which is set a little under the last measured figure. A
change that loses more than that on real pages fails here, before it reaches the archive.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.extraction import DEFAULT_DATA, get_ours, load_pages, run
from benchmarks.scoring import summarise

FLOOR_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_floor.json"
FLOORS = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_pages():
    pages = load_pages(DEFAULT_DATA)
    assert len(pages) == 181, "benchmark data missing or incomplete"
    return pages[:: FLOORS["every_nth_page"]]


@pytest.mark.parametrize("mode", sorted(FLOORS["f1_floor"]))
def test_f1_not_below_floor(sample_pages, mode):
    name, extractor = get_ours(mode)
    errors: list[str] = []
    scores, _ = run(extractor, sample_pages, errors)
    summary = summarise(scores)
    floor = FLOORS["f1_floor"][mode]
    assert not errors, f"extraction raised on {len(errors)} pages, first: {errors[0]}"
    assert summary.f1 >= floor, (
        f"{name}: F1 {summary.f1:.4f} on {summary.pages} pages is below the floor {floor}"
        f" (P {summary.precision:.4f}, R {summary.recall:.4f})"
    )
