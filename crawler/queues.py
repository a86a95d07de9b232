"""A scheduler memory queue that holds waiting requests as a few bytes each.

A site's sitemap lists every article at once, so a big crawl queues tens of thousands of
requests before it fetches most of them. Scrapy keeps each queued ``Request`` alive with
its headers object, fingerprint-cache and live-reference entries: about 3 KB a request
(a bare spider over a 50,000-article sitemap grew from 110 to 237 MB). A plain request
(GET, no body, cookies or keyword arguments, callbacks that are the spider's own
methods; headers such as the Referer that Scrapy's middleware adds are kept) is stored
here as one marshalled tuple of ~200 bytes and rebuilt when the downloader asks for it;
anything else is kept as the object, as Scrapy would.

Wired by ``SCHEDULER_MEMORY_QUEUE`` in ``crawler.settings``; a resumable crawl
(``JOBDIR``) still uses Scrapy's disk queues.
"""
from __future__ import annotations

import marshal
from collections import deque
from typing import Any

import scrapy


class CompactLifoMemoryQueue:
    """Last-in-first-out like Scrapy's default ``LifoMemoryQueue``, with packed entries."""

    def __init__(self, spider: Any = None) -> None:
        self.spider = spider
        self._entries: deque[bytes | scrapy.Request] = deque()

    @classmethod
    def from_crawler(cls, crawler: Any, key: str = "", *args: Any, **kwargs: Any
                     ) -> "CompactLifoMemoryQueue":
        return cls(crawler.spider)

    def push(self, request: scrapy.Request) -> None:
        self._entries.append(pack_request(request, self.spider) or request)

    def pop(self) -> scrapy.Request | None:
        if not self._entries:
            return None
        return self._load(self._entries.pop())

    def peek(self) -> scrapy.Request | None:
        if not self._entries:
            return None
        return self._load(self._entries[-1])

    def close(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _load(self, entry: bytes | scrapy.Request) -> scrapy.Request:
        if isinstance(entry, bytes):
            return unpack_request(entry, self.spider)
        return entry


def _method_name(spider: Any, fn: Any) -> str | None:
    """The name of ``fn`` if it is a method of ``spider`` (so it can be looked up again)."""
    name = getattr(fn, "__name__", None)
    if (name is None or getattr(fn, "__self__", None) is not spider
            or getattr(spider, name, None) != fn):
        return None
    return name


def pack_request(request: scrapy.Request, spider: Any) -> bytes | None:
    """``request`` as bytes, or None when it carries anything the bytes would not keep."""
    if (spider is None or type(request) is not scrapy.Request or request.method != "GET"
            or request.body or request.cookies or request.cb_kwargs
            or request.flags or request.encoding != "utf-8"):
        return None
    callback = errback = None
    if request.callback is not None:
        callback = _method_name(spider, request.callback)
        if callback is None:
            return None
    if request.errback is not None:
        errback = _method_name(spider, request.errback)
        if errback is None:
            return None
    try:
        return marshal.dumps((request.url, callback, errback, request.meta, request.priority,
                              request.dont_filter,
                              dict(request.headers) if request.headers else None))
    except ValueError:  # something in meta that marshal cannot hold
        return None


def unpack_request(data: bytes, spider: Any) -> scrapy.Request:
    """The request ``pack_request`` packed, bound to ``spider``'s methods again."""
    url, callback, errback, meta, priority, dont_filter, headers = marshal.loads(data)
    return scrapy.Request(
        url, callback=getattr(spider, callback) if callback else None,
        errback=getattr(spider, errback) if errback else None, meta=meta, priority=priority,
        dont_filter=dont_filter, headers=headers)
