"""A time line of one benchmark crawl: memory and every queue, ten times a second.

Why: the benchmark's marks (10/50/100% of the pages) say how much memory and time a
crawl took, not where a stall or a peak came from. This trace found that a sitemap over
Scrapy's 5 MB scraper budget stops every download until all its requests are scheduled
(~7 s for 50,000 URLs), and that a high memory peak was not the crawl's at all.

``benchmarks/crawl.py --trace DIR`` writes one tab-separated file per crawl, with a
header line; columns:

* ``t``: seconds since the spider opened;
* ``rss_mb`` / ``workers_mb``: resident memory of the crawl process / its workers;
* ``responses``: responses received so far;
* ``scheduled``: requests waiting in the scheduler;
* ``downloading``: requests in the downloader;
* ``scraper_kb``: response bytes Scrapy's scraper holds (it stops fetching over
  ``SCRAPER_SLOT_MAX_ACTIVE_SIZE``);
* ``writes``: pages queued for or in the archive writer;
* ``pool_waiting`` / ``pool_held``: pages waiting for an extraction worker / held by one.

Queue sizes are read from Scrapy's and the pipelines' private attributes; one that cannot
be read (or a pipeline the crawl does not have) is -1, so a Scrapy upgrade costs
columns, not the run. A queue already shut by the closing crawl is 0.
"""
from __future__ import annotations

import threading
import time
from typing import Any

from benchmarks.proc_memory import child_pids, rss_mb

COLUMNS = ("t", "rss_mb", "workers_mb", "responses", "scheduled", "downloading",
           "scraper_kb", "writes", "pool_waiting", "pool_held")
INTERVAL = 0.1


def _read(fn: Any) -> int:
    try:
        return int(fn())
    except Exception:  # a private attribute that moved, or the engine closing
        return -1


def crawl_state(crawler: Any) -> dict[str, int]:
    """The crawl's queue sizes (see the module docstring)."""
    engine = crawler.engine
    try:
        pipelines = list(engine.scraper.itemproc.middlewares)
    except Exception:
        pipelines = []
    archive = next((p for p in pipelines if hasattr(p, "_pending")), None)
    extract = next((p for p in pipelines if hasattr(p, "_pool")), None)

    def pool_figure(fn: Any) -> int:
        """A figure of the extraction pool; 0 once the crawl has shut it."""
        if extract is None:
            return -1
        return _read(lambda: 0 if extract._pool is None else fn(extract._pool))

    return {
        "responses": _read(lambda: crawler.stats.get_value("response_received_count", 0)),
        "scheduled": _read(lambda: 0 if engine._slot is None else len(engine._slot.scheduler)),
        "downloading": _read(lambda: len(engine.downloader.active)),
        "scraper_kb": _read(lambda: 0 if engine.scraper.slot is None
                            else engine.scraper.slot.active_size // 1024),
        "writes": _read(lambda: len(archive._pending)) if archive is not None else -1,
        "pool_waiting": pool_figure(lambda p: len(p._waiting)),
        "pool_held": pool_figure(lambda p: sum(len(w.held) for w in p.workers)),
    }


class CrawlTrace:
    """Samples `crawl_state` and memory in a thread into a TSV file until stopped."""

    def __init__(self, crawler: Any, path: str, interval: float = INTERVAL) -> None:
        self.crawler = crawler
        self.path = path
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="bench-trace", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        started = time.monotonic()
        with open(self.path, "w", encoding="utf-8") as out:
            out.write("\t".join(COLUMNS) + "\n")
            while True:
                state = crawl_state(self.crawler)
                row = {"t": f"{time.monotonic() - started:.2f}", "rss_mb": f"{rss_mb():.0f}",
                       "workers_mb": f"{sum(rss_mb(p) for p in child_pids()):.0f}", **state}
                out.write("\t".join(str(row[c]) for c in COLUMNS) + "\n")
                out.flush()
                if self._stop.wait(self.interval):
                    return
