"""Pipeline wiring that the crawl tests do not see directly."""
from __future__ import annotations

import sys

import pytest
from scrapy.utils.test import get_crawler

from pipelines.item_pipelines import ExtractPipeline


@pytest.mark.parametrize("workers, interval, expected", [
    (1, 0.0005, 0.0005),   # workers: the crawl's helper threads get the GIL sooner
    (0, 0.0005, None),     # in-process extraction: no helper threads, nothing changed
    (1, 0.0, None),        # 0 keeps Python's default
])
def test_switch_interval_set_while_workers_run_and_restored(workers, interval, expected):
    before = sys.getswitchinterval()
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": workers,
                                         "NEWSARCHIVE_SWITCH_INTERVAL": interval})
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.open_spider()
    try:
        assert sys.getswitchinterval() == pytest.approx(expected if expected else before)
    finally:
        pipeline.close_spider()
    assert sys.getswitchinterval() == pytest.approx(before)
