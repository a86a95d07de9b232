"""Fewer cyclic garbage collections in the crawl process.

Why: a crawl keeps many container objects alive for a short while (requests in flight,
extracted pages waiting for the archive writer, ~100 objects a page with its teasers),
and they die by reference counting a moment later. Python's default threshold (a
collection every 700 net allocations) ran the collector ~2,200 times in the crawl
benchmark's 5,500 pages: 4.5-5.6 s of collections, about 14% of the crawl process's CPU,
mostly traversing objects that were about to be freed anyway (a whole crawl's
collections free a few thousand objects in all).

At 10,000 the collector still ran ~270 times in those 5,500 pages and took 1.0-1.1 s of
the crawl process's CPU (timed with ``gc.callbacks``), ~0.19 ms a page, 10% of the event
loop's time; at 100,000 it does not run once during the crawl (0.1 s, all of it while
starting up): the pages in flight never add up to that many objects. Memory is the same:
a 50,000-page crawl peaked at 250 MB (248 at 10,000; ``benchmarks/crawl.py --pages
50000``). Garbage in reference cycles, which only the collector frees, is still
collected once 100,000 such objects pile up. (A wall-clock comparison of 10,000 and
50,000 earlier showed no gain: 0.19 ms of ~8 ms of CPU a page is below a round's noise.)

``gc.freeze()`` at start moves what the process holds by then (imported modules,
settings, site files: alive for the whole crawl) out of the collector's view, so the full
collections a long crawl still runs traverse only the crawl's own objects.

Both are undone when the last running crawl stops, so a process that crawls and then does
other work (tests, a notebook) gets Python's settings back. ``NEWSARCHIVE_GC_THRESHOLD
= 0`` leaves the collector alone.
"""
from __future__ import annotations

import gc
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

DEFAULT_THRESHOLD = 100_000

# crawls running in this process (``crawl --all`` runs several at once), and what was
# in force before the first of them started: (thresholds, whether this froze the heap)
_active = 0
_saved: tuple[tuple[int, ...], bool] | None = None


class GCTuningExtension:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self._running = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> "GCTuningExtension":
        threshold = crawler.settings.getint("NEWSARCHIVE_GC_THRESHOLD", DEFAULT_THRESHOLD)
        if threshold <= 0:
            raise NotConfigured
        ext = cls(threshold)
        crawler.signals.connect(ext.engine_started, signal=signals.engine_started)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_started(self) -> None:
        global _active, _saved
        if self._running:
            return
        self._running = True
        _active += 1
        if _active > 1:
            return
        previous = gc.get_threshold()
        # a heap someone else froze stays theirs to unfreeze
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.collect()  # garbage frozen now would never be freed
            gc.freeze()
        _saved = (previous, freeze)
        gc.set_threshold(max(self.threshold, previous[0]), *previous[1:])

    def engine_stopped(self) -> None:
        global _active, _saved
        if not self._running:
            return
        self._running = False
        _active -= 1
        if _active > 0 or _saved is None:
            return
        previous, froze = _saved
        _saved = None
        gc.set_threshold(*previous)
        if froze:
            gc.unfreeze()
