"""One crawl of the crawl benchmark, run in its own process (Twisted's reactor cannot
restart): ``python -m benchmarks.crawl_peer KIND BASE_URL WORKDIR EXPECTED [WORKERS]``
prints one JSON line of figures.

Kinds:

* ``bare``: the ceiling. A plain Scrapy spider that fetches what newsarchive fetches
  (robots.txt, feed, sitemap, every list page, every article) and does nothing with
  article pages;
* ``trafilatura``: the same spider, each article through ``trafilatura.bare_extraction``
  (text and metadata) into a plain sqlite-utils table with ``enable_fts`` on title/body;
* ``ours``: ``crawler.runner.run_crawl`` with the project's settings and pipelines
  (extraction, captures, articles, authors, teasers, versions, Korean FTS triggers).

Every kind runs with the politeness delays off (robots.txt is still obeyed) and the
same concurrency. `RSSProbe` times the crawl from engine start to spider close and
samples the process's RSS (plus its extraction workers') at 10%, 50% and 100% of the
expected pages.
"""
from __future__ import annotations

import gc
import json
import os
import re
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import scrapy  # noqa: E402
from scrapy import signals  # noqa: E402

from benchmarks.proc_memory import child_pids, peak_rss_mb, rss_mb  # noqa: E402

#: Settings every kind shares: no politeness delays, high concurrency, quiet logs.
FAST_SETTINGS: dict[str, Any] = {
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 64,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 64,
    "COOKIES_ENABLED": False,
    "CONCURRENT_ITEMS": 8,  # as crawler.settings, so the ceiling gets the same tuning
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "NEWSARCHIVE_PROGRESS": False,
}
PROBE = {"benchmarks.crawl_peer.RSSProbe": 900}
MARKS = (0.1, 0.5, 1.0)

_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")
_LINK = re.compile(rb"<link>\s*([^<\s]+)\s*</link>")
_HREF = re.compile(r"""href\s*=\s*["']([^"'#>]+)""")
_ARTICLE = re.compile(r"/news/article\.html\?no=\d+")
_LIST = re.compile(r"/news/(?:section_list_all|article_list_all)\.html")


def thread_cpu_s() -> dict[str, float]:
    """CPU seconds of each live thread of this process, by Python thread name (from /proc):
    which of the crawl's threads (event loop, archive writer, worker hand-over) spends it."""
    names = {str(t.native_id): t.name for t in threading.enumerate()}
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return out
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/stat") as f:
                stat = f.read()
        except OSError:  # the thread ended meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        name = names.get(task, f"thread {task}")
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


class GCTimer:
    """Collections of the crawl process and the CPU they take (``gc.callbacks``), from
    when it is started: the collector's share of the event loop's time, which no
    wall-clock comparison of thresholds shows (crawler/gc_tuning.py)."""

    def __init__(self) -> None:
        self.collections = 0
        self.cpu_s = 0.0
        self._started = 0.0

    def start(self) -> None:
        gc.callbacks.append(self._callback)

    def stop(self) -> None:
        if self._callback in gc.callbacks:
            gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.thread_time()
        else:
            self.collections += 1
            self.cpu_s += time.thread_time() - self._started


