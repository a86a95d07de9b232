"""Scrapy item pipelines: extract each fetched page, then store page and article.

Two stages wired by ITEM_PIPELINES so either can be replaced or tested alone. Extraction
failures never lose the page: the raw capture is stored anyway and can be re-parsed
with `newsarchive reparse` once the extractor handles it.
"""
from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Callable

from scrapy.exceptions import DropItem

from crawler.items import PageItem
from pipelines.errors import ExtractionError
from pipelines.extract_worker import extract_page  # noqa: F401  (what extract_and_pack runs)
from pipelines.extract_worker import extract_and_pack
from pipelines.memory import release_free_memory
from pipelines.siteconfig import SiteConfig
from pipelines.worker_pool import WorkerDied, WorkerPool

logger = logging.getLogger(__name__)


#: Pages handed to each worker ahead of the one it extracts. With one, a worker idled
#: whenever the crawl process was slow to pass it the next page (benchmarks/crawl.py,
#: 4 paired runs: 6-17% more pages/s with 6, every time).
QUEUED_PAGES = 6
#: Where the site is in the arguments after the page's bytes (url, site, ...): it is the
#: same object for a whole crawl, so a worker is sent it once, not with every page.
SITE_ARG = 1


class ExtractionWorkerDied(ExtractionError):
    """The worker process extracting a page exited (the OOM killer, a crash in C code)."""


class ExtractPipeline:
    """Turns a PageItem's bytes into an Article (item.article), or records why not.

    NEWSARCHIVE_EXTRACT_WORKERS > 0 runs extraction in that many worker processes, so
    parsing uses the cores the single-threaded crawl loop leaves idle (`WorkerPool`: the
    loop hands pages over itself). The archive writer thread needs the GIL briefly and
    often: NEWSARCHIVE_SWITCH_INTERVAL (seconds) shortens Python's GIL switch interval so
    that it is not kept waiting 5 ms each time (measured with benchmarks/crawl.py).

    A worker that dies (killed, out of memory, a crash in C code) fails the pages it
    held and is replaced by the pool. Those pages are retried one at a time in a separate
    one-worker "quarantine" pool: a page that kills that worker too is the culprit and is
    recorded as failed (its capture is stored, for `newsarchive reparse`); the pages that
    only shared a worker with it are extracted normally.
    """

    def __init__(self, crawler: Any, workers: int = 0, switch_interval: float = 0.0) -> None:
        self.crawler = crawler
        self.workers = workers
        self.switch_interval = switch_interval
        self._old_interval: float | None = None
        self._pool: WorkerPool | None = None
        self._quarantine: WorkerPool | None = None
        self._quarantine_lock: asyncio.Lock | None = None
        self.pool_restarts = 0
        #: what runs on each page (module-level, for pickling): the article or the error,
        #: and the body hashed and compressed for the archive (extract_and_pack)
        self.extract: Callable[..., Any] = extract_and_pack

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ExtractPipeline":
        settings = crawler.settings
        return cls(crawler, settings.getint("NEWSARCHIVE_EXTRACT_WORKERS", 0),
                   settings.getfloat("NEWSARCHIVE_SWITCH_INTERVAL", 0.0))

    def open_spider(self, spider: Any = None) -> None:
        if self.workers > 0:
            if self.switch_interval > 0:
                self._old_interval = sys.getswitchinterval()
                sys.setswitchinterval(self.switch_interval)
            self._pool = WorkerPool(self.extract, self.workers, QUEUED_PAGES,
                                    sticky_arg=SITE_ARG, on_death=self._worker_died)

    def _worker_died(self, exit_code: int | None) -> None:
        logger.warning("an extraction worker died (exit code %s); starting a new one and "
                       "retrying its pages one at a time", exit_code)
        self.crawler.stats.inc_value("newsarchive/extract_pool_restarts")
        self.pool_restarts += 1

    def close_spider(self, spider: Any = None) -> None:
        for pool in (self._pool, self._quarantine):
            if pool is not None:
                pool.shutdown(wait=True)
        self._pool = self._quarantine = None
        if self._old_interval is not None:
            sys.setswitchinterval(self._old_interval)
            self._old_interval = None

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, PageItem) or item.status != 200:
            return item
        site = getattr(self.crawler.spider, "site_config", None)
        args = (item.body, item.final_url, site, item.headers.get("content-type"), item.fetched_at)
        try:
            if self._pool is not None:
                result = await self._extract_in_workers(args)
            else:
                result = self.extract(*args)
            article, error, item.packed_body = result
            if error is not None:
                raise error
            item.article = article
        except ExtractionError as exc:
            item.error = str(exc)
        except Exception as exc:  # a bug in a rule must not stop the crawl or lose the page
            logger.exception("extraction crashed on %s", item.final_url)
            item.error = f"extractor crashed: {type(exc).__name__}: {exc}"
        if item.error:
            self.crawler.stats.inc_value("newsarchive/extract_failed")
            logger.warning("could not extract %s: %s", item.final_url, item.error)
        elif item.article is not None:
            follow = getattr(self.crawler.spider, "teaser_requests", None)
            if follow is not None:
                for request in follow(item.article):
                    self.crawler.engine.crawl(request)
        return item

    async def _extract_in_workers(self, args: tuple) -> Any:
        assert self._pool is not None
        try:
            return await self._pool.run(*args)
        except WorkerDied:
            pass
        if self._quarantine_lock is None:
            self._quarantine_lock = asyncio.Lock()
        async with self._quarantine_lock:
            if self._quarantine is None:
                self._quarantine = WorkerPool(self.extract, 1, 0, sticky_arg=SITE_ARG)
            try:
                return await self._quarantine.run(*args)
            except WorkerDied:
                raise ExtractionWorkerDied(
                    "the extraction worker died while extracting this page (killed, out of "
                    "memory, or crashed in C code); its capture is stored") from None


