"""Crawling a site that has no site file: find its feeds, sitemaps and CMS from its pages.

`newsarchive crawl URL` probes a handful of well-known places (the homepage's
`<link rel=alternate>`, robots.txt's Sitemap lines, the feed paths of the Korean CMS
families, /sitemap.xml) with plain HTTP before the crawl, and writes down what it found
as a SiteConfig, which `--write-site-file` can save for next time.
"""
from __future__ import annotations

import ipaddress
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import yaml

from crawler.discovery import looks_like_feed, looks_like_sitemap, sitemaps_from_robots
from crawler.version import __version__
from pipelines.errors import NewsArchiveError
from pipelines.siteconfig import CMS_PROFILES, SiteConfig, site_from_dict

USER_AGENT = f"newsarchive/{__version__} (site probe)"
PROBE_LIMIT = 2 * 1024 * 1024

#: Article URLs of unknown sites: a date in the path, a long numeric id, or a long slug.
GENERIC_ARTICLE_PATTERNS = (
    r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/(?:\d{1,2}/)?[^/?#]+",
    r"[/=_-]\d{5,}(?:[/?#.]|$)",
    r"/[a-z0-9]+(?:-[a-z0-9]+){3,}/?(?:\.html?)?$",
)
_FEED_LINK = re.compile(
    r"<link[^>]+type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.IGNORECASE
)
_HREF_ATTR = re.compile(r"href=[\"']([^\"']+)[\"']", re.IGNORECASE)


class UnsafeTargetError(NewsArchiveError):
    """The URL points at a private, loopback or otherwise internal address."""


Fetcher = Callable[[str], "tuple[int, bytes]"]


@dataclass
class Probe:
    base_url: str
    cms: str = "generic"
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def site_config(self, name: str | None = None) -> SiteConfig:
        return site_from_dict(self.site_dict(name), source=f"<probe of {self.base_url}>")

    def site_dict(self, name: str | None = None) -> dict:
        host = urlsplit(self.base_url).hostname or "site"
        data: dict = {
            "name": name or re.sub(r"[^a-z0-9_.-]", "-", host.lower().removeprefix("www.")),
            "base_url": self.base_url,
            "cms": self.cms,
            "feeds": self.feeds,
            "sitemaps": self.sitemaps,
        }
        if self.cms == "generic":
            data["article_patterns"] = list(GENERIC_ARTICLE_PATTERNS)
        return data

    def to_yaml(self, name: str | None = None) -> str:
        header = "# Written by `newsarchive crawl URL --write-site-file`; edit freely.\n"
        return header + yaml.safe_dump(self.site_dict(name), allow_unicode=True, sort_keys=False)


def check_public(url: str) -> None:
    """Refuse URLs that resolve to internal addresses (SSRF guard for shared crawlers)."""
    host = urlsplit(url).hostname
    if not host:
        raise UnsafeTargetError(f"not a URL with a host: {url!r}")
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise NewsArchiveError(f"cannot resolve {host}: {exc.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_reserved or address.is_multicast or address.is_unspecified):
            raise UnsafeTargetError(
                f"{host} resolves to {address}, a private or local address; "
                "pass --allow-private to crawl it anyway"
            )


def http_fetch(url: str, timeout: float = 15.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(PROBE_LIMIT)
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, OSError, ValueError):
        return 0, b""


def detect_cms(html: bytes) -> str:
    """The CMS family whose article links dominate a page, else generic."""
    counts = {
        "article_no": len(re.findall(rb"article\.html\?no=\d+", html)),
        "ndsoft": len(re.findall(rb"articleView\.html\?idxno=\d+", html)),
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] >= 2 else "generic"


def probe_site(url: str, fetch: Fetcher = http_fetch) -> Probe:
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}/"
    probe = Probe(base_url=base)
    status, robots_body = fetch(urljoin(base, "/robots.txt"))
    robots = RobotFileParser()
    robots.parse(robots_body.decode("utf-8", "replace").splitlines() if status == 200 else [])

    def allowed(target: str) -> bool:
        return robots.can_fetch(USER_AGENT, target)

    status, home = fetch(url) if allowed(url) else (0, b"")
    if status != 200:
        probe.notes.append(f"homepage answered {status or 'nothing'}")
    probe.cms = detect_cms(home)
    candidates = [urljoin(url, m) for tag in _FEED_LINK.findall(home.decode("utf-8", "replace"))
                  for m in _HREF_ATTR.findall(tag)]
    candidates += [urljoin(base, p) for p in CMS_PROFILES[probe.cms]["feeds"]]
    candidates += [urljoin(base, p) for p in ("/data/rss/news.xml", "/rss/allArticle.xml")]
    for feed in dict.fromkeys(candidates):
        if allowed(feed):
            status, body = fetch(feed)
            if status == 200 and looks_like_feed(body):
                probe.feeds.append(feed)
    sitemap_candidates = sitemaps_from_robots(robots_body, base) + [urljoin(base, "/sitemap.xml")]
    for sitemap in dict.fromkeys(sitemap_candidates):
        if allowed(sitemap):
            status, body = fetch(sitemap)
            if status == 200 and looks_like_sitemap(body):
                probe.sitemaps.append(sitemap)
    probe.notes.append(
        f"CMS {probe.cms}; {len(probe.feeds)} feed(s), {len(probe.sitemaps)} sitemap(s)"
    )
    return probe
