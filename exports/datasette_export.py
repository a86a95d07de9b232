"""A browsable archive: a consistent snapshot plus the datasette configuration for it.

``export_datasette(db, out_dir)`` writes ``out_dir/archive.db`` with SQLite's online
backup API (one read transaction over a WAL database: safe and consistent while a crawl
is writing, which only ever appends to the WAL meanwhile) and ``out_dir/metadata.yml``:
titles and descriptions of every table and column, facets, sort orders, label columns,
canned queries (articles by author, the teaser graph, articles per site per day,
Korean-aware full-text search with snippets) and a dashboard of charts for the
``datasette-dashboards`` plugin (articles per day per site and per section).

``build_metadata(name)`` is the same configuration for a live archive; ``newsarchive
serve`` writes it to a temporary file and runs ``datasette serve --metadata`` on it.

Datasette is pinned to 0.65.x: it is the stable line; 1.0 is still alpha, and its
plugin hooks and metadata/configuration split differ (plugin settings and canned queries
moved to ``datasette.yaml``), which this configuration and ``exports.browse`` target.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import yaml

from pipelines.errors import ArchiveError

DASHBOARD = "archive-activity"

ARTICLE_COLUMNS = {
    "id": "Article id (stable within this archive)",
    "url": "Canonical URL of the article",
    "site": "Site name (the site file in seeds/)",
    "section": "Section as the site labels it",
    "title": "Headline",
    "subtitle": "Sub-headline (deck), if any",
    "published_at": "Publication time, ISO 8601 with the page's own UTC offset (KST for Korean sites)",
    "published_ts": "Publication time as unix seconds",
    "modified_at": "Last update time shown by the site, if any",
    "sort_ts": "Sort key: publication time, else when first archived (unix seconds)",
    "body": "Clean article text; paragraphs separated by blank lines",
    "author_names": "Authors, comma separated (see article_authors for roles and e-mails)",
    "language": "Detected language (ISO 639-1)",
    "char_count": "Length of the body in characters",
    "content_hash": "Hash of title and body as extracted",
    "text_hash": "Hash of normalised title, subtitle and body: a change makes a new version",
    "first_seen": "When the archive first stored the article (UTC)",
    "last_seen": "When a crawl last saw it (UTC)",
    "capture_id": "The stored HTTP response the current text was extracted from",
    "extractor_version": "Extractor version that produced the current text",
    "sources": "JSON: which rule produced each field (structured data, CMS, heuristics)",
}

SEARCH_SQL = """select a.id as article_id, a.published_at, a.site, a.section, a.title,
  coalesce(na_snippet(a.body, :q), na_snippet(a.title, :q),
    na_snippet(a.subtitle, :q), substr(a.body, 1, 200)) as snippet, a.author_names as authors, a.url
from articles_fts join articles a on a.id = articles_fts.rowid
where trim(:q) != '' and articles_fts match na_fts_query(:q)
  and (:site = '' or a.site = :site)
order by rank
limit 100"""

QUERIES: dict[str, dict[str, Any]] = {
    "search_articles": {
        "title": "Search articles (Korean-aware, with snippets)",
        "description": (
            "Full-text search as on the command line: Korean words match inside longer "
            "words (서초구 finds 서초구는), two-syllable words work, \"exact phrases\", OR, "
            "-exclude, prefix*. Leave site empty for every site. Best matches first."),
        "sql": SEARCH_SQL,
    },
    "articles_by_author": {
        "title": "Articles by author",
        "description": "Every article credited to an author (exact name), newest first.",
        "sql": """select a.id as article_id, a.published_at, a.site, a.section, a.title,
  aa.role, au.email, a.url
from authors au
join article_authors aa on aa.author_id = au.id
join articles a on a.id = aa.article_id
where au.name = :author
order by a.sort_ts desc
limit 1000""",
    },
    "most_teased": {
        "title": "Teaser graph: most-teased articles",
        "description": "Archived articles that the most other archived pages promote in "
                       "their teaser boxes.",
        "sql": """select t.target_article_id as article_id, ta.title, ta.site,
  ta.published_at, count(distinct t.article_id) as teased_by_pages,
  count(*) as teasers, group_concat(distinct t.box) as boxes
from teasers t join articles ta on ta.id = t.target_article_id
group by t.target_article_id
order by teased_by_pages desc, teasers desc
limit 200""",
    },
    "who_teases_whom": {
        "title": "Teaser graph: who teases whom",
        "description": "Teaser links between sites (and boxes): which site's pages promote "
                       "which site's articles, and how often. Unarchived targets count as "
                       "'(not archived)'.",
        "sql": """select s.site as source_site, coalesce(ta.site, '(not archived)') as target_site,
  t.box, count(*) as teasers, count(distinct t.article_id) as source_articles,
  count(distinct t.url) as target_urls
