"""Scrapy settings for newsarchive: polite by default, wired to the archive pipelines.

Every component is named here so that it can be swapped or switched off per run
(`-s NAME=VALUE`), the way Scrapy projects are meant to be configured.
"""
from crawler.version import __version__

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

#: Who to contact about this crawler; shown in the User-Agent. Set it for real crawls.
NEWSARCHIVE_CONTACT = "https://github.com/newsarchive/newsarchive"
USER_AGENT = f"newsarchive/{__version__} (+{NEWSARCHIVE_CONTACT})"

#: The archive the pipelines write to.
NEWSARCHIVE_DB = "archive.db"
#: A crawl_runs row made by the caller (the CLI); None: the pipeline makes its own.
NEWSARCHIVE_RUN_ID = None
#: Re-fetch articles already in the archive (conditional requests from stored validators).
NEWSARCHIVE_REFRESH = False
#: Follow links to other articles found on article pages (teaser boxes: popular, related,
#: latest). Finds stories that no feed, sitemap or list page shows, at the cost of scanning
#: every article page's links; False when feeds, sitemaps and lists cover the site.
NEWSARCHIVE_FOLLOW_TEASERS = True
#: Extract in this many worker processes (0: in the crawl process). Workers move parsing
#: off the crawl's core (1 worker: 1.6x the pages/s of in-process extraction on 2 cores);
#: the crawl process itself runs Scrapy's event loop plus one archive writer thread.
#: 2 is 12-15% faster than 1 on 2 cores (benchmarks/crawl.py --workers 1,2 --repeat 2:
#: 0.42 against 0.37 of the bare ceiling) and, with waiting requests packed
#: (crawler/queues.py) and sitemaps read incrementally, a 50,000-page crawl holds
#: 309-329 MB with both workers, under the 400 MB target.
NEWSARCHIVE_EXTRACT_WORKERS = 2
#: Python's GIL switch interval (seconds) while extraction workers run: the crawl
#: process's helper threads (worker hand-over, archive writer) get the GIL sooner than
#: Python's default 5 ms (benchmarks/crawl.py --repeat 3: median 0.31 -> 0.37 of the
#: ceiling). 0 keeps Python's default.
NEWSARCHIVE_SWITCH_INTERVAL = 0.0005

# Politeness
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
COOKIES_ENABLED = False
#: Scrapy starts this many tasks for the output of every response (default 100); our
#: callbacks yield at most one item each, and 100 tasks a page cost ~1.5 ms of CPU.
CONCURRENT_ITEMS = 8
TELNETCONSOLE_ENABLED = False
#: A sitemap queues every article at once: keep waiting requests packed (~200 bytes
#: each instead of ~3 KB; see crawler/queues.py).
SCHEDULER_MEMORY_QUEUE = "crawler.queues.CompactLifoMemoryQueue"

# Robustness: bounded sizes and times, retries with backoff honouring Retry-After.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
HTTPERROR_ALLOWED_CODES = [304]

RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry; doubles each time
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 120.0  # a longer Retry-After is left for the next scheduled run

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.MetaRefreshMiddleware": 580,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.ConditionalRequestMiddleware": 560,
    "crawler.middlewares.RedirectLoopMiddleware": 650,
}

#: Scrapy's MemoryStatsCollector without its per-attribute deprecation wrapper (crawler/stats.py)
STATS_CLASS = "crawler.stats.FastStatsCollector"

#: "auto": a progress line when stderr is a terminal; true/false to force.
NEWSARCHIVE_PROGRESS = "auto"
EXTENSIONS = {
    "crawler.extensions.ProgressExtension": 500,
    # fewer garbage collections while crawling (crawler/gc_tuning.py; 0 turns it off)
    "crawler.gc_tuning.GCTuningExtension": 100,
}
NEWSARCHIVE_GC_THRESHOLD = 100_000

ITEM_PIPELINES = {
    "pipelines.item_pipelines.ExtractPipeline": 300,
    "pipelines.item_pipelines.ArchivePipeline": 800,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
