"""Archives as an older newsarchive left them, for the upgrade tests of every layer."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from pipelines.store import schema


def old_archive(path: Path, stop_before: str,
                articles: list[tuple[str, str | None, str, str]]) -> Path:
    """An archive migrated up to (not including) ``stop_before``, holding ``articles``
    (url, site, title, body) indexed the way that version indexed them."""
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    schema.register_functions(db.conn)
    schema.migrations.apply(db, stop_before=stop_before)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO articles(url, site, title, body, sort_ts, text_hash, first_seen, "
            "last_seen) VALUES (?, ?, ?, ?, 1, 'h', 't', 't')", articles)
        schema.flush_index(db.conn)
    db.conn.close()
    return path
