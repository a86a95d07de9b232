"""The article record: the one shape every part of newsarchive exchanges.

Extraction produces it, the archive stores it, exports and the CLI print it. Keeping it
in one module means a new field is added once and every layer sees the same JSON form.
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

#: The keys of the JSON form, in the order they are printed.
RECORD_KEYS: tuple[str, ...] = (
    "url",
    "canonical_url",
    "site",
    "section",
    "title",
    "subtitle",
    "authors",
    "published_at",
    "modified_at",
    "body",
    "teasers",
    "language",
    "content_hash",
    "fetched_at",
    "sources",
    "extractor_version",
)


@dataclass
class Author:
    name: str
    role: str | None = None
    email: str | None = None

    def __reduce__(self) -> tuple:
        # pickled by value, not as a __dict__ to restore: an Article crosses a process
        # boundary for every crawled page (extraction workers), with ~45 teasers each;
        # this halves the crawl process's unpickling time (185 -> 95 us a page)
        return Author, (self.name, self.role, self.email)


@dataclass
class Teaser:
    """A preview of another article shown on a page.

    ``section`` is the label of the box that shows it (stored as the ``box`` column): the
    card's own section label, or the box's name, which is a section ('정치' of a '정치
    더보기' widget) or the box's kind ('많이 본 뉴스', 'Related'); None when the box has no
    label.
    """

    title: str
    url: str
    snippet: str | None = None
    section: str | None = None

    def __reduce__(self) -> tuple:
        return Teaser, (self.title, self.url, self.snippet, self.section)  # see Author


@dataclass
class Article:
    url: str
    canonical_url: str | None = None
    site: str | None = None
    section: str | None = None
    title: str | None = None
    subtitle: str | None = None
    authors: list[Author] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    body: str = ""
    teasers: list[Teaser] = field(default_factory=list)
    language: str | None = None
    content_hash: str | None = None
    fetched_at: datetime | None = None
    #: field name -> the rule that produced it, e.g. {"title": "jsonld"}
    sources: dict[str, str] = field(default_factory=dict)
    extractor_version: str | None = None

    def __post_init__(self) -> None:
        for name in ("published_at", "modified_at", "fetched_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware, got {value!r}")
        if self.content_hash is None and (self.body or self.title):
            self.content_hash = content_hash(self.title, self.body)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: exactly RECORD_KEYS, dates as ISO 8601 with offset."""
        raw = asdict(self)
        out: dict[str, Any] = {}
        for key in RECORD_KEYS:
            value = raw[key]
            if isinstance(value, datetime):
                value = value.isoformat()
            out[key] = value
        return out

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        kwargs = {k: data.get(k) for k in RECORD_KEYS if k in data}
        for name in ("published_at", "modified_at", "fetched_at"):
            if isinstance(kwargs.get(name), str):
                kwargs[name] = datetime.fromisoformat(kwargs[name])
        kwargs["authors"] = [
            a if isinstance(a, Author) else Author(**a) for a in (data.get("authors") or [])
        ]
        kwargs["teasers"] = [
            t if isinstance(t, Teaser) else Teaser(**t) for t in (data.get("teasers") or [])
        ]
        kwargs["body"] = kwargs.get("body") or ""
        kwargs["sources"] = dict(kwargs.get("sources") or {})
        return cls(**kwargs)


def normalise_text(text: str | None) -> str:
    """Text as compared for change detection: NFC, whitespace collapsed.

    Re-rendered pages differ in whitespace and Unicode composition without the story
    changing; hashing the normalised text keeps those from counting as new versions.
    (`split()` and a `\\s+` regex know the same whitespace, Python's `str.isspace`; the
    split is several times faster on a 3 KB Korean body.)
    """
    if not text:
        return ""
    return _collapse(unicodedata.normalize("NFC", text))


def _collapse_python(text: str) -> str:
    return " ".join(text.split())


try:  # the same in one pass, without a string per word (pipelines/store/_bigrams.c)
    from pipelines.store._bigrams import collapse_whitespace as _collapse
except Exception:  # pragma: no cover - not built
    _collapse = _collapse_python

#: ``" ".join(text.split())`` for a str (in C where pipelines/store/_bigrams.c is built).
collapse_spaces = _collapse


def content_hash(title: str | None, body: str | None) -> str:
    payload = normalise_text(title) + "\n" + normalise_text(body)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
