"""Parsing (extraction) and storage for newsarchive.

`extract_article` is the pure function at the heart of the archive: bytes and a URL in,
an `Article` record out, with no network access and no global state.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipelines.errors import (  # noqa: F401
    ArchiveError,
    ExtractionError,
    NewsArchiveError,
    NotHTMLError,
    SearchQueryError,
    SiteConfigError,
)
from pipelines.record import Article, Author, Teaser  # noqa: F401

if TYPE_CHECKING:
    from pipelines.siteconfig import SiteConfig


def extract_article(html: bytes | str, url: str, site: SiteConfig | None = None,
                    **kwargs: Any) -> Article:
    """Lazy import so that `import pipelines` stays cheap for storage-only users
    (keywords: those of `pipelines.extract.core.extract_article`)."""
    from pipelines.extract.core import extract_article as _extract

    return _extract(html, url, site=site, **kwargs)


__all__ = [
    "Article",
    "Author",
    "Teaser",
    "extract_article",
    "ArchiveError",
    "ExtractionError",
    "NewsArchiveError",
    "NotHTMLError",
    "SearchQueryError",
    "SiteConfigError",
]
