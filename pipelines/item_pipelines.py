"""Scrapy item pipelines: extract each fetched page, then store page and article.

Two stages wired by ITEM_PIPELINES so either can be replaced or tested alone. Extraction
failures never lose the page: the raw capture is stored anyway and can be re-parsed
with `newsarchive reparse` once the extractor handles it.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import datetime
from typing import Any

from crawler.items import PageItem
from pipelines.errors import ExtractionError
from pipelines.extract.encoding import charset_from_content_type
from pipelines.record import Article
from pipelines.siteconfig import SiteConfig

logger = logging.getLogger(__name__)


def extract_page(body: bytes, url: str, site: SiteConfig | None, content_type: str | None,
                 fetched_at: datetime | None) -> Article:
    """Module-level so a process pool can run it (extraction off the crawl's core)."""
    from pipelines.extract.core import extract_article

    return extract_article(body, url, site, http_charset=charset_from_content_type(content_type),
                           fetched_at=fetched_at)


class ExtractPipeline:
    """Turns a PageItem's bytes into an Article (item.article), or records why not.

    NEWSARCHIVE_EXTRACT_WORKERS > 0 runs extraction in that many worker processes, so
    parsing uses the cores the single-threaded crawl loop leaves idle.
    """

    def __init__(self, crawler: Any, workers: int = 0) -> None:
        self.crawler = crawler
        self.workers = workers
        self._pool: Executor | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ExtractPipeline":
        return cls(crawler, crawler.settings.getint("NEWSARCHIVE_EXTRACT_WORKERS", 0))

    def open_spider(self, spider: Any = None) -> None:
        if self.workers > 0:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)

    def close_spider(self, spider: Any = None) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, PageItem) or item.status != 200:
            return item
        site = getattr(self.crawler.spider, "site_config", None)
        args = (item.body, item.final_url, site, item.headers.get("content-type"), item.fetched_at)
        try:
            if self._pool is not None:
                future = self._pool.submit(extract_page, *args)
                item.article = await asyncio.wrap_future(future)
            else:
                item.article = extract_page(*args)
        except ExtractionError as exc:
            item.error = str(exc)
        except Exception as exc:  # a bug in a rule must not stop the crawl or lose the page
            logger.exception("extraction crashed on %s", item.final_url)
            item.error = f"extractor crashed: {type(exc).__name__}: {exc}"
        if item.error:
            self.crawler.stats.inc_value("newsarchive/extract_failed")
            logger.warning("could not extract %s: %s", item.final_url, item.error)
        return item


class ArchivePipeline:
    """Stores every capture and its article in the archive, in batched transactions."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.db_path: str = settings.get("NEWSARCHIVE_DB")
        self.run_id: int | None = settings.getint("NEWSARCHIVE_RUN_ID") or None
        self.own_run = self.run_id is None
        self.archive: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchivePipeline":
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        from crawler.version import __version__
        from pipelines.store.archive import Archive

        spider = self.crawler.spider
        self.archive = Archive(self.db_path)
        site = getattr(spider, "site_config", None)
        if site is not None:
            self.archive.upsert_site(site)
        if self.own_run:
            self.run_id = self.archive.start_run(
                [site.name] if site else [], command_line=f"scrapy crawl {spider.name}",
                version=__version__,
            )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, PageItem):
            return item
        stats = self.crawler.stats
        if item.status == 304:
            stats.inc_value("newsarchive/unchanged")
            self.archive.touch_article(item.url, seen_at=item.fetched_at)
            return item
        capture_id = self.archive.add_capture(
            url=item.url, final_url=item.final_url, status=item.status, headers=item.headers,
            body=item.body, fetched_at=item.fetched_at, run_id=self.run_id,
        )
        if item.article is None:
            stats.inc_value("newsarchive/failed")
            errors = getattr(self.crawler.spider, "errors", None)
            if errors is not None and len(errors) < 200:
                errors.append({"url": item.final_url, "status": item.status, "error": item.error})
            return item
        outcome = self.archive.store_article(item.article, capture_id=capture_id,
                                             seen_at=item.fetched_at)
        stats.inc_value(f"newsarchive/{outcome}")
        return item

    def close_spider(self, spider: Any = None) -> None:
        if self.archive is None:
            return
        try:
            self.archive.commit()
            if self.own_run and self.run_id is not None:
                self.archive.finish_run(self.run_id, **run_summary(self.crawler))
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
    reason = stats.get("finish_reason", "finished")
    status = "ok" if not counts["failed"] and reason in ("finished", None) else "partial"
    if reason not in ("finished", None) and not str(reason).startswith("closespider"):
        status = "interrupted"
    return {"status": status, "counts": counts, "errors": errors}
