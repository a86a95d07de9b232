"""Datasette plugin: reading and searching the archive in datasette.

(``exports.datasette_plugin`` registers the SQL functions; this plugin shapes the pages.)

* **Korean search in the table's own search box.** Datasette's table search runs
  ``fts_pk in (select rowid from FTS where FTS match escape_fts(:search))``: that needs an
  FTS table datasette can detect (ours is contentless, so it is not detected) and it would
  pass the user's words to FTS5 unanalysed (``서초구`` would never match the bigram index).
  Instead a ``filters_from_request`` hook handles ``?_search=`` on ``articles`` and
  ``latest_articles``: the query goes through the archive's own parser
  (``pipelines.store.hangul.rewrite_query``, the CLI's), is bound as a parameter, and the
  search box is shown (``supports_search``). Bad syntax is a 400 with the parser's message.
* **Facets** datasette lacks: ``month`` (``{"month": "published_at"}``: YYYY-MM, newest
  first, selecting one filters ``published_at__startswith``) and ``author`` (through
  ``article_authors``; selecting one adds ``?_na_author=ID``, handled by the same hook).
* **Article pages**: the ``articles`` row page shows the title, authors, the body as
  paragraphs, the teasers on the page (linked to their archived articles) and the
  articles that tease it (``templates/row.html``; every other row page is datasette's).
  Archived text is only ever inserted as escaped text (Jinja autoescape, ``markupsafe``);
  links to the web are emitted only for ``http(s)`` URLs.
* ``render_cell``: long bodies are cut to an excerpt in tables, and ``article_id`` /
  ``source_id`` / ``target_id`` columns of query results link to the article page.

Enabled through the ``datasette`` entry point ``newsarchive_browse = exports.browse``.
"""
from __future__ import annotations

import urllib.parse
from typing import Any

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args
from datasette.utils import urlsafe_components
from datasette.utils.asgi import BadRequest
from markupsafe import Markup

from pipelines.errors import SearchQueryError
from pipelines.store.hangul import rewrite_query

#: Tables and views with an article ``id`` that the search box works on.
SEARCHABLE = ("articles", "latest_articles")
#: Query-result columns holding article ids, rendered as links to the article page.
ARTICLE_ID_COLUMNS = ("article_id", "source_id", "target_id")
EXCERPT_CHARS = 280
#: Query-string argument of the author facet: articles by this author id.
AUTHOR_ARG = "_na_author"

_archive_dbs: dict[tuple[int, str], bool] = {}


async def is_archive(datasette: Any, database: str | None) -> bool:
    """Whether a datasette database is a newsarchive archive (cached per database)."""
    if not database:
        return False
    try:
        db = datasette.get_database(database)
    except KeyError:
        return False
    key = (id(db), database)
    if key not in _archive_dbs:
        _archive_dbs[key] = (await db.table_exists("articles")
                             and await db.table_exists("articles_fts"))
    return _archive_dbs[key]


def web_url(url: Any) -> str | None:
    """url if it is an http(s) URL (safe as an href), else None (no javascript: etc.)."""
    if not isinstance(url, str):
        return None
    cleaned = url.strip()
    scheme = urllib.parse.urlsplit(cleaned).scheme.lower()
    return cleaned if scheme in ("http", "https") and not any(c in cleaned for c in "\x00\n\r") \
        else None


def paragraphs(body: str | None) -> list[list[str]]:
    """The body as paragraphs (blank-line separated), each a list of its lines."""
    out = []
    text = (body or "").replace("\x00", "").replace("\r\n", "\n")
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out


# ------------------------------------------------------------------------------ search


@hookimpl(trylast=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if table not in SEARCHABLE:
        return None

    async def inner() -> FilterArguments | None:
        if not await is_archive(datasette, database):
            return None
        where: list[str] = []
        params: dict[str, Any] = {}
        human: list[str] = []
        extra: dict[str, Any] = {"supports_search": True}
        query = (request.args.get("_search") or "").strip()
        if query:
            try:
                params["na_search"] = rewrite_query(query)
            except SearchQueryError as exc:
                raise BadRequest(f"Search: {exc}") from None
            where.append("id in (select rowid from articles_fts where articles_fts match "
                         ":na_search)")
            human.append(f'search matches "{query}"')
            extra["search"] = query
        # ?_na_author=ID (the author facet); not datasette's _through, whose parameter
        # name collides with column filters' in 0.65 (both use :p0)
        db = datasette.get_database(database)
        for i, value in enumerate(request.args.getlist(AUTHOR_ARG)):
            if not value.isdigit():
                raise BadRequest(f"{AUTHOR_ARG} must be an author id")
            params[f"na_author_{i}"] = int(value)
            where.append("id in (select article_id from article_authors "
                         f"where author_id = :na_author_{i})")
            row = (await db.execute("select name from authors where id = ?", [int(value)])).first()
            human.append(f'author is "{row[0] if row else value}"')
        return FilterArguments(where, params, human, extra)

    return inner


# ------------------------------------------------------------------------------ facets


class MonthFacet(Facet):
    """``{"month": "published_at"}``: counts per YYYY-MM of an ISO date column."""

    type = "month"

    async def suggest(self) -> list:
        return []

    async def facet_results(self) -> tuple[list, list]:
        results, timed_out = [], []
        args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            col = escape_sqlite(column)
            sql = (f"select substr({col}, 1, 7) as value, count(*) as count from ({self.sql}) "
                   f"where {col} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
                   f"group by value order by value desc limit {size + 1}")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            key = f"{column}__startswith"
            values = []
            for row in rows.rows[:size]:
                selected = args.get(key) == row["value"]
                path = (path_with_removed_args(self.request, {key: row["value"]}) if selected
                        else path_with_added_args(self.request, {key: row["value"]}))
                values.append({"value": row["value"], "label": row["value"],
                               "count": row["count"], "selected": selected,
                               "toggle_url": self.ds.absolute_url(self.request, path)})
            results.append({
                "name": column, "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_month": column}),
                "truncated": len(rows.rows) > size,
            })
        return results, timed_out


