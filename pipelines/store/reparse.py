"""Re-extraction from stored captures: improve the extractor, re-run it, no network.

Each article is re-extracted from the capture it was last stored from. Only a changed
result touches the article (the old text goes to ``article_versions``, exactly as when a
crawl sees an edited story); ``last_seen`` is not moved, because nothing was re-seen.
An extractor that fails on one page is counted and does not stop the run.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
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
    """Returns {'checked', 'changed', 'unchanged', 'failed'} (articles with a capture)."""
    from pipelines.store.archive import _article_filters

    where, params = _article_filters(site, since, None)
    where.append("a.capture_id IS NOT NULL")
    todo = archive.conn.execute(
        "SELECT a.id, a.text_hash, a.capture_id FROM articles a WHERE "
        + " AND ".join(where) + " ORDER BY a.id", params).fetchall()
    counts = {"checked": 0, "changed": 0, "unchanged": 0, "failed": 0}
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
                result = archive._run_write(archive._update_article, article_id, old_hash,
                                            article, values, capture_id, None, False)
                counts["changed" if result == "updated" else "unchanged"] += 1
                if progress is not None:
                    progress(counts["checked"], total)
    return counts