from teasers t join articles s on s.id = t.article_id
left join articles ta on ta.id = t.target_article_id
group by source_site, target_site, t.box
order by teasers desc""",
    },
    "teaser_links": {
        "title": "Teaser graph: edges of one article",
        "description": "Teasers on an article's page (out) and pages teasing it (in).",
        "sql": """select 'out' as direction, t.article_id as source_id, t.target_article_id as target_id,
  t.box, t.title as teaser_title, t.url
from teasers t where t.article_id = :article_id
union all
select 'in', t.article_id, t.target_article_id, t.box, t.title, t.url
from teasers t where t.target_article_id = :article_id""",
    },
    "articles_per_site_per_day": {
        "title": "Articles per site per day",
        "description": "Counts by publication day (the site's own calendar day; first-seen "
                       "day when no date was found). Chart: see the Dashboards menu.",
        "sql": """select substr(coalesce(published_at, first_seen), 1, 10) as day,
  coalesce(site, '') as site, count(*) as articles
from articles
group by day, site
order by day desc, site""",
    },
    "articles_per_section_per_day": {
        "title": "Articles per section per day",
        "description": "Counts by publication day and section (optionally one site).",
        "sql": """select substr(coalesce(published_at, first_seen), 1, 10) as day,
  coalesce(section, '') as section, count(*) as articles
