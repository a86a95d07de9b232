"""Running a full-text search against the archive, and building readable snippets.

Plans (the FTS5 rowid is the article id):

* rank: bm25 (weights in ``schema.BM25_WEIGHTS``) computed inside the FTS5 query with
  ``ORDER BY rank LIMIT n``, by ``na_bm25`` where it is installed (``fts5rank``: the
  same order without bm25's pass over every match of a one-phrase query, nor a
  statement per row for its length); without filters by ``na_bm25_top`` (the same n
  best rows, reading the length only of rows that can still be among them). Only with
  a filter (site, section, author, dates) is the FTS result joined to ``articles``
  before the LIMIT, ranked by ``na_bm25`` (a filtered-out row must not count towards
  the n best). For a very common term (a two-syllable word can match a tenth of a
  million articles) ranking is done over the ``rank_window`` most recently archived
  matches (default 10,000; ``rank_window=None`` ranks all of them);
* newest first: walk the matches from the highest article id down (FTS5 reads its
  index backwards cheaply), looking up their dates 200 at a time, and stop once the
  ``sort_blocks`` bound (the latest date of any article with a lower id) cannot beat
  the LIMIT-th hit, or the matches run out. Archives grow in crawl order and an article
  is archived after it is published, so a common term stops within the first 200
  matches (1M articles: p95 5-11 ms for every query class, against 30-97 ms for
  sorting every match). Where dates do not follow ids (a bulk import in random order)
  it gives up after ``WALK_LIMIT`` matches and falls back to the plan it replaced:
  collect every matching id, then walk the ``articles(sort_ts)`` index from the newest
  end keeping ids in that set. (Per-row FTS5 probes, ``MATCH ... AND rowid = ?``, were
  measured at ~0.7 ms each.)

Snippets are cut from the *original* text in Python (the index holds bigrams, and is
contentless), around the first match, with every match in the window marked.
"""
from __future__ import annotations

import bisect
import heapq
import itertools
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any

from pipelines.errors import SearchQueryError
from pipelines.store.fts5rank import RANK, rank_for
from pipelines.store.hangul import make_snippet, parse_query
from pipelines.store.schema import SORT_BLOCK_BITS

#: Most matches the newest-first walk reads before it falls back to sorting every match
#: (a common term stops within the first 200 on an archive filled in crawl order).
WALK_LIMIT = 2_000
_WALK_CHUNK = 200
#: Default number of most recent matches bm25 ranks for very common terms.
RANK_WINDOW = 10_000

#: Widest UTC offset in use (+14:00): day filters widen the rowid range by this much.
_SLACK = 14 * 3600


@dataclass
class SearchHit:
    id: int
    url: str
    site: str | None
    section: str | None
    title: str | None
    published_at: str | None
    authors: list[str]
    snippet: str
    #: -bm25 (higher = better) for order="rank"; comparable within one query only (with
    #: one phrase na_bm25 leaves out its IDF, the same factor for every hit); 0.0 for newest
    score: float


def _parse_bound(value: Any) -> tuple[int | None, str | None]:
    """(unix seconds, None) for an instant, (None, 'YYYY-MM-DD') for a calendar day."""
    if value is None:
        return None, None
    if isinstance(value, str):
        value = value.strip()
        if len(value) == 10:
            try:
                return None, date.fromisoformat(value).isoformat()
            except ValueError:
                raise SearchQueryError(f"bad date {value!r}: use YYYY-MM-DD") from None
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise SearchQueryError(f"bad date {value!r}: use ISO 8601") from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return int(value.timestamp()), None
    if isinstance(value, date):
        return None, value.isoformat()
    raise SearchQueryError(f"bad date {value!r}")


def _day_ts(day: str, end: bool) -> int:
    d = date.fromisoformat(day)
    moment = datetime.combine(d, time.max if end else time.min, tzinfo=timezone.utc)
    return int(moment.timestamp()) + (_SLACK if end else -_SLACK)


def _bounds(since: Any, until: Any) -> tuple[int | None, int | None, str | None, str | None]:
    ts_lo, day_lo = _parse_bound(since)
    ts_hi, day_hi = _parse_bound(until)
    if day_lo is not None:
        ts_lo = _day_ts(day_lo, end=False)
    if day_hi is not None:
        ts_hi = _day_ts(day_hi, end=True)
    return ts_lo, ts_hi, day_lo, day_hi


