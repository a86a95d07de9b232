"""What the spider hands to the item pipelines: one fetched article page, raw.

The spider never parses articles itself: extraction is a pipeline stage, so the same
bytes can be re-parsed later from the archive with a newer extractor.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class PageItem:
    url: str  # the URL as requested (canonicalised)
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    site: str
    #: filled by the ExtractPipeline: a pipelines.record.Article, or None when it failed
    article: Any = None
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    #: (sha256 hex, compressed body) made by the extraction worker, so the crawl process
    #: need not compress the page itself; None: the archive compresses it
    packed_body: tuple[str, bytes] | None = None
