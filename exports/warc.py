"""WARC export and import of the archive's stored captures.

Export writes WARC/1.1 with warcio: one ``warcinfo`` record naming newsarchive and its
version, then one ``response`` record per capture (HTTP status line and headers, then
the body exactly as stored). The archive keeps each distinct body once; the WARC does
the same with the standard mechanism: a capture whose body (sha256) was already written
becomes a ``revisit`` record, profile *identical-payload-digest*, pointing at the first
response by ``WARC-Refers-To`` (record id), ``WARC-Refers-To-Target-URI`` and
``WARC-Refers-To-Date``. Payload digests are ``sha256:`` + base32 (the archive's own hash).

The stored body is the decoded one (Scrapy undoes gzip and chunking), so
``Content-Encoding``/``Transfer-Encoding`` headers would lie about it: they are kept as
``X-Archive-Orig-*`` (the pywb convention) and ``Content-Length`` is set to the real size.
The URL the crawler asked for (before redirects) travels in ``WARC-Newsarchive-Request-URI``.

Import reads any WARC (gzipped or not) with warcio's ``ArchiveIterator``, stores every
``response`` (and resolved ``revisit``) as a capture and re-extracts the article from it
with the same extraction code the crawler uses.
"""
from __future__ import annotations

import base64
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.client import responses as REASONS
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipelines.errors import NewsArchiveError

REQUEST_URI_HEADER = "WARC-Newsarchive-Request-URI"
_DROP = {"content-encoding", "transfer-encoding", "content-length"}


def sha256_digest(hex_digest: str) -> str:
    """The WARC form of a sha256 hex digest: ``sha256:`` + base32."""
    return "sha256:" + base64.b32encode(bytes.fromhex(hex_digest)).decode("ascii")


def _warc_date(iso: str) -> str:
    moment = datetime.fromisoformat(iso).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def _http_headers(status: int | None, headers: dict[str, str], size: int) -> StatusAndHeaders:
    status = status or 200
    items: list[tuple[str, str]] = []
    for name, value in headers.items():
        if name.lower() in _DROP:
            if name.lower() != "content-length":
                items.append((f"X-Archive-Orig-{name}", str(value)))
            continue
        items.append((name, str(value)))
    items.append(("Content-Length", str(size)))
    return StatusAndHeaders(f"{status} {REASONS.get(status, 'Unknown')}", items,
                            protocol="HTTP/1.1")


@dataclass
class WarcExportResult:
    responses: int = 0
    revisits: int = 0


def export_warc(db: str | Path, out: IO[bytes], *, site: str | None = None,
                since: str | None = None, filename: str = "newsarchive.warc.gz",
                gzip: bool = True) -> WarcExportResult:
    """Write the archive's captures (optionally one site's, fetched since a date) as WARC."""
    from crawler.version import __version__
    from pipelines.store.archive import Archive

    writer = WARCWriter(out, gzip=gzip, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record(filename, {
        "software": f"newsarchive/{__version__}",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                      "warc-format/warc-1.1/",
        "description": "Captures exported from a newsarchive archive"
                       + (f" (site {site})" if site else "")
                       + (f" fetched since {since}" if since else ""),
    }))
    result = WarcExportResult()
    first: dict[str, tuple[str, str, str]] = {}  # sha256 -> (record id, uri, warc date)
    with Archive(db, readonly=True) as archive:
        conn = archive.conn
        conn.execute("BEGIN")  # one snapshot for the whole export
        try:
            for cap in archive.iter_captures(site=site, since=since):
                uri = cap.final_url or cap.url
                date = _warc_date(cap.fetched_at)
                digest = sha256_digest(cap.sha256)
                warc_headers = {"WARC-Date": date, "WARC-Payload-Digest": digest}
                if cap.url and cap.url != uri:
                    warc_headers[REQUEST_URI_HEADER] = cap.url
                http = _http_headers(cap.status, cap.headers, cap.size)
                seen = first.get(cap.sha256)
                if seen is not None:
                    record = writer.create_revisit_record(
                        uri, digest, seen[1], seen[2], http_headers=http,
                        warc_headers_dict=warc_headers)
                    record.rec_headers.add_header("WARC-Refers-To", seen[0])
                    writer.write_record(record)
                    result.revisits += 1
                    continue
                record = writer.create_warc_record(
                    uri, "response", payload=BytesIO(cap.body), length=cap.size,
                    http_headers=http, warc_headers_dict=warc_headers)
                writer.write_record(record)
                first[cap.sha256] = (record.rec_headers.get_header("WARC-Record-ID"), uri, date)
                result.responses += 1
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
    return result


