"""A one-line progress display for crawls run at a terminal.

Under cron nobody watches, so it only draws when stderr is a terminal (or when
NEWSARCHIVE_PROGRESS is forced on); logs stay quiet either way.
"""
from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

COUNTERS = ("new", "updated", "unchanged", "failed")


def progress_line(stats: dict[str, Any], elapsed: float) -> str:
    pages = int(stats.get("downloader/response_count", 0))
    parts = ", ".join(f"{k} {int(stats.get(f'newsarchive/{k}', 0))}" for k in COUNTERS)
    rate = pages / elapsed if elapsed > 0 else 0.0
    return f"pages {pages} | articles {parts} | {rate:.1f} pages/s | {elapsed:.0f}s"


class ProgressExtension:
    def __init__(self, crawler: Any, stream: TextIO, interval: float) -> None:
        self.crawler = crawler
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ProgressExtension":
        setting = crawler.settings.get("NEWSARCHIVE_PROGRESS", "auto")
        enabled = sys.stderr.isatty() if setting == "auto" else crawler.settings.getbool("NEWSARCHIVE_PROGRESS")
        if not enabled:
            raise NotConfigured
        ext = cls(crawler, sys.stderr, crawler.settings.getfloat("NEWSARCHIVE_PROGRESS_INTERVAL", 1.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any = None) -> None:
        self.started = time.monotonic()
        self._loop = task.LoopingCall(self.draw)
        self._loop.start(self.interval, now=False)

    def draw(self, end: str = "") -> None:
        line = progress_line(self.crawler.stats.get_stats(), time.monotonic() - self.started)
        self.stream.write(f"\r\x1b[K{line}{end}")
        self.stream.flush()

    def spider_closed(self, spider: Any = None) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self.draw(end="\n")