#: Writes are committed every COMMIT_EVERY items or COMMIT_SECONDS (a crash or a cron
#: kill loses at most that much work, never the archive's integrity). New articles are
#: indexed once per commit, and FTS5 writes one segment per commit, so larger commits
#: are much cheaper (measured 694 -> 840 articles/s for 100 -> 1,000).
COMMIT_EVERY = 1000
COMMIT_SECONDS = 5.0
#: Archive writes a crawl may queue ahead of the writer thread before a page waits for
#: its own: most of a commit's ~0.8 s at ~100 pages/s (the scraper slot holds the rest).
#: A queued page holds its body, compressed copy and article, ~125 KB: ~8 MB. (256 is no
#: faster in paired rounds with the worker pool: 226-261 against 237-277 pages/s.)
WRITE_BACKLOG = 64
#: SQLite page cache of the crawl's archive connection: a crawl appends, and a 50,000-page
#: crawl stays under 400 MB with 32 MB where 64 MB took it just over (benchmarks/crawl.py)
ARCHIVE_CACHE_MB = 32


class ArchivePipeline:
    """Stores every capture and its article in the archive, in batched transactions.

    One transaction per item made SQLite sync and FTS5 flush on every page; batches make
    the store a small share of a page's cost. A timer commits an open batch when the
    crawl goes quiet (slow or held pages), so stored articles never wait for the next item.

    The archive lives in a writer thread of its own: SQLite (and zstd) release the GIL,
    so a commit that indexes a thousand articles no longer stops the crawl's event loop,
    which keeps fetching pages and feeding the extraction workers meanwhile (a blocked
    loop left both cores idle for a second at every commit).

    A page is handed on as soon as its write is queued, not when it is stored: awaiting
    the write held every page in Scrapy's scraper slot while the writer committed
    (~0.8 s for a thousand articles), the slot filled, downloads stopped, and the
    workers ran dry: a dip to ~75% CPU at every commit. Up to WRITE_BACKLOG writes may
    wait; past that a page waits for its own write (the writer is first in, first out),
    so a writer that falls behind slows the crawl instead of growing memory. Outcomes
    are counted on the event loop as writes finish, and ``close_spider`` waits for
    every queued write before the run's summary is taken.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.db_path: str = settings.get("NEWSARCHIVE_DB")
        self.run_id: int | None = settings.getint("NEWSARCHIVE_RUN_ID") or None
        self.own_run = self.run_id is None
        self.max_articles = settings.getint("NEWSARCHIVE_MAX_ARTICLES", 0)
        self.stored = 0
        #: writes queued or running, on the event loop's side (removed as they are counted)
        self._pending: set[asyncio.Future] = set()
        self.archive: Any = None
        self._writer: ThreadPoolExecutor | None = None
        self._flusher: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchivePipeline":
        return cls(crawler)

    @property
    def _in_flight(self) -> int:
        """Pages whose write is not counted yet."""
        return len(self._pending)

    def _write(self, fn: Callable[..., Any], *args: Any) -> Future:
        """Run fn in the writer thread, the only thread that touches the archive."""
        assert self._writer is not None
        return self._writer.submit(fn, *args)

    def open_spider(self, spider: Any = None) -> None:
        spider = self.crawler.spider
        site = getattr(spider, "site_config", None)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive-writer")
        self._write(self._open, site, spider.name).result()
        from twisted.internet import task

        self._flusher = task.LoopingCall(self._flush)
        self._flusher.start(COMMIT_SECONDS, now=False)

    def _open(self, site: SiteConfig | None, spider_name: str) -> None:
        from crawler.version import __version__
        from pipelines.store.archive import Archive

        self.archive = Archive(self.db_path, commit_every=COMMIT_EVERY,
                               commit_seconds=COMMIT_SECONDS, cache_mb=ARCHIVE_CACHE_MB)
        if site is not None:
            self.archive.upsert_site(site)
        if self.own_run:
            self.run_id = self.archive.start_run(
                [site.name] if site else [], command_line=f"scrapy crawl {spider_name}",
                version=__version__,
            )

    def _flush(self) -> None:
        if self._writer is not None:
            self._write(self._commit)

    def _commit(self) -> None:
        if self.archive is not None:
            try:
                self.archive.commit()
            except Exception:  # e.g. a locked file: the next write or timer retries
                logger.exception("could not commit to %s", self.db_path)
            release_free_memory()  # every COMMIT_SECONDS: see pipelines/memory.py

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, PageItem):
            return item
        if self.max_articles and self.stored + self._in_flight >= self.max_articles:
            # pages already in flight when the limit closed the spider
            self.crawler.stats.inc_value("newsarchive/over_limit")
            raise DropItem(f"--max-articles {self.max_articles} reached")
        if self._too_old(item):
            self.crawler.stats.inc_value("newsarchive/skipped_window")
            raise DropItem(f"{item.url} is outside the --since/--until window")
        future = asyncio.wrap_future(self._write(self._store, item))
        self._pending.add(future)
        future.add_done_callback(partial(self._written, item))
        if self._in_flight > WRITE_BACKLOG:
            await asyncio.wait((future,))
        return item

    def _written(self, item: PageItem, future: asyncio.Future) -> None:
        """Count one finished write (on the event loop, as the future's callback)."""
        self._pending.discard(future)
        exc = None if future.cancelled() else future.exception()
        if future.cancelled() or exc is not None:
            # a bad row must not end the crawl; the run records it
            logger.error("could not store %s", item.final_url, exc_info=exc)
            reason = f"{type(exc).__name__}: {exc}" if exc is not None else "cancelled"
            item.error = f"could not store: {reason}"
            outcome = "failed"
        else:
            outcome = future.result()
        self.crawler.stats.inc_value(f"newsarchive/{outcome}")
        if outcome == "failed":
            self._record_error(item)
        else:
            self.stored += 1

    def _store(self, item: PageItem) -> str:
        if item.status == 304:
            self.archive.touch_article(item.url, seen_at=item.fetched_at)
            return "unchanged"
        capture_id = self.archive.add_capture(
            url=item.url, final_url=item.final_url, status=item.status, headers=item.headers,
            body=item.body, fetched_at=item.fetched_at, run_id=self.run_id,
            packed=item.packed_body,
        )
        if item.article is None:
            return "failed"
        return self.archive.store_article(item.article, capture_id=capture_id,
                                          seen_at=item.fetched_at)

    def _too_old(self, item: PageItem) -> bool:
        spider = self.crawler.spider
        published = getattr(item.article, "published_at", None)
        if published is None:
            return False
        since, until = getattr(spider, "since", None), getattr(spider, "until", None)
        return bool((since and published < since) or (until and published > until))

    def _record_error(self, item: PageItem) -> None:
        errors = getattr(self.crawler.spider, "errors", None)
        if errors is not None and len(errors) < 200:
            errors.append({"url": item.final_url, "status": item.status, "error": item.error})

    async def close_spider(self, spider: Any = None) -> None:
        if self._flusher is not None and self._flusher.running:
            self._flusher.stop()
        self._flusher = None
        if self._writer is None:
            return
        try:
            while self._pending:  # queued writes finish and are counted first
                await asyncio.wait(set(self._pending))
                await asyncio.sleep(0)  # their done-callbacks run
            if self.archive is not None:
                summary = run_summary(self.crawler) if self.own_run else None
                await asyncio.wrap_future(self._write(self._close, summary))
        finally:
            self._writer.shutdown(wait=True)
            self._writer = None

    def _close(self, summary: dict[str, Any] | None) -> None:
        try:
            self.archive.commit()
            if summary is not None and self.run_id is not None:
                self.archive.finish_run(self.run_id, **summary)
        finally:
            self.archive.close()
            self.archive = None


COUNT_KEYS = ("new", "updated", "unchanged", "failed")


def run_summary(crawler: Any) -> dict[str, Any]:
    """Counts and errors of one crawler, in the shape Archive.finish_run takes."""
    stats = crawler.stats.get_stats()
    counts = {key: int(stats.get(f"newsarchive/{key}", 0)) for key in COUNT_KEYS}
    counts["pages_fetched"] = int(stats.get("downloader/response_count", 0))
    errors = list(getattr(crawler.spider, "errors", []) or [])
    reason = str(stats.get("finish_reason") or "finished")
    completed = reason == "finished" or reason.startswith("closespider_")  # a user's limit
    if not completed:
        status = "interrupted"
    else:
        status = "partial" if counts["failed"] else "ok"
    return {"status": status, "counts": counts, "errors": errors}