class RSSProbe:
    """Times the crawl and samples memory as responses come in (a Scrapy extension)."""

    result: dict[str, Any] = {}

    def __init__(self, expected: int) -> None:
        self.expected = max(1, expected)
        self.responses = 0
        self.started = 0.0
        self.marks = list(MARKS)
        self.crawler: Any = None
        self.trace: Any = None  # a CrawlTrace when BENCH_TRACE names a file
        self.gc_timer = GCTimer()
        RSSProbe.result = {"samples": [], "expected": expected}

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RSSProbe":
        probe = cls(crawler.settings.getint("BENCH_EXPECTED_PAGES"))
        probe.crawler = crawler
        crawler.signals.connect(probe.opened, signal=signals.spider_opened)
        crawler.signals.connect(probe.response, signal=signals.response_received)
        crawler.signals.connect(probe.closed, signal=signals.spider_closed)
        return probe

    def opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.gc_timer.start()
        path = os.environ.get("BENCH_TRACE")
        if path:  # benchmarks/crawl.py --trace DIR
            from benchmarks.crawl_trace import CrawlTrace

            self.trace = CrawlTrace(self.crawler, path)
            self.trace.start()

    def _sample(self, mark: float) -> None:
        own = rss_mb()
        pids = child_pids()
        children = sum(rss_mb(p) for p in pids)
        RSSProbe.result["samples"].append(
            {"mark": mark, "responses": self.responses, "rss_mb": round(own, 1),
             # the peak so far: tells which stretch of the crawl a high peak came from
             "peak_mb": round(peak_rss_mb(), 1),
             "children_rss_mb": round(children, 1),
             # the workers' own peaks (they end before the run's figures are taken)
             "children_peak_mb": round(sum(peak_rss_mb(p) for p in pids), 1),
             "t": round(time.monotonic() - self.started, 2)})
        if mark == 1.0:  # every thread still alive: the pipelines close after this
            RSSProbe.result["thread_cpu_s"] = {k: round(v, 2) for k, v in thread_cpu_s().items()}

    def response(self, response: Any, request: Any, spider: Any) -> None:
        self.responses += 1
        while self.marks and self.responses >= self.marks[0] * self.expected:
            self._sample(self.marks.pop(0))

    def closed(self, spider: Any, reason: str) -> None:
        if self.trace is not None:
            self.trace.stop()
        if self.marks:  # fewer pages than expected: sample at the end anyway
            self._sample(1.0)
        self.gc_timer.stop()
        RSSProbe.result.update(elapsed=time.monotonic() - self.started, responses=self.responses,
                               reason=reason, gc_collections=self.gc_timer.collections,
                               gc_cpu_s=round(self.gc_timer.cpu_s, 3))


# ------------------------------------------------------------------------------ peers

class BareSpider(scrapy.Spider):
    """Fetches feed, sitemap, list pages and articles; parses only the discovery pages."""

    name = "bare"

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    async def start(self) -> Any:
        yield scrapy.Request(self.base_url + "/data/rss/news.xml", self.parse_feed, priority=30)
        yield scrapy.Request(self.base_url + "/sitemap.xml", self.parse_sitemap, priority=20)
        yield scrapy.Request(self.base_url + "/news/article_list_all.html", self.parse_list,
                             priority=10)

    def parse_feed(self, response: Any) -> Any:
        for url in _LINK.findall(response.body):
            if _ARTICLE.search(url.decode()):
                yield scrapy.Request(url.decode(), self.parse_article)

    def parse_sitemap(self, response: Any) -> Any:
        for url in _LOC.findall(response.body):
            yield scrapy.Request(url.decode(), self.parse_article)

    def parse_list(self, response: Any) -> Any:
        for href in _HREF.findall(response.text):
            url = response.urljoin(href.replace("&amp;", "&"))
            if _ARTICLE.search(url):
                yield scrapy.Request(url, self.parse_article)
            elif _LIST.search(url):
                yield scrapy.Request(url, self.parse_list, priority=5)

    def parse_article(self, response: Any) -> Any:
        return self.article(response)

    def article(self, response: Any) -> Any:
        return None


class TrafilaturaSpider(BareSpider):
    name = "trafilatura"

    def article(self, response: Any) -> Any:
        yield {"url": response.url, "body": response.body}


