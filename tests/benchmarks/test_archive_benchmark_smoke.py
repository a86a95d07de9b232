"""A tiny run of the archive benchmark's machinery: both ingests in child processes,
rounds alternating, the queries against a brute-force scan, and the table. Figures
only, no timing assertions (the machine's load decides those)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.archive import measure, report

SIZE = 400


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return measure(SIZE, tmp_path_factory.mktemp("bench"), sample_n=200, repeat=2)


def test_every_round_is_ingested_and_the_last_archives_are_queried(result: dict) -> None:
    assert len(result["rounds"]) == 2
    assert all(r["ours"] > 0 and r["baseline"] > 0 for r in result["rounds"])
    assert result["ours"]["rate"] == result["rounds"][-1]["ours"]
    assert result["baseline"]["rate"] == result["rounds"][-1]["baseline"]


def test_our_search_finds_exactly_what_a_scan_finds(result: dict) -> None:
    classes = result["classes"]
    assert {"ko 2-syl", "ko 3-syl", "en word"} <= {c.split(" (")[0] for c in classes}
    for name, c in classes.items():
        assert (c["ours"]["recall"], c["ours"]["precision"]) == (1.0, 1.0), name


def test_report_shows_the_rounds_and_the_median_ratio(result: dict) -> None:
    text = report(result)
    rates = [f"{r['ours']:,.0f}" for r in result["rounds"]]
    assert f"| ingest, articles/s by round | {', '.join(rates)} |" in text
    ratio = re.search(r"\| ingest ratio, newsarchive / baseline \| ([\d.]+) \| median of "
                      r"([\d.]+), ([\d.]+) \|", text)
    assert ratio is not None, text
    low, high = sorted(float(x) for x in ratio.group(2, 3))
    assert low <= float(ratio.group(1)) <= high


def test_one_round_reports_its_ratio_without_rounds(tmp_path: Path) -> None:
    text = report(measure(SIZE, tmp_path, sample_n=100, baseline=True, repeat=1))
    assert "by round" not in text
    assert re.search(r"\| ingest ratio, newsarchive / baseline \| [\d.]+ \|  \|", text), text