from articles
where (:site = '' or site = :site)
group by day, section
order by day desc, articles desc""",
    },
}

_DAY = "substr(coalesce(published_at, first_seen), 1, 10)"


def dashboard(name: str) -> dict[str, Any]:
    """The ``datasette-dashboards`` configuration: charts of articles per day."""
    where = ("WHERE TRUE [[ AND site = :site ]] [[ AND " + _DAY + " >= :date_start ]] "
             "[[ AND " + _DAY + " <= :date_end ]]")

    def line(color: str) -> dict[str, Any]:
        return {
            "mark": {"type": "line", "point": True, "tooltip": True},
            "encoding": {
                "x": {"field": "day", "type": "temporal", "title": "day"},
                "y": {"field": "articles", "type": "quantitative", "title": "articles"},
                "color": {"field": color, "type": "nominal", "title": color},
            },
        }

    return {
        "title": "Archive activity",
        "description": "Articles per day, per site and per section (by publication day).",
        "layout": [["total", "per-site"], ["per-section", "per-section"]],
        "filters": {
            "site": {"name": "Site", "type": "select", "db": name,
                     "query": "SELECT DISTINCT site FROM articles WHERE site IS NOT NULL "
                              "ORDER BY site"},
            "date_start": {"name": "From", "type": "date"},
            "date_end": {"name": "Until", "type": "date"},
        },
        "charts": {
            "total": {"title": "Articles", "db": name, "library": "metric",
                      "query": f"SELECT count(*) AS articles FROM articles {where}",
                      "display": {"field": "articles"}},
            "per-site": {"title": "Articles per day per site", "db": name,
                         "library": "vega-lite", "display": line("site"),
                         "query": f"SELECT {_DAY} AS day, coalesce(site, '') AS site, "
                                  f"count(*) AS articles FROM articles {where} "
                                  "GROUP BY day, site ORDER BY day"},
            "per-section": {"title": "Articles per day per section", "db": name,
                            "library": "vega-lite", "display": line("section"),
                            "query": f"SELECT {_DAY} AS day, coalesce(section, '(none)') "
                                     f"AS section, count(*) AS articles FROM articles {where} "
                                     "GROUP BY day, section ORDER BY day"},
        },
    }


def build_metadata(name: str = "archive", *, title: str = "newsarchive",
                   source: str | None = None) -> dict[str, Any]:
    """Datasette metadata for an archive served under the database name ``name``."""
    articles = {
        "description": "One row per article (canonical URL), current text. Search box: "
                       "Korean-aware (서초구 finds 서초구는; two-syllable words work).",
        "columns": ARTICLE_COLUMNS,
        "facets": ["site", "section", {"author": "authors"}, {"month": "published_at"}],
        "sortable_columns": ["published_at", "sort_ts", "first_seen", "last_seen",
                             "char_count", "site", "section", "title"],
        "sort_desc": "sort_ts",
        "label_column": "title",
        "size": 50,
    }
    tables: dict[str, Any] = {
        "articles": articles,
        "latest_articles": {
            "description": "Articles newest first with their authors (a view).",
            "facets": ["site", "section", {"month": "published_at"}],
        },
        "authors": {
            "description": "Bylined people, one row per name and outlet.",
            "columns": {"name": "Name as printed in the byline", "outlet": "Site name",
                        "email": "E-mail from the byline, if printed"},
            "label_column": "name", "facets": ["outlet"], "sort": "name",
        },
        "article_authors": {
            "description": "Which authors wrote which article, with their role "
                           "(기자, 특파원, ...) in byline order.",
            "columns": {"role": "Role in the byline", "position": "Order in the byline"},
            "facets": ["role"],
        },
        "teasers": {
            "description": "Previews of other articles embedded in an article's page "
                           "(related, popular, section boxes): the teaser graph's edges "
                           "(a view of page_teasers and teaser_cards).",
            "columns": {"article_id": "The page the teaser appears on",
                        "box": "The label of the box that shows it: a section (정치) "
                               "or its kind (많이 본 뉴스, Related)",
                        "title": "Teaser headline as shown", "url": "Teased URL (canonical)",
                        "snippet": "Teaser text, if any",
                        "target_article_id": "The teased article, once archived"},
            "facets": ["box"], "label_column": "title",
        },
        "teaser_cards": {
            "description": "Each distinct teaser card once (headline, URL, snippet, teased "
                           "article): sites repeat the same cards on every page. The "
                           "teasers view joins them to the pages that show them.",
            "columns": {"hash": "A hash of the URL, headline and snippet",
                        "target_article_id": "The teased article, once archived"},
            "label_column": "title",
        },
        "page_teasers": {
            "description": "Which teaser card each page shows, in which box and position.",
            "columns": {"article_id": "The page the teaser appears on",
                        "card_id": "The card (teaser_cards)"},
            "facets": ["box"],
        },
        "teaser_graph": {"description": "Teasers with their source and target article titles "
                                        "(a view); ids link to the article pages."},
        "articles_per_day": {"description": "Articles per site per publication day (a view).",
                             "facets": ["site"]},
        "article_versions": {
            "description": "Earlier texts of articles that changed, newest last.",
            "label_column": "title", "sort_desc": "id",
        },
        "captures": {"description": "Every stored HTTP response of an article page "
                                    "(bodies in capture_bodies, zstd).",
                     "facets": ["status"], "sort_desc": "id"},
        "capture_bodies": {"description": "Distinct response bodies, zstd-compressed (zlib "
                                          "in older archives), once "
                                          "each (keyed by sha256)."},
        "crawl_runs": {"description": "One row per crawl run: counts and errors (JSON).",
                       "facets": ["status"], "sort_desc": "id"},
        "sites": {"description": "Sites the archive has crawled.", "label_column": "name"},
        "articles_fts": {"description": "Full-text index (contentless FTS5 over Hangul "
                                        "bigrams): query it through the search box or the "
                                        "search_articles query.", "hidden": True},
        "na_meta": {"hidden": True},
    }
    for fts_shadow in ("articles_fts_config", "articles_fts_data", "articles_fts_docsize",
                       "articles_fts_idx", "articles_fts_content"):
        tables[fts_shadow] = {"hidden": True}
    meta: dict[str, Any] = {
        "title": title,
        "description_html": (
            "News articles archived by <a href=\"https://pypi.org/project/scrapy/\">Scrapy</a>-"
            "based newsarchive: search the <code>articles</code> table (Korean-aware), "
            "browse by site, section, author and month, follow the teaser graph, and see "
            "the <a href=\"/-/dashboards/" + DASHBOARD + "\">charts of articles per day</a>."),
        "source": source or "newsarchive crawl",
        "license": "Archived articles: copyright of their publishers; for research use",
        "databases": {name: {
            "description": "A newsarchive archive (schema: pipelines/store/schema.py).",
            "tables": tables,
            "queries": QUERIES,
        }},
        "plugins": {"datasette-dashboards": {DASHBOARD: dashboard(name)}},
    }
    return meta


def write_metadata(path: str | Path, name: str = "archive", **kwargs: Any) -> Path:
    path = Path(path)
    path.write_text(yaml.safe_dump(build_metadata(name, **kwargs), allow_unicode=True,
                                   sort_keys=False, width=100), encoding="utf-8")
    return path


def snapshot(db: str | Path, target: str | Path) -> Path:
    """Copy the archive to ``target`` with the SQLite backup API (a consistent snapshot).

    The source is opened read-only; the copy is done in one step (one read transaction),
    so a writer appending to the WAL meanwhile neither blocks nor restarts it. The copy
    is switched to rollback-journal mode so it is a single self-contained file.
    """
    db, target = Path(db), Path(target)
    if not db.exists():
        raise ArchiveError(f"no archive at {db}")
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot open archive {db}: {exc}") from None
    try:
        src.execute("PRAGMA busy_timeout = 30000")
        if src.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"
                       ).fetchone()[0] == 0:
            raise ArchiveError(f"{db} is not a newsarchive archive (no articles_fts)")
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise ArchiveError(f"snapshot of {db} failed its integrity check: {check}")
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise ArchiveError(f"cannot snapshot {db}: {exc}") from None
    finally:
        src.close()
    tmp.replace(target)
    return target


def export_datasette(db: str | Path, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``out_dir/archive.db`` (snapshot) and ``out_dir/metadata.yml``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = snapshot(db, out / "archive.db")
    meta = write_metadata(out / "metadata.yml", "archive", source=f"snapshot of {Path(db).name}")
    return target, meta
