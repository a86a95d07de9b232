"""Re-extraction from stored captures: improve the extractor, re-run it, no network.

Each article is re-extracted from the capture it was last stored from. Only a changed
result touches the article: a changed title, subtitle or body keeps the old text in
``article_versions``, exactly as when a crawl sees an edited story ("changed"); with the
text the same, authors, dates, section and language the new extractor finds differently
replace the old ones ("refreshed": no version, since the text did not change; a crawl
that sees the page again only fills what was unknown, but here the newer extractor is
the better witness). ``last_seen`` is not moved, because nothing was re-seen. An
extractor that fails on one page is counted and does not stop the run.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from pipelines.record import Article

if TYPE_CHECKING:
    from pipelines.store.archive import Archive

log = logging.getLogger(__name__)


def reparse(archive: "Archive", extract: Callable[[bytes, str, dict], Article], *,
            site: str | None = None, since: datetime | date | str | None = None,
            progress: Callable[[int, int], None] | None = None,
            batch_size: int = 200) -> dict:
    """Returns {'checked', 'changed', 'refreshed', 'unchanged', 'failed'} (articles with a
    capture)."""
    from pipelines.store.archive import _article_filters

    where, params = _article_filters(site, since, None)
    where.append("a.capture_id IS NOT NULL")
    todo = archive.conn.execute(
        "SELECT a.id, a.text_hash, a.capture_id FROM articles a WHERE "
        + " AND ".join(where) + " ORDER BY a.id", params).fetchall()
    counts = {"checked": 0, "changed": 0, "refreshed": 0, "unchanged": 0, "failed": 0}
    total = len(todo)
    for start in range(0, total, batch_size):
        with archive.batch():
            for article_id, old_hash, capture_id in todo[start:start + batch_size]:
                counts["checked"] += 1
                capture = archive.get_capture(capture_id)
                try:
                    if capture is None:
                        raise LookupError(f"capture {capture_id} is missing")
                    article = extract(capture.body, capture.final_url or capture.url,
                                      capture.headers)
                except Exception as exc:  # an extractor bug must not stop the run
                    log.warning("reparse of article %s failed: %s", article_id, exc)
                    counts["failed"] += 1
                    if progress is not None:
                        progress(counts["checked"], total)
                    continue
                values = archive._article_values(article)
                result = archive._run_write(_reparse_one, archive, article_id, old_hash,
                                            article, values, capture_id)
                counts[result] += 1
                if progress is not None:
                    progress(counts["checked"], total)
    return counts


#: Article columns a re-parse with the same text may correct.
_META = ("site", "section", "published_at", "published_ts", "modified_at", "language",
         "author_names")


def _reparse_one(conn: sqlite3.Connection, archive: "Archive", article_id: int, old_hash: str,
                 article: Article, values: dict, capture_id: int) -> str:
    """'changed', 'refreshed' or 'unchanged' (see the module docstring)."""
    old = conn.execute(f"SELECT {', '.join(_META)} FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    site = old[_META.index("site")]
    if site:
        # the site file the page was crawled under, not the extractor's guess from the
        # URL's host (a re-parse has no crawl to name it)
        values = {**values, "site": site}
        article = replace(article, site=site)
    if values["text_hash"] != old_hash:
        archive._update_article(conn, article_id, old_hash, article, values, capture_id, None,
                                False)
        return "changed"
    new = {c: values[c] if values[c] not in (None, "") else old[i] for i, c in enumerate(_META)}
    old_authors = [tuple(r) for r in conn.execute(
        "SELECT au.name, aa.role, au.email FROM article_authors aa "
        "JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = ? ORDER BY aa.position",
        (article_id,))]
    new_authors = _author_rows(article)
    authors_differ = bool(new_authors) and (
        [a[:2] for a in new_authors] != [a[:2] for a in old_authors]
        # an e-mail found now for an author stored without one (an author's e-mail is
        # kept once per outlet, so one missing now is no difference)
        or any(n[2] and not o[2] for n, o in zip(new_authors, old_authors)))
    if tuple(new[c] for c in _META) == tuple(old) and not authors_differ:
        return "unchanged"
    archive.text_changed(article_id)  # author_names is indexed
    conn.execute(
        "UPDATE articles SET " + ", ".join(f"{c} = :{c}" for c in _META)
        + ", sort_ts = coalesce(:published_ts, sort_ts), "
        "extractor_version = :extractor_version, sources = :sources WHERE id = :id",
        {**new, "extractor_version": values["extractor_version"],
         "sources": values["sources"], "id": article_id})
    if authors_differ:
        conn.execute("DELETE FROM article_authors WHERE article_id = ?", (article_id,))
        archive._store_authors(conn, article_id, article)
    return "refreshed"


def _author_rows(article: Article) -> list[tuple]:
    """(name, role, email) as ``Archive._store_authors`` would store them, in order."""
    from pipelines.record import normalise_text

    rows: list[tuple] = []
    seen: set[str] = set()
    for author in article.authors:
        name = normalise_text(author.name)
        if name and name not in seen:
            seen.add(name)
            rows.append((name, author.role, author.email or None))
    return rows