class AuthorFacet(Facet):
    """``{"author": "authors"}`` on ``articles``: counts per author (article_authors)."""

    type = "author"

    async def suggest(self) -> list:
        return []

    async def facet_results(self) -> tuple[list, list]:
        results: list = []
        timed_out: list = []
        if self.table != "articles":
            return results, timed_out
        args = dict(self.get_querystring_pairs())
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            name = config.get("column") or config.get("simple") or "authors"
            sql = ("select au.id as author_id, au.name as name, au.outlet as outlet, "
                   "count(*) as count from article_authors aa "
                   "join authors au on au.id = aa.author_id "
                   f"where aa.article_id in (select id from ({self.sql})) "
                   f"group by au.id order by count desc, au.name limit {size + 1}")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(name)
                continue
            values = []
            for row in rows.rows[:size]:
                value = str(row["author_id"])
                selected = args.get(AUTHOR_ARG) == value
                path = (path_with_removed_args(self.request, {AUTHOR_ARG: value}) if selected
                        else path_with_added_args(self.request, {AUTHOR_ARG: value}))
                label = row["name"] + (f" ({row['outlet']})" if row["outlet"] else "")
                values.append({"value": row["author_id"], "label": label, "count": row["count"],
                               "selected": selected,
                               "toggle_url": self.ds.absolute_url(self.request, path)})
            results.append({
                "name": name, "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_author": name}),
                "truncated": len(rows.rows) > size,
            })
        return results, timed_out


@hookimpl
def register_facet_classes() -> list:
    return [MonthFacet, AuthorFacet]


# ------------------------------------------------------------------------------ cells


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Any:
    if table == "articles" and column == "body" and isinstance(value, str):
        if len(value) <= EXCERPT_CHARS:
            return None
        cut = value[:EXCERPT_CHARS].rsplit(" ", 1)[0]
        return Markup("{}…").format(" ".join(cut.split()))
    if table is None and column in ARTICLE_ID_COLUMNS and isinstance(value, int):
        async def link() -> Any:
            if not await is_archive(datasette, database):
                return None
            href = datasette.urls.row(database, "articles", value)
            return Markup('<a href="{}">{}</a>').format(href, value)

        return link
    return None


# ------------------------------------------------------------------------------ row page


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None,
                        view_name: str, request: Any, datasette: Any) -> Any:
    if view_name != "row" or table != "articles" or request is None:
        return None

    async def inner() -> dict:
        if not await is_archive(datasette, database):
            return {}
        try:
            article_id = int(urlsafe_components(request.url_vars["pks"])[0])
        except (KeyError, ValueError, IndexError):
            return {}
        return {"na_article": await load_article(datasette, database, article_id)}

    return inner


async def load_article(datasette: Any, database: str, article_id: int) -> dict | None:
    """What the article page shows, with every link precomputed (safe hrefs only)."""
    db = datasette.get_database(database)
    row = (await db.execute(
        "select id, url, site, section, title, subtitle, published_at, modified_at, body, "
        "first_seen, last_seen from articles where id = ?", [article_id])).first()
    if row is None:
        return None
    urls = datasette.urls

    def article_href(target: int) -> str:
        return urls.row(database, "articles", target)

    authors = []
    for a in (await db.execute(
            "select au.id, au.name, au.email, au.outlet, aa.role from article_authors aa "
            "join authors au on au.id = aa.author_id where aa.article_id = ? "
            "order by aa.position", [article_id])).rows:
        authors.append({"name": a["name"], "role": a["role"], "email": a["email"],
                        "href": urls.table(database, "articles") + "?"
                        + urllib.parse.urlencode({AUTHOR_ARG: a["id"]})})
    teasers = [
        {"title": t["title"] or t["url"], "box": t["box"], "snippet": t["snippet"],
         "href": article_href(t["target_article_id"]) if t["target_article_id"] else None,
         "web": web_url(t["url"])}
        for t in (await db.execute(
            "select title, url, box, snippet, target_article_id from teasers "
            "where article_id = ? order by position", [article_id])).rows
    ]
    teased_by = [
        {"title": t["title"] or f"#{t['article_id']}", "site": t["site"], "box": t["box"],
         "href": article_href(t["article_id"])}
        for t in (await db.execute(
            "select t.article_id, a.title, a.site, t.box from teasers t "
            "join articles a on a.id = t.article_id where t.target_article_id = ? "
            "group by t.article_id order by a.sort_ts desc limit 200", [article_id])).rows
    ]
    versions = (await db.execute(
        "select count(*) from article_versions where article_id = ?", [article_id])).first()[0]
    return {
        "id": row["id"], "title": row["title"], "subtitle": row["subtitle"],
        "site": row["site"], "section": row["section"], "published_at": row["published_at"],
        "modified_at": row["modified_at"], "first_seen": row["first_seen"],
        "last_seen": row["last_seen"], "url": row["url"], "web": web_url(row["url"]),
        "paragraphs": paragraphs(row["body"]), "authors": authors, "teasers": teasers,
        "teased_by": teased_by, "versions": versions,
        "versions_href": urls.table(database, "article_versions") + f"?article_id={article_id}",
    }


__all__ = ["AuthorFacet", "MonthFacet", "is_archive", "load_article", "paragraphs", "web_url"]
