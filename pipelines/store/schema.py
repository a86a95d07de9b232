"""The archive's schema as ordered migrations (sqlite-utils ``Migrations``).

An archive written by an older newsarchive opens and upgrades in place: each migration
runs once, in its own transaction, and is recorded in ``_sqlite_migrations``. Never
edit a released migration; append a new one.

* ``m001_base`` (schema version 1): sites, crawl runs, captures (+ deduplicated, zlib
  compressed bodies), articles, versions, authors, teasers.
* ``m002_search`` (version 2): sort indexes, the Korean-aware FTS5 index with its sync
  triggers (see ``pipelines.store.hangul``), the views, the ``na_meta`` table.
* ``m003_index_at_commit`` (version 3): new articles are indexed once per transaction.
  The insert trigger only queues the id in ``fts_pending``; the writer indexes the
  queue just before it commits (``flush_index``: the texts it analysed when it wrote
  the articles, else one ``INSERT ... SELECT``), in the same transaction, so readers
  never see an article without its index. Per-row FTS5
  inserts from a trigger cost ~0.2 ms an article more than one statement per batch
  (measured: 590 -> 725 articles/s). Update and delete triggers leave a queued article
  alone (its index entry does not exist yet; the flush reads the current values). A
  third-party writer that inserts rows with plain SQL leaves them queued until the next
  ``Archive`` opens the file for writing, which flushes the queue.

* ``m004_sort_blocks`` (version 4): the latest ``sort_ts`` of every block of 1,024
  article ids, kept by triggers (a block's maximum only ever rises, so it stays an
  upper bound when an article's date is corrected downwards). Archives are filled in
  crawl order and an article is archived after it is published, so ids and dates rise
  together; newest-first search walks matches from the highest id and stops once no
  lower block can hold anything newer (``pipelines.store.search``).
* ``m005_teaser_cards`` (version 5): each distinct teaser card (URL, headline, snippet,
  target) is stored once in ``teaser_cards`` and ``page_teasers`` places cards on pages;
  ``teasers`` becomes a view with the old table's columns
  (``pipelines.store.teaser_store``).
* ``m006_card_url_ranges`` (version 6): a card's hash begins with a hash of its URL, so
  the cards of a URL are found by a range of the hash index; the index of unlinked
  cards' URLs goes, and the target index keeps linked cards only (new cards are
  cheaper to write: ``pipelines.store.teaser_store``).
* ``m007_fewer_merges`` (version 7): FTS5 merges 16 index segments of a level at a time
  instead of 8, so each index page is rewritten on one level fewer as the archive grows
  (see ``FEWER_MERGES_SQL``).
* ``m008_ascii_tokenizer`` (version 8): the index is made again with FTS5's ``ascii``
  tokenizer, the analyzer folding the other characters itself (see
  ``ASCII_TOKENIZER_SQL``); re-indexing took 11.6 s and 141 MB at 100,000 articles.

The FTS5 rowid is the article id. (A rowid ordered by publication time was tried and
dropped: FTS5 flushes its in-memory buffer whenever a rowid is lower than the previous
one, and crawls store newest-first, which made ingest several times slower.)
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from pipelines.errors import ArchiveError
from pipelines.store.hangul import ANALYZER_VERSION, hangul_bigrams
from pipelines.store.teaser_store import card_id


migrations = Migrations("newsarchive")
SCHEMA_VERSION = 8

#: SQLite page size of a new archive (an existing one keeps its own; VACUUM cannot change
#: it in WAL mode). 16 KB pages hold four consecutive 4 KB FTS5 leaves, so reading a
#: doclist from a cold cache takes a quarter of the reads, and ingest wrote ~12% faster
#: than with 4 KB pages (100,000 articles, interleaved runs: 1,322 and 1,370 against
#: 1,165 and 1,210 articles/s; 32 and 64 KB were slower again).
PAGE_SIZE = 16384

BASE_SQL = """
CREATE TABLE sites (
    name TEXT PRIMARY KEY,
    base_url TEXT NOT NULL,
    cms TEXT,
    language TEXT,
    timezone TEXT
);
CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    sites TEXT NOT NULL DEFAULT '[]',          -- JSON list of site names
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    pages_fetched INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]',         -- JSON list of {url, error, ...}
    command_line TEXT,
    version TEXT
);
CREATE TABLE capture_bodies (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    compressed BLOB NOT NULL,                  -- zstd (zlib before v0.2): bodies.py
    size INTEGER NOT NULL
);
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT,
    status INTEGER,
    headers TEXT NOT NULL DEFAULT '{}',        -- JSON object
    fetched_at TEXT NOT NULL,                  -- ISO 8601, UTC
    run_id INTEGER REFERENCES crawl_runs(id),
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    body_id INTEGER NOT NULL REFERENCES capture_bodies(id)
);
CREATE INDEX captures_url ON captures(url, fetched_at);
CREATE INDEX captures_run ON captures(run_id);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,                  -- canonical URL
    site TEXT,
    section TEXT,
    title TEXT,
    subtitle TEXT,
    published_at TEXT,                         -- ISO 8601 with the page's own offset
    published_ts INTEGER,                      -- unix seconds of published_at
    modified_at TEXT,
    sort_ts INTEGER NOT NULL,                  -- published_ts, else first-seen time
    body TEXT NOT NULL DEFAULT '',
    author_names TEXT NOT NULL DEFAULT '',     -- "A, B": denormalised for search
    language TEXT,
    char_count INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,                         -- pipelines.record.content_hash
    text_hash TEXT NOT NULL,                   -- title+subtitle+body, normalised
    first_seen TEXT NOT NULL,                  -- ISO 8601, UTC
    last_seen TEXT NOT NULL,
    capture_id INTEGER REFERENCES captures(id),
    extractor_version TEXT,
    sources TEXT NOT NULL DEFAULT '{}'         -- JSON: field -> rule
);
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    capture_id INTEGER REFERENCES captures(id),
    seen_at TEXT NOT NULL,                     -- last time this content was seen
    title TEXT,
    subtitle TEXT,
    body TEXT,
    author_names TEXT,
    section TEXT,
    published_at TEXT,
    modified_at TEXT,
    content_hash TEXT,
    text_hash TEXT,
    extractor_version TEXT
);
CREATE INDEX article_versions_article ON article_versions(article_id);
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    outlet TEXT NOT NULL DEFAULT '',           -- site name; '' when unknown
    email TEXT,
    UNIQUE (name, outlet)
);
CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    author_id INTEGER NOT NULL REFERENCES authors(id),
    role TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_authors_author ON article_authors(author_id);
