"""Exceptions of the parsing and storage layer; the CLI turns each into `Error: ...`."""
from __future__ import annotations


class NewsArchiveError(Exception):
    """Base of every error newsarchive reports to a user instead of a traceback."""


class ExtractionError(NewsArchiveError):
    """A page could not be turned into an article record."""


class NotHTMLError(ExtractionError):
    """The input is empty, binary or otherwise not an HTML page."""


class SiteConfigError(NewsArchiveError):
    """A site file is missing, unreadable or breaks the schema (names file, key, problem)."""


class ArchiveError(NewsArchiveError):
    """The archive cannot be opened, is locked, or was asked something impossible."""


class SearchQueryError(ArchiveError):
    """A full-text query has a syntax error; the message says what and where."""
