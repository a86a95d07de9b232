"""The archive: one SQLite file holding every capture, article, version and teaser.

Analysts work here, so the archive keeps what is needed to answer questions later and
never silently overwrites: raw responses are kept (compressed, each distinct body once),
an article whose text changes keeps its old text in ``article_versions``, and a re-store
of an unchanged article only moves ``last_seen``. Search is Korean-aware (see
``pipelines.store.hangul``).

Notebook usage::

    from pipelines.store.archive import Archive

    with Archive("archive.db", readonly=True) as ar:
        for hit in ar.search("서초구 규제자유특구", order="newest", limit=10):
            print(hit.published_at, hit.title, hit.snippet)
        ar.get_article(hit.id)["versions"]           # earlier texts of that story
        ar.db["latest_articles"].rows                # sqlite-utils tables and views
        ar.stats()["sites"]

Writing (crawler, scripts)::

    with Archive("archive.db", commit_every=100, commit_seconds=5) as ar:
        run = ar.start_run(["tvseoul"], "newsarchive crawl tvseoul", "0.1.0")
        cap = ar.add_capture(url=u, final_url=u, status=200, headers=h, body=b,
                             fetched_at=now, run_id=run)
        ar.store_article(article, capture_id=cap, seen_at=now)   # 'new' | 'updated' | ...
        ar.finish_run(run, "finished", counts, errors)

Every write method is atomic on its own. Writes are grouped into transactions: with
the default ``commit_every=1`` each call commits; a crawler passes e.g. 100 and
``commit_seconds`` so a crash loses at most that much, or groups work explicitly with
``with ar.batch(): ...`` (one transaction, rolled back if the block raises).
WAL mode lets readers (datasette, notebooks) work while a crawl writes.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from pipelines.errors import ArchiveError
from pipelines.record import Article, content_hash, normalise_text
from pipelines.siteconfig import SiteConfig
from pipelines.store import schema, teaser_store
from pipelines.store.bodies import compress_body, decompress_body
from pipelines.store.rows import insert_rows
from pipelines.store.search import SearchHit, run_search
from pipelines.urls import cached_canonical_url, canonicalize_url

__all__ = ["Archive", "CaptureRow", "SearchHit"]

_ARTICLE_COLUMNS = (
    "id, url, site, section, title, subtitle, published_at, published_ts, modified_at, "
    "sort_ts, body, author_names, language, char_count, content_hash, text_hash, "
    "first_seen, last_seen, capture_id, extractor_version, sources"
)


def utc_iso(value: datetime) -> str:
    if value.tzinfo is None:
        raise ArchiveError(f"datetime must be timezone-aware, got {value!r}")
    return value.astimezone(timezone.utc).isoformat()


def text_hash(title: str | None, subtitle: str | None, body: str | None) -> str:
    """What counts as 'the article changed': normalised title, subtitle and body."""
    payload = "\n".join(normalise_text(x) for x in (title, subtitle, body))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: INSERT statements for articles rows, by their columns (always the same few).
_INSERT_SQL: dict[tuple[str, ...], str] = {}

#: Index texts a writer keeps for the commit's flush (~10 KB each; see __init__).
ANALYSED_MAX = 5_000

_canonical = cached_canonical_url  # teaser boxes repeat the same links on every page


@dataclass
class CaptureRow:
    """One stored HTTP response; ``body`` is decompressed on first access."""

    id: int
    url: str
    final_url: str | None
    status: int | None
    headers: dict[str, str]
    fetched_at: str
    run_id: int | None
    sha256: str
    size: int
    body_id: int
    _load: Callable[[int], bytes] = field(repr=False, compare=False, default=lambda _: b"")
    _body: bytes | None = field(repr=False, compare=False, default=None)

    @property
    def body(self) -> bytes:
        if self._body is None:
            self._body = self._load(self.body_id)
        return self._body


class Archive:
    """An open archive file. Not thread-safe: use one Archive per thread or process."""

    def __init__(self, path: str | Path, *, readonly: bool = False, commit_every: int = 1,
                 commit_seconds: float = 5.0, cache_mb: int = 64) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.commit_every = max(1, int(commit_every))
        self.commit_seconds = commit_seconds
        self._batch_depth = 0
        self._pending = 0
        self._tx_started = 0.0
        self._journal: list[tuple[Callable[..., Any], tuple]] = []
        self._wrote = False
        # (name, outlet) -> (id, has email): skips the author upsert for known names.
        # Cleared on every rollback, since ids written in that transaction are gone.
        self._author_ids: dict[tuple[str, str], tuple[int, bool]] = {}
        # Ids known to exist, so a crawl's every page does not look them up again: the
        # runs add_capture checked, the capture add_capture made last. Cleared with
        # _author_ids (a rolled-back transaction may have made them).
        self._known_runs: set[int] = set()
        self._last_capture: int | None = None
        # teaser cards stored, by hash (teaser_store.CardCache); cleared with the others
        self._cards = teaser_store.CardCache()
        # index texts of the articles inserted in the open transaction, by id, for the
        # index flush at commit (schema.flush_index); dropped when an article's text
        # changes, and at most ANALYSED_MAX of them (a huge batch reads the rest back)
        self._analysed: dict[int, tuple[str | None, ...]] = {}
        try:
            if readonly:
                if not self.path.exists():
                    raise ArchiveError(f"archive {self.path} does not exist")
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                            check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(str(self.path), isolation_level=None,
                                            check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 30000")
            schema.register_functions(self.conn)
            if not readonly:
                # only a new, empty file takes it; it must come before WAL mode is set
                self.conn.execute(f"PRAGMA page_size = {schema.PAGE_SIZE}")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                # checkpoint every ~40 MB instead of 4 MB: FTS5 merges rewrite the same
                # pages, and fewer checkpoints copy each of them back fewer times
                self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
            self.conn.execute("PRAGMA foreign_keys = ON")
            # SQLite's page cache, per connection: bulk ingest and search want it large,
            # a long crawl that only appends may keep it smaller (crawler: 32 MB)
            self.conn.execute(f"PRAGMA cache_size = {-1024 * max(1, int(cache_mb))}")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self.db = sqlite_utils.Database(self.conn)
            if readonly:
                missing = schema.pending(self.db)
                if missing:
                    raise ArchiveError(
                        f"archive {self.path} needs upgrading ({', '.join(missing)}): "
                        f"run `newsarchive upgrade --db {self.path}` (or open it once "
                        "without readonly)"
                    )
            else:
                schema.migrate(self.db)
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"cannot open archive {self.path}: {exc}") from None

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Commit pending writes and close the file."""
        if getattr(self, "conn", None) is None:
            return
        try:
            if self.conn.in_transaction:
                self._commit_tx()
            if self._wrote:  # refresh planner statistics; best effort, never block
                try:
                    self.conn.execute("PRAGMA busy_timeout = 0")
                    self.conn.execute("PRAGMA optimize")
                except sqlite3.OperationalError:
                    pass
        finally:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def commit(self) -> None:
        """Commit what has been written so far (no-op inside ``batch()``)."""
        if self._batch_depth:
            return
        if self.conn.in_transaction:
            self._commit_tx()
        self._pending = 0
        self._journal.clear()

    def _commit_tx(self) -> None:
        if not self.readonly:
            # new articles' index rows, same transaction
            schema.flush_index(self.conn, self._analysed)
        self.conn.execute("COMMIT")
        self._analysed.clear()

    @contextmanager
    def batch(self) -> Iterator["Archive"]:
        """Group writes in one transaction: committed at the end, rolled back on error."""
        self._check_writable()
        if self._batch_depth == 0:
            self.commit()
            self._begin()
        self._batch_depth += 1
        try:
            yield self
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._journal.clear()
                self._forget_tx_ids()
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0:
            self.commit()

    def _check_writable(self) -> None:
        if self.readonly:
            raise ArchiveError(f"archive {self.path} is open read-only")

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"archive {self.path} is locked: {exc}") from None
        self._tx_started = time.monotonic()

    def _run_write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run one write operation inside the current (batch or auto) transaction.

        Operations are atomic without SAVEPOINTs (a savepoint makes FTS5 flush its
        in-memory index buffer, which made ingest 3x slower): each successful operation
        of the open transaction is journaled, and if one fails the transaction is rolled
        back and the journaled ones are replayed (they are deterministic), so a failing
        item never takes the items stored before it down with it.
        """
        self._check_writable()
        if not self.conn.in_transaction:
            self._begin()
        try:
            result = fn(self.conn, *args)
        except BaseException:
            self._recover()
            raise
        self._journal.append((fn, args))
        self._pending += 1
        self._wrote = True
        if self._batch_depth == 0 and (
            self._pending >= self.commit_every
            or time.monotonic() - self._tx_started >= self.commit_seconds
        ):
            self.commit()
        return result

    def _forget_tx_ids(self) -> None:
        """After a rollback: ids cached from the transaction may no longer exist."""
        self._author_ids.clear()
        self._known_runs.clear()
        self._last_capture = None
        self._cards.clear()
        self._analysed.clear()

    def _recover(self) -> None:
        self._forget_tx_ids()
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        journal, self._journal = self._journal, []
        if not journal:
            return
        self._begin()
        try:
            for fn, args in journal:
                fn(self.conn, *args)
        except BaseException as exc:
            self._forget_tx_ids()
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise ArchiveError(f"could not restore {len(journal)} uncommitted writes after "
                               f"an error: {exc}") from exc
        self._journal = journal

    # ------------------------------------------------------------------ sites, runs

    def upsert_site(self, site: SiteConfig) -> None:
        self._run_write(_exec, (
            "INSERT INTO sites(name, base_url, cms, language, timezone) VALUES (?,?,?,?,?) "
            "ON CONFLICT(name) DO UPDATE SET base_url=excluded.base_url, cms=excluded.cms, "
            "language=excluded.language, timezone=excluded.timezone",
            (site.name, site.base_url, site.cms, site.language, site.timezone)))

    def start_run(self, sites: list[str], command_line: str, version: str) -> int:
        cur = self._run_write(_exec, (
            "INSERT INTO crawl_runs(sites, started_at, status, command_line, version) "
            "VALUES (?, ?, 'running', ?, ?)",
            (json.dumps(list(sites), ensure_ascii=False),
             utc_iso(datetime.now(timezone.utc)), command_line, version)))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int],
                   errors: list[dict]) -> None:
        keys = ("pages_fetched", "new", "updated", "unchanged", "failed")
        if self.conn.execute("SELECT 1 FROM crawl_runs WHERE id=?", (run_id,)).fetchone() is None:
            raise ArchiveError(f"no crawl run with id {run_id}")
        self._run_write(_exec, (
            "UPDATE crawl_runs SET finished_at=?, status=?, "
            + ", ".join(f"{k}=?" for k in keys) + ", errors=? WHERE id=?",
            (utc_iso(datetime.now(timezone.utc)), status,
             *(int(counts.get(k, 0)) for k in keys),
             json.dumps(errors, ensure_ascii=False, default=str), run_id)))

    # ------------------------------------------------------------------ captures

    def add_capture(self, *, url: str, final_url: str, status: int, headers: dict[str, str],
                    body: bytes, fetched_at: datetime, run_id: int | None,
                    packed: tuple[str, bytes] | None = None) -> int:
        """Store one HTTP response; an identical body already stored is reused.

        packed: (sha256 hex, compress_body(body)) when made elsewhere (the extraction
        worker makes them), so they are not computed again here.
        """
        if run_id is not None and run_id not in self._known_runs:
            if self.conn.execute("SELECT 1 FROM crawl_runs WHERE id=?",
                                 (run_id,)).fetchone() is None:
                raise ArchiveError(f"no crawl run with id {run_id}")
            self._known_runs.add(run_id)
        # compressed up front (even if an identical body is stored already, which is
        # rare): the transaction's journal then holds ~20 KB a page instead of ~75 KB
        digest, compressed = packed or (hashlib.sha256(body).hexdigest(), compress_body(body))
        row = (url, final_url, status, json.dumps(dict(headers), ensure_ascii=False),
               utc_iso(fetched_at), run_id, digest, len(body))
        self._last_capture = None
        self._last_capture = capture_id = self._run_write(_add_capture, row, compressed)
        return capture_id

    def capture_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) of the latest successful capture of url, for If-None-Match."""
        row = self.conn.execute(
            "SELECT headers FROM captures WHERE url IN (?, ?) AND status = 200 "
            "ORDER BY fetched_at DESC, id DESC LIMIT 1",
            (url, canonicalize_url(url)),
        ).fetchone()
        if row is None:
            return None, None
        headers = {k.lower(): v for k, v in json.loads(row[0]).items()}
        return headers.get("etag"), headers.get("last-modified")

    def _load_body(self, body_id: int) -> bytes:
        row = self.conn.execute(
            "SELECT compressed FROM capture_bodies WHERE id=?", (body_id,)
        ).fetchone()
        if row is None:
            raise ArchiveError(f"capture body {body_id} is missing")
        return decompress_body(row[0])

    def _capture_row(self, row: tuple) -> CaptureRow:
        return CaptureRow(row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"), row[5],
                          row[6], row[7], row[8], row[9], _load=self._load_body)

    def get_capture(self, capture_id: int) -> CaptureRow | None:
        row = self.conn.execute(
            "SELECT id, url, final_url, status, headers, fetched_at, run_id, sha256, size, "
            "body_id FROM captures WHERE id=?", (capture_id,)).fetchone()
        return None if row is None else self._capture_row(row)

    def iter_captures(self, *, site: str | None = None,
                      since: datetime | date | str | None = None) -> Iterator[CaptureRow]:
        """Captures in fetch order; ``site`` = captures of that site's articles or URLs."""
        where: list[str] = []
        if site is not None:
            where.append(
                "(c.id IN (SELECT capture_id FROM articles WHERE site = :site "
                "UNION SELECT v.capture_id FROM article_versions v JOIN articles a "
                "ON a.id = v.article_id WHERE a.site = :site) "
                "OR c.url LIKE (SELECT base_url FROM sites WHERE name = :site) || '%')"
            )
        if since is not None:
            where.append("c.fetched_at >= :since")
        params = {"site": site, "since": _utc_bound(since) if since is not None else None}
        sql = ("SELECT c.id, c.url, c.final_url, c.status, c.headers, c.fetched_at, c.run_id, "
               "c.sha256, c.size, c.body_id FROM captures c"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY c.id")
        for row in self.conn.execute(sql, params):
            yield self._capture_row(row)

    # ------------------------------------------------------------------ articles

    def store_article(self, article: Article, *, capture_id: int | None,
                      seen_at: datetime) -> str:
        """Store an extracted article: returns 'new', 'updated' or 'unchanged'.

        Keyed on the canonical URL. A changed title/subtitle/body keeps the old text as a
        version; an unchanged one only moves ``last_seen``/``capture_id`` (and fills
        metadata that was unknown, and records teasers not seen before).
        """
        key = _canonical(article.canonical_url or article.url)
        if capture_id is not None and capture_id != self._last_capture and self.conn.execute(
                "SELECT 1 FROM captures WHERE id=?", (capture_id,)).fetchone() is None:
            raise ArchiveError(f"no capture with id {capture_id}")
        values = self._article_values(article)
        seen = utc_iso(seen_at)
        seen_ts = int(seen_at.timestamp())
        return self._run_write(self._store, key, article, values, capture_id, seen, seen_ts)

    def _store(self, conn: sqlite3.Connection, key: str, article: Article, values: dict,
               capture_id: int | None, seen: str, seen_ts: int) -> str:
        # most stores are new articles: insert at once, and look the row up only when
        # the URL's unique index says it was there already
        if self._insert_article(conn, key, article, dict(values), capture_id, seen, seen_ts):
            return "new"
        row = conn.execute("SELECT id, text_hash FROM articles WHERE url = ?", (key,)).fetchone()
        return self._update_article(conn, row[0], row[1], article, values, capture_id, seen,
                                    touch=True)

    def _article_values(self, article: Article) -> dict[str, Any]:
        published_ts = (int(article.published_at.timestamp())
                        if article.published_at is not None else None)
        names: list[str] = []
        for a in article.authors:
            name = normalise_text(a.name)
            if name and name not in names:
                names.append(name)
        return {
            "site": article.site,
            "section": article.section,
            "title": article.title,
            "subtitle": article.subtitle,
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "published_ts": published_ts,
            "modified_at": article.modified_at.isoformat() if article.modified_at else None,
            "body": article.body or "",
            "author_names": ", ".join(names),
            "language": article.language,
            "char_count": len(article.body or ""),
            "content_hash": article.content_hash or content_hash(article.title, article.body),
            "text_hash": text_hash(article.title, article.subtitle, article.body),
            "extractor_version": article.extractor_version,
            "sources": json.dumps(article.sources or {}, ensure_ascii=False),
        }

    def _insert_article(self, conn: sqlite3.Connection, key: str, article: Article, v: dict,
                        capture_id: int | None, seen: str, seen_ts: int) -> bool:
        """Insert the article unless its URL is archived already (then False)."""
        v.update(url=key, first_seen=seen, last_seen=seen, capture_id=capture_id,
                 sort_ts=v["published_ts"] if v["published_ts"] is not None else seen_ts)
        cols = tuple(v)
        sql = _INSERT_SQL.get(cols)
        if sql is None:
            sql = _INSERT_SQL[cols] = (
                f"INSERT INTO articles({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                " ON CONFLICT(url) DO NOTHING RETURNING id")
        row = conn.execute(sql, list(v.values())).fetchone()
        if row is None:
            return False
        article_id = row[0]
        if len(self._analysed) < ANALYSED_MAX:
            self._analysed[article_id] = schema.index_texts(v)
        self._store_authors(conn, article_id, article)
        teaser_store.add_teasers(conn, article_id, article, None, self._cards)
        teaser_store.link_targets(conn, article_id, key)
        return True

    def _update_article(self, conn: sqlite3.Connection, article_id: int, old_hash: str,
                        article: Article, v: dict, capture_id: int | None, seen: str | None,
                        touch: bool) -> str:
        if v["text_hash"] == old_hash:
            conn.execute(
                "UPDATE articles SET "
                + ("last_seen = max(last_seen, :seen), capture_id = coalesce(:capture_id, "
                   "capture_id), " if touch else "")
                + "site = coalesce(site, :site), section = coalesce(section, :section), "
                "published_at = coalesce(published_at, :published_at), "
                "published_ts = coalesce(published_ts, :published_ts), "
                "modified_at = coalesce(modified_at, :modified_at), "
                "language = coalesce(language, :language) WHERE id = :id",
                {**v, "seen": seen, "capture_id": capture_id, "id": article_id},
            )
            teaser_store.add_teasers(conn, article_id, article,
                                     teaser_store.teaser_keys(conn, article_id), self._cards)
            return "unchanged"
        self.text_changed(article_id)
        conn.execute(
            "INSERT INTO article_versions(article_id, capture_id, seen_at, title, subtitle, "
            "body, author_names, section, published_at, modified_at, content_hash, text_hash, "
            "extractor_version) SELECT id, capture_id, last_seen, title, subtitle, body, "
            "author_names, section, published_at, modified_at, content_hash, text_hash, "
            "extractor_version FROM articles WHERE id = ?",
            (article_id,),
        )
        conn.execute(
            "UPDATE articles SET site = coalesce(:site, site), "
            "section = coalesce(:section, section), title = :title, subtitle = :subtitle, "
            "published_at = coalesce(:published_at, published_at), "
            "published_ts = coalesce(:published_ts, published_ts), "
            "sort_ts = coalesce(:published_ts, sort_ts), "
            "modified_at = coalesce(:modified_at, modified_at), body = :body, "
            "author_names = CASE WHEN :author_names = '' THEN author_names ELSE :author_names END, "
            "language = coalesce(:language, language), char_count = :char_count, "
            "content_hash = :content_hash, text_hash = :text_hash, "
            "extractor_version = :extractor_version, sources = :sources"
            + (", last_seen = max(last_seen, :seen), capture_id = coalesce(:capture_id, capture_id)"
               if touch else "")
            + " WHERE id = :id",
            {**v, "seen": seen, "capture_id": capture_id, "id": article_id},
        )
        if article.authors:
            conn.execute("DELETE FROM article_authors WHERE article_id = ?", (article_id,))
            self._store_authors(conn, article_id, article)
        teaser_store.add_teasers(conn, article_id, article,
                                 teaser_store.teaser_keys(conn, article_id), self._cards)
        return "updated"

    def text_changed(self, article_id: int) -> None:
        """Forget an article's index texts computed in this transaction: the index
        flush reads them back from its row (call before changing its indexed columns)."""
        self._analysed.pop(article_id, None)

    def _store_authors(self, conn: sqlite3.Connection, article_id: int, article: Article) -> None:
        outlet = article.site or ""
        seen: set[str] = set()
        rows: list[tuple] = []
        position = 0
        for author in article.authors:
            name = normalise_text(author.name)
            if not name or name in seen:
                continue
            seen.add(name)
            cached = self._author_ids.get((name, outlet))
            if cached is not None and (cached[1] or not author.email):
                author_id = cached[0]
            else:
                author_id, email = conn.execute(
                    "INSERT INTO authors(name, outlet, email) VALUES (?,?,?) "
                    "ON CONFLICT(name, outlet) DO UPDATE SET email = coalesce(authors.email, "
                    "excluded.email) RETURNING id, email",
                    (name, outlet, author.email or None),
                ).fetchone()
                if len(self._author_ids) > 100_000:
                    self._author_ids.clear()
                self._author_ids[(name, outlet)] = (author_id, email is not None)
            rows.append((article_id, author_id, author.role, position))
            position += 1
        insert_rows(conn, "INSERT INTO article_authors(article_id, author_id, role, position) "
                    "VALUES ", "(?,?,?,?)", rows)

    def touch_article(self, url: str, *, seen_at: datetime) -> bool:
        """Record that an article was seen again unchanged (e.g. an HTTP 304 answer).

        Finds the article by canonical URL, else through the latest capture of ``url``;
        moves only ``last_seen``. Returns False when no article is known for url.
        """
        key = _canonical(url)
        row = self.conn.execute("SELECT id FROM articles WHERE url = ?", (key,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT a.id FROM captures c JOIN articles a ON a.capture_id = c.id "
                "WHERE c.url IN (?, ?) ORDER BY c.id DESC LIMIT 1", (url, key)).fetchone()
        if row is None:
            return False
        self._run_write(_exec, ("UPDATE articles SET last_seen = max(last_seen, ?) WHERE id = ?",
                                (utc_iso(seen_at), row[0])))
        return True

    def last_run_status(self, site: str, exclude_run: int | None = None) -> str | None:
        """Status of the latest crawl run that included ``site`` (None if never crawled)."""
        for run_id, sites, status in self.conn.execute(
                "SELECT id, sites, status FROM crawl_runs ORDER BY id DESC"):
            if run_id != exclude_run and site in json.loads(sites or "[]"):
                return status
        return None

    def totals(self) -> dict[str, int]:
        """Row counts for a one-line summary (articles, authors, sections, teasers, ...)."""
        q = self.conn.execute
        return {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "versions": q("SELECT count(*) FROM article_versions").fetchone()[0],
            "authors": q("SELECT count(*) FROM authors").fetchone()[0],
            "sections": q("SELECT count(DISTINCT coalesce(site, '') || '/' || section) "
                          "FROM articles WHERE section IS NOT NULL").fetchone()[0],
            "teasers": q("SELECT count(*) FROM teasers").fetchone()[0],
            "captures": q("SELECT count(*) FROM captures").fetchone()[0],
            "runs": q("SELECT count(*) FROM crawl_runs").fetchone()[0],
        }

    def known_article_urls(self, site: str | None = None) -> set[str]:
        if site is None:
            return {r[0] for r in self.conn.execute("SELECT url FROM articles")}
        return {r[0] for r in self.conn.execute("SELECT url FROM articles WHERE site = ?", (site,))}

    # ------------------------------------------------------------------ reading

    def _article_dict(self, row: sqlite3.Row | tuple, nested: bool = True) -> dict[str, Any]:
        names = _ARTICLE_COLUMNS.split(", ")
        out = dict(zip(names, row))
        out["sources"] = json.loads(out["sources"] or "{}")
        article_id = out["id"]
        out["authors"] = [
            {"name": r[0], "role": r[1], "email": r[2], "outlet": r[3] or None}
            for r in self.conn.execute(
                "SELECT au.name, aa.role, au.email, au.outlet FROM article_authors aa "
                "JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = ? "
                "ORDER BY aa.position", (article_id,))
        ]
        out["teasers"] = [
            {"position": r[0], "box": r[1], "title": r[2], "url": r[3], "snippet": r[4],
             "target_article_id": r[5]}
            for r in self.conn.execute(
                "SELECT position, box, title, url, snippet, target_article_id FROM teasers "
                "WHERE article_id = ? ORDER BY position", (article_id,))
        ]
        if nested:
            out["teased_by"] = [
                {"article_id": r[0], "title": r[1], "box": r[2], "teaser_title": r[3]}
                for r in self.conn.execute(
                    "SELECT t.article_id, a.title, t.box, t.title FROM teasers t "
                    "JOIN articles a ON a.id = t.article_id WHERE t.target_article_id = ? "
                    "ORDER BY t.article_id, t.position", (article_id,))
            ]
            out["versions"] = self.versions(article_id)
        return out

    def get_article(self, id_or_url: int | str) -> dict | None:
        """An article with its authors, teasers, ``teased_by`` and earlier ``versions``."""
        if isinstance(id_or_url, int):
            row = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (id_or_url,)).fetchone()
        else:
            row = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE url = ?",
                (canonicalize_url(id_or_url),)).fetchone()
        return None if row is None else self._article_dict(row)

    def versions(self, article_id: int) -> list[dict]:
        """Earlier texts of an article, oldest first."""
        cur = self.conn.execute(
            "SELECT id, article_id, capture_id, seen_at, title, subtitle, body, author_names, "
            "section, published_at, modified_at, content_hash, text_hash, extractor_version "
            "FROM article_versions WHERE article_id = ? ORDER BY id", (article_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur]

    def iter_articles(self, *, site: str | None = None,
                      since: datetime | date | str | None = None,
                      until: datetime | date | str | None = None) -> Iterator[dict]:
        """Stream articles (oldest id first) with authors and teasers nested."""
        where, params = _article_filters(site, since, until)
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.conn.cursor()
        for row in cur.execute(sql + " ORDER BY id", params):
            yield self._article_dict(row, nested=False)

    def search(self, query: str, *, site: str | None = None, section: str | None = None,
               author: str | None = None, since: datetime | date | str | None = None,
               until: datetime | date | str | None = None, limit: int = 20,
               order: str = "rank", marks: tuple[str, str] = ("[", "]"),
               rank_window: int | None = 10_000) -> list[SearchHit]:
        """Full-text search (syntax: see pipelines.store.hangul). ``order`` is 'rank'
        (bm25, title weighted) or 'newest'. Dates: aware datetimes are exact instants;
        dates and 'YYYY-MM-DD' strings are calendar days in each article's own offset,
        both ends inclusive. ``rank_window``: bm25 ranks at most this many most recently
        archived matches (very common terms); None ranks every match. A hit's ``score``
        orders the hits of its own query only (pipelines/store/_rank.c says why).
        Raises SearchQueryError for bad queries."""
        return run_search(self.conn, query, site=site, section=section, author=author,
                          since=since, until=until, limit=limit, order=order, marks=marks,
                          rank_window=rank_window)

    def stats(self, site: str | None = None) -> dict:
        """Counts per site, section and day (last 60 days seen), and the last runs."""
        cond, params = ("WHERE site = ?", (site,)) if site else ("", ())
        q = self.conn.execute
        out: dict[str, Any] = {
            "articles": q(f"SELECT count(*) FROM articles {cond}", params).fetchone()[0],
            "versions": q("SELECT count(*) FROM article_versions v JOIN articles a ON "
                          "a.id = v.article_id " + cond.replace("site", "a.site"),
                          params).fetchone()[0],
            "captures": q("SELECT count(*) FROM captures").fetchone()[0],
            "capture_bodies": q("SELECT count(*) FROM capture_bodies").fetchone()[0],
            "sites": dict(q(f"SELECT coalesce(site, ''), count(*) FROM articles {cond} "
                            "GROUP BY 1 ORDER BY 2 DESC", params).fetchall()),
            "sections": dict(q(f"SELECT coalesce(section, ''), count(*) FROM articles {cond} "
                               "GROUP BY 1 ORDER BY 2 DESC", params).fetchall()),
            "days": dict(q(
                "SELECT day, sum(articles) FROM articles_per_day "
                + ("WHERE site = ? " if site else "")
                + "GROUP BY day ORDER BY day DESC LIMIT 60", params).fetchall()),
        }
        runs = q("SELECT id, sites, started_at, finished_at, status, pages_fetched, new, "
                 "updated, unchanged, failed, errors FROM crawl_runs ORDER BY id DESC LIMIT 50")
        names = [d[0] for d in runs.description]
        last = []
        for r in runs:
            d = dict(zip(names, r))
            d["sites"] = json.loads(d["sites"])
            d["errors"] = len(json.loads(d["errors"]))
            if site is None or site in d["sites"]:
                last.append(d)
        out["runs"] = last[:10]
        return out

    def reparse(self, extract: Callable[[bytes, str, dict], Article], *,
                site: str | None = None, since: datetime | date | str | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict:
        """Re-extract articles from their stored captures (no network); see reparse.py."""
        from pipelines.store.reparse import reparse

        return reparse(self, extract, site=site, since=since, progress=progress)

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


def _exec(conn: sqlite3.Connection, statement: tuple[str, tuple]) -> sqlite3.Cursor:
    return conn.execute(*statement)


def _add_capture(conn: sqlite3.Connection, row: tuple, compressed: bytes) -> int:
    # two statements, not a lookup and two inserts: each statement is a GIL hand-over
    # for the crawl's writer thread (rows.insert_rows); an identical body is kept once
    conn.execute("INSERT INTO capture_bodies(sha256, compressed, size) VALUES (?,?,?) "
                 "ON CONFLICT(sha256) DO NOTHING", (row[6], compressed, row[7]))
    return int(conn.execute(
        "INSERT INTO captures(url, final_url, status, headers, fetched_at, run_id, sha256, "
        "size, body_id) VALUES (?,?,?,?,?,?,?,?,(SELECT id FROM capture_bodies WHERE sha256=?))",
        (*row, row[6])).lastrowid)


def _utc_bound(value: datetime | date | str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return utc_iso(value)
    return value.isoformat()


def _article_filters(site: str | None, since: Any, until: Any) -> tuple[list[str], list]:
    from pipelines.store.search import date_bounds

    where: list[str] = []
    params: list[Any] = []
    if site is not None:
        where.append("a.site = ?")
        params.append(site)
    for clause, p in date_bounds(since, until):
        where.append(clause)
        params.extend(p)
    return where, params
