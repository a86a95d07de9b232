"""Datasette plugin: the archive's Korean-aware search inside datasette.

Registers on every datasette connection the SQL functions the archive uses:

* ``na_hangul_bigrams(text)`` - the index analysis (needed by the FTS triggers, so
  writes through datasette keep the index in sync instead of failing);
* ``na_fts_query(q)`` - a user query rewritten to an FTS5 MATCH expression;
* ``na_snippet(text, q)`` - a plain-text snippet of text with matches in ``[...]``.

and adds a canned query ``search`` to databases that hold an archive::

    select a.id, a.published_at, a.site, a.title, na_snippet(a.body, :q) as snippet
    from articles_fts join articles a on a.id = articles_fts.rowid
    where articles_fts match na_fts_query(:q)
      and rank match 'na_bm25_top(50, ''articles_fts'', 4.0, ...)'
    order by rank limit 50

ranked by ``na_bm25_top`` (bm25's 50 best rows in bm25's order, without reading the
length of rows that cannot be among them; ``pipelines.store.fts5rank``), which importing
this plugin installs for the connections datasette opens, or by bm25 where it cannot be.

Enabled through the ``datasette`` entry point ``newsarchive = exports.datasette_plugin``.
"""
from __future__ import annotations

from typing import Any

from datasette import hookimpl

from pipelines.store.fts5rank import rank_for
from pipelines.store.schema import register_functions

#: Rows the canned search shows. Its join keeps every ranked row (the delete trigger
#: keeps the index and ``articles`` in step), so it can rank with na_bm25_top.
SEARCH_LIMIT = 50
SEARCH_SQL = f"""select a.id, a.published_at, a.site, a.section, a.title,
  na_snippet(a.body, :q) as snippet, a.url
from articles_fts join articles a on a.id = articles_fts.rowid
where articles_fts match na_fts_query(:q) and rank match '{rank_for(SEARCH_LIMIT).replace("'", "''")}'
order by rank limit {SEARCH_LIMIT}"""


@hookimpl
def prepare_connection(conn: Any) -> None:
    register_functions(conn)


@hookimpl
def canned_queries(datasette: Any, database: str) -> Any:
    async def inner() -> dict:
        db = datasette.get_database(database)
        if not await db.table_exists("articles_fts"):
            return {}
        return {"search": {"sql": SEARCH_SQL, "title": "Search articles (Korean-aware)",
                           "description": "Words, \"phrases\", OR, -exclude, prefix*"}}

    return inner
