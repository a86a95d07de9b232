"""The one generic news spider: every site is a site file, not a spider class.

It discovers article URLs from feeds, sitemaps, section list pages and the teaser links
of article pages (as the extractor found them: ``teaser_requests``), fetches only article
URLs the archive does not have yet (unless asked to refresh), and hands the raw pages to
the item pipelines, which extract and store.

    scrapy crawl news -a site=tvseoul
    scrapy crawl news -a site=seeds/tvseoul.yaml -a since=2025-04-01
"""
from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure

from crawler.discovery import Entry, iter_sitemap, parse_feed, sitemaps_from_robots
from crawler.items import PageItem
from pipelines.extract.dates import parse_date
from pipelines.siteconfig import SiteConfig, resolve_site
from pipelines.urls import cached_canonical_url, join_url, same_site

logger = logging.getLogger(__name__)

#: An href, or the address a script link opens ('onclick="location.href='/news/view.php?
#: idx=3'"', 'window.open('…')'): older Korean CMSs write their article lists so.
_HREF = re.compile(
    r"""href\s*=\s*["'](?!javascript:)([^"'#>]+)|(?:location(?:\.href)?\s*=|window\.open\()\s*["']([^"'#>]+)""",
    re.IGNORECASE)
MAX_ERRORS_KEPT = 200
#: Link classification cache bound: article pages repeat the same teaser and menu links,
#: so a page's ~150 hrefs are mostly hits; cleared (not grown) past this many entries.
MAX_LINK_CACHE = 50_000

#: _kind() flags of a canonical URL
SAME_SITE, ARTICLE, LIST = 1, 2, 4

_canonical = cached_canonical_url  # teaser and list links repeat from page to page


