"""Parsing (extraction) and storage for newsarchive.

`extract_article` is the pure function at the heart of the archive: bytes and a URL in,
an `Article` record out, with no network access and no global state.
"""
from pipelines.errors import (  # noqa: F401
    ArchiveError,
    ExtractionError,
    NewsArchiveError,
    NotHTMLError,
    SearchQueryError,
    SiteConfigError,
)
from pipelines.record import Article, Author, Teaser  # noqa: F401


def extract_article(html, url, site=None, **kwargs):  # type: ignore[no-untyped-def]
    """Lazy import so that `import pipelines` stays cheap for storage-only users."""
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