@dataclass
class WarcImportResult:
    responses: int = 0
    revisits: int = 0
    articles: dict[str, int] = field(default_factory=dict)  # store outcome -> count
    failed: list[tuple[str, str]] = field(default_factory=list)  # (uri, reason)


def _default_extract(body: bytes, url: str, headers: dict[str, str], fetched_at: datetime) -> Any:
    from pipelines.extract_worker import extract_page
    from pipelines.siteconfig import site_for_url

    return extract_page(body, url, site_for_url(url), headers.get("content-type"), fetched_at)


def import_warc(path: str | Path, db: str | Path, *,
                extract: Callable[[bytes, str, dict[str, str], datetime], Any] | None = None
                ) -> WarcImportResult:
    """Import a WARC's responses into an archive, re-extracting their articles.

    A ``revisit`` is resolved to the body of the record it refers to (by record id, else
    by payload digest); one whose original is not in the file is reported as failed.
    """
    from crawler.version import __version__
    from pipelines.store.archive import Archive

    extract = extract or _default_extract
    result = WarcImportResult()
    by_id: dict[str, int] = {}  # WARC-Record-ID -> capture id
    by_digest: dict[str, int] = {}  # payload digest -> capture id
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise NewsArchiveError(f"cannot read {path}: {exc.strerror or exc}") from None
    with stream, Archive(db, commit_every=200) as archive:
        run = archive.start_run(["warc-import"], f"newsarchive import warc {path}", __version__)
        records = 0
        try:
            for record in ArchiveIterator(stream, check_digests=False):
                kind = record.rec_type
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if kind == "warcinfo" or uri.startswith(("http://", "https://", "dns:")):
                    records += 1  # a real record, not garbage parsed as one
                if kind not in ("response", "revisit") or record.http_headers is None:
                    continue
                if not uri.startswith(("http://", "https://")):
                    continue
                digest = record.rec_headers.get_header("WARC-Payload-Digest")
                if kind == "revisit":
                    ref = record.rec_headers.get_header("WARC-Refers-To")
                    original = by_id.get(ref) if ref else None
                    if original is None and digest:
                        original = by_digest.get(digest)
                    if original is None:
                        result.failed.append((uri, "revisit of a record not in this file"))
                        continue
                    body = archive.get_capture(original).body  # type: ignore[union-attr]
                    result.revisits += 1
                else:
                    body = record.content_stream().read()
                    result.responses += 1
                status = int(record.http_headers.get_statuscode() or 0) or None
                headers = _stored_headers(record.http_headers)
                fetched_at = _parse_warc_date(record.rec_headers.get_header("WARC-Date"))
                requested = record.rec_headers.get_header(REQUEST_URI_HEADER) or uri
                capture = archive.add_capture(url=requested, final_url=uri, status=status or 0,
                                              headers=headers, body=body, fetched_at=fetched_at,
                                              run_id=run)
                if kind == "response":
                    rec_id = record.rec_headers.get_header("WARC-Record-ID")
                    if rec_id:
                        by_id[rec_id] = capture
                    if digest:
                        by_digest.setdefault(digest, capture)
                if status != 200:
                    continue
                try:
                    article = extract(body, uri, headers, fetched_at)
                    outcome = archive.store_article(article, capture_id=capture,
                                                    seen_at=fetched_at)
                except (NewsArchiveError, ValueError) as exc:
                    result.failed.append((uri, str(exc)))
                    continue
                result.articles[outcome] = result.articles.get(outcome, 0) + 1
            if records == 0:
                raise NewsArchiveError(f"{path} is not a readable WARC file: no WARC records")
        except (sqlite3.DatabaseError, NewsArchiveError):
            raise
        except Exception as exc:  # warcio raises plain exceptions on damaged files
            raise NewsArchiveError(f"{path} is not a readable WARC file: {exc}") from None
        finally:
            archive.finish_run(run, "finished" if not result.failed else "partial", {
                "pages_fetched": result.responses + result.revisits,
                "new": result.articles.get("new", 0),
                "updated": result.articles.get("updated", 0),
                "unchanged": result.articles.get("unchanged", 0),
                "failed": len(result.failed),
            }, [{"url": u, "error": e} for u, e in result.failed[:1000]])
    return result


def _stored_headers(http: StatusAndHeaders) -> dict[str, str]:
    """Response headers as the crawler stores them (lower-case names), originals restored."""
    out: dict[str, str] = {}
    for name, value in http.headers:
        key = name.lower()
        if key.startswith("x-archive-orig-"):
            key = key[len("x-archive-orig-"):]
        elif key == "content-length":
            continue
        out[key] = value
    return out


def _parse_warc_date(value: str | None) -> datetime:
    if not value:
        return datetime.now(timezone.utc)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
