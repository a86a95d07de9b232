"""Article exports as JSON Lines and CSV, streamed from the archive.

Both formats are written one article at a time from a single read transaction (a
consistent snapshot even while a crawl writes, thanks to WAL), so memory stays flat
however large the archive is: nothing is collected into a list.

* JSON Lines: one object per article, authors and teasers nested, UTF-8, no ASCII
  escaping (Korean stays readable).
* CSV: one row per article, authors joined with ``"; "``, teasers flattened to a count
  and their URLs joined with spaces; RFC 4180 quoting keeps quotes and newlines inside
  a field intact. ``bom=True`` writes a UTF-8 byte order mark so spreadsheet programs
  (Excel) detect UTF-8 instead of mangling Hangul.

NUL characters are removed from every text value: they are never meaningful in news
text, and many consumers (C strings, spreadsheets, PostgreSQL ``COPY``) choke on them.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

#: The keys of one exported JSON Lines record, in order.
JSONL_KEYS: tuple[str, ...] = (
    "id", "url", "site", "section", "title", "subtitle", "authors", "published_at",
    "modified_at", "language", "body", "char_count", "teasers", "content_hash", "first_seen",
    "last_seen", "extractor_version", "sources",
)
#: The columns of the CSV export, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "id", "url", "site", "section", "title", "subtitle", "authors", "author_roles",
    "published_at", "modified_at", "language", "char_count", "body", "teaser_count",
    "teaser_urls", "first_seen", "last_seen", "content_hash", "extractor_version",
)
_TEASER_KEYS = ("title", "url", "snippet", "box", "target_article_id")
_AUTHOR_KEYS = ("name", "role", "email")


def clean(value: Any) -> Any:
    """``value`` with NUL characters removed from every string inside it."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def jsonl_record(article: dict[str, Any]) -> dict[str, Any]:
    """The exported form of one article dict from ``Archive.iter_articles`` (NULs are
    dropped by ``write_jsonl``, only from the rare records that have any)."""
    out = {k: article.get(k) for k in JSONL_KEYS}
    out["authors"] = [{k: a.get(k) for k in _AUTHOR_KEYS} for a in article.get("authors") or []]
    out["teasers"] = [{k: t.get(k) for k in _TEASER_KEYS} for t in article.get("teasers") or []]
    out["sources"] = article.get("sources") or {}
    return out


def csv_row(article: dict[str, Any]) -> list[Any]:
    """One CSV row (values in ``CSV_COLUMNS`` order) for an article dict."""
    authors = article.get("authors") or []
    teasers = article.get("teasers") or []
    flat = {
        **{k: article.get(k) for k in CSV_COLUMNS},
        "authors": "; ".join(a.get("name") or "" for a in authors),
        "author_roles": "; ".join(a.get("role") or "" for a in authors) if authors else "",
        "teaser_count": len(teasers),
        "teaser_urls": " ".join(t.get("url") or "" for t in teasers),
    }
    return [clean(flat[k]) if flat[k] is not None else "" for k in CSV_COLUMNS]


def write_jsonl(articles: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write articles as JSON Lines to a text stream; returns how many."""
    count = 0
    dumps = json.dumps
    for article in articles:
        record = jsonl_record(article)
        line = dumps(record, ensure_ascii=False, default=str)
        if "\\u0000" in line:  # rare: only then walk the record to drop NULs
            line = dumps(clean(record), ensure_ascii=False, default=str)
        out.write(line)
        out.write("\n")
        count += 1
    return count


def write_csv(articles: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write articles as CSV (header first) to a text stream opened with newline=''."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for article in articles:
        writer.writerow(csv_row(article))
        count += 1
    return count


def iter_snapshot(archive: Any, **filters: Any) -> Iterator[dict[str, Any]]:
    """``archive.iter_articles(**filters)`` inside one read transaction.

    Every per-article query (authors, teasers) then sees the same snapshot as the outer
    cursor, so an export taken during a crawl is consistent: no article appears with
    another moment's authors, and articles added meanwhile are simply not included.
    """
    conn = archive.conn
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        yield from archive.iter_articles(**filters)
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")


def export_articles(db: str, fmt: str, out: IO[bytes], *, site: str | None = None,
                    since: str | None = None, until: str | None = None,
                    bom: bool = False) -> int:
    """Stream the archive's articles as ``fmt`` ('jsonl' or 'csv') to a binary stream."""
    from pipelines.store.archive import Archive

    encoding = "utf-8-sig" if bom and fmt == "csv" else "utf-8"
    text = io.TextIOWrapper(out, encoding=encoding, newline="", write_through=False)
    try:
        with Archive(db, readonly=True) as archive:
            articles = iter_snapshot(archive, site=site, since=since, until=until)
            if fmt == "jsonl":
                count = write_jsonl(articles, text)
            elif fmt == "csv":
                count = write_csv(articles, text)
            else:
                raise ValueError(f"unknown export format {fmt!r}")
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return count
