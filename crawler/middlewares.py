"""Downloader middlewares: conditional re-fetches from the archive's stored validators.

With `--refresh`, an article already archived is requested again with the ETag and
Last-Modified of its latest capture, so an unchanged page costs the site a 304.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response


class ConditionalRequestMiddleware:
    def __init__(self, db_path: str | None, enabled: bool) -> None:
        self.db_path = db_path
        self.enabled = enabled
        self._archive: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ConditionalRequestMiddleware":
        settings = crawler.settings
        return cls(settings.get("NEWSARCHIVE_DB"), settings.getbool("NEWSARCHIVE_REFRESH"))

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        if self._archive is None:
            from pathlib import Path

            from pipelines.store.archive import Archive

            if not self.db_path or not Path(self.db_path).exists():
                return None, None
            self._archive = Archive(self.db_path, readonly=True)
        return self._archive.capture_validators(url)

    def process_request(self, request: Request, spider: Spider) -> None:
        if not self.enabled or "article_url" not in request.meta:
            return None
        etag, last_modified = self._validators(request.meta["article_url"])
        if etag:
            request.headers.setdefault(b"If-None-Match", etag.encode("latin-1"))
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified.encode("latin-1"))
        return None

    def process_response(self, request: Request, response: Response, spider: Spider) -> Response:
        return response

    def close_spider(self, spider: Spider) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None
