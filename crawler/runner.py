"""Running crawls from Python: one crawl_runs row, one Scrapy process, many sites.

The CLI is a thin shell over `run_crawl`; notebooks and schedulers can call it too.
Twisted's reactor cannot be restarted, so one Python process runs one `run_crawl`.
"""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import SETTINGS_PRIORITIES, Settings

from crawler.version import __version__
from pipelines.item_pipelines import COUNT_KEYS, run_summary
from pipelines.siteconfig import SiteConfig


@dataclass
class CrawlResult:
    run_id: int
    status: str
    counts: dict[str, int]
    errors: list[dict[str, Any]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.counts.get("pages_fetched", 0) / self.elapsed if self.elapsed else 0.0


def crawl_settings(db: str | Path, **overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NEWSARCHIVE_DB", str(db), priority="cmdline")
    for key, value in overrides.items():
        if value is not None:
            settings.set(key, value, priority="cmdline")
    return settings


#: Site-file limits and the Scrapy settings they become (per site, one crawler each).
LIMIT_SETTINGS = {
    "max_pages": "CLOSESPIDER_PAGECOUNT",
    "max_articles": "NEWSARCHIVE_MAX_ARTICLES",
    "download_delay": "DOWNLOAD_DELAY",
    "concurrency": "CONCURRENT_REQUESTS_PER_DOMAIN",
}


def apply_site_limits(settings: Settings, site: SiteConfig) -> None:
    """Apply the site file's limits to one crawler's (not yet frozen) settings, unless the
    command line already set them: a user's explicit flag wins over the file."""
    for key, name in LIMIT_SETTINGS.items():
        if key in site.limits and settings.getpriority(name) < SETTINGS_PRIORITIES["cmdline"]:
            settings.set(name, site.limits[key], priority="spider")
    article_limit = settings.getint("NEWSARCHIVE_MAX_ARTICLES")
    if article_limit:
        settings.set("CLOSESPIDER_ITEMCOUNT", article_limit, priority="spider")


def run_crawl(
    sites: list[SiteConfig],
    db: str | Path,
    *,
    refresh: bool = False,
    since: str | None = None,
    until: str | None = None,
    max_articles: int | None = None,
    max_pages: int | None = None,
    jobdir: str | None = None,
    log_level: str = "WARNING",
    settings: dict[str, Any] | None = None,
    command_line: str | None = None,
) -> CrawlResult:
    """Crawl `sites` into the archive at `db` and record the run; returns its counts."""
    from crawler.spiders.news import NewsSpider
    from pipelines.store.archive import Archive

    started = time.monotonic()
    with Archive(db) as archive:
        for site in sites:
            archive.upsert_site(site)
        run_id = archive.start_run(
            [s.name for s in sites],
            command_line=command_line or " ".join(sys.argv),
            version=__version__,
        )
    overrides: dict[str, Any] = {
        "NEWSARCHIVE_RUN_ID": run_id,
        "NEWSARCHIVE_REFRESH": refresh,
        "LOG_LEVEL": log_level,
        "CLOSESPIDER_PAGECOUNT": max_pages,
        "JOBDIR": jobdir,
    }
    overrides.update(settings or {})
    base = crawl_settings(db, NEWSARCHIVE_MAX_ARTICLES=max_articles, **overrides)
    process = CrawlerProcess(base)
    logging.getLogger("scrapy").setLevel(log_level)
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(NewsSpider)
        apply_site_limits(crawler.settings, site)
        crawlers.append(crawler)
        process.crawl(crawler, site=site, since=since, until=until)
    status = "ok"
    try:
        process.start()
    except KeyboardInterrupt:  # pragma: no cover - interactive
        status = "interrupted"

    counts = {key: 0 for key in (*COUNT_KEYS, "pages_fetched")}
    errors: list[dict[str, Any]] = []
    for crawler in crawlers:
        if crawler.stats is None or crawler.spider is None or \
                crawler.stats.get_value("finish_reason") is None:
            status = "failed"
            errors.append({"url": None, "status": None,
                           "error": "the crawl of a site did not start (see the log)"})
            continue
        summary = run_summary(crawler)
        for key, value in summary["counts"].items():
            counts[key] += value
        errors.extend(summary["errors"])
        if summary["status"] != "ok" and status == "ok":
            status = summary["status"]
    with Archive(db) as archive:
        archive.finish_run(run_id, status=status, counts=counts, errors=errors)
    return CrawlResult(run_id, status, counts, errors, time.monotonic() - started)