def _as_bool(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(
        self,
        site: str | SiteConfig | None = None,
        base_url: str | None = None,
        since: str | None = None,
        until: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if site is None:
            raise ValueError("the news spider needs a site: -a site=NAME or -a site=path/to/site.yaml")
        config = site if isinstance(site, SiteConfig) else resolve_site(site)
        if base_url:
            config = config.with_base_url(base_url)
        self.site_config: SiteConfig = config
        self.allowed_domains = list(config.allowed_domains)
        self.since = parse_date(since, config.timezone) if since else None
        self.until = parse_date(until, config.timezone) if until else None
        self.known: set[str] = set()
        self.errors: list[dict[str, Any]] = []
        # Paging stops at the first all-known list page only when the site's previous
        # run completed; after a killed run older pages may still hold unseen articles.
        self.last_run_complete = False
        self.refresh = False
        self.list_pages = 0
        self.max_list_pages = int(config.limits.get("max_list_pages", 0) or 0)
        #: NEWSARCHIVE_FOLLOW_TEASERS: follow the teaser links of extracted articles.
        self.follow_teasers = True
        # Speed only (a crawl spends most of its spider time on the ~150 links of every
        # article page): canonical URLs already requested, so a link seen again is not
        # turned into a Request for Scrapy's duplicate filter to drop; and per-href and
        # per-URL caches of canonicalisation and classification.
        self._requested: set[str] = set()
        self._href_cache: dict[tuple[str, str], str] = {}
        self._kind_cache: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "NewsSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.refresh = _as_bool(crawler.settings.get("NEWSARCHIVE_REFRESH", False))
        spider.follow_teasers = _as_bool(crawler.settings.get("NEWSARCHIVE_FOLLOW_TEASERS", True))
        db_path = crawler.settings.get("NEWSARCHIVE_DB")
        if db_path:
            known, complete = _archive_state(db_path, spider.site_config.name,
                                             crawler.settings.getint("NEWSARCHIVE_RUN_ID") or None)
            spider.last_run_complete = complete
            if not spider.refresh:
                spider.known = known
        return spider

    # -- start -----------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[scrapy.Request]:
        site = self.site_config
        for feed in site.feeds:
            yield self._request(site.absolute(feed), self.parse_feed, priority=30)
        for sitemap in site.sitemaps:
            yield self._request(site.absolute(sitemap), self.parse_sitemap, priority=20)
        for url in site.start_urls:
            yield self._request(site.absolute(url), self.parse_list, priority=10)

    # -- discovery callbacks ---------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        entries = parse_feed(response.body, response.url, self.site_config.timezone)
        self.crawler.stats.inc_value("newsarchive/feed_entries", len(entries))
        yield from self._article_requests(entries)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if response.url.endswith("robots.txt"):
            for url in sitemaps_from_robots(response.body, response.url):
                yield self._request(url, self.parse_sitemap, priority=20)
            return
        # one entry at a time: a 50,000-URL sitemap is never held whole (see iter_sitemap)
        for is_child, entry in iter_sitemap(response.body, response.url,
                                            self.site_config.timezone):
            if not is_child:
                yield from self._article_requests((entry,))
            elif self._in_window(entry.date, lenient=True):
                yield self._request(entry.url, self.parse_sitemap, priority=20)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, scrapy.http.TextResponse):
            return
        self.list_pages += 1
        articles: list[Entry] = []
        lists: list[str] = []
        for href in self._links(response):
            kind = self._kind(href)
            if kind & ARTICLE:
                articles.append(Entry(href))
            elif kind & LIST:
                lists.append(href)
        fresh = [e for e in articles if _canonical(e.url) not in self.known]
        yield from self._article_requests(articles)
        # A list page whose articles are all archived already is as far back as new
        # articles can be: stop paging there (incremental runs fetch only first pages).
        if articles and not fresh and not self.refresh and self.last_run_complete:
            return
        if self.max_list_pages and self.list_pages >= self.max_list_pages:
            return
        for href in lists:
            if href not in self._requested:  # the pager links every page many times
                self._requested.add(href)
                yield self._request(href, self.parse_list, priority=5)

    # -- articles --------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        headers = {
            k.decode("latin-1").lower(): b", ".join(v).decode("latin-1")
            for k, v in response.headers.items()
        }
        yield PageItem(
            url=response.meta.get("article_url", response.url),
            final_url=response.url,
            status=response.status,
            headers=headers,
            body=response.body,
            fetched_at=datetime.now(timezone.utc),
            site=self.site_config.name,
        )

    def teaser_requests(self, article: Any) -> list[scrapy.Request]:
        """Requests for the articles an extracted page teases (its teaser boxes).

        Called by the extraction pipeline: links come from the teasers the extractor
        found, not from every href of the page, which spares the crawl process a scan
        of each 60-90 KB page (menus, footers and tag links were never articles anyway).
        """
        if not self.follow_teasers or not getattr(article, "teasers", None):
            return []
        # most teased articles were requested already (every page teases the same
        # boxes); teaser URLs are canonical, so a set lookup settles those
        requested = self._requested
        return list(self._article_requests(
            [Entry(t.url) for t in article.teasers if t.url not in requested]))

    # -- helpers ---------------------------------------------------------------------

    def _links(self, response: Response) -> Iterator[str]:
        """Same-site links of a page; a regex over the text is several times faster than
        building a selector tree, and list pages only need hrefs."""
        text = response.text
        base = get_base_url(response)  # what response.urljoin() resolves against
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}"
        cache = self._href_cache
        if len(cache) > MAX_LINK_CACHE:
            cache.clear()
        seen: set[str] = set()
        for match in _HREF.finditer(text):
            raw = match.group(1) or match.group(2)
            # a root-relative href resolves against the scheme and host only
            key = (origin if raw[:1] == "/" and raw[1:2] != "/" else base, raw)
            url = cache.get(key)
            if url is None:
                url = self._resolve(base, raw)
                cache[key] = url
            if not url or url in seen:
                continue
            seen.add(url)
            yield url

    def _resolve(self, base: str, raw: str) -> str:
        """The canonical same-site URL of one href, or '' to skip it."""
        raw = raw.strip().replace("&amp;", "&")
        if raw.startswith(("javascript:", "mailto:", "tel:")):
            return ""
        url = _canonical(join_url(base, raw))
        return url if self._kind(url) & SAME_SITE else ""

    def _kind(self, url: str) -> int:
        """SAME_SITE | ARTICLE | LIST flags of a URL (memoised: pure in the site config)."""
        kind = self._kind_cache.get(url)
        if kind is None:
            kind = ((SAME_SITE if same_site(url, self.allowed_domains) else 0)
                    | (ARTICLE if self.site_config.is_article_url(url) else 0)
                    | (LIST if self.site_config.is_list_url(url) else 0))
            if len(self._kind_cache) > MAX_LINK_CACHE:
                self._kind_cache.clear()
            self._kind_cache[url] = kind
        return kind

    def _in_window(self, date: datetime | None, lenient: bool = False) -> bool:
        if date is None:
            return True
        if self.since and date < self.since:
            return False
        if self.until and date > self.until and not lenient:
            return False
        return True

    def _article_requests(self, entries: Iterable[Entry]) -> Iterator[scrapy.Request]:
        for entry in entries:
            url = _canonical(entry.url)
            if self._kind(url) & (ARTICLE | SAME_SITE) != ARTICLE | SAME_SITE:
                continue
            if url in self.known and not self.refresh:
                self.crawler.stats.inc_value("newsarchive/skipped_known")
                continue
            if not self._in_window(entry.date):
                self.crawler.stats.inc_value("newsarchive/skipped_window")
                continue
            if url in self._requested:  # Scrapy's duplicate filter would drop it
                continue
            self._requested.add(url)
            yield self._request(url, self.parse_article, priority=0, meta={"article_url": url})

    def _request(self, url: str, callback: Any, priority: int = 0,
                 meta: dict[str, Any] | None = None) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, priority=priority,
                              meta=meta or {})

    def on_error(self, failure: Failure) -> None:
        message = failure.getErrorMessage() or ""
        if failure.check(IgnoreRequest) and not failure.check(HttpError) and (
            "robots.txt" in message or "offsite" in message.lower()
        ):
            # the crawl behaved as it should: nothing failed
            self.crawler.stats.inc_value("newsarchive/ignored")
            return
        request = getattr(failure, "request", None)
        response = getattr(failure.value, "response", None)
        error = {
            "url": request.url if request is not None else None,
            "status": response.status if response is not None else None,
            "error": failure.getErrorMessage() or failure.type.__name__,
        }
        self.crawler.stats.inc_value("newsarchive/failed")
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(error)
        logger.warning("fetch failed: %(url)s: %(error)s", error)


def _archive_state(db_path: str, site: str, current_run: int | None) -> tuple[set[str], bool]:
    """(archived article URLs of the site, whether its previous run completed)."""
    from pathlib import Path

    if not Path(db_path).exists():
        return set(), False
    from pipelines.store import schema
    from pipelines.store.archive import Archive

    # `scrapy crawl` (scrapyd) gets here before the archive pipeline opens the file for
    # writing: an archive made by an older version is upgraded here, not refused
    readonly = not schema.pending_at(db_path)
    with Archive(db_path, readonly=readonly) as archive:
        status = archive.last_run_status(site, exclude_run=current_run)
        return archive.known_article_urls(site), status in ("ok", "partial")
