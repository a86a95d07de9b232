"""What an extraction worker process runs: one page's bytes in, an Article out.

Why a module of its own: a worker process (pipelines.worker_process) imports the module
of the function it runs. This one imports only the extractor, not Scrapy and Twisted,
which kept about 30 MB more in each worker while it lived in ``pipelines.item_pipelines``.
"""
from __future__ import annotations

import hashlib
import traceback
from datetime import datetime

from pipelines import worker_process
from pipelines.errors import ExtractionError
from pipelines.extract.encoding import charset_from_content_type
from pipelines.memory import release_free_memory
from pipelines.record import Article
from pipelines.siteconfig import SiteConfig

#: Pages a process extracts between handing its freed memory back (pipelines/memory.py).
TRIM_EVERY_PAGES = 200
_extracted = 0


def extract_page(body: bytes, url: str, site: SiteConfig | None, content_type: str | None,
                 fetched_at: datetime | None) -> Article:
    """Module-level so a process pool can run it (extraction off the crawl's core)."""
    from pipelines.extract.core import extract_article

    global _extracted
    _extracted += 1
    if _extracted % TRIM_EVERY_PAGES == 0:
        release_free_memory()
    return extract_article(body, url, site, http_charset=charset_from_content_type(content_type),
                           fetched_at=fetched_at)


def extract_and_pack(body: bytes, url: str, site: SiteConfig | None, content_type: str | None,
                     fetched_at: datetime | None) -> tuple[Article | None, Exception | None,
                                                           tuple[str, bytes]]:
    """extract_page plus the stored form of the body: (article or None, the extraction
    error or None, (sha256 hex, compressed body)).

    Why here: the worker has just read and parsed the page, so compressing it costs
    about its standalone CPU, while in the crawl process's writer thread it cost twice
    that (the bytes arrived long before, and the cache holds other work).
    """
    from pipelines.store.bodies import compress_body

    packed = (hashlib.sha256(body).hexdigest(), compress_body(body))
    try:
        return extract_page(body, url, site, content_type, fetched_at), None, packed
    except Exception as exc:
        if not isinstance(exc, ExtractionError) and worker_process.IN_WORKER:
            # a bug, in a worker: its traceback does not survive the trip back
            exc.add_note("in the extraction worker:\n" + traceback.format_exc())
        return None, exc, packed