CREATE TABLE teasers (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    box TEXT,
    title TEXT,
    url TEXT NOT NULL,                         -- canonical URL of the teased article
    snippet TEXT,
    target_article_id INTEGER REFERENCES articles(id)
);
CREATE INDEX teasers_article ON teasers(article_id);
-- only unlinked teasers need finding by URL (when their target gets archived)
CREATE INDEX teasers_pending_url ON teasers(url) WHERE target_article_id IS NULL;
CREATE INDEX teasers_target ON teasers(target_article_id);
"""

FTS_COLUMNS = ("title", "subtitle", "body", "authors")
#: bm25 weights of FTS_COLUMNS: a match in the title counts most.
BM25_WEIGHTS = (4.0, 2.0, 1.0, 2.0)

#: The articles columns indexed as FTS_COLUMNS, in that order.
FTS_SOURCES = ("title", "subtitle", "body", "author_names")

_KEY = "{t}.id"
_VALUES = ", ".join(f"na_hangul_bigrams({{t}}.{c})" for c in FTS_SOURCES)
FTS_INSERT = (
    "INSERT INTO articles_fts(rowid, title, subtitle, body, authors) "
    f"VALUES ({_KEY}, {_VALUES});"
)
FTS_DELETE = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, body, authors) "
    f"VALUES ('delete', {_KEY}, {_VALUES});"
)

SEARCH_SQL = f"""
CREATE INDEX articles_published ON articles(published_ts);
CREATE INDEX articles_sort ON articles(sort_ts);
CREATE INDEX articles_site_sort ON articles(site, sort_ts);
CREATE TABLE na_meta (key TEXT PRIMARY KEY, value TEXT);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, subtitle, body, authors,
    content='', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25({", ".join(map(str, BM25_WEIGHTS))})');
-- ingest speed: a larger in-memory term buffer and fewer, later segment merges
-- (measured: 2-3x faster bulk inserts; queries unaffected at 1M articles)
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('crisismerge', 32);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    {FTS_INSERT.format(t="new")}
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    {FTS_DELETE.format(t="old")}
END;
CREATE TRIGGER articles_fts_update
AFTER UPDATE OF title, subtitle, body, author_names ON articles BEGIN
    {FTS_DELETE.format(t="old")}
    {FTS_INSERT.format(t="new")}
