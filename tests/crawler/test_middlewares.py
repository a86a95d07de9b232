from datetime import datetime, timezone

import pytest

from crawler.extensions import progress_line
from crawler.middlewares import retry_after_seconds

NOW = datetime(2025, 4, 9, 0, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "header, expected",
    [
        (b"5", 5.0),
        (b" 120 ", 120.0),
        (b"Wed, 09 Apr 2025 00:00:30 GMT", 30.0),
        (b"Tue, 08 Apr 2025 23:00:00 GMT", 0.0),  # in the past: retry now
        (b"soon", None),
        (None, None),
        (b"", None),
    ],
)
def test_retry_after_seconds(header, expected):
    assert retry_after_seconds(header, now=NOW) == expected


def test_progress_line_shows_counts_and_rate():
    stats = {"downloader/response_count": 50, "newsarchive/new": 40, "newsarchive/failed": 2}
    line = progress_line(stats, 10.0)
    assert line == ("pages 50 | articles new 40, updated 0, unchanged 0, failed 2 | "
                    "5.0 pages/s | 10s")