def date_bounds(since: Any, until: Any) -> list[tuple[str, list]]:
    """SQL conditions on ``articles a`` for since/until (used by iter_articles)."""
    ts_lo, ts_hi, day_lo, day_hi = _bounds(since, until)
    out: list[tuple[str, list]] = []
    if ts_lo is not None:
        out.append(("a.sort_ts >= ?", [ts_lo]))
    if ts_hi is not None:
        out.append(("a.sort_ts <= ?", [ts_hi]))
    if day_lo is not None:
        out.append(("substr(coalesce(a.published_at, a.first_seen), 1, 10) >= ?", [day_lo]))
    if day_hi is not None:
        out.append(("substr(coalesce(a.published_at, a.first_seen), 1, 10) <= ?", [day_hi]))
    return out


def _block_bounds(conn: sqlite3.Connection) -> Callable[[int], float] | None:
    """article id -> the latest ``sort_ts`` any article with that id or a lower one can
    have (a running maximum over ``sort_blocks``); None when the table is empty."""
    rows = conn.execute("SELECT block, max_ts FROM sort_blocks ORDER BY block").fetchall()
    if not rows:
        return None
    blocks = [r[0] for r in rows]
    running = list(itertools.accumulate((r[1] for r in rows), max))

    def bound(article_id: int) -> float:
        i = bisect.bisect_right(blocks, article_id >> SORT_BLOCK_BITS) - 1
        return running[i] if i >= 0 else float("-inf")

    return bound


def _newest_by_walk(conn: sqlite3.Connection, fts: str, filters: list[str],
                    params: dict[str, Any], limit: int) -> list[tuple[int, None]] | None:
    """Newest first by walking the matches from the highest id down, in chunks.

    Exact: it stops only when no article with a lower id can sort after the LIMIT-th
    hit so far (ties go to the higher id, as in ``ORDER BY sort_ts DESC, id DESC``).
    None when that has not happened within ``WALK_LIMIT`` matches (an archive whose
    dates do not follow its ids); the caller then ranks every match instead.
    """
    bound = _block_bounds(conn)
    if bound is None:
        return None
    cur = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                       "ORDER BY rowid DESC", (fts,))
    sql = ("SELECT a.sort_ts, a.id FROM articles a WHERE a.id IN "
           "(SELECT value FROM json_each(:walk_ids))" + "".join(f" AND {f}" for f in filters))
    top: list[tuple[int, int]] = []  # min-heap of the best (sort_ts, id) so far
    walked = 0
    try:
        while chunk := [r[0] for r in cur.fetchmany(_WALK_CHUNK)]:
            walked += len(chunk)
            for item in conn.execute(sql, {**params, "walk_ids": json.dumps(chunk)}):
                if len(top) < limit:
                    heapq.heappush(top, item)
                elif item > top[0]:
                    heapq.heapreplace(top, item)
            if len(top) == limit and bound(chunk[-1]) <= top[0][0]:
                break
            if walked >= WALK_LIMIT:
                return None
    finally:
        cur.close()
    return [(article_id, None) for _, article_id in sorted(top, reverse=True)]


def match_ids(conn: sqlite3.Connection, query: str) -> set[int]:
    """Every article id matching a query (for tests, benchmarks, exports)."""
    fts = parse_query(query).fts
    try:
        return {r[0] for r in conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (fts,))}
    except sqlite3.OperationalError as exc:
        raise SearchQueryError(f"search failed for {query!r}: {exc}") from None