END;
CREATE VIEW latest_articles AS
SELECT a.id, a.site, a.section, a.published_at, a.title, a.subtitle,
    (SELECT group_concat(name, ', ') FROM (
        SELECT au.name FROM article_authors aa JOIN authors au ON au.id = aa.author_id
        WHERE aa.article_id = a.id ORDER BY aa.position)) AS authors,
    a.url, a.char_count, a.first_seen, a.last_seen
FROM articles a ORDER BY a.sort_ts DESC, a.id DESC;
CREATE VIEW teaser_graph AS
SELECT t.article_id AS source_id, s.title AS source_title, s.site AS source_site,
    t.box, t.position, t.title AS teaser_title, t.url AS target_url,
    t.target_article_id AS target_id, ta.title AS target_title
FROM teasers t JOIN articles s ON s.id = t.article_id
LEFT JOIN articles ta ON ta.id = t.target_article_id;
CREATE VIEW articles_per_day AS
SELECT site, substr(coalesce(published_at, first_seen), 1, 10) AS day, count(*) AS articles
FROM articles GROUP BY site, day ORDER BY day DESC, site;
"""


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the triggers and canned queries need, on one connection."""
    from pipelines.store.hangul import rewrite_query, snippet_for_query

    conn.create_function("na_hangul_bigrams", 1, hangul_bigrams, deterministic=True)
    conn.create_function("na_fts_query", 1, rewrite_query, deterministic=True)
    conn.create_function("na_snippet", 2, snippet_for_query, deterministic=True)
    conn.create_function("na_teaser_card", 3, card_id, deterministic=True)


def _script(db: Database, sql: str) -> None:
    # sqlite3.executescript commits first; run statement by statement inside the
    # migration's transaction instead (triggers contain ';', so split on blank-safe
    # statement ends with sqlite3.complete_statement).
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            db.conn.execute(buf)
            buf = ""
    if buf.strip():
        db.conn.execute(buf)


@migrations()
def m001_base(db: Database) -> None:
    _script(db, BASE_SQL)


@migrations()
def m002_search(db: Database) -> None:
    _script(db, SEARCH_SQL)
    rebuild_fts(db.conn)


_PENDING = "SELECT 1 FROM fts_pending WHERE id = {t}.id"

INDEX_AT_COMMIT_SQL = f"""
CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);
-- 4 KB leaf pages instead of 1 KB: fewer, larger segment pages (measured ~15% faster
-- inserts; applies to segments written from now on)
INSERT INTO articles_fts(articles_fts, rank) VALUES ('pgsz', 4000);
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO fts_pending(id) VALUES (new.id);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, subtitle, body, authors)
    SELECT 'delete', {_KEY.format(t="old")}, {_VALUES.format(t="old")}
    WHERE NOT EXISTS ({_PENDING.format(t="old")});
    DELETE FROM fts_pending WHERE id = old.id;
END;
CREATE TRIGGER articles_fts_update
AFTER UPDATE OF title, subtitle, body, author_names ON articles
WHEN NOT EXISTS ({_PENDING.format(t="old")}) BEGIN
    {FTS_DELETE.format(t="old")}
    {FTS_INSERT.format(t="new")}
END;
"""


def flush_index(conn: sqlite3.Connection,
                analysed: dict[int, tuple[str | None, ...]] | None = None) -> int:
    """Index the articles queued since the last flush; call inside the write transaction.

    ``analysed`` holds what the writer already knows: the index texts of articles it
    wrote in this transaction, by id (``index_texts`` of their rows). Those are bound as
    they are; the other queued articles are read back and analysed by
    ``na_hangul_bigrams``. Reading a row back and four calls into Python for it cost as
    much again as analysing the values in the writer (3.9 against 1.75 s for 100,000
    benchmark articles). The writer must drop an article from ``analysed`` when it
    changes the article's text.

    Returns how many were indexed. Ascending rowids keep FTS5 appending to its buffer.
    """
    ids = [r[0] for r in conn.execute("SELECT id FROM fts_pending ORDER BY id")]
    if not ids:
        return 0
    known = analysed or {}
    # a step per row: a multi-row INSERT into FTS5 opens a statement savepoint, which
    # makes FTS5 flush its buffer every 16 rows (50% slower in all)
    conn.executemany("INSERT INTO articles_fts(rowid, title, subtitle, body, authors) "
                     "VALUES (?,?,?,?,?)", [(i, *known[i]) for i in ids if i in known])
    rest = [i for i in ids if i not in known]
    if rest:
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, subtitle, body, authors) "
            f"SELECT {_KEY.format(t='a')}, {_VALUES.format(t='a')} FROM articles a "
            "WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id",
            (json.dumps(rest),))
    conn.execute("DELETE FROM fts_pending")
    return len(ids)