class TrafilaturaPipeline:
    """trafilatura text + metadata into a plain sqlite-utils table with FTS."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path

    @classmethod
    def from_crawler(cls, crawler: Any) -> "TrafilaturaPipeline":
        return cls(crawler.settings.get("BENCH_DB"))

    def open_spider(self, spider: Any = None) -> None:
        import sqlite_utils

        self.db = sqlite_utils.Database(self.db_path)
        table = self.db["articles"]
        table.create({"url": str, "title": str, "author": str, "date": str, "body": str},
                     pk="url", if_not_exists=True)
        if not table.detect_fts():
            table.enable_fts(["title", "body"], create_triggers=True)

    def process_item(self, item: dict, spider: Any = None) -> dict:
        import trafilatura

        doc = trafilatura.bare_extraction(item["body"].decode("utf-8", "replace"),
                                          url=item["url"], with_metadata=True)
        if doc is not None:
            doc = doc.as_dict() if hasattr(doc, "as_dict") else doc
            self.db["articles"].insert({"url": item["url"], "title": doc.get("title"),
                                        "author": doc.get("author"), "date": doc.get("date"),
                                        "body": doc.get("text")}, replace=True)
        return {"url": item["url"]}

    def close_spider(self, spider: Any = None) -> None:
        self.db.close()


def _peer(kind: str, base_url: str, workdir: Path, expected: int) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess

    settings = dict(FAST_SETTINGS, EXTENSIONS=PROBE, BENCH_EXPECTED_PAGES=expected)
    spider: type[BareSpider] = BareSpider
    db = workdir / f"{kind}.db"
    if kind == "trafilatura":
        db.unlink(missing_ok=True)
        spider = TrafilaturaSpider
        settings.update(ITEM_PIPELINES={"benchmarks.crawl_peer.TrafilaturaPipeline": 300},
                        BENCH_DB=str(db))
    process = CrawlerProcess(settings)
    process.crawl(spider, base_url=base_url)
    process.start()
    out: dict[str, Any] = {}
    if kind == "trafilatura":
        import sqlite3

        with sqlite3.connect(db) as conn:
            out["stored"] = conn.execute("select count(*) from articles").fetchone()[0]
    return out


def _ours(base_url: str, workdir: Path, expected: int, workers: int,
          follow: str | None) -> dict[str, Any]:
    from benchmarks.crawl_site import bench_site_config
    from crawler import settings as project_settings
    from crawler.runner import run_crawl

    db = workdir / f"ours-w{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    settings = dict(FAST_SETTINGS, NEWSARCHIVE_EXTRACT_WORKERS=workers,
                    EXTENSIONS={**project_settings.EXTENSIONS, **PROBE},
                    BENCH_EXPECTED_PAGES=expected)
    if follow is not None:
        settings["NEWSARCHIVE_FOLLOW_TEASERS"] = follow
    result = run_crawl([bench_site_config(base_url)], db, log_level="WARNING", settings=settings,
                       command_line="benchmarks/crawl.py")
    import sqlite3

    with sqlite3.connect(db) as conn:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
    return {"stored": stored, "status": result.status, "counts": result.counts,
            "run_elapsed": round(result.elapsed, 2), "errors": result.errors[:3]}


def main(argv: list[str]) -> int:
    kind, base_url, workdir, expected = argv[0], argv[1], Path(argv[2]), int(argv[3])
    for extra in os.environ.get("BENCH_SETTINGS", "").split():  # NAME=VALUE, for experiments
        name, _, value = extra.partition("=")
        FAST_SETTINGS[name] = json.loads(value)
    workers = int(argv[4]) if len(argv) > 4 else 0
    follow = argv[5] if len(argv) > 5 and argv[5] != "-" else None
    if kind == "ours":
        out = _ours(base_url, workdir, expected, workers, follow)
    else:
        out = _peer(kind, base_url, workdir, expected)
    from benchmarks import crawl_peer  # the module Scrapy loaded the probe from

    out.update(crawl_peer.RSSProbe.result)
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out.update(kind=kind, workers=workers,
               # not ru_maxrss: see benchmarks/proc_memory.py
               peak_rss_mb=round(peak_rss_mb(), 1),
               cpu_s=round(usage_self.ru_utime + usage_self.ru_stime, 2),
               children_cpu_s=round(usage_children.ru_utime + usage_children.ru_stime, 2))
    print("BENCH-RESULT " + json.dumps(out, default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