def run_search(conn: sqlite3.Connection, query: str, *, site: str | None = None,
               section: str | None = None, author: str | None = None, since: Any = None,
               until: Any = None, limit: int = 20, order: str = "rank",
               marks: tuple[str, str] = ("[", "]"), snippet_width: int = 200,
               rank_window: int | None = RANK_WINDOW) -> list[SearchHit]:
    if order not in ("rank", "newest"):
        raise SearchQueryError(f"unknown order {order!r}: use 'rank' or 'newest'")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 10_000:
        raise SearchQueryError(f"limit must be an integer from 1 to 10000, got {limit!r}")
    parsed = parse_query(query)
    ts_lo, ts_hi, day_lo, day_hi = _bounds(since, until)
    params: dict[str, Any] = {"q": parsed.fts, "limit": limit}
    filters = []
    if site is not None:
        filters.append("a.site = :site")
        params["site"] = site
    if section is not None:
        filters.append("a.section = :section")
        params["section"] = section
    if author is not None:
        filters.append(
            "EXISTS (SELECT 1 FROM article_authors aa JOIN authors au ON au.id = aa.author_id "
            "WHERE aa.article_id = a.id AND au.name = :author COLLATE NOCASE)")
        params["author"] = " ".join(author.split())
    if ts_lo is not None:
        filters.append("a.sort_ts >= :ts_lo")
        params["ts_lo"] = ts_lo
    if ts_hi is not None:
        filters.append("a.sort_ts <= :ts_hi")
        params["ts_hi"] = ts_hi
    if day_lo is not None:
        filters.append("substr(coalesce(a.published_at, a.first_seen), 1, 10) >= :day_lo")
        params["day_lo"] = day_lo
    if day_hi is not None:
        filters.append("substr(coalesce(a.published_at, a.first_seen), 1, 10) <= :day_hi")
        params["day_hi"] = day_hi
    where = " AND ".join(["articles_fts MATCH :q"] + filters)
    # a filter drops rows after ranking, so only an unfiltered query may rank the top n
    params["rank"] = RANK if filters else rank_for(top=limit)
    try:
        if order == "rank" and not filters and rank_window:
            params["window"] = rank_window
            ranked = conn.execute(
                "SELECT rowid, rank FROM (SELECT rowid, rank FROM articles_fts "
                "WHERE articles_fts MATCH :q AND rank MATCH :rank "
                "ORDER BY rowid DESC LIMIT :window) ORDER BY rank LIMIT :limit",
                params).fetchall()
        elif order == "rank" and not filters:
            ranked = conn.execute(
                "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH :q "
                "AND rank MATCH :rank ORDER BY rank LIMIT :limit", params).fetchall()
        elif order == "rank":
            ranked = conn.execute(
                "SELECT a.id, rank FROM articles_fts CROSS JOIN articles a "
                f"ON a.id = articles_fts.rowid WHERE {where} AND rank MATCH :rank "
                "ORDER BY rank LIMIT :limit",
                params).fetchall()
        else:
            ranked = _newest_by_walk(conn, parsed.fts, filters, params, limit)
            if ranked is None:  # dates do not follow ids here: take every match
                ids = [r[0] for r in conn.execute(
                    "SELECT a.id FROM articles a INDEXED BY articles_sort WHERE a.id IN "
                    "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)"
                    + "".join(f" AND {f}" for f in filters)
                    + " ORDER BY a.sort_ts DESC, a.id DESC LIMIT :limit", params)]
                ranked = [(i, None) for i in ids]
    except sqlite3.OperationalError as exc:
        raise SearchQueryError(f"search failed for {query!r}: {exc}") from None
    if not ranked:
        return []
    ids = [r[0] for r in ranked]
    marks_ph = ",".join("?" * len(ids))
    rows = {r[0]: r for r in conn.execute(
        "SELECT id, url, site, section, title, subtitle, published_at, body, author_names "
        f"FROM articles WHERE id IN ({marks_ph})", ids)}
    authors: dict[int, list[str]] = {}
    for article_id, name in conn.execute(
            "SELECT aa.article_id, au.name FROM article_authors aa JOIN authors au "
            f"ON au.id = aa.author_id WHERE aa.article_id IN ({marks_ph}) "
            "ORDER BY aa.article_id, aa.position", ids):
        authors.setdefault(article_id, []).append(name)
    regex = parsed.highlight_regex()
    hits = []
    for article_id, rank in ranked:
        r = rows.get(article_id)
        if r is None:  # index out of sync with the table: skip rather than crash
            continue
        snippet = None
        for text in (r[7], r[5], r[4], r[8]):
            snippet = make_snippet(text, regex, width=snippet_width, marks=marks)
            if snippet:
                break
        if not snippet:
            body = " ".join((r[7] or "").split())
            snippet = body[:snippet_width] + ("…" if len(body) > snippet_width else "")
        hits.append(SearchHit(article_id, r[1], r[2], r[3], r[4], r[6],
                              authors.get(article_id, []), snippet,
                              -float(rank) if rank is not None else 0.0))
    return hits