def index_texts(row: dict[str, Any]) -> tuple[str | None, ...]:
    """What the index holds for an articles row with these values (for ``flush_index``)."""
    return tuple(hangul_bigrams(row[c]) for c in FTS_SOURCES)


#: Articles re-indexed by one statement of ``rebuild_fts``.
REBUILD_CHUNK = 10_000


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Re-index every article (after an analyzer change, or to repair the index).

    One statement per ``REBUILD_CHUNK`` ids, in id order: one ``INSERT ... SELECT`` over
    the whole archive held memory that grew with it (386 MB at 100,000 articles against
    133 MB in chunks of 10,000, at the same speed).
    """
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts_pending'").fetchone():
        conn.execute("DELETE FROM fts_pending")
    last = conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
    for low in range(0, last + 1, REBUILD_CHUNK):
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, subtitle, body, authors) "
            f"SELECT {_KEY.format(t='a')}, {_VALUES.format(t='a')} FROM articles a "
            "WHERE a.id >= ? AND a.id < ? ORDER BY a.id", (low, low + REBUILD_CHUNK))
    conn.execute(
        "INSERT INTO na_meta(key, value) VALUES ('analyzer_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(ANALYZER_VERSION),),
    )


@migrations()
def m003_index_at_commit(db: Database) -> None:
    _script(db, INDEX_AT_COMMIT_SQL)


#: Articles per ``sort_blocks`` row (ids ``n << SORT_BLOCK_BITS`` and up share a row).
SORT_BLOCK_BITS = 10

_RAISE_BLOCK = f"""
    INSERT INTO sort_blocks(block, max_ts) VALUES (new.id >> {SORT_BLOCK_BITS}, new.sort_ts)
    ON CONFLICT(block) DO UPDATE SET max_ts = max(max_ts, excluded.max_ts);"""

SORT_BLOCKS_SQL = f"""
CREATE TABLE sort_blocks (
    block INTEGER PRIMARY KEY,                 -- article id >> {SORT_BLOCK_BITS}
    max_ts INTEGER NOT NULL                    -- no article of the block sorts later
);
INSERT INTO sort_blocks(block, max_ts)
SELECT id >> {SORT_BLOCK_BITS}, max(sort_ts) FROM articles GROUP BY 1;
CREATE TRIGGER sort_blocks_insert AFTER INSERT ON articles BEGIN{_RAISE_BLOCK}
END;
CREATE TRIGGER sort_blocks_update AFTER UPDATE OF sort_ts ON articles
WHEN new.sort_ts > old.sort_ts BEGIN{_RAISE_BLOCK}
END;
"""


@migrations()
def m004_sort_blocks(db: Database) -> None:
    _script(db, SORT_BLOCKS_SQL)


TEASER_CARDS_SQL = """
CREATE TABLE teaser_cards (
    id INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL UNIQUE,              -- na_teaser_card(url, title, snippet)
    url TEXT NOT NULL,                         -- canonical URL of the teased article
    title TEXT,
    snippet TEXT,
    target_article_id INTEGER REFERENCES articles(id)
);
-- only unlinked cards need finding by URL (when their target gets archived)
CREATE INDEX teaser_cards_pending_url ON teaser_cards(url) WHERE target_article_id IS NULL;
CREATE INDEX teaser_cards_target ON teaser_cards(target_article_id);
CREATE TABLE page_teasers (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    box TEXT,
    card_id INTEGER NOT NULL REFERENCES teaser_cards(id)
);
CREATE INDEX page_teasers_article ON page_teasers(article_id);
CREATE INDEX page_teasers_card ON page_teasers(card_id);
INSERT INTO teaser_cards(hash, url, title, snippet, target_article_id)
SELECT na_teaser_card(url, title, snippet), url, title, snippet, max(target_article_id)
FROM teasers GROUP BY 1 ORDER BY min(id);
INSERT INTO page_teasers(id, article_id, position, box, card_id)
SELECT t.id, t.article_id, t.position, t.box, c.id FROM teasers t
JOIN teaser_cards c ON c.hash = na_teaser_card(t.url, t.title, t.snippet) ORDER BY t.id;
DROP TABLE teasers;
CREATE VIEW teasers AS
SELECT p.id, p.article_id, p.position, p.box, c.title, c.url, c.snippet, c.target_article_id
FROM page_teasers p JOIN teaser_cards c ON c.id = p.card_id;
"""


@migrations()
def m005_teaser_cards(db: Database) -> None:
    _script(db, TEASER_CARDS_SQL)


CARD_URL_RANGES_SQL = """
-- OR IGNORE: two old cards that now share a hash (a ~2**-35 chance a pair of the same
-- URL) keep the old hash of the second; it reads back unchanged through page_teasers
UPDATE OR IGNORE teaser_cards SET hash = na_teaser_card(url, title, snippet);
DROP INDEX teaser_cards_pending_url;
DROP INDEX teaser_cards_target;
CREATE INDEX teaser_cards_target ON teaser_cards(target_article_id)
WHERE target_article_id IS NOT NULL;
"""


@migrations()
def m006_card_url_ranges(db: Database) -> None:
    _script(db, CARD_URL_RANGES_SQL)


#: Why 16: FTS5 merges a level's segments into one segment of the level above once the
#: level holds ``automerge`` of them, so each index page is rewritten once per level, and
#: each level is ``automerge`` times larger than the one below. At 100,000 articles (100
#: commits of 1,000) that is two levels with 16 against three with 8: 10% fewer bytes
#: written, and 1,875 against 1,750 articles/s (means of three interleaved 100,000-article
#: ingests each). The cost is more segments for a query to visit (25 against 21 at
#: 1,000,000 articles), and searches at that size were timed for it: every query class
#: within the run-to-run spread (docs/performance.md, "Schema version 7").
FEWER_MERGES_SQL = """
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
"""


@migrations()
def m007_fewer_merges(db: Database) -> None:
    _script(db, FEWER_MERGES_SQL)


#: Why ``ascii``: the index analysis (``pipelines.store.hangul``, analyzer version 2) now
#: folds every character that is not ASCII or Hangul itself, so the tokenizer only has
#: to split ASCII words and lower their case. ``unicode61`` decoded and looked up every
#: character of the analysed text, mostly Hangul bigrams; the ``ascii`` tokenizer
#: indexes the same tokens with a fifth less CPU (docs/performance.md, "Schema version
#: 8"). The table is made again with the options of versions 2, 3 and 7, and refilled.
ASCII_TOKENIZER_SQL = f"""
-- emptied first: dropping the full table held ~3.4 KB of memory per indexed article
INSERT INTO articles_fts(articles_fts) VALUES ('delete-all');
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, subtitle, body, authors, content='', tokenize='ascii'
);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25({", ".join(map(str, BM25_WEIGHTS))})');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 33554432);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('crisismerge', 32);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('pgsz', 4000);
"""


@migrations()
def m008_ascii_tokenizer(db: Database) -> None:
    _script(db, ASCII_TOKENIZER_SQL)
    rebuild_fts(db.conn)


def migrate(db: Database) -> None:
    """Apply pending migrations, then re-index if the Hangul analyzer changed."""
    if migrations.pending(db):
        try:
            migrations.apply(db)
        except sqlite3.OperationalError as exc:
            # another process created the archive at the same moment: its migrations
            # won; check again (apply() only runs what is still pending)
            if "already exists" not in str(exc):
                raise
            migrations.apply(db)
    row = db.conn.execute("SELECT value FROM na_meta WHERE key = 'analyzer_version'").fetchone()
    if row is None or row[0] != str(ANALYZER_VERSION):
        with db.atomic():
            rebuild_fts(db.conn)
    elif db.conn.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone():
        with db.atomic():  # rows a plain-SQL writer inserted since the last flush
            flush_index(db.conn)
    if db.conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def pending(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def pending_at(path: str) -> list[str]:
    """The migrations an archive file still needs, read without changing it."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return pending(Database(conn))
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"cannot read archive {path}: {exc}") from None
    finally:
        conn.close()
